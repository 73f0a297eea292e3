// Calendar arithmetic (PRODUCT §5) with the standard service hours and the
// 2026 holidays shipped in templates/store/calendar.yaml:
//   Mon-Thu 08:00-12:00 and 13:00-15:45 (6.75 h = 24300 s a day),
//   Fri 08:00-11:00 (3 h = 10800 s), Sat/Sun closed, Asia/Jakarta (+07:00).
// Every expectation below is worked out by hand from those rules; the
// comment on each case shows the reasoning.
#include "calendar/calendar.hpp"
#include "support.hpp"
#include "util/embedded.hpp"
#include "workflow/sla.hpp"

#include <set>
#include <string>
#include <vector>

using namespace hostingctl;
using unit::error_from;

namespace {

constexpr int64_t kHour = 3600;
constexpr int64_t kMonThuDay = 24300; // 4 h + 2 h 45 min
constexpr int64_t kFriday = 10800;    // 3 h

const TimeZone& wib() {
    static const TimeZone tz("Asia/Jakarta");
    return tz;
}

// Office time ("2026-11-23T10:00") or a full ISO 8601 instant.
Timestamp at(const std::string& s) {
    auto t = parse_timestamp(s, wib());
    REQUIRE_MESSAGE(t.has_value(), "bad test timestamp " << s);
    return Timestamp::at(t->epoch, wib());
}

Date day(const std::string& s) {
    auto d = parse_date(s);
    REQUIRE_MESSAGE(d.has_value(), "bad test date " << s);
    return *d;
}

// The calendar a new store gets from `hostingctl init`.
const Calendar& office() {
    static const Calendar cal =
        parse_calendar("calendar.yaml", std::string(embedded::get("store/calendar.yaml")));
    return cal;
}

std::string opening(const std::string& t) {
    return office().next_opening(at(t)).iso();
}
std::string due5(const std::string& t) {
    return office().due(at(t), 5).iso();
}
int64_t worked(const std::string& a, const std::string& b) {
    return office().working_seconds(at(a), at(b));
}
std::string plus(const std::string& t, int64_t seconds) {
    return office().add_working_seconds(at(t), seconds).iso();
}

// parse_calendar on a text that should be refused: returns the error.
Error refused(const std::string& text) {
    return error_from([&] { parse_calendar("/srv/hosting/calendar.yaml", text); });
}

} // namespace

// --- the shipped calendar ---------------------------------------------------

TEST_CASE("calendar: the shipped 2026 calendar has the standard hours, SLA 5/2 and 25 holidays") {
    const Calendar& c = office();
    CHECK(c.tz().name() == "Asia/Jakarta");
    CHECK(c.sla_days() == 5);
    CHECK(c.target_days() == 2);
    // templates/store/calendar.yaml lists 25 dates (16 national + 9 cuti
    // bersama, PRODUCT §5).
    CHECK(c.holidays().size() == 25);
    Calendar std_cal = Calendar::standard();
    for (size_t d = 0; d < 7; ++d) {
        REQUIRE(c.hours()[d].size() == std_cal.hours()[d].size());
        for (size_t i = 0; i < c.hours()[d].size(); ++i) {
            CHECK(c.hours()[d][i].start == std_cal.hours()[d][i].start);
            CHECK(c.hours()[d][i].end == std_cal.hours()[d][i].end);
        }
    }
    // Monday: 08:00-12:00 and 13:00-15:45; Friday: 08:00-11:00 only.
    REQUIRE(c.hours()[0].size() == 2);
    CHECK(c.hours()[0][0].start == 8 * 3600);
    CHECK(c.hours()[0][1].end == 15 * 3600 + 45 * 60);
    REQUIRE(c.hours()[4].size() == 1);
    CHECK(c.hours()[4][0].end == 11 * 3600);
    CHECK(c.hours()[5].empty());
    CHECK(c.hours()[6].empty());
}

// --- holidays by rule ---------------------------------------------------------

TEST_CASE("calendar: easter_sunday gives the known Western Easter dates") {
    // Published dates of Easter Sunday, including the earliest possible
    // (22 March: 1818, 2285) and the latest (25 April: 1943, 2038).
    const std::vector<std::pair<int, std::string>> known = {
        {1818, "1818-03-22"}, {1943, "1943-04-25"}, {2000, "2000-04-23"}, {2008, "2008-03-23"},
        {2011, "2011-04-24"}, {2024, "2024-03-31"}, {2025, "2025-04-20"}, {2026, "2026-04-05"},
        {2027, "2027-03-28"}, {2028, "2028-04-16"}, {2029, "2029-04-01"}, {2030, "2030-04-21"},
        {2038, "2038-04-25"}, {2285, "2285-03-22"}};
    for (const auto& [year, date] : known) {
        CAPTURE(year);
        CHECK(easter_sunday(year).iso() == date);
        CHECK(easter_sunday(year).weekday_iso0() == 6); // a Sunday
    }
}

TEST_CASE("calendar: rule_holidays are the five fixed dates and the two after Easter") {
    // 2027: Easter 28 March -> Good Friday 26 March, Ascension 6 May.
    auto hs = rule_holidays(2027);
    std::vector<std::string> got;
    for (const auto& h : hs)
        got.push_back(h.date.iso() + " " + h.name);
    CHECK(got == std::vector<std::string>{
                     "2027-01-01 Tahun Baru Masehi", "2027-03-26 Wafat Yesus Kristus",
                     "2027-05-01 Hari Buruh Internasional", "2027-05-06 Kenaikan Yesus Kristus",
                     "2027-06-01 Hari Lahir Pancasila",
                     "2027-08-17 Hari Kemerdekaan Republik Indonesia",
                     "2027-12-25 Hari Raya Natal"});
    // 2038: Easter 25 April -> Ascension 3 June, after Pancasila day; the
    // list stays in date order.
    hs = rule_holidays(2038);
    REQUIRE(hs.size() == 7);
    CHECK(hs[1].date.iso() == "2038-04-23");
    CHECK(hs[3].date.iso() == "2038-06-01");
    CHECK(hs[4].date.iso() == "2038-06-03");
    CHECK(hs[4].name == "Kenaikan Yesus Kristus");
}

TEST_CASE("calendar: a year without a list still has its rule holidays") {
    // The shipped calendar lists 2026 only.  In 2027 New Year's Day (Fri),
    // Good Friday (26 Mar), Ascension (Thu 6 May), Pancasila day (Tue 1 Jun)
    // and Independence Day (Tue 17 Aug) are weekday holidays by rule.
    const Calendar& c = office();
    for (const char* d : {"2027-01-01", "2027-03-26", "2027-05-06", "2027-06-01", "2027-08-17"}) {
        std::string date = d;
        CAPTURE(date);
        CHECK_FALSE(c.is_working_day(day(d)));
        CHECK(c.intervals(day(d)).empty());
    }
    CHECK(c.holiday_name(day("2027-01-01")) == "Tahun Baru Masehi");
    CHECK(c.holiday_name(day("2027-05-06")) == "Kenaikan Yesus Kristus");
    // Lunar holidays are not known by rule: Thu 4 Feb 2027 is a working day.
    CHECK(c.is_working_day(day("2027-02-04")));
    // A listed date keeps its listed name.
    CHECK(c.holiday_name(day("2026-01-01")) == "Tahun Baru 2026 Masehi");
    // A calendar without any list (a store without calendar.yaml) has them too.
    Calendar bare = Calendar::standard();
    CHECK_FALSE(bare.is_working_day(day("2030-04-19"))); // Good Friday 2030
    CHECK(bare.holiday_name(day("2030-08-16")).empty());
    CHECK(bare.is_working_day(day("2030-08-16")));
}

