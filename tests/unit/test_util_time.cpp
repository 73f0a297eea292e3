// Dates, instants and time zones.  Office time is WIB (Asia/Jakarta, UTC+7,
// no daylight saving); every stored time carries its offset.
#include "support.hpp"
#include "util/time.hpp"

#include <chrono>
#include <string>

using namespace hostingctl;
using unit::error_from;

namespace {

constexpr int kWib = 7 * 3600;

// Seconds since the epoch of a UTC wall-clock time, by the civil calendar.
int64_t utc(int y, unsigned mo, unsigned d, int h = 0, int mi = 0, int s = 0) {
    using namespace std::chrono;
    sys_seconds t = sys_days(year(y) / month(mo) / day(d)) + hours(h) + minutes(mi) + seconds(s);
    return t.time_since_epoch().count();
}

const TimeZone& jakarta() {
    static const TimeZone tz("Asia/Jakarta");
    return tz;
}

} // namespace

TEST_CASE("parse_timestamp: explicit offsets are kept") {
    struct Row {
        const char* input;
        int64_t epoch;
        int offset;
    };
    const Row rows[] = {
        // 09:15 at +07:00 is 02:15 UTC.
        {"2026-11-23T09:15:00+07:00", utc(2026, 11, 23, 2, 15), kWib},
        {"2026-11-23T09:15+07:00", utc(2026, 11, 23, 2, 15), kWib},
        {"2026-11-23T09:15:00+0700", utc(2026, 11, 23, 2, 15), kWib},
        {"2026-11-23T09:15:00+07", utc(2026, 11, 23, 2, 15), kWib},
        {"2026-11-23 09:15:00+07:00", utc(2026, 11, 23, 2, 15), kWib},
        {"2026-11-23T02:15:00Z", utc(2026, 11, 23, 2, 15), 0},
        {"2026-11-23t02:15:00z", utc(2026, 11, 23, 2, 15), 0},
        {"2026-11-23T02:15:00+00:00", utc(2026, 11, 23, 2, 15), 0},
        // West of Greenwich: 09:15 at -05:30 is 14:45 UTC.
        {"2026-11-23T09:15:00-05:30", utc(2026, 11, 23, 14, 45), -(5 * 3600 + 30 * 60)},
        // WITA and WIT, the other Indonesian zones.
        {"2026-11-23T10:15:00+08:00", utc(2026, 11, 23, 2, 15), 8 * 3600},
        {"2026-11-23T11:15:00+09:00", utc(2026, 11, 23, 2, 15), 9 * 3600},
        // Just after local midnight is the previous day in UTC.
        {"2026-11-23T00:30:00+07:00", utc(2026, 11, 22, 17, 30), kWib},
        // Fractions of a second are dropped.
        {"2026-11-23T09:15:07.999+07:00", utc(2026, 11, 23, 2, 15, 7), kWib},
        {"2026-11-23T09:15:07,5Z", utc(2026, 11, 23, 9, 15, 7), 0},
    };
    for (const Row& r : rows) {
        INFO("input '" << r.input << "'");
        auto t = parse_timestamp(r.input, jakarta());
        REQUIRE(t);
        CHECK(t->epoch == r.epoch);
        CHECK(t->offset_seconds == r.offset);
    }
}

TEST_CASE("parse_timestamp: without an offset the time is office time") {
    struct Row {
        const char* input;
        int64_t epoch;
    };
    const Row rows[] = {
        {"2026-11-23T09:15", utc(2026, 11, 23, 2, 15)},
        {"2026-11-23T09:15:30", utc(2026, 11, 23, 2, 15, 30)},
        {"2026-11-23 09:15", utc(2026, 11, 23, 2, 15)},
        {"2026-11-23T06:59", utc(2026, 11, 22, 23, 59)},
        // A bare date is the start of that day in the office.
        {"2026-11-23", utc(2026, 11, 22, 17, 0)},
        {"2028-02-29", utc(2028, 2, 28, 17, 0)},
    };
    for (const Row& r : rows) {
        INFO("input '" << r.input << "'");
        auto t = parse_timestamp(r.input, jakarta());
        REQUIRE(t);
        CHECK(t->epoch == r.epoch);
        CHECK(t->offset_seconds == kWib);
    }

    SUBCASE("in UTC the same text is seven hours later") {
        auto t = parse_timestamp("2026-11-23T09:15", TimeZone("UTC"));
        REQUIRE(t);
        CHECK(t->epoch == utc(2026, 11, 23, 9, 15));
        CHECK(t->offset_seconds == 0);
    }
}

