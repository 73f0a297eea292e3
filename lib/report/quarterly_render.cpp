// Rendering of the quarterly report.  Every value goes through one escaping
// function for its format (util/escape.hpp).
#include "report/quarterly.hpp"
#include "util/escape.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace hostingctl {

namespace {

Json opt(const std::optional<double>& v) {
    return v ? Json(*v) : Json();
}

std::string num(const std::optional<double>& v, const char* unit = "") {
    return v ? fmt::format("{:.2f}{}", *v, unit) : std::string("-");
}

std::string hours_text(const std::optional<double>& v) {
    return num(v, " h");
}

const char* clock_text(QuarterlyReport::Clock c) {
    switch (c) {
    case QuarterlyReport::Clock::paused:
        return "paused";
    case QuarterlyReport::Clock::stopped:
        return "stopped";
    default:
        return "running";
    }
}

// How a step's row is named in the tables: the office's steps by the step
// awaited; the time the clock did not run says so first.
std::string step_row_name(const QuarterlyReport::StepTime& s) {
    switch (s.clock) {
    case QuarterlyReport::Clock::paused:
        return "paused: documents from the agency";
    case QuarterlyReport::Clock::stopped:
        return "after delivery: " + s.waiting_for;
    default:
        return s.waiting_for;
    }
}

// The steps with the clock running, or (running = false) the others.
std::vector<const QuarterlyReport::StepTime*> steps_where(const QuarterlyReport& r, bool running) {
    std::vector<const QuarterlyReport::StepTime*> out;
    for (const auto& s : r.steps)
        if ((s.clock == QuarterlyReport::Clock::running) == running)
            out.push_back(&s);
    return out;
}

// The note on a report whose working times fall in provisional years.
std::string provisional_note(const QuarterlyReport& r) {
    return fmt::format("{}; the working times counted in them may change once the official list "
                       "is imported (hostingctl calendar import-ics).",
                       provisional_text(r.provisional_years));
}

// The "delivered" cell of a late request: the delivery time, or "open"
// while the clock still runs (a request that ended without a delivery is
// never late).
std::string delivered_cell(const QuarterlyReport::Late& l) {
    return l.delivered_at.empty() ? "open" : l.delivered_at;
}

} // namespace