TEST_CASE("calendar: a letter of 23 December 2026 is due after New Year's Day 2027") {
    // Wed 23 Dec 10:00; Thu 24 (cuti bersama) and Fri 25 (Christmas) closed;
    // working days after Wed 23: Mon 28, Tue 29, Wed 30, Thu 31, then Fri
    // 1 Jan 2027 is New Year's Day by rule -> Mon 4 Jan 2027 15:45.
    CHECK(due5("2026-12-23T10:00") == "2027-01-04T15:45:00+07:00");
    // Working time Thu 31 Dec 15:00 -> Mon 4 Jan 09:00: 0.75 h + 1 h.
    CHECK(worked("2026-12-31T15:00", "2027-01-04T09:00") == 6300);
}

TEST_CASE("calendar: holidays_in says which holidays are listed and which come by rule") {
    const Calendar& c = office();
    // 2026: the 25 listed dates already hold all seven rule holidays.
    auto y2026 = c.holidays_in(2026);
    CHECK(y2026.size() == 25);
    for (const auto& h : y2026)
        CHECK(h.source == HolidaySource::list);
    CHECK(y2026.front().name == "Tahun Baru 2026 Masehi");
    // 2027: only the seven by rule.
    auto y2027 = c.holidays_in(2027);
    REQUIRE(y2027.size() == 7);
    for (const auto& h : y2027)
        CHECK(h.source == HolidaySource::rule);
    CHECK(y2027[0].date.iso() == "2027-01-01");
    CHECK(y2027[6].date.iso() == "2027-12-25");
    // A 2027 date added to the list takes its place, in date order.
    Calendar m = parse_calendar("calendar.yaml", std::string(embedded::get("store/calendar.yaml")));
    m.add_holidays({{day("2027-01-01"), "Tahun Baru 2027 Masehi"},
                    {day("2027-02-06"), "Tahun Baru Imlek 2578 Kongzili"}});
    auto listed = m.holidays_in(2027);
    REQUIRE(listed.size() == 8);
    CHECK(listed[0].name == "Tahun Baru 2027 Masehi");
    CHECK(listed[0].source == HolidaySource::list);
    CHECK(listed[1].date.iso() == "2027-02-06");
    CHECK(listed[1].source == HolidaySource::list);
    CHECK(listed[2].source == HolidaySource::rule);
}

TEST_CASE("calendar: working days around the Nyepi and Idul Fitri block of March 2026") {
    const Calendar& c = office();
    // Tue 17 March works; 18-24 March are all holidays or cuti bersama
    // (18 cuti, 19 Nyepi, 20 cuti, 21-22 Idul Fitri, 23-24 cuti); Wed 25 works.
    CHECK(c.is_working_day(day("2026-03-17")));
    for (const char* d : {"2026-03-18", "2026-03-19", "2026-03-20", "2026-03-21", "2026-03-22",
                          "2026-03-23", "2026-03-24"}) {
        std::string date = d;
        CAPTURE(date);
        CHECK_FALSE(c.is_working_day(day(d)));
        CHECK_FALSE(c.holiday_name(day(d)).empty());
        CHECK(c.intervals(day(d)).empty());
    }
    CHECK(c.is_working_day(day("2026-03-25")));
    CHECK_CONTAINS(c.holiday_name(day("2026-03-19")), "Nyepi");
    CHECK_CONTAINS(c.holiday_name(day("2026-03-21")), "Idul Fitri");
    // A Saturday without a holiday is still no working day; it has no name.
    CHECK_FALSE(c.is_working_day(day("2026-11-28")));
    CHECK(c.holiday_name(day("2026-11-28")).empty());
}

TEST_CASE("calendar: working_day_after skips weekends and the whole March block") {
    const Calendar& c = office();
    // Fri 13 March + 1 working day: Sat 14, Sun 15 closed -> Mon 16.
    CHECK(c.working_day_after(day("2026-03-13"), 1).iso() == "2026-03-16");
    // Tue 17 March + 1: 18-24 closed -> Wed 25.
    CHECK(c.working_day_after(day("2026-03-17"), 1).iso() == "2026-03-25");
    // Thu 24 Dec (cuti bersama) + 1: Fri 25 (Natal), Sat 26, Sun 27 -> Mon 28.
    CHECK(c.working_day_after(day("2026-12-24"), 1).iso() == "2026-12-28");
}

TEST_CASE("calendar: close_of is 15:45 Mon-Thu, 11:00 Friday, and refuses a holiday") {
    const Calendar& c = office();
    CHECK(c.close_of(day("2026-11-23")).iso() == "2026-11-23T15:45:00+07:00"); // Monday
    CHECK(c.close_of(day("2026-11-27")).iso() == "2026-11-27T11:00:00+07:00"); // Friday
    CHECK(unit::error_from([&] { c.close_of(day("2026-08-17")); }).code() == Exit::failure);
    CHECK(unit::error_from([&] { c.close_of(day("2026-11-28")); }).code() == Exit::failure);
}

// --- next opening and due: letters at awkward moments --------------------------

TEST_CASE("calendar: a letter arriving before 08:00 starts the clock at 08:00 that day") {
    // Tue 24 Nov 07:15 -> clock starts Tue 08:00.  The 5 working days after
    // Tue 24 are Wed 25, Thu 26, Fri 27, Mon 30, Tue 1 Dec -> due Tue 1 Dec 15:45.
    CHECK(opening("2026-11-24T07:15") == "2026-11-24T08:00:00+07:00");
    CHECK(due5("2026-11-24T07:15") == "2026-12-01T15:45:00+07:00");
}

TEST_CASE("calendar: a letter during the 12:00-13:00 break starts the clock at 13:00") {
    // Tue 24 Nov 12:30 is in the gap between the two intervals -> 13:00 same day;
    // the day the clock starts is still Tue 24 -> due Tue 1 Dec 15:45.
    CHECK(opening("2026-11-24T12:30") == "2026-11-24T13:00:00+07:00");
    CHECK(due5("2026-11-24T12:30") == "2026-12-01T15:45:00+07:00");
}

TEST_CASE("calendar: a letter at exactly 12:00 waits for 13:00 (intervals are [start, end))") {
    // 12:00 is the end of 08:00-12:00, so it is outside; the next opening is 13:00.
    CHECK(opening("2026-11-24T12:00") == "2026-11-24T13:00:00+07:00");
    // One second earlier is still inside the morning interval.
    CHECK(opening("2026-11-24T11:59:59") == "2026-11-24T11:59:59+07:00");
}

TEST_CASE("calendar: a letter at exactly 08:00 or 13:00 starts the clock at once") {
    CHECK(opening("2026-11-24T08:00") == "2026-11-24T08:00:00+07:00");
    CHECK(opening("2026-11-24T13:00") == "2026-11-24T13:00:00+07:00");
    CHECK(opening("2026-11-24T15:44:59") == "2026-11-24T15:44:59+07:00");
}

TEST_CASE("calendar: a letter at exactly 15:45 counts from the next morning") {
    // Tue 24 Nov 15:45 is the close -> Wed 25 08:00.  Clock day Wed 25; the 5
    // working days after: Thu 26, Fri 27, Mon 30, Tue 1, Wed 2 Dec -> Wed 2 Dec 15:45.
    CHECK(opening("2026-11-24T15:45") == "2026-11-25T08:00:00+07:00");
    CHECK(due5("2026-11-24T15:45") == "2026-12-02T15:45:00+07:00");
}

TEST_CASE("calendar: a letter after 15:45 counts from the next morning") {
    // Tue 24 Nov 16:30 -> Wed 25 08:00, due Wed 2 Dec 15:45 as above.
    CHECK(opening("2026-11-24T16:30") == "2026-11-25T08:00:00+07:00");
    CHECK(due5("2026-11-24T16:30") == "2026-12-02T15:45:00+07:00");
    // Late evening, 23:59, is the same.
    CHECK(opening("2026-11-24T23:59") == "2026-11-25T08:00:00+07:00");
}

