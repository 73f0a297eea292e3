// hostingctl survey record|import|list|summary: the satisfaction survey
// (IKM, PermenPANRB 14/2017; PRODUCT §8).
//
// JSON OUTPUT (--json).  Keys are a stable contract: added, never renamed
// or removed.
//
//   A response (printed by `survey record`, and in `import` and `list`):
//     id            "IKM-2026-0001"
//     request       "HST-2026-0007", or null for an anonymous paper form
//     date          "2026-03-02": when the respondent answered
//     scores        {"u1": 4, ..., "u9": 4}: each 1-4; u1 requirements,
//                   u2 procedure, u3 completion time, u4 cost, u5 product,
//                   u6 officer competence, u7 officer conduct, u8 facilities,
//                   u9 complaint handling
//     source        "cli", or "import:<file name>"
//     by            staff id of who entered it
//     recorded_by   Unix user who ran the command
//     recorded_at   ISO 8601 time with offset
//
//   survey record   one response object.
//   survey import   {"file": path as given, "imported": count,
//                    "responses": [response, ...]}
//   survey list     [response, ...], sorted by date then id.
//   survey summary  {
//     "from", "to"      the period, "YYYY-MM-DD" or null for an open end
//     "respondents"     number of responses in the period
//     "elements"        nine objects, U1 first: {"code": "U1", "key": "u1",
//                       "name": "requirements", "name_id": "Persyaratan",
//                       "nrr": mean score, "weighted": nrr / 9, both to 3
//                       decimals}; nrr and weighted are null when there
//                       are no respondents
//     "ikm"             sum of the weighted NRR (1-4, to 3 decimals), or null
//     "converted"       ikm x 25 rounded to 2 decimals (25-100), or null
//   (the quarterly report's "ikm" object has the same keys: ikm::result_json)
//     "grade"           "A", "B", "C" or "D", or null
//     "grade_label"     "Sangat Baik", "Baik", "Kurang Baik", "Tidak Baik",
//                       or null
//     "grade_label_en"  "very good", "good", "poor", "bad", or null
//   }
//   ikm, converted and the grade are null when no one answered in the
//   period: an empty period has no index.
#include "survey/survey.hpp"

#include "commands.hpp"
#include "util/error.hpp"
#include "util/i18n.hpp"

#include <fmt/format.h>

