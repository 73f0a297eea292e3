// The SLA clock of a request (PRODUCT §5): the clock input read from a
// request's events, its one-line index encoding, the marks shown beside a
// request, and working durations such as "4h" or "2d".
// Standard hours: Mon-Thu 08:00-12:00, 13:00-15:45 (6.75 h); Fri 08:00-11:00
// (3 h); Asia/Jakarta.  Expectations are worked out by hand in the comments.
#include "calendar/calendar.hpp"
#include "support.hpp"
#include "util/embedded.hpp"
#include "workflow/sla.hpp"

#include <string>
#include <vector>

using namespace hostingctl;
using unit::add_event;
using unit::error_from;
using unit::sample_request;

namespace {

const TimeZone& wib() {
    static const TimeZone tz("Asia/Jakarta");
    return tz;
}

Timestamp at(const std::string& s) {
    auto t = parse_timestamp(s, wib());
    REQUIRE_MESSAGE(t.has_value(), "bad test timestamp " << s);
    return Timestamp::at(t->epoch, wib());
}

const Calendar& office() {
    static const Calendar cal =
        parse_calendar("calendar.yaml", std::string(embedded::get("store/calendar.yaml")));
    return cal;
}

// A request received Mon 16 Nov 2026 10:00 whose clock is still running.
SlaInput running_since_16th() {
    SlaInput in;
    in.received_at = at("2026-11-16T10:00");
    return in;
}

bool same(const SlaInput& a, const SlaInput& b) {
    if (a.received_at.epoch != b.received_at.epoch || a.delivered != b.delivered ||
        a.stopped_at.has_value() != b.stopped_at.has_value() || a.pauses.size() != b.pauses.size())
        return false;
    if (a.stopped_at && a.stopped_at->epoch != b.stopped_at->epoch)
        return false;
    for (size_t i = 0; i < a.pauses.size(); ++i) {
        if (a.pauses[i].first.epoch != b.pauses[i].first.epoch ||
            a.pauses[i].second.has_value() != b.pauses[i].second.has_value())
            return false;
        if (a.pauses[i].second && a.pauses[i].second->epoch != b.pauses[i].second->epoch)
            return false;
    }
    return true;
}

} // namespace

// --- sla_input --------------------------------------------------------------------

TEST_CASE("sla_input: a delivered request with one incomplete/resume pause") {
    // sample_request: received Mon 23 Nov 09:15; each add_event is 1 h later:
    // dispose 10:15, assign 11:15, incomplete 12:15, resume 13:15, verify 14:15,
    // provision 15:15, submit 16:15, forward 17:15, approve 18:15,
    // deliver 19:15, complete 20:15.
    Request r = sample_request("HST-2026-0001", "simpus");
    for (const char* a : {"dispose", "assign", "incomplete", "resume", "verify", "provision",
                          "submit", "forward", "approve", "deliver", "complete"})
        add_event(r, a);
    SlaInput in = sla_input(r);
    CHECK(in.received_at.iso() == "2026-11-23T09:15:00+07:00");
    REQUIRE(in.pauses.size() == 1);
    CHECK(in.pauses[0].first.iso() == "2026-11-23T12:15:00+07:00");
    REQUIRE(in.pauses[0].second.has_value());
    CHECK(in.pauses[0].second->iso() == "2026-11-23T13:15:00+07:00");
    REQUIRE(in.stopped_at.has_value());
    CHECK(in.stopped_at->iso() == "2026-11-23T19:15:00+07:00");
    CHECK(in.delivered);

    // The clock: start 09:15 (inside hours).  The pause 12:15-13:15 falls
    // mostly in the lunch break: only 13:00-13:15 counts = 0.25 h.
    // Working time 09:15 -> 19:15: 09:15-12:00 (2.75) + 13:00-15:45 (2.75)
    // = 5.5 h; less 0.25 h paused = 5.25 h.
    // Due: 5 working days after Mon 23 = Mon 30 15:45, + 15 min -> Tue 1 Dec 08:15.
    // Target: Tue 24, Wed 25 -> Wed 25 15:45 + 15 min -> Thu 26 08:15.
    Sla s = compute_sla(in, office(), at("2026-12-31T12:00"));
    CHECK(s.paused_working_hours == doctest::Approx(0.25));
    CHECK(s.elapsed_working_hours == doctest::Approx(5.25));
    CHECK(s.due.iso() == "2026-12-01T08:15:00+07:00");
    CHECK(s.target_due.iso() == "2026-11-26T08:15:00+07:00");
    CHECK(s.within_target);
    CHECK_FALSE(s.breached);
    CHECK_FALSE(s.running);
}

