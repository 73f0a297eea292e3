#include "workflow/sla.hpp"

#include "model/action.hpp"
#include "util/error.hpp"
#include "util/i18n.hpp"
#include "util/text.hpp"
#include "workflow/workflow.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

namespace hostingctl {

SlaInput sla_input(const Request& r) {
    SlaInput in;
    in.received_at = r.letter.received_at;
    for (const auto& e : in_effect(r.events)) {
        if (is(e, Action::incomplete)) {
            in.pauses.emplace_back(e.at, std::nullopt);
        } else if (is(e, Action::resume) && !in.pauses.empty() && !in.pauses.back().second) {
            in.pauses.back().second = e.at;
        } else if (is(e, Action::deliver)) {
            in.stopped_at = e.at;
            in.delivered = true;
        } else if ((is(e, Action::reject) || is(e, Action::cancel)) && !in.stopped_at) {
            in.stopped_at = e.at;
        }
    }
    // A request rejected or cancelled while incomplete ends its pause there.
    if (in.stopped_at && !in.pauses.empty() && !in.pauses.back().second)
        in.pauses.back().second = in.stopped_at;
    return in;
}

std::string encode_sla_input(const SlaInput& in) {
    std::string out = in.received_at.iso();
    out += ' ';
    out += in.stopped_at ? in.stopped_at->iso() : "-";
    out += in.delivered ? " D" : " O";
    for (const auto& [from, to] : in.pauses) {
        out += ' ';
        out += from.iso();
        out += '/';
        out += to ? to->iso() : "-";
    }
    return out;
}

std::optional<SlaInput> decode_sla_input(std::string_view text, const TimeZone& tz) {
    auto parts = text::split(text, ' ');
    if (parts.size() < 3)
        return std::nullopt;
    SlaInput in;
    auto t = parse_iso_timestamp(parts[0], tz);
    if (!t)
        return std::nullopt;
    in.received_at = *t;
    if (parts[1] != "-") {
        auto s = parse_iso_timestamp(parts[1], tz);
        if (!s)
            return std::nullopt;
        in.stopped_at = *s;
    }
    in.delivered = parts[2] == "D";
    for (size_t i = 3; i < parts.size(); ++i) {
        auto slash = parts[i].find('/');
        if (slash == std::string::npos)
            return std::nullopt;
        auto a = parse_iso_timestamp(parts[i].substr(0, slash), tz);
        if (!a)
            return std::nullopt;
        std::optional<Timestamp> b;
        if (parts[i].substr(slash + 1) != "-") {
            b = parse_iso_timestamp(parts[i].substr(slash + 1), tz);
            if (!b)
                return std::nullopt;
        }
        in.pauses.emplace_back(*a, b);
    }
    return in;
}

namespace {
// Working seconds as hours to 2 decimals; + 0.0 turns a rounded -0 into 0.
double hours(int64_t seconds) {
    return std::round(static_cast<double>(seconds) / 36.0) / 100.0 + 0.0;
}
} // namespace

Sla compute_sla(const SlaInput& in, const Calendar& cal, const Timestamp& now) {
    Sla s;
    s.start = cal.next_opening(in.received_at);
    Timestamp end = in.stopped_at ? *in.stopped_at : now;
    if (end < s.start)
        end = s.start;
    s.running = !in.stopped_at;
    s.stopped_at = in.stopped_at;
    s.delivered = in.delivered;
    int64_t paused = 0;
    for (const auto& [from, to] : in.pauses) {
        Timestamp until = to ? *to : end;
        if (!to && s.running)
            s.paused = true;
        paused += cal.working_seconds(std::max(from, s.start), std::min(until, end));
    }
    int64_t elapsed = cal.working_seconds(s.start, end) - paused;
    s.due = cal.add_working_seconds(cal.due(s.start, cal.sla_days()), paused);
    s.target_due = cal.add_working_seconds(cal.due(s.start, cal.target_days()), paused);
    // Working time after the due time (and the target): none when the clock
    // ended after closing on the due day, however late in the evening.
    auto over = [&](const Timestamp& limit) {
        return end < limit ? int64_t{0} : cal.working_seconds(limit, end);
    };
    int64_t remaining = end < s.due ? cal.working_seconds(end, s.due) : -over(s.due);
    s.elapsed_working_hours = hours(elapsed);
    s.remaining_working_hours = hours(remaining);
    s.paused_working_hours = hours(paused);
    // Working days elapsed, without the paused share.
    double paused_days = 0;
    for (const auto& [from, to] : in.pauses)
        paused_days += cal.working_days(std::max(from, s.start), std::min(to ? *to : end, end));
    s.elapsed_working_days =
        std::round((cal.working_days(s.start, end) - paused_days) * 100.0) / 100.0;
    // Late: working time over the limit, as the figures show it (an overrun
    // that rounds to 0.00 h is none).  Only a delivery, or an open request,
    // is measured against the standard: a rejected or cancelled request
    // delivered nothing, so it is neither late nor within the target.
    const bool measured = s.running || s.delivered;
    s.breached = measured && s.remaining_working_hours < 0;
    s.within_target = measured && hours(over(s.target_due)) <= 0;
    s.provisional_years =
        cal.provisional_years_in(in.received_at, std::max({end, s.due, s.target_due}));
    return s;
}

std::optional<bool> target_met(const Sla& s) {
    if (s.delivered)
        return s.within_target;
    if (s.running && !s.within_target)
        return false;
    return std::nullopt;
}

Json sla_json(const Sla& s) {
    Json j = Json::object();
    j["start"] = s.start.iso();
    j["due"] = s.due.iso();
    j["target_due"] = s.target_due.iso();
    j["elapsed_working_hours"] = s.elapsed_working_hours;
    j["remaining_working_hours"] = s.remaining_working_hours;
    j["paused_working_hours"] = s.paused_working_hours;
    j["elapsed_working_days"] = s.elapsed_working_days;
    j["running"] = s.running;
    j["paused"] = s.paused;
    j["breached"] = s.breached;
    const auto met = target_met(s);
    j["within_target"] = met ? Json(*met) : Json();
    j["stopped_at"] = s.stopped_at ? Json(s.stopped_at->iso()) : Json();
    j["provisional_years"] = Json::Array(s.provisional_years.begin(), s.provisional_years.end());
    return j;
}

std::optional<Sla> summary_sla(const std::string& clock, const Calendar& cal,
                               const Timestamp& now) {
    auto in = decode_sla_input(clock, cal.tz());
    if (!in)
        return std::nullopt;
    return compute_sla(*in, cal, now);
}

double longest_day_hours(const Calendar& cal) {
    int64_t day = 0;
    for (const auto& ivs : cal.hours()) {
        int64_t total = 0;
        for (const auto& iv : ivs)
            total += iv.end - iv.start;
        day = std::max(day, total);
    }
    return static_cast<double>(day) / 3600.0;
}

std::string sla_mark(const Sla& s, const Calendar& cal) {
    if (s.breached)
        return "late";
    if (!s.running)
        return "";
    if (s.paused)
        return "paused";
    if (s.remaining_working_hours < longest_day_hours(cal))
        return "at risk";
    return "";
}

int64_t parse_working_duration(std::string_view s, const Calendar& cal) {
    std::string v = text::lower(text::trim(s));
    auto bad = [&] {
        return Error(Exit::invalid, trf("'{}' is not a duration", s),
                     tr("write it as 4h, 90m or 2d (working days)"));
    };
    if (v.size() < 2)
        throw bad();
    char unit = v.back();
    v.pop_back();
    double n = 0;
    try {
        size_t used = 0;
        n = std::stod(v, &used);
        if (used != v.size() || !(n >= 0 && n <= 1000)) // also refuses "nan"
            throw bad();
    } catch (const std::exception&) {
        throw bad();
    }
    auto day = static_cast<int64_t>(longest_day_hours(cal) * 3600.0);
    switch (unit) {
    case 'm':
        return static_cast<int64_t>(n * 60);
    case 'h':
        return static_cast<int64_t>(n * 3600);
    case 'd':
        return static_cast<int64_t>(n * static_cast<double>(day));
    default:
        throw bad();
    }
}

} // namespace hostingctl
