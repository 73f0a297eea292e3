#include "workflow/workflow.hpp"

#include "util/error.hpp"
#include "util/i18n.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace hostingctl {

namespace {
using S = Status;
using R = Role;
} // namespace

const std::vector<Status>& all_statuses() {
    static const std::vector<Status> s = {S::received, S::disposed,    S::assigned,  S::incomplete,
                                          S::verified, S::provisioned, S::submitted, S::forwarded,
                                          S::approved, S::delivered,   S::completed, S::rejected,
                                          S::cancelled};
    return s;
}

const char* to_string(Status s) {
    switch (s) {
    case S::none:
        return "none";
    case S::received:
        return "received";
    case S::disposed:
        return "disposed";
    case S::assigned:
        return "assigned";
    case S::incomplete:
        return "incomplete";
    case S::verified:
        return "verified";
    case S::provisioned:
        return "provisioned";
    case S::submitted:
        return "submitted";
    case S::forwarded:
        return "forwarded";
    case S::approved:
        return "approved";
    case S::delivered:
        return "delivered";
    case S::completed:
        return "completed";
    case S::rejected:
        return "rejected";
    case S::cancelled:
        return "cancelled";
    }
    return "?";
}

std::optional<Status> parse_status(std::string_view s) {
    for (Status st : all_statuses())
        if (s == to_string(st))
            return st;
    return std::nullopt;
}

bool is_terminal(Status s) {
    return s == S::completed || s == S::rejected || s == S::cancelled;
}
bool is_live(Status s) {
    return s != S::rejected && s != S::cancelled && s != S::none;
}

const std::vector<StepRule>& step_rules() {
    // Open statuses before delivery, from which a request may be rejected.
    static const std::vector<Status> rejectable = {S::received,   S::disposed, S::assigned,
                                                   S::incomplete, S::verified, S::provisioned,
                                                   S::submitted,  S::forwarded};
    static std::vector<Status> cancellable = [] {
        auto v = rejectable;
        v.push_back(S::approved);
        return v;
    }();
    static const std::vector<StepRule> rules = {
        {Step::create,
         to_string(Step::create),
         1,
         {S::none},
         S::received,
         {R::admin, R::petugas_teknis},
         N_("record the agency's request letter")},
        {Step::dispose,
         to_string(Step::dispose),
         2,
         {S::received},
         S::disposed,
         {R::kepala_dinas},
         N_("Head of Office writes the disposition")},
        {Step::assign,
         to_string(Step::assign),
         3,
         {S::disposed, S::assigned},
         S::assigned,
         {R::kepala_bidang},
         N_("Head of Division forwards the disposition to a technical officer")},
        {Step::verify,
         to_string(Step::verify),
         4,
         {S::assigned},
         S::verified,
         {R::petugas_teknis},
         N_("officer verifies the documents are complete")},
        {Step::incomplete,
         to_string(Step::incomplete),
         4,
         {S::assigned},
         S::incomplete,
         {R::petugas_teknis},
         N_("officer finds documents missing; waiting for the agency (SLA paused)")},
        {Step::resume,
         to_string(Step::resume),
         4,
         {S::incomplete},
         S::assigned,
         {R::petugas_teknis},
         N_("the missing documents arrived; verification resumes")},
        {Step::provision,
         to_string(Step::provision),
         5,
         {S::verified},
         S::provisioned,
         {R::petugas_teknis},
         N_("officer creates the domain and prepares the server")},
        {Step::submit,
         to_string(Step::submit),
         5,
         {S::provisioned},
         S::submitted,
         {R::petugas_teknis},
         N_("officer reports to the Head of Division")},
        {Step::forward,
         to_string(Step::forward),
         6,
         {S::submitted},
         S::forwarded,
         {R::kepala_bidang},
         N_("Head of Division asks the Head of Office to approve the hosting document")},
        {Step::approve,
         to_string(Step::approve),
         7,
         {S::forwarded},
         S::approved,
         {R::kepala_dinas},
         N_("Head of Office approves the hosting document")},
        {Step::deliver,
         to_string(Step::deliver),
         8,
         {S::approved},
         S::delivered,
         {R::petugas_teknis, R::admin},
         N_("the access-rights document is sent to the agency (SLA clock stops)")},
        {Step::complete,
         to_string(Step::complete),
         9,
         {S::delivered},
         S::completed,
         {R::petugas_teknis, R::admin},
         N_("the agency received access and uses the hosting")},
        {Step::reject,
         to_string(Step::reject),
         0,
         rejectable,
         S::rejected,
         {R::kepala_dinas, R::kepala_bidang},
         N_("the request is refused")},
        {Step::cancel,
         to_string(Step::cancel),
         0,
         cancellable,
         S::cancelled,
         {R::admin, R::petugas_teknis, R::kepala_bidang, R::kepala_dinas},
         N_("the agency withdrew the request")},
        {Step::note,
         to_string(Step::note),
         0,
         {},
         S::none,
         {R::admin, R::petugas_teknis, R::kepala_bidang, R::kepala_dinas, R::pejabat_pengaduan},
         N_("a remark; the status does not change")},
    };
    return rules;
}