TEST_CASE("sla_input: a second incomplete leaves an open pause on a running clock") {
    // new 09:15, dispose 10:15, assign 11:15, incomplete 12:15, resume 13:15,
    // incomplete 14:15 (still open).  As of Tue 24 Nov 09:00:
    // pause 1: 12:15-13:15 -> 13:00-13:15 = 0.25 h;
    // pause 2: Mon 14:15-15:45 (1.5 h) + Tue 08:00-09:00 (1 h) = 2.5 h; total 2.75 h.
    // Working time Mon 09:15 -> Tue 09:00: 5.5 + 1 = 6.5 h; elapsed 6.5 - 2.75 = 3.75 h.
    // Due: Mon 30 15:45 + 2.75 h -> Tue 1 Dec 08:00 + 2.75 h = 10:45.
    Request r = sample_request("HST-2026-0002", "sipd");
    for (const char* a : {"dispose", "assign", "incomplete", "resume", "incomplete"})
        add_event(r, a);
    SlaInput in = sla_input(r);
    REQUIRE(in.pauses.size() == 2);
    CHECK(in.pauses[0].second.has_value());
    CHECK_FALSE(in.pauses[1].second.has_value());
    CHECK(in.pauses[1].first.iso() == "2026-11-23T14:15:00+07:00");
    CHECK_FALSE(in.stopped_at.has_value());
    CHECK_FALSE(in.delivered);

    Sla s = compute_sla(in, office(), at("2026-11-24T09:00"));
    CHECK(s.running);
    CHECK(s.paused);
    CHECK(s.paused_working_hours == doctest::Approx(2.75));
    CHECK(s.elapsed_working_hours == doctest::Approx(3.75));
    CHECK(s.due.iso() == "2026-12-01T10:45:00+07:00");
    CHECK(sla_mark(s, office()) == "paused");
}

TEST_CASE("sla_input: cancelling while incomplete ends the pause at the cancellation") {
    // new 09:15, dispose 10:15, assign 11:15, incomplete 12:15, cancel 13:15.
    Request r = sample_request("HST-2026-0003", "batal");
    for (const char* a : {"dispose", "assign", "incomplete", "cancel"})
        add_event(r, a);
    SlaInput in = sla_input(r);
    REQUIRE(in.stopped_at.has_value());
    CHECK(in.stopped_at->iso() == "2026-11-23T13:15:00+07:00");
    CHECK_FALSE(in.delivered);
    REQUIRE(in.pauses.size() == 1);
    REQUIRE(in.pauses[0].second.has_value());
    CHECK(in.pauses[0].second->iso() == "2026-11-23T13:15:00+07:00");
    // Stopped, so not paused; the pause counted 13:00-13:15 = 0.25 h.
    Sla s = compute_sla(in, office(), at("2026-12-31T12:00"));
    CHECK_FALSE(s.running);
    CHECK_FALSE(s.paused);
    CHECK(s.paused_working_hours == doctest::Approx(0.25));
}

TEST_CASE("sla_input: a request just received has no pauses and no stop") {
    Request r = sample_request("HST-2026-0004", "baru");
    SlaInput in = sla_input(r);
    CHECK(in.received_at.iso() == "2026-11-23T09:15:00+07:00");
    CHECK(in.pauses.empty());
    CHECK_FALSE(in.stopped_at.has_value());
    CHECK_FALSE(in.delivered);
}

// --- index encoding -----------------------------------------------------------------