Json quarterly_json(const QuarterlyReport& r) {
    Json j = Json::object();
    j["quarter"] = r.quarter.label();
    j["from"] = r.quarter.first().iso();
    j["to"] = r.quarter.last().iso();
    j["office"] = r.office;
    j["generated_at"] = r.generated_at;
    j["provisional_years"] = Json::Array(r.provisional_years.begin(), r.provisional_years.end());

    Json v = Json::object();
    v["received"] = r.volume.received;
    v["completed"] = r.volume.completed;
    v["in_progress"] = r.volume.in_progress;
    v["rejected"] = r.volume.rejected;
    v["cancelled"] = r.volume.cancelled;
    j["volume"] = v;

    Json months = Json::array();
    for (const auto& m : r.months) {
        Json mj = Json::object();
        mj["month"] = m.month;
        mj["received"] = m.received;
        mj["completed"] = m.completed;
        mj["in_progress"] = m.in_progress;
        mj["rejected"] = m.rejected;
        mj["cancelled"] = m.cancelled;
        months.push(mj);
    }
    j["by_month"] = months;

    Json ags = Json::array();
    for (const auto& a : r.agencies) {
        Json aj = Json::object();
        aj["agency"] = a.code;
        aj["name"] = a.name;
        aj["received"] = a.received;
        aj["completed"] = a.completed;
        aj["in_progress"] = a.in_progress;
        aj["rejected"] = a.rejected;
        aj["cancelled"] = a.cancelled;
        ags.push(aj);
    }
    j["by_agency"] = ags;

    Json sla = Json::object();
    sla["delivered"] = r.sla.delivered;
    sla["within_sla"] = r.sla.within_sla;
    sla["within_target"] = r.sla.within_target;
    sla["pct_within_sla"] = opt(r.sla.pct_within_sla);
    sla["pct_within_target"] = opt(r.sla.pct_within_target);
    sla["open_late"] = r.sla.open_late;
    j["sla"] = sla;

    Json t = Json::object();
    t["count"] = r.turnaround.count;
    t["mean_working_hours"] = opt(r.turnaround.mean);
    t["median_working_hours"] = opt(r.turnaround.median);
    t["p90_working_hours"] = opt(r.turnaround.p90);
    j["turnaround"] = t;

    Json steps = Json::array();
    for (const auto& s : r.steps) {
        Json sj = Json::object();
        sj["status"] = s.status;
        sj["step"] = s.name;
        sj["waiting_for"] = s.waiting_for;
        sj["clock"] = clock_text(s.clock);
        sj["requests"] = s.requests;
        sj["total_working_hours"] = s.total_hours;
        sj["mean_working_hours"] = opt(s.mean_hours);
        steps.push(sj);
    }
    j["steps"] = steps;
    j["slowest_step"] = r.slowest_step;

    Json late = Json::array();
    for (const auto& l : r.late) {
        Json lj = Json::object();
        lj["id"] = l.id;
        lj["agency"] = l.agency;
        lj["domain"] = l.domain;
        lj["status"] = l.status;
        lj["due"] = l.due;
        lj["delivered_at"] = l.delivered_at.empty() ? Json() : Json(l.delivered_at);
        lj["overrun_working_hours"] = l.overrun_hours;
        lj["reason"] = l.reason;
        late.push(lj);
    }
    j["late"] = late;

    Json prov = Json::array();
    for (const auto& p : r.provisioning) {
        Json pj = Json::object();
        pj["server"] = p.server;
        pj["mode"] = p.mode;
        pj["count"] = p.count;
        prov.push(pj);
    }
    j["provisioning"] = prov;

    Json c = Json::object();
    c["total"] = r.complaints.total;
    c["resolved"] = r.complaints.resolved;
    c["escalated"] = r.complaints.escalated;
    c["open"] = r.complaints.open;
    Json ch = Json::object();
    for (const auto& [k, n] : r.complaints.by_channel)
        ch[k] = n;
    c["by_channel"] = ch;
    c["mean_response_working_hours"] = opt(r.complaints.mean_response_hours);
    c["median_response_working_hours"] = opt(r.complaints.median_response_hours);
    c["mean_resolution_working_hours"] = opt(r.complaints.mean_resolution_hours);
    j["complaints"] = c;

    Json ikm = Json::object();
    ikm["respondents"] = r.ikm.respondents;
    Json els = Json::array();
    for (size_t i = 0; i < ikm::kElements; ++i) {
        Json ej = Json::object();
        ej["element"] = ikm::elements()[i].code;
        ej["name"] = ikm::elements()[i].name;
        ej["nrr"] = r.ikm.respondents ? Json(r.ikm.elements[i].nrr) : Json();
        ej["weighted"] = r.ikm.respondents ? Json(r.ikm.elements[i].weighted) : Json();
        els.push(ej);
    }
    ikm["elements"] = els;
    ikm["ikm"] = opt(r.ikm.ikm);
    ikm["score"] = opt(r.ikm.converted);
    ikm["grade"] = r.ikm.grade ? Json(std::string(1, r.ikm.grade->letter)) : Json();
    ikm["grade_label"] = r.ikm.grade ? Json(r.ikm.grade->label) : Json();
    j["ikm"] = ikm;

    Json off = Json::array();
    for (const auto& o : r.officers) {
        Json oj = Json::object();
        oj["officer"] = o.id;
        oj["name"] = o.name;
        oj["assigned"] = o.assigned;
        oj["completed"] = o.completed;
        oj["open"] = o.open;
        oj["mean_turnaround_working_hours"] = opt(o.mean_turnaround_hours);
        off.push(oj);
    }
    j["officers"] = off;
    Json probs = Json::array();
    for (const auto& p : r.problems)
        probs.push(p);
    j["problems"] = probs;
    return j;
}

