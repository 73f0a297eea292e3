#include "calendar/calendar.hpp"

#include "model/model.hpp"
#include "store/store.hpp"
#include "store/yaml_io.hpp"
#include "util/error.hpp"
#include "util/fs.hpp"
#include "util/i18n.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace hostingctl {

namespace {

constexpr int kSearchDays = 800; // how far to look for the next working day

const char* const kWeekdays[7] = {"monday", "tuesday",  "wednesday", "thursday",
                                  "friday", "saturday", "sunday"};
const char* const kHari[7] = {"senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu"};

int weekday_index(std::string_view name) {
    std::string n = text::lower(name);
    for (int i = 0; i < 7; ++i)
        if (n == kWeekdays[i] || n == kHari[i] || n == std::string(kWeekdays[i]).substr(0, 3))
            return i;
    return -1;
}

int64_t day_start_epoch(const TimeZone& tz, const Date& d) {
    return tz.to_epoch(d, 0);
}

} // namespace

std::optional<Interval> parse_interval(std::string_view s) {
    auto hhmm = [](std::string_view t) -> int {
        t = text::trim(t);
        if (t.size() != 5 || t[2] != ':' || !std::isdigit(static_cast<unsigned char>(t[0])) ||
            !std::isdigit(static_cast<unsigned char>(t[1])) ||
            !std::isdigit(static_cast<unsigned char>(t[3])) ||
            !std::isdigit(static_cast<unsigned char>(t[4])))
            return -1;
        int h = (t[0] - '0') * 10 + (t[1] - '0');
        int m = (t[3] - '0') * 10 + (t[4] - '0');
        if (m > 59 || h > 24 || (h == 24 && m != 0))
            return -1;
        return h * 3600 + m * 60;
    };
    auto dash = s.find('-');
    if (dash == std::string_view::npos)
        return std::nullopt;
    int a = hhmm(s.substr(0, dash)), b = hhmm(s.substr(dash + 1));
    if (a < 0 || b < 0 || b <= a)
        return std::nullopt;
    return Interval{a, b};
}

Date easter_sunday(int year) {
    // Anonymous Gregorian algorithm (Meeus, Astronomical Algorithms, ch. 8).
    const int a = year % 19;
    const int b = year / 100, c = year % 100;
    const int d = b / 4, e = b % 4;
    const int f = (b + 8) / 25;
    const int g = (b - f + 1) / 3;
    const int h = (19 * a + b - d - g + 15) % 30;
    const int i = c / 4, k = c % 4;
    const int l = (32 + 2 * e + 2 * i - h - k) % 7;
    const int m = (a + 11 * h + 22 * l) / 451;
    const int month = (h + l - 7 * m + 114) / 31;
    const int day = (h + l - 7 * m + 114) % 31 + 1;
    return {year, static_cast<unsigned>(month), static_cast<unsigned>(day)};
}

std::vector<Holiday> rule_holidays(int year) {
    auto fixed = [year](unsigned month, unsigned day, const char* name) {
        return Holiday{{year, month, day}, name};
    };
    const Date easter = easter_sunday(year);
    std::vector<Holiday> out = {
        fixed(1, 1, "Tahun Baru Masehi"),
        {easter.plus_days(-2), "Wafat Yesus Kristus"},
        fixed(5, 1, "Hari Buruh Internasional"),
        {easter.plus_days(39), "Kenaikan Yesus Kristus"},
        fixed(6, 1, "Hari Lahir Pancasila"),
        fixed(8, 17, "Hari Kemerdekaan Republik Indonesia"),
        fixed(12, 25, "Hari Raya Natal"),
    };
    // Ascension falls between 30 April and 3 June, so it may come after
    // 1 May or after 1 June.
    std::sort(out.begin(), out.end(),
              [](const Holiday& x, const Holiday& y) { return x.date < y.date; });
    return out;
}

std::string format_hhmm(int seconds) {
    return fmt::format("{:02}:{:02}", seconds / 3600, (seconds / 60) % 60);
}