TEST_CASE("sla encoding: a running clock without pauses") {
    SlaInput in;
    in.received_at = at("2026-11-23T09:15");
    std::string text = encode_sla_input(in);
    // received, "-" for no stop, "O" for not delivered.
    CHECK(text == "2026-11-23T09:15:00+07:00 - O");
    auto back = decode_sla_input(text, wib());
    REQUIRE(back.has_value());
    CHECK(same(in, *back));
}

TEST_CASE("sla encoding: round trip with a closed and an open pause and a delivery") {
    SlaInput in;
    in.received_at = at("2026-11-16T10:00");
    in.pauses.emplace_back(at("2026-11-17T10:00"), at("2026-11-18T09:30"));
    in.pauses.emplace_back(at("2026-11-19T14:00"), std::nullopt);
    in.stopped_at = at("2026-11-20T10:00");
    in.delivered = true;
    std::string text = encode_sla_input(in);
    CHECK(text == "2026-11-16T10:00:00+07:00 2026-11-20T10:00:00+07:00 D "
                  "2026-11-17T10:00:00+07:00/2026-11-18T09:30:00+07:00 "
                  "2026-11-19T14:00:00+07:00/-");
    auto back = decode_sla_input(text, wib());
    REQUIRE(back.has_value());
    CHECK(same(in, *back));
    // Encoding the decoded value gives the same line.
    CHECK(encode_sla_input(*back) == text);
}

TEST_CASE("sla encoding: round trip keeps the instant of a time recorded in UTC") {
    SlaInput in;
    in.received_at = *parse_timestamp("2026-11-23T02:15:00Z", wib()); // 09:15 WIB
    in.stopped_at = at("2026-11-24T10:00");
    auto back = decode_sla_input(encode_sla_input(in), wib());
    REQUIRE(back.has_value());
    CHECK(same(in, *back));
    CHECK_FALSE(back->delivered);
}

TEST_CASE("sla encoding: malformed lines decode to nothing") {
    for (const char* bad : {"", "garbage", "2026-11-23T09:15:00+07:00 -", "yesterday - O",
                            "2026-11-23T09:15:00+07:00 tomorrow O",
                            "2026-11-23T09:15:00+07:00 - O 2026-11-23T12:15:00+07:00",
                            "2026-11-23T09:15:00+07:00 - O noon/2026-11-23T13:15:00+07:00",
                            "2026-11-23T09:15:00+07:00 - O 2026-11-23T12:15:00+07:00/later"}) {
        std::string input = bad;
        CAPTURE(input);
        CHECK_FALSE(decode_sla_input(bad, wib()).has_value());
        CHECK_FALSE(summary_sla(bad, office(), at("2026-11-24T10:00")).has_value());
    }
}

TEST_CASE("sla encoding: summary_sla computes the clock of an index line") {
    // Received Mon 16 Nov 10:00 -> due Mon 23 15:45; as of Tue 24 10:00 it is
    // late by Tue 08:00-10:00 = 2 h.
    auto s = summary_sla("2026-11-16T10:00:00+07:00 - O", office(), at("2026-11-24T10:00"));
    REQUIRE(s.has_value());
    CHECK(s->due.iso() == "2026-11-23T15:45:00+07:00");
    CHECK(s->breached);
    CHECK(s->remaining_working_hours == doctest::Approx(-2.0));
}

// --- sla_mark ---------------------------------------------------------------------

TEST_CASE("sla_mark: late once the due time has passed") {
    // Due Mon 23 15:45; now Tue 24 10:00.
    Sla s = compute_sla(running_since_16th(), office(), at("2026-11-24T10:00"));
    CHECK(s.breached);
    CHECK(s.running);
    CHECK(sla_mark(s, office()) == "late");
}

TEST_CASE("sla_mark: at risk with less than one service day (6.75 h) left") {
    // Now Mon 23 10:00: Mon 10:00-15:45 = 2 + 2.75 = 4.75 h left.
    Sla s = compute_sla(running_since_16th(), office(), at("2026-11-23T10:00"));
    CHECK(s.remaining_working_hours == doctest::Approx(4.75));
    CHECK(sla_mark(s, office()) == "at risk");
    // Mon 23 08:01: 6.75 h less a minute.
    CHECK(sla_mark(compute_sla(running_since_16th(), office(), at("2026-11-23T08:01")), office()) ==
          "at risk");
}

