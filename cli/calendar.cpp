// hostingctl calendar show|import-ics|due|elapsed
//
// JSON keys:
//   show:       {month, time_zone, sla: {working_days, target_days},
//                days: [{date, weekday, working, intervals: ["08:00-12:00"], holiday}],
//                provisional_years: [YYYY]}
//   show --year: {year, time_zone, confirmed, provisional_years: [YYYY],
//                holidays: [{date, weekday, name, source: "list" | "rule"}]}
//   import-ics: {file, events, added, holidays, confirmed_years: [YYYY]}
//   due:        {from, start, due, days, provisional_years: [YYYY]}
//   elapsed:    {from, to, working_hours, working_days, working_seconds,
//                provisional_years: [YYYY]}
#include "calendar/calendar.hpp"

#include "commands.hpp"
#include "people/admin.hpp"
#include "util/error.hpp"
#include "util/fs.hpp"
#include "util/i18n.hpp"
#include "util/text.hpp"

#include <cmath>
#include <fmt/format.h>
#include <set>

namespace hostingctl::cli {

namespace {

// The names in JSON are these; the tables print their translations.
// TRANSLATORS: short names of the days of the week, Monday first.
const char* kDayNames[7] = {N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"),
                            N_("Fri"), N_("Sat"), N_("Sun")};

Timestamp parse_time_arg(const std::string& flag, const std::string& value, const Calendar& cal) {
    auto t = parse_timestamp(value, cal.tz());
    if (!t)
        throw Error(Exit::invalid, trf("{} '{}' is not a date and time", flag, value),
                    tr("write 2026-03-17T09:30 (office time) or 2026-03-17T09:30:00+07:00"));
    return Timestamp::at(t->epoch, cal.tz());
}

double round2(double v) {
    return std::round(v * 100.0) / 100.0;
}

void show(Context& ctx, const std::string& month_arg) {
    const Store& store = ctx.store();
    Calendar cal = store_calendar(store);
    Date first;
    if (month_arg.empty()) {
        Date today = ctx.now(cal.tz()).local_date();
        first = {today.year, today.month, 1};
    } else {
        auto d = parse_date(month_arg + "-01");
        if (!d || month_arg.size() != 7)
            throw Error(Exit::invalid, trf("'{}' is not a month", month_arg),
                        tr("write it as YYYY-MM, e.g. 2026-03"));
        first = *d;
    }
    Json days = Json::array();
    std::vector<std::vector<std::string>> rows;
    int working = 0;
    for (Date d = first; d.month == first.month; d = d.plus_days(1)) {
        std::vector<std::string> ivs;
        for (const auto& iv : cal.intervals(d))
            ivs.push_back(format_hhmm(iv.start) + "-" + format_hhmm(iv.end));
        std::string holiday = cal.holiday_name(d);
        bool work = cal.is_working_day(d);
        working += work;
        Json j = Json::object();
        j["date"] = d.iso();
        j["weekday"] = kDayNames[d.weekday_iso0()];
        j["working"] = work;
        Json ja = Json::array();
        for (const auto& s : ivs)
            ja.push(s);
        j["intervals"] = ja;
        j["holiday"] = text_or_null(holiday);
        days.push(j);
        std::string hours = work ? text::join(ivs, ", ") : "-";
        rows.push_back(
            {d.iso(), tr(kDayNames[d.weekday_iso0()]), work ? hours : ctx.out.dim(hours), holiday});
    }
    auto provisional = cal.provisional_years_in(first, first); // a month lies in one year
    ctx.out.warn_provisional({provisional.begin(), provisional.end()});
    if (ctx.out.json()) {
        Json j = Json::object();
        j["month"] = fmt::format("{:04}-{:02}", first.year, first.month);
        j["time_zone"] = cal.tz().name();
        Json sla = Json::object();
        sla["working_days"] = cal.sla_days();
        sla["target_days"] = cal.target_days();
        j["sla"] = sla;
        j["days"] = days;
        j["provisional_years"] = Json::Array(provisional.begin(), provisional.end());
        ctx.out.print_json(j);
        return;
    }
    // TRANSLATORS: "Service calendar", the month, the time zone, the working
    // days of the month, the SLA and the target in working days.
    ctx.out.line(trf("{} {:04}-{:02} ({}), {} working days; SLA {} working days, target {}",
                     ctx.out.bold(tr("Service calendar")), first.year, first.month, cal.tz().name(),
                     working, cal.sla_days(), cal.target_days()));
    ctx.out.table({tr("DATE"), tr("DAY"), tr("SERVICE HOURS"), tr("HOLIDAY")}, rows);
}

// The holidays of a year, each from the office's list or by rule, and
// whether the year is confirmed.
void show_year(Context& ctx, int year) {
    if (year < 1000 || year > 9999)
        throw Error(Exit::invalid, trf("--year {} is not a year", year),
                    tr("write it as YYYY, e.g. 2027"));
    Calendar cal = store_calendar(ctx.store());
    const bool confirmed = cal.is_confirmed(year);
    const auto holidays = cal.holidays_in(year);
    auto source = [](HolidaySource s) {
        // TRANSLATORS: where a holiday comes from: the office's list of
        // holidays, or a rule (a fixed date, Easter ...).
        return s == HolidaySource::list ? N_("list") : N_("rule");
    };
    if (ctx.out.json()) {
        Json j = Json::object();
        j["year"] = year;
        j["time_zone"] = cal.tz().name();
        j["confirmed"] = confirmed;
        j["provisional_years"] = confirmed ? Json::array() : Json(Json::Array{year});
        Json hs = Json::array();
        for (const auto& h : holidays) {
            Json hj = Json::object();
            hj["date"] = h.date.iso();
            hj["weekday"] = kDayNames[h.date.weekday_iso0()];
            hj["name"] = h.name;
            hj["source"] = source(h.source);
            hs.push(hj);
        }
        j["holidays"] = hs;
        ctx.out.print_json(j);
        return;
    }
    ctx.out.line(fmt::format("{} {} ({}): {}", ctx.out.bold(tr("Holidays")), year, cal.tz().name(),
                             confirmed ? tr("confirmed, the official list is in calendar.yaml")
                                       : tr("provisional, only the holidays by rule are known; "
                                            "import the official list with 'hostingctl calendar "
                                            "import-ics'")));
    std::vector<std::vector<std::string>> rows;
    for (const auto& h : holidays)
        rows.push_back(
            {h.date.iso(), tr(kDayNames[h.date.weekday_iso0()]), h.name, tr(source(h.source))});
    ctx.out.table({tr("DATE"), tr("DAY"), tr("HOLIDAY"), tr("SOURCE")}, rows);
}

void import_ics(Context& ctx, const std::string& file) {
    const Store& store = ctx.store();
    // A year's holidays take a few kilobytes; 5 MB is far more than any.
    auto found = parse_ics(fs::read_input_file(file, 5u * 1024 * 1024), file);
    const CalendarImport r = import_holidays(store, found, file, ctx.caller());
    const std::set<int>& years = r.years;
    const int added = r.added;
    if (ctx.out.json()) {
        Json j = Json::object();
        j["file"] = file;
        j["events"] = static_cast<long>(found.size());
        j["added"] = added;
        j["holidays"] = static_cast<long>(r.holidays);
        j["confirmed_years"] = Json::Array(years.begin(), years.end());
        ctx.out.print_json(j);
        return;
    }
    std::vector<std::string> names;
    for (int y : years)
        names.push_back(std::to_string(y));
    std::string line =
        ntrf("{} all-day date in {}", "{} all-day dates in {}", found.size(), found.size(), file) +
        "; " +
        ntrf("{} new holiday added ({} in the calendar)",
             "{} new holidays added ({} in the calendar)", static_cast<unsigned long>(added), added,
             r.holidays);
    if (!years.empty())
        line += "; " + trf("years confirmed: {}", text::join(names, ", "));
    ctx.out.line(line);
}

void due(Context& ctx, const std::string& from, int days) {
    Calendar cal = store_calendar(ctx.store());
    if (days < 1 || days > 60)
        throw Error(Exit::invalid, trf("--days {} is outside 1-60", days));
    Timestamp t = parse_time_arg("--from", from, cal);
    Timestamp start = cal.next_opening(t);
    Timestamp d = cal.due(t, days);
    auto provisional = cal.provisional_years_in(t.local_date(), d.local_date());
    ctx.out.warn_provisional({provisional.begin(), provisional.end()});
    if (ctx.out.json()) {
        Json j = Json::object();
        j["from"] = t.iso();
        j["start"] = start.iso();
        j["due"] = d.iso();
        j["days"] = days;
        j["provisional_years"] = Json::Array(provisional.begin(), provisional.end());
        ctx.out.print_json(j);
        return;
    }
    // TRANSLATORS: the two lines of calendar due are padded to one width;
    // keep the values lined up.
    ctx.out.line(trf("clock starts {}", start.iso()));
    ctx.out.line(ntrf("due          {} ({} working day)", "due          {} ({} working days)",
                      static_cast<unsigned long>(days), d.iso(), days));
}

void elapsed(Context& ctx, const std::string& from, const std::string& to) {
    Calendar cal = store_calendar(ctx.store());
    Timestamp a = parse_time_arg("--from", from, cal);
    Timestamp b = parse_time_arg("--to", to, cal);
    if (b < a)
        throw Error(Exit::invalid, tr("--to is before --from"));
    int64_t secs = cal.working_seconds(a, b);
    double hours = round2(static_cast<double>(secs) / 3600.0);
    double days = round2(cal.working_days(a, b));
    auto provisional = cal.provisional_years_in(a.local_date(), b.local_date());
    ctx.out.warn_provisional({provisional.begin(), provisional.end()});
    if (ctx.out.json()) {
        Json j = Json::object();
        j["from"] = a.iso();
        j["to"] = b.iso();
        j["working_hours"] = hours;
        j["working_days"] = days;
        j["working_seconds"] = static_cast<long long>(secs);
        j["provisional_years"] = Json::Array(provisional.begin(), provisional.end());
        ctx.out.print_json(j);
        return;
    }
    ctx.out.line(
        trf("{} working hours ({} working days) between {} and {}", hours, days, a.iso(), b.iso()));
}

} // namespace

void setup_calendar(CLI::App& app, Context& ctx) {
    CLI::App* grp = app.add_subcommand("calendar", "service hours, holidays and SLA arithmetic");
    grp->require_subcommand(1);

    auto month = std::make_shared<std::string>();
    auto year = std::make_shared<std::optional<int>>();
    CLI::App* s = grp->add_subcommand("show", "a month with its service hours and holidays, or "
                                              "the holidays of a year");
    CLI::Option* month_opt = s->add_option("--month", *month, "YYYY-MM (default: this month)");
    s->add_option_function<int>(
         "--year", [year](const int& y) { *year = y; },
         N_("the holidays of this year, listed or by rule, and whether the year is confirmed"))
        ->excludes(month_opt);
    s->callback([&ctx, month, year] {
        if (*year)
            show_year(ctx, **year);
        else
            show(ctx, *month);
    });

    auto file = std::make_shared<std::string>();
    CLI::App* i = grp->add_subcommand("import-ics", "add the all-day events of an iCalendar "
                                                    "file as holidays");
    i->add_option("file", *file, "the .ics file")->required();
    i->callback([&ctx, file] { import_ics(ctx, *file); });

    auto dfrom = std::make_shared<std::string>();
    auto ddays = std::make_shared<int>(0);
    CLI::App* d = grp->add_subcommand("due", "when an SLA started at TIME falls due");
    d->add_option("--from", *dfrom, "when the letter was received (ISO 8601)")->required();
    CLI::Option* days_opt =
        d->add_option("--days", *ddays, "working days allowed (default: sla.working_days)");
    d->callback([&ctx, dfrom, ddays, days_opt] {
        // Given means given: --days 0 is refused, not taken for the default.
        int n = days_opt->count() ? *ddays : store_calendar(ctx.store()).sla_days();
        due(ctx, *dfrom, n);
    });

    auto efrom = std::make_shared<std::string>();
    auto eto = std::make_shared<std::string>();
    CLI::App* e = grp->add_subcommand("elapsed", "working time between two moments");
    e->add_option("--from", *efrom, "start (ISO 8601)")->required();
    e->add_option("--to", *eto, "end (ISO 8601)")->required();
    e->callback([&ctx, efrom, eto] { elapsed(ctx, *efrom, *eto); });
}

} // namespace hostingctl::cli
