#include "survey/survey.hpp"

#include "people/people.hpp"
#include "store/ids.hpp"
#include "store/yaml_io.hpp"
#include "util/error.hpp"
#include "util/fs.hpp"
#include "util/i18n.hpp"
#include "util/text.hpp"
#include "validate/validate.hpp"
#include "workflow/find.hpp"
#include "workflow/request_rows.hpp"
#include "workflow/service.hpp"
#include "workflow/workflow.hpp"

#include <algorithm>
#include <charconv>
#include <fmt/format.h>
#include <map>
#include <tuple>
#include <variant>

namespace hostingctl {

namespace {

constexpr size_t kMaxCsvBytes = 5u * 1024 * 1024;
// A survey dated before this year is a typing error, not an old form.
constexpr int kEarliestYear = 2000;
constexpr size_t kCsvFields = 2 + ikm::kElements;
const char* kCsvHeader = "request,date,u1,u2,u3,u4,u5,u6,u7,u8,u9";

std::string shown(std::string_view s) {
    return text::shown(s, 40);
}

Date today(const Store& store, const Caller& caller) {
    return Timestamp::at(caller.now(), store.tz()).local_date();
}

// What is wrong with a response's date; empty when nothing is.
std::string date_problem(const Date& d, const Date& now) {
    if (d > now)
        return trf("the date {} is in the future", d.iso());
    if (d.year < kEarliestYear)
        return trf("the date {} is before {}", d.iso(), kEarliestYear);
    return {};
}

const std::vector<Role>& recorder_roles() {
    static const std::vector<Role> kRoles = {Role::admin, Role::petugas_teknis};
    return kRoles;
}

// Survey answers are entered by the front office or the technical officer;
// the recording policy applies as it does to workflow steps.
void check_recorder(const StaffMember& s, const std::string& unix_user, RecordingPolicy policy) {
    check_may(s, recorder_roles(), tr("record survey responses"), unix_user, policy);
}

// The local date of the request's completion (its last `complete` event).
std::optional<Date> completion_date(const Request& r) {
    const auto events = in_effect(r.events);
    for (auto it = events.rbegin(); it != events.rend(); ++it)
        if (it->action == rule(Step::complete).name)
            return it->at.local_date();
    return std::nullopt;
}

// Every response recorded so far.  A response file that cannot be read
// stops the command, naming every such file: without them, one response per
// request cannot be promised.
std::vector<SurveyResponse> all_responses(const Store& store) {
    SurveyList all = list_surveys(store, DateRange{});
    if (!all.problems.empty())
        throw unreadable_records("survey", tr("one response per request cannot be checked"),
                                 all.problems);
    return std::move(all.items);
}

// Response ids by the request they answer.
std::map<std::string, std::string> by_request(const std::vector<SurveyResponse>& all) {
    std::map<std::string, std::string> out;
    for (const auto& s : all)
        if (!s.request.empty())
            out.emplace(s.request, s.id);
    return out;
}

// Why a response may not be recorded for request `id` on `date`; nullopt
// when it may.  A damaged request file throws (it is not the input's fault).
std::optional<Error> request_problem(const Store& store, const std::string& id, const Date& date,
                                     const std::map<std::string, std::string>& answered) {
    const std::string& format = store.config().request_id_format;
    if (!parse_id(format, id))
        return Error(Exit::not_found, trf("'{}' is not a request number", shown(id)),
                     trf("request numbers look like {}", format_id(format, 2026, 7)));
    Request r;
    try {
        r = read_request(store, id);
    } catch (const Error& e) {
        if (e.code() != Exit::not_found)
            throw;
        return Error(Exit::not_found, trf("request {} does not exist", id),
                     tr("see 'hostingctl request list'"));
    }
    Status st = derive_status(r.events);
    if (st != Status::completed)
        return Error(Exit::refused,
                     trf("request {} is {}, not completed: the survey is answered after "
                         "the agency has received its access",
                         id, to_string(st)),
                     trf("record it once 'hostingctl request complete {}' is done; see "
                         "'hostingctl request show {}'",
                         id, id));
    if (auto done = completion_date(r); done && date < *done)
        return Error(
            Exit::invalid,
            trf("the date {} is before request {} was completed ({})", date.iso(), id, done->iso()),
            tr("the survey is answered after completion; check the date"));
    if (auto it = answered.find(id); it != answered.end())
        return Error(Exit::conflict,
                     trf("request {} already has survey response {}", id, it->second),
                     tr("an agency answers the survey once per request"));
    return std::nullopt;
}

// Gives `s` the next free id of its year and writes it.  Caller holds the lock.
void write_new(const Store& store, SurveyResponse& s) {
    const std::string& format = store.config().survey_id_format;
    s.id = store.next_record_id(kSurveyDir, format, s.date.year);
    stdfs::path p = store.record_path(kSurveyDir, format, s.id);
    std::error_code ec;
    stdfs::create_directories(p.parent_path(), ec);
    if (ec)
        throw Error(Exit::failure,
                    trf("cannot create {}: {}", p.parent_path().string(), ec.message()));
    fs::atomic_create(p, encode_survey(s));
}

// Splits one CSV line; fields in double quotes may hold the separator and
// "" for a quote.  Returns an error message for an unbalanced quote.
std::variant<std::vector<std::string>, std::string> split_csv_line(std::string_view line,
                                                                   char sep) {
    std::vector<std::string> fields;
    size_t i = 0;
    for (;;) {
        std::string field;
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t'))
            ++i;
        if (i < line.size() && line[i] == '"') {
            ++i;
            for (;;) {
                if (i >= line.size())
                    return std::string(tr("a quoted field is not closed on its line"));
                if (line[i] == '"') {
                    if (i + 1 < line.size() && line[i + 1] == '"') {
                        field += '"';
                        i += 2;
                        continue;
                    }
                    ++i;
                    break;
                }
                field += line[i++];
            }
            while (i < line.size() && (line[i] == ' ' || line[i] == '\t'))
                ++i;
            if (i < line.size() && line[i] != sep)
                return std::string(tr("text follows a quoted field"));
        } else {
            size_t end = line.find(sep, i);
            if (end == std::string_view::npos)
                end = line.size();
            field = std::string(line.substr(i, end - i));
            i = end;
        }
        fields.push_back(std::string(text::trim(field)));
        if (i >= line.size())
            return fields;
        ++i; // the separator
    }
}

// Parses a score cell; an empty string when it is fine.
std::string score_problem(size_t element, std::string_view cell, int& out) {
    if (cell.empty())
        return trf("{} is empty", ikm::element_text(element));
    auto [end, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), out);
    if (ec != std::errc() || end != cell.data() + cell.size())
        return trf("{} is '{}', not a whole number", ikm::element_text(element), shown(cell));
    if (out < ikm::kMinScore || out > ikm::kMaxScore)
        return trf("{} is {}; scores are {} to {}", ikm::element_text(element), out, ikm::kMinScore,
                   ikm::kMaxScore);
    return {};
}

} // namespace

