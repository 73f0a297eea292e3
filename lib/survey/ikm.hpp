#pragma once
// The community satisfaction index (IKM, Indeks Kepuasan Masyarakat) of
// PermenPANRB 14/2017: nine service elements U1..U9, each answered on a
// 1-4 scale.  Pure computation; nothing here touches the store.
//
//   NRR per element   = mean of its scores over all respondents
//   weighted NRR      = NRR x 1/9 (all nine elements weigh the same)
//   IKM               = sum of the nine weighted NRR          (1.00 .. 4.00)
//   converted score   = IKM x 25                              (25.00 .. 100.00)
//   grade (mutu)      = from the converted score rounded to 2 decimals:
//                       A 88.31-100.00 Sangat Baik, B 76.61-88.30 Baik,
//                       C 65.00-76.60 Kurang Baik, D 25.00-64.99 Tidak Baik
#include "util/json.hpp"

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hostingctl::ikm {

inline constexpr size_t kElements = 9;
inline constexpr int kMinScore = 1;
inline constexpr int kMaxScore = 4;

// One survey element, in questionnaire order (U1 first).
struct Element {
    const char* code;    // "U1"
    const char* key;     // "u1": CSV column, YAML and JSON key
    const char* name;    // English name, e.g. "requirements"
    const char* name_id; // Indonesian name as printed on the form, e.g. "Persyaratan"
};
const std::array<Element, kElements>& elements();
// An element for messages: "U3 (completion time)", or "U3 (Waktu Pelayanan)"
// when messages are in Indonesian.
std::string element_text(size_t i);

// The answers of one respondent: scores[0] is U1 ... scores[8] is U9.
using Scores = std::array<int, kElements>;

// Throws Error(invalid) naming the element (e.g. "U3 (completion time)")
// when a score lies outside 1-4.
void check_scores(const Scores& scores);

// Parses "4,4,3,4,4,4,4,3,4": exactly nine whole numbers 1-4 separated by
// commas (blanks around them allowed).  Throws Error(invalid) otherwise.
Scores parse_scores(std::string_view text);

// "4,4,3,4,4,4,4,3,4"
std::string scores_text(const Scores& scores);

// Service quality (mutu pelayanan) and unit performance (kinerja unit).
struct Grade {
    char letter;          // 'A'..'D'
    const char* label;    // "Sangat Baik" (the regulation's wording)
    const char* label_en; // "very good"
    double from;          // lowest converted score of the band, e.g. 88.31
    double to;            // highest, e.g. 100.00
};
// The four bands, A first.
const std::array<Grade, 4>& grades();

// The grade of a converted score, after rounding it to 2 decimals (half
// away from zero).  nullopt outside 25.00-100.00, which no valid survey
// produces.
std::optional<Grade> grade_for(double converted);
// The same on a score given in hundredths (8831 for 88.31); exact.
std::optional<Grade> grade_for_hundredths(long hundredths);

struct ElementResult {
    double nrr = 0;      // mean score, 1.00-4.00
    double weighted = 0; // nrr / 9
};

struct Result {
    size_t respondents = 0;
    // Per element, U1 first.  All zero when there are no respondents.
    std::array<ElementResult, kElements> elements{};
    // The index, the converted score and the grade exist only when someone
    // answered: an empty period has no IKM (never read a 0 as a score).
    std::optional<double> ikm;                // sum of weighted NRR, unrounded
    std::optional<double> converted;          // ikm x 25, rounded to 2 decimals
    std::optional<long> converted_hundredths; // the same in hundredths, exact
    std::optional<Grade> grade;
};

// Computes the index over all responses.  Throws Error(invalid) when a
// score lies outside 1-4.
Result compute_ikm(const std::vector<Scores>& responses);

// The IKM as every --json output gives it (`survey summary`, and `ikm` of
// the quarterly report): {"respondents", "elements": nine of {"code": "U1",
// "key": "u1", "name", "name_id", "nrr", "weighted"}, "ikm", "converted",
// "grade", "grade_label", "grade_label_en"}.  nrr, weighted and ikm are
// rounded to 3 decimals, converted to 2 (computed from the unrounded
// index); the figures and the grade are null when no one answered.
Json result_json(const Result& r);

} // namespace hostingctl::ikm