TEST_CASE("sla_mark: nothing with a whole service day or more left") {
    // Now Mon 23 08:00: exactly 6.75 h left, not less -> no mark.
    Sla s = compute_sla(running_since_16th(), office(), at("2026-11-23T08:00"));
    CHECK(s.remaining_working_hours == doctest::Approx(6.75));
    CHECK(sla_mark(s, office()) == "");
    // Now Wed 18 10:00: plenty left.
    CHECK(sla_mark(compute_sla(running_since_16th(), office(), at("2026-11-18T10:00")), office()) ==
          "");
}

TEST_CASE("sla_mark: paused beats at risk while the request is incomplete") {
    // Incomplete since Mon 23 09:00, now Mon 23 14:00: paused 09:00-12:00 +
    // 13:00-14:00 = 4 h.  Due Mon 23 15:45 + 4 h = Tue 24 08:00-12:00 -> 12:00.
    // Remaining Mon 14:00-15:45 (1.75) + Tue 08:00-12:00 (4) = 5.75 h < 6.75.
    SlaInput in = running_since_16th();
    in.pauses.emplace_back(at("2026-11-23T09:00"), std::nullopt);
    Sla s = compute_sla(in, office(), at("2026-11-23T14:00"));
    CHECK(s.paused);
    CHECK(s.paused_working_hours == doctest::Approx(4.0));
    CHECK(s.due.iso() == "2026-11-24T12:00:00+07:00");
    CHECK(s.remaining_working_hours == doctest::Approx(5.75));
    CHECK(sla_mark(s, office()) == "paused");
}

TEST_CASE("sla_mark: late beats paused when the pause began after the due time") {
    // Due Mon 23 15:45; incomplete Tue 24 09:00; now Tue 24 10:00.
    // Paused 1 h -> due Mon 23 15:45 + 1 h = Tue 24 09:00 < now -> late.
    SlaInput in = running_since_16th();
    in.pauses.emplace_back(at("2026-11-24T09:00"), std::nullopt);
    Sla s = compute_sla(in, office(), at("2026-11-24T10:00"));
    CHECK(s.due.iso() == "2026-11-24T09:00:00+07:00");
    CHECK(s.breached);
    CHECK(sla_mark(s, office()) == "late");
}

TEST_CASE("sla_mark: nothing for a request delivered on time") {
    SlaInput in = running_since_16th();
    in.stopped_at = at("2026-11-19T10:00");
    in.delivered = true;
    Sla s = compute_sla(in, office(), at("2026-12-31T12:00"));
    CHECK_FALSE(s.breached);
    CHECK(sla_mark(s, office()) == "");
}

// --- late: working time over the limit ---------------------------------------------

TEST_CASE("sla late: a delivery after closing on the due day is on time") {
    // Due Mon 23 Nov 15:45; delivered Mon 23 18:25, after service hours: no
    // working time passed after the due time.  Elapsed: Mon 16 10:00-15:45
    // (4.75) + Tue-Thu (20.25) + Fri 20 (3) + Mon 23 (6.75) = 34.75 h.
    SlaInput in = running_since_16th();
    in.stopped_at = at("2026-11-23T18:25");
    in.delivered = true;
    Sla s = compute_sla(in, office(), at("2026-12-31T12:00"));
    CHECK(s.due.iso() == "2026-11-23T15:45:00+07:00");
    CHECK(s.elapsed_working_hours == doctest::Approx(34.75));
    CHECK(s.remaining_working_hours == 0.0);
    CHECK_FALSE(s.breached);
    CHECK(sla_mark(s, office()) == "");
    // The next morning at 08:00, still no working time has passed; at 08:01 one minute has.
    in.stopped_at = at("2026-11-24T08:00");
    CHECK_FALSE(compute_sla(in, office(), at("2026-12-31T12:00")).breached);
    in.stopped_at = at("2026-11-24T08:01");
    Sla late = compute_sla(in, office(), at("2026-12-31T12:00"));
    CHECK(late.breached);
    CHECK(late.remaining_working_hours == doctest::Approx(-0.02)); // 1/60 h, to 2 decimals
}

