// hostingctl report sla|quarterly
//
// JSON keys:
//   report sla:       {generated_at, late, due_soon, provisional_years: [YYYY],
//                      requests: [{id, agency, domain, status, next, officer,
//                      sla: {...as request show...}, mark}],
//                      problems: ["<file>: <why it could not be read>"]}
//   report quarterly: with --stdout --format json the report itself (see the man page,
//                     QUARTERLY REPORT); otherwise {quarter, files: [paths]}
#include "calendar/calendar.hpp"
#include "commands.hpp"
#include "document/quarterly.hpp"
#include "report/quarterly.hpp"
#include "util/error.hpp"
#include "util/fs.hpp"
#include "util/i18n.hpp"
#include "util/text.hpp"
#include "workflow/request_view.hpp"
#include "workflow/sla.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <set>

namespace hostingctl::cli {

namespace {

struct SlaOptions {
    bool fail_on_breach = false;
    std::string due_within;
};

void report_sla(Context& ctx, const SlaOptions& o) {
    const Store& store = ctx.store();
    Calendar cal = store_calendar(store);
    Timestamp now = ctx.now(cal.tz());
    std::optional<double> within;
    if (!o.due_within.empty())
        within = static_cast<double>(parse_working_duration(o.due_within, cal)) / 3600.0;
    RequestList all = ctx.requests();
    warn_unreadable(ctx.out, all.problems);
    const bool incomplete = !all.problems.empty();
    const std::vector<StaffMember> staff = store.staff();
    struct Item {
        const RequestSummary* s;
        Sla sla;
    };
    std::vector<Item> items;
    size_t late = 0, soon = 0;
    std::set<int> provisional; // of every open clock the report looked at
    for (const auto& s : all.items) {
        auto st = parse_status(s.status);
        if (!st || is_terminal(*st))
            continue;
        auto sla = summary_sla(s.clock, cal, now);
        if (!sla || !sla->running)
            continue;
        provisional.insert(sla->provisional_years.begin(), sla->provisional_years.end());
        bool is_soon = !sla->breached && within && sla->remaining_working_hours <= *within;
        if (within && !sla->breached && !is_soon)
            continue;
        late += sla->breached;
        soon += is_soon;
        items.push_back({&s, *sla});
    }
    std::sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
        return a.sla.remaining_working_hours < b.sla.remaining_working_hours;
    });
    ctx.out.warn_provisional(provisional);
    if (ctx.out.json()) {
        Json j = Json::object();
        j["generated_at"] = now.iso();
        j["late"] = late;
        j["due_soon"] = soon;
        j["provisional_years"] = Json::Array(provisional.begin(), provisional.end());
        Json arr = Json::array();
        for (const auto& it : items) {
            Json r = Json::object();
            r["id"] = it.s->id;
            r["agency"] = it.s->agency;
            r["domain"] = it.s->domain;
            r["status"] = it.s->status;
            r["next"] = next_json(*parse_status(it.s->status), it.s->officer, staff);
            r["officer"] = text_or_null(it.s->officer);
            r["sla"] = sla_json(it.sla);
            r["mark"] = text_or_null(sla_mark(it.sla, cal));
            arr.push(r);
        }
        j["requests"] = arr;
        Json probs = Json::array();
        for (const auto& p : all.problems)
            probs.push(p);
        j["problems"] = probs;
        ctx.out.print_json(j);
    } else {
        // With -q, speak only when something needs attention, so cron
        // mails only then.  A file that could not be read needs it: it may
        // hold a late request.
        bool attention = late > 0 || soon > 0 || incomplete;
        const std::string unread = incomplete
                                       ? ntrf("{} request file could not be read and is left out",
                                              "{} request files could not be read and are left out",
                                              all.problems.size(), all.problems.size())
                                       : std::string();
        // A sentence, and after a semicolon the files left out, if any.
        auto with_unread = [&](const std::string& s) {
            return incomplete ? fmt::format("{}; {}", s, unread) : s;
        };
        std::vector<std::vector<std::string>> rows;
        for (const auto& it : items) {
            const Status st = *parse_status(it.s->status);
            auto nx = expected_next(st);
            std::string mark = sla_mark(it.sla, cal);
            std::vector<std::string> who;
            for (const StaffMember* m : next_people(st, it.s->officer, staff))
                who.push_back(m->id);
            rows.push_back({it.s->id, it.s->agency, it.s->domain, ctx.out.status(it.s->status),
                            !nx           ? std::string("-")
                            : who.empty() ? trf("{} (nobody holds {})", rule(*nx).name,
                                                roles_text(rule(*nx).roles))
                                          : trf("{} by {}", rule(*nx).name, text::join(who, ", ")),
                            it.sla.due.iso().substr(0, 16),
                            fmt::format("{:.2f}", it.sla.remaining_working_hours),
                            mark.empty() ? "" : ctx.out.mark(mark)});
        }
        if (items.empty()) {
            ctx.out.line(
                with_unread(within ? tr("Nothing is late or due soon") : tr("No open requests")) +
                    ".",
                attention);
        } else {
            const std::string stamp = now.iso().substr(0, 16);
            // TRANSLATORS: the time of the report, the number of open and of
            // late requests (and of those due within a working time).
            ctx.out.line(with_unread(within
                                         ? trf("SLA report {}: {} open, {} late, {} due within {}",
                                               stamp, items.size(), late, soon, o.due_within)
                                         : trf("SLA report {}: {} open, {} late", stamp,
                                               items.size(), late)),
                         attention);
            ctx.out.table({tr("ID"), tr("AGENCY"), tr("DOMAIN"), tr("STATUS"), tr("NEXT"),
                           tr("DUE"), tr("LEFT H"), ""},
                          rows, attention);
        }
        if (!provisional.empty() && !items.empty())
            ctx.out.line(trf("Note: {}; due times and hours left in them may change once the "
                             "official list is imported.",
                             provisional_text({provisional.begin(), provisional.end()})),
                         attention);
    }
    // Damage wins over a breach (exit 7, not 11): the late count itself
    // may be short.
    fail_if_unreadable(all.problems, "request file(s)",
                       o.fail_on_breach && late > 0
                           ? "; " + ntrf("{} request is past its SLA due time",
                                         "{} requests are past their SLA due time", late, late)
                           : std::string());
    if (o.fail_on_breach && late > 0)
        throw Error(Exit::sla_breach,
                    ntrf("{} request is past its SLA due time",
                         "{} requests are past their SLA due time", late, late),
                    tr("see 'hostingctl request list --overdue'"));
}

