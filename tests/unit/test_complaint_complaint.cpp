// Complaints (PRODUCT §8, service standard item 6): the status table, who
// may take each step (escalation only to the complaints official, who alone
// resolves what was escalated), the record file, damaged files, and the
// response and resolution times in working hours.
#include "calendar/calendar.hpp"
#include "complaint/complaint.hpp"
#include "store/store.hpp"
#include "support.hpp"
#include "validate/validate.hpp"
#include "workflow/service.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <memory>

using namespace hostingctl;
using unit::error_from;
using unit::slurp;
using unit::spit;
using unit::TempDir;
using unit::tree;

namespace doctest {
template <> struct StringMaker<std::optional<ComplaintStatus>> {
    static String convert(const std::optional<ComplaintStatus>& s) {
        return s ? String(to_string(*s)) : String("(refused)");
    }
};
template <> struct StringMaker<ComplaintStatus> {
    static String convert(ComplaintStatus s) { return String(to_string(s)); }
};
} // namespace doctest

namespace {

using CS = ComplaintStatus;
using CStep = ComplaintStep;

// A store with the office's people: budi, the technical officer, is mapped
// to whoever runs the tests (the default performer); wawan is the
// complaints official of the standard.
struct Office {
    TempDir dir;
    std::unique_ptr<Store> store;
    std::string me = unit::kLogin;

    Office() {
        Store::create(dir.path());
        open();
        store->write_staff({
            {"kadis", "Kepala Dinas", "", "Kepala Dinas", {Role::kepala_dinas}, "kadis"},
            {"budi", "Budi Santoso", "", "Pranata Komputer", {Role::petugas_teknis}, me},
            {"sari", "Sari", "", "Pranata Komputer", {Role::petugas_teknis}, "sari"},
            {"siti", "Siti", "", "Front office", {Role::admin}, "siti"},
            {"wawan",
             "Wawan Sugandi, A.Md",
             "",
             "Pejabat Pengaduan",
             {Role::pejabat_pengaduan},
             "wawan"},
        });
        store->write_agencies({{"dinkes", "Dinas Kesehatan", "", "", "", ""}});
    }

    void open() { store = std::make_unique<Store>(dir.path()); }

    void configure(const std::string& from, const std::string& to) {
        auto file = dir / "hostingctl.yaml";
        std::string text = slurp(file);
        auto pos = text.find(from);
        REQUIRE(pos != std::string::npos);
        text.replace(pos, from.size(), to);
        spit(file, text);
        open();
    }

    NewComplaintInput complaint(const std::string& received_at = "2026-11-19T11:00") const {
        NewComplaintInput in;
        in.channel = "phone";
        in.from = "Pak Ahmad (Dinkes)";
        in.contact = "0852 2683 3647";
        in.text = "Situs simpus tidak bisa dibuka sejak pagi";
        in.received_at = received_at;
        return in;
    }

    Complaint step(const std::string& id, CStep s, const std::string& by, const std::string& at,
                   ComplaintStepInput extra = {}) const {
        extra.step = s;
        extra.id = id;
        extra.by = by;
        extra.at = at;
        if (s == CStep::respond && extra.text.empty())
            extra.text = "Sedang kami periksa";
        if (s == CStep::note && extra.text.empty())
            extra.text = "catatan";
        if (s == CStep::escalate && extra.to.empty())
            extra.to = "wawan";
        if (s == CStep::resolve && extra.solution.empty())
            extra.solution = "Layanan web dijalankan ulang";
        return perform_complaint_step(*store, extra, unit::caller());
    }

    CS status(const std::string& id) const {
        return derive_complaint_status(load_complaint(*store, id).events);
    }