const StepRule& rule(Step s) {
    for (const auto& r : step_rules())
        if (r.step == s)
            return r;
    throw Error(Exit::failure, trf("'{}' is not a workflow step", to_string(s)));
}

std::string step_command(Step s) {
    switch (s) {
    case Step::create:
        return "new";
    case Step::verify:
        return "verify --complete";
    case Step::incomplete:
        return "verify --incomplete";
    default:
        return rule(s).name;
    }
}

std::optional<Step> parse_step(std::string_view name) {
    for (const auto& r : step_rules())
        if (name == r.name)
            return r.step;
    return std::nullopt;
}

std::optional<Status> apply(Status from, Action action) {
    if (action == Action::note || info(action).record_only)
        return from == S::none ? std::nullopt : std::optional<Status>(from);
    const StepRule& r = rule(action);
    if (std::find(r.from.begin(), r.from.end(), from) == r.from.end())
        return std::nullopt;
    return r.to;
}

bool moves_status(const Event& e) {
    auto a = parse_action(e.action);
    return a && *a != Action::note && !info(*a).record_only;
}

namespace {

std::string event_where(const std::vector<Event>& events, size_t i) {
    const Event& e = events[i];
    return e.line > 0 ? trf("event {} (line {})", i + 1, e.line) : trf("event {}", i + 1);
}

// Replays the log: the status after each event, and which events a revert
// took back.  Throws Error(damaged) for a log that does not replay.
struct Replay {
    Status status = S::none;
    std::vector<bool> back;
    std::vector<size_t> steps; // indexes of the steps in effect, the letter first
};

Replay replay(const std::vector<Event>& events) {
    Replay r;
    r.back.assign(events.size(), false);
    std::vector<Status> before; // the status each step in effect moved from
    for (size_t i = 0; i < events.size(); ++i) {
        const Event& e = events[i];
        auto action = parse_action(e.action);
        if (!action)
            throw Error(Exit::damaged, trf("{} has an unknown action '{}'", event_where(events, i),
                                           text::shown(e.action)));
        if (*action == Action::revert) {
            if (r.steps.size() < 2)
                throw Error(Exit::damaged,
                            trf("{} ('revert') has no step to take back", event_where(events, i)));
            const size_t top = r.steps.back();
            if (e.get("step") != events[top].action)
                throw Error(Exit::damaged,
                            trf("{} takes back '{}', but the last step in effect is '{}'",
                                event_where(events, i), text::shown(e.get("step")),
                                events[top].action));
            r.back[top] = r.back[i] = true;
            r.status = before.back();
            before.pop_back();
            r.steps.pop_back();
            continue;
        }
        auto next = apply(r.status, *action);
        if (!next)
            throw Error(Exit::damaged, trf("{} ('{}') cannot follow status '{}'",
                                           event_where(events, i), e.action, to_string(r.status)));
        if (moves_status(e)) {
            before.push_back(r.status);
            r.steps.push_back(i);
        }
        r.status = *next;
    }
    return r;
}

} // namespace