namespace hostingctl::cli {

namespace {

Json response_json(const SurveyResponse& s) {
    Json j = Json::object();
    j["id"] = s.id;
    j["request"] = s.request.empty() ? Json() : Json(s.request);
    j["date"] = s.date.iso();
    Json scores = Json::object();
    for (size_t i = 0; i < ikm::kElements; ++i)
        scores[ikm::elements()[i].key] = s.scores[i];
    j["scores"] = scores;
    j["source"] = s.source;
    j["by"] = s.by;
    j["recorded_by"] = s.recorded_by;
    j["recorded_at"] = s.recorded_at.iso();
    return j;
}

Json date_json(const std::optional<Date>& d) {
    return d ? Json(d->iso()) : Json();
}

Json summary_json(const SurveySummary& sum) {
    Json j = Json::object();
    j["from"] = date_json(sum.range.from);
    j["to"] = date_json(sum.range.to);
    Json ikm = ikm::result_json(sum.result);
    for (const char* key :
         {"respondents", "elements", "ikm", "converted", "grade", "grade_label", "grade_label_en"})
        j[key] = ikm[key];
    return j;
}

void print_summary(Context& ctx, const SurveySummary& sum) {
    if (ctx.out.json()) {
        ctx.out.print_json(summary_json(sum));
        return;
    }
    const ikm::Result& r = sum.result;
    const Output& out = ctx.out;
    if (r.respondents == 0) {
        // TRANSLATORS: {} is a period: "2026-01-01 to 2026-03-31", "from
        // 2026-01-01", "up to 2026-03-31" or "all dates".
        if (!sum.range.from && !sum.range.to)
            out.line(tr("No survey responses yet: there is no IKM and no grade."));
        else
            out.line(trf("No survey responses dated {}: there is no IKM and no grade for "
                         "this period.",
                         sum.range.text()));
        return;
    }
    out.line(fmt::format("{} ({}, PermenPANRB 14/2017)", out.bold(tr("Satisfaction index (IKM)")),
                         sum.range.text()));
    std::vector<std::vector<std::string>> rows;
    for (size_t i = 0; i < ikm::kElements; ++i) {
        const ikm::Element& e = ikm::elements()[i];
        // The form's Indonesian name, and the English one unless messages
        // are in Indonesian.
        rows.push_back({e.code,
                        i18n::language() == "id" ? std::string(e.name_id)
                                                 : fmt::format("{} ({})", e.name_id, e.name),
                        fmt::format("{:.3f}", r.elements[i].nrr),
                        fmt::format("{:.4f}", r.elements[i].weighted)});
    }
    out.table({tr("ELEMENT"), tr("NAME"), "NRR", tr("WEIGHTED")}, rows);
    out.line("");
    // TRANSLATORS: the four lines of the IKM summary are padded to one
    // width; keep the values lined up.
    out.line(trf("IKM (sum of weighted NRR)   {:.4f}", *r.ikm));
    out.line(trf("converted score (IKM x 25)  {:.2f}", *r.converted));
    // TRANSLATORS: the grade letter and its label ("Sangat Baik (very good)").
    out.line(trf("grade                       {} — {}", r.grade->letter,
                 i18n::language() == "id"
                     ? std::string(r.grade->label)
                     : fmt::format("{} ({})", r.grade->label, r.grade->label_en)));
    out.line(trf("respondents                 {}", r.respondents));
}

std::vector<std::string> response_row(const SurveyResponse& s) {
    return {s.id,
            s.date.iso(),
            s.request.empty() ? "-" : s.request,
            ikm::scores_text(s.scores),
            s.source,
            s.by.empty() ? "-" : s.by};
}

void setup_record(CLI::App& grp, Context& ctx) {
    auto in = std::make_shared<RecordSurveyInput>();
    CLI::App* c =
        grp.add_subcommand("record", "record the agency's answers for a completed request");
    c->add_option("request", in->request, "request number (or domain)")
        ->required()
        ->type_name("REQUEST");
    c->add_option("--scores", in->scores,
                  "nine scores 1-4 for U1..U9, e.g. 4,4,3,4,4,4,4,3,4 (U1 requirements, "
                  "U2 procedure, U3 completion time, U4 cost, U5 product, U6 officer "
                  "competence, U7 officer conduct, U8 facilities, U9 complaint handling)")
        ->required()
        ->type_name("U1,...,U9");
    c->add_option("--date", in->date, "when the agency answered (default: today)")
        ->type_name("YYYY-MM-DD");
    c->add_option("--by", in->by,
                  "who entered it, must hold admin or petugas_teknis "
                  "(default: you)")
        ->type_name("STAFF");
    c->callback([&ctx, in] {
        in->request = ctx.request_id(in->request);
        SurveyResponse s = record_survey(ctx.store(), *in, ctx.caller());
        if (ctx.out.json()) {
            ctx.out.print_json(response_json(s));
            return;
        }
        // TRANSLATORS: response number, request number, date, the nine scores.
        ctx.out.line(trf("{} recorded for {} (answered {}): {}", ctx.out.bold(s.id), s.request,
                         s.date.iso(), ikm::scores_text(s.scores)));
    });
}

void setup_import(CLI::App& grp, Context& ctx) {
    auto in = std::make_shared<ImportSurveyInput>();
    CLI::App* c = grp.add_subcommand(
        "import", "import paper forms from a CSV file; all rows are checked before any is written");
    c->add_option("file", in->file,
                  "header request,date,u1,u2,u3,u4,u5,u6,u7,u8,u9, then one form a line; an "
                  "empty request means an anonymous form")
        ->required()
        ->type_name("FILE.csv");
    c->add_option("--by", in->by,
                  "who entered the forms, must hold admin or petugas_teknis "
                  "(default: you)")
        ->type_name("STAFF");
    c->callback([&ctx, in] {
        auto written = import_surveys(ctx.store(), *in, ctx.caller());
        if (ctx.out.json()) {
            Json j = Json::object();
            j["file"] = in->file;
            j["imported"] = written.size();
            Json arr = Json::array();
            for (const auto& s : written)
                arr.push(response_json(s));
            j["responses"] = arr;
            ctx.out.print_json(j);
            return;
        }
        // TRANSLATORS: count, file, first and last response number.
        if (written.size() == 1)
            ctx.out.line(trf("Imported 1 response from {}: {}", in->file, written.front().id));
        else
            ctx.out.line(ntrf("Imported {} response from {}: {} to {}",
                              "Imported {} responses from {}: {} to {}", written.size(),
                              written.size(), in->file, written.front().id, written.back().id));
    });
}

void setup_list(CLI::App& grp, Context& ctx) {
    struct ListOptions {
        std::string from, to;
    };
    auto o = std::make_shared<ListOptions>();
    CLI::App* c = grp.add_subcommand("list", "list survey responses");
    c->add_option("--from", o->from, "answered on or after this date")->type_name("YYYY-MM-DD");
    c->add_option("--to", o->to, "answered on or before this date")->type_name("YYYY-MM-DD");
    c->callback([&ctx, o] {
        SurveyList all = list_surveys(ctx.store(), date_range(o->from, o->to));
        warn_unreadable(ctx.out, all.problems);
        if (ctx.out.json()) {
            Json arr = Json::array();
            for (const auto& s : all.items)
                arr.push(response_json(s));
            ctx.out.print_json(arr);
        } else if (all.items.empty()) {
            ctx.out.line(tr("No survey responses match."));
        } else {
            std::vector<std::vector<std::string>> rows;
            rows.reserve(all.items.size());
            for (const auto& s : all.items)
                rows.push_back(response_row(s));
            ctx.out.table({tr("ID"), tr("DATE"), tr("REQUEST"), "U1..U9", tr("SOURCE"), tr("BY")},
                          rows);
        }
        fail_if_unreadable(all.problems, "survey file(s)");
    });
}

void setup_summary(CLI::App& grp, Context& ctx) {
    struct SummaryOptions {
        std::string from, to;
        int year = 0;
        int quarter = 0;
    };
    auto o = std::make_shared<SummaryOptions>();
    CLI::App* c =
        grp.add_subcommand("summary", "the IKM: NRR per element, index, converted score and grade");
    auto* from =
        c->add_option("--from", o->from, "answered on or after this date")->type_name("YYYY-MM-DD");
    auto* to =
        c->add_option("--to", o->to, "answered on or before this date")->type_name("YYYY-MM-DD");
    auto* year = c->add_option("--year", o->year, "a calendar year (with --quarter: its quarter)")
                     ->type_name("YEAR");
    auto* quarter = c->add_option("--quarter", o->quarter, "quarter of --year (1 = January-March)")
                        ->type_name("1-4");
    quarter->needs(year);
    year->excludes(from)->excludes(to);
    c->callback([&ctx, o, year, quarter] {
        DateRange range = quarter->count() ? quarter_range(o->year, o->quarter)
                          : year->count()  ? year_range(o->year)
                                           : date_range(o->from, o->to);
        print_summary(ctx, summarize_surveys(ctx.store(), range));
    });
}

} // namespace

void setup_survey(CLI::App& app, Context& ctx) {
    CLI::App* grp =
        app.add_subcommand("survey", "the satisfaction survey (IKM) of completed requests");
    grp->require_subcommand(1);
    setup_record(*grp, ctx);
    setup_import(*grp, ctx);
    setup_list(*grp, ctx);
    setup_summary(*grp, ctx);
}

} // namespace hostingctl::cli
