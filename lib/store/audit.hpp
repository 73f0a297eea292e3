#pragma once
// The audit log (PRODUCT §10): every change to staff, agencies, servers and
// configuration, in <root>/audit.yaml — who (login and staff id), when,
// what, and the record before and after.  Append-only: an entry is one
// line (a YAML flow mapping, which is also JSON) appended with O_APPEND and
// fsynced under the store lock, so a crash can lose at most the entry being
// written, never an earlier one, and `grep`, `tail` and any YAML reader
// read it.
#include "model/model.hpp"

#include <string>
#include <vector>

namespace hostingctl {

class Store;

struct AuditEntry {
    Timestamp at;
    std::string login;  // Unix user who made the change
    std::string by;     // staff id acting as admin; empty for the first admin
    std::string what;   // e.g. "staff.add", "staff.deactivate", "agency.add"
    std::string target; // the id of what changed
    Value before;       // its fields before (an empty map when it is new)
    Value after;        // and after
};

// Appends one entry.  The caller holds the store lock.
void append_audit(const Store& store, const AuditEntry& e);

// All entries, oldest first; Error(damaged) with file and line.
std::vector<AuditEntry> read_audit(const Store& store);

} // namespace hostingctl
