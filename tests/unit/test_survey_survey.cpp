// Survey responses in the store (PRODUCT §3, §8): the record file, the CSV
// import that checks every row before writing any, and the rules for
// responses that name a request (completed, one each).
#include "support.hpp"
#include "survey/survey.hpp"
#include "util/text.hpp"
#include "workflow/service.hpp"

#include <fmt/format.h>
#include <memory>

using namespace hostingctl;

// Checks that `expr` throws hostingctl::Error with exit code `want`.
#define CHECK_FAILS_WITH(expr, want) CHECK(unit::error_from([&] { (void)(expr); }).code() == (want))
using unit::error_from;
using unit::TempDir;

namespace {

// A store with the office's people, one agency and helpers that take a
// request through the workflow.  "budi" is the technical officer mapped to
// the Unix user running the tests.
struct Office {
    TempDir dir;
    std::unique_ptr<Store> store;
    int next_label = 0;

    Office() {
        Store::create(dir / "store");
        store = std::make_unique<Store>(dir / "store");
        store->write_staff({
            {"kadis", "Kepala Dinas", "", "", {Role::kepala_dinas}, ""},
            {"kabid", "Kepala Bidang INS", "", "", {Role::kepala_bidang}, ""},
            {"budi", "Budi Santoso", "", "", {Role::petugas_teknis}, unit::kLogin},
            {"ani", "Ani (front office)", "", "", {Role::admin}, ""},
        });
        store->write_agencies({{"dinkes", "Dinas Kesehatan", "", "", "", ""}});
    }

    Date today() const { return Timestamp::now(store->tz()).local_date(); }

    std::string open_request() {
        NewRequestInput in;
        in.agency = "dinkes";
        in.letter_number = fmt::format("400.7/{}/Dinkes/2026", ++next_label);
        in.letter_date = today().iso();
        in.subject = "Permohonan hosting";
        in.domain = fmt::format("app{}", next_label);
        return create_request(*store, in, unit::caller()).id;
    }

    void step(const std::string& id, Step s, const std::string& by = {}) {
        StepInput in;
        in.step = s;
        in.id = id;
        in.by = by;
        if (s == Step::assign)
            in.data["officer"] = "budi";
        if (s == Step::provision)
            in.data["server"] = "web01";
        if (s == Step::deliver)
            in.data["via"] = "email";
        perform_step(*store, in, unit::caller());
    }

    std::string completed_request() {
        std::string id = open_request();
        step(id, Step::dispose, "kadis");
        step(id, Step::assign, "kabid");
        step(id, Step::verify);
        step(id, Step::provision);
        step(id, Step::submit);
        step(id, Step::forward, "kabid");
        step(id, Step::approve, "kadis");
        step(id, Step::deliver);
        step(id, Step::complete);
        return id;
    }

    stdfs::path csv(const std::string& name, const std::string& content) const {
        stdfs::path p = dir / name;
        unit::spit(p, content);
        return p;
    }

    std::set<std::string> surveys() const { return unit::tree(store->root() / kSurveyDir); }
};

SurveyResponse sample() {
    SurveyResponse s;
    s.id = "IKM-2026-0007";
    s.request = "HST-2026-0003";
    s.date = Date{2026, 3, 2};
    s.scores = {4, 4, 3, 4, 4, 4, 4, 3, 4};
    s.source = "cli";
    s.by = "budi";
    s.recorded_by = "budi";
    s.recorded_at = Timestamp{1772420400, 25200}; // 2026-03-02T10:00:00+07:00
    return s;
}

// 1-based line of the first line of `content` that starts with `prefix`
// (after indentation); 0 when none does.
int line_of(const std::string& content, const std::string& prefix) {
    int n = 0;
    for (const auto& line : text::split(content, '\n')) {
        ++n;
        if (text::trim(line).starts_with(prefix))
            return n;
    }
    return 0;
}

std::string replace(std::string content, const std::string& from, const std::string& to) {
    auto pos = content.find(from);
    REQUIRE(pos != std::string::npos);
    return content.replace(pos, from.size(), to);
}

const char* kHeader = "request,date,u1,u2,u3,u4,u5,u6,u7,u8,u9\n";

// A survey CSV: the header, then one line per row.
std::string csv_text(const std::vector<std::string>& rows) {
    std::string out = kHeader;
    for (const auto& r : rows)
        out += r + "\n";
    return out;
}

} // namespace