// --- the record file ---------------------------------------------------------

std::string encode_survey(const SurveyResponse& s) {
    YAML::Emitter out;
    out << YAML::BeginMap;
    out << YAML::Key << "schema" << YAML::Value << kSurveySchema;
    emit_plain(out, "id", s.id);
    emit_quoted(out, "request", s.request);
    emit_plain(out, "date", s.date.iso());
    out << YAML::Key << "scores" << YAML::Value << YAML::BeginMap;
    for (size_t i = 0; i < ikm::kElements; ++i) {
        const ikm::Element& e = ikm::elements()[i];
        out << YAML::Key << e.key << YAML::Value << s.scores[i]
            << YAML::Comment(fmt::format("{}, {}", e.name_id, e.name));
    }
    out << YAML::EndMap;
    emit_quoted(out, "source", s.source);
    emit_quoted(out, "by", s.by);
    emit_quoted(out, "recorded_by", s.recorded_by);
    emit_plain(out, "recorded_at", s.recorded_at.iso());
    out << YAML::EndMap;
    if (!out.good())
        throw Error(Exit::failure,
                    fmt::format("cannot encode survey response {}: {}", s.id, out.GetLastError()));
    return yaml_document(
        fmt::format("# Satisfaction survey response {} (IKM, PermenPANRB 14/2017).\n"
                    "# Scores: 1 = tidak baik ... 4 = sangat baik.  Written by hostingctl.\n",
                    comment_text(s.id)),
        out);
}