    stdfs::path file(const std::string& id) const { return complaint_path(*store, id); }
};

ComplaintStepInput escalate_to(std::string to) {
    ComplaintStepInput in;
    in.to = std::move(to);
    return in;
}

Event event(const std::string& action, int64_t epoch, Value::Map data = {}) {
    Event e;
    e.action = action;
    e.at = Timestamp{epoch, 7 * 3600};
    e.by = "budi";
    e.recorded_by = "budi";
    e.data = std::move(data);
    return e;
}

// 2026-11-19T11:00:00+07:00, a Thursday.
constexpr int64_t kThu1100 = 1795060800;

Complaint sample(const std::string& text) {
    Complaint c;
    c.id = "ADU-2026-0003";
    c.channel = "instagram";
    c.from = text;
    c.contact = text;
    c.request = text;
    c.text = text;
    c.received_at = Timestamp{kThu1100, 7 * 3600};
    c.events.push_back(event("new", kThu1100));
    c.events.push_back(event("respond", kThu1100 + 60));
    c.events.back().note = text;
    c.events.push_back(event("escalate", kThu1100 + 120, {{"to", "wawan"}}));
    c.events.back().note = text;
    c.events.push_back(event("resolve", kThu1100 + 180, {{"solution", text}}));
    c.events.push_back(event("note", kThu1100 + 240));
    c.events.back().note = text;
    return c;
}

void check_same(const Complaint& a, const Complaint& b) {
    CHECK(a.id == b.id);
    CHECK(a.channel == b.channel);
    CHECK(a.from == b.from);
    CHECK(a.contact == b.contact);
    CHECK(a.request == b.request);
    CHECK(a.text == b.text);
    CHECK(a.received_at.iso() == b.received_at.iso());
    REQUIRE(a.events.size() == b.events.size());
    for (size_t i = 0; i < a.events.size(); ++i) {
        CHECK(a.events[i].action == b.events[i].action);
        CHECK(a.events[i].at.iso() == b.events[i].at.iso());
        CHECK(a.events[i].by == b.events[i].by);
        CHECK(a.events[i].recorded_by == b.events[i].recorded_by);
        CHECK(a.events[i].note == b.events[i].note);
        CHECK(a.events[i].data == b.events[i].data);
    }
}

const std::filesystem::path kFile = "complaints/2026/ADU-2026-0003.yaml";

TimeZone& jakarta() {
    static TimeZone tz("Asia/Jakarta");
    return tz;
}

} // namespace

// --- the table ----------------------------------------------------------------

TEST_CASE("complaint statuses: every status against every step") {
    const std::optional<CS> no;
    struct Row {
        CS from;
        std::optional<CS> create, respond, escalate, resolve, note;
    };
    // open -> responded -> escalated -> resolved; respond repeats, escalation
    // happens once and keeps the complaint with the official; nothing but a
    // note follows resolution.
    const Row table[] = {
        {CS::none, CS::open, no, no, no, no},
        {CS::open, no, CS::responded, CS::escalated, CS::resolved, CS::open},
        {CS::responded, no, CS::responded, CS::escalated, CS::resolved, CS::responded},
        {CS::escalated, no, CS::escalated, no, CS::resolved, CS::escalated},
        {CS::resolved, no, no, no, no, CS::resolved},
    };
    for (const Row& r : table) {
        INFO("from " << to_string(r.from));
        CHECK(apply_complaint_step(r.from, CStep::create) == r.create);
        CHECK(apply_complaint_step(r.from, CStep::respond) == r.respond);
        CHECK(apply_complaint_step(r.from, CStep::escalate) == r.escalate);
        CHECK(apply_complaint_step(r.from, CStep::resolve) == r.resolve);
        CHECK(apply_complaint_step(r.from, CStep::note) == r.note);
    }
    CHECK(allowed_complaint_steps(CS::open) ==
          std::vector<CStep>{CStep::respond, CStep::escalate, CStep::resolve});
    CHECK(allowed_complaint_steps(CS::escalated) ==
          std::vector<CStep>{CStep::respond, CStep::resolve});
    CHECK(allowed_complaint_steps(CS::resolved).empty());
}

TEST_CASE("complaint names: channels, statuses and steps read back") {
    const OfficeConfig defaults;
    CHECK(defaults.complaint_channels == std::vector<std::string>{"phone", "whatsapp", "email",
                                                                  "web", "twitter", "instagram",
                                                                  "direct"});
    for (const auto& c : defaults.complaint_channels)
        CHECK(validate::is_channel_name(c));
    CHECK_FALSE(validate::is_channel_name("Phone"));
    CHECK_FALSE(validate::is_channel_name(""));
    CHECK_FALSE(validate::is_channel_name("fax machine"));
    for (CS s : all_complaint_statuses())
        CHECK(parse_complaint_status(to_string(s)) == s);
    CHECK_FALSE(parse_complaint_status("none"));
    for (const auto& r : complaint_step_rules())
        CHECK(parse_complaint_step(r.name) == r.step);
    CHECK_FALSE(parse_complaint_step("dispose"));
}