TEST_CASE("calendar: a letter on Friday after 11:00 counts from Monday") {
    // Fri 27 Nov 11:30: Friday closes at 11:00; Sat/Sun closed -> Mon 30 08:00.
    // 5 working days after Mon 30: Tue 1, Wed 2, Thu 3, Fri 4, Mon 7 Dec -> 15:45.
    CHECK(opening("2026-11-27T11:30") == "2026-11-30T08:00:00+07:00");
    CHECK(due5("2026-11-27T11:30") == "2026-12-07T15:45:00+07:00");
    // Exactly 11:00 on Friday is also after closing.
    CHECK(opening("2026-11-27T11:00") == "2026-11-30T08:00:00+07:00");
    // Friday 13:30 (the Mon-Thu afternoon interval does not exist on Friday).
    CHECK(opening("2026-11-27T13:30") == "2026-11-30T08:00:00+07:00");
}

TEST_CASE("calendar: a letter on Saturday counts from Monday 08:00") {
    // Sat 28 Nov 10:00 -> Mon 30 08:00 -> due Mon 7 Dec 15:45 (see Friday case).
    CHECK(opening("2026-11-28T10:00") == "2026-11-30T08:00:00+07:00");
    CHECK(due5("2026-11-28T10:00") == "2026-12-07T15:45:00+07:00");
}

TEST_CASE("calendar: a letter on Sunday counts from Monday 08:00") {
    // Sun 29 Nov 20:00 -> Mon 30 08:00 -> due Mon 7 Dec 15:45.
    CHECK(opening("2026-11-29T20:00") == "2026-11-30T08:00:00+07:00");
    CHECK(due5("2026-11-29T20:00") == "2026-12-07T15:45:00+07:00");
}

TEST_CASE("calendar: a letter on New Year's Day 2026 counts from Friday 2 January") {
    // Thu 1 Jan 2026 is a holiday -> Fri 2 Jan 08:00.  5 working days after
    // Fri 2: Mon 5, Tue 6, Wed 7, Thu 8, Fri 9 -> Friday close 11:00.
    CHECK(opening("2026-01-01T09:00") == "2026-01-02T08:00:00+07:00");
    CHECK(due5("2026-01-01T09:00") == "2026-01-09T11:00:00+07:00");
}

TEST_CASE("calendar: a letter on Independence Day counts from 18 August, skipping 25 August") {
    // Mon 17 Aug 2026 is a holiday -> Tue 18 08:00.  Working days after Tue 18:
    // Wed 19, Thu 20, Fri 21, Mon 24, (Tue 25 Maulid Nabi is a holiday), Wed 26
    // -> due Wed 26 Aug 15:45.
    CHECK(opening("2026-08-17T10:00") == "2026-08-18T08:00:00+07:00");
    CHECK(due5("2026-08-17T10:00") == "2026-08-26T15:45:00+07:00");
}

TEST_CASE("calendar: a letter on the eve of the Idul Fitri block is due 31 March") {
    // Tue 17 Mar 09:30 is inside hours, so the clock starts at once.  Working
    // days after Tue 17: 18-24 closed, then Wed 25, Thu 26, Fri 27, Mon 30,
    // Tue 31 -> due Tue 31 Mar 15:45.
    CHECK(opening("2026-03-17T09:30") == "2026-03-17T09:30:00+07:00");
    CHECK(due5("2026-03-17T09:30") == "2026-03-31T15:45:00+07:00");
}

TEST_CASE("calendar: a request spanning Nyepi, Idul Fitri and cuti bersama") {
    // Mon 16 Mar 10:00: working days after Mon 16: Tue 17, (18-24 closed),
    // Wed 25, Thu 26, Fri 27, Mon 30 -> due Mon 30 Mar 15:45.
    CHECK(due5("2026-03-16T10:00") == "2026-03-30T15:45:00+07:00");
    // The 2-day target: Tue 17, Wed 25 -> Wed 25 Mar 15:45.
    CHECK(office().due(at("2026-03-16T10:00"), 2).iso() == "2026-03-25T15:45:00+07:00");
    // Working time Tue 17 13:00 -> Wed 25 09:00: Tue 13:00-15:45 = 2.75 h,
    // nothing 18-24, Wed 08:00-09:00 = 1 h -> 3.75 h = 13500 s.
    CHECK(worked("2026-03-17T13:00", "2026-03-25T09:00") == 13500);
}

TEST_CASE("calendar: a letter in the middle of the March block counts from 25 March") {
    // Sat 21 Mar (Idul Fitri and weekend) -> Wed 25 08:00.  Working days after
    // Wed 25: Thu 26, Fri 27, Mon 30, Tue 31, Wed 1 Apr -> due Wed 1 Apr 15:45
    // (Fri 3 Apr, Good Friday, comes after).
    CHECK(opening("2026-03-21T09:00") == "2026-03-25T08:00:00+07:00");
    CHECK(due5("2026-03-21T09:00") == "2026-04-01T15:45:00+07:00");
}

TEST_CASE("calendar: due dates for each weekday of arrival in the week of 23 November 2026") {
    // No holidays between 23 Nov and 8 Dec 2026.  Arrival at 10:00 each day.
    struct Row {
        const char* received;
        const char* due;
        const char* why;
    };
    const Row rows[] = {
        {"2026-11-23T10:00", "2026-11-30T15:45:00+07:00",
         "Mon: Tue 24, Wed 25, Thu 26, Fri 27, Mon 30"},
        {"2026-11-24T10:00", "2026-12-01T15:45:00+07:00",
         "Tue: Wed 25, Thu 26, Fri 27, Mon 30, Tue 1"},
        {"2026-11-25T10:00", "2026-12-02T15:45:00+07:00",
         "Wed: Thu 26, Fri 27, Mon 30, Tue 1, Wed 2"},
        {"2026-11-26T10:00", "2026-12-03T15:45:00+07:00",
         "Thu: Fri 27, Mon 30, Tue 1, Wed 2, Thu 3"},
        {"2026-11-27T10:00", "2026-12-04T11:00:00+07:00",
         "Fri: Mon 30, Tue 1, Wed 2, Thu 3, Fri 4 (closes 11:00)"},
        {"2026-11-28T10:00", "2026-12-07T15:45:00+07:00",
         "Sat: starts Mon 30; Tue 1 ... Fri 4, Mon 7"},
        {"2026-11-29T10:00", "2026-12-07T15:45:00+07:00",
         "Sun: starts Mon 30; Tue 1 ... Fri 4, Mon 7"},
    };
    for (const auto& r : rows) {
        std::string why = r.why;
        CAPTURE(why);
        CHECK(due5(r.received) == r.due);
    }
}

TEST_CASE("calendar: the 2-day target for a Thursday and a Friday letter") {
    // Thu 26 Nov 10:00: Fri 27, Mon 30 -> Mon 30 15:45.
    CHECK(office().due(at("2026-11-26T10:00"), 2).iso() == "2026-11-30T15:45:00+07:00");
    // Wed 25 Nov 10:00: Thu 26, Fri 27 -> Fri 27 11:00.
    CHECK(office().due(at("2026-11-25T10:00"), 2).iso() == "2026-11-27T11:00:00+07:00");
}

TEST_CASE("calendar: due accepts an instant written with another offset") {
    // 2026-11-24T02:30:00Z is Tue 24 Nov 09:30 WIB -> due Tue 1 Dec 15:45 WIB.
    CHECK(due5("2026-11-24T02:30:00Z") == "2026-12-01T15:45:00+07:00");
    // 2026-11-24T09:00:00Z is 16:00 WIB, after closing -> clock starts Wed 25.
    CHECK(opening("2026-11-24T09:00:00Z") == "2026-11-25T08:00:00+07:00");
}

// --- working_seconds ------------------------------------------------------------

