#include "model/action.hpp"

#include "util/i18n.hpp"

namespace hostingctl {

const std::vector<ActionInfo>& request_actions() {
    using A = Action;
    static const std::vector<ActionInfo> table = {
        {A::create, "new", false, {}, 1},
        {A::dispose,
         "dispose",
         false,
         {},
         1,
         {{"urgency", N_("nature of the letter: biasa, segera, sangat_segera or rahasia")},
          {"division",
           N_("the division it goes to (documents.divisions; default documents.division)")}}},
        {A::assign, "assign", false, {{"officer", N_("staff id of the technical officer")}}, 1},
        {A::verify, "verify", false, {}, 1},
        {A::incomplete,
         "incomplete",
         false,
         {{"missing", N_("what the agency must still send")}},
         1},
        {A::resume, "resume", false, {}, 1},
        {A::provision, "provision", false, {{"server", N_("server name from servers.yaml")}}, 1},
        {A::submit, "submit", false, {}, 1},
        {A::forward, "forward", false, {}, 1},
        {A::approve, "approve", false, {}, 1},
        {A::deliver, "deliver", false, {{"via", N_("how it was sent: email, letter or hand")}}, 1},
        {A::complete, "complete", false, {}, 1},
        {A::reject, "reject", false, {{"reason", N_("why the request is refused")}}, 1},
        {A::cancel, "cancel", false, {{"reason", N_("why it was withdrawn")}}, 1},
        {A::note, "note", false, {}, 1},
        {A::revert,
         "revert",
         false,
         {{"step", N_("the step taken back")}, {"reason", N_("why it is taken back")}},
         3},
        {A::provision_result,
         "provision_result",
         true,
         {{"server", N_("the web server provisioned on")},
          {"outcome", N_("changed, unchanged, failed or undone")}},
         2},
        {A::document,
         "document",
         true,
         {{"kind", N_("which document")}, {"number", N_("its letter number")}},
         2},
        {A::amend, "amend", true, {}, 3},
        {A::attach, "attach", true, {}, 3},
    };
    return table;
}

const ActionInfo& info(Action a) {
    // The table is in enum order; checked by a unit test.
    return request_actions()[static_cast<size_t>(a)];
}

const char* to_string(Action a) {
    return info(a).name;
}

std::optional<Action> parse_action(std::string_view name) {
    for (const auto& i : request_actions())
        if (name == i.name)
            return i.action;
    return std::nullopt;
}

bool is(const Event& e, Action a) {
    return e.action == info(a).name;
}

} // namespace hostingctl
