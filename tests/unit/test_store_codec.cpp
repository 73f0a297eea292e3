// Store records to and from YAML.  Whatever people type must come back
// exactly as typed, and a damaged or newer file must be reported with its
// name and line instead of being misread.
#include "store/codec.hpp"
#include "support.hpp"

#include <string>
#include <vector>

using namespace hostingctl;
using unit::error_from;

namespace {

const TimeZone& jakarta() {
    static const TimeZone tz("Asia/Jakarta");
    return tz;
}

const std::filesystem::path kFile = "requests/2026/HST-2026-0001.yaml";

// Text that means something to YAML, to a shell, to a template engine or to
// a reader of booleans and numbers, and text that is simply not ASCII.
const std::vector<std::string> kHostile = {
    "He said \"hi\" and 'bye'",
    "back\\slash \\n \\\" \\\\",
    "first line\nsecond line\n\nfourth line",
    "trailing newline\n",
    "\nleading newline",
    "windows\r\nline",
    "tab\there",
    "$(rm -rf /)",
    "`id`; echo $HOME",
    "{{ x }}",
    "{{x}}",
    "{% if %}",
    "key: [a, {b: c}]",
    "key: value",
    "- item",
    "-",
    "&anchor *alias",
    "*alias",
    "!!binary AAAA",
    "!tag",
    ": leading colon",
    "trailing colon:",
    "# leading hash",
    "trailing #",
    "value # comment",
    "- leading dash",
    "? question",
    "| literal",
    "> folded",
    "@at",
    "%percent",
    "'single quoted'",
    "\"double quoted\"",
    "[a, b]",
    "{a: b}",
    "---",
    "...",
    "--- # doc",
    "yes",
    "no",
    "true",
    "False",
    "on",
    "off",
    "null",
    "Null",
    "~",
    "",
    " ",
    "  leading and trailing spaces  ",
    "123",
    "-1",
    "0x1F",
    "0o17",
    "1e3",
    "3.14",
    ".inf",
    ".nan",
    "2026-11-23",
    "12:30",
    "Dinas Kesehatan — ü é ß",
    "日本語のテキスト",
    "🎉 emoji",
    "\xef\xbb\xbf"
    "BOM first",
    "next\xc2\x85line",          // U+0085, a line break in YAML 1.1
    "line\xe2\x80\xa8separator", // U+2028
};

Request sample(const std::string& text) {
    Request r;
    r.id = text;
    r.agency = text;
    r.letter.number = text;
    r.letter.date = Date{2026, 11, 20};
    r.letter.subject = text;
    r.letter.received_at = Timestamp{1795400100, 7 * 3600}; // 2026-11-23T09:15:00+07:00
    r.letter.attachments.push_back({text, text, 123456});
    r.contact = {text, text, text};
    r.hosting.domain = text;
    r.hosting.app = AppKind::php;
    r.hosting.php_version = text;
    r.hosting.database = true;
    r.hosting.disk_quota_mb = 2048;
    // Actions come from a fixed table (an unknown one is damage); every
    // other field of an event is free text.  The officer is never empty:
    // an assign event without one is damage too.
    Event e;
    e.action = "assign";
    e.at = Timestamp{1795400100 + 3600, 0}; // an hour later, shown in UTC
    e.by = text;
    e.recorded_by = text;
    e.note = text;
    e.data = {{"officer", "x" + text}, {"missing", text}};
    r.events.push_back(e);
    Event second = e;
    second.action = "note";
    second.at = Timestamp{1795400100 + 7200, -5 * 3600}; // and at a negative offset
    second.note.clear();
    second.data.clear();
    r.events.push_back(second);
    // Structured data (schema 2): texts in lists and maps, keys too.
    Event third = second;
    third.action = "provision_result";
    third.data = {{"server", "web01"},
                  {"outcome", "changed"},
                  {text.empty() ? "empty" : text,
                   Value::list({Value(text), Value::map({{"path", text}, {"mode", "0640"}}),
                                Value::list({})})},
                  {"files", Value::map({})}};
    r.events.push_back(third);
    return r;
}

void check_same(const Request& a, const Request& b) {
    CHECK(a.id == b.id);
    CHECK(a.agency == b.agency);
    CHECK(a.letter.number == b.letter.number);
    CHECK(a.letter.date == b.letter.date);
    CHECK(a.letter.subject == b.letter.subject);
    CHECK(a.letter.received_at.epoch == b.letter.received_at.epoch);
    CHECK(a.letter.received_at.offset_seconds == b.letter.received_at.offset_seconds);
    REQUIRE(a.letter.attachments.size() == b.letter.attachments.size());
    for (size_t i = 0; i < a.letter.attachments.size(); ++i) {
        CHECK(a.letter.attachments[i].name == b.letter.attachments[i].name);
        CHECK(a.letter.attachments[i].path == b.letter.attachments[i].path);
        CHECK(a.letter.attachments[i].size == b.letter.attachments[i].size);
    }
    CHECK(a.contact.name == b.contact.name);
    CHECK(a.contact.phone == b.contact.phone);
    CHECK(a.contact.email == b.contact.email);
    CHECK(a.hosting.domain == b.hosting.domain);
    CHECK(a.hosting.app == b.hosting.app);
    CHECK(a.hosting.php_version == b.hosting.php_version);
    CHECK(a.hosting.upstream_port == b.hosting.upstream_port);
    CHECK(a.hosting.database == b.hosting.database);
    CHECK(a.hosting.disk_quota_mb == b.hosting.disk_quota_mb);
    REQUIRE(a.events.size() == b.events.size());
    for (size_t i = 0; i < a.events.size(); ++i) {
        const Event& x = a.events[i];
        const Event& y = b.events[i];
        CHECK(x.action == y.action);
        CHECK(x.at.epoch == y.at.epoch);
        CHECK(x.at.offset_seconds == y.at.offset_seconds);
        CHECK(x.by == y.by);
        CHECK(x.recorded_by == y.recorded_by);
        CHECK(x.note == y.note);
        CHECK(x.data == y.data);
    }
}

// A well-formed request file, written by hand as an officer might.
const std::string kGood = R"(# Hosting request HST-2026-0001.
schema: 1
id: HST-2026-0001
agency: dinkes
letter:
  number: "400.7/123/Dinkes/2026"
  date: 2026-11-20
  subject: "Permohonan hosting SIMPUS"
  received_at: 2026-11-23T09:15:00+07:00
contact:
  name: "Budi"
  phone: "(0285) 421243"
  email: "budi@dinkes.go.id"
hosting:
  domain: simpus.pekalongankota.go.id
  app: php
  php_version: "8.2"
  database: true
  disk_quota_mb: 2048
events:
  - action: new
    at: 2026-11-23T09:15:00+07:00
    by: budi
    recorded_by: budi
  - action: dispose
    at: 2026-11-23T10:00:00+07:00
    by: kadis
    recorded_by: budi
    note: "Segera"
)";