TEST_CASE("complaint roles: who may take each step") {
    using R = std::vector<Role>;
    CHECK(complaint_step_roles(CStep::create, CS::none) == R{Role::admin, Role::petugas_teknis});
    CHECK(complaint_step_roles(CStep::respond, CS::escalated) ==
          R{Role::petugas_teknis, Role::admin, Role::pejabat_pengaduan});
    CHECK(complaint_step_roles(CStep::escalate, CS::open) == R{Role::petugas_teknis, Role::admin});
    CHECK(complaint_step_roles(CStep::resolve, CS::open) == R{Role::petugas_teknis});
    CHECK(complaint_step_roles(CStep::resolve, CS::responded) == R{Role::petugas_teknis});
    CHECK(complaint_step_roles(CStep::resolve, CS::escalated) == R{Role::pejabat_pengaduan});
}

TEST_CASE("complaint log replay: the status comes from the events") {
    std::vector<Event> log = {event("new", kThu1100), event("respond", kThu1100 + 1)};
    CHECK(derive_complaint_status(log) == CS::responded);
    log.push_back(event("escalate", kThu1100 + 2, {{"to", "wawan"}}));
    log.push_back(event("respond", kThu1100 + 3));
    CHECK(derive_complaint_status(log) == CS::escalated);
    log.push_back(event("resolve", kThu1100 + 4));
    log.push_back(event("note", kThu1100 + 5));
    CHECK(derive_complaint_status(log) == CS::resolved);
    log.push_back(event("respond", kThu1100 + 6));
    Error e = error_from([&] { derive_complaint_status(log); });
    CHECK(e.code() == Exit::damaged);
    CHECK_CONTAINS(e.what(), "event 7 ('respond') cannot follow status 'resolved'");
    CHECK(error_from([&] { derive_complaint_status({event("dispose", 1)}); }).code() ==
          Exit::damaged);
}

TEST_CASE("complaint refusals name the status and the allowed steps") {
    Error e = error_from(
        [] { check_complaint_transition("ADU-2026-0001", CS::escalated, CStep::escalate); });
    CHECK(e.code() == Exit::refused);
    CHECK_CONTAINS(e.what(), "cannot escalate ADU-2026-0001: its status is 'escalated'");
    CHECK_CONTAINS(e.what(), "escalated once");
    CHECK_CONTAINS(e.hint(), "resolve (by pejabat_pengaduan)");
    e = error_from(
        [] { check_complaint_transition("ADU-2026-0001", CS::resolved, CStep::respond); });
    CHECK_CONTAINS(e.hint(), "the complaint is resolved");
}

// --- contact by channel -------------------------------------------------------

TEST_CASE("complaint contact is validated by channel") {
    struct {
        const char *phone = "phone", *whatsapp = "whatsapp", *email = "email", *twitter = "twitter",
                   *instagram = "instagram", *web = "web", *direct = "direct";
    } C;
    CHECK(validate_contact(C.phone, " (0285) 421243 ") == "(0285) 421243");
    CHECK(validate_contact(C.email, "diskominfo@pekalongankota.go.id") ==
          "diskominfo@pekalongankota.go.id");
    CHECK(validate_contact(C.twitter, "@pkl.diskominfo") == "@pkl.diskominfo");
    CHECK(validate_contact(C.instagram, "pkl_diskominfo") == "@pkl_diskominfo");
    CHECK(validate_contact(C.instagram, "@" + std::string(30, 'a')) == "@" + std::string(30, 'a'));
    CHECK(validate_contact(C.web, "formulir kontak, tiket #12") == "formulir kontak, tiket #12");
    CHECK(validate_contact(C.direct, "datang ke kantor") == "datang ke kantor");
    CHECK(validate_contact(C.phone, "").empty());
    CHECK(validate_contact(C.whatsapp, "0812-3456-7890") == validate::phone("0812-3456-7890"));
    CHECK(validate_contact("lapor", "tiket SP4N 12345") == "tiket SP4N 12345");
    for (auto [channel, bad] : {std::pair{C.phone, "call me"}, std::pair{C.phone, "12345"},
                                std::pair{C.email, "pak.ahmad"}, std::pair{C.email, "a@b@c.go.id"},
                                std::pair{C.twitter, "@bad handle"}, std::pair{C.twitter, "@"},
                                std::pair{C.instagram, "@name!"}, std::pair{C.direct, "two\nlines"},
                                std::pair{C.whatsapp, "wa saya"}}) {
        INFO(channel << " '" << bad << "'");
        CHECK(error_from([&] { validate_contact(channel, bad); }).code() == Exit::invalid);
    }
    CHECK(error_from([] { validate_contact("twitter", "@" + std::string(31, 'a')); }).code() ==
          Exit::invalid);
}

