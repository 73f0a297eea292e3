#pragma once
// The three-monthly performance evaluation (PRODUCT §9, seed item 13):
// computed once into plain values, then rendered as JSON or CSV here, and
// as the office's document (HTML, Markdown, PDF) by document/quarterly.
//
// The cohort of a quarter is the requests whose letter was received in it;
// volume, SLA compliance, turnaround, step times, late requests and officer
// workload are over that cohort, as of the time the report is made.
// Complaints count by received date, survey responses by their date.
#include "calendar/calendar.hpp"
#include "store/store.hpp"
#include "survey/ikm.hpp"
#include "util/json.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace hostingctl {

struct Quarter {
    int year = 0;
    int number = 1; // 1-4
    Date first() const;
    Date last() const;
    std::string label() const; // "2026-Q4"
    // The quarter before the one containing `today`.
    static Quarter previous(const Date& today);
    // Error(invalid) unless 1-4 and a sane year.
    static Quarter of(int year, int number);
};

struct QuarterlyReport {
    Quarter quarter;
    std::string office;
    std::string generated_at;

    // Requests of the cohort received, and where they stand now: the last
    // four add up to the first.
    struct Counts {
        size_t received = 0, completed = 0, in_progress = 0, rejected = 0, cancelled = 0;
    };
    using Volume = Counts;
    Volume volume;

    // The cohort by month of receipt, so the three months add up to the volume.
    struct Month : Counts {
        std::string month; // "2026-10"
    };
    std::vector<Month> months;

    struct AgencyRow : Counts {
        std::string code, name;
    };
    std::vector<AgencyRow> agencies;

    // Rejected and cancelled requests delivered nothing: they are in none
    // of these, and never late (workflow/sla.hpp).
    struct SlaFigures {
        size_t delivered = 0;     // clock stopped by delivery
        size_t within_sla = 0;    // of those, not late
        size_t within_target = 0; // of those, no working time past the internal target
        size_t open_late = 0;     // still running and late now
        std::optional<double> pct_within_sla, pct_within_target;
    } sla;

    struct Turnaround { // working hours from clock start to delivery, delivered requests
        size_t count = 0;
        std::optional<double> mean, median, p90;
    } turnaround;

    // Where the SLA clock stands while a request waits in a status: it runs
    // through the office's steps (SOP 2-8), is paused while the agency sends
    // missing documents, and has stopped once the access document is
    // delivered (the agency's confirmation, SOP 9).
    enum class Clock { running, paused, stopped };

    struct StepTime {
        std::string status;      // the status waited in, e.g. "received"
        std::string name;        // the step awaited, short: "SOP 2 disposition"
        std::string waiting_for; // in full: "SOP 2 disposition by the Head of Office"
        Clock clock = Clock::running;
        size_t requests = 0;
        double total_hours = 0;
        std::optional<double> mean_hours;
    };
    std::vector<StepTime> steps; // in workflow order
    std::string slowest_step;    // the waiting_for of the slowest step with the clock running

    // Delivered late, or open and late now; most overrun first.
    struct Late {
        std::string id, agency, domain, status, due;
        std::string delivered_at; // empty while still open
        double overrun_hours = 0;
        std::string reason;         // in English, as JSON and CSV print it; in parts below
        std::string longest_status; // the status of the longest wait with the clock running
        double longest_hours = 0;
        std::vector<std::string> missing, notes; // documents asked for, notes of the log
    };
    std::vector<Late> late;

    struct Provisioning {
        std::string server, mode;
        size_t count = 0;
    };
    std::vector<Provisioning> provisioning;

    struct Complaints {
        size_t total = 0, resolved = 0, escalated = 0, open = 0;
        std::map<std::string, size_t> by_channel;
        std::optional<double> mean_response_hours, median_response_hours;
        std::optional<double> mean_resolution_hours;
    } complaints;

    ikm::Result ikm;

    struct Officer {
        std::string id, name;
        size_t assigned = 0, completed = 0, open = 0;
        std::optional<double> mean_turnaround_hours;
    };
    std::vector<Officer> officers;

    struct Row { // one per request of the cohort, for CSV
        std::string id, agency, domain, app, status, officer, received_at, due, delivered_at,
            completed_at;
        double elapsed_working_hours = 0;
        bool breached = false;
        std::optional<bool> within_target; // target_met: empty in the CSV when unknown
    };
    std::vector<Row> rows;

    std::vector<std::string> problems; // files that could not be read, left out of every figure

    // Provisional calendar years (Calendar::provisional_years_in) that the
    // working times above were counted over, ascending: the figures may
    // change once their official holiday lists are in.
    std::vector<int> provisional_years;
};

QuarterlyReport build_quarterly(const Store& store, const Calendar& cal, const Quarter& q,
                                const Timestamp& now);

Json quarterly_json(const QuarterlyReport& r);
std::string quarterly_csv(const QuarterlyReport& r);

} // namespace hostingctl