TEST_SUITE_BEGIN("survey/survey");

TEST_CASE("a response file reads back as written") {
    TimeZone tz("Asia/Jakarta");
    SurveyResponse s = sample();
    std::string yaml = encode_survey(s);
    SurveyResponse back = decode_survey("IKM-2026-0007.yaml", yaml, tz);
    CHECK(back.id == s.id);
    CHECK(back.request == s.request);
    CHECK(back.date == s.date);
    CHECK(back.scores == s.scores);
    CHECK(back.source == s.source);
    CHECK(back.by == s.by);
    CHECK(back.recorded_by == s.recorded_by);
    CHECK(back.recorded_at == s.recorded_at);
    CHECK(back.recorded_at.iso() == "2026-03-02T10:00:00+07:00");
    CHECK(encode_survey(back) == yaml);

    // What a person sees: the schema, the scores by element, text quoted.
    CHECK_CONTAINS(yaml, "schema: 1\n");
    CHECK_CONTAINS(yaml, "u3: 3  # Waktu Pelayanan, completion time");
    CHECK_CONTAINS(yaml, "source: \"cli\"");
    CHECK_CONTAINS(yaml, "request: \"HST-2026-0003\"");
}

TEST_CASE("an anonymous response and an odd file name survive the round trip") {
    TimeZone tz("Asia/Jakarta");
    SurveyResponse s = sample();
    s.request.clear();
    s.source = "import:forms: #1, \"Q1\" [yes].csv";
    SurveyResponse back = decode_survey("x.yaml", encode_survey(s), tz);
    CHECK(back.request.empty());
    CHECK(back.source == s.source);
}

TEST_CASE("a damaged response file is reported with the file name and line") {
    TimeZone tz("Asia/Jakarta");
    const std::string good = encode_survey(sample());

    SUBCASE("a score outside 1-4") {
        std::string bad = replace(good, "u3: 3", "u3: 7");
        auto e = error_from([&] { decode_survey("surveys/2026/IKM-2026-0007.yaml", bad, tz); });
        CHECK(e.code() == Exit::damaged);
        CHECK_CONTAINS(e.what(),
                       fmt::format("surveys/2026/IKM-2026-0007.yaml:{}", line_of(bad, "u3:")));
        CHECK_CONTAINS(e.what(), "u3");
    }
    SUBCASE("a score that is not a number") {
        std::string bad = replace(good, "u5: 4", "u5: good");
        auto e = error_from([&] { decode_survey("f.yaml", bad, tz); });
        CHECK(e.code() == Exit::damaged);
        CHECK_CONTAINS(e.what(), fmt::format("f.yaml:{}", line_of(bad, "u5:")));
    }
    SUBCASE("a missing score") {
        std::string bad =
            replace(good, "  u9: 4  # Penanganan Pengaduan, complaint handling\n", "");
        auto e = error_from([&] { decode_survey("f.yaml", bad, tz); });
        CHECK(e.code() == Exit::damaged);
        CHECK_CONTAINS(e.what(), "missing score 'u9'");
    }
    SUBCASE("an unknown score") {
        std::string bad = replace(good, "  u9: 4", "  u9: 4\n  u10: 4");
        auto e = error_from([&] { decode_survey("f.yaml", bad, tz); });
        CHECK(e.code() == Exit::damaged);
        CHECK_CONTAINS(e.what(), fmt::format("f.yaml:{}", line_of(bad, "u10:")));
    }
    SUBCASE("broken YAML") {
        std::string bad = replace(good, "date: 2026-03-02", "date: [2026-03-02");
        auto e = error_from([&] { decode_survey("f.yaml", bad, tz); });
        CHECK(e.code() == Exit::damaged);
        CHECK_CONTAINS(e.what(), "f.yaml:");
    }
    SUBCASE("a date that is not a date") {
        std::string bad = replace(good, "date: 2026-03-02", "date: 2026-02-30");
        auto e = error_from([&] { decode_survey("f.yaml", bad, tz); });
        CHECK(e.code() == Exit::damaged);
        CHECK_CONTAINS(e.what(), fmt::format("f.yaml:{}", line_of(bad, "date:")));
    }
    SUBCASE("an unknown source") {
        std::string bad = replace(good, "source: \"cli\"", "source: \"web\"");
        CHECK_FAILS_WITH(decode_survey("f.yaml", bad, tz), Exit::damaged);
    }
    SUBCASE("a newer schema is refused") {
        std::string bad = replace(good, "schema: 1", "schema: 2");
        auto e = error_from([&] { decode_survey("f.yaml", bad, tz); });
        CHECK(e.code() == Exit::damaged);
        CHECK_CONTAINS(e.what(), "newer");
    }
}