SurveyResponse decode_survey(const std::filesystem::path& path, const std::string& content,
                             const TimeZone& tz) {
    YamlReader rd(path, content);
    rd.check_schema(kSurveySchema);
    const YAML::Node& root = rd.root();
    SurveyResponse s;
    s.id = rd.str(root, "id");
    s.request = rd.str(root, "request", false);
    auto date = parse_iso_date(rd.str(root, "date"));
    if (!date)
        rd.fail(root["date"], tr("'date' is not a YYYY-MM-DD date"));
    s.date = *date;

    YAML::Node scores = rd.map(root, "scores");
    for (const auto& kv : scores) {
        std::string key = kv.first.IsScalar() ? kv.first.Scalar() : std::string();
        const auto& all = ikm::elements();
        if (std::none_of(all.begin(), all.end(),
                         [&](const ikm::Element& e) { return key == e.key; }))
            rd.fail(kv.first, trf("unknown score '{}'; the elements are u1 to u9", shown(key)));
    }
    for (size_t i = 0; i < ikm::kElements; ++i) {
        const char* key = ikm::elements()[i].key;
        const YAML::Node n = scores[key];
        if (!n || n.IsNull())
            rd.fail(scores, trf("missing score '{}'", key));
        int v = 0;
        if (!n.IsScalar() || !score_problem(i, n.Scalar(), v).empty())
            rd.fail(n, trf("score '{}' must be a whole number {} to {}", key, ikm::kMinScore,
                           ikm::kMaxScore));
        s.scores[i] = v;
    }

    s.source = rd.str(root, "source");
    if (s.source != "cli" && !(s.source.starts_with("import:") && s.source.size() > 7))
        rd.fail(root["source"], tr("'source' must be 'cli' or 'import:<file name>'"));
    s.by = rd.str(root, "by", false);
    s.recorded_by = rd.str(root, "recorded_by");
    s.recorded_at = read_time(rd, root, "recorded_at", tz);
    return s;
}

SurveyResponse load_survey(const Store& store, std::string_view id) {
    stdfs::path p = store.record_path(kSurveyDir, store.config().survey_id_format, id);
    SurveyResponse s =
        decode_survey(p, read_record(p, "survey response", id, "survey list"), store.tz());
    check_record_id(p, s.id, id);
    return s;
}

// --- periods -----------------------------------------------------------------

bool DateRange::contains(const Date& d) const {
    return (!from || *from <= d) && (!to || d <= *to);
}

std::string DateRange::text() const {
    if (from && to)
        return trf("{} to {}", from->iso(), to->iso());
    if (from)
        return trf("from {}", from->iso());
    if (to)
        return trf("up to {}", to->iso());
    return tr("all dates");
}

DateRange date_range(const std::string& from, const std::string& to) {
    DateRange r;
    for (auto [flag, value, slot] :
         {std::tuple{"--from", &from, &r.from}, std::tuple{"--to", &to, &r.to}}) {
        if (value->empty())
            continue;
        auto d = parse_date(*value);
        if (!d)
            throw Error(Exit::invalid, trf("{} '{}' is not a date", flag, shown(*value)),
                        date_hint());
        *slot = *d;
    }
    if (r.from && r.to && *r.to < *r.from)
        throw Error(Exit::invalid, trf("--from {} is after --to {}", r.from->iso(), r.to->iso()));
    return r;
}