Calendar Calendar::standard(const std::string& time_zone) {
    std::array<std::vector<Interval>, 7> h;
    for (int d = 0; d < 4; ++d)
        h[static_cast<size_t>(d)] = {{8 * 3600, 12 * 3600}, {13 * 3600, 15 * 3600 + 45 * 60}};
    h[4] = {{8 * 3600, 11 * 3600}};
    return Calendar(time_zone, h, {}, 5, 2);
}

Calendar::Calendar(std::string time_zone, std::array<std::vector<Interval>, 7> hours,
                   std::vector<Holiday> holidays, int sla_days, int target_days)
    : tz_(std::make_unique<TimeZone>(std::move(time_zone))), hours_(std::move(hours)),
      sla_days_(sla_days), target_days_(target_days) {
    for (auto& day : hours_)
        std::sort(day.begin(), day.end(),
                  [](const Interval& a, const Interval& b) { return a.start < b.start; });
    add_holidays(holidays);
}

int Calendar::add_holidays(const std::vector<Holiday>& hs) {
    prefix_secs_.clear(); // the running totals depend on the holidays
    prefix_days_.clear();
    int added = 0;
    for (const auto& h : hs)
        if (holidays_.emplace(h.date, h.name).second)
            ++added;
    return added;
}

bool Calendar::is_working_day(const Date& d) const {
    // Inside the running totals, a day works when the count of working days
    // grows across it; outside, by the rule.
    int64_t n = d.days().time_since_epoch().count();
    auto i = n - prefix_first_;
    if (i >= 0 && i + 1 < static_cast<int64_t>(prefix_days_.size()))
        return prefix_days_[static_cast<size_t>(i + 1)] != prefix_days_[static_cast<size_t>(i)];
    return by_rule(d);
}

bool Calendar::by_rule(const Date& d) const {
    return !hours_[d.weekday_iso0()].empty() && !holidays_.count(d) && !rule_holiday(d);
}

const std::vector<Holiday>& Calendar::rules_of(int year) const {
    // Asked for every day the running totals cover, so remembered per year.
    auto it = rules_.find(year);
    if (it == rules_.end())
        it = rules_.emplace(year, rule_holidays(year)).first;
    return it->second;
}

const std::string* Calendar::rule_holiday(const Date& d) const {
    for (const auto& h : rules_of(d.year))
        if (h.date == d)
            return &h.name;
    return nullptr;
}

std::string Calendar::holiday_name(const Date& d) const {
    auto it = holidays_.find(d);
    if (it != holidays_.end())
        return it->second;
    const std::string* rule = rule_holiday(d);
    return rule ? *rule : std::string();
}

std::string provisional_text(const std::vector<int>& years) {
    std::string list;
    for (size_t i = 0; i + 1 < years.size(); ++i)
        list += (i == 0 ? "" : ", ") + std::to_string(years[i]);
    if (!years.empty())
        // TRANSLATORS: the last two items of a list: "2025, 2027 and 2028".
        list = list.empty() ? std::to_string(years.back()) : trf("{} and {}", list, years.back());
    return ntrf("the calendar year {} is provisional: only the fixed and Easter-based holidays "
                "are known",
                "the calendar years {} are provisional: only the fixed and Easter-based holidays "
                "are known",
                years.size(), list);
}

bool Calendar::confirm_year(int year) {
    if (!confirmed_.insert(year).second)
        return false;
    confirmed_spans_.clear();
    for (auto it = confirmed_.begin(); it != confirmed_.end();) {
        int first = *it, last = *it;
        while (++it != confirmed_.end() && *it == last + 1)
            last = *it;
        confirmed_spans_.emplace_back(tz_->to_epoch({first, 1, 1}, 0),
                                      tz_->to_epoch({last + 1, 1, 1}, 0));
    }
    return true;
}

std::vector<int> Calendar::provisional_years_in(const Date& from, const Date& to) const {
    std::vector<int> out;
    for (int y = from.year; y <= to.year; ++y)
        if (!confirmed_.count(y))
            out.push_back(y);
    return out;
}