// --- the record file ----------------------------------------------------------

TEST_CASE("complaint file: hostile text in every field reads back unchanged") {
    const std::vector<std::string> hostile = {"He said \"hi\" and 'bye'",
                                              "back\\slash \\n \\\" \\\\",
                                              "first line\nsecond\n\nfourth",
                                              "trailing newline\n",
                                              "\nleading newline",
                                              "windows\r\nline",
                                              "tab\there",
                                              "$(rm -rf /)",
                                              "`id`; echo $HOME",
                                              "{{ x }}",
                                              "key: [a, {b: c}]",
                                              "- item",
                                              "-",
                                              "&anchor *alias",
                                              "!!binary AAAA",
                                              "# leading hash",
                                              "value # comment",
                                              "? question",
                                              "| literal",
                                              "> folded",
                                              "@at",
                                              "%percent",
                                              "[a, b]",
                                              "{a: b}",
                                              "---",
                                              "...",
                                              "~",
                                              "null",
                                              "yes",
                                              "no",
                                              "true",
                                              "0x1F",
                                              "1e3",
                                              "0777",
                                              "2026-11-23",
                                              " leading space",
                                              "trailing space ",
                                              "",
                                              "Pengaduan tentang situs 🙂 — ñ ü 日本",
                                              "<script>alert(1)</script>"};
    for (const auto& text : hostile) {
        INFO("text: '" << text << "'");
        Complaint c = sample(text);
        std::string yaml = encode_complaint(c);
        Complaint back = decode_complaint(kFile, yaml, jakarta());
        check_same(c, back);
        CHECK(encode_complaint(back) == yaml); // no drift on rewrite
    }
}

TEST_CASE("complaint file: the layout a person reads") {
    Complaint c = sample("Situs tidak bisa dibuka");
    c.request = "HST-2026-0007";
    std::string yaml = encode_complaint(c);
    CHECK(yaml.starts_with("# Complaint ADU-2026-0003."));
    CHECK_CONTAINS(yaml, "schema: 1\n");
    CHECK_CONTAINS(yaml, "channel: instagram\n");
    CHECK_CONTAINS(yaml, "request: \"HST-2026-0007\"\n");
    CHECK_CONTAINS(yaml, "received_at: 2026-11-19T11:00:00+07:00\n");
    CHECK_CONTAINS(yaml, "to: \"wawan\"");
}

TEST_CASE("complaint file: damaged or newer files are refused with the file and line") {
    std::string good = encode_complaint(sample("x"));
    auto damaged = [&](const std::string& text, const std::string& needle) {
        INFO(text);
        Error e = error_from([&] { decode_complaint(kFile, text, jakarta()); });
        CHECK(e.code() == Exit::damaged);
        CHECK_CONTAINS(e.what(), kFile.string());
        CHECK_CONTAINS(e.what(), needle);
    };
    auto replace = [&](const std::string& from, const std::string& to) {
        std::string t = good;
        auto pos = t.find(from);
        REQUIRE(pos != std::string::npos);
        return t.replace(pos, from.size(), to);
    };
    damaged("schema: 1\nid: [unclosed\n", "damaged YAML");
    damaged(replace("schema: 1", "schema: 2"), "schema 2 is newer");
    damaged(replace("schema: 1\n", ""), "no 'schema:'");
    damaged(replace("channel: instagram", "channel: Fax Machine"),
            "'Fax Machine' is not a channel name");
    damaged(replace("action: respond", "action: dispose"), "unknown action 'dispose'");
    damaged(replace("action: new", "action: note"), "'note' cannot follow status 'none'");
    damaged(replace("action: escalate", "action: resolve"),
            "'resolve' cannot follow status 'resolved'");
    damaged(replace("received_at: 2026-11-19T11:00:00+07:00", "received_at: yesterday"),
            "not an ISO 8601 time");
    damaged(replace("events:", "events: []\nother:"), "no events");
    // The line of the offending event is named.
    std::string bad = replace("action: respond", "action: dispose");
    std::string above = bad.substr(0, bad.find("action: dispose"));
    auto line = 1 + std::count(above.begin(), above.end(), '\n');
    Error e = error_from([&] { decode_complaint(kFile, bad, jakarta()); });
    CHECK_CONTAINS(e.what(), fmt::format("{}:{}:", kFile.string(), line));
}