TEST_CASE("a file whose id differs from its name is damaged and left as it is") {
    Office o;
    stdfs::path p =
        o.store->record_path(kSurveyDir, o.store->config().survey_id_format, "IKM-2026-0001");
    stdfs::create_directories(p.parent_path());
    std::string written = encode_survey(sample()); // holds IKM-2026-0007
    unit::spit(p, written);
    CHECK_FAILS_WITH(load_survey(*o.store, "IKM-2026-0001"), Exit::damaged);
    CHECK_FAILS_WITH(load_survey(*o.store, "IKM-2026-0002"), Exit::not_found);
    CHECK_FAILS_WITH(load_survey(*o.store, "HST-2026-0001"), Exit::not_found);

    // A listing skips it and says so; a summary refuses to count without it.
    SurveyList l = list_surveys(*o.store, {});
    CHECK(l.items.empty());
    REQUIRE(l.problems.size() == 1);
    CHECK_CONTAINS(l.problems[0], "IKM-2026-0001.yaml");
    CHECK_FAILS_WITH(summarize_surveys(*o.store, {}), Exit::damaged);
    CHECK(unit::slurp(p) == written);
}

TEST_CASE("CSV: a good file in the shapes spreadsheets write") {
    SUBCASE("plain") {
        auto r =
            parse_survey_csv(std::string(kHeader) + "HST-2026-0001,2026-03-02,4,4,3,4,4,4,4,3,4\n"
                                                    ",2026-03-03,1,2,3,4,1,2,3,4,1\n");
        CHECK(r.problems.empty());
        REQUIRE(r.rows.size() == 2);
        CHECK(r.rows[0].line == 2);
        CHECK(r.rows[0].request == "HST-2026-0001");
        CHECK(r.rows[0].date == Date{2026, 3, 2});
        CHECK(r.rows[0].scores == ikm::Scores{4, 4, 3, 4, 4, 4, 4, 3, 4});
        CHECK(r.rows[1].line == 3);
        CHECK(r.rows[1].request.empty());
    }
    SUBCASE("byte order mark, CRLF, capitals, quotes, blanks, empty rows") {
        auto r = parse_survey_csv("\xEF\xBB\xBFRequest, Date,U1,U2,U3,U4,U5,U6,U7,U8,U9\r\n"
                                  "\r\n"
                                  "\"HST-2026-0001\",\"2026-03-02\", 4 ,4,3,4,4,4,4,3,\"4\"\r\n"
                                  ",,,,,,,,,,\r\n"
                                  "\"\",2026-03-03,1,2,3,4,1,2,3,4,1");
        CHECK(r.problems.empty());
        REQUIRE(r.rows.size() == 2);
        CHECK(r.rows[0].line == 3);
        CHECK(r.rows[0].scores[0] == 4);
        CHECK(r.rows[1].line == 5);
    }
    SUBCASE("semicolons, as the Indonesian locale writes CSV") {
        auto r = parse_survey_csv("request;date;u1;u2;u3;u4;u5;u6;u7;u8;u9\n"
                                  ";2026-03-03;1;2;3;4;1;2;3;4;1\n");
        CHECK(r.problems.empty());
        REQUIRE(r.rows.size() == 1);
        CHECK(r.rows[0].scores == ikm::Scores{1, 2, 3, 4, 1, 2, 3, 4, 1});
    }
}

