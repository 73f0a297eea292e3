// The request workflow of the service standard (PRODUCT §1, §2, §4): which
// step may follow which status, what status results, who may take a step,
// and how the status is replayed from a request's event log.
#include "support.hpp"
#include "workflow/workflow.hpp"

#include <algorithm>
#include <map>
#include <sstream>

using namespace hostingctl;
using unit::error_from;
using S = Status;

namespace {

// The columns of the transition table, in workflow order.
const std::vector<Step> kColumns = {
    Step::create,  Step::dispose,   Step::assign, Step::verify,  Step::incomplete,
    Step::resume,  Step::provision, Step::submit, Step::forward, Step::approve,
    Step::deliver, Step::complete,  Step::reject, Step::cancel,  Step::note,
};

// Cell legend: "." = the step is refused; otherwise the resulting status.
const std::map<std::string, S> kCell = {
    {"RCV", S::received},  {"DSP", S::disposed},    {"ASG", S::assigned},  {"INC", S::incomplete},
    {"VER", S::verified},  {"PRV", S::provisioned}, {"SUB", S::submitted}, {"FWD", S::forwarded},
    {"APR", S::approved},  {"DLV", S::delivered},   {"CMP", S::completed}, {"REJ", S::rejected},
    {"CAN", S::cancelled},
};

// The whole workflow, one row per status, one column per step.  Main path:
// received → disposed → assigned → verified → provisioned → submitted →
// forwarded → approved → delivered → completed.  Side paths: assigned
// -incomplete-> incomplete -resume-> assigned; assign again from assigned
// (reassignment); reject from any open status up to forwarded; cancel from
// any open status up to approved; note from any recorded status, unchanged.
// completed, rejected and cancelled are closed.
// clang-format off
const std::vector<std::pair<S, std::string>> kTable = {
    //                 new  disp asgn vrfy incp resm prov subm fwd  appr dlvr cmpl rjct cncl note
    {S::none,         "RCV  .    .    .    .    .    .    .    .    .    .    .    .    .    ."},
    {S::received,     ".    DSP  .    .    .    .    .    .    .    .    .    .    REJ  CAN  RCV"},
    {S::disposed,     ".    .    ASG  .    .    .    .    .    .    .    .    .    REJ  CAN  DSP"},
    {S::assigned,     ".    .    ASG  VER  INC  .    .    .    .    .    .    .    REJ  CAN  ASG"},
    {S::incomplete,   ".    .    .    .    .    ASG  .    .    .    .    .    .    REJ  CAN  INC"},
    {S::verified,     ".    .    .    .    .    .    PRV  .    .    .    .    .    REJ  CAN  VER"},
    {S::provisioned,  ".    .    .    .    .    .    .    SUB  .    .    .    .    REJ  CAN  PRV"},
    {S::submitted,    ".    .    .    .    .    .    .    .    FWD  .    .    .    REJ  CAN  SUB"},
    {S::forwarded,    ".    .    .    .    .    .    .    .    .    APR  .    .    REJ  CAN  FWD"},
    {S::approved,     ".    .    .    .    .    .    .    .    .    .    DLV  .    .    CAN  APR"},
    {S::delivered,    ".    .    .    .    .    .    .    .    .    .    .    CMP  .    .    DLV"},
    {S::completed,    ".    .    .    .    .    .    .    .    .    .    .    .    .    .    CMP"},
    {S::rejected,     ".    .    .    .    .    .    .    .    .    .    .    .    .    .    REJ"},
    {S::cancelled,    ".    .    .    .    .    .    .    .    .    .    .    .    .    .    CAN"},
};
// clang-format on

// The expected outcome of each step from `row`, in column order.
std::vector<std::optional<S>> cells(const std::string& row) {
    std::istringstream in(row);
    std::vector<std::optional<S>> out;
    for (std::string tok; in >> tok;) {
        if (tok == ".") {
            out.emplace_back(std::nullopt);
            continue;
        }
        auto it = kCell.find(tok);
        REQUIRE_MESSAGE(it != kCell.end(), "unknown cell '" << tok << "' in the table");
        out.emplace_back(it->second);
    }
    REQUIRE(out.size() == kColumns.size());
    return out;
}

Event event(std::string action, Value::Map data = {}) {
    Event e;
    e.action = std::move(action);
    e.by = "budi";
    e.recorded_by = "budi";
    e.data = std::move(data);
    return e;
}

std::vector<Event> log_of(std::initializer_list<const char*> actions) {
    std::vector<Event> out;
    for (const char* a : actions)
        out.push_back(event(a));
    return out;
}

StaffMember person(std::string id, std::vector<Role> roles, std::string unix_user = {}) {
    StaffMember s;
    s.id = std::move(id);
    s.name = "Test Person";
    s.roles = std::move(roles);
    s.unix_user = std::move(unix_user);
    return s;
}

// The user-visible text of an error: the message and the hint below it.
std::string shown(const Error& e) {
    return std::string(e.what()) + "\nhint: " + e.hint();
}

} // namespace