std::string quarterly_markdown(const QuarterlyReport& r) {
    auto e = [](std::string_view s) { return escape::markdown(s); };
    std::string o;
    o += fmt::format("# Hosting service performance evaluation {}\n\n", r.quarter.label());
    o += fmt::format("{} — period {} to {}, generated {}.\n\n", e(r.office),
                     r.quarter.first().iso(), r.quarter.last().iso(), r.generated_at);
    if (!r.provisional_years.empty())
        o += fmt::format("> **Provisional calendar:** {}\n\n", e(provisional_note(r)));
    o += "## Volume\n\n| received | completed | in progress | rejected | cancelled "
         "|\n|---:|---:|---:|---:|---:|\n";
    o += fmt::format("| {} | {} | {} | {} | {} |\n\n", r.volume.received, r.volume.completed,
                     r.volume.in_progress, r.volume.rejected, r.volume.cancelled);
    o += "By month of receipt, and where those requests stand now:\n\n"
         "| month | received | completed | in progress | rejected | cancelled "
         "|\n|---|---:|---:|---:|---:|---:|\n";
    for (const auto& m : r.months)
        o += fmt::format("| {} | {} | {} | {} | {} | {} |\n", m.month, m.received, m.completed,
                         m.in_progress, m.rejected, m.cancelled);
    o += "\n| agency | received | completed | in progress | rejected | cancelled "
         "|\n|---|---:|---:|---:|---:|---:|\n";
    for (const auto& a : r.agencies)
        o += fmt::format("| {} {} | {} | {} | {} | {} | {} |\n", e(a.code),
                         a.name.empty() ? "" : fmt::format("({})", e(a.name)), a.received,
                         a.completed, a.in_progress, a.rejected, a.cancelled);
    o += "\n## SLA compliance\n\n";
    o +=
        fmt::format("- delivered: {}\n- within the service standard (5 working days): {} ({}%)\n"
                    "- within the internal target: {} ({}%)\n- still open and already late: {}\n\n",
                    r.sla.delivered, r.sla.within_sla, num(r.sla.pct_within_sla),
                    r.sla.within_target, num(r.sla.pct_within_target), r.sla.open_late);
    o += fmt::format("Turnaround (working hours, {} delivered): mean {}, median {}, p90 {}.\n\n",
                     r.turnaround.count, hours_text(r.turnaround.mean),
                     hours_text(r.turnaround.median), hours_text(r.turnaround.p90));
    auto step_table = [&](const std::vector<const QuarterlyReport::StepTime*>& rows) {
        o += "| waiting for | requests | mean | total |\n|---|---:|---:|---:|\n";
        for (const auto* s : rows)
            o += fmt::format("| {} | {} | {} | {:.2f} h |\n", e(step_row_name(*s)), s->requests,
                             hours_text(s->mean_hours), s->total_hours);
    };
    o += "## Time spent in each step\n\nWorking hours waited for each step of the office, "
         "while the SLA clock ran:\n\n";
    step_table(steps_where(r, true));
    if (!r.slowest_step.empty())
        o += fmt::format("\nSlowest step: **{}**.\n", e(r.slowest_step));
    if (auto others = steps_where(r, false); !others.empty()) {
        o += "\nTime the SLA clock did not run (working hours): paused while the agency sent "
             "missing documents, and after delivery until the agency confirmed.\n\n";
        step_table(others);
    }
    o += "\n## Late requests\n\n";
    if (r.late.empty())
        o += "None.\n";
    else {
        o += "| request | agency | domain | due | delivered | overrun | reason "
             "|\n|---|---|---|---|---|---:|---|\n";
        for (const auto& l : r.late)
            o +=
                fmt::format("| {} | {} | {} | {} | {} | {:.2f} h | {} |\n", e(l.id), e(l.agency),
                            e(l.domain), l.due, e(delivered_cell(l)), l.overrun_hours, e(l.reason));
    }
    o += "\n## Provisioning\n\n";
    if (r.provisioning.empty())
        o += "None.\n";
    else {
        o += "| server | mode | count |\n|---|---|---:|\n";
        for (const auto& p : r.provisioning)
            o += fmt::format("| {} | {} | {} |\n", e(p.server), e(p.mode), p.count);
    }
    o += "\n## Complaints\n\n";
    o += fmt::format("- received: {}, resolved: {}, escalated: {}, open: {}\n", r.complaints.total,
                     r.complaints.resolved, r.complaints.escalated, r.complaints.open);
    for (const auto& [ch, n] : r.complaints.by_channel)
        o += fmt::format("- via {}: {}\n", e(ch), n);
    o += fmt::format("- first response: mean {}, median {}; resolution: mean {}\n",
                     hours_text(r.complaints.mean_response_hours),
                     hours_text(r.complaints.median_response_hours),
                     hours_text(r.complaints.mean_resolution_hours));
    o += fmt::format("\n## Satisfaction index (IKM)\n\nRespondents: {}.\n\n", r.ikm.respondents);
    if (r.ikm.respondents) {
        o += "| element | NRR | NRR × 1/9 |\n|---|---:|---:|\n";
        for (size_t i = 0; i < ikm::kElements; ++i)
            o += fmt::format("| {} {} | {:.2f} | {:.3f} |\n", ikm::elements()[i].code,
                             ikm::elements()[i].name_id, r.ikm.elements[i].nrr,
                             r.ikm.elements[i].weighted);
        o += fmt::format("\nIKM {:.3f}, score {} — grade **{}** ({}).\n", *r.ikm.ikm,
                         num(r.ikm.converted), r.ikm.grade ? r.ikm.grade->letter : '-',
                         r.ikm.grade ? r.ikm.grade->label : "-");
    }
    o += "\n## Officer workload\n\n| officer | assigned | completed | open | mean turnaround "
         "|\n|---|---:|---:|---:|---:|\n";
    for (const auto& of : r.officers)
        o += fmt::format("| {} {} | {} | {} | {} | {} |\n", e(of.id),
                         of.name.empty() ? "" : fmt::format("({})", e(of.name)), of.assigned,
                         of.completed, of.open, hours_text(of.mean_turnaround_hours));
    if (!r.problems.empty()) {
        o += "\n## Files that could not be read\n\n";
        for (const auto& p : r.problems)
            o += "- " + e(p) + "\n";
    }
    return o;
}

