// hostingctl complaint new|respond|escalate|resolve|note|list|show|log:
// complaints about the service (PRODUCT §8; service standard item 6).
//
// JSON OUTPUT (--json).  Keys are a stable contract: added, never renamed
// or removed.  Times are ISO 8601 with offset; hours are working hours of
// the store calendar (service hours only), rounded to 2 decimals.
//
//   A complaint (printed by `new`, `respond`, `escalate`, `resolve`, `note`
//   and `show`):
//     id                        "ADU-2026-0003"
//     status                    "open", "responded", "escalated" or "resolved"
//     channel                   "phone", "email", "web", "twitter",
//                               "instagram" or "direct"
//     from                      the complainant's name
//     contact                   phone, e-mail, "@handle" or text; null if none
//     request                   related request "HST-2026-0007", or null
//     text                      what the complaint says
//     received_at               when it arrived
//     first_response_at         first respond (or resolve, when resolved
//                               without a response) event, or null
//     escalated                 true once escalated to the complaints official
//     escalated_to              staff id of the official, or null
//     escalated_at              time of the escalation, or null
//     resolved_at               time of the resolution, or null
//     solution                  the solution recorded at resolution, or null
//     response_working_hours    received_at to first_response_at, or null
//     resolution_working_hours  received_at to resolved_at, or null
//     allowed                   steps that may follow: ["respond", "escalate",
//                               "resolve"] (a note is always allowed)
//     events                    the log: [{"action": "new"|"respond"|
//                               "escalate"|"resolve"|"note", "at", "by" (staff
//                               id), "recorded_by" (Unix user), "note" (the
//                               response text, the escalation note or the
//                               remark; "" if none), "data" ({"to": STAFF}
//                               for escalate, {"solution": TEXT} for resolve,
//                               else {})}]
//
//   complaint list  [row, ...] sorted by received_at then id; a row has id,
//                   status, channel, from, request, text, received_at,
//                   first_response_at, escalated, escalated_to, escalated_at,
//                   resolved_at, response_working_hours,
//                   resolution_working_hours (as above).
//   complaint log   [event, ...] as in "events" above.
#include "complaint/complaint.hpp"

#include "calendar/calendar.hpp"
#include "commands.hpp"
#include "util/error.hpp"
#include "util/i18n.hpp"
#include "util/text.hpp"
#include "workflow/request_view.hpp"
#include "workflow/workflow.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <optional>

