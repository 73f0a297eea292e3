#pragma once
// Changes to the office's registries and configuration (PRODUCT §2, §5,
// §6, §10): staff, agencies, servers (and their trusted host keys) and the
// calendar's holidays.
// Each needs the admin role — held by the staff member mapped to the
// caller's login, never claimed with --by — and goes into the audit log
// (store/audit.hpp) under the same lock as the change.  A store with no
// active admin lets one change through: the one that makes the caller the
// first admin.  People are deactivated, never deleted, and a staff id is
// never given to another person.
#include "calendar/calendar.hpp"
#include "inventory/inventory.hpp"
#include "people/people.hpp"
#include "store/store.hpp"

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace hostingctl {

struct StaffInput {
    std::string id, name, nip, title, unix_user;
    std::vector<std::string> roles;
};

// Adds a person; Error(conflict) for an id in use now or ever before.
StaffMember add_staff(const Store& store, const StaffInput& in, const Caller& caller);

// Changes the given fields of a person (name, NIP, title, login; roles when
// `roles` is non-empty).  The id never changes.
struct StaffEdit {
    std::optional<std::string> name, nip, title, unix_user;
    std::vector<std::string> roles;
};
StaffMember edit_staff(const Store& store, const std::string& id, const StaffEdit& in,
                       const Caller& caller);

// Deactivates or reactivates a person.  `open_requests` are the open
// requests assigned to them (deactivation is refused while there are any).
StaffMember set_staff_active(const Store& store, const std::string& id, bool active,
                             const std::vector<std::string>& open_requests, const Caller& caller);

struct AgencyInput {
    std::string code, name, head, phone, email, address;
};
Agency add_agency(const Store& store, const AgencyInput& in, const Caller& caller);

// The server inventory.  add: Error(conflict) for a name in use.  edit:
// `change` is applied to the server as the file gives it (defaults left
// out), then the result is validated; the name never changes.  remove:
// refused while a DNS zone is changed on the server.
Server add_server(const Store& store, const Server& s, const Caller& caller);
Server edit_server(const Store& store, const std::string& name,
                   const std::function<void(Server&)>& change, const Caller& caller);
void remove_server(const Store& store, const std::string& name, const Caller& caller);

// Records a server's host key line in the store's known_hosts (audited as
// "server.trust").  The caller has shown the fingerprint and had it
// confirmed.  False when the line was there already.
bool trust_host_key(const Store& store, const std::string& server,
                    const std::string& known_hosts_line, const std::string& fingerprint,
                    const Caller& caller);

// A server's fields as an audit value.
Value server_value(const Server& s);

// Adds the all-day dates `found` in the calendar file `source` (see
// parse_ics) to the store's calendar, and confirms every year they fall in:
// the file is taken as the official list of those years.  The calendar file
// is rewritten, and the change audited as "calendar.import", only when a
// holiday or a confirmed year is new.
struct CalendarImport {
    int added = 0;       // holidays new to the calendar
    size_t holidays = 0; // in the calendar after the import
    std::set<int> years; // the years of the file, all confirmed now
};
CalendarImport import_holidays(const Store& store, const std::vector<Holiday>& found,
                               const std::string& source, const Caller& caller);

// The admin acting for `caller` (Error(refused) when there is none).  With
// no active admin in `staff`, nullptr when `makes_first_admin`.
const StaffMember* authorize_admin(const std::vector<StaffMember>& staff, const Caller& caller,
                                   bool makes_first_admin, std::string_view what);

// The same, as the admin's id (empty for the first admin): safe to keep
// while the list changes.
std::string admin_id(const std::vector<StaffMember>& staff, const Caller& caller,
                     bool makes_first_admin, std::string_view what);

// A person's fields as an audit value.
Value staff_value(const StaffMember& s);

} // namespace hostingctl