namespace {

// A label cut at spaces into lines of about `width` characters, at most
// three (the room under the axis); a word longer than a line keeps its own.
std::vector<std::string> wrap_label(const std::string& label, size_t width) {
    std::vector<std::string> lines;
    size_t pos = 0;
    while (pos < label.size()) {
        size_t space = label.find(' ', pos);
        std::string word = label.substr(pos, space == std::string::npos ? space : space - pos);
        pos = space == std::string::npos ? label.size() : space + 1;
        if (!lines.empty() && (lines.size() == 3 || lines.back().size() + 1 + word.size() <= width))
            lines.back() += " " + word;
        else
            lines.push_back(word);
    }
    return lines;
}

// A vertical bar chart with grouped bars, inline SVG; each bar's tooltip
// names its label (and its series, when there are several).
std::string bar_chart(const std::string& title, const std::vector<std::string>& labels,
                      const std::vector<std::pair<std::string, std::vector<double>>>& series,
                      const std::string& unit) {
    const int w = 640, h = 260, left = 50, bottom = 40, top = 30;
    double max = 1;
    for (const auto& [name, vals] : series)
        for (double v : vals)
            max = std::max(max, v);
    const char* colours[] = {"#1f6f8b", "#e39b2d", "#99a8b2"};
    std::string s =
        fmt::format("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" role=\"img\" "
                    "aria-label=\"{}\" class=\"chart\">\n<title>{}</title>\n",
                    w, h, escape::html(title), escape::html(title));
    s += fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#333\"/>\n", left,
                     h - bottom, w - 10, h - bottom);
    double plot_h = h - bottom - top;
    size_t n = std::max<size_t>(1, labels.size());
    double group = static_cast<double>(w - left - 20) / static_cast<double>(n);
    double bar = group * 0.7 / static_cast<double>(std::max<size_t>(1, series.size()));
    for (size_t i = 0; i < labels.size(); ++i) {
        double gx = left + 10 + group * static_cast<double>(i);
        for (size_t k = 0; k < series.size(); ++k) {
            double v = series[k].second[i];
            double bh = plot_h * v / max;
            double x = gx + bar * static_cast<double>(k);
            std::string what = series.size() == 1 ? labels[i] : labels[i] + ", " + series[k].first;
            s += fmt::format("<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" "
                             "fill=\"{}\"><title>{}: {} {}</title></rect>\n",
                             x, h - bottom - bh, bar - 2, bh, colours[k % 3], escape::html(what),
                             fmt::format("{:g}", v), escape::html(unit));
            s += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"10\" "
                             "text-anchor=\"middle\">{:g}</text>\n",
                             x + (bar - 2) / 2, h - bottom - bh - 3, v);
        }
        // About 6 px a character at font size 10.
        auto lines = wrap_label(labels[i], std::max<size_t>(6, static_cast<size_t>(group / 6)));
        s +=
            fmt::format("<text y=\"{}\" font-size=\"10\" text-anchor=\"middle\">", h - bottom + 14);
        for (size_t l = 0; l < lines.size(); ++l)
            s += fmt::format("<tspan x=\"{:.1f}\" dy=\"{}\">{}</tspan>", gx + group * 0.35,
                             l ? 11 : 0, escape::html(lines[l]));
        s += "</text>\n";
    }
    for (size_t k = 0; k < series.size(); ++k)
        s += fmt::format("<rect x=\"{}\" y=\"8\" width=\"10\" height=\"10\" fill=\"{}\"/>"
                         "<text x=\"{}\" y=\"17\" font-size=\"11\">{}</text>\n",
                         left + 140 * static_cast<int>(k), colours[k % 3],
                         left + 14 + 140 * static_cast<int>(k), escape::html(series[k].first));
    s += "</svg>\n";
    return s;
}

} // namespace