TEST_CASE("calendar: working_seconds across the lunch break") {
    // Tue 24 Nov 11:00 -> 14:00: 11:00-12:00 (1 h) + 13:00-14:00 (1 h) = 2 h.
    CHECK(worked("2026-11-24T11:00", "2026-11-24T14:00") == 2 * kHour);
    // Entirely inside the break: 12:10 -> 12:50 = 0.
    CHECK(worked("2026-11-24T12:10", "2026-11-24T12:50") == 0);
    // Evening to next morning: Tue 15:00-15:45 (0.75 h) + Wed 08:00-09:00 (1 h).
    CHECK(worked("2026-11-24T15:00", "2026-11-25T09:00") == 6300);
}

TEST_CASE("calendar: working_seconds across a weekend") {
    // Fri 27 Nov 10:00 -> Mon 30 09:00: Fri 10:00-11:00 (1 h) + Mon 08:00-09:00 (1 h).
    CHECK(worked("2026-11-27T10:00", "2026-11-30T09:00") == 2 * kHour);
    // Saturday to Sunday: nothing.
    CHECK(worked("2026-11-28T08:00", "2026-11-29T17:00") == 0);
}

TEST_CASE("calendar: working_seconds across a holiday") {
    // Fri 14 Aug 09:00 -> Tue 18 Aug 12:00: Fri 09:00-11:00 (2 h), Mon 17 is
    // Independence Day (0), Tue 08:00-12:00 (4 h) -> 6 h.
    CHECK(worked("2026-08-14T09:00", "2026-08-18T12:00") == 6 * kHour);
    // The holiday alone is worth nothing.
    CHECK(worked("2026-08-17T00:00", "2026-08-18T00:00") == 0);
}

TEST_CASE("calendar: working_seconds of a whole normal week is 4 x 6.75 h + 3 h = 30 h") {
    // Mon 23 Nov 00:00 -> Mon 30 Nov 00:00.
    CHECK(worked("2026-11-23T00:00", "2026-11-30T00:00") == 4 * kMonThuDay + kFriday);
    CHECK(worked("2026-11-23T00:00", "2026-11-30T00:00") == 30 * kHour);
}

TEST_CASE("calendar: working_seconds of empty and reversed ranges is zero") {
    // a == b, and b before a, give 0 — also when both are inside hours.
    CHECK(worked("2026-11-24T10:00", "2026-11-24T10:00") == 0);
    CHECK(worked("2026-11-24T11:00", "2026-11-24T10:00") == 0);
    CHECK(worked("2026-11-30T09:00", "2026-11-23T09:00") == 0);
}

// --- working_days -----------------------------------------------------------------

TEST_CASE("calendar: working_days counts a Friday's 3 h as a whole day") {
    // Fri 27 Nov 08:00-11:00 is all of Friday's service time -> 1.0.
    CHECK(office().working_days(at("2026-11-27T08:00"), at("2026-11-27T11:00")) ==
          doctest::Approx(1.0));
    // Fri 09:30-11:00 is 1.5 h of 3 h -> 0.5.
    CHECK(office().working_days(at("2026-11-27T09:30"), at("2026-11-27T11:00")) ==
          doctest::Approx(0.5));
}

TEST_CASE("calendar: working_days fractions of a Monday-Thursday day") {
    // Mon 23 Nov 08:00-12:00: 4 h of 6.75 h.
    CHECK(office().working_days(at("2026-11-23T08:00"), at("2026-11-23T12:00")) ==
          doctest::Approx(4.0 / 6.75));
    // Fri 27 08:00 -> Mon 30 12:00: Friday whole (1) + 4/6.75 of Monday.
    CHECK(office().working_days(at("2026-11-27T08:00"), at("2026-11-30T12:00")) ==
          doctest::Approx(1.0 + 4.0 / 6.75));
    // A normal week Mon 00:00 -> next Mon 00:00 = 5 working days.
    CHECK(office().working_days(at("2026-11-23T00:00"), at("2026-11-30T00:00")) ==
          doctest::Approx(5.0));
}

TEST_CASE("calendar: working_days skips holidays and is zero for empty ranges") {
    // Fri 14 Aug 08:00 -> Wed 19 Aug 00:00: Fri (1) + Mon 17 holiday (0) + Tue 18 (1) = 2.
    CHECK(office().working_days(at("2026-08-14T08:00"), at("2026-08-19T00:00")) ==
          doctest::Approx(2.0));
    CHECK(office().working_days(at("2026-11-24T10:00"), at("2026-11-24T10:00")) == 0.0);
    CHECK(office().working_days(at("2026-11-25T10:00"), at("2026-11-24T10:00")) == 0.0);
}

// --- add_working_seconds ---------------------------------------------------------

TEST_CASE("calendar: add_working_seconds across the lunch break") {
    // Tue 24 Nov 11:30 + 1 h: 30 min to 12:00, break, 30 min from 13:00 -> 13:30.
    CHECK(plus("2026-11-24T11:30", kHour) == "2026-11-24T13:30:00+07:00");
    // Starting inside the break: 12:30 + 15 min -> 13:15.
    CHECK(plus("2026-11-24T12:30", 15 * 60) == "2026-11-24T13:15:00+07:00");
}

TEST_CASE("calendar: add_working_seconds across a weekend") {
    // Fri 27 Nov 10:00 + 2 h: 1 h to 11:00, then Mon 30 08:00 + 1 h -> 09:00.
    CHECK(plus("2026-11-27T10:00", 2 * kHour) == "2026-11-30T09:00:00+07:00");
    // From Saturday: counting starts Mon 30 08:00; + 30 min -> 08:30.
    CHECK(plus("2026-11-28T10:00", 30 * 60) == "2026-11-30T08:30:00+07:00");
}

TEST_CASE("calendar: add_working_seconds across a holiday") {
    // Fri 14 Aug 10:30 + 1 h: 30 min to 11:00, Mon 17 closed, Tue 18 08:00 + 30 min.
    CHECK(plus("2026-08-14T10:30", kHour) == "2026-08-18T08:30:00+07:00");
    // Tue 17 Mar 15:00 + 1 h: 45 min to 15:45, 18-24 closed, Wed 25 08:15.
    CHECK(plus("2026-03-17T15:00", kHour) == "2026-03-25T08:15:00+07:00");
}

TEST_CASE("calendar: add_working_seconds of zero or less returns the start unchanged") {
    CHECK(plus("2026-11-28T10:00", 0) == "2026-11-28T10:00:00+07:00");
    CHECK(plus("2026-11-24T10:00", -kHour) == "2026-11-24T10:00:00+07:00");
}

TEST_CASE("calendar: add_working_seconds of a full week from Monday 08:00 ends Friday 11:00") {
    // 30 h = Mon..Thu 4 x 6.75 h + Fri 3 h.
    CHECK(plus("2026-11-23T08:00", 30 * kHour) == "2026-11-27T11:00:00+07:00");
    // 30 h + 1 min spills over the weekend into Mon 30 08:01.
    CHECK(plus("2026-11-23T08:00", 30 * kHour + 60) == "2026-11-30T08:01:00+07:00");
}

TEST_CASE("calendar: working_seconds undoes add_working_seconds from inside hours") {
    // For a start inside service hours, counting n seconds forward and then
    // measuring the span gives n back.
    for (int64_t n : {int64_t{60}, kHour, 5 * kHour, kMonThuDay, 3 * kMonThuDay + 7}) {
        CAPTURE(n);
        Timestamp t = at("2026-11-26T14:20");
        CHECK(office().working_seconds(t, office().add_working_seconds(t, n)) == n);
    }
}