TEST_CASE("the table covers every status, including none, and every step") {
    std::vector<S> rows;
    for (const auto& [status, row] : kTable)
        rows.push_back(status);
    std::vector<S> expected = {S::none};
    for (S s : all_statuses())
        expected.push_back(s);
    CHECK(rows == expected);

    REQUIRE(step_rules().size() == kColumns.size());
    for (const auto& r : step_rules())
        CHECK(std::find(kColumns.begin(), kColumns.end(), r.step) != kColumns.end());
}

TEST_CASE("every step from every status is allowed or refused exactly as the table says") {
    for (const auto& [from, row] : kTable) {
        auto expected = cells(row);
        for (size_t c = 0; c < kColumns.size(); ++c) {
            Step step = kColumns[c];
            INFO("from '" << to_string(from) << "' by step '" << rule(step).name << "'");
            CHECK(apply(from, step) == expected[c]);
            if (expected[c]) {
                CHECK_NOTHROW(check_transition("HST-2026-0001", from, step));
            } else {
                Error e = error_from([&] { check_transition("HST-2026-0001", from, step); });
                CHECK(e.code() == Exit::refused);
            }
        }
    }
}

TEST_CASE("allowed_steps lists the table's steps other than note, in workflow order") {
    for (const auto& [from, row] : kTable) {
        auto expected = cells(row);
        std::vector<Step> want;
        for (size_t c = 0; c < kColumns.size(); ++c)
            if (expected[c] && kColumns[c] != Step::note)
                want.push_back(kColumns[c]);
        INFO("status " << to_string(from));
        CHECK(allowed_steps(from) == want);
    }
}

TEST_CASE("closed and live statuses") {
    for (S s : all_statuses()) {
        INFO("status " << to_string(s));
        bool closed = s == S::completed || s == S::rejected || s == S::cancelled;
        CHECK(is_terminal(s) == closed);
        // A rejected or cancelled request releases its domain; a completed
        // one is hosting it.
        CHECK(is_live(s) == (s != S::rejected && s != S::cancelled));
    }
    CHECK_FALSE(is_live(S::none));
    CHECK_FALSE(is_terminal(S::none));
}

TEST_CASE("the step the standard expects next") {
    const std::vector<std::pair<S, std::optional<Step>>> expected = {
        {S::none, Step::create},        {S::received, Step::dispose},
        {S::disposed, Step::assign},    {S::assigned, Step::verify},
        {S::incomplete, Step::resume},  {S::verified, Step::provision},
        {S::provisioned, Step::submit}, {S::submitted, Step::forward},
        {S::forwarded, Step::approve},  {S::approved, Step::deliver},
        {S::delivered, Step::complete}, {S::completed, std::nullopt},
        {S::rejected, std::nullopt},    {S::cancelled, std::nullopt},
    };
    for (const auto& [status, step] : expected) {
        INFO("status " << to_string(status));
        CHECK(expected_next(status) == step);
    }
}

TEST_CASE("step verbs and SOP step numbers follow the service standard") {
    struct Row {
        const char* verb;
        Step step;
        int sop;
    };
    const Row rows[] = {
        {"new", Step::create, 1},
        {"dispose", Step::dispose, 2},
        {"assign", Step::assign, 3},
        {"verify", Step::verify, 4},
        {"provision", Step::provision, 5},
        {"submit", Step::submit, 5},
        {"forward", Step::forward, 6},
        {"approve", Step::approve, 7},
        {"deliver", Step::deliver, 8},
        {"complete", Step::complete, 9},
        {"reject", Step::reject, 0},
        {"cancel", Step::cancel, 0},
        {"note", Step::note, 0},
        {"resume", Step::resume, 4},
        {"incomplete", Step::incomplete, 4},
    };
    for (const Row& r : rows) {
        INFO("verb " << r.verb);
        CHECK(parse_step(r.verb) == r.step);
        CHECK(std::string(rule(r.step).name) == r.verb);
        CHECK(rule(r.step).sop == r.sop);
    }
    CHECK_FALSE(parse_step("create"));
    CHECK_FALSE(parse_step("Dispose"));
    CHECK_FALSE(parse_step(""));
}