namespace hostingctl::cli {

namespace {

// Text from a record on one terminal line: line breaks, tabs and any other
// control character (a hand-edited file may hold some) become spaces.
std::string one_line(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
            c = ' ';
    return out;
}

Json optional_time(const std::optional<Timestamp>& t) {
    return t ? Json(t->iso()) : Json();
}
Json optional_hours(const std::optional<double>& h) {
    return h ? Json(*h) : Json();
}
Json optional_text(const std::string& s) {
    return s.empty() ? Json() : Json(s);
}

std::string hours_text(const std::optional<double>& h) {
    return h ? fmt::format("{:.2f}", *h) : std::string("-");
}

// The solution of the (last) resolve event; empty before resolution.
std::string solution_of(const Complaint& c) {
    std::string out;
    for (const auto& e : c.events)
        if (e.action == complaint_rule(ComplaintStep::resolve).name)
            out = e.get("solution");
    return out;
}

void summary_fields(Json& j, const ComplaintSummary& s) {
    j["first_response_at"] = optional_time(s.first_response_at);
    j["escalated"] = s.escalated;
    j["escalated_to"] = optional_text(s.escalated_to);
    j["escalated_at"] = optional_time(s.escalated_at);
    j["resolved_at"] = optional_time(s.resolved_at);
}

Json complaint_json(const Complaint& c, const ComplaintSummary& s) {
    Json j = Json::object();
    j["id"] = c.id;
    j["status"] = to_string(s.status);
    j["channel"] = c.channel;
    j["from"] = c.from;
    j["contact"] = optional_text(c.contact);
    j["request"] = optional_text(c.request);
    j["text"] = c.text;
    j["received_at"] = c.received_at.iso();
    summary_fields(j, s);
    j["solution"] = optional_text(solution_of(c));
    j["response_working_hours"] = optional_hours(s.response_working_hours);
    j["resolution_working_hours"] = optional_hours(s.resolution_working_hours);
    Json allowed = Json::array();
    for (ComplaintStep st : allowed_complaint_steps(s.status))
        allowed.push(complaint_rule(st).name);
    j["allowed"] = allowed;
    Json events = Json::array();
    for (const auto& e : c.events)
        events.push(event_json(e));
    j["events"] = events;
    return j;
}

Json row_json(const ComplaintSummary& s) {
    Json j = Json::object();
    j["id"] = s.id;
    j["status"] = to_string(s.status);
    j["channel"] = s.channel;
    j["from"] = s.from;
    j["request"] = optional_text(s.request);
    j["text"] = s.text;
    j["received_at"] = s.received_at.iso();
    summary_fields(j, s);
    j["response_working_hours"] = optional_hours(s.response_working_hours);
    j["resolution_working_hours"] = optional_hours(s.resolution_working_hours);
    return j;
}

std::string next_text(ComplaintStatus st) {
    std::vector<std::string> options;
    for (ComplaintStep s : allowed_complaint_steps(st))
        // TRANSLATORS: a step that may follow and the roles that may take it.
        options.push_back(
            trf("{} (by {})", complaint_rule(s).name, roles_text(complaint_step_roles(s, st))));
    return options.empty() ? std::string(tr("nothing: the complaint is resolved"))
                           : text::join(options, ", ");
}

std::string staff_label(const std::vector<StaffMember>& staff, const std::string& id) {
    for (const auto& s : staff)
        if (s.id == id)
            return fmt::format("{} ({})", id, one_line(s.name));
    return id;
}

void print_complaint(Context& ctx, const Complaint& c) {
    ComplaintSummary s = summarize_complaint(c, store_calendar(ctx.store()));
    if (ctx.out.json()) {
        ctx.out.print_json(complaint_json(c, s));
        return;
    }
    const Output& out = ctx.out;
    auto staff = ctx.store().staff();
    // TRANSLATORS: the complaint number, its status and the channel it came by.
    out.line(trf("{}  [{}]  via {}", out.bold(c.id), out.status(to_string(s.status)), c.channel));
    // TRANSLATORS: the labels of complaint show are padded to one width;
    // keep the values lined up.
    out.line(trf("  from       {}{}", one_line(c.from),
                 c.contact.empty() ? "" : ", " + one_line(c.contact)));
    if (!c.request.empty())
        out.line(trf("  request    {}", c.request));
    out.line(trf("  received   {}", c.received_at.iso()));
    out.line(trf("  complaint  {}", one_line(c.text)));
    if (s.first_response_at)
        out.line(trf("  response   {} ({} working h after receipt)", s.first_response_at->iso(),
                     hours_text(s.response_working_hours)));
    if (s.escalated)
        out.line(trf("  escalated  to {} at {}", staff_label(staff, s.escalated_to),
                     s.escalated_at->iso()));
    if (s.resolved_at)
        out.line(trf("  resolved   {} ({} working h after receipt): {}", s.resolved_at->iso(),
                     hours_text(s.resolution_working_hours), one_line(solution_of(c))));
    out.line(trf("  next       {}", next_text(s.status)));
    const Event& last = c.events.back();
    // TRANSLATORS: the last event's action, who took it and when, then the
    // number of events.
    out.line(trf("  last step  {} by {} at {} ({}; 'hostingctl complaint log {}')", last.action,
                 last.by, last.at.iso(),
                 ntrf("{} event", "{} events", c.events.size(), c.events.size()), c.id));
}

void print_step_result(Context& ctx, const Complaint& c) {
    if (ctx.out.json()) {
        print_complaint(ctx, c);
        return;
    }
    const Event& e = c.events.back();
    ComplaintStatus st = derive_complaint_status(c.events);
    // TRANSLATORS: what a step did to a complaint; {} is its new status
    // (open, responded, escalated, resolved).
    std::string what = e.action == "note"  ? std::string(tr("note added"))
                       : e.action == "new" ? trf("recorded, {}", to_string(st))
                       // An answer to an escalated complaint leaves it escalated.
                       : e.action == "respond" && st != ComplaintStatus::responded
                           ? trf("responded, still {}", to_string(st))
                           : std::string(to_string(st));
    // TRANSLATORS: complaint number, complainant, what happened, who, when.
    ctx.out.line(trf("{} from {}: {} by {} at {}", ctx.out.bold(c.id), one_line(c.from),
                     ctx.out.status(what), staff_label(ctx.store().staff(), e.by), e.at.iso()));
    if (!e.data.empty() || !e.note.empty())
        ctx.out.line(fmt::format("  {}", event_details(e)));
    ctx.out.line(trf("  next: {}", next_text(st)));
}

// --- new ------------------------------------------------------------------

void setup_new(CLI::App& grp, Context& ctx) {
    auto in = std::make_shared<NewComplaintInput>();
    CLI::App* c = grp.add_subcommand("new", "record a complaint");
    c->add_option("--channel", in->channel,
                  "how it arrived: phone, whatsapp, email, web, twitter, instagram, direct (in "
                  "person), or another of complaints.channels in hostingctl.yaml")
        ->required();
    c->add_option("--from", in->from, "name of the complainant")->required();
    c->add_option(
        "--contact", in->contact,
        "phone number (phone, whatsapp), e-mail address (email), @handle (twitter, instagram) "
        "or how to reach them");
    c->add_option("--request", in->request,
                  "the hosting request it is about: its number (HST-2026-0007, 7) or domain");
    c->add_option("--text", in->text, "what the complaint says")->required();
    c->add_option("--received-at", in->received_at, "when it arrived (ISO 8601; default: now)");
    c->add_option("--by", in->by,
                  trf("staff member who received it, must hold {} (default: you)",
                      roles_text(complaint_rule(ComplaintStep::create).roles)));
    c->callback([&ctx, in] {
        if (!in->request.empty())
            in->request = ctx.request_id(in->request);
        print_step_result(ctx, create_complaint(ctx.store(), *in, ctx.caller()));
    });
}

// --- steps ------------------------------------------------------------------

CLI::App* add_step(CLI::App& grp, ComplaintStep step, std::shared_ptr<ComplaintStepInput> in,
                   const std::string& description, const std::string& by_help) {
    in->step = step;
    CLI::App* c = grp.add_subcommand(complaint_rule(step).name, description);
    c->add_option("id", in->id, "complaint number")->required();
    c->add_option("--by", in->by, by_help);
    c->add_option("--at", in->at, "when it happened (ISO 8601; default: now)");
    return c;
}

void setup_steps(CLI::App& grp, Context& ctx) {
    auto run = [&ctx](std::shared_ptr<ComplaintStepInput> in) {
        return [&ctx, in] {
            in->id = ctx.complaint_id(in->id);
            print_step_result(ctx, perform_complaint_step(ctx.store(), *in, ctx.caller()));
        };
    };
    {
        auto in = std::make_shared<ComplaintStepInput>();
        CLI::App* c = add_step(grp, ComplaintStep::respond, in,
                               N_("answer the complainant (repeat until it is solved)"),
                               N_("who responded: petugas_teknis, admin or pejabat_pengaduan "
                                  "(default: you)"));
        c->add_option("--text", in->text, "what the complainant was told")->required();
        c->callback(run(in));
    }
    {
        auto in = std::make_shared<ComplaintStepInput>();
        CLI::App* c = add_step(grp, ComplaintStep::escalate, in,
                               N_("hand a complaint the officer cannot solve to the complaints "
                                  "official"),
                               N_("who escalated it: petugas_teknis or admin (default: you)"));
        c->add_option("--to", in->to, "staff id of the complaints official (pejabat_pengaduan)")
            ->required();
        c->add_option("--note", in->text, "why it is escalated");
        c->callback(run(in));
    }
    {
        auto in = std::make_shared<ComplaintStepInput>();
        CLI::App* c = add_step(grp, ComplaintStep::resolve, in,
                               N_("record the solution; closes the complaint"),
                               N_("who solved it: petugas_teknis, or pejabat_pengaduan once "
                                  "escalated (default: you)"));
        c->add_option("--solution", in->solution, "how it was solved")->required();
        c->callback(run(in));
    }
    {
        auto in = std::make_shared<ComplaintStepInput>();
        CLI::App* c =
            add_step(grp, ComplaintStep::note, in, N_("add a remark; the status does not change"),
                     N_("who made the remark (default: you)"));
        c->add_option("text", in->text, "the remark")->required();
        c->callback(run(in));
    }
}

// --- show, log, list ------------------------------------------------------

std::optional<Date> date_option(const std::string& flag, const std::string& value) {
    if (value.empty())
        return std::nullopt;
    auto d = parse_date(value);
    if (!d)
        throw Error(Exit::invalid, trf("{} '{}' is not a date", flag, one_line(value)),
                    date_hint());
    return d;
}

void setup_views(CLI::App& grp, Context& ctx) {
    auto sid = std::make_shared<std::string>();
    CLI::App* show = grp.add_subcommand("show", "a complaint: status, times and who acts next");
    show->add_option("id", *sid, "complaint number")->required();
    show->callback(
        [&ctx, sid] { print_complaint(ctx, load_complaint(ctx.store(), ctx.complaint_id(*sid))); });

    auto lid = std::make_shared<std::string>();
    CLI::App* log = grp.add_subcommand("log", "the event log of a complaint");
    log->add_option("id", *lid, "complaint number")->required();
    log->callback([&ctx, lid] {
        print_event_log(ctx.out, load_complaint(ctx.store(), ctx.complaint_id(*lid)).events);
    });

    struct ListOptions {
        std::vector<std::string> status;
        std::string channel, from, to;
        bool open = false;
    };
    auto lo = std::make_shared<ListOptions>();
    CLI::App* list = grp.add_subcommand("list", "list complaints, filtered");
    repeatable(list->add_option("--status", lo->status,
                                "only these statuses: open, responded, escalated, resolved "
                                "(repeatable or comma list)"));
    list->add_option("--channel", lo->channel, "only complaints that arrived by this channel");
    list->add_option("--from", lo->from,
                     "received on or after this date (YYYY-MM-DD or DD-MM-YYYY)");
    list->add_option("--to", lo->to, "received on or before this date (YYYY-MM-DD or DD-MM-YYYY)");
    list->add_flag("--open", lo->open, "only complaints not yet resolved");
    list->callback([&ctx, lo] {
        for (const auto& s : lo->status)
            if (!parse_complaint_status(s)) {
                std::vector<std::string> all;
                for (ComplaintStatus st : all_complaint_statuses())
                    all.emplace_back(to_string(st));
                std::string c = text::closest(s, all);
                throw Error(Exit::invalid, trf("unknown status '{}'", one_line(s)),
                            c.empty() ? trf("statuses: {}", text::join(all, ", "))
                                      : trf("did you mean '{}'?", c));
            }
        const auto& channels = ctx.store().config().complaint_channels;
        if (!lo->channel.empty() &&
            std::find(channels.begin(), channels.end(), lo->channel) == channels.end()) {
            std::string c = text::closest(lo->channel, channels);
            throw Error(Exit::invalid, trf("unknown channel '{}'", one_line(lo->channel)),
                        c.empty() ? trf("channels: {}", text::join(channels, ", "))
                                  : trf("did you mean '{}'?", c));
        }
        auto from = date_option("--from", lo->from);
        auto to = date_option("--to", lo->to);
        if (from && to && *to < *from)
            throw Error(Exit::invalid, trf("--from {} is after --to {}", from->iso(), to->iso()));

        ComplaintList all = list_complaints(ctx.store());
        warn_unreadable(ctx.out, all.problems);
        std::vector<const ComplaintSummary*> rows;
        for (const auto& s : all.items) {
            std::string st = to_string(s.status);
            if (!lo->status.empty() &&
                std::find(lo->status.begin(), lo->status.end(), st) == lo->status.end())
                continue;
            if (lo->open && s.status == ComplaintStatus::resolved)
                continue;
            if (!lo->channel.empty() && lo->channel != s.channel)
                continue;
            Date day = s.received_at.local_date();
            if ((from && day < *from) || (to && *to < day))
                continue;
            rows.push_back(&s);
        }
        if (ctx.out.json()) {
            Json arr = Json::array();
            for (const auto* s : rows)
                arr.push(row_json(*s));
            ctx.out.print_json(arr);
        } else if (rows.empty()) {
            ctx.out.line(tr("No complaints match."));
        } else {
            std::vector<std::vector<std::string>> table;
            table.reserve(rows.size());
            for (const auto* s : rows)
                table.push_back(
                    {s->id, s->received_at.iso().substr(0, 16), s->channel,
                     text::ellipsize(one_line(s->from), 24), s->request.empty() ? "-" : s->request,
                     ctx.out.status(to_string(s->status)), s->escalated ? s->escalated_to : "-",
                     hours_text(s->response_working_hours), hours_text(s->resolution_working_hours),
                     text::ellipsize(one_line(s->text), 40)});
            ctx.out.table({tr("ID"), tr("RECEIVED"), tr("CHANNEL"), tr("FROM"), tr("REQUEST"),
                           tr("STATUS"), tr("ESCALATED TO"), tr("RESPONSE H"), tr("RESOLUTION H"),
                           tr("COMPLAINT")},
                          table);
        }
        fail_if_unreadable(all.problems, "complaint file(s)");
    });
}

} // namespace

void setup_complaint(CLI::App& app, Context& ctx) {
    CLI::App* grp = app.add_subcommand(
        "complaint", "complaints: record, respond, escalate to the complaints official, resolve");
    grp->require_subcommand(1);
    setup_new(*grp, ctx);
    setup_steps(*grp, ctx);
    setup_views(*grp, ctx);
}

} // namespace hostingctl::cli