std::vector<int> Calendar::provisional_years_in(const Timestamp& a, const Timestamp& b) const {
    for (const auto& [start, end] : confirmed_spans_)
        if (a.epoch >= start && b.epoch < end)
            return {};
    return provisional_years_in(Timestamp::at(a.epoch, *tz_).local_date(),
                                Timestamp::at(b.epoch, *tz_).local_date());
}

std::vector<CalendarHoliday> Calendar::holidays_in(int year) const {
    std::vector<CalendarHoliday> out;
    for (auto it = holidays_.lower_bound(Date{year, 1, 1});
         it != holidays_.end() && it->first.year == year; ++it)
        out.push_back({it->first, it->second, HolidaySource::list});
    for (const auto& h : rules_of(year))
        if (!holidays_.count(h.date))
            out.push_back({h.date, h.name, HolidaySource::rule});
    std::sort(out.begin(), out.end(),
              [](const CalendarHoliday& a, const CalendarHoliday& b) { return a.date < b.date; });
    return out;
}

const std::vector<Interval>& Calendar::intervals(const Date& d) const {
    static const std::vector<Interval> none;
    return is_working_day(d) ? hours_[d.weekday_iso0()] : none;
}

Timestamp Calendar::at(const Date& d, int seconds) const {
    return Timestamp::at(tz_->to_epoch(d, seconds), *tz_);
}

Timestamp Calendar::next_opening(const Timestamp& t) const {
    Timestamp local = Timestamp::at(t.epoch, *tz_);
    Date d = local.local_date();
    int s = local.local_seconds_of_day();
    for (int i = 0; i < kSearchDays; ++i, d = d.plus_days(1), s = 0)
        for (const auto& iv : intervals(d))
            if (s < iv.end)
                return s >= iv.start ? local : at(d, iv.start);
    throw Error(Exit::invalid, tr("the calendar has no service hours in the next two years"),
                tr("check hours: and holidays: in calendar.yaml"));
}

Timestamp Calendar::close_of(const Date& d) const {
    const auto& ivs = intervals(d);
    if (ivs.empty())
        throw Error(Exit::failure, trf("{} is not a working day", d.iso()));
    return at(d, ivs.back().end);
}

Date Calendar::working_day_after(const Date& d, int n) const {
    Date cur = d;
    for (int i = 0; n > 0; ++i) {
        if (i > kSearchDays)
            throw Error(Exit::invalid,
                        tr("the calendar has no working days in the next two years"));
        cur = cur.plus_days(1);
        if (is_working_day(cur))
            --n;
    }
    return cur;
}

Timestamp Calendar::due(const Timestamp& start, int days) const {
    Timestamp open = next_opening(start);
    return close_of(working_day_after(open.local_date(), days));
}

void Calendar::overlap(const Date& d, int64_t a, int64_t b, int64_t& worked, int64_t& whole) const {
    worked = whole = 0;
    const auto& ivs = intervals(d);
    if (ivs.empty())
        return;
    int64_t base = day_start_epoch(*tz_, d);
    for (const auto& iv : ivs) {
        whole += iv.end - iv.start;
        int64_t s = std::max(a, base + iv.start);
        int64_t e = std::min(b, base + iv.end);
        if (e > s)
            worked += e - s;
    }
}

void Calendar::ensure_prefix(int64_t lo, int64_t hi) const {
    int64_t first = prefix_first_;
    int64_t end = first + static_cast<int64_t>(prefix_secs_.size()) - 1;
    if (!prefix_secs_.empty() && lo >= first && hi <= end)
        return;
    int64_t new_first = prefix_secs_.empty() ? lo - 400 : std::min(first, lo - 400);
    int64_t new_end = prefix_secs_.empty() ? hi + 400 : std::max(end, hi + 400);
    prefix_first_ = new_first;
    prefix_secs_.assign(1, 0);
    prefix_days_.assign(1, 0);
    for (int64_t n = new_first; n < new_end; ++n) {
        Date d = Date::from_days(std::chrono::sys_days(std::chrono::days(n)));
        int64_t whole = 0;
        if (by_rule(d)) // not is_working_day: the totals are being rebuilt
            for (const auto& iv : hours_[d.weekday_iso0()])
                whole += iv.end - iv.start;
        prefix_secs_.push_back(prefix_secs_.back() + whole);
        prefix_days_.push_back(prefix_days_.back() + (whole > 0 ? 1 : 0));
    }
}

