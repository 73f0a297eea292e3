#include "document/quarterly.hpp"

#include "util/error.hpp"
#include "util/fs.hpp"
#include "util/locale.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <unistd.h>

namespace hostingctl::document {

namespace {

using Lang = locale::Lang;

// A word of labels.yaml, or `fallback` when the office's labels lack it.
std::string word(const Node& l, const std::string& key, const std::string& fallback = "") {
    const Node* n = l.find(key);
    return n && n->kind == Node::Kind::text && !n->text.empty() ? n->text : fallback;
}

// A sentence of labels.yaml with its {name} places filled in.
std::string sentence(const Node& l, const std::string& key,
                     const std::vector<std::pair<std::string, std::string>>& values) {
    std::string s = word(l, key);
    for (const auto& [name, value] : values) {
        const std::string place = "{" + name + "}";
        for (size_t at = s.find(place); at != std::string::npos;
             at = s.find(place, at + value.size()))
            s.replace(at, place.size(), value);
    }
    return s;
}

std::string count(size_t n, Lang lang) {
    return locale::number(static_cast<long long>(n), lang);
}

std::string hours(double h, Lang lang) {
    return locale::decimal(h, 2, lang);
}

std::string hours(const std::optional<double>& h, Lang lang, const std::string& none) {
    return h ? hours(*h, lang) : none;
}

// The width of a bar as CSS reads it: always a decimal point.
std::string width(double part, double whole) {
    const double pct = whole > 0 ? std::clamp(part / whole * 100.0, 0.0, 100.0) : 0.0;
    return fmt::format("{:.1f}%", pct);
}

// The width of a chart's bar: the longest takes 85% of its line, so that
// its figure fits beside it.
std::string bar_width(double part, double whole) {
    const double pct = whole > 0 ? std::clamp(part / whole * 85.0, 0.0, 85.0) : 0.0;
    return fmt::format("{:.1f}%", pct);
}

Node bar(std::string label, double value, double max, std::string shown, const char* tone = "a") {
    Node n;
    n.set("label", std::move(label));
    n.set("width", bar_width(value, max));
    n.set("value", std::move(shown));
    n.set("tone", tone);
    return n;
}

Node counts(const QuarterlyReport::Counts& c, Lang lang) {
    Node n;
    n.set("received", count(c.received, lang));
    n.set("completed", count(c.completed, lang));
    n.set("in_progress", count(c.in_progress, lang));
    n.set("rejected", count(c.rejected, lang));
    n.set("cancelled", count(c.cancelled, lang));
    return n;
}

// "2026-10" -> "Oktober".
std::string month_of(const std::string& ym, Lang lang) {
    const auto d = parse_iso_date(ym + "-01");
    return d ? locale::month_name(d->month, lang) : ym;
}

// An ISO time of the report as a table prints it: "10 Agustus 2026, 15.45 WIB".
std::string when(const std::string& iso, const TimeZone& tz, Lang lang) {
    const auto t = parse_iso_timestamp(iso, tz);
    if (!t)
        return iso;
    return fmt::format("{}, {}", locale::long_date(t->local_date(), lang),
                       locale::time_of_day(*t, lang));
}

std::string step_name(const Node& l, const QuarterlyReport::StepTime& s) {
    return word(l, "step_" + s.status, s.waiting_for);
}

// Why a request was late, in the document's words: its longest wait while
// the clock ran, the documents the agency was asked for, the notes.
std::string late_reason(const Node& l, const QuarterlyReport::Late& late, Lang lang) {
    std::vector<std::string> parts;
    if (!late.longest_status.empty())
        parts.push_back(fmt::format("{}: {} ({} {})", word(l, "q_reason_longest"),
                                    word(l, "step_" + late.longest_status, late.longest_status),
                                    hours(late.longest_hours, lang), word(l, "q_working_hours")));
    for (const auto& m : late.missing)
        parts.push_back(fmt::format("{}: {}", word(l, "q_reason_missing"), m));
    for (const auto& n : late.notes)
        parts.push_back(fmt::format("{}: {}", word(l, "q_reason_note"), n));
    std::string out = text::join(parts, "; ");
    for (char& c : out)
        if (c == '\n' || c == '\r' || c == '\t')
            c = ' ';
    return out.empty() ? word(l, "none", "-") : out;
}

std::string summary(const Node& l, const Calendar& cal, const QuarterlyReport& r,
                    const std::string& period, Lang lang) {
    std::vector<std::string> s;
    if (r.volume.received == 0)
        s.push_back(word(l, "q_empty"));
    else
        s.push_back(sentence(l, "q_sum_volume",
                             {{"period", period},
                              {"received", count(r.volume.received, lang)},
                              {"completed", count(r.volume.completed, lang)},
                              {"in_progress", count(r.volume.in_progress, lang)},
                              {"rejected", count(r.volume.rejected, lang)},
                              {"cancelled", count(r.volume.cancelled, lang)}}));
    const std::string target = cal.target_days() > 1 ? fmt::format("1–{}", cal.target_days())
                                                     : std::to_string(cal.target_days());
    if (r.sla.delivered > 0)
        s.push_back(
            sentence(l, "q_sum_sla",
                     {{"delivered", count(r.sla.delivered, lang)},
                      {"pct_sla", locale::percent(r.sla.pct_within_sla.value_or(0), 1, lang)},
                      {"pct_target", locale::percent(r.sla.pct_within_target.value_or(0), 1, lang)},
                      {"sla_days", locale::number(cal.sla_days(), lang)},
                      {"target_days", target}}));
    else if (r.volume.received > 0)
        s.push_back(word(l, "q_sum_no_delivery"));
    if (r.sla.open_late > 0)
        s.push_back(sentence(l, "q_sum_open_late", {{"open_late", count(r.sla.open_late, lang)}}));
    if (r.ikm.ikm && r.ikm.grade)
        s.push_back(sentence(
            l, "q_sum_ikm",
            {{"respondents", count(r.ikm.respondents, lang)},
             {"ikm", locale::decimal(*r.ikm.ikm, 2, lang)},
             {"score", locale::decimal(r.ikm.converted.value_or(0), 2, lang)},
             {"grade", std::string(1, r.ikm.grade->letter)},
             {"grade_label", lang == Lang::id ? r.ikm.grade->label : r.ikm.grade->label_en}}));
    else
        s.push_back(word(l, "q_sum_no_ikm"));
    if (r.complaints.total > 0)
        s.push_back(sentence(l, "q_sum_complaints",
                             {{"complaints", count(r.complaints.total, lang)},
                              {"resolved", count(r.complaints.resolved, lang)}}));
    else
        s.push_back(word(l, "q_sum_no_complaints"));
    std::vector<std::string> kept;
    for (auto& x : s)
        if (!x.empty())
            kept.push_back(std::move(x));
    return text::join(kept, " ");
}

} // namespace

Node quarterly_values(const Store& store, const Calendar& cal, const QuarterlyReport& r) {
    const OfficeConfig& cfg = store.config();
    const Lang lang = language(store);
    Node v = common_values(store, lang);
    const Node l = *v.find("l");
    const std::string none = word(l, "none", "-");

    // The title and the period: "Triwulan IV Tahun 2026".
    Node& period = v.set("period", Node{});
    const std::string year_word = word(l, "q_year");
    const std::string name =
        fmt::format("{} {}{}{}", word(l, "q_quarter", "Triwulan"), locale::roman(r.quarter.number),
                    year_word.empty() ? " " : " " + year_word + " ", r.quarter.year);
    period.set("name", name);
    period.set("roman", locale::roman(r.quarter.number));
    period.set("year", std::to_string(r.quarter.year));
    period.set("from", locale::long_date(r.quarter.first(), lang));
    period.set("to", locale::long_date(r.quarter.last(), lang));
    period.set("label", r.quarter.label());
    const auto generated = parse_iso_timestamp(r.generated_at, store.tz());
    v.set("generated",
          date_values(generated ? *generated : Timestamp::at(0, store.tz()), lang, cfg.city));
    // In running text the quarter is a common noun: "pada triwulan III tahun 2026".
    const std::string in_text = fmt::format(
        "{} {}{}{}", text::lower(word(l, "q_quarter", "Triwulan")), locale::roman(r.quarter.number),
        year_word.empty() ? " " : " " + text::lower(year_word) + " ", r.quarter.year);
    v.set("summary", summary(l, cal, r, in_text, lang));
    v.set_flag("empty", r.volume.received == 0);
    v.set("provisional", r.provisional_years.empty()
                             ? std::string()
                             : sentence(l, "q_provisional",
                                        {{"years", text::join(
                                                       [&] {
                                                           std::vector<std::string> y;
                                                           for (int x : r.provisional_years)
                                                               y.push_back(std::to_string(x));
                                                           return y;
                                                       }(),
                                                       ", ")}}));

    // Volume: the quarter, its months, its agencies.
    v.set("volume", counts(r.volume, lang));
    Node& months = v.set("months", Node::list());
    Node& month_bars = v.set("month_chart", Node::list());
    size_t most = 1;
    for (const auto& m : r.months)
        most = std::max(most, m.received);
    for (const auto& m : r.months) {
        Node row = counts(m, lang);
        row.set("name", month_of(m.month, lang));
        months.push(std::move(row));
        Node group;
        group.set("name", month_of(m.month, lang));
        Node& bars = group.set("bars", Node::list());
        bars.push(bar(word(l, "q_received"), static_cast<double>(m.received),
                      static_cast<double>(most), count(m.received, lang)));
        bars.push(bar(word(l, "q_completed"), static_cast<double>(m.completed),
                      static_cast<double>(most), count(m.completed, lang), "b"));
        month_bars.push(std::move(group));
    }
    Node& agencies = v.set("agencies", Node::list());
    for (const auto& a : r.agencies) {
        Node row = counts(a, lang);
        row.set("name", a.name.empty() ? a.code : a.name);
        agencies.push(std::move(row));
    }

    // SLA compliance: of the delivered, within the target, within the
    // standard only, late.
    Node& sla = v.set("sla", Node{});
    const size_t late_delivered = r.sla.delivered - r.sla.within_sla;
    const size_t sla_only = r.sla.within_sla - std::min(r.sla.within_sla, r.sla.within_target);
    sla.set("delivered", count(r.sla.delivered, lang));
    sla.set("within_sla", count(r.sla.within_sla, lang));
    sla.set("within_target", count(r.sla.within_target, lang));
    sla.set("late", count(late_delivered, lang));
    sla.set("open_late", count(r.sla.open_late, lang));
    sla.set("pct_delivered", r.sla.delivered ? locale::percent(100.0, 1, lang) : none);
    sla.set("pct_sla",
            r.sla.pct_within_sla ? locale::percent(*r.sla.pct_within_sla, 1, lang) : none);
    sla.set("pct_target",
            r.sla.pct_within_target ? locale::percent(*r.sla.pct_within_target, 1, lang) : none);
    sla.set("pct_late", r.sla.delivered
                            ? locale::percent(100.0 * static_cast<double>(late_delivered) /
                                                  static_cast<double>(r.sla.delivered),
                                              1, lang)
                            : none);
    sla.set("sla_days", locale::number(cal.sla_days(), lang));
    sla.set("target_days", cal.target_days() > 1 ? fmt::format("1–{}", cal.target_days())
                                                 : std::to_string(cal.target_days()));
    v.set_flag("delivered", r.sla.delivered > 0);
    Node& sla_bars = v.set("sla_chart", Node::list());
    if (r.sla.delivered > 0) {
        const double all = static_cast<double>(r.sla.delivered);
        auto pct = [&](size_t n) {
            return fmt::format("{} ({})", count(n, lang),
                               locale::percent(100.0 * static_cast<double>(n) / all, 1, lang));
        };
        sla_bars.push(bar(sentence(l, "q_bar_target", {{"days", sla.find("target_days")->text}}),
                          static_cast<double>(r.sla.within_target), all, pct(r.sla.within_target)));
        sla_bars.push(bar(sentence(l, "q_bar_sla_only", {{"days", sla.find("sla_days")->text}}),
                          static_cast<double>(sla_only), all, pct(sla_only), "b"));
        sla_bars.push(bar(word(l, "q_bar_late"), static_cast<double>(late_delivered), all,
                          pct(late_delivered), "c"));
    }

    Node& turn = v.set("turnaround", Node{});
    turn.set("count", count(r.turnaround.count, lang));
    turn.set("mean", hours(r.turnaround.mean, lang, none));
    turn.set("median", hours(r.turnaround.median, lang, none));
    turn.set("p90", hours(r.turnaround.p90, lang, none));

    // Time per step: the office's steps, then the time the clock did not run.
    Node& steps = v.set("steps", Node::list());
    Node& others = v.set("clock_stopped", Node::list());
    Node& step_bars = v.set("step_chart", Node::list());
    double longest = 0;
    for (const auto& s : r.steps)
        if (s.clock == QuarterlyReport::Clock::running)
            longest = std::max(longest, s.mean_hours.value_or(0));
    for (const auto& s : r.steps) {
        Node row;
        row.set("name", step_name(l, s));
        row.set("requests", count(s.requests, lang));
        row.set("mean", hours(s.mean_hours, lang, none));
        row.set("total", hours(s.total_hours, lang));
        if (s.clock == QuarterlyReport::Clock::running) {
            step_bars.push(bar(step_name(l, s), s.mean_hours.value_or(0), longest,
                               hours(s.mean_hours, lang, none)));
            steps.push(std::move(row));
        } else {
            others.push(std::move(row));
        }
    }
    std::string slowest;
    double slowest_mean = -1;
    for (const auto& s : r.steps)
        if (s.clock == QuarterlyReport::Clock::running && s.mean_hours.value_or(0) > slowest_mean) {
            slowest_mean = s.mean_hours.value_or(0);
            slowest = step_name(l, s);
        }
    v.set("slowest", slowest.empty() || slowest_mean <= 0
                         ? std::string()
                         : sentence(l, "q_slowest",
                                    {{"step", slowest}, {"hours", hours(slowest_mean, lang)}}));

    Node& late = v.set("late", Node::list());
    for (const auto& x : r.late) {
        Node row;
        row.set("id", x.id);
        row.set("agency", x.agency);
        row.set("domain", x.domain);
        row.set("due", when(x.due, store.tz(), lang));
        row.set("delivered", x.delivered_at.empty() ? word(l, "q_still_open")
                                                    : when(x.delivered_at, store.tz(), lang));
        row.set("overrun", hours(x.overrun_hours, lang));
        row.set("reason", late_reason(l, x, lang));
        late.push(std::move(row));
    }

    Node& prov = v.set("provisioning", Node::list());
    for (const auto& p : r.provisioning) {
        Node row;
        row.set("server", p.server);
        row.set("mode", word(l, "q_mode_" + p.mode, p.mode));
        row.set("count", count(p.count, lang));
        prov.push(std::move(row));
    }

    // Complaints, by the date they were received.
    Node& c = v.set("complaints", Node{});
    c.set("total", count(r.complaints.total, lang));
    c.set("resolved", count(r.complaints.resolved, lang));
    c.set("escalated", count(r.complaints.escalated, lang));
    c.set("open", count(r.complaints.open, lang));
    c.set("response_mean", hours(r.complaints.mean_response_hours, lang, none));
    c.set("response_median", hours(r.complaints.median_response_hours, lang, none));
    c.set("resolution_mean", hours(r.complaints.mean_resolution_hours, lang, none));
    Node& channels = c.set("channels", Node::list());
    for (const auto& [ch, n] : r.complaints.by_channel) {
        Node row;
        row.set("name", word(l, "channel_" + ch, ch));
        row.set("count", count(n, lang));
        channels.push(std::move(row));
    }
    v.set_flag("has_complaints", r.complaints.total > 0);

    // The satisfaction index: per element on the 1-4 scale, and the
    // converted score against the grades.
    Node& ikm_node = v.set("ikm", Node{});
    const bool has_ikm = r.ikm.respondents > 0 && r.ikm.ikm && r.ikm.grade;
    v.set_flag("has_ikm", has_ikm);
    ikm_node.set("respondents", count(r.ikm.respondents, lang));
    ikm_node.set("index", has_ikm ? locale::decimal(*r.ikm.ikm, 3, lang) : none);
    ikm_node.set("score", has_ikm ? locale::decimal(r.ikm.converted.value_or(0), 2, lang) : none);
    ikm_node.set("grade", has_ikm ? std::string(1, r.ikm.grade->letter) : none);
    ikm_node.set("grade_label", has_ikm ? std::string(lang == Lang::id ? r.ikm.grade->label
                                                                       : r.ikm.grade->label_en)
                                        : none);
    ikm_node.set("score_width", has_ikm ? width(r.ikm.converted.value_or(0) - 25.0, 75.0) : "0%");
    Node& elements = ikm_node.set("elements", Node::list());
    Node& ikm_bars = v.set("ikm_chart", Node::list());
    for (size_t i = 0; has_ikm && i < ikm::kElements; ++i) {
        const auto& el = ikm::elements()[i];
        const std::string el_name = lang == Lang::id ? el.name_id : el.name;
        Node row;
        row.set("code", el.code);
        row.set("name", el_name);
        row.set("nrr", locale::decimal(r.ikm.elements[i].nrr, 2, lang));
        row.set("weighted", locale::decimal(r.ikm.elements[i].weighted, 3, lang));
        elements.push(std::move(row));
        ikm_bars.push(bar(fmt::format("{} {}", el.code, el_name), r.ikm.elements[i].nrr, 4.0,
                          locale::decimal(r.ikm.elements[i].nrr, 2, lang)));
    }
    // The grade bands on the 25-100 scale, D first, as the score bar's scale.
    Node& grades = ikm_node.set("grades", Node::list());
    for (auto it = ikm::grades().rbegin(); it != ikm::grades().rend(); ++it) {
        Node g;
        g.set("letter", std::string(1, it->letter));
        g.set("label", lang == Lang::id ? it->label : it->label_en);
        g.set("range", fmt::format("{}–{}", locale::decimal(it->from, 2, lang),
                                   locale::decimal(it->to, 2, lang)));
        g.set("width", width(it->to - it->from + 0.01, 75.0));
        g.set_flag("reached", has_ikm && it->letter == r.ikm.grade->letter);
        grades.push(std::move(g));
    }

    Node& officers = v.set("officers", Node::list());
    for (const auto& o : r.officers) {
        Node row;
        row.set("name", o.name.empty() ? o.id : o.name);
        row.set("assigned", count(o.assigned, lang));
        row.set("completed", count(o.completed, lang));
        row.set("open", count(o.open, lang));
        row.set("mean", hours(o.mean_turnaround_hours, lang, none));
        officers.push(std::move(row));
    }

    Node& problems = v.set("problems", Node::list());
    for (const auto& p : r.problems)
        problems.push(Node::of(p));

    // A table is drawn only when it has rows.
    v.set_flag("has_agencies", !r.agencies.empty());
    v.set_flag("has_late", !r.late.empty());
    v.set_flag("has_provisioning", !r.provisioning.empty());
    v.set_flag("has_clock_stopped", others.truthy());
    v.set_flag("has_officers", !r.officers.empty());
    v.set_flag("has_problems", !r.problems.empty());

    // The head of the Infrastructure and Statistics division reviews it.
    const auto staff = store.staff();
    v.set("reviewer", signer(first_active(staff, Role::kepala_bidang), cfg,
                             head_of_division(cfg.documents.division)));
    return v;
}

std::string render_quarterly(const Store& store, const Calendar& cal, const QuarterlyReport& r,
                             OutFormat format) {
    const std::string ext = format == OutFormat::md ? "md" : "html";
    const TemplateText t = load_template(store, "quarterly." + ext);
    return render(t, quarterly_values(store, cal, r), partials_of(store, ext),
                  format == OutFormat::md ? Format::markdown : Format::html);
}

void quarterly_pdf(const Store& store, const Calendar& cal, const QuarterlyReport& r,
                   const std::filesystem::path& pdf) {
    html_text_to_pdf(store, render_quarterly(store, cal, r, OutFormat::html), pdf);
}

std::vector<Problem> check_quarterly_templates(const Store& store, const Calendar& cal) {
    // A quarter with one of everything, so that every section is entered.
    QuarterlyReport r;
    r.quarter = Quarter::of(2026, 4);
    r.office = store.config().name;
    r.generated_at = "2027-01-04T09:00:00+07:00";
    r.volume = {3, 1, 1, 1, 0};
    QuarterlyReport::Month m;
    static_cast<QuarterlyReport::Counts&>(m) = r.volume;
    m.month = "2026-10";
    r.months = {m};
    QuarterlyReport::AgencyRow a;
    static_cast<QuarterlyReport::Counts&>(a) = r.volume;
    a.code = "dinkes";
    a.name = "Dinas Kesehatan";
    r.agencies = {a};
    r.sla = {2, 1, 1, 1, 50.0, 50.0};
    r.turnaround = {2, 20.0, 20.0, 30.0};
    r.steps = {{"received", "SOP 2 disposition", "SOP 2 disposition by the Head of Office",
                QuarterlyReport::Clock::running, 3, 6.0, 2.0},
               {"incomplete", "paused", "documents from the agency (SLA paused)",
                QuarterlyReport::Clock::paused, 1, 4.0, 4.0}};
    r.late = {{"HST-2026-0001",
               "dinkes",
               "simpus.example.go.id",
               "submitted",
               "2026-10-08T15:45:00+07:00",
               "",
               7.5,
               "",
               "received",
               6.0,
               {"surat kuasa"},
               {"menunggu"}}};
    r.provisioning = {{"web01", "ssh", 2}};
    r.complaints.total = 1;
    r.complaints.resolved = 1;
    r.complaints.by_channel["phone"] = 1;
    r.ikm.respondents = 1;
    r.ikm.ikm = 3.5;
    r.ikm.converted = 87.5;
    r.ikm.grade = ikm::grade_for(87.5);
    QuarterlyReport::Officer o;
    o.id = "budi";
    o.name = "Budi";
    r.officers = {o};
    r.problems = {"requests/2026/HST-2026-0002.yaml: damaged"};
    r.provisional_years = {2027};
    std::vector<Problem> problems;
    for (const char* ext : {"html", "md"}) {
        const std::string name = fmt::format("quarterly.{}", ext);
        try {
            auto found = check_template(load_template(store, name), quarterly_values(store, cal, r),
                                        partials_of(store, ext), true);
            problems.insert(problems.end(), found.begin(), found.end());
        } catch (const Error& e) {
            problems.push_back({name, 0, e.what()});
        }
    }
    return problems;
}

} // namespace hostingctl::document