TEST_CASE("sla late: a running clock is not late in the evening of its due day") {
    // Due Mon 23 Nov 15:45; now Mon 23 18:25: 0 h left, not yet late, at risk.
    Sla s = compute_sla(running_since_16th(), office(), at("2026-11-23T18:25"));
    CHECK(s.remaining_working_hours == 0.0);
    CHECK_FALSE(s.breached);
    CHECK(sla_mark(s, office()) == "at risk");
    // Tue 24 08:30: 0.5 h late.
    Sla late = compute_sla(running_since_16th(), office(), at("2026-11-24T08:30"));
    CHECK(late.breached);
    CHECK(late.remaining_working_hours == doctest::Approx(-0.5));
}

TEST_CASE("sla late: an overrun under 0.01 working hour rounds to on time") {
    // Due Mon 23 Nov 15:45; delivered Tue 24 08:00:17, 17 s of working time
    // after it: 0.0047 h, which rounds to 0.00 h, so on time; 18 s rounds to 0.01 h.
    SlaInput in = running_since_16th();
    in.delivered = true;
    in.stopped_at = at("2026-11-24T08:00:17");
    Sla s = compute_sla(in, office(), at("2026-12-31T12:00"));
    CHECK(s.remaining_working_hours == 0.0);
    CHECK_FALSE(s.breached);
    in.stopped_at = at("2026-11-24T08:00:18");
    s = compute_sla(in, office(), at("2026-12-31T12:00"));
    CHECK(s.remaining_working_hours == doctest::Approx(-0.01));
    CHECK(s.breached);
}

TEST_CASE("sla target: a delivery after closing on the target day is within it") {
    // Received Wed 18 Nov 14:00: target Thu 19, Fri 20 -> Fri 20 11:00.
    // Delivered Fri 20 14:00, after the Friday close: within the target.
    SlaInput in;
    in.received_at = at("2026-11-18T14:00");
    in.stopped_at = at("2026-11-20T14:00");
    in.delivered = true;
    Sla s = compute_sla(in, office(), at("2026-12-31T12:00"));
    CHECK(s.target_due.iso() == "2026-11-20T11:00:00+07:00");
    CHECK(s.within_target);
    // Mon 23 08:15: 0.25 h after the target.
    in.stopped_at = at("2026-11-23T08:15");
    CHECK_FALSE(compute_sla(in, office(), at("2026-12-31T12:00")).within_target);
}

TEST_CASE("sla late: a request rejected or cancelled after its due time is not late") {
    // Due Mon 23 Nov 15:45; rejected Tue 24 10:00, 2 working hours after it.
    // The standard's time is the time to deliver; a request that ends without
    // a delivery is neither on time nor late, though its clock shows the overrun.
    SlaInput in = running_since_16th();
    in.stopped_at = at("2026-11-24T10:00");
    Sla s = compute_sla(in, office(), at("2026-12-31T12:00"));
    CHECK_FALSE(s.running);
    CHECK_FALSE(s.delivered);
    CHECK(s.remaining_working_hours == doctest::Approx(-2.0));
    CHECK_FALSE(s.breached);
    CHECK_FALSE(s.within_target);
    CHECK(sla_mark(s, office()) == "");
}

TEST_CASE("sla_json: carries every key of the clock") {
    SlaInput in = running_since_16th();
    in.stopped_at = at("2026-11-19T10:00");
    in.delivered = true;
    Json j = sla_json(compute_sla(in, office(), at("2026-12-31T12:00")));
    std::string text = j.dump();
    for (const char* key : {"\"start\"", "\"due\"", "\"target_due\"", "\"elapsed_working_hours\"",
                            "\"remaining_working_hours\"", "\"paused_working_hours\"",
                            "\"elapsed_working_days\"", "\"running\"", "\"paused\"", "\"breached\"",
                            "\"within_target\"", "\"stopped_at\"", "\"provisional_years\""})
        CHECK_CONTAINS(text, key);
    CHECK_CONTAINS(text, "2026-11-23T15:45:00+07:00");
    CHECK_CONTAINS(j.dump(-1), "\"provisional_years\": []");
}