void Calendar::span_between(const Date& from, const Date& to, int64_t& seconds,
                            int64_t& days) const {
    // Working seconds and days of [from, to) from running totals, so a span
    // of years costs two look-ups instead of a walk over every day.
    int64_t lo = from.days().time_since_epoch().count();
    int64_t hi = to.days().time_since_epoch().count();
    seconds = days = 0;
    if (hi <= lo)
        return;
    ensure_prefix(lo, hi);
    auto i = static_cast<size_t>(lo - prefix_first_), j = static_cast<size_t>(hi - prefix_first_);
    seconds = prefix_secs_[j] - prefix_secs_[i];
    days = prefix_days_[j] - prefix_days_[i];
}

int64_t Calendar::working_seconds(const Timestamp& a, const Timestamp& b) const {
    if (b.epoch <= a.epoch)
        return 0;
    Date first = Timestamp::at(a.epoch, *tz_).local_date();
    Date last = Timestamp::at(b.epoch, *tz_).local_date();
    int64_t total = 0, worked = 0, whole = 0;
    overlap(first, a.epoch, b.epoch, worked, whole);
    total += worked;
    if (last == first)
        return total;
    overlap(last, a.epoch, b.epoch, worked, whole);
    total += worked;
    int64_t secs = 0, days = 0;
    span_between(first.plus_days(1), last, secs, days);
    return total + secs;
}

Timestamp Calendar::add_working_seconds(const Timestamp& t, int64_t seconds) const {
    if (seconds <= 0)
        return t;
    // The rest of the first day, interval by interval.
    Date d = Timestamp::at(t.epoch, *tz_).local_date();
    int64_t base = day_start_epoch(*tz_, d);
    for (const auto& iv : intervals(d)) {
        int64_t s = std::max(t.epoch, base + iv.start);
        int64_t e = base + iv.end;
        if (e <= s)
            continue;
        if (e - s >= seconds)
            return Timestamp::at(s + seconds, *tz_);
        seconds -= e - s;
    }
    // Whole days from the running totals: the first day by whose end the
    // remaining seconds are used up, then its intervals.
    const int64_t next = d.days().time_since_epoch().count() + 1;
    for (int64_t horizon = next + 31; horizon <= next + kSearchDays * 4; horizon += 366) {
        ensure_prefix(next, horizon);
        auto from = prefix_secs_.begin() + (next - prefix_first_);
        auto to = prefix_secs_.begin() + (horizon - prefix_first_) + 1;
        auto hit = std::lower_bound(from, to, *from + seconds);
        if (hit == to)
            continue;
        // *hit = working seconds before day `hit`; the seconds run out on the day before.
        auto day_index = hit - prefix_secs_.begin() - 1;
        int64_t left = seconds - (*(hit - 1) - *from);
        Date last =
            Date::from_days(std::chrono::sys_days(std::chrono::days(prefix_first_ + day_index)));
        for (const auto& iv : intervals(last)) {
            if (iv.end - iv.start >= left)
                return at(last, iv.start + static_cast<int>(left));
            left -= iv.end - iv.start;
        }
    }
    throw Error(Exit::invalid, tr("the calendar runs out of working days"));
}

double Calendar::working_days(const Timestamp& a, const Timestamp& b) const {
    if (b.epoch <= a.epoch)
        return 0;
    Date first = Timestamp::at(a.epoch, *tz_).local_date();
    Date last = Timestamp::at(b.epoch, *tz_).local_date();
    double days = 0;
    int64_t worked = 0, whole = 0;
    overlap(first, a.epoch, b.epoch, worked, whole);
    if (whole > 0)
        days += static_cast<double>(worked) / static_cast<double>(whole);
    if (last == first)
        return days;
    overlap(last, a.epoch, b.epoch, worked, whole);
    if (whole > 0)
        days += static_cast<double>(worked) / static_cast<double>(whole);
    int64_t secs = 0, full = 0;
    span_between(first.plus_days(1), last, secs, full);
    return days + static_cast<double>(full); // days in between are whole
}