// --- in the store -------------------------------------------------------------

TEST_CASE("complaint lifecycle: respond, escalate to the official, the official resolves") {
    Office o;
    Complaint c = create_complaint(*o.store, o.complaint(), unit::caller());
    CHECK(c.id == "ADU-2026-0001");
    CHECK(o.file(c.id) == o.dir / "complaints/2026/ADU-2026-0001.yaml");
    CHECK(slurp(o.file(c.id)).find("schema: 1\n") != std::string::npos);
    CHECK(o.status(c.id) == CS::open);
    REQUIRE(c.events.size() == 1);
    CHECK(c.events[0].by == "budi");
    CHECK(c.events[0].recorded_by == o.me);
    CHECK(c.events[0].at.iso() == "2026-11-19T11:00:00+07:00");

    o.step(c.id, CStep::respond, "", "2026-11-19T13:30");
    CHECK(o.status(c.id) == CS::responded);
    o.step(c.id, CStep::respond, "siti", "2026-11-19T14:00");
    CHECK(o.status(c.id) == CS::responded);
    o.step(c.id, CStep::escalate, "budi", "2026-11-20T10:00");
    CHECK(o.status(c.id) == CS::escalated);
    o.step(c.id, CStep::respond, "wawan", "2026-11-20T10:30");
    CHECK(o.status(c.id) == CS::escalated);

    // The officer may not resolve what was escalated; the official does.
    std::string before = slurp(o.file(c.id));
    Error e = error_from([&] { o.step(c.id, CStep::resolve, "budi", "2026-11-23T09:00"); });
    CHECK(e.code() == Exit::refused);
    CHECK_CONTAINS(e.what(), "escalated to wawan");
    CHECK_CONTAINS(e.what(), "only the complaints official");
    CHECK_CONTAINS(e.hint(), "--by wawan");
    CHECK(slurp(o.file(c.id)) == before);
    c = o.step(c.id, CStep::resolve, "wawan", "2026-11-23T09:00");
    CHECK(o.status(c.id) == CS::resolved);
    CHECK(c.events.back().get("solution") == "Layanan web dijalankan ulang");
    CHECK(c.events.back().by == "wawan");

    // Closed: only notes.
    CHECK(error_from([&] { o.step(c.id, CStep::respond, "budi", ""); }).code() == Exit::refused);
    CHECK(error_from([&] { o.step(c.id, CStep::resolve, "wawan", ""); }).code() == Exit::refused);
    c = o.step(c.id, CStep::note, "kadis", "");
    CHECK(c.events.back().action == "note");
    CHECK(o.status(c.id) == CS::resolved);

    // Each year numbers from 1.
    CHECK(create_complaint(*o.store, o.complaint("2025-12-30T09:00"), unit::caller()).id ==
          "ADU-2025-0001");
    CHECK(create_complaint(*o.store, o.complaint("2026-11-20T09:00"), unit::caller()).id ==
          "ADU-2026-0002");
}