TEST_CASE("parse_timestamp: anything that is not a real date and time is refused") {
    const std::vector<std::string> bad = {
        "",
        "garbage",
        "now",
        "yesterday",
        "2026-02-30", // no 30 February
        "2026-02-29", // 2026 is not a leap year
        "2100-02-29", // nor is 2100
        "2026-13-01",
        "2026-00-10",
        "2026-11-00",
        "2026-11-31",
        "26-11-23",
        "2026-1-5",
        "2026/11/23",
        "23-11-26", // day-month-year needs the four digits of the year
        "1899-12-31",
        "2026-11-23T",
        "2026-11-23T25:00",
        "2026-11-23T24:00",
        "2026-11-23T09:60",
        "2026-11-23T9:15",
        "2026-11-23T09",
        "2026-11-23T09:15:",
        "2026-11-23T09:15:00.",
        "2026-11-23X09:15",
        "2026-11-23T09:15:00+7",
        "2026-11-23T09:15:00+15:00", // no zone is that far east
        "2026-11-23T09:15:00+07:60",
        "2026-11-23T09:15:00+07:00:00",
        "2026-11-23T09:15:00Zjunk",
        "2026-11-23T09:15:00 +07:00",
        "2026-11-23T09:15:00+07:00 ",
        "2026-11-23T09:15:00WIB",
        std::string("2026-11-23\0T09:15", 16),
    };
    for (const auto& s : bad) {
        INFO("input '" << s << "'");
        CHECK_FALSE(parse_timestamp(s, jakarta()));
    }
}

TEST_CASE("Timestamp::iso writes the local time and its offset") {
    CHECK(Timestamp{utc(2026, 11, 23, 2, 15), kWib}.iso() == "2026-11-23T09:15:00+07:00");
    CHECK(Timestamp{utc(2026, 11, 23, 2, 15), 0}.iso() == "2026-11-23T02:15:00+00:00");
    CHECK(Timestamp{utc(2026, 11, 23, 14, 45), -(5 * 3600 + 30 * 60)}.iso() ==
          "2026-11-23T09:15:00-05:30");
    CHECK(Timestamp{utc(2026, 12, 31, 17, 0), kWib}.iso() == "2027-01-01T00:00:00+07:00");
    CHECK(Timestamp{0, 0}.iso() == "1970-01-01T00:00:00+00:00");
    CHECK(Timestamp{-1, 0}.iso() == "1969-12-31T23:59:59+00:00");

    SUBCASE("what is written reads back as the same instant and offset") {
        for (const auto& t :
             {Timestamp{utc(2026, 11, 23, 2, 15, 9), kWib}, Timestamp{utc(2026, 1, 1), 0},
              Timestamp{utc(2026, 6, 30, 23, 59, 59), -(3 * 3600 + 30 * 60)}}) {
            auto back = parse_timestamp(t.iso(), TimeZone("UTC"));
            REQUIRE(back);
            CHECK(back->epoch == t.epoch);
            CHECK(back->offset_seconds == t.offset_seconds);
        }
    }
}

TEST_CASE("the local date and time of day of an instant") {
    Timestamp midnight{utc(2026, 11, 22, 17, 0), kWib};
    CHECK(midnight.local_date() == Date{2026, 11, 23});
    CHECK(midnight.local_seconds_of_day() == 0);

    Timestamp before{utc(2026, 11, 22, 16, 59, 59), kWib};
    CHECK(before.local_date() == Date{2026, 11, 22});
    CHECK(before.local_seconds_of_day() == 86399);

    Timestamp morning{utc(2026, 11, 23, 2, 15), kWib};
    CHECK(morning.local_seconds_of_day() == 9 * 3600 + 15 * 60);

    Timestamp before_epoch{-1, 0};
    CHECK(before_epoch.local_date() == Date{1969, 12, 31});
    CHECK(before_epoch.local_seconds_of_day() == 86399);
}

TEST_CASE("Timestamp ordering and equality compare instants, not how they are shown") {
    Timestamp wib{utc(2026, 11, 23, 2, 15), kWib};
    Timestamp z{utc(2026, 11, 23, 2, 15), 0};
    CHECK(wib == z);
    CHECK(Timestamp{utc(2026, 11, 23, 2, 14), 0} < wib);
    CHECK(Timestamp{utc(2026, 11, 23, 2, 16), -3600} > wib);
}

TEST_CASE("Date: weekdays, ISO text and arithmetic") {
    // 0 = Monday ... 6 = Sunday.
    CHECK(Date{2026, 11, 23}.weekday_iso0() == 0); // Monday
    CHECK(Date{2026, 11, 27}.weekday_iso0() == 4); // Friday
    CHECK(Date{2026, 11, 28}.weekday_iso0() == 5); // Saturday
    CHECK(Date{2026, 11, 29}.weekday_iso0() == 6); // Sunday
    CHECK(Date{1970, 1, 1}.weekday_iso0() == 3);   // Thursday
    CHECK(Date{2000, 2, 29}.weekday_iso0() == 1);  // Tuesday

    CHECK(Date{2026, 1, 5}.iso() == "2026-01-05");
    CHECK(Date{2026, 12, 31}.plus_days(1) == Date{2027, 1, 1});
    CHECK(Date{2028, 2, 28}.plus_days(1) == Date{2028, 2, 29});
    CHECK(Date{2026, 2, 28}.plus_days(1) == Date{2026, 3, 1});
    CHECK(Date{2026, 3, 1}.plus_days(-1) == Date{2026, 2, 28});
    CHECK(Date{2026, 11, 23}.plus_days(7).weekday_iso0() == 0);
    CHECK(Date{2026, 11, 23} < Date{2026, 11, 24});
    CHECK(Date{2026, 11, 30} < Date{2026, 12, 1});
    CHECK(Date::from_days(Date{2026, 11, 23}.days()) == Date{2026, 11, 23});
}