TEST_CASE("CSV: every bad row is reported with its line number") {
    auto r = parse_survey_csv(std::string(kHeader) +
                              ",2026-03-02,4,4,4,4,4,4,4,4,4\n"           // 2 good
                              ",2026-03-02,4,4,4,4,5,4,4,4,4\n"           // 3 U5 is 5
                              ",2026-02-30,4,4,4,4,4,4,4,4,4\n"           // 4 no such date
                              ",02/03/26,4,4,4,4,4,4,4,4,\n"              // 5 date format, U9 empty
                              ",2026-03-02,4,4,4\n"                       // 6 too few fields
                              ",2026-03-02,4,4,4,4,4,4,4,4,4,4\n"         // 7 too many
                              ",2026-03-02,4,4,4,4,4,4,4,4,3.5\n"         // 8 not whole
                              "\"unclosed,2026-03-02,4,4,4,4,4,4,4,4,4\n" // 9 quote
                              ",,4,4,4,4,4,4,4,4,4\n"                     // 10 no date
                              ",2026-03-02,0,4,4,4,4,4,4,4,4\n");         // 11 U1 is 0
    REQUIRE(r.rows.size() == 1);
    CHECK(r.rows[0].line == 2);
    std::vector<int> lines;
    for (const auto& p : r.problems)
        lines.push_back(p.line);
    CHECK(lines == std::vector<int>{3, 4, 5, 6, 7, 8, 9, 10, 11});
    CHECK_CONTAINS(r.problems[0].message, "U5 (product) is 5");
    CHECK_CONTAINS(r.problems[1].message, "2026-02-30");
    CHECK_CONTAINS(r.problems[2].message, "YYYY-MM-DD");
    CHECK_CONTAINS(r.problems[2].message, "U9 (complaint handling) is empty");
    CHECK_CONTAINS(r.problems[3].message, "5 fields instead of 11");
    CHECK_CONTAINS(r.problems[5].message, "not a whole number");
    CHECK_CONTAINS(r.problems[6].message, "quoted");
    CHECK_CONTAINS(r.problems[7].message, "no date");
    CHECK_CONTAINS(r.problems[8].message, "U1 (requirements) is 0");
}

TEST_CASE("CSV: a wrong header stops at line 1; an empty file says what it needs") {
    auto r = parse_survey_csv(
        "request,date,u1,u2,u3,u4,u5,u6,u7,u9,u8\n,2026-03-02,4,4,4,4,4,4,4,4,4\n");
    CHECK(r.rows.empty());
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].line == 1);
    CHECK_CONTAINS(r.problems[0].message, "expected 'request,date,u1");

    r = parse_survey_csv("");
    REQUIRE(r.problems.size() == 1);
    CHECK_CONTAINS(r.problems[0].message, "empty");
}