TEST_CASE("complaint roles in the store: wrong people are refused and nothing is written") {
    Office o;
    // Recording: admin or technical officer.
    auto in = o.complaint();
    in.by = "kadis";
    Error e = error_from([&] { create_complaint(*o.store, in, unit::caller()); });
    CHECK(e.code() == Exit::refused);
    CHECK_CONTAINS(e.what(), "may not record a complaint");
    in.by = "wawan";
    CHECK(error_from([&] { create_complaint(*o.store, in, unit::caller()); }).code() ==
          Exit::refused);
    in.by = "nobody";
    CHECK(error_from([&] { create_complaint(*o.store, in, unit::caller()); }).code() ==
          Exit::not_found);
    CHECK(tree(o.dir / "complaints").empty());
    in.by = "siti";
    std::string id = create_complaint(*o.store, in, unit::caller()).id;

    // Responding: not the Head of Office.
    CHECK(error_from([&] { o.step(id, CStep::respond, "kadis", ""); }).code() == Exit::refused);
    // Escalating: by the officer or the front office, to the official only.
    std::string before = slurp(o.file(id));
    e = error_from([&] { o.step(id, CStep::escalate, "budi", "", escalate_to("kadis")); });
    CHECK(e.code() == Exit::refused);
    CHECK_CONTAINS(e.what(),
                   "kadis (Kepala Dinas) is not a complaints official (pejabat_pengaduan)");
    CHECK_CONTAINS(e.hint(), "escalate to wawan");
    e = error_from([&] { o.step(id, CStep::escalate, "budi", "", escalate_to("sari")); });
    CHECK(e.code() == Exit::refused);
    CHECK(error_from([&] {
              o.step(id, CStep::escalate, "budi", "", escalate_to("nobody"));
          }).code() == Exit::not_found);
    CHECK(error_from([&] {
              o.step(id, CStep::escalate, "budi", "", escalate_to("Bad Id"));
          }).code() == Exit::invalid);
    CHECK(error_from([&] { o.step(id, CStep::escalate, "wawan", ""); }).code() == Exit::refused);
    CHECK(error_from([&] { o.step(id, CStep::escalate, "kadis", ""); }).code() == Exit::refused);
    // Resolving before escalation: the technical officer, not the official.
    CHECK(error_from([&] { o.step(id, CStep::resolve, "wawan", ""); }).code() == Exit::refused);
    CHECK(error_from([&] { o.step(id, CStep::resolve, "siti", ""); }).code() == Exit::refused);
    CHECK(slurp(o.file(id)) == before);

    o.step(id, CStep::escalate, "siti", "");
    before = slurp(o.file(id));
    e = error_from([&] { o.step(id, CStep::escalate, "budi", ""); });
    CHECK(e.code() == Exit::refused);
    CHECK_CONTAINS(e.what(), "already");
    CHECK(error_from([&] { o.step(id, CStep::resolve, "sari", ""); }).code() == Exit::refused);
    CHECK(slurp(o.file(id)) == before);

    // Without escalation the officer resolves it.
    std::string other = create_complaint(*o.store, o.complaint(), unit::caller()).id;
    o.step(other, CStep::resolve, "budi", "");
    CHECK(o.status(other) == CS::resolved);
}

TEST_CASE("complaint recording policy self: each person records their own steps") {
    Office o;
    o.configure("recording: proxy", "recording: self");
    std::string id =
        create_complaint(*o.store, o.complaint(), unit::caller()).id; // budi is the current user
    std::string before = slurp(o.file(id));
    Error e = error_from([&] { o.step(id, CStep::respond, "sari", ""); });
    CHECK(e.code() == Exit::refused);
    CHECK_CONTAINS(e.what(), "self");
    CHECK(slurp(o.file(id)) == before);
    o.step(id, CStep::respond, "", "");
    CHECK(o.status(id) == CS::responded);
}

TEST_CASE("complaint input is checked before anything is written") {
    Office o;
    auto refused = [&](NewComplaintInput in, Exit code, const std::string& needle = {}) {
        Error e = error_from([&] { create_complaint(*o.store, in, unit::caller()); });
        CHECK(e.code() == code);
        if (!needle.empty())
            CHECK_CONTAINS(std::string(e.what()) + " " + e.hint(), needle);
    };
    auto in = o.complaint();
    in.channel = "telpon";
    refused(in, Exit::invalid, "not a complaint channel");
    in = o.complaint();
    in.channel = "emial";
    refused(in, Exit::invalid, "did you mean 'email'");
    in = o.complaint();
    in.contact = "not a number";
    refused(in, Exit::invalid, "phone number");
    in = o.complaint();
    in.channel = "email";
    refused(in, Exit::invalid, "e-mail");
    in = o.complaint();
    in.channel = "twitter";
    in.contact = "@has space";
    refused(in, Exit::invalid, "twitter handle");
    in = o.complaint();
    in.from = " ";
    refused(in, Exit::invalid);
    in = o.complaint();
    in.text = "";
    refused(in, Exit::invalid);
    in = o.complaint();
    in.text = "bad\x1b[31mcolour";
    refused(in, Exit::invalid, "control character");
    in = o.complaint();
    in.received_at = "kemarin";
    refused(in, Exit::invalid, "not a date and time");
    in = o.complaint();
    in.received_at = "2099-01-01T09:00";
    refused(in, Exit::invalid, "future");
    in = o.complaint();
    in.request = "HST-2026-0042";
    refused(in, Exit::not_found, "request HST-2026-0042 does not exist");
    in = o.complaint();
    in.request = "simpus";
    refused(in, Exit::not_found, "not a request number");
    CHECK(tree(o.dir / "complaints").empty());

    // A related request that exists.
    NewRequestInput letter;
    letter.agency = "dinkes";
    letter.letter_number = "400.7/1/Dinkes/2026";
    letter.letter_date = "2026-11-18";
    letter.received_at = "2026-11-18T09:00";
    letter.subject = "Permohonan hosting";
    letter.domain = "simpus";
    std::string rid = create_request(*o.store, letter, unit::caller()).id;
    in = o.complaint();
    in.request = rid;
    in.channel = "direct";
    in.contact = "datang ke kantor";
    Complaint c = create_complaint(*o.store, in, unit::caller());
    CHECK(c.request == rid);

    // Steps: times in order, not in the future; texts required.
    o.step(c.id, CStep::respond, "", "2026-11-19T13:30");
    std::string before = slurp(o.file(c.id));
    Error e = error_from([&] { o.step(c.id, CStep::respond, "", "2026-11-19T12:00"); });
    CHECK(e.code() == Exit::invalid);
    CHECK_CONTAINS(e.what(), "before the previous step");
    CHECK(error_from([&] { o.step(c.id, CStep::respond, "", "2099-01-01T08:00"); }).code() ==
          Exit::invalid);
    ComplaintStepInput blank;
    blank.solution = " ";
    CHECK(error_from([&] { o.step(c.id, CStep::resolve, "", "", blank); }).code() == Exit::invalid);
    CHECK(error_from([&] { o.step("ADU-2026-0099", CStep::respond, "", ""); }).code() ==
          Exit::not_found);
    CHECK(error_from([&] { o.step("HST-2026-0001", CStep::respond, "", ""); }).code() ==
          Exit::not_found);
    CHECK(slurp(o.file(c.id)) == before);
}