TEST_CASE("status names read back") {
    for (S s : all_statuses())
        CHECK(parse_status(to_string(s)) == s);
    CHECK_FALSE(parse_status("Received"));
    CHECK_FALSE(parse_status("done"));
}

TEST_CASE("derive_status replays a log") {
    SUBCASE("an empty log is no request yet") {
        CHECK(derive_status({}) == S::none);
    }

    SUBCASE("each step of the main path moves the status one step on") {
        const std::vector<std::pair<const char*, S>> path = {
            {"new", S::received},       {"dispose", S::disposed},      {"assign", S::assigned},
            {"verify", S::verified},    {"provision", S::provisioned}, {"submit", S::submitted},
            {"forward", S::forwarded},  {"approve", S::approved},      {"deliver", S::delivered},
            {"complete", S::completed},
        };
        std::vector<Event> log;
        for (const auto& [action, status] : path) {
            log.push_back(event(action));
            INFO("after " << action);
            CHECK(derive_status(log) == status);
        }
    }

    SUBCASE("missing documents pause the request and resume returns it to assigned") {
        auto log = log_of({"new", "dispose", "assign", "incomplete"});
        CHECK(derive_status(log) == S::incomplete);
        log.push_back(event("resume"));
        CHECK(derive_status(log) == S::assigned);
        log.push_back(event("verify"));
        CHECK(derive_status(log) == S::verified);
    }

    SUBCASE("notes and reassignment leave the status where it was") {
        CHECK(derive_status(log_of({"new", "note"})) == S::received);
        CHECK(derive_status(log_of({"new", "dispose", "assign", "assign"})) == S::assigned);
        CHECK(derive_status(log_of({"new", "dispose", "assign", "verify", "provision", "submit",
                                    "forward", "approve", "deliver", "complete", "note"})) ==
              S::completed);
        CHECK(derive_status(log_of({"new", "cancel", "note"})) == S::cancelled);
    }

    SUBCASE("record-only actions keep a fact and leave the status where it was") {
        CHECK(derive_status(log_of({"new", "dispose", "assign", "verify", "provision_result"})) ==
              S::verified);
        CHECK(derive_status(log_of({"new", "document"})) == S::received);
        CHECK(derive_status(log_of({"new", "cancel", "document"})) == S::cancelled);
        // ...but not before the letter is recorded.
        CHECK(error_from([] { derive_status(log_of({"document"})); }).code() == Exit::damaged);
        CHECK_FALSE(moves_status(event("document")));
        CHECK_FALSE(moves_status(event("note")));
        CHECK(moves_status(event("dispose")));
        CHECK_FALSE(parse_step("provision_result"));
    }

    SUBCASE("reject and cancel close the request") {
        CHECK(derive_status(log_of({"new", "dispose", "reject"})) == S::rejected);
        CHECK(derive_status(log_of({"new", "dispose", "assign", "verify", "provision", "submit",
                                    "forward", "approve", "cancel"})) == S::cancelled);
    }
}

TEST_CASE("a damaged log names the event and the line it starts on in its file") {
    auto log = log_of({"new", "approve"});
    log[1].line = 27;
    Error e = error_from([&] { derive_status(log); });
    CHECK(e.code() == Exit::damaged);
    CHECK_CONTAINS(e.what(), "event 2 (line 27) ('approve') cannot follow status 'received'");
}

