#pragma once
// Every action a request's event log may hold, in one table: the workflow
// steps, which move the status (their transitions and roles are in
// lib/workflow), and record-only actions, which keep a fact without
// changing the status (what provisioning did, a document's number).  Code
// names actions by the enum; only this table knows their spelling, so a
// typo does not compile.  The store checks every event it reads against
// this table: an unknown action or a step without its data is damage.
#include "model/model.hpp"

#include <optional>
#include <string_view>
#include <vector>

namespace hostingctl {

enum class Action {
    // Steps (in workflow order; side paths after).
    create, // "new": the letter is recorded
    dispose,
    assign,
    verify,
    incomplete,
    resume,
    provision,
    submit,
    forward,
    approve,
    deliver,
    complete,
    reject,
    cancel,
    note, // a remark; counted with the steps because people type it
    // Takes back the last step in effect (moves the status back; nothing
    // is deleted).  Not a step of the workflow table: it follows any status
    // that has a step to take back.
    revert,
    // Record-only actions.
    provision_result, // the outcome of one provisioning action
    document,         // a document was generated and numbered
    amend,            // letter, contact or hosting details corrected: field -> {before, after}
    attach,           // documents added to the letter after it was recorded
};

// A data entry an action always carries; for steps also the command's
// option (--key) that gives it.
struct DataField {
    const char* key;
    const char* help;
};

struct ActionInfo {
    Action action;
    const char* name;                     // as stored, and the command verb for steps
    bool record_only;                     // keeps a fact; never changes the status
    std::vector<DataField> required;      // data entries (texts) every such event has
    int since_schema;                     // first request schema that may hold it
    std::vector<DataField> optional = {}; // for steps: entries an option may add
};

const std::vector<ActionInfo>& request_actions();
const ActionInfo& info(Action a);
const char* to_string(Action a);
std::optional<Action> parse_action(std::string_view name);

// Whether a request event is of action `a`.
bool is(const Event& e, Action a);

} // namespace hostingctl