DateRange quarter_range(int year, int quarter) {
    if (quarter < 1 || quarter > 4)
        throw Error(Exit::invalid, trf("quarter {} does not exist", quarter),
                    tr("quarters are 1 (January-March) to 4 (October-December)"));
    DateRange r = year_range(year);
    auto first = static_cast<unsigned>(3 * quarter - 2);
    r.from = Date{year, first, 1};
    // The day before the next quarter starts.
    r.to = quarter == 4 ? Date{year, 12, 31} : Date{year, first + 3, 1}.plus_days(-1);
    return r;
}

DateRange year_range(int year) {
    if (year < kEarliestYear || year > 9999)
        throw Error(Exit::invalid, trf("year {} is out of range", year),
                    trf("give a year from {} on", kEarliestYear));
    return {Date{year, 1, 1}, Date{year, 12, 31}};
}

// --- reading -----------------------------------------------------------------

SurveyList list_surveys(const Store& store, const DateRange& range) {
    SurveyList out;
    RecordScan scan = store.scan_records(kSurveyDir, store.config().survey_id_format);
    out.problems = std::move(scan.problems);
    for (const auto& id : scan.ids) {
        try {
            SurveyResponse s = load_survey(store, id);
            if (range.contains(s.date))
                out.items.push_back(std::move(s));
        } catch (const Error& e) {
            if (e.code() == Exit::not_found)
                continue; // removed while we listed
            if (e.code() != Exit::damaged && e.code() != Exit::failure)
                throw;
            out.problems.push_back(e.what()); // damaged, or cannot be read
        }
    }
    std::sort(out.items.begin(), out.items.end(), [](const auto& a, const auto& b) {
        return a.date != b.date ? a.date < b.date : a.id < b.id;
    });
    return out;
}

SurveySummary summarize_surveys(const Store& store, const DateRange& range) {
    SurveyList all = list_surveys(store, range);
    if (!all.problems.empty())
        throw Error(Exit::damaged,
                    ntrf("{} survey file could not be read, so the index would be wrong:\n  {}",
                         "{} survey files could not be read, so the index would be wrong:\n  {}",
                         all.problems.size(), all.problems.size(),
                         text::join(all.problems, "\n  ")),
                    tr("the files were left untouched; fix or restore them"));
    std::vector<ikm::Scores> scores;
    scores.reserve(all.items.size());
    for (const auto& s : all.items)
        scores.push_back(s.scores);
    return {range, ikm::compute_ikm(scores)};
}

// --- recording ---------------------------------------------------------------

SurveyResponse record_survey(const Store& store, const RecordSurveyInput& in,
                             const Caller& caller) {
    // 1. The input on its own.
    SurveyResponse s;
    s.request = validate::text(tr("request"), in.request, 64);
    s.scores = ikm::parse_scores(in.scores);
    Date now = today(store, caller);
    s.date = now;
    if (!in.date.empty()) {
        auto d = parse_date(validate::text("--date", in.date, 32));
        if (!d)
            throw Error(Exit::invalid, trf("--date '{}' is not a date", shown(in.date)),
                        date_hint());
        s.date = *d;
    }
    if (std::string p = date_problem(s.date, now); !p.empty())
        throw Error(Exit::invalid, p, tr("give the date the agency answered, with --date"));
    store.request_path(s.request); // Error(not_found) for a malformed number
    s.source = "cli";
    s.recorded_by = caller.login;

    // 2. Against the store, under the lock.
    auto lock = store.lock();
    auto staff = store.staff();
    const StaffMember& by = resolve_performer(staff, in.by, s.recorded_by);
    check_recorder(by, s.recorded_by, store.config().recording);
    if (auto problem = request_problem(store, s.request, s.date, by_request(all_responses(store))))
        throw *problem;
    s.by = by.id;
    s.recorded_at = Timestamp::at(caller.now(), store.tz());
    write_new(store, s);
    return s;
}