TEST_CASE("a damaged log is reported, naming the event") {
    SUBCASE("unknown action") {
        Error e = error_from([] { derive_status(log_of({"new", "frobnicate"})); });
        CHECK(e.code() == Exit::damaged);
        CHECK_CONTAINS(e.what(), "frobnicate");
        CHECK_CONTAINS(e.what(), "event 2");
    }
    SUBCASE("a step before the letter was recorded") {
        Error e = error_from([] { derive_status(log_of({"dispose", "new"})); });
        CHECK(e.code() == Exit::damaged);
        CHECK_CONTAINS(e.what(), "event 1");
        CHECK_CONTAINS(e.what(), "dispose");
    }
    SUBCASE("approval right after receipt") {
        Error e = error_from([] { derive_status(log_of({"new", "approve"})); });
        CHECK(e.code() == Exit::damaged);
        CHECK_CONTAINS(e.what(), "event 2");
        CHECK_CONTAINS(e.what(), "approve");
        CHECK_CONTAINS(e.what(), "received");
    }
    SUBCASE("the letter recorded twice") {
        CHECK(error_from([] { derive_status(log_of({"new", "new"})); }).code() == Exit::damaged);
    }
    SUBCASE("work continuing after the request was cancelled") {
        CHECK(error_from([] {
                  derive_status(log_of({"new", "cancel", "dispose"}));
              }).code() == Exit::damaged);
    }
    SUBCASE("a note with nothing to note on") {
        CHECK(error_from([] { derive_status(log_of({"note"})); }).code() == Exit::damaged);
    }
    SUBCASE("action names are case-sensitive") {
        CHECK(error_from([] {
                  derive_status(log_of({"new", "Dispose"}));
              }).code() == Exit::damaged);
    }
}

TEST_CASE("a refused transition says the current status and what may happen next") {
    SUBCASE("approving a request that was just received") {
        Error e = error_from([] { check_transition("HST-2026-0007", S::received, Step::approve); });
        CHECK(e.code() == Exit::refused);
        std::string text = shown(e);
        CHECK_CONTAINS(text, "HST-2026-0007");
        CHECK_CONTAINS(text, "approve");
        CHECK_CONTAINS(text, "'received'");
        CHECK_CONTAINS(text, "dispose (by kepala_dinas)");
        CHECK_CONTAINS(text, "reject (by kepala_dinas or kepala_bidang)");
        CHECK_CONTAINS(text, "cancel (by ");
        CHECK_FALSE(unit::contains(text, "verify"));
    }
    SUBCASE("verifying before the head of division assigned an officer") {
        Error e = error_from([] { check_transition("HST-2026-0007", S::disposed, Step::verify); });
        std::string text = shown(e);
        CHECK_CONTAINS(text, "'disposed'");
        CHECK_CONTAINS(text, "assign (by kepala_bidang)");
    }
    SUBCASE("an assigned request lists reassignment and both outcomes of verification") {
        Error e = error_from([] { check_transition("HST-2026-0007", S::assigned, Step::submit); });
        std::string text = shown(e);
        CHECK_CONTAINS(text, "'assigned'");
        CHECK_CONTAINS(text, "assign (by kepala_bidang)");
        // Named as they are typed: both outcomes are options of verify.
        CHECK_CONTAINS(text, "verify --complete (by petugas_teknis)");
        CHECK_CONTAINS(text, "verify --incomplete (by petugas_teknis)");
        // Workflow order: reassignment, verification, then the side paths.
        CHECK(text.find("assign (") < text.find("verify --complete ("));
        CHECK(text.find("verify --incomplete (") < text.find("reject ("));
    }
    SUBCASE("a closed request has no next step") {
        Error e = error_from([] { check_transition("HST-2026-0007", S::completed, Step::cancel); });
        std::string text = shown(e);
        CHECK_CONTAINS(text, "'completed'");
        CHECK_CONTAINS(text, "closed");
    }
}