TEST_CASE("calendar: add_working_seconds over four weeks with the Christmas holidays") {
    // Mon 30 Nov 08:00 + 120 h: three full weeks Nov 30-Dec 18 (3 x 30 h),
    // then Mon 21-Wed 23 Dec (3 x 6.75 h = 20.25 h; 24 and 25 Dec closed):
    // 110.25 h.  9.75 h left: Mon 28 Dec (6.75 h), then 3 h from Tue 29 08:00.
    CHECK(plus("2026-11-30T08:00", 120 * kHour) == "2026-12-29T11:00:00+07:00");
}

TEST_CASE("calendar: add_working_seconds over months and years lands on the first instant") {
    // Long pauses (a request left incomplete for a year) push due times far
    // ahead.  For starts all through 2026 and spans up to a year and a half
    // of working time, the result is where the working time first reaches
    // n: n seconds from the start, and one second earlier n - 1.
    const std::vector<std::string> starts = {"2026-01-01T00:00", "2026-03-17T15:00",
                                             "2026-03-20T10:00", "2026-06-12T11:59",
                                             "2026-11-26T14:20", "2026-12-31T23:59"};
    for (const auto& s : starts)
        for (int64_t n : {int64_t{1}, kHour, 31 * 30 * kHour + 5, 52 * 30 * kHour - 1,
                          80 * 30 * kHour + 1234}) {
            CAPTURE(s);
            CAPTURE(n);
            Timestamp t = at(s);
            Timestamp r = office().add_working_seconds(t, n);
            CHECK(office().working_seconds(t, r) == n);
            CHECK(office().working_seconds(t, Timestamp::at(r.epoch - 1, wib())) == n - 1);
        }
}

// --- the SLA clock on the office calendar --------------------------------------

TEST_CASE("calendar SLA: a pause that starts and ends in different weeks pushes the due time") {
    // Received Mon 16 Nov 09:00 (inside hours: the clock starts at once).
    // Incomplete Thu 19 14:00 -> resumed Tue 24 10:00.
    // Paused working time: Thu 19 14:00-15:45 (1.75 h) + Fri 20 (3 h)
    //   + Mon 23 (6.75 h) + Tue 24 08:00-10:00 (2 h) = 13.5 h = 48600 s.
    // Due without pause: 5 working days after Mon 16 = Mon 23 15:45.  Pushed
    // by 13.5 h: Tue 24 (6.75 h) + Wed 25 (6.75 h) -> Wed 25 15:45.
    // Target without pause: Tue 17, Wed 18 -> Wed 18 15:45; + 13.5 h: Thu 19
    // (6.75) + Fri 20 (3) = 9.75, 3.75 h more from Mon 23 08:00 -> 11:45.
    // Delivered Wed 25 15:00.  Elapsed: Mon 16 09:00-15:45 (5.75 h) + Tue 17,
    // Wed 18, Thu 19 (3 x 6.75) + Fri 20 (3) + Mon 23, Tue 24 (2 x 6.75) +
    // Wed 25 08:00-15:00 less lunch (6 h) = 48.5 h; less 13.5 h paused = 35 h.
    // Remaining: Wed 25 15:00-15:45 = 0.75 h.
    // Working days: 5.75/6.75 + 4 - 3.75/6.75 + 6/6.75 = 4 + 8/6.75 = 5.185 -> 5.19.
    SlaInput in;
    in.received_at = at("2026-11-16T09:00");
    in.pauses.emplace_back(at("2026-11-19T14:00"), at("2026-11-24T10:00"));
    in.stopped_at = at("2026-11-25T15:00");
    in.delivered = true;
    Sla s = compute_sla(in, office(), at("2026-12-31T12:00"));
    CHECK(s.start.iso() == "2026-11-16T09:00:00+07:00");
    CHECK(s.paused_working_hours == doctest::Approx(13.5));
    CHECK(s.due.iso() == "2026-11-25T15:45:00+07:00");
    CHECK(s.target_due.iso() == "2026-11-23T11:45:00+07:00");
    CHECK(s.elapsed_working_hours == doctest::Approx(35.0));
    CHECK(s.remaining_working_hours == doctest::Approx(0.75));
    CHECK(s.elapsed_working_days == doctest::Approx(5.19));
    CHECK_FALSE(s.running);
    CHECK_FALSE(s.paused);
    CHECK_FALSE(s.breached);
    CHECK_FALSE(s.within_target);
    CHECK(s.delivered);
}

TEST_CASE("calendar SLA: a request delivered late is breached") {
    // Received Mon 16 Nov 10:00 -> due Mon 23 15:45 (17, 18, 19, 20, 23).
    // Delivered Tue 24 09:00: 1 h of working time after the due time.
    // Elapsed: Mon 16 10:00-15:45 (4.75 h) + Tue-Thu (3 x 6.75) + Fri 20 (3)
    //   + Mon 23 (6.75) + Tue 24 08:00-09:00 (1) = 35.75 h.
    SlaInput in;
    in.received_at = at("2026-11-16T10:00");
    in.stopped_at = at("2026-11-24T09:00");
    in.delivered = true;
    Sla s = compute_sla(in, office(), at("2026-12-31T12:00"));
    CHECK(s.due.iso() == "2026-11-23T15:45:00+07:00");
    CHECK(s.target_due.iso() == "2026-11-18T15:45:00+07:00");
    CHECK(s.elapsed_working_hours == doctest::Approx(35.75));
    CHECK(s.remaining_working_hours == doctest::Approx(-1.0));
    CHECK(s.paused_working_hours == 0.0);
    CHECK(s.breached);
    CHECK_FALSE(s.within_target);
    CHECK(sla_mark(s, office()) == "late");
}

TEST_CASE("calendar SLA: a request delivered within the 2-day target") {
    // Received Wed 18 Nov 14:00.  Target: Thu 19, Fri 20 -> Fri 20 11:00.
    // Due: Thu 19, Fri 20, Mon 23, Tue 24, Wed 25 -> Wed 25 15:45.
    // Delivered Fri 20 10:00.  Elapsed: Wed 14:00-15:45 (1.75) + Thu (6.75)
    //   + Fri 08:00-10:00 (2) = 10.5 h.  Remaining: Fri 1 h + Mon-Wed 3 x 6.75 = 21.25 h.
    SlaInput in;
    in.received_at = at("2026-11-18T14:00");
    in.stopped_at = at("2026-11-20T10:00");
    in.delivered = true;
    Sla s = compute_sla(in, office(), at("2026-12-31T12:00"));
    CHECK(s.target_due.iso() == "2026-11-20T11:00:00+07:00");
    CHECK(s.due.iso() == "2026-11-25T15:45:00+07:00");
    CHECK(s.elapsed_working_hours == doctest::Approx(10.5));
    CHECK(s.remaining_working_hours == doctest::Approx(21.25));
    CHECK(s.within_target);
    CHECK_FALSE(s.breached);
    CHECK(sla_mark(s, office()) == "");
    // Delivered exactly at the target time still counts as within it.
    in.stopped_at = at("2026-11-20T11:00");
    CHECK(compute_sla(in, office(), at("2026-12-31T12:00")).within_target);
}