Calendar parse_calendar(const std::filesystem::path& path, const std::string& text) {
    YamlReader rd(path, text);
    rd.check_schema(kSchemaVersion);
    const YAML::Node& root = rd.root();
    rd.known_keys(root, {"schema", "time_zone", "hours", "sla", "holidays", "confirmed_years"},
                  "calendar.yaml");
    std::string zone = rd.str(root, "time_zone", false);
    if (zone.empty())
        zone = "Asia/Jakarta";
    try {
        TimeZone check(zone);
    } catch (const Error& e) {
        rd.fail(root["time_zone"], e.what());
    }
    std::array<std::vector<Interval>, 7> hours;
    YAML::Node hn = rd.map(root, "hours");
    for (const auto& kv : hn) {
        std::string name = kv.first.Scalar();
        int wd = weekday_index(name);
        if (wd < 0)
            rd.fail(kv.first, trf("unknown weekday '{}' (use monday ... sunday)", name));
        if (!hours[static_cast<size_t>(wd)].empty())
            rd.fail(kv.first, trf("weekday '{}' is listed twice", name));
        if (!kv.second.IsSequence() && !kv.second.IsNull())
            rd.fail(kv.second, trf("hours of {} must be a list like [\"08:00-12:00\"]", name));
        std::vector<Interval> ivs;
        for (const auto& item : kv.second) {
            auto iv = item.IsScalar() ? parse_interval(item.Scalar()) : std::nullopt;
            if (!iv)
                rd.fail(item, trf("'{}' on {} is not an interval HH:MM-HH:MM with the end after "
                                  "the start",
                                  item.IsScalar() ? item.Scalar() : "?", name));
            ivs.push_back(*iv);
        }
        std::sort(ivs.begin(), ivs.end(),
                  [](const Interval& a, const Interval& b) { return a.start < b.start; });
        for (size_t i = 1; i < ivs.size(); ++i)
            if (ivs[i].start < ivs[i - 1].end)
                rd.fail(kv.second, trf("intervals {}-{} and {}-{} on {} overlap",
                                       format_hhmm(ivs[i - 1].start), format_hhmm(ivs[i - 1].end),
                                       format_hhmm(ivs[i].start), format_hhmm(ivs[i].end), name));
        hours[static_cast<size_t>(wd)] = ivs;
    }
    if (std::all_of(hours.begin(), hours.end(), [](const auto& v) { return v.empty(); }))
        rd.fail(hn, tr("no service hours on any weekday"));
    YAML::Node sla = rd.map(root, "sla", false);
    rd.known_keys(sla, {"working_days", "target_days"}, "sla");
    long days = rd.integer(sla, "working_days", 5);
    long target = rd.integer(sla, "target_days", 2);
    if (days < 1 || days > 60)
        rd.fail(sla["working_days"], tr("sla.working_days must be 1-60"));
    if (target < 1 || target > days)
        rd.fail(sla["target_days"], tr("sla.target_days must be 1 to working_days"));
    std::vector<Holiday> hs;
    for (const auto& h : rd.seq(root, "holidays")) {
        if (!h.IsMap())
            rd.fail(h, tr("each holiday needs date: and name:"));
        rd.known_keys(h, {"date", "name"}, "holidays");
        auto d = parse_iso_date(rd.str(h, "date"));
        if (!d)
            rd.fail(h["date"], trf("'{}' is not a date (YYYY-MM-DD)", rd.str(h, "date")));
        for (const auto& other : hs)
            if (other.date == *d)
                rd.fail(h, trf("{} is listed twice", d->iso()));
        hs.push_back({*d, rd.str(h, "name")});
    }
    Calendar cal(zone, hours, hs, static_cast<int>(days), static_cast<int>(target));
    // Before confirmed_years existed, a file listed the holidays of the
    // years whose official list the office had: those years are confirmed.
    if (!root["confirmed_years"]) {
        for (const auto& h : hs)
            cal.confirm_year(h.date.year);
        return cal;
    }
    for (const auto& y : rd.seq(root, "confirmed_years")) {
        int year = 0;
        try {
            year = y.IsScalar() ? y.as<int>() : 0;
        } catch (const YAML::Exception&) {
        }
        if (year < 1000 || year > 9999)
            rd.fail(y, trf("'{}' in confirmed_years is not a year (YYYY)",
                           y.IsScalar() ? y.Scalar() : "?"));
        if (!cal.confirm_year(year))
            rd.fail(y, trf("{} is listed twice in confirmed_years", year));
    }
    return cal;
}

