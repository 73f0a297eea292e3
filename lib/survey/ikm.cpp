#include "survey/ikm.hpp"

#include "util/error.hpp"
#include "util/i18n.hpp"
#include "util/text.hpp"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <fmt/format.h>

namespace hostingctl::ikm {

namespace {

// A band of the regulation's conversion table, in hundredths of a point.
struct Band {
    long from;
    long to;
};

// Same order as grades().
constexpr std::array<Band, 4> kBands = {{{8831, 10000}, {7661, 8830}, {6500, 7660}, {2500, 6499}}};

} // namespace

const std::array<Element, kElements>& elements() {
    // The order of the regulation's sample questionnaire; the CSV columns
    // u1..u9 and the stored scores follow it.
    static const std::array<Element, kElements> kAll = {{
        {"U1", "u1", "requirements", "Persyaratan"},
        {"U2", "u2", "procedure", "Prosedur"},
        {"U3", "u3", "completion time", "Waktu Pelayanan"},
        {"U4", "u4", "cost", "Biaya/Tarif"},
        {"U5", "u5", "product", "Produk Spesifikasi Jenis Pelayanan"},
        {"U6", "u6", "officer competence", "Kompetensi Pelaksana"},
        {"U7", "u7", "officer conduct", "Perilaku Pelaksana"},
        {"U8", "u8", "facilities", "Sarana dan Prasarana"},
        {"U9", "u9", "complaint handling", "Penanganan Pengaduan"},
    }};
    return kAll;
}

std::string element_text(size_t i) {
    const Element& e = elements()[i];
    return fmt::format("{} ({})", e.code, i18n::language() == "id" ? e.name_id : e.name);
}

const std::array<Grade, 4>& grades() {
    static const std::array<Grade, 4> kAll = {{
        {'A', "Sangat Baik", "very good", 88.31, 100.00},
        {'B', "Baik", "good", 76.61, 88.30},
        {'C', "Kurang Baik", "poor", 65.00, 76.60},
        {'D', "Tidak Baik", "bad", 25.00, 64.99},
    }};
    return kAll;
}

void check_scores(const Scores& scores) {
    for (size_t i = 0; i < kElements; ++i)
        if (scores[i] < kMinScore || scores[i] > kMaxScore)
            throw Error(Exit::invalid,
                        trf("{} is {}; scores are {} to {}", element_text(i), scores[i], kMinScore,
                            kMaxScore),
                        tr("1 = not good (tidak baik) ... 4 = very good (sangat baik)"));
}

Scores parse_scores(std::string_view input) {
    const std::string hint = tr("give nine scores 1-4 for U1..U9, e.g. --scores 4,4,3,4,4,4,4,3,4");
    std::vector<std::string> parts = text::split(input, ',');
    if (parts.size() != kElements)
        throw Error(Exit::invalid,
                    trf("expected {} scores (U1..U9), got {}", kElements,
                        text::trim(input).empty() ? 0 : parts.size()),
                    hint);
    Scores out{};
    for (size_t i = 0; i < kElements; ++i) {
        std::string_view p = text::trim(parts[i]);
        int v = 0;
        auto [end, ec] = std::from_chars(p.data(), p.data() + p.size(), v);
        if (p.empty() || ec != std::errc() || end != p.data() + p.size())
            throw Error(
                Exit::invalid,
                trf("{}: '{}' is not a whole number", element_text(i), text::ellipsize(p, 20)),
                hint);
        out[i] = v;
    }
    check_scores(out);
    return out;
}

std::string scores_text(const Scores& scores) {
    std::string out;
    for (size_t i = 0; i < kElements; ++i) {
        if (i)
            out += ',';
        out += std::to_string(scores[i]);
    }
    return out;
}

std::optional<Grade> grade_for_hundredths(long hundredths) {
    for (size_t i = 0; i < kBands.size(); ++i)
        if (hundredths >= kBands[i].from && hundredths <= kBands[i].to)
            return grades()[i];
    return std::nullopt;
}

std::optional<Grade> grade_for(double converted) {
    if (!std::isfinite(converted) || converted < 0 || converted > 1000)
        return std::nullopt;
    return grade_for_hundredths(std::lround(converted * 100.0));
}

Result compute_ikm(const std::vector<Scores>& responses) {
    Result r;
    r.respondents = responses.size();
    if (responses.empty())
        return r;
    std::array<int64_t, kElements> sums{};
    int64_t total = 0;
    for (const auto& s : responses) {
        check_scores(s);
        for (size_t i = 0; i < kElements; ++i) {
            sums[i] += s[i];
            total += s[i];
        }
    }
    const auto n = static_cast<int64_t>(responses.size());
    const auto k = static_cast<int64_t>(kElements);
    for (size_t i = 0; i < kElements; ++i) {
        r.elements[i].nrr = static_cast<double>(sums[i]) / static_cast<double>(n);
        r.elements[i].weighted = r.elements[i].nrr / static_cast<double>(kElements);
    }
    // The sum of the weighted NRR is total / (9 n) exactly, and the converted
    // score is 25 total / (9 n).  Rounding that fraction in integers keeps a
    // score that lies on a band boundary (88.31, 76.61, 65.00) from slipping
    // into the band below through binary floating point.
    r.ikm = static_cast<double>(total) / static_cast<double>(k * n);
    const int64_t num = 2500 * total; // hundredths: 2500 total / (9 n)
    const int64_t den = k * n;
    const int64_t hundredths = (2 * num + den) / (2 * den); // half up; all positive
    r.converted_hundredths = static_cast<long>(hundredths);
    r.converted = static_cast<double>(hundredths) / 100.0;
    r.grade = grade_for_hundredths(static_cast<long>(hundredths));
    return r;
}

Json result_json(const Result& r) {
    const bool any = r.respondents > 0;
    Json j = Json::object();
    j["respondents"] = r.respondents;
    Json els = Json::array();
    for (size_t i = 0; i < kElements; ++i) {
        const Element& e = elements()[i];
        Json el = Json::object();
        el["code"] = e.code;
        el["key"] = e.key;
        el["name"] = e.name;
        el["name_id"] = e.name_id;
        el["nrr"] = any ? Json(rounded(r.elements[i].nrr, 3)) : Json();
        el["weighted"] = any ? Json(rounded(r.elements[i].weighted, 3)) : Json();
        els.push(el);
    }
    j["elements"] = els;
    j["ikm"] = number_or_null(r.ikm, 3);
    j["converted"] = number_or_null(r.converted, 2);
    j["grade"] = r.grade ? Json(std::string(1, r.grade->letter)) : Json();
    j["grade_label"] = r.grade ? Json(r.grade->label) : Json();
    j["grade_label_en"] = r.grade ? Json(r.grade->label_en) : Json();
    return j;
}

} // namespace hostingctl::ikm
