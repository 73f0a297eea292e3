#pragma once
// The SLA clock of a request (PRODUCT §5): starts when the letter was
// received (outside service hours: at the next opening), pauses while the
// request is incomplete, stops at delivery (or when the request is rejected
// or cancelled).  Due = close of service on the N-th working day after the
// day the clock started, pushed back by the working time spent paused.
// Late = working time after the due time (to 0.01 h) for a delivered or open
// request; one rejected or cancelled is never late.
#include "calendar/calendar.hpp"
#include "model/model.hpp"
#include "util/json.hpp"

#include <optional>
#include <vector>

namespace hostingctl {

struct SlaInput {
    Timestamp received_at;
    // Pauses: [incomplete, resume); an open pause has no end.
    std::vector<std::pair<Timestamp, std::optional<Timestamp>>> pauses;
    std::optional<Timestamp> stopped_at; // delivery, rejection or cancellation
    bool delivered = false;              // stopped by delivery (counts for compliance)
};

SlaInput sla_input(const Request& r);
// A one-line form of SlaInput for the request index.
std::string encode_sla_input(const SlaInput& in);
// nullopt when the text is not a valid encoding (the index then re-reads).
std::optional<SlaInput> decode_sla_input(std::string_view text, const TimeZone& tz);

struct Sla {
    Timestamp start;      // clock start (next opening at or after receipt)
    Timestamp due;        // SLA due time
    Timestamp target_due; // internal target due time
    double elapsed_working_hours = 0;
    double remaining_working_hours = 0; // negative past the due time
    double paused_working_hours = 0;
    double elapsed_working_days = 0;
    bool running = true;        // false once stopped
    bool paused = false;        // currently incomplete
    bool breached = false;      // late: delivered, or open now, with working time past due
    bool within_target = false; // delivered (or running) with no working time past the target
    std::optional<Timestamp> stopped_at;
    bool delivered = false;
    // The provisional calendar years among those the clock counts over (from
    // the receipt to the later of its end and its due time): the figures
    // above may change once their official holiday lists are in.
    std::vector<int> provisional_years;
};

// Computes the clock as of `now` (ignored for stopped clocks).
Sla compute_sla(const SlaInput& in, const Calendar& cal, const Timestamp& now);

// Whether the internal target was met, as every output says it: true for a
// delivery with no working time past the target, false for a delivery, or
// an open request, past it; unknown (nullopt) for an open request not yet
// past it and for a request rejected or cancelled (it delivered nothing).
std::optional<bool> target_met(const Sla& s);

// {start, due, target_due, elapsed_working_hours, remaining_working_hours,
//  paused_working_hours, elapsed_working_days, running, paused, breached,
//  within_target (target_met: true, false or null), stopped_at,
//  provisional_years: [YYYY]}
Json sla_json(const Sla& s);

// The clock of an index row; nullopt when its SLA data cannot be read.
std::optional<Sla> summary_sla(const std::string& clock, const Calendar& cal, const Timestamp& now);

// "late", "at risk" (running with less than one service day left), "paused"
// or "" — the marks shown beside a request.
std::string sla_mark(const Sla& s, const Calendar& cal);

// Working hours of the calendar's longest service day (6.75 for the standard).
double longest_day_hours(const Calendar& cal);

// Parses a duration such as "4h", "90m", "2d" (working days) into working
// seconds given the calendar's longest day; Error(invalid) otherwise.
int64_t parse_working_duration(std::string_view s, const Calendar& cal);

} // namespace hostingctl