TEST_CASE("complaint store: a damaged file is reported, listed as a problem, never rewritten") {
    Office o;
    std::string good = create_complaint(*o.store, o.complaint(), unit::caller()).id;
    std::string bad =
        create_complaint(*o.store, o.complaint("2026-11-19T11:30"), unit::caller()).id;
    std::string text = slurp(o.file(bad));
    text.replace(text.find("action: new"), 11, "action: [new");
    spit(o.file(bad), text);

    Error e = error_from([&] { o.step(bad, CStep::respond, "", ""); });
    CHECK(e.code() == Exit::damaged);
    CHECK_CONTAINS(e.what(), o.file(bad).string());
    CHECK(slurp(o.file(bad)) == text);

    ComplaintList all = list_complaints(*o.store);
    REQUIRE(all.items.size() == 1);
    CHECK(all.items[0].id == good);
    REQUIRE(all.problems.size() == 1);
    CHECK_CONTAINS(all.problems[0], bad);

    // A newer schema is refused the same way.
    std::string newer = slurp(o.file(good));
    newer.replace(newer.find("schema: 1"), 9, "schema: 3");
    spit(o.file(good), newer);
    e = error_from([&] { o.step(good, CStep::note, "", ""); });
    CHECK(e.code() == Exit::damaged);
    CHECK_CONTAINS(e.what(), "newer");
    CHECK(slurp(o.file(good)) == newer);

    // A file whose id differs from its name.
    std::string third = create_complaint(*o.store, o.complaint(), unit::caller()).id;
    std::string moved = slurp(o.file(third));
    moved.replace(moved.find("id: " + third), 4 + third.size(), "id: ADU-2026-0077");
    spit(o.file(third), moved);
    CHECK(error_from([&] { load_complaint(*o.store, third); }).code() == Exit::damaged);
}

TEST_CASE("complaint list: a folder named like a record is listed as a problem") {
    Office o;
    std::string good = create_complaint(*o.store, o.complaint(), unit::caller()).id;
    stdfs::create_directories(o.dir / "complaints/2026/ADU-2026-0009.yaml");
    ComplaintList all = list_complaints(*o.store);
    REQUIRE(all.items.size() == 1);
    CHECK(all.items[0].id == good);
    REQUIRE(all.problems.size() == 1);
    CHECK_CONTAINS(all.problems[0], "ADU-2026-0009.yaml: is not a regular file");
}

// --- times in working hours ---------------------------------------------------

