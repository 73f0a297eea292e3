#include "util/time.hpp"

#include "util/error.hpp"
#include "util/i18n.hpp"

#include <cctype>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fmt/format.h>

namespace hostingctl {

using namespace std::chrono;

sys_days Date::days() const {
    return sys_days(
        year_month_day(std::chrono::year(year), std::chrono::month(month), std::chrono::day(day)));
}

Date Date::from_days(sys_days d) {
    year_month_day ymd(d);
    return {static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
            static_cast<unsigned>(ymd.day())};
}

unsigned Date::weekday_iso0() const {
    return (weekday(days()).iso_encoding() + 6) % 7;
}

std::string Date::iso() const {
    return fmt::format("{:04}-{:02}-{:02}", year, month, day);
}

namespace {

bool digits(std::string_view s, size_t pos, size_t n, int& out) {
    if (pos + n > s.size())
        return false;
    int v = 0;
    for (size_t i = pos; i < pos + n; ++i) {
        if (!std::isdigit(static_cast<unsigned char>(s[i])))
            return false;
        v = v * 10 + (s[i] - '0');
    }
    out = v;
    return true;
}

// Points the C library at a zone.  TZ is left set afterwards: re-reading the
// zone file on every call would make listing thousands of requests slow, and
// the tool reads all times through TimeZone anyway.
void use_zone(const std::string& name) {
    const char* cur = std::getenv("TZ");
    if (cur && name == cur)
        return;
    ::setenv("TZ", name.c_str(), 1);
    ::tzset();
}

// A date written day-month-year ("20/11/2026", "5-1-2026", "20.11.2026"),
// with what follows it, in ISO order: "2026-11-20" and the rest, the time's
// '.' read as ':' ("14.30" -> "14:30").  nullopt when `s` is not in that order.
std::optional<std::string> from_day_month_year(std::string_view s) {
    size_t i = 0;
    auto number = [&](size_t max_digits, int& out) {
        size_t start = i;
        while (i < s.size() && i - start < max_digits &&
               std::isdigit(static_cast<unsigned char>(s[i])))
            ++i;
        return i > start && digits(s, start, i - start, out);
    };
    int d, m, y;
    if (!number(2, d) || i >= s.size() || (s[i] != '-' && s[i] != '/' && s[i] != '.'))
        return std::nullopt;
    const char sep = s[i++];
    if (!number(2, m) || i >= s.size() || s[i] != sep)
        return std::nullopt;
    ++i;
    const size_t year_at = i;
    if (!number(4, y) || i - year_at != 4)
        return std::nullopt;
    std::string out = fmt::format("{:04}-{:02}-{:02}", y, m, d);
    if (i == s.size())
        return out;
    if (s[i] != ' ' && s[i] != 'T')
        return std::nullopt;
    std::string time(s.substr(i + 1));
    for (size_t colon : {2u, 5u})
        if (time.size() > colon && time[colon] == '.' && (colon == 2 || time[2] == ':'))
            time[colon] = ':';
    return out + "T" + time;
}

} // namespace

const char* date_hint() {
    return tr("write YYYY-MM-DD or DD-MM-YYYY, e.g. 2026-11-20 or 20-11-2026");
}

std::optional<Date> parse_date(std::string_view s) {
    if (auto d = parse_iso_date(s))
        return d;
    auto iso = from_day_month_year(s);
    return iso && iso->size() == 10 ? parse_iso_date(*iso) : std::nullopt;
}

std::optional<Timestamp> parse_timestamp(std::string_view s, const TimeZone& tz) {
    if (auto t = parse_iso_timestamp(s, tz))
        return t;
    auto iso = from_day_month_year(s);
    return iso ? parse_iso_timestamp(*iso, tz) : std::nullopt;
}

std::optional<Date> parse_iso_date(std::string_view s) {
    int y, m, d;
    if (s.size() != 10 || s[4] != '-' || s[7] != '-' || !digits(s, 0, 4, y) ||
        !digits(s, 5, 2, m) || !digits(s, 8, 2, d))
        return std::nullopt;
    year_month_day ymd{std::chrono::year(y), std::chrono::month(static_cast<unsigned>(m)),
                       std::chrono::day(static_cast<unsigned>(d))};
    if (!ymd.ok() || y < 1900)
        return std::nullopt;
    return Date{y, static_cast<unsigned>(m), static_cast<unsigned>(d)};
}

TimeZone::TimeZone(std::string name) : name_(std::move(name)) {
    bool ok = !name_.empty() && name_.find("..") == std::string::npos && name_[0] != '/';
    for (char c : name_)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '/' || c == '_' || c == '-' ||
              c == '+'))
            ok = false;
    if (ok && name_ != "UTC") {
        std::error_code ec;
        ok = std::filesystem::is_regular_file("/usr/share/zoneinfo/" + name_, ec);
    }
    if (!ok)
        throw Error(Exit::invalid, trf("unknown time zone '{}'", name_),
                    tr("use an IANA name such as Asia/Jakarta (install the tzdata package)"));
}