// --- CSV import --------------------------------------------------------------

ParsedSurveyCsv parse_survey_csv(std::string_view csv) {
    ParsedSurveyCsv out;
    if (csv.starts_with("\xEF\xBB\xBF"))
        csv.remove_prefix(3);
    std::vector<std::string> lines = text::split(csv, '\n');
    bool have_header = false;
    char sep = ',';
    for (size_t n = 0; n < lines.size(); ++n) {
        const int line_no = static_cast<int>(n + 1);
        std::string_view line = lines[n];
        if (line.ends_with('\r'))
            line.remove_suffix(1);
        if (text::trim(line).empty())
            continue;
        if (!have_header) {
            if (line.find(';') != std::string_view::npos &&
                line.find(',') == std::string_view::npos)
                sep = ';';
            auto fields = split_csv_line(line, sep);
            std::vector<std::string> got;
            if (auto* f = std::get_if<std::vector<std::string>>(&fields))
                for (const auto& cell : *f)
                    got.push_back(text::lower(cell));
            if (text::join(got, ",") != kCsvHeader) {
                out.problems.push_back(
                    {line_no, trf("the header is '{}', expected '{}'", shown(line), kCsvHeader)});
                return out; // the rows cannot be read without their columns
            }
            have_header = true;
            continue;
        }
        auto split = split_csv_line(line, sep);
        if (auto* err = std::get_if<std::string>(&split)) {
            out.problems.push_back({line_no, *err});
            continue;
        }
        const auto& fields = std::get<std::vector<std::string>>(split);
        if (std::all_of(fields.begin(), fields.end(), [](const auto& f) { return f.empty(); }))
            continue; // a spreadsheet's empty row: ",,,,,,,,,,"
        if (fields.size() != kCsvFields) {
            out.problems.push_back({line_no, trf("{} fields instead of {} ({})", fields.size(),
                                                 kCsvFields, kCsvHeader)});
            continue;
        }
        SurveyRow row;
        row.line = line_no;
        row.request = fields[0];
        std::vector<std::string> wrong;
        if (fields[1].empty())
            wrong.push_back(tr("no date"));
        else if (auto d = parse_date(fields[1]))
            row.date = *d;
        else
            wrong.push_back(
                trf("date '{}' is not a date (YYYY-MM-DD or DD-MM-YYYY)", shown(fields[1])));
        for (size_t i = 0; i < ikm::kElements; ++i)
            if (std::string p = score_problem(i, fields[2 + i], row.scores[i]); !p.empty())
                wrong.push_back(p);
        if (!wrong.empty())
            out.problems.push_back({line_no, text::join(wrong, "; ")});
        else
            out.rows.push_back(std::move(row));
    }
    if (!have_header)
        out.problems.push_back({1, trf("the file is empty; the first line must be the "
                                       "header '{}'",
                                       kCsvHeader)});
    return out;
}