// kGood with one line replaced (1-based), to damage it in a known place.
std::string with_line(int line, const std::string& replacement) {
    std::vector<std::string> lines;
    size_t start = 0;
    for (size_t nl; (nl = kGood.find('\n', start)) != std::string::npos; start = nl + 1)
        lines.push_back(kGood.substr(start, nl - start));
    REQUIRE(line >= 1);
    REQUIRE(static_cast<size_t>(line) <= lines.size());
    lines[static_cast<size_t>(line - 1)] = replacement;
    std::string out;
    for (const auto& l : lines)
        out += l + "\n";
    return out;
}

Error decode_error(const std::string& text) {
    return error_from([&] { decode_request(kFile, text, jakarta()); });
}

} // namespace

TEST_CASE("a hand-written request file reads as written") {
    Request r = decode_request(kFile, kGood, jakarta());
    CHECK(r.id == "HST-2026-0001");
    CHECK(r.agency == "dinkes");
    CHECK(r.letter.number == "400.7/123/Dinkes/2026");
    CHECK(r.letter.date == Date{2026, 11, 20});
    CHECK(r.letter.received_at.iso() == "2026-11-23T09:15:00+07:00");
    CHECK(r.contact.phone == "(0285) 421243");
    CHECK(r.hosting.domain == "simpus.pekalongankota.go.id");
    CHECK(r.hosting.app == AppKind::php);
    CHECK(r.hosting.php_version == "8.2");
    CHECK(r.hosting.database);
    CHECK(r.hosting.disk_quota_mb == 2048);
    REQUIRE(r.events.size() == 2);
    CHECK(r.events[1].action == "dispose");
    CHECK(r.events[1].by == "kadis");
    CHECK(r.events[1].note == "Segera");
}