struct QuarterlyOptions {
    std::optional<int> year, quarter; // given or not: --quarter 0 is an error
    bool previous = false, to_stdout = false;
    std::vector<std::string> formats;
    std::string out;
};

void report_quarterly(Context& ctx, const QuarterlyOptions& o) {
    const Store& store = ctx.store();
    Calendar cal = store_calendar(store);
    Timestamp now = ctx.now(cal.tz());
    Quarter q;
    if (o.previous) {
        if (o.year || o.quarter)
            throw Error(Exit::usage, tr("--previous goes without --year and --quarter"));
        q = Quarter::previous(now.local_date());
    } else if (o.year || o.quarter) {
        if (!o.year || !o.quarter)
            throw Error(Exit::usage, tr("give both --year and --quarter (or --previous)"));
        q = Quarter::of(*o.year, *o.quarter);
    } else {
        Date today = now.local_date();
        q = Quarter::of(today.year, static_cast<int>((today.month - 1) / 3) + 1);
    }
    // With --stdout, --json asks for the report in JSON: it is the format
    // when none is given, and no other format goes with it.
    const bool json_out = o.to_stdout && ctx.out.json();
    if (json_out && !o.formats.empty() && (o.formats.size() != 1 || o.formats.front() != "json"))
        throw Error(
            Exit::usage,
            trf("--json prints the report in JSON, not as --format {}", text::join(o.formats, ",")),
            tr("drop --json to print that format, or drop --format"));
    std::vector<std::string> formats =
        o.formats.empty() ? std::vector<std::string>{json_out ? "json" : "md"} : o.formats;
    for (const auto& f : formats)
        if (f != "md" && f != "html" && f != "pdf" && f != "json" && f != "csv")
            throw Error(Exit::invalid, trf("unknown format '{}'", f),
                        tr("formats: md, html, pdf, json, csv"));
    if (o.to_stdout && formats.size() != 1)
        throw Error(Exit::usage, tr("--stdout prints one format; give a single --format"));
    if (o.to_stdout && formats.front() == "pdf")
        throw Error(Exit::usage, tr("a PDF is not printed to standard output"),
                    tr("leave --stdout out to write it into the store's reports/, or give --out "
                       "DIR"));
    stdfs::path dir = o.out.empty() ? store.root() / "reports" : stdfs::path(o.out);

    QuarterlyReport rep = build_quarterly(store, cal, q, now);
    warn_unreadable(ctx.out, rep.problems);
    ctx.out.warn_provisional({rep.provisional_years.begin(), rep.provisional_years.end()});
    // HTML and Markdown are the office's document, from its templates;
    // JSON and CSV the data.
    auto render = [&](const std::string& f) {
        if (f == "md")
            return document::render_quarterly(store, cal, rep, document::OutFormat::md);
        if (f == "html")
            return document::render_quarterly(store, cal, rep, document::OutFormat::html);
        if (f == "csv")
            return quarterly_csv(rep);
        return quarterly_json(rep).dump(2) + "\n";
    };
    // The report is written or printed whole, listing the files it could
    // not read; then the command fails so that cron says so.
    if (o.to_stdout) {
        ctx.out.raw(render(formats.front()));
        fail_if_unreadable(rep.problems, "file(s)");
        return;
    }
    std::error_code ec;
    stdfs::create_directories(dir, ec);
    if (ec)
        throw Error(Exit::failure, trf("cannot create {}: {}", dir.string(), ec.message()));
    Json files = Json::array();
    for (const auto& f : formats) {
        stdfs::path file = dir / fmt::format("quarterly-{}.{}", q.label(), f);
        if (f == "pdf")
            document::quarterly_pdf(store, cal, rep, file);
        else
            fs::atomic_write(file, render(f));
        files.push(file.string());
        ctx.out.line(trf("Wrote {}", file.string()));
    }
    if (ctx.out.json()) {
        Json j = Json::object();
        j["quarter"] = q.label();
        j["files"] = files;
        ctx.out.print_json(j);
    }
    fail_if_unreadable(rep.problems, "file(s)");
}

} // namespace