TEST_CASE("calendar SLA: a request rejected while incomplete stops the clock and the pause") {
    // Received Mon 16 Nov 10:00; incomplete Tue 17 10:00; rejected Thu 19 10:00
    // without a resume: the pause ends at the rejection (sla_input).
    // Paused: Tue 17 10:00-15:45 (4.75) + Wed 18 (6.75) + Thu 19 08:00-10:00 (2) = 13.5 h.
    // Working time 16 10:00 -> 19 10:00: 4.75 + 6.75 + 6.75 + 2 = 20.25 h;
    // elapsed without the pause: 6.75 h.
    // Due: Mon 23 15:45 + 13.5 h = Tue 24 + Wed 25 -> Wed 25 15:45.
    Request r;
    r.letter.received_at = at("2026-11-16T10:00");
    auto ev = [&](const char* action, const char* when) {
        Event e;
        e.action = action;
        e.at = at(when);
        r.events.push_back(e);
    };
    ev("new", "2026-11-16T10:00");
    ev("dispose", "2026-11-16T11:00");
    ev("assign", "2026-11-16T13:30");
    ev("incomplete", "2026-11-17T10:00");
    ev("reject", "2026-11-19T10:00");
    SlaInput in = sla_input(r);
    REQUIRE(in.pauses.size() == 1);
    REQUIRE(in.pauses[0].second.has_value());
    CHECK(in.pauses[0].second->iso() == "2026-11-19T10:00:00+07:00");
    CHECK_FALSE(in.delivered);
    Sla s = compute_sla(in, office(), at("2026-12-31T12:00"));
    CHECK_FALSE(s.running);
    CHECK_FALSE(s.paused);
    CHECK_FALSE(s.delivered);
    REQUIRE(s.stopped_at.has_value());
    CHECK(s.stopped_at->iso() == "2026-11-19T10:00:00+07:00");
    CHECK(s.paused_working_hours == doctest::Approx(13.5));
    CHECK(s.elapsed_working_hours == doctest::Approx(6.75));
    CHECK(s.due.iso() == "2026-11-25T15:45:00+07:00");
    CHECK_FALSE(s.breached);
    // Target: Wed 18 15:45 + 13.5 h: Thu 19 (6.75) + Fri 20 (3) = 9.75 h,
    // 3.75 h more from Mon 23 08:00 -> 11:45.  Stopped Thu 19, before it,
    // but a rejection delivers nothing, so it is not "within target".
    CHECK(s.target_due.iso() == "2026-11-23T11:45:00+07:00");
    CHECK_FALSE(s.within_target);
    CHECK(sla_mark(s, office()) == "");
}

TEST_CASE("calendar SLA: a letter received on Saturday starts the clock on Monday") {
    // Received Sat 21 Nov 09:00 -> start Mon 23 08:00; due Mon 30 15:45.
    // As of Mon 23 10:00 the clock is running with 2 h elapsed.
    SlaInput in;
    in.received_at = at("2026-11-21T09:00");
    Sla s = compute_sla(in, office(), at("2026-11-23T10:00"));
    CHECK(s.start.iso() == "2026-11-23T08:00:00+07:00");
    CHECK(s.due.iso() == "2026-11-30T15:45:00+07:00");
    CHECK(s.elapsed_working_hours == doctest::Approx(2.0));
    CHECK(s.running);
    // "now" before the clock starts (Sun 22): nothing elapsed; remaining is
    // Mon 23 08:00 -> Mon 30 15:45 = Mon-Thu 4 x 6.75 + Fri 3 + Mon 6.75 = 36.75 h.
    Sla early = compute_sla(in, office(), at("2026-11-22T12:00"));
    CHECK(early.elapsed_working_hours == 0.0);
    CHECK(early.remaining_working_hours == doctest::Approx(36.75));
}

// --- calendar.yaml validation -----------------------------------------------------

TEST_CASE("calendar validation: overlapping intervals name the file and line") {
    const std::string text = "schema: 1\n"                                    // 1
                             "time_zone: Asia/Jakarta\n"                      // 2
                             "hours:\n"                                       // 3
                             "  monday: [\"08:00-12:00\", \"11:00-15:45\"]\n" // 4
                             "  friday: [\"08:00-11:00\"]\n"                  // 5
                             "holidays: []\n";
    Error e = refused(text);
    CHECK(e.code() == Exit::damaged);
    CHECK_CONTAINS(e.what(), "/srv/hosting/calendar.yaml:4");
    CHECK_CONTAINS(e.what(), "overlap");
}

TEST_CASE("calendar validation: an inverted interval 12:00-08:00 is refused") {
    const std::string text = "schema: 1\n"
                             "time_zone: Asia/Jakarta\n"
                             "hours:\n"
                             "  monday: [\"08:00-12:00\"]\n"
                             "  tuesday: [\"12:00-08:00\"]\n" // 5
                             "holidays: []\n";
    Error e = refused(text);
    CHECK(e.code() == Exit::damaged);
    CHECK_CONTAINS(e.what(), "/srv/hosting/calendar.yaml:5");
    CHECK_CONTAINS(e.what(), "12:00-08:00");
}

TEST_CASE("calendar validation: an unknown weekday name is refused") {
    const std::string text = "schema: 1\n"
                             "time_zone: Asia/Jakarta\n"
                             "hours:\n"
                             "  monday: [\"08:00-12:00\"]\n"
                             "  funday: [\"08:00-12:00\"]\n" // 5
                             "holidays: []\n";
    Error e = refused(text);
    CHECK(e.code() == Exit::damaged);
    CHECK_CONTAINS(e.what(), "/srv/hosting/calendar.yaml:5");
    CHECK_CONTAINS(e.what(), "funday");
}

TEST_CASE("calendar validation: a holiday on 2026-02-30 is refused") {
    const std::string text = "schema: 1\n"
                             "time_zone: Asia/Jakarta\n"
                             "hours:\n"
                             "  monday: [\"08:00-12:00\"]\n"
                             "holidays:\n"
                             "  - {date: 2026-01-01, name: \"Tahun Baru\"}\n"
                             "  - {date: 2026-02-30, name: \"Tidak ada\"}\n"; // 7
    Error e = refused(text);
    CHECK(e.code() == Exit::damaged);
    CHECK_CONTAINS(e.what(), "/srv/hosting/calendar.yaml:7");
    CHECK_CONTAINS(e.what(), "2026-02-30");
}

TEST_CASE("calendar validation: an unknown time zone is refused") {
    const std::string text = "schema: 1\n"
                             "time_zone: Asia/Atlantis\n" // 2
                             "hours:\n"
                             "  monday: [\"08:00-12:00\"]\n"
                             "holidays: []\n";
    Error e = refused(text);
    CHECK(e.code() == Exit::damaged);
    CHECK_CONTAINS(e.what(), "/srv/hosting/calendar.yaml:2");
    CHECK_CONTAINS(e.what(), "Asia/Atlantis");
}

TEST_CASE("calendar validation: a holiday date listed twice is refused") {
    const std::string text = "schema: 1\n"
                             "time_zone: Asia/Jakarta\n"
                             "hours:\n"
                             "  monday: [\"08:00-12:00\"]\n"
                             "holidays:\n"
                             "  - {date: 2026-08-17, name: \"Hari Kemerdekaan\"}\n"
                             "  - {date: 2026-08-25, name: \"Maulid Nabi\"}\n"
                             "  - {date: 2026-08-17, name: \"HUT RI\"}\n"; // 8
    Error e = refused(text);
    CHECK(e.code() == Exit::damaged);
    CHECK_CONTAINS(e.what(), "/srv/hosting/calendar.yaml:8");
    CHECK_CONTAINS(e.what(), "2026-08-17");
}

TEST_CASE("calendar validation: the same weekday in English and Indonesian is refused") {
    const std::string text = "schema: 1\n"
                             "time_zone: Asia/Jakarta\n"
                             "hours:\n"
                             "  monday: [\"08:00-12:00\"]\n"
                             "  senin: [\"13:00-15:00\"]\n" // 5
                             "holidays: []\n";
    Error e = refused(text);
    CHECK(e.code() == Exit::damaged);
    CHECK_CONTAINS(e.what(), "/srv/hosting/calendar.yaml:5");
}

TEST_CASE("calendar validation: a calendar without any service hours is refused") {
    const std::string text = "schema: 1\n"
                             "time_zone: Asia/Jakarta\n"
                             "hours: {}\n"
                             "holidays: []\n";
    Error e = refused(text);
    CHECK(e.code() == Exit::damaged);
    CHECK_CONTAINS(e.what(), "/srv/hosting/calendar.yaml");
}