// --- provisional years ------------------------------------------------------------

TEST_CASE("sla: provisional_years are the unconfirmed years from receipt to the due time") {
    // The shipped calendar confirms 2026 only.  Received Wed 23 Dec 2026
    // 10:00: Mon 28 - Thu 31, then Fri 1 Jan 2027 by rule -> due Mon 4 Jan
    // 2027 15:45.  Delivered on Mon 28 Dec, the clock still looked at 2027
    // to find its due time.
    SlaInput in;
    in.received_at = at("2026-12-23T10:00");
    in.stopped_at = at("2026-12-28T10:00");
    in.delivered = true;
    Sla s = compute_sla(in, office(), at("2026-12-29T09:00"));
    CHECK(s.due.iso() == "2027-01-04T15:45:00+07:00");
    CHECK(s.provisional_years == std::vector<int>{2027});
    CHECK_CONTAINS(sla_json(s).dump(-1), "\"provisional_years\": [2027]");
    // Received and delivered in November 2026: nothing provisional.
    Sla nov = compute_sla(running_since_16th(), office(), at("2026-11-20T10:00"));
    CHECK(nov.provisional_years.empty());
}

TEST_CASE("sla: a running clock counts up to now; a late delivery up to the delivery") {
    // Received Mon 16 Nov 2026 (due Mon 23 Nov) and still running on
    // 5 Jan 2027: the elapsed time counts days of 2027.
    Sla s = compute_sla(running_since_16th(), office(), at("2027-01-05T09:00"));
    CHECK(s.provisional_years == std::vector<int>{2027});
    // Received Mon 22 Dec 2025 (no 2025 list), delivered Mon 5 Jan 2026.
    SlaInput in;
    in.received_at = at("2025-12-22T10:00");
    in.stopped_at = at("2026-01-05T09:00");
    in.delivered = true;
    CHECK(compute_sla(in, office(), at("2027-06-01T09:00")).provisional_years ==
          std::vector<int>{2025});
}

// --- working durations --------------------------------------------------------------

TEST_CASE("sla durations: longest_day_hours is 6.75 for the standard hours") {
    CHECK(longest_day_hours(office()) == doctest::Approx(6.75));
    CHECK(longest_day_hours(Calendar::standard()) == doctest::Approx(6.75));
    // A Friday-only calendar: 3 h.
    std::array<std::vector<Interval>, 7> h;
    h[4] = {{8 * 3600, 11 * 3600}};
    Calendar fri("Asia/Jakarta", h, {}, 5, 2);
    CHECK(longest_day_hours(fri) == doctest::Approx(3.0));
}

TEST_CASE("sla durations: parse_working_duration of hours, minutes and working days") {
    const Calendar& c = office();
    CHECK(parse_working_duration("4h", c) == 4 * 3600);
    CHECK(parse_working_duration("90m", c) == 90 * 60);
    // 2d = 2 x 6.75 h = 13.5 h = 48600 s.
    CHECK(parse_working_duration("2d", c) == 48600);
    // 0.5d = 3.375 h = 12150 s; 1.5h = 5400 s.
    CHECK(parse_working_duration("0.5d", c) == 12150);
    CHECK(parse_working_duration("1.5h", c) == 5400);
    // Case and surrounding blanks do not matter.
    CHECK(parse_working_duration(" 4H ", c) == 4 * 3600);
    CHECK(parse_working_duration("0h", c) == 0);
}

TEST_CASE("sla durations: bad durations are refused with Exit::invalid") {
    for (const char* bad : {"", "h", "4", "4x", "-1h", "h4", "4 h", "abch", "1001h", "four hours",
                            "4hh", "nanh", "infd", "1e9m"}) {
        std::string input = bad;
        CAPTURE(input);
        Error e = error_from([&] { parse_working_duration(bad, office()); });
        CHECK(e.code() == Exit::invalid);
    }
}