TEST_CASE("parse_date is strict") {
    auto d = parse_date("2026-11-23");
    REQUIRE(d);
    CHECK(*d == Date{2026, 11, 23});
    CHECK(parse_date("2028-02-29"));
    for (const char* s : {"2026-02-29", "2026-11-23T00:00", "2026-11-3", " 2026-11-23", "20261123",
                          "2026-11-23 ", "abcd-ef-gh", ""}) {
        INFO("date '" << s << "'");
        CHECK_FALSE(parse_date(s));
    }
}

TEST_CASE("time zones") {
    SUBCASE("WIB is seven hours ahead all year") {
        CHECK(jakarta().offset_at(utc(2026, 1, 15)) == kWib);
        CHECK(jakarta().offset_at(utc(2026, 7, 15)) == kWib);
        CHECK(jakarta().to_epoch(Date{2026, 11, 23}, 9 * 3600 + 15 * 60) ==
              utc(2026, 11, 23, 2, 15));
        CHECK(Timestamp::at(utc(2026, 11, 23, 2, 15), jakarta()).iso() ==
              "2026-11-23T09:15:00+07:00");
    }
    SUBCASE("a zone with daylight saving changes offset at the second it should") {
        // Berlin: CET (+01:00) until Sun 29 Mar 2026 01:00 UTC, CEST (+02:00)
        // after; back on Sun 25 Oct 01:00 UTC.  Offsets are remembered per
        // day, so ask the whole day around each change, in both orders.
        TimeZone berlin("Europe/Berlin");
        for (int pass = 0; pass < 2; ++pass) {
            CAPTURE(pass);
            CHECK(berlin.offset_at(utc(2026, 3, 29, 0, 0)) == 3600);
            CHECK(berlin.offset_at(utc(2026, 3, 29, 0, 59, 59)) == 3600);
            CHECK(berlin.offset_at(utc(2026, 3, 29, 1, 0)) == 7200);
            CHECK(berlin.offset_at(utc(2026, 3, 29, 23, 59)) == 7200);
            CHECK(berlin.offset_at(utc(2026, 3, 28, 12, 0)) == 3600);
            CHECK(berlin.offset_at(utc(2026, 3, 30, 12, 0)) == 7200);
            CHECK(berlin.offset_at(utc(2026, 10, 25, 0, 59, 59)) == 7200);
            CHECK(berlin.offset_at(utc(2026, 10, 25, 1, 0)) == 3600);
            CHECK(berlin.offset_at(utc(2026, 7, 1, 12, 0)) == 7200);
            CHECK(berlin.to_epoch(Date{2026, 7, 1}, 14 * 3600) == utc(2026, 7, 1, 12, 0));
            CHECK(berlin.to_epoch(Date{2026, 1, 5}, 9 * 3600) == utc(2026, 1, 5, 8, 0));
        }
    }
    SUBCASE("unknown or unsafe names are refused") {
        for (const char* name : {"Mars/Olympus", "", "../../etc/passwd", "/etc/localtime",
                                 "Asia/Jakarta;rm", "Asia/../Asia/Jakarta"}) {
            INFO("zone '" << name << "'");
            CHECK(error_from([&] { TimeZone tz(name); }).code() == Exit::invalid);
        }
    }
    SUBCASE("now is shown in the zone asked for") {
        CHECK(Timestamp::now(jakarta()).offset_seconds == kWib);
    }
}

TEST_CASE("dates typed in Indonesian order read as the same day, and output stays ISO") {
    for (const char* s : {"20-11-2026", "20/11/2026", "20.11.2026", "2026-11-20"}) {
        INFO(s);
        auto d = parse_date(s);
        REQUIRE(d);
        CHECK(d->iso() == "2026-11-20");
    }
    CHECK(parse_date("5/1/2026")->iso() == "2026-01-05");
    CHECK_FALSE(parse_date("31/02/2026")); // no such day
    CHECK_FALSE(parse_date("11/20/2026")); // month 20: not the American order either
    CHECK_FALSE(parse_date("20/11-2026")); // mixed separators
    CHECK_FALSE(parse_date("20/11/26"));   // two-digit years are ambiguous
    CHECK_FALSE(parse_iso_date("20-11-2026"));
    TimeZone tz("Asia/Jakarta");
    for (const char* s : {"20/11/2026 14:30", "20-11-2026 14.30", "2026-11-20T14:30"}) {
        INFO(s);
        auto t = parse_timestamp(s, tz);
        REQUIRE(t);
        CHECK(t->iso() == "2026-11-20T14:30:00+07:00");
    }
    CHECK(parse_timestamp("20/11/2026", tz)->iso() == "2026-11-20T00:00:00+07:00");
    CHECK_FALSE(parse_timestamp("20/11/2026 25.00", tz));
    CHECK_FALSE(parse_iso_timestamp("20/11/2026 14:30", tz));
}
