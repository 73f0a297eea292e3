#pragma once
// The request workflow of the service standard: statuses, steps, which step
// may follow which status, and which role performs each step.  The status of
// a request is never stored; it is derived from its event log.
#include "model/action.hpp"
#include "people/people.hpp"

#include <optional>
#include <string>
#include <vector>

namespace hostingctl {

enum class Status {
    none, // before the letter is recorded
    received,
    disposed,
    assigned,
    incomplete,
    verified,
    provisioned,
    submitted,
    forwarded,
    approved,
    delivered,
    completed,
    rejected,
    cancelled,
};
const char* to_string(Status s);
std::optional<Status> parse_status(std::string_view s);
const std::vector<Status>& all_statuses();
bool is_terminal(Status s);
// A live request holds its domain; rejected and cancelled ones release it.
bool is_live(Status s);

// A step is an action that moves the status (model/action.hpp holds the
// one table of action names; record-only actions are not steps).
using Step = Action;

struct StepRule {
    Step step;
    const char* name;         // event action and CLI verb (from model/action.hpp)
    int sop;                  // SOP step number (1-9), 0 for side paths
    std::vector<Status> from; // statuses the step may follow
    Status to;                // resulting status (Status::none: unchanged)
    std::vector<Role> roles;  // any of these may perform it
    const char* summary;      // what the step means, for help and logs
};

// The steps, in workflow order.
const std::vector<StepRule>& step_rules();
// The rule of a step; Error(failure) for a record-only action.
const StepRule& rule(Step s);
// How a person takes the step: the words after "hostingctl request"
// ("new", "verify --incomplete", "dispose").
std::string step_command(Step s);
// A step by its name; nullopt for unknown names and record-only actions.
std::optional<Step> parse_step(std::string_view name);

// Applies an action to a status; nullopt when the transition is not
// allowed.  Notes and record-only actions leave any status (but none) as
// it is.
std::optional<Status> apply(Status from, Action action);

// Whether an event is a step that moves the status (not a note, not a
// record-only action).
bool moves_status(const Event& e);

// Reverts.  A `revert` event takes back the last step in effect before it
// (never the letter's recording): that step and the revert stop counting
// for the status, the assigned officer, the SLA clock, documents and
// reports, and stay in the log.  taken_back(events)[i] is true for each
// such step and for each revert; in_effect(events) is the log without them.
std::vector<bool> taken_back(const std::vector<Event>& events);
std::vector<Event> in_effect(const std::vector<Event>& events);
// The index of the step a revert appended now would take back, if any.
std::optional<size_t> last_step_in_effect(const std::vector<Event>& events);

// Derives the current status by replaying the log (reverts included).  A log that does not
// replay (hand-edited into an impossible order, unknown action) throws
// Error(damaged) naming the event and its line in the file.
Status derive_status(const std::vector<Event>& events);

// Steps that may follow a status, in workflow order (without "note").
std::vector<Step> allowed_steps(Status s);

// The step the standard expects next (e.g. dispose after received); nullopt
// for terminal statuses.
std::optional<Step> expected_next(Status s);

// The assigned technical officer (staff id), empty before assignment.
std::string assigned_officer(const std::vector<Event>& events);

// Who must take the step expected next: the assigned technical officer
// (`officer`) when the step is one a technical officer takes, else every
// active staff member holding one of its roles (the head of office for
// dispose and approve, the head of division for assign and forward).
// Empty for an ended request, or when nobody holds the role.
std::vector<const StaffMember*> next_people(Status s, const std::string& officer,
                                            const std::vector<StaffMember>& staff);

// Refuses (Error(refused)) a step not allowed from `current`; the message
// names the current status, the allowed next steps and who may take them.
void check_transition(const std::string& request_id, Status current, Step step);

// Refuses (Error(refused)) a performer who lacks the step's role, or who is
// not the Unix user running the command under the `self` recording policy.
void check_performer(Step step, const StaffMember& performer, const std::string& unix_user,
                     RecordingPolicy policy);

} // namespace hostingctl