TEST_CASE("calendar: Indonesian weekday names are accepted") {
    // senin = Monday, jumat = Friday; rabu = Wednesday.
    const std::string text = "schema: 1\n"
                             "time_zone: Asia/Jakarta\n"
                             "hours:\n"
                             "  senin: [\"13:00-15:45\", \"08:00-12:00\"]\n"
                             "  rabu: [\"08:00-12:00\"]\n"
                             "  jumat: [\"07:30-11:00\"]\n"
                             "sla: {working_days: 3, target_days: 1}\n"
                             "holidays: []\n";
    Calendar c = parse_calendar("calendar.yaml", text);
    REQUIRE(c.hours()[0].size() == 2);
    // Intervals come back sorted by start.
    CHECK(c.hours()[0][0].start == 8 * 3600);
    CHECK(c.hours()[0][1].start == 13 * 3600);
    CHECK(c.hours()[1].empty());
    REQUIRE(c.hours()[2].size() == 1);
    REQUIRE(c.hours()[4].size() == 1);
    CHECK(c.hours()[4][0].start == 7 * 3600 + 30 * 60);
    CHECK(c.sla_days() == 3);
    CHECK(c.target_days() == 1);
    // Tue 24 Nov has no hours in this calendar: a letter then waits for
    // Wed 25 08:00; 3 working days after Wed 25 are Fri 27, Mon 30, Wed 2 Dec
    // -> Wednesday's close 12:00.
    CHECK(c.next_opening(at("2026-11-24T09:00")).iso() == "2026-11-25T08:00:00+07:00");
    CHECK(c.due(at("2026-11-24T09:00"), 3).iso() == "2026-12-02T12:00:00+07:00");
}

TEST_CASE("calendar: encode_calendar reads back as the same calendar") {
    Calendar c = parse_calendar("calendar.yaml", encode_calendar(office()));
    CHECK(c.holidays() == office().holidays());
    CHECK(c.sla_days() == 5);
    CHECK(c.target_days() == 2);
    CHECK(c.tz().name() == "Asia/Jakarta");
    CHECK(c.due(at("2026-03-17T09:30"), 5).iso() == "2026-03-31T15:45:00+07:00");
    CHECK(c.confirmed_years() == std::set<int>{2026});
    // A confirmed year without a listed holiday stays confirmed.
    Calendar m = parse_calendar("calendar.yaml", encode_calendar(office()));
    CHECK(m.confirm_year(2031));
    CHECK_FALSE(m.confirm_year(2031));
    CHECK(parse_calendar("calendar.yaml", encode_calendar(m)).confirmed_years() ==
          std::set<int>{2026, 2031});
}

// --- confirmed and provisional years -------------------------------------------------

namespace {
const std::string kSmall = "schema: 1\n"
                           "time_zone: Asia/Jakarta\n"
                           "hours:\n"
                           "  monday: [\"08:00-12:00\"]\n";
} // namespace

TEST_CASE("calendar: the shipped calendar confirms 2026 and no other year") {
    const Calendar& c = office();
    CHECK(c.confirmed_years() == std::set<int>{2026});
    CHECK(c.is_confirmed(2026));
    CHECK_FALSE(c.is_confirmed(2027));
    // From the 23 December letter to its due date on 4 January 2027.
    CHECK(c.provisional_years_in(day("2026-12-23"), day("2027-01-04")) == std::vector<int>{2027});
    CHECK(c.provisional_years_in(day("2026-01-01"), day("2026-12-31")).empty());
    CHECK(c.provisional_years_in(day("2025-12-01"), day("2028-01-03")) ==
          std::vector<int>{2025, 2027, 2028});
    CHECK(Calendar::standard().provisional_years_in(day("2026-05-01"), day("2026-05-01")) ==
          std::vector<int>{2026});
}

TEST_CASE("calendar: provisional_years_in of two instants goes by their office dates") {
    const Calendar& c = office();
    CHECK(c.provisional_years_in(at("2026-01-01T00:00"), at("2026-12-31T23:59:59")).empty());
    CHECK(c.provisional_years_in(at("2026-12-31T23:59"), at("2027-01-01T00:00")) ==
          std::vector<int>{2027});
    // 17:30 UTC on 31 December is 00:30 on New Year's Day in Jakarta.
    CHECK(c.provisional_years_in(at("2026-06-01T10:00"), at("2026-12-31T17:30:00Z")) ==
          std::vector<int>{2027});
    CHECK(c.provisional_years_in(at("2025-12-31T17:00:00Z"), at("2026-03-01T10:00")).empty());
    CHECK(c.provisional_years_in(at("2025-12-31T16:59:59Z"), at("2026-03-01T10:00")) ==
          std::vector<int>{2025});
    // Confirmed years with a gap: 2026 and 2028.
    Calendar gap = parse_calendar("calendar.yaml", encode_calendar(office()));
    gap.confirm_year(2028);
    CHECK(gap.provisional_years_in(at("2026-06-01T10:00"), at("2028-06-01T10:00")) ==
          std::vector<int>{2027});
    CHECK(gap.provisional_years_in(at("2028-01-01T00:00"), at("2028-12-31T10:00")).empty());
    gap.confirm_year(2027);
    CHECK(gap.provisional_years_in(at("2026-06-01T10:00"), at("2028-06-01T10:00")).empty());
    CHECK(gap.provisional_years_in(at("2026-06-01T10:00"), at("2029-01-01T00:00")) ==
          std::vector<int>{2029});
}

TEST_CASE("calendar: provisional_text names the years in one sentence") {
    CHECK(provisional_text({2027}) == "the calendar year 2027 is provisional: only the fixed and "
                                      "Easter-based holidays are known");
    CHECK_CONTAINS(provisional_text({2027, 2028}),
                   "the calendar years 2027 and 2028 are provisional");
    CHECK_CONTAINS(provisional_text({2025, 2027, 2028}), "years 2025, 2027 and 2028 are");
}

TEST_CASE("calendar: a calendar.yaml without confirmed_years confirms the years it lists") {
    // Files written before the key existed list only years whose official
    // list the office had.
    std::string old = std::string(embedded::get("store/calendar.yaml"));
    auto at_key = old.find("\nconfirmed_years:");
    REQUIRE(at_key != std::string::npos);
    old.erase(at_key + 1, old.find('\n', at_key + 1) - at_key);
    REQUIRE(old.find("confirmed_years") == old.rfind("confirmed_years")); // only the comment
    Calendar c = parse_calendar("calendar.yaml", old);
    CHECK(c.confirmed_years() == std::set<int>{2026});
    CHECK(c.holidays().size() == 25);
    Calendar two =
        parse_calendar("calendar.yaml", kSmall + "holidays:\n"
                                                 "  - {date: 2026-08-17, name: \"HUT RI\"}\n"
                                                 "  - {date: 2027-08-17, name: \"HUT RI\"}\n");
    CHECK(two.confirmed_years() == std::set<int>{2026, 2027});
    CHECK(parse_calendar("calendar.yaml", kSmall).confirmed_years().empty());
}

TEST_CASE("calendar: confirmed_years is what counts once it is given") {
    // A 2027 holiday entered ahead does not confirm 2027.
    Calendar c =
        parse_calendar("calendar.yaml", kSmall + "confirmed_years: [2026]\n"
                                                 "holidays:\n"
                                                 "  - {date: 2027-02-06, name: \"Imlek\"}\n");
    CHECK(c.confirmed_years() == std::set<int>{2026});
    CHECK(parse_calendar("calendar.yaml", kSmall + "confirmed_years: []\n"
                                                   "holidays:\n"
                                                   "  - {date: 2026-02-17, name: \"Imlek\"}\n")
              .confirmed_years()
              .empty());
    CHECK(parse_calendar("calendar.yaml", kSmall + "confirmed_years:\n  - 2027\n  - 2026\n")
              .confirmed_years() == std::set<int>{2026, 2027});
}