TEST_CASE("every text field survives hostile content unchanged") {
    for (const auto& text : kHostile) {
        INFO("text: '" << text << "'");
        Request r = sample(text);
        std::string yaml = encode_request(r);
        Request back = decode_request(kFile, yaml, jakarta());
        check_same(r, back);
        // Writing what was read gives the same bytes: no drift on rewrite.
        CHECK(encode_request(back) == yaml);
    }
}

TEST_CASE("all hostile texts in one file, each in a different field") {
    Request r = sample("x");
    r.letter.subject = "key: [a, {b: c}]";
    r.letter.number = "- item";
    r.contact.name = "&anchor *alias";
    r.contact.phone = "~";
    r.contact.email = "null";
    r.agency = "yes";
    r.hosting.domain = "123";
    r.events[0].note = "line one\n  indented: two\n- three\n";
    r.events[0].data = {{"officer", "budi"}, {"reason", "$(rm -rf /)"}, {"via", "{{ x }}"}};
    r.hosting.app = AppKind::proxy;
    r.hosting.php_version.clear();
    r.hosting.upstream_port = 8080;
    r.hosting.database = false;
    check_same(r, decode_request(kFile, encode_request(r), jakarta()));
}

TEST_CASE("text that people typed is written quoted, so other YAML readers see strings") {
    Request r = sample("x");
    r.letter.subject = "yes";
    r.contact.phone = "0285421243";
    std::string yaml = encode_request(r);
    CHECK_CONTAINS(yaml, "subject: \"yes\"");
    CHECK_CONTAINS(yaml, "phone: \"0285421243\"");
    CHECK_CONTAINS(yaml, "schema: 2");
}

TEST_CASE("optional parts: no attachments, no contact, static site") {
    Request r = sample("x");
    r.letter.attachments.clear();
    r.contact = {};
    r.hosting.app = AppKind::static_site;
    r.hosting.php_version.clear();
    r.hosting.database = false;
    r.hosting.disk_quota_mb = 1024;
    Request back = decode_request(kFile, encode_request(r), jakarta());
    check_same(r, back);
}

TEST_CASE("damaged YAML is reported with the file name and the line") {
    SUBCASE("a key indented under a plain value (line 5)") {
        Error e = decode_error(with_line(5, "  oops: x"));
        CHECK(e.code() == Exit::damaged);
        CHECK_CONTAINS(e.what(), kFile.string() + ":5");
        CHECK_CONTAINS(e.hint(), "will not overwrite");
    }
    SUBCASE("an unclosed flow list (line 4)") {
        Error e = decode_error(with_line(4, "agency: [dinkes"));
        CHECK(e.code() == Exit::damaged);
        CHECK_CONTAINS(e.what(), kFile.string() + ":");
    }
    SUBCASE("a tab used for indentation (line 7)") {
        Error e = decode_error(with_line(7, "\tdate: 2026-11-20"));
        CHECK(e.code() == Exit::damaged);
        CHECK_CONTAINS(e.what(), kFile.string() + ":");
    }
    SUBCASE("not a mapping at all") {
        Error e = decode_error("- just\n- a list\n");
        CHECK(e.code() == Exit::damaged);
        CHECK_CONTAINS(e.what(), kFile.string());
    }
    SUBCASE("an empty file") {
        CHECK(decode_error("").code() == Exit::damaged);
    }
    SUBCASE("binary garbage") {
        CHECK(decode_error(std::string("\x00\x01\x02\xff{[", 6)).code() == Exit::damaged);
    }
}

