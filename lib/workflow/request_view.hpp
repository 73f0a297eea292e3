#pragma once
// The documented JSON shapes of requests (man page, JSON OUTPUT; checked
// against man/hostingctl.schema.json).  Keys are a stable contract for
// scripts: add keys, never rename or remove them.  Absent values are null;
// a row of `request list` is a subset of `request show`, key path for key
// path (letter.received_at in both).
#include "util/json.hpp"
#include "workflow/request_rows.hpp"
#include "workflow/sla.hpp"
#include "workflow/workflow.hpp"

#include <optional>

namespace hostingctl {

// {"step": "dispose", "sop_step": 2, "roles": ["kepala_dinas"], "summary": "..."}
// or null for a closed request.
Json next_json(Status s);
// The same with `people`: who must take it (next_people), as {id, name}.
Json next_json(Status s, const std::string& officer, const std::vector<StaffMember>& staff);

// The full request: id, status, agency, agency_name, domain, app, ..., next,
// allowed, officer, letter, contact, hosting, sla (when given), events[].
Json request_json(const Request& r, const std::vector<Agency>& agencies,
                  const std::optional<Sla>& sla = std::nullopt);

// One row of `request list --json` and `request find --json`: id, status,
// agency, domain, officer, last_at, letter {number, subject, received_at},
// hosting {app}, next, sla (when given) -- each where `request show` has it.
Json summary_json(const RequestSummary& s, const std::optional<Sla>& sla = std::nullopt);

Json event_json(const Event& e);

} // namespace hostingctl
