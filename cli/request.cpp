// hostingctl request new|<workflow step>|show|list|log
#include "calendar/calendar.hpp"
#include "commands.hpp"
#include "document/documents.hpp"
#include "inventory/inventory.hpp"
#include "people/people.hpp"
#include "provision/service.hpp"
#include "survey/survey.hpp"
#include "util/diff.hpp"
#include "util/error.hpp"
#include "util/i18n.hpp"
#include "util/text.hpp"
#include "validate/validate.hpp"
#include "workflow/find.hpp"
#include "workflow/request_view.hpp"
#include "workflow/service.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <fmt/format.h>
#include <set>
#include <unistd.h>

namespace hostingctl::cli {

namespace {

std::string agency_name(const std::vector<Agency>& agencies, const std::string& code) {
    for (const auto& a : agencies)
        if (a.code == code)
            return a.name;
    return {};
}

std::string next_text(Status st) {
    auto step = expected_next(st);
    if (!step)
        return tr("nothing: the request is closed");
    const StepRule& r = rule(*step);
    // TRANSLATORS: the next step: its command name, the roles that may take
    // it, and what it means.
    return trf("{} by {} — {}", step_command(*step), roles_text(r.roles), tr(r.summary));
}

std::string hosting_text(const HostingSpec& h) {
    const char* database = h.database ? tr("yes") : tr("no");
    // TRANSLATORS: the hosting of a request: the application kind (static,
    // php or proxy, not translated), then whether it has a database.
    if (h.app == AppKind::php)
        return trf("{} {}, database: {}, quota {} MB", to_string(h.app), h.php_version, database,
                   h.disk_quota_mb);
    if (h.app == AppKind::proxy)
        return trf("{} to port {}, database: {}, quota {} MB", to_string(h.app), h.upstream_port,
                   database, h.disk_quota_mb);
    return trf("{}, database: {}, quota {} MB", to_string(h.app), database, h.disk_quota_mb);
}

std::string sla_text(const Sla& s, const Calendar& cal) {
    std::string mark = sla_mark(s, cal);
    std::string text;
    if (s.running)
        text = trf("due {}, {} working h elapsed, {} h left", s.due.iso().substr(0, 16),
                   s.elapsed_working_hours, s.remaining_working_hours);
    else if (s.delivered && s.within_target)
        text = trf("stopped {} after {} working h ({} days); due was {}, within target",
                   s.stopped_at->iso().substr(0, 16), s.elapsed_working_hours,
                   s.elapsed_working_days, s.due.iso().substr(0, 16));
    else
        text = trf("stopped {} after {} working h ({} days); due was {}",
                   s.stopped_at->iso().substr(0, 16), s.elapsed_working_hours,
                   s.elapsed_working_days, s.due.iso().substr(0, 16));
    if (s.paused_working_hours > 0)
        text = trf("{}, {} h paused", text, s.paused_working_hours);
    return mark.empty() ? text : fmt::format("{} [{}]", text, mark_text(mark));
}

void print_request(Context& ctx, const Request& r) {
    auto agencies = ctx.store().agencies();
    Calendar cal = store_calendar(ctx.store());
    Sla sla = compute_sla(sla_input(r), cal, ctx.now(cal.tz()));
    ctx.out.warn_provisional({sla.provisional_years.begin(), sla.provisional_years.end()});
    if (ctx.out.json()) {
        ctx.out.print_json(request_json(r, agencies, sla));
        return;
    }
    Status st = derive_status(r.events);
    const Output& out = ctx.out;
    out.line(
        fmt::format("{}  {}  [{}]", out.bold(r.id), r.hosting.domain, out.status(to_string(st))));
    std::string an = agency_name(agencies, r.agency);
    // TRANSLATORS: the labels of `request show` are aligned: keep the value
    // at the same column in every label of this group (the longest label,
    // "last step", takes 9 columns).
    out.line(trf("  agency    {}{}", r.agency, an.empty() ? "" : " — " + an));
    out.line(
        trf("  letter    {} of {}: {}", r.letter.number, r.letter.date.iso(), r.letter.subject));
    out.line(trf("  received  {}", r.letter.received_at.iso()));
    for (const auto& a : r.letter.attachments)
        out.line(
            ntrf("  attached  {} ({} byte)", "  attached  {} ({} bytes)", a.size, a.path, a.size));
    out.line(trf("  hosting   {}", hosting_text(r.hosting)));
    if (!r.contact.name.empty() || !r.contact.phone.empty() || !r.contact.email.empty()) {
        std::vector<std::string> c;
        for (const auto* s : {&r.contact.name, &r.contact.phone, &r.contact.email})
            if (!s->empty())
                c.push_back(*s);
        out.line(trf("  contact   {}", text::join(c, ", ")));
    }
    // Where the site was made: the last provisioning that kept its work.
    for (auto e = r.events.rbegin(); e != r.events.rend(); ++e) {
        if (e->action != "provision_result" ||
            (e->get("outcome") != "changed" && e->get("outcome") != "unchanged"))
            continue;
        for (const auto& [k, v] : e->data) {
            if (k == "site") {
                out.line(trf("  site      {} on {}, user {}", v.get("url"), e->get("server"),
                             v.get("user")));
                out.line(
                    trf("            files {}, virtual host {}", v.get("root"), v.get("vhost")));
                if (!v.get("php_pool").empty())
                    out.line(trf("            PHP-FPM pool {}", v.get("php_pool")));
                out.line(
                    trf("            DNS in zone {} on {}", v.get("zone"), v.get("dns_server")));
            } else if (k == "database") {
                out.line(trf("            database {}, user {}@{}", v.get("name"), v.get("user"),
                             v.get("host")));
            }
        }
        break;
    }
    std::string officer = assigned_officer(r.events);
    out.line(trf("  officer   {}", officer.empty() ? "-" : officer));
    out.line(trf("  next      {}", next_text(st)));
    out.line(trf("  SLA       {}", sla_text(sla, cal)));
    const Event& last = r.events.back();
    out.line(trf("  last step {} by {} at {} ({}; 'hostingctl request log {}')", last.action,
                 last.by, last.at.iso(),
                 ntrf("{} event", "{} events", r.events.size(), r.events.size()), r.id));
}

void print_step_result(Context& ctx, const Request& r) {
    if (ctx.out.json()) {
        Calendar cal = store_calendar(ctx.store());
        Sla sla = compute_sla(sla_input(r), cal, ctx.now(cal.tz()));
        ctx.out.print_json(request_json(r, ctx.store().agencies(), sla));
        return;
    }
    // The step itself, not the record-only events it added (a document).
    auto step = std::find_if(r.events.rbegin(), r.events.rend(), [](const Event& ev) {
        return moves_status(ev) || ev.action == "note";
    });
    const Event& e = step == r.events.rend() ? r.events.back() : *step;
    Status st = derive_status(r.events);
    std::string by = e.by;
    for (const auto& s : ctx.store().staff())
        if (s.id == e.by)
            by += " (" + s.name + ")";
    // The status the step led to, but "resumed" for resume, whose status
    // (assigned) would read as if the request had been assigned anew.
    std::string what = e.action == "note"     ? tr("note added")
                       : e.action == "resume" ? tr("resumed")
                                              : to_string(st);
    if (e.action == "revert")
        // TRANSLATORS: request number, domain, the step taken back, who,
        // when, the status the request is back in.
        ctx.out.line(trf("{} {}: '{}' taken back by {} at {}; the request is {} again",
                         ctx.out.bold(r.id), r.hosting.domain, e.get("step"), by, e.at.iso(),
                         ctx.out.status(to_string(st))));
    else
        // TRANSLATORS: request number, domain, the status reached (or "note
        // added", "resumed"), who, when.
        ctx.out.line(trf("{} {}: {} by {} at {}", ctx.out.bold(r.id), r.hosting.domain,
                         ctx.out.status(what), by, e.at.iso()));
    if (!e.data.empty() || !e.note.empty())
        ctx.out.line(fmt::format("  {}", event_details(e)));
    ctx.out.line(trf("  next: {}", next_text(st)));
}

// A step, with the document it makes (document/documents.hpp): the
// number taken and the event added in the same write as the step, the
// files written after it.
void perform_with_document(Context& ctx, const StepInput& in) {
    const Calendar cal = store_calendar(ctx.store());
    document::StepDocument doc(ctx.store(), cal, in.step);
    const Request r =
        perform_step(ctx.store(), in, ctx.caller(), [&doc](Request& req) { doc.prepare(req); });
    std::vector<std::string> warnings;
    const auto files = doc.finish(warnings);
    print_step_result(ctx, r);
    for (const auto& f : files)
        ctx.out.line(trf("  document: {} {} ({}) {}", f.kind, f.number, f.format,
                         stdfs::relative(f.path, ctx.store().root()).string()));
    for (const auto& w : warnings)
        ctx.out.warn(w);
}

// --- new ------------------------------------------------------------------

void setup_new(CLI::App& grp, Context& ctx) {
    auto in = std::make_shared<NewRequestInput>();
    auto db = std::make_shared<std::string>("no");
    auto port = std::make_shared<std::string>();
    CLI::App* c = grp.add_subcommand("new", "record an agency's hosting request letter (SOP 1)");
    c->add_option("--agency", in->agency, "agency code (see 'agency list')")->required();
    c->add_option("--letter-number", in->letter_number, "number of the request letter")->required();
    c->add_option("--letter-date", in->letter_date, "date on the letter: YYYY-MM-DD or DD-MM-YYYY")
        ->required();
    c->add_option("--received-at", in->received_at,
                  "when the letter arrived (ISO 8601; default: now)");
    c->add_option("--subject", in->subject, "subject (perihal) of the letter")->required();
    c->add_option("--domain", in->domain,
                  "requested name: a label (simpus) or a full name in "
                  "the parent zone")
        ->required();
    c->add_option("--app", in->app, "application kind: static, php or proxy")
        ->capture_default_str();
    c->add_option("--php", in->php_version, "PHP version for --app php (default 8.2)");
    // Read as text: CLI11 would take 0x50 for 80, and 0 for "not given".
    auto* up =
        c->add_option("--upstream-port", *port, "local port for --app proxy")->type_name("INT");
    c->add_option("--database", *db, "a database is wanted: yes or no")->capture_default_str();
    c->add_option("--quota", in->quota, "disk quota: MB or with M/G suffix")->capture_default_str();
    c->add_option("--contact-name", in->contact_name, "contact person at the agency");
    c->add_option("--contact-phone", in->contact_phone, "contact phone");
    c->add_option("--contact-email", in->contact_email, "contact e-mail");
    repeatable(
        c->add_option("--attach", in->attachments, "scan of the letter or other file (repeatable)"),
        false);
    c->add_option("--by", in->by, "staff member who received the letter (default: you)");
    c->add_option("--note", in->note, "remark");
    c->callback([&ctx, in, db, port, up] {
        in->database = validate::yes_no("--database", *db);
        if (up->count() > 0) {
            long n = 0;
            auto [end, ec] = std::from_chars(port->data(), port->data() + port->size(), n);
            if (port->empty() || ec != std::errc() || end != port->data() + port->size())
                throw Error(Exit::invalid,
                            trf("--upstream-port '{}' is not a number", text::shown(*port)));
            in->upstream_port = validate::port("--upstream-port", n);
        }
        Request r = create_request(ctx.store(), *in, ctx.caller());
        print_step_result(ctx, r);
    });
}

// --- provisioning -----------------------------------------------------------

// The help line of a step: its meaning from the step table, with the SOP
// step of the service standard.
std::string step_help(const StepRule& r) {
    return r.sop > 0 ? trf("{} (SOP {})", tr(r.summary), r.sop) : std::string(tr(r.summary));
}

bool made(const Plan& p, std::string_view action_prefix) {
    for (const auto& a : p.actions)
        if (a.name.rfind(action_prefix, 0) == 0 && a.outcome == Outcome::done)
            return true;
    return false;
}

// The site's MariaDB user was made by this run, and kept: its password is
// to be shown.
bool database_made(const Plan& p) {
    return !p.site.database.empty() && made(p, "database " + p.site.database);
}

// The passwords of the users this run made and kept (also after a failure
// with --keep-partial): shown now or never.
void print_logins(Context& ctx, const ProvisionReport& rep, const std::string& indent) {
    const Plan& p = rep.plan;
    if (made(p, "SFTP password"))
        ctx.out.line(trf("{}SFTP login {} password {} (shown once; kept for the access "
                         "document)",
                         indent, p.site.user, p.sftp_password),
                     true);
    if (database_made(p))
        ctx.out.line(trf("{}Database {} user {} host {} password {} (shown once; kept "
                         "for the access document)",
                         indent, p.site.database, p.site.database_user, p.site.database_host,
                         p.database_password),
                     true);
    else if (rep.result.ok && !p.site.database.empty())
        ctx.out.line(trf("{}Database {} user {} host {} (made before; its password was "
                         "shown then)",
                         indent, p.site.database, p.site.database_user, p.site.database_host));
}

// The passwords a run made and kept, for the access document of the
// delivery, which takes them (document::keep_passwords, mode 0600).
void keep_logins(Context& ctx, const ProvisionReport& rep) {
    if (!rep.planned)
        return;
    const Plan& p = rep.plan;
    std::map<std::string, std::string> kept;
    if (made(p, "SFTP password"))
        kept["sftp"] = p.sftp_password;
    if (database_made(p))
        kept["database"] = p.database_password;
    document::keep_passwords(ctx.store(), rep.id, kept);
}

// How a dry run shows a file it would write: a file that is there as a
// diff from what it holds, a new one whole (or one that changes too much).
std::optional<std::string> file_diff(const PlannedFile& f, const PlanAction& a) {
    if (!f.before)
        return std::nullopt;
    return diff::unified(*f.before, f.content, trf("{} (now)", f.path),
                         fmt::format("{} ({})", f.path, a.shown_name()));
}

Json provision_json(const ProvisionReport& rep, const RunOptions& opt) {
    const Plan& p = rep.plan;
    Json j = Json::object();
    j["request"] = rep.id;
    if (rep.planned) {
        j["domain"] = p.site.domain;
        j["server"] = p.site.server;
        j["url"] = p.site.url;
    }
    j["dry_run"] = opt.dry_run;
    j["ok"] = rep.result.ok;
    j["changed"] = rep.result.changed;
    Json acts = Json::array();
    for (const auto& a : p.actions) {
        Json o = Json::object();
        o["action"] = a.name;
        o["server"] = a.server;
        o["outcome"] = to_string(a.outcome);
        o["detail"] = a.detail;
        if (opt.dry_run) {
            Json files = Json::array();
            for (const auto& f : a.files) {
                Json fj = Json::object();
                fj["path"] = f.path;
                fj["content"] = f.content;
                fj["exists"] = f.before.has_value();
                if (auto d = file_diff(f, a))
                    fj["diff"] = *d;
                files.push(fj);
            }
            o["files"] = files;
        }
        acts.push(o);
    }
    j["actions"] = acts;
    if (made(p, "SFTP password"))
        j["sftp_password"] = p.sftp_password; // shown once; never stored
    if (!p.site.database.empty()) {
        Json db = Json::object();
        db["name"] = p.site.database;
        db["user"] = p.site.database_user;
        db["host"] = p.site.database_host;
        j["database"] = db;
        if (database_made(p))
            j["database_password"] = p.database_password; // shown once; never stored
    }
    if (!rep.result.ok)
        j["error"] = rep.result.error;
    return j;
}

std::string failure_hint(const RunResult& res, const RunOptions& opt) {
    return !res.hint.empty() ? res.hint
           : opt.keep_partial
               ? tr("what was applied is left in place (--keep-partial); run again to complete it")
               : tr("what this run applied was undone; fix the cause and run again");
}

// The files a dry run would write.
void print_files(Context& ctx, const Plan& p) {
    for (const auto& a : p.actions)
        if (a.outcome == Outcome::pending)
            for (const auto& f : a.files) {
                if (auto d = file_diff(f, a))
                    ctx.out.line("\n" + *d);
                else
                    ctx.out.line(
                        fmt::format("\n--- {} ({})\n{}", f.path, a.shown_name(), f.content));
            }
}

// One request: every action of its plan.
void print_provision(Context& ctx, const ProvisionReport& rep, const RunOptions& opt) {
    const Plan& p = rep.plan;
    if (!rep.planned)
        throw Error(rep.result.code, rep.result.error, rep.result.hint);
    if (ctx.out.json()) {
        ctx.out.print_json(provision_json(rep, opt));
    } else {
        std::vector<std::vector<std::string>> rows;
        for (const auto& a : p.actions)
            rows.push_back({a.server, a.shown_name(),
                            opt.dry_run && a.outcome == Outcome::pending
                                ? std::string(tr("would apply"))
                                : outcome_text(a.outcome),
                            a.detail});
        ctx.out.table({tr("SERVER"), tr("ACTION"), tr("OUTCOME"), tr("DETAIL")}, rows);
        if (opt.dry_run) {
            print_files(ctx, p);
            ctx.out.line(tr("Dry run: nothing was changed."));
        } else if (rep.result.ok) {
            ctx.out.line(rep.result.changed
                             ? trf("{} is served at {}", p.site.domain, p.site.url)
                             : trf("{} was provisioned already; nothing changed", p.site.domain));
        }
        if (!opt.dry_run)
            print_logins(ctx, rep, "");
    }
    if (!rep.result.ok)
        throw Error(rep.result.code == Exit::ok ? Exit::remote : rep.result.code,
                    trf("provisioning {} failed: {}", rep.id, rep.result.error),
                    failure_hint(rep.result, opt));
}

// Several requests: one line each, then the logins made, then one error
// when any failed (exit 10 when a host key was refused, else 9 for a
// server's failure, else the first failure's code).
void print_provisions(Context& ctx, const std::vector<ProvisionReport>& reps,
                      const RunOptions& opt) {
    size_t failures = 0;
    Exit code = Exit::ok;
    for (const auto& rep : reps) {
        if (rep.result.ok)
            continue;
        ++failures;
        const Exit c = rep.result.code == Exit::ok ? Exit::remote : rep.result.code;
        if (code == Exit::ok || c == Exit::host_key ||
            (c == Exit::remote && code != Exit::host_key))
            code = c;
    }
    if (ctx.out.json()) {
        Json j = Json::object();
        j["dry_run"] = opt.dry_run;
        j["ok"] = failures == 0;
        Json arr = Json::array();
        for (const auto& rep : reps)
            arr.push(provision_json(rep, opt));
        j["requests"] = arr;
        ctx.out.print_json(j);
    } else {
        std::vector<std::vector<std::string>> rows;
        for (const auto& rep : reps) {
            const bool pending = std::any_of(
                rep.plan.actions.begin(), rep.plan.actions.end(), [](const PlanAction& a) {
                    return !a.verify && !a.only_after_change && a.outcome == Outcome::pending;
                });
            // TRANSLATORS: outcomes of provisioning, in a table cell.
            std::string outcome = !rep.result.ok ? tr("failed")
                                  : opt.dry_run  ? (pending ? tr("would change") : tr("no change"))
                                  : rep.result.changed ? tr("provisioned")
                                                       : tr("no change");
            rows.push_back({rep.id, rep.planned ? rep.plan.site.domain : "",
                            rep.planned ? rep.plan.site.server : "", outcome,
                            rep.result.ok ? rep.plan.site.url : rep.result.error});
        }
        ctx.out.table({tr("REQUEST"), tr("DOMAIN"), tr("SERVER"), tr("OUTCOME"), tr("DETAIL")},
                      rows, failures > 0);
        if (opt.dry_run) {
            for (const auto& rep : reps)
                print_files(ctx, rep.plan);
            ctx.out.line(tr("Dry run: nothing was changed."));
        }
        if (!opt.dry_run)
            for (const auto& rep : reps)
                if (rep.planned && (made(rep.plan, "SFTP password") || database_made(rep.plan) ||
                                    (rep.result.ok && !rep.plan.site.database.empty()))) {
                    ctx.out.line(fmt::format("{} ({}):", rep.plan.site.domain, rep.id), true);
                    print_logins(ctx, rep, "  ");
                }
    }
    if (failures > 0) {
        const ProvisionReport* f = nullptr;
        for (const auto& rep : reps)
            if (!rep.result.ok && !f)
                f = &rep;
        throw Error(code,
                    ntrf("{} of {} requests was not provisioned; {}: {}",
                         "{} of {} requests were not provisioned; {}: {}", failures, failures,
                         reps.size(), f->id, f->result.error),
                    failure_hint(f->result, opt));
    }
}

void setup_provision(CLI::App& grp, Context& ctx, const StepRule& r) {
    struct Flags {
        std::vector<std::string> ids;
        std::string server, by, at, note;
        bool manual = false, dry_run = false, keep_partial = false, all_verified = false;
        int jobs = 4;
    };
    auto f = std::make_shared<Flags>();
    CLI::App* c = grp.add_subcommand(r.name, step_help(r));
    c->add_option("id", f->ids, "request numbers (or domains)");
    c->add_option("--server", f->server,
                  "web server from servers.yaml (default: where the request was provisioned "
                  "before, else the only web server)");
    c->add_option("--by", f->by,
                  trf("who performed it, must hold {} (default: you)", roles_text(r.roles)));
    auto* all = c->add_flag("--all-verified", f->all_verified,
                            "also every verified request waiting for provisioning");
    auto* m = c->add_flag("--manual", f->manual, "record a provisioning done by hand");
    auto* at = c->add_option("--at", f->at, "with --manual: when it was done (ISO 8601)");
    auto* note = c->add_option("--note", f->note, "with --manual: remark");
    auto* d = c->add_flag("--dry-run", f->dry_run,
                          "print the plan and every file it would write; change nothing");
    auto* k = c->add_flag("--keep-partial", f->keep_partial,
                          "on failure, leave what was applied (default: undo it)");
    auto* jobs = c->add_option("--jobs", f->jobs, "servers worked on at once, 1-64 (default 4)")
                     ->check(CLI::Range(1, 64).description(""));
    for (auto* o : {d, k, all, jobs})
        m->excludes(o);
    at->needs(m);
    note->needs(m);
    c->callback([&ctx, f] {
        for (std::string& id : f->ids)
            id = ctx.request_id(id);
        if (f->manual) {
            if (f->ids.size() != 1)
                throw Error(Exit::usage, tr("--manual records one request, with its --server"),
                            tr("hostingctl request provision ID --server NAME --manual"));
            if (f->server.empty()) {
                // The only web server is the default, as without --manual.
                std::vector<std::string> web;
                for (const auto& s : read_inventory(ctx.store()).servers)
                    if (s.web)
                        web.push_back(s.name);
                if (web.size() != 1)
                    throw Error(Exit::usage,
                                web.empty()
                                    ? std::string(tr("servers.yaml has no web server"))
                                    : trf("which server was it made on: {}?", text::or_list(web)),
                                tr("hostingctl request provision ID --server NAME --manual"));
                f->server = web.front();
            }
            StepInput in;
            in.step = Step::provision;
            in.id = f->ids.front();
            in.by = f->by;
            in.at = f->at;
            in.note = f->note;
            in.data["server"] = f->server;
            return print_step_result(ctx, perform_step(ctx.store(), in, ctx.caller()));
        }
        if (f->ids.empty() && !f->all_verified)
            throw Error(Exit::usage, tr("which requests? give their numbers, or --all-verified"),
                        tr("hostingctl request provision ID... [--server NAME]"));
        ProvisionInput pin;
        pin.ids = f->ids;
        pin.all_verified = f->all_verified;
        pin.server = f->server;
        pin.by = f->by;
        pin.jobs = f->jobs;
        pin.run.dry_run = f->dry_run;
        pin.run.keep_partial = f->keep_partial;
        // Each phase on a terminal (or with -v), with the seconds since the start.
        if ((::isatty(STDERR_FILENO) && !ctx.out.quiet()) || ctx.out.verbosity() > 0) {
            const auto start = std::chrono::steady_clock::now();
            pin.progress = [start](const std::string& server, size_t sites,
                                   const std::string& phase) {
                const double s =
                    std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
                std::fprintf(stderr, "%6.2f s  %s%s%s (%s)\n", s, server.c_str(),
                             server.empty() ? "" : ": ", phase.c_str(),
                             ntrf("{} site", "{} sites", sites, sites).c_str());
            };
        }
        auto reps = provision_requests(ctx.store(), pin, ctx.caller());
        if (reps.empty()) {
            ctx.out.line(tr("No verified request is waiting for provisioning."));
            if (ctx.out.json()) {
                Json j = Json::object();
                j["dry_run"] = f->dry_run;
                j["ok"] = true;
                j["requests"] = Json::array();
                ctx.out.print_json(j);
            }
            return;
        }
        for (const auto& rep : reps)
            if (!rep.warning.empty())
                ctx.out.warn(fmt::format("{}: {}", rep.id, rep.warning));
        if (!pin.run.dry_run)
            for (const auto& rep : reps)
                keep_logins(ctx, rep);
        if (reps.size() == 1 && !f->all_verified)
            return print_provision(ctx, reps.front(), pin.run);
        print_provisions(ctx, reps, pin.run);
    });
}

// --- workflow steps -------------------------------------------------------

// One subcommand per step of the step table, with --by, --at, --note and an
// option for each data entry the action table lists for it.  Adding a step
// to those tables adds its command.  Two steps read differently on the
// command line: verify (--complete, or --incomplete --missing, which records
// the "incomplete" step) and note (the remark is the argument).
void setup_steps(CLI::App& grp, Context& ctx) {
    for (const StepRule& r : step_rules()) {
        if (r.step == Step::create || r.step == Step::incomplete)
            continue; // "request new"; "verify --incomplete"
        if (r.step == Step::provision) {
            setup_provision(grp, ctx, r);
            continue;
        }
        auto in = std::make_shared<StepInput>();
        in->step = r.step;
        CLI::App* c = grp.add_subcommand(r.name, step_help(r));
        c->add_option("id", in->id, "request number (or domain)")->required();
        c->add_option("--by", in->by,
                      trf("who performed it, must hold {} (default: you)", roles_text(r.roles)));
        c->add_option("--at", in->at, "when it was performed (ISO 8601; default: now)");
        if (r.step == Step::note) {
            c->add_option("text", in->note, "the remark")->required();
        } else {
            c->add_option("--note", in->note, "remark");
        }
        for (const DataField& f : info(r.step).required)
            c->add_option(fmt::format("--{}", f.key), in->data[f.key], f.help)->required();
        for (const DataField& f : info(r.step).optional)
            c->add_option(fmt::format("--{}", f.key), in->data[f.key], f.help);

        if (r.step == Step::verify) {
            auto complete = std::make_shared<bool>(false);
            auto incomplete = std::make_shared<bool>(false);
            auto* oc = c->add_flag("--complete", *complete, "the documents are complete");
            auto* oi = c->add_flag("--incomplete", *incomplete,
                                   "documents are missing; wait for the agency (SLA paused)");
            oc->excludes(oi);
            auto missing = std::make_shared<std::string>();
            c->add_option(
                "--missing", *missing,
                trf("{} (with --incomplete)", tr(info(Step::incomplete).required[0].help)));
            c->callback([&ctx, in, complete, incomplete, missing] {
                if (!*complete && !*incomplete)
                    throw Error(Exit::usage,
                                tr("say whether the documents are --complete or --incomplete"),
                                tr("hostingctl request verify ID --complete, or --incomplete "
                                   "--missing \"...\""));
                if (*complete && !missing->empty())
                    throw Error(Exit::usage, tr("--missing goes with --incomplete"),
                                tr("drop --missing, or use --incomplete --missing \"...\""));
                if (*incomplete && missing->empty())
                    throw Error(Exit::usage, tr("--incomplete needs --missing \"what is missing\""),
                                tr("say what the agency must still send, e.g. --missing \"scan "
                                   "of the KTP\""));
                StepInput step = *in;
                step.id = ctx.request_id(step.id);
                if (*incomplete) {
                    step.step = Step::incomplete;
                    step.data["missing"] = *missing;
                }
                perform_with_document(ctx, step);
            });
            continue;
        }
        c->callback([&ctx, in] {
            StepInput step = *in;
            step.id = ctx.request_id(step.id);
            perform_with_document(ctx, step);
        });
    }
}

// --- amend, revert, attach ------------------------------------------------

// Documents already issued keep what they said; a correction to the details
// they show is made known, with the command that makes them again.
void documents_hint(Context& ctx, const Request& r) {
    std::vector<std::string> kinds;
    for (const auto& e : r.events)
        if (e.action == "document" &&
            std::find(kinds.begin(), kinds.end(), e.get("kind")) == kinds.end())
            kinds.push_back(e.get("kind"));
    if (!kinds.empty())
        ctx.out.note(trf("documents already issued ({}) show the details as they were; make them "
                         "again with 'hostingctl doc render {} KIND'",
                         text::join(kinds, ", "), r.id));
}

void setup_corrections(CLI::App& grp, Context& ctx) {
    struct AmendOptions {
        AmendInput in;
        std::map<std::string, std::string> values;
    };
    auto ao = std::make_shared<AmendOptions>();
    CLI::App* amend = grp.add_subcommand(
        "amend", "correct the letter, contact or hosting details (recorded with before and after)");
    amend->add_option("id", ao->in.id, "request number (or domain)")->required();
    const std::vector<std::pair<const char*, const char*>> fields = {
        {"agency", N_("agency code")},
        {"letter-number", N_("number of the request letter")},
        {"letter-date", N_("date on the letter")},
        {"subject", N_("subject (perihal) of the letter")},
        {"contact-name", N_("contact person at the agency (\"\" clears)")},
        {"contact-phone", N_("contact phone (\"\" clears)")},
        {"contact-email", N_("contact e-mail (\"\" clears)")},
        {"domain", N_("requested name (before provisioning)")},
        {"app", N_("application kind: static, php or proxy (before provisioning)")},
        {"php", N_("PHP version for --app php (before provisioning)")},
        {"upstream-port", N_("local port for --app proxy (before provisioning)")},
        {"database", N_("a database is wanted: yes or no (before provisioning)")},
        {"quota", N_("disk quota: MB or with M/G suffix (before provisioning)")},
    };
    for (const auto& [name, help] : fields)
        amend->add_option(fmt::format("--{}", name), ao->values[name], help);
    amend->add_option("--by", ao->in.by, "who corrects it: admin or petugas_teknis (default: you)");
    amend->add_option("--reason", ao->in.reason, "why (kept with the correction)");
    amend->callback([&ctx, ao, amend, fields] {
        AmendInput in = ao->in;
        // The options given, in the order of the help (an option given as
        // "" clears a contact detail, so presence counts, not the value).
        for (const auto& [name, help] : fields)
            if (amend->count(fmt::format("--{}", name)) > 0)
                in.changes.emplace_back(name, ao->values[name]);
        in.id = ctx.request_id(in.id);
        const Amended a = amend_request(ctx.store(), in, ctx.caller());
        if (!a.changed) {
            if (ctx.out.json())
                print_step_result(ctx, a.request);
            else
                ctx.out.line(
                    trf("{}: nothing to change; the details are already as given", a.request.id));
            return;
        }
        if (ctx.out.json()) {
            print_step_result(ctx, a.request);
            return;
        }
        const Event& e = a.request.events.back();
        ctx.out.line(trf("{} {}: amended by {} at {}", ctx.out.bold(a.request.id),
                         a.request.hosting.domain, e.by, e.at.iso()));
        for (const auto& [k, v] : e.data)
            ctx.out.line(fmt::format("  {}: {} → {}", k,
                                     v.get("before").empty() ? "-" : v.get("before"),
                                     v.get("after").empty() ? "-" : v.get("after")));
        documents_hint(ctx, a.request);
    });

    auto ri = std::make_shared<RevertInput>();
    CLI::App* revert = grp.add_subcommand(
        "revert", "take back the last step, recorded by mistake (by its performer or an admin)");
    revert->add_option("id", ri->id, "request number (or domain)")->required();
    revert->add_option("--reason", ri->reason, "why the step is taken back")->required();
    revert->add_option("--by", ri->by, "who takes it back (default: you)");
    revert->callback([&ctx, ri] {
        RevertInput in = *ri;
        in.id = ctx.request_id(in.id);
        // A completion the agency has answered the survey for stays: the
        // response counts in the IKM of a request that is completed.
        in.check = [&ctx](const Request& r, const Event& step) {
            if (step.action != "complete")
                return;
            for (const auto& s : list_surveys(ctx.store(), DateRange{}).items)
                if (s.request == r.id)
                    throw Error(
                        Exit::refused,
                        trf("{} has survey response {}, recorded after its completion", r.id, s.id),
                        tr("a completion the agency answered the survey for stays; "
                           "record what is wrong with 'hostingctl request note'"));
        };
        const Request r = revert_step(ctx.store(), in, ctx.caller());
        print_step_result(ctx, r);
    });

    auto ai = std::make_shared<AttachInput>();
    CLI::App* attach =
        grp.add_subcommand("attach", "add documents to the letter (e.g. what was missing)");
    attach->add_option("id", ai->id, "request number (or domain)")->required();
    attach->add_option("file", ai->files, "files to attach")->required();
    attach->add_option("--by", ai->by, "who received them (default: you)");
    attach->add_option("--note", ai->note, "remark");
    attach->callback([&ctx, ai] {
        AttachInput in = *ai;
        in.id = ctx.request_id(in.id);
        const Request r = attach_files(ctx.store(), in, ctx.caller());
        if (ctx.out.json()) {
            print_step_result(ctx, r);
            return;
        }
        const Event& e = r.events.back();
        ctx.out.line(trf("{} {}: documents added by {} at {}", ctx.out.bold(r.id), r.hosting.domain,
                         e.by, e.at.iso()));
        for (const auto& [k, v] : e.data)
            for (const auto& f : v.items)
                ctx.out.line(trf("  attached  {}", f.text));
    });
}

// --- show, log, list, find -----------------------------------------------

// The rows of `request list` and `request find`: a table, or with --json
// an array of request summaries.
void print_rows(Context& ctx, const std::vector<const RequestSummary*>& rows,
                const std::vector<std::optional<Sla>>& slas, const Calendar& cal) {
    if (ctx.out.json()) {
        Json arr = Json::array();
        for (size_t i = 0; i < rows.size(); ++i)
            arr.push(summary_json(*rows[i], slas[i]));
        ctx.out.print_json(arr);
    } else if (rows.empty()) {
        ctx.out.line(tr("No requests match."));
    } else {
        std::vector<std::vector<std::string>> table;
        table.reserve(rows.size());
        for (size_t i = 0; i < rows.size(); ++i) {
            const RequestSummary* s = rows[i];
            auto st = parse_status(s->status);
            auto nx = st ? expected_next(*st) : std::nullopt;
            std::string due = "-";
            if (slas[i] && slas[i]->running) {
                std::string mark = sla_mark(*slas[i], cal);
                due = slas[i]->due.iso().substr(0, 16);
                if (!mark.empty())
                    due += " " + ctx.out.mark(mark);
            } else if (slas[i] && slas[i]->delivered && slas[i]->breached) {
                due = ctx.out.mark("late");
            }
            table.push_back({s->id, s->received_at.substr(0, 16), s->agency, s->domain,
                             ctx.out.status(s->status), s->officer.empty() ? "-" : s->officer,
                             nx ? rule(*nx).name : "-", due});
        }
        ctx.out.table({tr("ID"), tr("RECEIVED"), tr("AGENCY"), tr("DOMAIN"), tr("STATUS"),
                       tr("OFFICER"), tr("NEXT"), tr("DUE")},
                      table);
    }
}

void setup_views(CLI::App& grp, Context& ctx) {
    auto sid = std::make_shared<std::string>();
    CLI::App* show = grp.add_subcommand("show", "status, who acts next, and the request's data");
    show->add_option("id", *sid, "request number (or domain)")->required();
    show->callback(
        [&ctx, sid] { print_request(ctx, read_request(ctx.store(), ctx.request_id(*sid))); });

    auto lid = std::make_shared<std::string>();
    CLI::App* log = grp.add_subcommand("log", "the event log of a request");
    log->add_option("id", *lid, "request number (or domain)")->required();
    log->callback([&ctx, lid] {
        const Request r = read_request(ctx.store(), ctx.request_id(*lid));
        print_event_log(ctx.out, r.events, taken_back(r.events));
    });

    struct ListOptions {
        std::vector<std::string> status;
        std::string agency, officer, domain, from, to, due_within;
        bool open = false, overdue = false;
    };
    auto lo = std::make_shared<ListOptions>();
    CLI::App* list = grp.add_subcommand("list", "list requests, filtered");
    repeatable(
        list->add_option("--status", lo->status, "only these statuses (repeatable or comma list)"));
    list->add_flag("--open", lo->open, "only requests not yet completed, rejected or cancelled");
    list->add_option("--agency", lo->agency, "only this agency");
    list->add_option("--officer", lo->officer, "only this technical officer");
    list->add_option("--domain", lo->domain, "only domains containing this text (e.g. simpus)");
    list->add_option("--from", lo->from,
                     "received on or after this date (YYYY-MM-DD or DD-MM-YYYY)");
    list->add_option("--to", lo->to, "received on or before this date (YYYY-MM-DD or DD-MM-YYYY)");
    list->add_flag("--overdue", lo->overdue, "only requests past their SLA due time");
    list->add_option("--due-within", lo->due_within,
                     "only running requests due within this working time (4h, 90m, 2d) or late");
    list->callback([&ctx, lo] {
        for (const auto& s : lo->status)
            if (!parse_status(s)) {
                std::vector<std::string> all;
                for (Status st : all_statuses())
                    all.emplace_back(to_string(st));
                std::string c = text::closest(s, all);
                throw Error(Exit::invalid, trf("unknown status '{}'", s),
                            c.empty() ? trf("statuses: {}", text::join(all, ", "))
                                      : trf("did you mean '{}'?", c));
            }
        for (const auto* d : {&lo->from, &lo->to})
            if (!d->empty() && !parse_date(*d))
                throw Error(Exit::invalid, trf("'{}' is not a date", text::shown(*d)), date_hint());
        if (!lo->from.empty() && !lo->to.empty() && *parse_date(lo->to) < *parse_date(lo->from))
            throw Error(Exit::invalid, trf("--from {} is after --to {}", lo->from, lo->to));
        // Filters name what exists, as the options of `request new` do.
        if (!lo->agency.empty())
            find_agency(ctx.store().agencies(), lo->agency);
        if (!lo->officer.empty())
            find_staff(ctx.store().staff(), lo->officer);
        const std::string domain = text::lower(lo->domain);
        Calendar cal = store_calendar(ctx.store());
        Timestamp now = ctx.now(cal.tz());
        std::optional<double> within;
        if (!lo->due_within.empty())
            within = static_cast<double>(parse_working_duration(lo->due_within, cal)) / 3600.0;
        RequestList all = ctx.requests();
        warn_unreadable(ctx.out, all.problems);
        std::vector<const RequestSummary*> rows;
        std::vector<std::optional<Sla>> slas;
        std::set<int> provisional; // of every clock the filters looked at
        for (const auto& s : all.items) {
            if (!lo->status.empty() &&
                std::find(lo->status.begin(), lo->status.end(), s.status) == lo->status.end())
                continue;
            if (lo->open) {
                auto st = parse_status(s.status);
                if (!st || is_terminal(*st))
                    continue;
            }
            if (!lo->agency.empty() && s.agency != lo->agency)
                continue;
            if (!lo->officer.empty() && s.officer != lo->officer)
                continue;
            if (!domain.empty() && s.domain.find(domain) == std::string::npos)
                continue;
            std::string day = s.received_at.substr(0, 10);
            if (!lo->from.empty() && day < lo->from)
                continue;
            if (!lo->to.empty() && day > lo->to)
                continue;
            std::optional<Sla> sla = summary_sla(s.clock, cal, now);
            if (sla)
                provisional.insert(sla->provisional_years.begin(), sla->provisional_years.end());
            if (lo->overdue && !(sla && sla->breached && sla->running))
                continue;
            if (within && !(sla && sla->running &&
                            (sla->breached || sla->remaining_working_hours <= *within)))
                continue;
            rows.push_back(&s);
            slas.push_back(std::move(sla));
        }
        ctx.out.warn_provisional(provisional);
        print_rows(ctx, rows, slas, cal);
        fail_if_unreadable(all.problems, "request file(s)");
    });

    auto text = std::make_shared<std::string>();
    CLI::App* find = grp.add_subcommand(
        "find", "requests whose domain, letter number, subject, agency or contact holds TEXT");
    find->add_option("text", *text, "what to look for (letter case does not matter)")->required();
    find->callback([&ctx, text] {
        if (text::trim(*text).empty())
            throw Error(Exit::invalid, tr("give the text to look for"),
                        tr("e.g. hostingctl request find simpus"));
        Calendar cal = store_calendar(ctx.store());
        Timestamp now = ctx.now(cal.tz());
        RequestList all = ctx.requests();
        warn_unreadable(ctx.out, all.problems);
        const std::vector<RequestSummary> found = find_requests(all, ctx.store().agencies(), *text);
        std::vector<const RequestSummary*> rows;
        std::vector<std::optional<Sla>> slas;
        std::set<int> provisional;
        for (const auto& s : found) {
            std::optional<Sla> sla = summary_sla(s.clock, cal, now);
            if (sla)
                provisional.insert(sla->provisional_years.begin(), sla->provisional_years.end());
            rows.push_back(&s);
            slas.push_back(std::move(sla));
        }
        ctx.out.warn_provisional(provisional);
        print_rows(ctx, rows, slas, cal);
        fail_if_unreadable(all.problems, "request file(s)");
    });
}

} // namespace

void setup_request(CLI::App& app, Context& ctx) {
    CLI::App* grp = app.add_subcommand("request", "hosting requests through the nine SOP steps");
    grp->require_subcommand(1);
    setup_new(*grp, ctx);
    setup_steps(*grp, ctx);
    setup_corrections(*grp, ctx);
    setup_views(*grp, ctx);
}

} // namespace hostingctl::cli
