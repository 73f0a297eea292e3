#pragma once
// `hostingctl store check`: everything in a store that a command would
// stumble on or that no command would ever clean up, found in one pass over
// every file, and what of it is safe to repair.
//
// Kinds of problem (the `kind` key of `store check --json`):
//   damaged            a file that cannot be read as what it should be: bad
//                      YAML, a newer schema, a log that does not replay, an
//                      id that differs from the file name, a folder or a
//                      misfiled entry where a record should be
//   orphan_documents   documents/<id>/ of no request (a killed request new)
//   staged_documents   documents/.staging/<pid>.<random>/ of a writer that
//                      is gone (a request new killed while copying)
//   duplicate_domain   two live requests (not rejected or cancelled) hold
//                      one domain
//   event_order        an event dated before the one above it in its log
//   missing_attachment a record names an attachment that is not there, or
//                      not of the recorded size
//   cache              a row of the row cache (.cache/requests.idx) that a
//                      listing would trust but that differs from its file
//   unreadable         a file or folder this login may not read (the file
//                      may be fine)
//   temp_file          a temp file of a dead writer (.NAME.tmp.PID.RANDOM,
//                      see fs::find_stale_temp_files) no sweep removed yet
//
// Repair moves orphaned and staged document folders to .trash/<date>/ (they
// are no request's, but they may be the only copy of a scan someone wants)
// deletes a cache that disagrees (the next listing rebuilds it) and the
// temp files of dead writers.  It
// never touches a record file, and nothing else is repairable: a damaged
// file, a duplicate domain or an event out of order needs a person.
#include "store/store.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace hostingctl {

enum class StoreProblemKind {
    damaged,
    unreadable,
    orphan_documents,
    staged_documents,
    duplicate_domain,
    event_order,
    missing_attachment,
    cache,
    temp_file,
};
const char* to_string(StoreProblemKind k);

struct StoreProblem {
    StoreProblemKind kind = StoreProblemKind::damaged;
    std::string path;        // relative to the store root
    std::optional<int> line; // 1-based, when the loader names one
    std::string message;     // what is wrong, without the path and line
    bool repairable = false; // `store check --repair` would take care of it
    std::string action;      // what the repair did (set once repaired)
};

struct StoreCheck {
    std::vector<StoreProblem> problems;               // what is (still) wrong, by path
    std::vector<StoreProblem> repaired;               // what --repair took care of
    size_t requests = 0, complaints = 0, surveys = 0; // record files read
    bool clean() const { return problems.empty(); }
};

// Reads every file of the store and lists its problems; changes nothing and
// takes no lock.  `now` is the caller's clock (seconds since the epoch).
StoreCheck check_store(const Store& store, int64_t now);

// The same under the store lock, then repairs what is repairable (see
// above) and moves it to `repaired`, with the action taken.
StoreCheck repair_store(const Store& store, int64_t now);

} // namespace hostingctl