std::vector<SurveyResponse> import_surveys(const Store& store, const ImportSurveyInput& in,
                                           const Caller& caller) {
    // 1. The file on its own.
    stdfs::path path = validate::text(tr("file"), in.file, 4096);
    std::string name = validate::text(tr("file name"), path.filename().string(), 255);
    std::string content = fs::read_input_file(path, kMaxCsvBytes);
    ParsedSurveyCsv parsed = parse_survey_csv(content);
    std::vector<RowProblem> problems = parsed.problems;
    const std::string& unix_user = caller.login;
    Date now = today(store, caller);
    for (const auto& row : parsed.rows)
        if (std::string p = date_problem(row.date, now); !p.empty())
            problems.push_back({row.line, p});

    // 2. Against the store, under the lock held until the last file is written.
    auto lock = store.lock();
    auto staff = store.staff();
    const StaffMember& by = resolve_performer(staff, in.by, unix_user);
    check_recorder(by, unix_user, store.config().recording);
    std::vector<SurveyResponse> existing = all_responses(store);
    auto answered = by_request(existing);
    // Anonymous forms carry nothing unique, so a file imported twice would
    // count every form twice.  A row equal (date and scores) to a response
    // imported earlier from a file of the same name is taken for such a
    // repeat; each earlier response matches one row at most.
    std::vector<const SurveyResponse*> earlier;
    for (const auto& s : existing)
        if (s.request.empty() && s.source == "import:" + name)
            earlier.push_back(&s);
    std::map<std::string, int> first_line;
    std::optional<RequestList> requests; // read when a form names a request
    for (auto& row : parsed.rows) {
        if (row.request.empty()) {
            auto it = std::find_if(earlier.begin(), earlier.end(), [&](const SurveyResponse* s) {
                return s && s->date == row.date && s->scores == row.scores;
            });
            if (it != earlier.end()) {
                problems.push_back(
                    {row.line, trf("already imported from {} as {}", name, (*it)->id)});
                *it = nullptr;
            }
            continue;
        }
        // The request as people write it on a form: its number in any
        // form (hst-2026-7; 7 is of the year of the form's date) or its
        // domain, as every command takes it.
        if (!requests)
            requests = list_requests(store, caller.now());
        try {
            row.request = resolve_request(*requests, store.config(), row.request, row.date.year);
        } catch (const Error& e) {
            problems.push_back({row.line, e.what()});
            continue;
        }
        if (auto [it, fresh] = first_line.emplace(row.request, row.line); !fresh) {
            problems.push_back({row.line, trf("request {} is already on line {}; one "
                                              "response per request",
                                              shown(row.request), it->second)});
            continue;
        }
        if (auto p = request_problem(store, row.request, row.date, answered))
            problems.push_back({row.line, p->what()});
    }
    if (problems.empty() && parsed.rows.empty())
        problems.push_back({1, tr("the file holds a header but no responses")});
    if (!problems.empty()) {
        std::stable_sort(problems.begin(), problems.end(),
                         [](const auto& a, const auto& b) { return a.line < b.line; });
        std::vector<int> bad_lines;
        std::string list;
        for (const auto& p : problems) {
            // TRANSLATORS: a line of a CSV file and what is wrong with it.
            list += "\n  " + trf("line {}: {}", p.line, p.message);
            if (bad_lines.empty() || bad_lines.back() != p.line)
                bad_lines.push_back(p.line);
        }
        throw Error(Exit::invalid,
                    ntrf("{}: {} bad row; nothing was imported:{}",
                         "{}: {} bad rows; nothing was imported:{}", bad_lines.size(),
                         path.string(), bad_lines.size(), list),
                    trf("fix those rows and import the whole file again; the header is "
                        "'{}' and scores are 1 to 4",
                        kCsvHeader));
    }

    // 3. Write every row; undo the ones written if one write fails.
    std::vector<SurveyResponse> written;
    written.reserve(parsed.rows.size());
    try {
        for (const auto& row : parsed.rows) {
            SurveyResponse s;
            s.request = row.request;
            s.date = row.date;
            s.scores = row.scores;
            s.source = "import:" + name;
            s.by = by.id;
            s.recorded_by = unix_user;
            s.recorded_at = Timestamp::at(caller.now(), store.tz());
            write_new(store, s);
            written.push_back(std::move(s));
        }
    } catch (...) {
        for (const auto& s : written) {
            std::error_code rm;
            stdfs::remove(store.record_path(kSurveyDir, store.config().survey_id_format, s.id), rm);
        }
        throw;
    }
    return written;
}

} // namespace hostingctl