int TimeZone::offset_at(int64_t epoch) const {
    int64_t day = epoch >= 0 ? epoch / 86400 : (epoch - 86399) / 86400;
    if (auto it = offsets_.find(day); it != offsets_.end())
        return it->second;
    if (offsets_.size() > 100000)
        offsets_.clear();
    use_zone(name_);
    auto offset = [](int64_t when) {
        time_t t = static_cast<time_t>(when);
        struct tm tm {};
        ::localtime_r(&t, &tm);
        return static_cast<int>(tm.tm_gmtoff);
    };
    // No zone in use changes its offset twice within one day, so a UTC day
    // that starts and ends with the same offset has it throughout and is
    // remembered as a whole; the rare day of a change is not cached.
    int first = offset(day * 86400), last = offset(day * 86400 + 86399);
    if (first != last)
        return offset(epoch);
    offsets_.emplace(day, first);
    return first;
}

int64_t TimeZone::to_epoch(const Date& date, int seconds_of_day) const {
    // First guess with the offset at UTC midnight, then correct once (enough
    // for zones whose offset does not change that day; Indonesia has no DST).
    int64_t local =
        static_cast<int64_t>(date.days().time_since_epoch().count()) * 86400 + seconds_of_day;
    int64_t guess = local - offset_at(local);
    return local - offset_at(guess);
}

std::string Timestamp::iso() const {
    int64_t local = epoch + offset_seconds;
    int64_t days_since = local >= 0 ? local / 86400 : (local - 86399) / 86400;
    int64_t secs = local - days_since * 86400;
    Date d = Date::from_days(sys_days(std::chrono::days(days_since)));
    int off = offset_seconds;
    char sign = off < 0 ? '-' : '+';
    if (off < 0)
        off = -off;
    return fmt::format("{}T{:02}:{:02}:{:02}{}{:02}:{:02}", d.iso(), secs / 3600, (secs / 60) % 60,
                       secs % 60, sign, off / 3600, (off / 60) % 60);
}

Date Timestamp::local_date() const {
    int64_t local = epoch + offset_seconds;
    int64_t days_since = local >= 0 ? local / 86400 : (local - 86399) / 86400;
    return Date::from_days(sys_days(std::chrono::days(days_since)));
}

int Timestamp::local_seconds_of_day() const {
    int64_t local = epoch + offset_seconds;
    int64_t r = local % 86400;
    if (r < 0)
        r += 86400;
    return static_cast<int>(r);
}

Timestamp Timestamp::now(const TimeZone& tz) {
    int64_t e = duration_cast<seconds>(system_clock::now().time_since_epoch()).count();
    return at(e, tz);
}

std::optional<Timestamp> parse_iso_timestamp(std::string_view s, const TimeZone& tz) {
    auto date = parse_iso_date(s.substr(0, std::min<size_t>(10, s.size())));
    if (!date)
        return std::nullopt;
    if (s.size() == 10)
        return Timestamp::at(tz.to_epoch(*date, 0), tz);
    if (s[10] != 'T' && s[10] != ' ' && s[10] != 't')
        return std::nullopt;
    int hh, mm, ss = 0;
    size_t pos = 11;
    if (!digits(s, pos, 2, hh) || pos + 2 >= s.size() + 0 || s.size() < 16 || s[13] != ':' ||
        !digits(s, 14, 2, mm))
        return std::nullopt;
    pos = 16;
    if (pos < s.size() && s[pos] == ':') {
        if (!digits(s, pos + 1, 2, ss))
            return std::nullopt;
        pos += 3;
        if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) { // fractions are dropped
            ++pos;
            size_t start = pos;
            while (pos < s.size() && std::isdigit(static_cast<unsigned char>(s[pos])))
                ++pos;
            if (pos == start)
                return std::nullopt;
        }
    }
    if (hh > 23 || mm > 59 || ss > 60)
        return std::nullopt;
    int sod = hh * 3600 + mm * 60 + std::min(ss, 59);
    if (pos == s.size())
        return Timestamp::at(tz.to_epoch(*date, sod), tz);
    int offset;
    if (s[pos] == 'Z' || s[pos] == 'z') {
        if (pos + 1 != s.size())
            return std::nullopt;
        offset = 0;
    } else if (s[pos] == '+' || s[pos] == '-') {
        int oh, om = 0;
        if (!digits(s, pos + 1, 2, oh))
            return std::nullopt;
        size_t p = pos + 3;
        if (p < s.size() && s[p] == ':')
            ++p;
        if (p < s.size()) {
            if (!digits(s, p, 2, om) || p + 2 != s.size())
                return std::nullopt;
        }
        if (oh > 14 || om > 59)
            return std::nullopt;
        offset = (oh * 3600 + om * 60) * (s[pos] == '-' ? -1 : 1);
    } else {
        return std::nullopt;
    }
    int64_t local = static_cast<int64_t>(date->days().time_since_epoch().count()) * 86400 + sod;
    return Timestamp{local - offset, offset};
}

} // namespace hostingctl