Status derive_status(const std::vector<Event>& events) {
    return replay(events).status;
}

std::vector<bool> taken_back(const std::vector<Event>& events) {
    return replay(events).back;
}

std::vector<Event> in_effect(const std::vector<Event>& events) {
    const auto back = taken_back(events);
    std::vector<Event> out;
    out.reserve(events.size());
    for (size_t i = 0; i < events.size(); ++i)
        if (!back[i])
            out.push_back(events[i]);
    return out;
}

std::optional<size_t> last_step_in_effect(const std::vector<Event>& events) {
    const Replay r = replay(events);
    if (r.steps.size() < 2)
        return std::nullopt;
    return r.steps.back();
}

std::vector<Step> allowed_steps(Status s) {
    std::vector<Step> out;
    for (const auto& r : step_rules())
        if (r.step != Step::note && std::find(r.from.begin(), r.from.end(), s) != r.from.end())
            out.push_back(r.step);
    return out;
}

std::optional<Step> expected_next(Status s) {
    switch (s) {
    case S::none:
        return Step::create;
    case S::received:
        return Step::dispose;
    case S::disposed:
        return Step::assign;
    case S::assigned:
        return Step::verify;
    case S::incomplete:
        return Step::resume;
    case S::verified:
        return Step::provision;
    case S::provisioned:
        return Step::submit;
    case S::submitted:
        return Step::forward;
    case S::forwarded:
        return Step::approve;
    case S::approved:
        return Step::deliver;
    case S::delivered:
        return Step::complete;
    default:
        return std::nullopt;
    }
}

std::string assigned_officer(const std::vector<Event>& events) {
    std::string officer;
    const auto back = taken_back(events);
    for (size_t i = 0; i < events.size(); ++i)
        if (!back[i] && is(events[i], Action::assign))
            officer = events[i].get("officer");
    return officer;
}

std::vector<const StaffMember*> next_people(Status s, const std::string& officer,
                                            const std::vector<StaffMember>& staff) {
    std::vector<const StaffMember*> out;
    auto step = expected_next(s);
    if (!step || s == Status::none)
        return out;
    const auto& roles = rule(*step).roles;
    const bool officer_takes =
        std::find(roles.begin(), roles.end(), Role::petugas_teknis) != roles.end();
    for (const auto& m : staff) {
        if (!m.active)
            continue;
        if (officer_takes && !officer.empty()
                ? m.id == officer
                : std::any_of(roles.begin(), roles.end(), [&](Role r) { return m.has(r); }))
            out.push_back(&m);
    }
    return out;
}

void check_transition(const std::string& request_id, Status current, Step step) {
    if (apply(current, step))
        return;
    std::vector<std::string> options;
    for (Step s : allowed_steps(current))
        options.push_back(trf("{} (by {})", step_command(s), roles_text(rule(s).roles)));
    std::string allowed = options.empty() ? std::string(tr("none: the request is closed"))
                                          : text::join(options, ", ");
    throw Error(
        Exit::refused,
        trf("cannot {} {}: its status is '{}'", step_command(step), request_id, to_string(current)),
        trf("allowed next steps: {}", allowed));
}

void check_performer(Step step, const StaffMember& performer, const std::string& unix_user,
                     RecordingPolicy policy) {
    const StepRule& r = rule(step);
    check_may(performer, r.roles,
              step == Step::create ? std::string(tr("record a new request"))
                                   : trf("take the step '{}'", r.name),
              unix_user, policy);
}

} // namespace hostingctl