std::string quarterly_html(const QuarterlyReport& r) {
    auto h = [](std::string_view s) { return escape::html(s); };
    // The Markdown sections are re-used as data; HTML is built directly.
    std::string o = "<!DOCTYPE html>\n<html lang=\"id\">\n<head>\n<meta charset=\"utf-8\">\n";
    o += fmt::format("<title>Evaluasi kinerja layanan hosting {}</title>\n", h(r.quarter.label()));
    o += "<style>\n"
         "body{font-family:'DejaVu Sans',Arial,sans-serif;font-size:11pt;margin:2em;color:#222}\n"
         "h1{font-size:16pt}h2{font-size:13pt;border-bottom:1px solid #999;margin-top:1.4em}\n"
         "table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #999;padding:3px "
         "8px}\n"
         "td.n{text-align:right}.chart{max-width:640px;width:100%;height:auto}\n"
         ".note{border-left:4px solid #e39b2d;background:#fdf3e1;padding:.4em .8em}\n"
         "@page{size:A4;margin:18mm}@media print{body{margin:0}h2{page-break-after:avoid}"
         "table,svg{page-break-inside:avoid}}\n"
         "</style>\n</head>\n<body>\n";
    o += fmt::format("<h1>Hosting service performance evaluation {}</h1>\n<p>{} — period {} to {}, "
                     "generated {}.</p>\n",
                     h(r.quarter.label()), h(r.office), r.quarter.first().iso(),
                     r.quarter.last().iso(), h(r.generated_at));
    if (!r.provisional_years.empty())
        o += fmt::format("<p class=note><strong>Provisional calendar:</strong> {}</p>\n",
                         h(provisional_note(r)));
    o += "<h2>Volume</h2>\n<table><tr><th>received</th><th>completed</th><th>in progress</th>"
         "<th>rejected</th><th>cancelled</th></tr>\n";
    o += fmt::format("<tr><td class=n>{}</td><td class=n>{}</td><td class=n>{}</td><td "
                     "class=n>{}</td><td class=n>{}</td></tr></table>\n",
                     r.volume.received, r.volume.completed, r.volume.in_progress, r.volume.rejected,
                     r.volume.cancelled);
    std::vector<std::string> labels;
    std::vector<double> rec, comp;
    for (const auto& m : r.months) {
        labels.push_back(m.month);
        rec.push_back(static_cast<double>(m.received));
        comp.push_back(static_cast<double>(m.completed));
    }
    o += bar_chart("Requests by month of receipt", labels,
                   {{"received", rec}, {"of those completed", comp}}, "requests");
    o += "<table><tr><th>agency</th><th>received</th><th>completed</th><th>in progress</th>"
         "<th>rejected</th><th>cancelled</th></tr>\n";
    for (const auto& a : r.agencies)
        o += fmt::format("<tr><td>{} {}</td><td class=n>{}</td><td class=n>{}</td><td "
                         "class=n>{}</td><td class=n>{}</td><td class=n>{}</td></tr>\n",
                         h(a.code), h(a.name), a.received, a.completed, a.in_progress, a.rejected,
                         a.cancelled);
    o += "</table>\n<h2>SLA compliance</h2>\n<ul>\n";
    o += fmt::format(
        "<li>delivered: {}</li><li>within the service standard: {} ({}%)</li>"
        "<li>within the internal target: {} ({}%)</li><li>still open and late: {}</li>\n",
        r.sla.delivered, r.sla.within_sla, num(r.sla.pct_within_sla), r.sla.within_target,
        num(r.sla.pct_within_target), r.sla.open_late);
    o += fmt::format("<li>turnaround (working hours): mean {}, median {}, p90 {}</li></ul>\n",
                     hours_text(r.turnaround.mean), hours_text(r.turnaround.median),
                     hours_text(r.turnaround.p90));
    o += "<h2>Time spent in each step</h2>\n<p>Working hours waited for each step of the "
         "office, while the SLA clock ran:</p>\n";
    auto step_table = [&](const std::vector<const QuarterlyReport::StepTime*>& rows) {
        o += "<table><tr><th>waiting for</th><th>requests</th><th>mean</th><th>total</th></tr>\n";
        for (const auto* s : rows)
            o += fmt::format("<tr><td>{}</td><td class=n>{}</td><td class=n>{}</td><td "
                             "class=n>{:.2f} h</td></tr>\n",
                             h(step_row_name(*s)), s->requests, hours_text(s->mean_hours),
                             s->total_hours);
        o += "</table>\n";
    };
    std::vector<std::string> step_labels;
    std::vector<double> step_means;
    for (const auto* s : steps_where(r, true)) {
        step_labels.push_back(s->name);
        step_means.push_back(s->mean_hours.value_or(0));
    }
    o += bar_chart("Mean working hours waited for each step, SLA clock running", step_labels,
                   {{"mean working hours", step_means}}, "h");
    step_table(steps_where(r, true));
    if (!r.slowest_step.empty())
        o += fmt::format("<p>Slowest step: <strong>{}</strong>.</p>\n", h(r.slowest_step));
    if (auto others = steps_where(r, false); !others.empty()) {
        o += "<p>Time the SLA clock did not run (working hours): paused while the agency sent "
             "missing documents, and after delivery until the agency confirmed.</p>\n";
        step_table(others);
    }
    o += "<h2>Late requests</h2>\n";
    if (r.late.empty())
        o += "<p>None.</p>\n";
    else {
        o += "<table><tr><th>request</th><th>agency</th><th>domain</th><th>due</th>"
             "<th>delivered</th><th>overrun</th><th>reason</th></tr>\n";
        for (const auto& l : r.late)
            o += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td "
                             "class=n>{:.2f} h</td><td>{}</td></tr>\n",
                             h(l.id), h(l.agency), h(l.domain), h(l.due), h(delivered_cell(l)),
                             l.overrun_hours, h(l.reason));
        o += "</table>\n";
    }
    o += "<h2>Provisioning</h2>\n";
    if (r.provisioning.empty())
        o += "<p>None.</p>\n";
    else {
        o += "<table><tr><th>server</th><th>mode</th><th>count</th></tr>\n";
        for (const auto& p : r.provisioning)
            o += fmt::format("<tr><td>{}</td><td>{}</td><td class=n>{}</td></tr>\n", h(p.server),
                             h(p.mode), p.count);
        o += "</table>\n";
    }
    o += "<h2>Complaints</h2>\n<ul>\n";
    o += fmt::format("<li>received {}, resolved {}, escalated {}, open {}</li>\n",
                     r.complaints.total, r.complaints.resolved, r.complaints.escalated,
                     r.complaints.open);
    for (const auto& [ch, n] : r.complaints.by_channel)
        o += fmt::format("<li>via {}: {}</li>\n", h(ch), n);
    o += fmt::format("<li>first response: mean {}, median {}; resolution: mean {}</li></ul>\n",
                     hours_text(r.complaints.mean_response_hours),
                     hours_text(r.complaints.median_response_hours),
                     hours_text(r.complaints.mean_resolution_hours));
    o += fmt::format("<h2>Satisfaction index (IKM)</h2>\n<p>Respondents: {}.</p>\n",
                     r.ikm.respondents);
    if (r.ikm.respondents) {
        o += "<table><tr><th>element</th><th>NRR</th><th>NRR × 1/9</th></tr>\n";
        for (size_t i = 0; i < ikm::kElements; ++i)
            o += fmt::format(
                "<tr><td>{} {}</td><td class=n>{:.2f}</td><td class=n>{:.3f}</td></tr>\n",
                ikm::elements()[i].code, h(ikm::elements()[i].name_id), r.ikm.elements[i].nrr,
                r.ikm.elements[i].weighted);
        o +=
            fmt::format("</table>\n<p>IKM {:.3f}, score {} — grade <strong>{}</strong> ({}).</p>\n",
                        *r.ikm.ikm, num(r.ikm.converted), r.ikm.grade ? r.ikm.grade->letter : '-',
                        r.ikm.grade ? h(r.ikm.grade->label) : "-");
    }
    o += "<h2>Officer workload</h2>\n<table><tr><th>officer</th><th>assigned</th>"
         "<th>completed</th><th>open</th><th>mean turnaround</th></tr>\n";
    for (const auto& of : r.officers)
        o += fmt::format("<tr><td>{} {}</td><td class=n>{}</td><td class=n>{}</td><td "
                         "class=n>{}</td><td class=n>{}</td></tr>\n",
                         h(of.id), h(of.name), of.assigned, of.completed, of.open,
                         hours_text(of.mean_turnaround_hours));
    o += "</table>\n";
    if (!r.problems.empty()) {
        o += "<h2>Files that could not be read</h2>\n<ul>\n";
        for (const auto& p : r.problems)
            o += "<li>" + h(p) + "</li>\n";
        o += "</ul>\n";
    }
    o += "</body>\n</html>\n";
    return o;
}

std::string quarterly_csv(const QuarterlyReport& r) {
    auto c = [](std::string_view s) { return escape::csv(s); };
    std::string o = "id,agency,domain,app,status,officer,received_at,due,delivered_at,"
                    "completed_at,elapsed_working_hours,breached,within_target\n";
    for (const auto& row : r.rows)
        o += fmt::format("{},{},{},{},{},{},{},{},{},{},{:.2f},{},{}\n", c(row.id), c(row.agency),
                         c(row.domain), c(row.app), c(row.status), c(row.officer),
                         c(row.received_at), c(row.due), c(row.delivered_at), c(row.completed_at),
                         row.elapsed_working_hours, row.breached ? "yes" : "no",
                         row.within_target ? "yes" : "no");
    return o;
}

} // namespace hostingctl
