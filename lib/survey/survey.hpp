#pragma once
// Satisfaction survey responses (PRODUCT §8): after a request is completed
// the agency may answer the nine IKM elements; paper forms (anonymous or
// naming a request) are imported from CSV.  One YAML file per response at
// surveys/<year>/<id>.yaml, ids in the store's numbering.survey_id format
// (IKM-{year}-{seq:4}).  Every write follows the store's rules: all input
// validated first, checks and writes under the store lock, atomic files,
// nothing written when anything is refused.
#include "people/people.hpp"
#include "store/store.hpp"
#include "survey/ikm.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hostingctl {

// Schema of a survey response file this build reads and writes.
inline constexpr int kSurveySchema = 1;

// The store directory holding the responses.
inline constexpr const char* kSurveyDir = "surveys";

struct SurveyResponse {
    std::string id;          // IKM-2026-0001
    std::string request;     // HST-2026-0007; empty for an anonymous paper form
    Date date;               // when the respondent answered
    ikm::Scores scores{};    // U1..U9, each 1-4
    std::string source;      // "cli", or "import:<file name>" for a CSV import
    std::string by;          // staff id of who entered it
    std::string recorded_by; // Unix user who ran the command
    Timestamp recorded_at;
};

std::string encode_survey(const SurveyResponse& s);
// Throws Error(damaged) naming the file and line for anything malformed,
// and for a schema newer than kSurveySchema.
SurveyResponse decode_survey(const std::filesystem::path& path, const std::string& content,
                             const TimeZone& tz);

// Loads one response; Error(not_found) or Error(damaged).
SurveyResponse load_survey(const Store& store, std::string_view id);

// Inclusive range of dates; an open end has no bound.
struct DateRange {
    std::optional<Date> from;
    std::optional<Date> to;
    bool contains(const Date& d) const;
    // "2026-01-01 to 2026-03-31", "from 2026-01-01", "all dates"
    std::string text() const;
};
// Parses --from/--to (each may be empty); Error(invalid) for a bad date or
// from after to.
DateRange date_range(const std::string& from, const std::string& to);
// Quarter 1-4 of `year` (Q1 = January-March); Error(invalid) otherwise.
DateRange quarter_range(int year, int quarter);
DateRange year_range(int year);

struct SurveyList {
    std::vector<SurveyResponse> items; // sorted by date, then id
    std::vector<std::string> problems; // damaged files, one message each
};
// The responses dated within `range`.  Damaged files are skipped and listed.
SurveyList list_surveys(const Store& store, const DateRange& range);

struct SurveySummary {
    DateRange range;
    ikm::Result result;
};
// The IKM over the responses dated within `range`.  Refuses with
// Error(damaged) when any response file cannot be read: an index over part
// of the answers would be silently wrong.
SurveySummary summarize_surveys(const Store& store, const DateRange& range);

struct RecordSurveyInput {
    std::string request; // required
    std::string scores;  // "4,4,3,4,4,4,4,3,4"
    std::string date;    // YYYY-MM-DD; empty = today (office time)
    std::string by;      // staff id; empty = the one mapped to the Unix user
};

// Records one response for a request.  Refuses: bad scores or date
// (invalid), unknown request (not_found), a request not completed or a
// performer without the admin or petugas_teknis role (refused), a request
// that already has a response (conflict).
SurveyResponse record_survey(const Store& store, const RecordSurveyInput& in, const Caller& caller);

// One row of a survey CSV: `request,date,u1,u2,u3,u4,u5,u6,u7,u8,u9`.
struct SurveyRow {
    int line = 0;        // 1-based line in the file
    std::string request; // empty for an anonymous form
    Date date;
    ikm::Scores scores{};
};

struct RowProblem {
    int line = 0;
    std::string message;
};

struct ParsedSurveyCsv {
    std::vector<SurveyRow> rows;      // the rows that parsed
    std::vector<RowProblem> problems; // every row that did not, by line
};

// Parses the CSV text on its own (no store): the header, then each row's
// field count, date and scores.  Accepts a UTF-8 byte order mark, CRLF
// line ends, blank lines, fields in double quotes, and ';' as the separator
// when the header uses it (spreadsheets in the Indonesian locale do).
ParsedSurveyCsv parse_survey_csv(std::string_view csv);

struct ImportSurveyInput {
    std::string file; // path of the CSV file
    std::string by;   // staff id; empty = the one mapped to the Unix user
};

// Imports a CSV of paper forms.  Every row is checked first (the CSV itself,
// then against the store: a named request must exist, be completed, have no
// response yet and appear once; an anonymous row must not repeat one
// imported before from a file of the same name with the same date and
// scores); any bad row makes one Error(invalid) listing every bad row with
// its line number, and nothing is written.  When all rows pass, all are
// written under one store lock.
std::vector<SurveyResponse> import_surveys(const Store& store, const ImportSurveyInput& in,
                                           const Caller& caller);

} // namespace hostingctl