TEST_CASE("import: one bad row and nothing is written; then the fixed file goes in whole") {
    Office o;
    std::string done = o.completed_request();
    std::string open = o.open_request();
    std::string d = o.today().iso();
    auto before = o.surveys();
    // clang-format off
    auto bad = o.csv("forms.csv", csv_text({
        "," + d + ",4,4,4,4,4,4,4,4,4",              // line 2: good
        done + "," + d + ",4,4,3,4,4,4,4,3,4",       // 3: good
        "," + d + ",4,4,4,4,4,4,4,4,9",              // 4: a score of 9
        open + "," + d + ",4,4,4,4,4,4,4,4,4",       // 5: request not completed
        "HST-2026-9999," + d + ",4,4,4,4,4,4,4,4,4", // 6: no such request
        "hst" + done.substr(3) + "," + d + ",3,3,3,3,3,3,3,3,3", // 7: line 3's, as typed
        "x," + d + ",4,4,4,4,4,4,4,4,4",             // 8: not a request number
        ",2099-01-01,4,4,4,4,4,4,4,4,4",             // 9: in the future
    }));
    // clang-format on
    auto e = error_from([&] { import_surveys(*o.store, {bad.string(), ""}, unit::caller()); });
    CHECK(e.code() == Exit::invalid);
    std::string msg = e.what();
    CHECK_CONTAINS(msg, "6 bad rows; nothing was imported");
    CHECK_CONTAINS(msg, "line 4: U9 (complaint handling) is 9");
    CHECK_CONTAINS(msg, fmt::format("line 5: request {} is received, not completed", open));
    CHECK_CONTAINS(msg, "line 6: no request 'HST-2026-9999'");
    CHECK_CONTAINS(msg, fmt::format("line 7: request {} is already on line 3", done));
    CHECK_CONTAINS(msg, "line 8: no request 'x'");
    CHECK_CONTAINS(msg, "line 9: the date 2099-01-01 is in the future");
    CHECK_FALSE(unit::contains(msg, "line 2:"));
    CHECK_FALSE(unit::contains(msg, "line 3:"));
    CHECK(o.surveys() == before);

    auto good = o.csv("forms.csv", csv_text({
                                       "," + d + ",4,4,4,4,4,4,4,4,4",
                                       done + "," + d + ",4,4,3,4,4,4,4,3,4",
                                       "," + d + ",2,3,3,3,3,3,3,3,3",
                                   }));
    auto written = import_surveys(*o.store, {good.string(), ""}, unit::caller());
    REQUIRE(written.size() == 3);
    int year = o.today().year;
    CHECK(written[0].id == fmt::format("IKM-{}-0001", year));
    CHECK(written[1].id == fmt::format("IKM-{}-0002", year));
    CHECK(written[2].id == fmt::format("IKM-{}-0003", year));
    CHECK(written[1].request == done);
    CHECK(written[0].request.empty());
    CHECK(written[0].source == "import:forms.csv");
    CHECK(written[0].by == "budi");
    for (const auto& s : written) {
        CHECK(
            stdfs::exists(o.store->root() / kSurveyDir / std::to_string(year) / (s.id + ".yaml")));
        CHECK(load_survey(*o.store, s.id).scores == s.scores);
    }

    // The same file again would count every form twice.
    auto before_again = o.surveys();
    e = error_from([&] { import_surveys(*o.store, {good.string(), ""}, unit::caller()); });
    CHECK(e.code() == Exit::invalid);
    CHECK_CONTAINS(e.what(),
                   fmt::format("line 2: already imported from forms.csv as IKM-{}-0001", year));
    CHECK_CONTAINS(e.what(), fmt::format("line 3: request {} already has survey response", done));
    CHECK_CONTAINS(e.what(), "line 4: already imported");
    CHECK(o.surveys() == before_again);
}

TEST_CASE("import: the file must exist and hold responses; the importer needs the role") {
    Office o;
    CHECK_FAILS_WITH(
        import_surveys(*o.store, {(o.dir / "missing.csv").string(), ""}, unit::caller()),
        Exit::not_found);
    auto empty = o.csv("empty.csv", kHeader);
    auto e = error_from([&] { import_surveys(*o.store, {empty.string(), ""}, unit::caller()); });
    CHECK(e.code() == Exit::invalid);
    CHECK_CONTAINS(e.what(), "no responses");
    auto one =
        o.csv("one.csv", std::string(kHeader) + "," + o.today().iso() + ",4,4,4,4,4,4,4,4,4\n");
    CHECK_FAILS_WITH(import_surveys(*o.store, {one.string(), "kadis"}, unit::caller()),
                     Exit::refused);
    CHECK_FAILS_WITH(import_surveys(*o.store, {one.string(), "nobody"}, unit::caller()),
                     Exit::not_found);
    CHECK(o.surveys().empty());
    CHECK(import_surveys(*o.store, {one.string(), "ani"}, unit::caller()).size() == 1);
}