void setup_report(CLI::App& app, Context& ctx) {
    CLI::App* grp = app.add_subcommand("report", "SLA watch list and the quarterly evaluation");
    grp->require_subcommand(1);

    auto so = std::make_shared<SlaOptions>();
    CLI::App* s = grp->add_subcommand("sla", "open requests with due times, most urgent first "
                                             "(for a daily cron job)");
    s->add_flag("--fail-on-breach", so->fail_on_breach,
                "exit 11 when a request is past its due time");
    s->add_option("--due-within", so->due_within,
                  "only late requests and those due within this working time (4h, 90m, 2d)");
    s->callback([&ctx, so] { report_sla(ctx, *so); });

    auto qo = std::make_shared<QuarterlyOptions>();
    CLI::App* q = grp->add_subcommand("quarterly", "the three-monthly performance evaluation");
    q->add_option_function<int>(
        "--year", [qo](const int& y) { qo->year = y; }, N_("year of the quarter"));
    q->add_option_function<int>(
        "--quarter", [qo](const int& n) { qo->quarter = n; }, N_("quarter 1-4"));
    q->add_flag("--previous", qo->previous, "the quarter before the current one (for cron)");
    repeatable(q->add_option("--format", qo->formats,
                             "md, html, pdf, json or csv (repeatable; default md)"));
    q->add_option("--out", qo->out, "directory for the files (default: the store's reports/)");
    q->add_flag("--stdout", qo->to_stdout, "print the report instead of writing a file");
    q->callback([&ctx, qo] { report_quarterly(ctx, *qo); });
}

} // namespace hostingctl::cli