TEST_CASE("a value of the wrong kind is reported at its line") {
    struct Row {
        int line;
        const char* replacement;
        const char* message;
    };
    const Row rows[] = {
        {7, "  date: 20-11-2026", "'date'"},
        {9, "  received_at: yesterday", "'received_at'"},
        {16, "  app: wordpress", "'app'"},
        {18, "  database: perhaps", "'database'"},
        {19, "  disk_quota_mb: lots", "'disk_quota_mb'"},
        {19, "  disk_quota_mb: [1, 2]", "'disk_quota_mb'"},
        {22, "    at: 23/11/2026", "'at'"},
        {3, "id: [HST-2026-0001]", "'id'"},
        {15, "  domain: {name: simpus}", "'domain'"},
    };
    for (const Row& r : rows) {
        INFO("line " << r.line << ": " << r.replacement);
        Error e = decode_error(with_line(r.line, r.replacement));
        CHECK(e.code() == Exit::damaged);
        CHECK_CONTAINS(e.what(), kFile.string() + ":" + std::to_string(r.line) + ":");
        CHECK_CONTAINS(e.what(), r.message);
    }
}

TEST_CASE("missing required fields are named") {
    struct Row {
        int line;
        const char* replacement;
        const char* message;
    };
    const Row rows[] = {
        {3, "# no id", "missing 'id'"},
        {4, "# no agency", "missing 'agency'"},
        {6, "  # no number", "missing 'number'"},
        {15, "  # no domain", "missing 'domain'"},
        {16, "  # no app", "missing 'app'"},
        {21, "  - at: 2026-11-23T09:15:00+07:00", "missing 'action'"},
        {23, "    # no performer", "missing 'by'"},
        {24, "    # no recorder", "missing 'recorded_by'"},
    };
    for (const Row& r : rows) {
        INFO("line " << r.line << ": " << r.replacement);
        Error e = decode_error(with_line(r.line, r.replacement));
        CHECK(e.code() == Exit::damaged);
        CHECK_CONTAINS(e.what(), kFile.string());
        CHECK_CONTAINS(e.what(), r.message);
    }

    SUBCASE("whole sections") {
        std::string no_hosting =
            kGood.substr(0, kGood.find("hosting:")) + kGood.substr(kGood.find("events:"));
        CHECK_CONTAINS(decode_error(no_hosting).what(), "missing 'hosting'");
        std::string no_events = kGood.substr(0, kGood.find("events:"));
        CHECK_CONTAINS(decode_error(no_events).what(), "no events");
        CHECK_CONTAINS(decode_error(no_events + "events: []\n").what(), "no events");
    }
}

TEST_CASE("the schema number guards against files from a newer hostingctl") {
    SUBCASE("schema 4 is refused as newer, and the file is not misread") {
        Error e = decode_error(with_line(2, "schema: 4"));
        CHECK(e.code() == Exit::damaged);
        CHECK_CONTAINS(e.what(), kFile.string());
        CHECK_CONTAINS(e.what(), "newer");
        CHECK_CONTAINS(e.hint(), "upgrade");
    }
    SUBCASE("no schema") {
        Error e = decode_error(with_line(2, "# schema removed"));
        CHECK(e.code() == Exit::damaged);
        CHECK_CONTAINS(e.what(), "schema");
    }
    SUBCASE("a schema that is not a number") {
        CHECK(decode_error(with_line(2, "schema: one")).code() == Exit::damaged);
        CHECK(decode_error(with_line(2, "schema: 0")).code() == Exit::damaged);
        CHECK(decode_error(with_line(2, "schema: -1")).code() == Exit::damaged);
    }
}