TEST_CASE("complaint times: response and resolution in working hours, by hand") {
    // Standard hours: Mon-Thu 08:00-12:00 and 13:00-15:45, Fri 08:00-11:00.
    Calendar cal = Calendar::standard();
    Complaint c = sample("x");
    c.events.clear();
    // Received Thu 19 Nov 11:00.
    c.events.push_back(event("new", kThu1100));
    // First response Thu 13:30: 11:00-12:00 (1 h), lunch, 13:00-13:30 (0.5 h).
    c.events.push_back(event("respond", kThu1100 + 9000));
    // Escalated Fri 10:00; another response Fri 10:30.
    c.events.push_back(event("escalate", kThu1100 + 23 * 3600, {{"to", "wawan"}}));
    c.events.push_back(event("respond", kThu1100 + 23 * 3600 + 1800));
    // Resolved Mon 23 Nov 09:00: Thu 11:00-12:00 and 13:00-15:45 (3.75 h),
    // Fri 08:00-11:00 (3 h), the weekend (0), Mon 08:00-09:00 (1 h) = 7.75 h.
    c.events.push_back(event("resolve", kThu1100 + 4 * 86400 - 2 * 3600, {{"solution", "ok"}}));
    ComplaintSummary s = summarize_complaint(c, cal);
    CHECK(s.status == CS::resolved);
    REQUIRE(s.first_response_at);
    CHECK(s.first_response_at->iso() == "2026-11-19T13:30:00+07:00");
    CHECK(s.response_working_hours.value_or(-1) == doctest::Approx(1.5));
    REQUIRE(s.resolved_at);
    CHECK(s.resolved_at->iso() == "2026-11-23T09:00:00+07:00");
    CHECK(s.resolution_working_hours.value_or(-1) == doctest::Approx(7.75));
    CHECK(s.escalated);
    CHECK(s.escalated_to == "wawan");
    CHECK(s.escalated_at->iso() == "2026-11-20T10:00:00+07:00");

    // Received Friday after closing: the clock runs from Monday's opening.
    Complaint late = sample("x");
    late.events.clear();
    int64_t fri1400 = kThu1100 + 27 * 3600; // Fri 20 Nov 14:00
    late.received_at = Timestamp{fri1400, 7 * 3600};
    late.events.push_back(event("new", fri1400));
    ComplaintSummary open = summarize_complaint(late, cal);
    CHECK(open.status == CS::open);
    CHECK_FALSE(open.first_response_at);
    CHECK_FALSE(open.response_working_hours);
    CHECK_FALSE(open.resolution_working_hours);
    CHECK_FALSE(open.escalated);
    // Resolved Mon 08:30 without a separate response: the resolution is the
    // first answer.
    late.events.push_back(event("resolve", fri1400 + 2 * 86400 + 18 * 3600 + 1800));
    ComplaintSummary done = summarize_complaint(late, cal);
    CHECK(done.first_response_at->iso() == "2026-11-23T08:30:00+07:00");
    CHECK(done.response_working_hours.value_or(-1) == doctest::Approx(0.5));
    CHECK(done.resolution_working_hours.value_or(-1) == doctest::Approx(0.5));
}

TEST_CASE("complaint list: summaries from the store, sorted by receipt, with the store calendar") {
    Office o;
    std::string a = create_complaint(*o.store, o.complaint("2026-11-19T11:00"), unit::caller()).id;
    auto in = o.complaint("2026-11-18T09:00");
    in.channel = "instagram";
    in.contact = "warga_pkl";
    std::string b = create_complaint(*o.store, in, unit::caller()).id;
    o.step(a, CStep::respond, "", "2026-11-19T13:30");
    o.step(a, CStep::escalate, "", "2026-11-20T10:00");
    o.step(a, CStep::resolve, "wawan", "2026-11-23T09:00");

    ComplaintList all = list_complaints(*o.store);
    CHECK(all.problems.empty());
    REQUIRE(all.items.size() == 2);
    CHECK(all.items[0].id == b); // received first
    CHECK(all.items[0].channel == "instagram");
    CHECK(all.items[0].status == CS::open);
    const ComplaintSummary& s = all.items[1];
    CHECK(s.id == a);
    CHECK(s.from == "Pak Ahmad (Dinkes)");
    CHECK(s.status == CS::resolved);
    CHECK(s.escalated);
    CHECK(s.escalated_to == "wawan");
    CHECK(s.response_working_hours.value_or(-1) == doctest::Approx(1.5));
    CHECK(s.resolution_working_hours.value_or(-1) == doctest::Approx(7.75));
    CHECK(load_complaint(*o.store, b).contact == "@warga_pkl");
}
