// The quarterly report as JSON and CSV (the documented data forms; the
// office's document, HTML, Markdown and PDF, is made in document/quarterly).
// Every CSV value goes through escape::csv.
#include "report/quarterly.hpp"
#include "util/escape.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace hostingctl {

namespace {

Json opt(const std::optional<double>& v) {
    return v ? Json(*v) : Json();
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

} // namespace

Json quarterly_json(const QuarterlyReport& r) {
    Json j = Json::object();
    j["quarter"] = r.quarter.label();
    j["from"] = r.quarter.first().iso();
    j["to"] = r.quarter.last().iso();
    j["office"] = text_or_null(r.office);
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
        aj["name"] = text_or_null(a.name);
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
    j["slowest_step"] = text_or_null(r.slowest_step);

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
        lj["reason"] = text_or_null(l.reason);
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

    j["ikm"] = ikm::result_json(r.ikm); // the keys of `survey summary`

    Json off = Json::array();
    for (const auto& o : r.officers) {
        Json oj = Json::object();
        oj["officer"] = o.id;
        oj["name"] = text_or_null(o.name);
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

std::string quarterly_csv(const QuarterlyReport& r) {
    auto c = [](std::string_view s) { return escape::csv(s); };
    std::string o = "id,agency,domain,app,status,officer,received_at,due,delivered_at,"
                    "completed_at,elapsed_working_hours,breached,within_target\n";
    for (const auto& row : r.rows)
        o += fmt::format("{},{},{},{},{},{},{},{},{},{},{:.2f},{},{}\n", c(row.id), c(row.agency),
                         c(row.domain), c(row.app), c(row.status), c(row.officer),
                         c(row.received_at), c(row.due), c(row.delivered_at), c(row.completed_at),
                         row.elapsed_working_hours, row.breached ? "yes" : "no",
                         row.within_target ? (*row.within_target ? "yes" : "no") : "");
    return o;
}

} // namespace hostingctl
