#include "report/quarterly.hpp"

#include "complaint/complaint.hpp"
#include "report/stats.hpp"
#include "store/codec.hpp"
#include "survey/survey.hpp"
#include "util/error.hpp"
#include "util/fs.hpp"
#include "util/i18n.hpp"
#include "workflow/request_rows.hpp"
#include "workflow/service.hpp"
#include "workflow/sla.hpp"
#include "workflow/workflow.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <set>

namespace hostingctl {

Date Quarter::first() const {
    return {year, static_cast<unsigned>((number - 1) * 3 + 1), 1};
}

Date Quarter::last() const {
    Date next =
        number == 4 ? Date{year + 1, 1, 1} : Date{year, static_cast<unsigned>(number * 3 + 1), 1};
    return next.plus_days(-1);
}

std::string Quarter::label() const {
    return fmt::format("{:04}-Q{}", year, number);
}

Quarter Quarter::previous(const Date& today) {
    int q = static_cast<int>((today.month - 1) / 3) + 1;
    return q == 1 ? Quarter{today.year - 1, 4} : Quarter{today.year, q - 1};
}

Quarter Quarter::of(int year, int number) {
    if (number < 1 || number > 4)
        throw Error(Exit::invalid, trf("quarter {} is not 1-4", number));
    if (year < 2000 || year > 2100)
        throw Error(Exit::invalid, trf("year {} is out of range", year));
    return {year, number};
}

namespace {

// What a request waits for while it holds a status, and where its clock
// stands meanwhile; nullopt for the statuses that wait for nothing.
struct Wait {
    const char* name;        // short, for charts
    const char* waiting_for; // in full, for tables and reasons
    QuarterlyReport::Clock clock = QuarterlyReport::Clock::running;
};

std::optional<Wait> wait_in(Status s) {
    using C = QuarterlyReport::Clock;
    switch (s) {
    case Status::received:
        return Wait{"SOP 2 disposition", "SOP 2 disposition by the Head of Office"};
    case Status::disposed:
        return Wait{"SOP 3 assignment", "SOP 3 assignment by the Head of Division"};
    case Status::assigned:
        return Wait{"SOP 4 verification", "SOP 4 verification by the officer"};
    case Status::incomplete:
        return Wait{"paused: missing documents", "documents from the agency (SLA paused)",
                    C::paused};
    case Status::verified:
        return Wait{"SOP 5 preparation", "SOP 5 domain and server preparation"};
    case Status::provisioned:
        return Wait{"SOP 5 report", "SOP 5 report to the Head of Division"};
    case Status::submitted:
        return Wait{"SOP 6 approval request", "SOP 6 request for approval"};
    case Status::forwarded:
        return Wait{"SOP 7 approval", "SOP 7 approval by the Head of Office"};
    case Status::approved:
        return Wait{"SOP 8 delivery", "SOP 8 delivery of the access document"};
    case Status::delivered:
        return Wait{"SOP 9 confirmation", "SOP 9 confirmation by the agency", C::stopped};
    default:
        return std::nullopt;
    }
}

bool clock_runs(Status s) {
    auto w = wait_in(s);
    return w && w->clock == QuarterlyReport::Clock::running;
}

// The working time a request held each status: from the step that entered
// it (not before the clock started) to the next step that moved it, or to
// `now` for the status it holds.  A wait with the clock running never counts
// past the clock's stop.  `counted_over` is told each span counted.
template <typename CountedOver>
std::map<Status, double> waits_of(const Request& r, const Sla& sla, const Calendar& cal,
                                  const Timestamp& now, CountedOver&& counted_over) {
    const Timestamp clock_end = sla.stopped_at ? *sla.stopped_at : now;
    std::map<Status, double> waits;
    Status cur = Status::none;
    for (size_t i = 0; i < r.events.size(); ++i) {
        auto step = parse_step(r.events[i].action);
        if (!step)
            continue;
        auto next = apply(cur, *step);
        if (!next)
            break;
        cur = *next;
        if (is_terminal(cur))
            break;
        // The wait starts at this step; notes and record-only actions
        // do not change the status, so the wait continues past them.
        const Timestamp from = std::max(r.events[i].at, sla.start);
        size_t j = i + 1;
        while (j < r.events.size() && !moves_status(r.events[j]))
            ++j;
        Timestamp until = j < r.events.size() ? r.events[j].at : now;
        if (j != i + 1)
            i = j - 1;
        if (!wait_in(cur))
            continue;
        if (clock_runs(cur))
            until = std::min(until, clock_end);
        double h = 0;
        if (from < until) {
            h = static_cast<double>(cal.working_seconds(from, until)) / 3600.0;
            counted_over(from, until);
        }
        waits[cur] += h;
    }
    return waits;
}

// Counts a request of the cohort by the status it holds now.
void count(QuarterlyReport::Counts& c, Status st) {
    c.received++;
    if (st == Status::completed)
        c.completed++;
    else if (st == Status::rejected)
        c.rejected++;
    else if (st == Status::cancelled)
        c.cancelled++;
    else
        c.in_progress++;
}

std::string event_time(const Request& r, Action action) {
    std::string t;
    for (const auto& e : r.events)
        if (is(e, action))
            t = e.at.iso();
    return t;
}

} // namespace

QuarterlyReport build_quarterly(const Store& store, const Calendar& cal, const Quarter& q,
                                const Timestamp& now) {
    QuarterlyReport rep;
    rep.quarter = q;
    rep.office = store.config().name;
    rep.generated_at = now.iso();
    const std::string first = q.first().iso(), last = q.last().iso();

    for (int m = 0; m < 3; ++m) {
        QuarterlyReport::Month month;
        month.month = fmt::format("{:04}-{:02}", q.year, (q.number - 1) * 3 + m + 1);
        rep.months.push_back(month);
    }
    auto month_index = [&](const std::string& iso_day) -> int {
        if (iso_day.size() < 7 || iso_day.substr(0, 4) != fmt::format("{:04}", q.year))
            return -1;
        int month = std::stoi(iso_day.substr(5, 2));
        int idx = month - ((q.number - 1) * 3 + 1);
        return idx >= 0 && idx < 3 ? idx : -1;
    };

    auto agencies = store.agencies();
    auto staff = store.staff();
    std::map<std::string, QuarterlyReport::AgencyRow> by_agency;
    std::map<std::string, QuarterlyReport::Officer> by_officer;
    std::map<std::string, std::vector<double>> officer_turnaround;
    std::map<Status, QuarterlyReport::StepTime> steps;
    std::map<std::pair<std::string, std::string>, size_t> provisioning;
    std::vector<double> turnaround;
    // Every span of working time counted below adds its provisional years.
    std::set<int> provisional;
    auto counted_over = [&](const Timestamp& a, const Timestamp& b) {
        auto years = cal.provisional_years_in(a, b);
        provisional.insert(years.begin(), years.end());
    };

    RequestList list = list_requests(store, now.epoch);
    rep.problems = list.problems;
    for (const auto& s : list.items) {
        if (s.received_at.substr(0, 10) < first || s.received_at.substr(0, 10) > last)
            continue;
        Request r;
        try {
            r = read_request(store, s.id);
        } catch (const Error& e) {
            rep.problems.push_back(e.what());
            continue;
        }

        // The report counts the steps in effect: a step taken back by a
        // revert never happened, for the figures.
        r.events = in_effect(r.events);
        Status st = derive_status(r.events);
        Sla sla = compute_sla(sla_input(r), cal, now);
        provisional.insert(sla.provisional_years.begin(), sla.provisional_years.end());
        auto& ag = by_agency[r.agency];
        ag.code = r.agency;
        count(rep.volume, st);
        count(ag, st);
        int idx = month_index(s.received_at.substr(0, 10));
        if (idx >= 0)
            count(rep.months[static_cast<size_t>(idx)], st);

        if (sla.delivered) {
            rep.sla.delivered++;
            rep.sla.within_sla += !sla.breached;
            rep.sla.within_target += sla.within_target;
            turnaround.push_back(sla.elapsed_working_hours);
        } else if (sla.running && sla.breached) {
            rep.sla.open_late++;
        }

        // Time held in each status, in working hours; the longest wait while
        // the clock ran is what a late request is explained by.
        std::map<Status, double> mine = waits_of(r, sla, cal, now, counted_over);
        std::string slowest;
        Status slowest_status = Status::received;
        double slowest_h = -1;
        for (const auto& [status, h] : mine) {
            const Wait w = *wait_in(status);
            auto& stp = steps[status];
            stp.status = to_string(status);
            stp.name = w.name;
            stp.waiting_for = w.waiting_for;
            stp.clock = w.clock;
            stp.requests++;
            stp.total_hours += h;
            if (clock_runs(status) && h > slowest_h) {
                slowest_h = h;
                slowest_status = status;
                slowest = fmt::format("{} ({:.2f} working h)", w.waiting_for, h);
            }
        }

        for (const auto& e : r.events)
            if (is(e, Action::provision))
                provisioning[{e.get("server"), e.get("mode").empty() ? "manual" : e.get("mode")}]++;

        std::string officer = assigned_officer(r.events);
        if (!officer.empty()) {
            auto& o = by_officer[officer];
            o.id = officer;
            o.assigned++;
            if (st == Status::completed)
                o.completed++;
            else if (!is_terminal(st))
                o.open++;
            if (sla.delivered)
                officer_turnaround[officer].push_back(sla.elapsed_working_hours);
        }

        if (sla.breached) {
            QuarterlyReport::Late l;
            l.id = r.id;
            l.agency = r.agency;
            l.domain = r.hosting.domain;
            l.status = to_string(st);
            l.due = sla.due.iso();
            l.delivered_at = sla.delivered ? sla.stopped_at->iso() : "";
            l.overrun_hours = -sla.remaining_working_hours;
            std::vector<std::string> reasons;
            if (!slowest.empty()) {
                reasons.push_back("longest wait: " + slowest);
                l.longest_status = to_string(slowest_status);
                l.longest_hours = slowest_h;
            }
            for (const auto& e : r.events) {
                if (is(e, Action::incomplete)) {
                    reasons.push_back("documents missing: " + e.get("missing"));
                    l.missing.push_back(e.get("missing"));
                }
                if (is(e, Action::note) && !e.note.empty()) {
                    reasons.push_back("note: " + e.note);
                    l.notes.push_back(e.note);
                }
            }
            for (auto& reason : reasons)
                for (char& c : reason)
                    if (c == '\n' || c == '\r' || c == '\t')
                        c = ' ';
            std::string joined;
            for (size_t k = 0; k < reasons.size(); ++k)
                joined += (k ? "; " : "") + reasons[k];
            l.reason = joined;
            rep.late.push_back(std::move(l));
        }

        QuarterlyReport::Row row;
        row.id = r.id;
        row.agency = r.agency;
        row.domain = r.hosting.domain;
        row.app = to_string(r.hosting.app);
        row.status = to_string(st);
        row.officer = officer;
        row.received_at = r.letter.received_at.iso();
        row.due = sla.due.iso();
        row.delivered_at = event_time(r, Action::deliver);
        row.completed_at = event_time(r, Action::complete);
        row.elapsed_working_hours = sla.elapsed_working_hours;
        row.breached = sla.breached;
        // As request show says it (target_met): unknown for an open request
        // not yet past the target, and for one that delivered nothing.
        row.within_target = target_met(sla);
        rep.rows.push_back(std::move(row));
    }

    rep.sla.pct_within_sla = stats::percent(rep.sla.within_sla, rep.sla.delivered);
    rep.sla.pct_within_target = stats::percent(rep.sla.within_target, rep.sla.delivered);
    rep.turnaround.count = turnaround.size();
    auto r2 = [](std::optional<double> v) {
        return v ? std::optional<double>(stats::round2(*v)) : std::nullopt;
    };
    rep.turnaround.mean = r2(stats::mean(turnaround));
    rep.turnaround.median = r2(stats::median(turnaround));
    rep.turnaround.p90 = r2(stats::percentile(turnaround, 90));

    // The slowest step is the office's: a wait with the clock running.
    double worst = -1;
    for (Status s : all_statuses()) {
        auto it = steps.find(s);
        if (it == steps.end())
            continue;
        it->second.total_hours = stats::round2(it->second.total_hours);
        it->second.mean_hours =
            stats::round2(it->second.total_hours / static_cast<double>(it->second.requests));
        if (clock_runs(s) && *it->second.mean_hours > worst) {
            worst = *it->second.mean_hours;
            rep.slowest_step = it->second.waiting_for;
        }
        rep.steps.push_back(it->second);
    }

    for (auto& [code, row] : by_agency) {
        for (const auto& a : agencies)
            if (a.code == code)
                row.name = a.name;
        rep.agencies.push_back(row);
    }
    std::sort(rep.agencies.begin(), rep.agencies.end(), [](const auto& a, const auto& b) {
        return a.received != b.received ? a.received > b.received : a.code < b.code;
    });
    for (auto& [id, o] : by_officer) {
        for (const auto& s : staff)
            if (s.id == id)
                o.name = s.name;
        o.mean_turnaround_hours = r2(stats::mean(officer_turnaround[id]));
        rep.officers.push_back(o);
    }
    for (const auto& [key, count] : provisioning)
        rep.provisioning.push_back({key.first, key.second, count});
    std::sort(rep.late.begin(), rep.late.end(),
              [](const auto& a, const auto& b) { return a.overrun_hours > b.overrun_hours; });

    // Complaints received in the quarter.
    // Complaints are numbered by the year they were received in.
    ComplaintList complaints = list_complaints(store, cal, q.year);
    for (const auto& p : complaints.problems)
        rep.problems.push_back(p);
    std::vector<double> response, resolution;
    for (const auto& c : complaints.items) {
        std::string day = Timestamp::at(c.received_at.epoch, cal.tz()).local_date().iso();
        if (day < first || day > last)
            continue;
        rep.complaints.total++;
        rep.complaints.by_channel[c.channel]++;
        rep.complaints.escalated += c.escalated;
        if (c.resolved_at)
            rep.complaints.resolved++;
        else
            rep.complaints.open++;
        if (c.response_working_hours)
            response.push_back(*c.response_working_hours);
        if (c.resolution_working_hours)
            resolution.push_back(*c.resolution_working_hours);
        // The response and resolution times count from the receipt.
        for (const auto& t : {c.first_response_at, c.resolved_at})
            if (t)
                counted_over(c.received_at, *t);
    }
    rep.complaints.mean_response_hours = r2(stats::mean(response));
    rep.complaints.median_response_hours = r2(stats::median(response));
    rep.complaints.mean_resolution_hours = r2(stats::mean(resolution));

    // The IKM of the answers that could be read; the others are listed
    // among the problems, so the report says it is incomplete.
    SurveyList answers = list_surveys(store, quarter_range(q.year, q.number));
    for (const auto& p : answers.problems)
        rep.problems.push_back(p);
    std::vector<ikm::Scores> scores;
    scores.reserve(answers.items.size());
    for (const auto& a : answers.items)
        scores.push_back(a.scores);
    rep.ikm = ikm::compute_ikm(scores);
    rep.provisional_years.assign(provisional.begin(), provisional.end());
    return rep;
}

} // namespace hostingctl