Calendar load_calendar(const std::filesystem::path& path) {
    return parse_calendar(path, fs::read_file(path));
}

Calendar store_calendar(const Store& store) {
    std::filesystem::path p = store.root() / "calendar.yaml";
    std::error_code ec;
    if (!std::filesystem::exists(p, ec))
        return Calendar::standard(store.config().time_zone);
    Calendar cal = load_calendar(p);
    // Times are stored in the office's zone and counted in the calendar's:
    // two zones would put a letter on different days for the two.
    if (cal.tz().name() != store.config().time_zone)
        throw Error(Exit::damaged,
                    trf("{}: time_zone '{}' differs from '{}' in hostingctl.yaml", p.string(),
                        cal.tz().name(), store.config().time_zone),
                    tr("the office has one time zone: make the two time_zone settings the same"));
    return cal;
}

std::string encode_calendar(const Calendar& c) {
    YAML::Emitter out;
    out << YAML::BeginMap;
    out << YAML::Key << "schema" << YAML::Value << kSchemaVersion;
    out << YAML::Key << "time_zone" << YAML::Value << c.tz().name();
    out << YAML::Key << "hours" << YAML::Value << YAML::BeginMap;
    for (size_t d = 0; d < 7; ++d) {
        if (c.hours()[d].empty())
            continue;
        out << YAML::Key << kWeekdays[d] << YAML::Value << YAML::Flow << YAML::BeginSeq;
        for (const auto& iv : c.hours()[d])
            out << YAML::DoubleQuoted << format_hhmm(iv.start) + "-" + format_hhmm(iv.end);
        out << YAML::EndSeq;
    }
    out << YAML::EndMap;
    out << YAML::Key << "sla" << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "working_days" << YAML::Value << c.sla_days();
    out << YAML::Key << "target_days" << YAML::Value << c.target_days();
    out << YAML::EndMap;
    out << YAML::Key << "confirmed_years" << YAML::Value << YAML::Flow << YAML::BeginSeq;
    for (int y : c.confirmed_years())
        out << y;
    out << YAML::EndSeq;
    out << YAML::Key << "holidays" << YAML::Value << YAML::BeginSeq;
    for (const auto& [date, name] : c.holidays()) {
        out << YAML::Flow << YAML::BeginMap;
        out << YAML::Key << "date" << YAML::Value << date.iso();
        out << YAML::Key << "name" << YAML::Value << YAML::DoubleQuoted << name;
        out << YAML::EndMap;
    }
    out << YAML::EndSeq << YAML::EndMap;
    return yaml_document(
        "# Service hours (WIB), holidays and SLA of the hosting service.\n"
        "# hours: intervals per weekday; breaks are the gaps between intervals.\n"
        "# A working day is a weekday with hours that is not a holiday.  The SLA clock\n"
        "# starts when the letter is received (outside hours: at the next opening), pauses\n"
        "# while a request is incomplete and stops at delivery; due = close of service on\n"
        "# the working_days-th working day after the day the clock started.\n"
        "# holidays: the office's list.  1 Jan, 1 May, 1 Jun, 17 Aug, 25 Dec, Good Friday\n"
        "# and Ascension are holidays in every year by rule.  confirmed_years: the years\n"
        "# whose official list (lunar holidays, cuti bersama) is in; other years are\n"
        "# provisional, and answers that count days in them say so.\n",
        out);
}