TEST_CASE("each step needs the role the service standard gives it") {
    // The role that performs each step per the SOP table (PRODUCT §1), and
    // roles that must be refused.
    struct Row {
        Step step;
        std::vector<Role> may;
        std::vector<Role> may_not;
    };
    const Row rows[] = {
        {Step::create, {Role::admin, Role::petugas_teknis}, {Role::pejabat_pengaduan}},
        {Step::dispose,
         {Role::kepala_dinas},
         {Role::kepala_bidang, Role::petugas_teknis, Role::admin, Role::pejabat_pengaduan}},
        {Step::assign,
         {Role::kepala_bidang},
         {Role::kepala_dinas, Role::petugas_teknis, Role::admin, Role::pejabat_pengaduan}},
        {Step::verify,
         {Role::petugas_teknis},
         {Role::kepala_dinas, Role::kepala_bidang, Role::admin, Role::pejabat_pengaduan}},
        {Step::incomplete,
         {Role::petugas_teknis},
         {Role::kepala_dinas, Role::kepala_bidang, Role::admin, Role::pejabat_pengaduan}},
        {Step::resume, {Role::petugas_teknis}, {Role::kepala_dinas, Role::pejabat_pengaduan}},
        {Step::provision,
         {Role::petugas_teknis},
         {Role::kepala_dinas, Role::kepala_bidang, Role::admin, Role::pejabat_pengaduan}},
        {Step::submit,
         {Role::petugas_teknis},
         {Role::kepala_dinas, Role::kepala_bidang, Role::admin, Role::pejabat_pengaduan}},
        {Step::forward,
         {Role::kepala_bidang},
         {Role::kepala_dinas, Role::petugas_teknis, Role::admin, Role::pejabat_pengaduan}},
        {Step::approve,
         {Role::kepala_dinas},
         {Role::kepala_bidang, Role::petugas_teknis, Role::admin, Role::pejabat_pengaduan}},
        {Step::deliver,
         {Role::petugas_teknis, Role::admin},
         {Role::kepala_dinas, Role::pejabat_pengaduan}},
        {Step::complete,
         {Role::petugas_teknis, Role::admin},
         {Role::kepala_dinas, Role::pejabat_pengaduan}},
        {Step::reject, {Role::kepala_dinas, Role::kepala_bidang}, {Role::pejabat_pengaduan}},
        {Step::cancel, {Role::admin, Role::petugas_teknis}, {Role::pejabat_pengaduan}},
        {Step::note,
         {Role::admin, Role::petugas_teknis, Role::kepala_bidang, Role::kepala_dinas,
          Role::pejabat_pengaduan},
         {}},
    };
    for (const Row& r : rows) {
        for (Role role : r.may) {
            INFO(rule(r.step).name << " by " << to_string(role));
            CHECK_NOTHROW(check_performer(r.step, person("p", {role}), "", RecordingPolicy::proxy));
        }
        for (Role role : r.may_not) {
            INFO(rule(r.step).name << " by " << to_string(role));
            Error e = error_from(
                [&] { check_performer(r.step, person("p", {role}), "", RecordingPolicy::proxy); });
            CHECK(e.code() == Exit::refused);
        }
    }
}

TEST_CASE("a person without the role is refused with a message naming who and what role") {
    StaffMember budi = person("budi", {Role::petugas_teknis}, "budi");
    Error e =
        error_from([&] { check_performer(Step::dispose, budi, "budi", RecordingPolicy::proxy); });
    CHECK(e.code() == Exit::refused);
    CHECK_CONTAINS(e.what(), "budi");
    CHECK_CONTAINS(e.what(), "dispose");
    CHECK_CONTAINS(e.what(), "kepala_dinas");

    SUBCASE("somebody with no roles at all") {
        CHECK(error_from([&] {
                  check_performer(Step::note, person("x", {}), "", RecordingPolicy::proxy);
              }).code() == Exit::refused);
    }
    SUBCASE("a person holding two roles may take the steps of both") {
        StaffMember both = person("sari", {Role::kepala_bidang, Role::petugas_teknis});
        CHECK_NOTHROW(check_performer(Step::assign, both, "", RecordingPolicy::proxy));
        CHECK_NOTHROW(check_performer(Step::verify, both, "", RecordingPolicy::proxy));
        CHECK(error_from([&] {
                  check_performer(Step::approve, both, "", RecordingPolicy::proxy);
              }).code() == Exit::refused);
    }
}

