#pragma once
// Instants with the UTC offset they were recorded in, calendar dates, and
// named time zones.  ISO 8601 in and out.  Knows nothing about hosting.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace hostingctl {

// A calendar date (proleptic Gregorian).
struct Date {
    int year = 1970;
    unsigned month = 1;
    unsigned day = 1;

    std::chrono::sys_days days() const;
    static Date from_days(std::chrono::sys_days d);
    // 0 = Monday ... 6 = Sunday.
    unsigned weekday_iso0() const;
    Date plus_days(int n) const { return from_days(days() + std::chrono::days(n)); }
    std::string iso() const; // YYYY-MM-DD
    auto operator<=>(const Date&) const = default;
};

// Parses YYYY-MM-DD strictly (a real calendar date); nullopt otherwise.
// For dates read from the store's files.
std::optional<Date> parse_iso_date(std::string_view s);

// Parses a date as people type it: YYYY-MM-DD, or in Indonesian order,
// day-month-year with '-', '/' or '.' ("20-11-2026", "20/11/2026",
// "5/1/2026"), as spreadsheets with Indonesian settings write it.
// nullopt for anything else or an impossible date (31/02/2026).
std::optional<Date> parse_date(std::string_view s);
// The hint of a date parse_date refused: the forms it takes, translated.
const char* date_hint();

// A named IANA time zone such as Asia/Jakarta, read from the system zoneinfo.
class TimeZone {
  public:
    // Throws Error(invalid) when the zone is unknown on this machine.
    explicit TimeZone(std::string name);
    const std::string& name() const { return name_; }
    // UTC offset in seconds at the given instant.
    int offset_at(int64_t epoch) const;
    // The instant of a local wall-clock time in this zone.
    int64_t to_epoch(const Date& date, int seconds_of_day) const;

  private:
    std::string name_;
    // offset_at is called for every service interval of every day the SLA
    // arithmetic touches; the C library re-derives the zone rule each time,
    // so offsets are remembered per UTC day.
    mutable std::unordered_map<int64_t, int> offsets_;
};

// An instant plus the UTC offset it is shown in.
struct Timestamp {
    int64_t epoch = 0;      // seconds since 1970-01-01T00:00:00Z
    int offset_seconds = 0; // e.g. 25200 for +07:00

    // 2026-11-23T09:15:00+07:00
    std::string iso() const;
    Date local_date() const;
    int local_seconds_of_day() const;
    auto operator<=>(const Timestamp& o) const { return epoch <=> o.epoch; }
    bool operator==(const Timestamp& o) const { return epoch == o.epoch; }

    static Timestamp now(const TimeZone& tz);
    static Timestamp at(int64_t epoch, const TimeZone& tz) { return {epoch, tz.offset_at(epoch)}; }
};

// Parses an ISO 8601 date-time.  With an offset (Z or ±HH:MM) it is kept;
// without one ("2026-11-23T09:15" or "2026-11-23 09:15") the time is local
// to `tz`.  A bare date means 00:00 local.  nullopt on anything else.  For
// times read from the store's files.
std::optional<Timestamp> parse_iso_timestamp(std::string_view s, const TimeZone& tz);

// Parses a date-time as people type it: ISO 8601 as parse_iso_timestamp
// reads it, or the date in Indonesian order (see parse_date) followed by a
// space and the time, with ':' or '.' ("20/11/2026 14:30", "20-11-2026
// 14.30").
std::optional<Timestamp> parse_timestamp(std::string_view s, const TimeZone& tz);

} // namespace hostingctl