std::vector<Holiday> parse_ics(const std::string& text, const std::string& source_name) {
    // Unfold continuation lines (RFC 5545 §3.1), remembering the physical
    // line each logical line starts on for error messages.
    std::vector<std::string> lines;
    std::vector<size_t> starts;
    size_t physical = 0;
    for (auto& raw : text::split(text, '\n')) {
        ++physical;
        std::string line = raw;
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        if (!lines.empty() && !line.empty() && (line[0] == ' ' || line[0] == '\t')) {
            lines.back() += line.substr(1);
        } else {
            lines.push_back(line);
            starts.push_back(physical);
        }
    }
    auto unescape = [](std::string_view v) {
        std::string out;
        for (size_t i = 0; i < v.size(); ++i) {
            if (v[i] == '\\' && i + 1 < v.size()) {
                char n = v[++i];
                out += (n == 'n' || n == 'N') ? ' ' : n;
            } else {
                out += v[i];
            }
        }
        return std::string(text::trim(out));
    };
    auto ics_date = [](std::string_view v) -> std::optional<Date> {
        if (v.size() < 8)
            return std::nullopt;
        std::string iso = fmt::format("{}-{}-{}", v.substr(0, 4), v.substr(4, 2), v.substr(6, 2));
        return parse_date(iso);
    };
    if (std::find(lines.begin(), lines.end(), "BEGIN:VCALENDAR") == lines.end())
        throw Error(Exit::invalid,
                    trf("{} is not an iCalendar file: it has no BEGIN:VCALENDAR line", source_name),
                    tr("export the holidays as .ics from the calendar that holds them"));
    std::vector<Holiday> out;
    bool in_event = false, all_day = false;
    std::optional<Date> start, end;
    std::string summary;
    size_t line_no = 0, event_line = 0;
    for (size_t li = 0; li < lines.size(); ++li) {
        const std::string& line = lines[li];
        line_no = starts[li];
        if (line == "BEGIN:VEVENT") {
            in_event = true;
            all_day = false;
            start.reset();
            end.reset();
            summary.clear();
            event_line = line_no;
            continue;
        }
        if (!in_event)
            continue;
        if (line == "END:VEVENT") {
            in_event = false;
            if (!start)
                throw Error(Exit::invalid, trf("{}: event at line {} has no valid DTSTART",
                                               source_name, event_line));
            if (!all_day)
                continue; // timed events are not holidays
            if (end && *end < *start)
                throw Error(Exit::invalid, trf("{}: event '{}' at line {} ends before it starts",
                                               source_name, summary, event_line));
            Date last = end ? end->plus_days(-1) : *start;
            if (last < *start)
                last = *start;
            if (last.days() - start->days() >= std::chrono::days(31)) // 31 days at most
                throw Error(Exit::invalid, trf("{}: event '{}' at line {} spans more than a month",
                                               source_name, summary, event_line));
            for (Date d = *start; d <= last; d = d.plus_days(1))
                out.push_back({d, summary.empty() ? std::string("Libur") : summary});
            continue;
        }
        auto colon = line.find(':');
        if (colon == std::string::npos)
            continue;
        std::string name = line.substr(0, colon);
        std::string value = line.substr(colon + 1);
        std::string prop = text::lower(name.substr(0, name.find(';')));
        if (prop == "dtstart" || prop == "dtend") {
            bool date_only = name.find("VALUE=DATE") != std::string::npos &&
                             name.find("VALUE=DATE-TIME") == std::string::npos;
            date_only = date_only || value.size() == 8;
            auto d = ics_date(value);
            if (!d)
                throw Error(Exit::invalid,
                            trf("{}:{}: '{}' is not a date", source_name, line_no, value));
            if (prop == "dtstart") {
                start = d;
                all_day = date_only;
            } else {
                end = d;
            }
        } else if (prop == "summary") {
            summary = unescape(value);
            if (!text::valid_utf8(summary))
                throw Error(Exit::invalid,
                            trf("{}:{}: SUMMARY is not UTF-8", source_name, line_no));
        }
    }
    if (in_event)
        throw Error(Exit::invalid,
                    trf("{}: event at line {} has no END:VEVENT", source_name, event_line));
    return out;
}

} // namespace hostingctl