TEST_CASE("calendar validation: confirmed_years must hold each year once") {
    Error e = refused(kSmall + "confirmed_years: [2026, 26]\n"); // line 5
    CHECK(e.code() == Exit::damaged);
    CHECK_CONTAINS(e.what(), "/srv/hosting/calendar.yaml:5");
    CHECK_CONTAINS(e.what(), "'26' in confirmed_years is not a year");
    e = refused(kSmall + "confirmed_years: [next]\n");
    CHECK_CONTAINS(e.what(), "'next' in confirmed_years");
    e = refused(kSmall + "confirmed_years: [2026, 2027, 2026]\n");
    CHECK_CONTAINS(e.what(), "2026 is listed twice in confirmed_years");
    e = refused(kSmall + "confirmed_years: 2026\n");
    CHECK_CONTAINS(e.what(), "'confirmed_years' must be a list");
}

// --- iCalendar import ---------------------------------------------------------------

TEST_CASE(
    "calendar: parse_ics takes all-day events, expands a 2-day event and ignores timed ones") {
    // CRLF line ends as RFC 5545 writes them.  The second event runs
    // 10-11 March 2027 (DTEND 12 March is exclusive); its SUMMARY is folded
    // twice (once inside a word, once keeping a space) and has an escaped comma.
    const std::string ics = "BEGIN:VCALENDAR\r\n"
                            "VERSION:2.0\r\n"
                            "PRODID:-//Pemkot//Libur//ID\r\n"
                            "BEGIN:VEVENT\r\n"
                            "UID:1@example\r\n"
                            "DTSTART;VALUE=DATE:20270101\r\n"
                            "DTEND;VALUE=DATE:20270102\r\n"
                            "SUMMARY:Tahun Baru 2027 Masehi\r\n"
                            "END:VEVENT\r\n"
                            "BEGIN:VEVENT\r\n"
                            "UID:2@example\r\n"
                            "DTSTART;VALUE=DATE:20270310\r\n"
                            "DTEND;VALUE=DATE:20270312\r\n"
                            "SUMMARY:Idul Fi\r\n"
                            " tri 1448 H\\, hari pertama dan\r\n"
                            "  kedua\r\n"
                            "END:VEVENT\r\n"
                            "BEGIN:VEVENT\r\n"
                            "UID:3@example\r\n"
                            "DTSTART:20270105T090000Z\r\n"
                            "DTEND:20270105T100000Z\r\n"
                            "SUMMARY:Rapat koordinasi\r\n"
                            "END:VEVENT\r\n"
                            "END:VCALENDAR\r\n";
    auto hs = parse_ics(ics, "libur.ics");
    REQUIRE(hs.size() == 3);
    CHECK(hs[0].date.iso() == "2027-01-01");
    CHECK(hs[0].name == "Tahun Baru 2027 Masehi");
    CHECK(hs[1].date.iso() == "2027-03-10");
    CHECK(hs[1].name == "Idul Fitri 1448 H, hari pertama dan kedua");
    CHECK(hs[2].date.iso() == "2027-03-11");
    CHECK(hs[2].name == "Idul Fitri 1448 H, hari pertama dan kedua");
}

TEST_CASE("calendar: imported holidays move the due date and keep existing names") {
    // Add Mon 30 Nov and Tue 1 Dec 2026 as local holidays.  A Thu 26 Nov
    // letter was due Thu 3 Dec (Fri 27, Mon 30, Tue 1, Wed 2, Thu 3); now the
    // working days are Fri 27, Wed 2, Thu 3, Fri 4, Mon 7 -> Mon 7 Dec 15:45.
    const std::string ics = "BEGIN:VCALENDAR\n"
                            "BEGIN:VEVENT\n"
                            "DTSTART;VALUE=DATE:20261130\n"
                            "DTEND;VALUE=DATE:20261202\n"
                            "SUMMARY:Libur daerah\n"
                            "END:VEVENT\n"
                            "BEGIN:VEVENT\n"
                            "DTSTART;VALUE=DATE:20261225\n"
                            "SUMMARY:Natal\n"
                            "END:VEVENT\n"
                            "END:VCALENDAR\n";
    Calendar c = parse_calendar("calendar.yaml", std::string(embedded::get("store/calendar.yaml")));
    CHECK(c.due(at("2026-11-26T10:00"), 5).iso() == "2026-12-03T15:45:00+07:00");
    // 30 Nov and 1 Dec are new; 25 Dec is already there and keeps its name.
    CHECK(c.add_holidays(parse_ics(ics, "daerah.ics")) == 2);
    CHECK(c.holiday_name(day("2026-12-25")) == "Hari Raya Natal");
    CHECK(c.holiday_name(day("2026-11-30")) == "Libur daerah");
    CHECK(c.due(at("2026-11-26T10:00"), 5).iso() == "2026-12-07T15:45:00+07:00");
}

TEST_CASE("calendar: parse_ics refuses an all-day event with a broken date") {
    const std::string ics = "BEGIN:VCALENDAR\n"
                            "BEGIN:VEVENT\n"
                            "DTSTART;VALUE=DATE:20270230\n"
                            "SUMMARY:Tidak ada\n"
                            "END:VEVENT\n"
                            "END:VCALENDAR\n";
    Error e = error_from([&] { parse_ics(ics, "rusak.ics"); });
    CHECK(e.code() == Exit::invalid);
    CHECK_CONTAINS(e.what(), "rusak.ics");
}

TEST_CASE("calendar: parse_ics takes an event of up to 31 days and refuses a longer one") {
    auto event = [](const char* start, const char* end) {
        return std::string("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:") + start +
               "\nDTEND;VALUE=DATE:" + end + "\nSUMMARY:Libur panjang\nEND:VEVENT\nEND:VCALENDAR\n";
    };
    // DTEND is exclusive: 1 Jan to 1 Feb is the 31 days of January.
    auto hs = parse_ics(event("20270101", "20270201"), "panjang.ics");
    REQUIRE(hs.size() == 31);
    CHECK(hs.front().date == day("2027-01-01"));
    CHECK(hs.back().date == day("2027-01-31"));
    Error e = error_from([&] { parse_ics(event("20270101", "20270202"), "panjang.ics"); });
    CHECK(e.code() == Exit::invalid);
    CHECK_CONTAINS(e.what(), "more than a month");
}

TEST_CASE("calendar: parse_ics errors name the physical line even after folded lines") {
    // Line 3-4 is one folded SUMMARY; the broken DTSTART is on line 5 of the
    // file as an editor shows it.
    const std::string ics = "BEGIN:VCALENDAR\n"            // 1
                            "BEGIN:VEVENT\n"               // 2
                            "SUMMARY:Hari yang\n"          // 3
                            "  panjang\n"                  // 4
                            "DTSTART;VALUE=DATE:2027023\n" // 5
                            "END:VEVENT\n"                 // 6
                            "END:VCALENDAR\n";
    Error e = error_from([&] { parse_ics(ics, "rusak.ics"); });
    CHECK(e.code() == Exit::invalid);
    CHECK_CONTAINS(e.what(), "rusak.ics:5:");
}

TEST_CASE("calendar: parse_ics reads a one-day event without DTEND and an empty SUMMARY") {
    // DTSTART:20270817 (8 characters, no VALUE=DATE) is an all-day date; with
    // no DTEND it is that one day.  No SUMMARY gives the name "Libur".
    const std::string ics = "BEGIN:VCALENDAR\n"
                            "BEGIN:VEVENT\n"
                            "DTSTART:20270817\n"
                            "END:VEVENT\n"
                            "END:VCALENDAR\n";
    auto hs = parse_ics(ics, "satu.ics");
    REQUIRE(hs.size() == 1);
    CHECK(hs[0].date.iso() == "2027-08-17");
    CHECK(hs[0].name == "Libur");
}