TEST_CASE("recording policies: proxy lets an officer record for others, self does not") {
    StaffMember kadis = person("kadis", {Role::kepala_dinas}, "kadis");
    StaffMember unmapped = person("lurah", {Role::kepala_dinas});

    SUBCASE("proxy: the officer records the head of office's disposition") {
        CHECK_NOTHROW(check_performer(Step::dispose, kadis, "budi", RecordingPolicy::proxy));
        CHECK_NOTHROW(check_performer(Step::dispose, unmapped, "budi", RecordingPolicy::proxy));
    }
    SUBCASE("self: the head of office records it under their own login") {
        CHECK_NOTHROW(check_performer(Step::dispose, kadis, "kadis", RecordingPolicy::self));
    }
    SUBCASE("self: another login is refused, naming both users") {
        Error e = error_from(
            [&] { check_performer(Step::dispose, kadis, "budi", RecordingPolicy::self); });
        CHECK(e.code() == Exit::refused);
        CHECK_CONTAINS(e.what(), "'kadis'");
        CHECK_CONTAINS(e.what(), "'budi'");
        CHECK_CONTAINS(e.hint(), "proxy");
    }
    SUBCASE("self: a person with no login mapped can never record") {
        Error e = error_from(
            [&] { check_performer(Step::dispose, unmapped, "budi", RecordingPolicy::self); });
        CHECK(e.code() == Exit::refused);
        CHECK_CONTAINS(e.what(), "none mapped");
    }
    SUBCASE("self does not lift the role requirement") {
        StaffMember budi = person("budi", {Role::petugas_teknis}, "budi");
        CHECK(error_from([&] {
                  check_performer(Step::approve, budi, "budi", RecordingPolicy::self);
              }).code() == Exit::refused);
    }
}

TEST_CASE("the assigned officer is the one named by the latest assignment") {
    CHECK(assigned_officer(log_of({"new", "dispose"})).empty());
    std::vector<Event> log = log_of({"new", "dispose"});
    log.push_back(event("assign", {{"officer", "budi"}}));
    CHECK(assigned_officer(log) == "budi");
    log.push_back(event("note", {{"officer", "ignored"}}));
    log.push_back(event("assign", {{"officer", "sari"}}));
    CHECK(assigned_officer(log) == "sari");
}

TEST_CASE("a revert takes back the last step in effect, and the steps before it in turn") {
    auto revert = [](const char* step) {
        return event("revert", {{"step", step}, {"reason", "x"}});
    };
    std::vector<Event> log = log_of({"new", "dispose"});
    log.push_back(event("assign", {{"officer", "budi"}}));
    log.push_back(event("note"));
    log.push_back(event("assign", {{"officer", "sari"}}));
    log.push_back(event("document"));
    log.push_back(revert("assign"));
    CHECK(derive_status(log) == S::assigned);
    CHECK(assigned_officer(log) == "budi");
    CHECK(taken_back(log) == std::vector<bool>{false, false, false, false, true, false, true});
    // in_effect: the log without the step taken back and the revert.
    std::vector<std::string> kept;
    for (const auto& e : in_effect(log))
        kept.push_back(e.action);
    CHECK(kept == std::vector<std::string>{"new", "dispose", "assign", "note", "document"});
    REQUIRE(last_step_in_effect(log));
    CHECK(*last_step_in_effect(log) == 2);

    log.push_back(revert("assign"));
    CHECK(derive_status(log) == S::disposed);
    CHECK(assigned_officer(log).empty());
    log.push_back(revert("dispose"));
    CHECK(derive_status(log) == S::received);
    CHECK_FALSE(last_step_in_effect(log)); // the letter itself is never taken back

    SUBCASE("a closed request opens again at the status it closed from") {
        auto l = log_of({"new", "dispose", "cancel"});
        l.push_back(revert("cancel"));
        CHECK(derive_status(l) == S::disposed);
        l.push_back(event("assign", {{"officer", "budi"}}));
        CHECK(derive_status(l) == S::assigned);
    }
    SUBCASE("a revert of the letter, or of another step than the last, is damage") {
        auto l = log_of({"new"});
        l.push_back(revert("new"));
        Error e = error_from([&] { derive_status(l); });
        CHECK(e.code() == Exit::damaged);
        CHECK_CONTAINS(e.what(), "event 2 ('revert') has no step to take back");
        auto m = log_of({"new", "dispose"});
        m.push_back(revert("assign"));
        e = error_from([&] { derive_status(m); });
        CHECK(e.code() == Exit::damaged);
        CHECK_CONTAINS(e.what(), "takes back 'assign', but the last step in effect is 'dispose'");
    }
}

TEST_CASE("role lists read as English") {
    CHECK(roles_text({Role::kepala_dinas}) == "kepala_dinas");
    CHECK(roles_text({Role::kepala_dinas, Role::kepala_bidang}) == "kepala_dinas or kepala_bidang");
    CHECK(roles_text({Role::admin, Role::petugas_teknis, Role::kepala_bidang}) ==
          "admin, petugas_teknis or kepala_bidang");
    CHECK(roles_text({}).empty());
}