TEST_CASE("staff round trip and checks") {
    std::vector<StaffMember> staff = {
        {"budi",
         "Budi Santoso, A.Md. \"Pak Budi\"",
         "199001012015031001",
         "Pranata Komputer",
         {Role::petugas_teknis},
         "budi"},
        {"kadis",
         "Dr. H. Slamet: M.Kom",
         "",
         "- Kepala Dinas -",
         {Role::kepala_dinas, Role::kepala_bidang},
         ""},
        {"siti", "yes", "null", "~", {}, "siti_2"},
    };
    auto back = decode_staff("staff.yaml", encode_staff(staff));
    REQUIRE(back.size() == staff.size());
    for (size_t i = 0; i < staff.size(); ++i) {
        CHECK(back[i].id == staff[i].id);
        CHECK(back[i].name == staff[i].name);
        CHECK(back[i].nip == staff[i].nip);
        CHECK(back[i].title == staff[i].title);
        CHECK(back[i].roles == staff[i].roles);
        CHECK(back[i].unix_user == staff[i].unix_user);
    }

    SUBCASE("an unknown role is named") {
        std::string text = "schema: 1\nstaff:\n  - id: budi\n    name: Budi\n    roles: [kepala]\n";
        Error e = error_from([&] { decode_staff("staff.yaml", text); });
        CHECK(e.code() == Exit::damaged);
        CHECK_CONTAINS(e.what(), "kepala");
        CHECK_CONTAINS(e.what(), "staff.yaml:5");
    }
    SUBCASE("the same id twice") {
        std::string text = "schema: 1\nstaff:\n  - {id: budi, name: A}\n  - {id: budi, name: B}\n";
        Error e = error_from([&] { decode_staff("staff.yaml", text); });
        CHECK(e.code() == Exit::damaged);
        CHECK_CONTAINS(e.what(), "budi");
    }
    SUBCASE("schema 3, newer than this build") {
        CHECK(error_from([] { decode_staff("staff.yaml", "schema: 3\nstaff: []\n"); }).code() ==
              Exit::damaged);
    }
}

TEST_CASE("agencies round trip and checks") {
    std::vector<Agency> agencies = {
        {"dinkes", "Dinas Kesehatan", "dr. Slamet, M.Kes.", "(0285) 423456", "dinkes@x.go.id",
         "Jl. Mataram No. 1\nPekalongan"},
        {"disdik", "Dinas Pendidikan: {{ x }}", "", "", "", ""},
    };
    auto back = decode_agencies("agencies.yaml", encode_agencies(agencies));
    REQUIRE(back.size() == 2);
    for (size_t i = 0; i < 2; ++i) {
        CHECK(back[i].code == agencies[i].code);
        CHECK(back[i].name == agencies[i].name);
        CHECK(back[i].head == agencies[i].head);
        CHECK(back[i].phone == agencies[i].phone);
        CHECK(back[i].email == agencies[i].email);
        CHECK(back[i].address == agencies[i].address);
    }
    std::string dup =
        "schema: 1\nagencies:\n  - {code: dinkes, name: A}\n  - {code: dinkes, name: B}\n";
    CHECK(error_from([&] { decode_agencies("agencies.yaml", dup); }).code() == Exit::damaged);
}

TEST_CASE("office configuration") {
    SUBCASE("defaults fill what the file leaves out") {
        OfficeConfig c = decode_config("hostingctl.yaml", "schema: 1\nzones: [Kota.Go.Id.]\n");
        CHECK(c.zones == std::vector<std::string>{"kota.go.id"});
        CHECK(c.recording == RecordingPolicy::proxy);
        CHECK(c.lock_timeout_seconds == 10);
        CHECK(c.request_id_format == "HST-{year}-{seq:4}");
        CHECK(c.time_zone == "Asia/Jakarta");
    }
    SUBCASE("policies are read") {
        OfficeConfig c = decode_config(
            "hostingctl.yaml", "schema: 1\nzones: [kota.go.id]\nreserved_names: [www, mail]\n"
                               "policy: {recording: self, lock_timeout_seconds: 3}\n"
                               "numbering: {request_id: \"REQ-{year}-{seq}\"}\n");
        CHECK(c.recording == RecordingPolicy::self);
        CHECK(c.lock_timeout_seconds == 3);
        CHECK(c.reserved_names == std::vector<std::string>{"www", "mail"});
        CHECK(c.request_id_format == "REQ-{year}-{seq}");
    }
    SUBCASE("mistakes are reported with the line") {
        struct Row {
            const char* text;
            const char* message;
        };
        const Row rows[] = {
            {"schema: 1\n", "zone"},
            {"schema: 1\nzones: []\n", "zone"},
            {"schema: 1\nzones:\n  - not_a zone\n", "hostingctl.yaml:3"},
            {"schema: 1\nzones: [kota.go.id]\npolicy:\n  recording: anyone\n", "hostingctl.yaml:4"},
            {"schema: 1\nzones: [kota.go.id]\npolicy:\n  lock_timeout_seconds: 99999\n",
             "hostingctl.yaml:4"},
            {"schema: 1\nzones: [kota.go.id]\npolicy:\n  lock_timeout_seconds: -1\n", "0-3600"},
            {"schema: 2\nzones: [kota.go.id]\n", "newer"},
        };
        for (const Row& r : rows) {
            INFO(r.text);
            Error e = error_from([&] { decode_config("hostingctl.yaml", r.text); });
            CHECK(e.code() == Exit::damaged);
            CHECK_CONTAINS(e.what(), r.message);
        }
    }
}

