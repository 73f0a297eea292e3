#pragma once
// Service hours and holidays (PRODUCT §5): which moments count as working
// time, and the arithmetic built on that — next opening, due times,
// elapsed working time.  All times are interpreted in the calendar's zone.
#include "util/time.hpp"

#include <array>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace hostingctl {

// A service interval within a day, [start, end) in seconds after midnight.
struct Interval {
    int start = 0;
    int end = 0;
};

struct Holiday {
    Date date;
    std::string name;
};

// Western (Gregorian) Easter Sunday of `year`, by the anonymous Gregorian
// algorithm (Meeus/Jones/Butcher).
Date easter_sunday(int year);

// The holidays every year has by rule (PRODUCT §5), in date order: the fixed
// national holidays (1 January, 1 May, 1 June, 17 August, 25 December) and
// the Easter-based ones (Good Friday = Easter - 2, Ascension = Easter + 39).
// The lunar holidays and cuti bersama follow no such rule: they come from
// the official list of each year.
std::vector<Holiday> rule_holidays(int year);

// Where a holiday of the calendar comes from.
enum class HolidaySource {
    list, // the office's list in calendar.yaml (entered or imported)
    rule, // rule_holidays(), for a date the list does not name
};

struct CalendarHoliday {
    Date date;
    std::string name;
    HolidaySource source;
};

class Calendar {
  public:
    // Mon-Thu 08:00-12:00, 13:00-15:45; Fri 08:00-11:00; SLA 5 days, target 2.
    static Calendar standard(const std::string& time_zone = "Asia/Jakarta");

    Calendar(std::string time_zone, std::array<std::vector<Interval>, 7> hours,
             std::vector<Holiday> holidays, int sla_days, int target_days);

    const TimeZone& tz() const { return *tz_; }
    const std::array<std::vector<Interval>, 7>& hours() const { return hours_; }
    // The office's list (calendar.yaml); the rule holidays are not in it.
    const std::map<Date, std::string>& holidays() const { return holidays_; }
    int sla_days() const { return sla_days_; }
    int target_days() const { return target_days_; }

    // A weekday with service hours that is not a holiday (listed or by rule).
    bool is_working_day(const Date& d) const;
    // The holiday's name (the listed one, else the rule's), or empty.
    std::string holiday_name(const Date& d) const;
    // Service intervals of a date (empty on non-working days).
    const std::vector<Interval>& intervals(const Date& d) const;

    // `t` itself when inside service hours, else the next opening.
    Timestamp next_opening(const Timestamp& t) const;
    // Close of service of a working day.
    Timestamp close_of(const Date& d) const;
    // The `n`th working day after `d` (n >= 1).
    Date working_day_after(const Date& d, int n) const;
    // Due time: close of service on the `days`th working day after the day
    // the clock starts (the clock starts at next_opening(start)).
    Timestamp due(const Timestamp& start, int days) const;

    // Working seconds in [a, b); 0 when b <= a.
    int64_t working_seconds(const Timestamp& a, const Timestamp& b) const;
    // The instant reached by counting `seconds` of working time from `t`.
    Timestamp add_working_seconds(const Timestamp& t, int64_t seconds) const;
    // Elapsed working days in [a, b) as a fraction: each working day counts
    // its worked share of that day's service hours.
    double working_days(const Timestamp& a, const Timestamp& b) const;

    // Adds holidays (existing dates keep their name); returns how many were new.
    int add_holidays(const std::vector<Holiday>& hs);

    // The holidays of `year` in date order: the listed ones, and the rule
    // holidays on dates the list does not name (a listed date keeps its name).
    std::vector<CalendarHoliday> holidays_in(int year) const;

    // A year is confirmed once the office has imported or entered its
    // official list (the lunar holidays and cuti bersama of the joint
    // decree); any other year is provisional: only its rule holidays are
    // known, so working time counted in it may still change.
    const std::set<int>& confirmed_years() const { return confirmed_; }
    bool is_confirmed(int year) const { return confirmed_.count(year) > 0; }
    // Marks `year` confirmed; false when it already was.
    bool confirm_year(int year);
    // The provisional years among the years of the dates from..to (both
    // included), ascending; empty when all are confirmed.  An answer worked
    // out over those dates depends on these years.
    std::vector<int> provisional_years_in(const Date& from, const Date& to) const;
    // The same for the dates (in the calendar's zone) of the instants a..b.
    std::vector<int> provisional_years_in(const Timestamp& a, const Timestamp& b) const;

  private:
    Timestamp at(const Date& d, int seconds) const;
    // Working seconds of day `d` inside [a, b), and the day's whole service time.
    void overlap(const Date& d, int64_t a, int64_t b, int64_t& worked, int64_t& whole) const;
    // Working seconds and working days of the dates [from, to).
    void span_between(const Date& from, const Date& to, int64_t& seconds, int64_t& days) const;
    // Makes the running totals cover the day numbers lo..hi.
    void ensure_prefix(int64_t lo, int64_t hi) const;
    // Working day by the weekly hours and the holidays (listed and by
    // rule), without the totals.
    bool by_rule(const Date& d) const;
    // The rule holidays of `year`, computed once per year.
    const std::vector<Holiday>& rules_of(int year) const;
    // The name of the rule holiday on `d`, or nullptr.
    const std::string* rule_holiday(const Date& d) const;

    mutable int64_t prefix_first_ = 0;         // day number of prefix_*[0]
    mutable std::vector<int64_t> prefix_secs_; // working seconds before each day
    mutable std::vector<int64_t> prefix_days_; // working days before each day

    std::unique_ptr<TimeZone> tz_;
    std::array<std::vector<Interval>, 7> hours_;        // Monday = 0
    std::map<Date, std::string> holidays_;              // the office's list
    mutable std::map<int, std::vector<Holiday>> rules_; // rule holidays by year
    std::set<int> confirmed_;                           // years with the official list
    // [start, end) instants of each run of consecutive confirmed years: the
    // clock of every listed request asks, and mostly all its years are
    // confirmed, which two comparisons tell without working out dates.
    std::vector<std::pair<int64_t, int64_t>> confirmed_spans_;
    int sla_days_ = 5;
    int target_days_ = 2;
};

// "the calendar year 2027 is provisional: only the fixed and Easter-based
// holidays are known" (or "years 2025 and 2027 are"): the one wording of the
// warnings and report notes about answers that depend on provisional years.
std::string provisional_text(const std::vector<int>& years);

// calendar.yaml: validated on load (overlapping or inverted intervals,
// unknown weekday names, bad dates or years, unknown time zone:
// Error(damaged) naming the file and line).  confirmed_years lists the
// confirmed years; a file without that key (written before it existed)
// confirms every year it lists a holiday in.
Calendar load_calendar(const std::filesystem::path& path);
// The store's calendar.yaml, or the standard hours in the office's zone
// when the store has none.
class Store;
Calendar store_calendar(const Store& store);
Calendar parse_calendar(const std::filesystem::path& path, const std::string& text);
std::string encode_calendar(const Calendar& c);

// All-day events of an iCalendar file (VEVENT with DTSTART;VALUE=DATE, or a
// date-only DTSTART); multi-day events give one holiday per day.
std::vector<Holiday> parse_ics(const std::string& text, const std::string& source_name);

// "08:00-12:00" -> Interval; nullopt when malformed or inverted.
std::optional<Interval> parse_interval(std::string_view s);
std::string format_hhmm(int seconds);

} // namespace hostingctl