TEST_CASE("record: only for a completed request, once, with valid scores, by the right role") {
    Office o;
    std::string id = o.open_request();
    RecordSurveyInput in{id, "4,4,3,4,4,4,4,3,4", "", ""};

    auto e = error_from([&] { record_survey(*o.store, in, unit::caller()); });
    CHECK(e.code() == Exit::refused);
    CHECK_CONTAINS(e.what(), "is received, not completed");
    CHECK(o.surveys().empty());

    std::string done = o.completed_request();
    in.request = done;
    CHECK_FAILS_WITH(record_survey(*o.store, {done, "4,4,3,4,4,4,4,3,5", "", ""}, unit::caller()),
                     Exit::invalid);
    CHECK_FAILS_WITH(record_survey(*o.store, {done, "4,4,3", "", ""}, unit::caller()),
                     Exit::invalid);
    CHECK_FAILS_WITH(record_survey(*o.store, {done, in.scores, "2099-01-01", ""}, unit::caller()),
                     Exit::invalid);
    CHECK_FAILS_WITH(record_survey(*o.store, {done, in.scores, "yesterday", ""}, unit::caller()),
                     Exit::invalid);
    CHECK_FAILS_WITH(record_survey(*o.store, {done, in.scores, o.today().plus_days(-1).iso(), ""},
                                   unit::caller()),
                     Exit::invalid); // before the request was completed
    CHECK_FAILS_WITH(record_survey(*o.store, {done, in.scores, "", "kadis"}, unit::caller()),
                     Exit::refused);
    CHECK_FAILS_WITH(record_survey(*o.store, {"HST-2026-9999", in.scores, "", ""}, unit::caller()),
                     Exit::not_found);
    CHECK_FAILS_WITH(record_survey(*o.store, {"bogus", in.scores, "", ""}, unit::caller()),
                     Exit::not_found);
    CHECK(o.surveys().empty());

    SurveyResponse s = record_survey(*o.store, in, unit::caller());
    CHECK(s.id == fmt::format("IKM-{}-0001", o.today().year));
    CHECK(s.request == done);
    CHECK(s.date == o.today());
    CHECK(s.source == "cli");
    CHECK(s.by == "budi");
    CHECK(s.recorded_by == unit::kLogin);
    SurveyResponse back = load_survey(*o.store, s.id);
    CHECK(back.scores == ikm::Scores{4, 4, 3, 4, 4, 4, 4, 3, 4});

    e = error_from([&] {
        record_survey(*o.store, {done, "1,1,1,1,1,1,1,1,1", "", "ani"}, unit::caller());
    });
    CHECK(e.code() == Exit::conflict);
    CHECK_CONTAINS(e.what(), s.id);
}

TEST_CASE("record and import refuse when a response file cannot be read: it may answer the "
          "same request") {
    Office o;
    std::string done = o.completed_request();
    std::string other = o.completed_request();
    SurveyResponse first =
        record_survey(*o.store, {done, "4,4,3,4,4,4,4,3,4", "", ""}, unit::caller());
    const stdfs::path file =
        o.store->record_path(kSurveyDir, o.store->config().survey_id_format, first.id);
    const std::string good = unit::slurp(file);

    // A folder named like a response file, then a damaged file.
    stdfs::remove(file);
    stdfs::create_directory(file);
    for (int round = 0; round < 2; ++round) {
        INFO("round " << round);
        auto before = o.surveys();
        for (const std::string& id : {done, other}) {
            auto e = error_from([&] {
                record_survey(*o.store, {id, "4,4,4,4,4,4,4,4,4", "", ""}, unit::caller());
            });
            CHECK(e.code() == Exit::damaged);
            CHECK_CONTAINS(e.what(), file.string());
            CHECK_CONTAINS(e.what(), "one response per request");
        }
        auto csv =
            o.csv("forms.csv", csv_text({other + "," + o.today().iso() + ",4,4,4,4,4,4,4,4,4"}));
        CHECK_FAILS_WITH(import_surveys(*o.store, {csv.string(), ""}, unit::caller()),
                         Exit::damaged);
        CHECK(o.surveys() == before);
        // The list shows what it can and names the file.
        SurveyList all = list_surveys(*o.store, {});
        CHECK(all.items.empty());
        REQUIRE(all.problems.size() == 1);
        CHECK_CONTAINS(all.problems[0], file.string());
        stdfs::remove_all(file);
        unit::spit(file, replace(good, "request: ", "request: [")); // damaged YAML
    }
    unit::spit(file, good);
    CHECK_FAILS_WITH(record_survey(*o.store, {done, "4,4,4,4,4,4,4,4,4", "", ""}, unit::caller()),
                     Exit::conflict);
}