TEST_CASE("every event names an action of the table and carries its data, or the file is "
          "damaged at that line") {
    SUBCASE("a misspelt action") {
        Error e = decode_error(with_line(25, "  - action: disposee"));
        CHECK(e.code() == Exit::damaged);
        CHECK_CONTAINS(e.what(), kFile.string() + ":25:");
        CHECK_CONTAINS(e.what(), "unknown action 'disposee'");
    }
    SUBCASE("an assign event without its officer") {
        Error e = decode_error(with_line(25, "  - action: assign"));
        CHECK(e.code() == Exit::damaged);
        CHECK_CONTAINS(e.what(), kFile.string() + ":25:");
        CHECK_CONTAINS(e.what(), "'assign' event without its 'officer'");
    }
    SUBCASE("an assign event with an empty officer") {
        Error e = decode_error(with_line(25, "  - action: assign") + "    data: {officer: \"\"}\n");
        CHECK_CONTAINS(e.what(), "without its 'officer'");
    }
    SUBCASE("a record-only action in a schema 1 file, which could not hold one") {
        Error e = decode_error(with_line(25, "  - action: document") +
                               "    data: {kind: access, number: \"1/2026\"}\n");
        CHECK_CONTAINS(e.what(), "needs schema 2");
    }
    SUBCASE("structured data in a schema 1 file") {
        Error e = decode_error(kGood + "    data:\n      officer: [budi]\n");
        CHECK(e.code() == Exit::damaged);
        CHECK_CONTAINS(e.what(), "plain values in a schema 1 file");
    }
}

TEST_CASE("a schema 1 file reads as it is and is written as schema 2 when it changes") {
    Request r = decode_request(kFile, kGood, jakarta());
    CHECK(r.events[1].line == 25); // the line of its "- action:", for messages
    std::string written = encode_request(r);
    CHECK_CONTAINS(written, "schema: 2");
    Request back = decode_request(kFile, written, jakarta());
    check_same(r, back);
}

TEST_CASE("record-only actions and structured data read back in a schema 2 file") {
    std::string text = with_line(2, "schema: 2") + R"(  - action: provision_result
    at: 2026-11-23T10:05:00+07:00
    by: budi
    recorded_by: budi
    data:
      server: web01
      outcome: done
      files: ["/etc/nginx/sites-available/simpus", "/var/www/simpus"]
      owner: {user: simpus, mode: "0750"}
)";
    Request r = decode_request(kFile, text, jakarta());
    REQUIRE(r.events.size() == 3);
    const Event& e = r.events[2];
    CHECK(e.get("outcome") == "done");
    REQUIRE(e.data.size() == 4);
    CHECK(e.data[2].second.kind == Value::Kind::list);
    CHECK(e.data[2].second.items[1].text == "/var/www/simpus");
    CHECK(e.data[3].second.get("mode") == "0750");
    CHECK(encode_request(decode_request(kFile, encode_request(r), jakarta())) == encode_request(r));
}