TEST_CASE("list and summary over a period") {
    Office o;
    // Anonymous forms on fixed dates across two quarters.
    auto f = o.csv("q.csv", std::string(kHeader) + ",2025-03-31,4,4,4,4,4,4,4,4,4\n"   // Q1 2025
                                                   ",2025-01-01,2,2,2,2,2,2,2,2,2\n"   // Q1 2025
                                                   ",2025-04-01,1,1,1,1,1,1,1,1,1\n"); // Q2 2025
    auto written = import_surveys(*o.store, {f.string(), ""}, unit::caller());
    REQUIRE(written.size() == 3);
    CHECK(written[0].id == "IKM-2025-0001");

    SurveyList all = list_surveys(*o.store, {});
    REQUIRE(all.items.size() == 3);
    CHECK(all.items[0].date == Date{2025, 1, 1}); // by date
    CHECK(all.items[2].date == Date{2025, 4, 1});

    DateRange q1 = quarter_range(2025, 1);
    CHECK(q1.from == Date{2025, 1, 1});
    CHECK(q1.to == Date{2025, 3, 31});
    CHECK(list_surveys(*o.store, q1).items.size() == 2);
    // Q1: two respondents, all 4 and all 2: NRR 3 everywhere, IKM 3,
    // converted 75.00, grade C.
    SurveySummary s = summarize_surveys(*o.store, q1);
    CHECK(s.result.respondents == 2);
    CHECK(*s.result.converted == 75.00);
    CHECK(s.result.grade->letter == 'C');

    s = summarize_surveys(*o.store, quarter_range(2025, 2));
    CHECK(s.result.respondents == 1);
    CHECK(*s.result.converted == 25.00);
    CHECK(summarize_surveys(*o.store, quarter_range(2025, 3)).result.respondents == 0);
    CHECK_FALSE(summarize_surveys(*o.store, quarter_range(2025, 3)).result.grade);
    CHECK(summarize_surveys(*o.store, year_range(2025)).result.respondents == 3);
    CHECK(list_surveys(*o.store, date_range("2025-03-31", "2025-04-01")).items.size() == 2);
    CHECK(list_surveys(*o.store, date_range("", "2025-03-31")).items.size() == 2);
}

TEST_CASE("periods") {
    CHECK(quarter_range(2026, 2).from == Date{2026, 4, 1});
    CHECK(quarter_range(2026, 2).to == Date{2026, 6, 30});
    CHECK(quarter_range(2026, 3).to == Date{2026, 9, 30});
    CHECK(quarter_range(2026, 4).from == Date{2026, 10, 1});
    CHECK(quarter_range(2026, 4).to == Date{2026, 12, 31});
    CHECK_FAILS_WITH(quarter_range(2026, 0), Exit::invalid);
    CHECK_FAILS_WITH(quarter_range(2026, 5), Exit::invalid);
    CHECK_FAILS_WITH(year_range(26), Exit::invalid);
    CHECK_FAILS_WITH(date_range("2026-02-01", "2026-01-31"), Exit::invalid);
    CHECK_FAILS_WITH(date_range("2026-1-1", ""), Exit::invalid);
    DateRange open = date_range("", "");
    CHECK_FALSE(open.from);
    CHECK(open.contains(Date{1999, 1, 1}));
    CHECK(open.text() == "all dates");
    CHECK(quarter_range(2026, 1).text() == "2026-01-01 to 2026-03-31");
}

TEST_SUITE_END();
