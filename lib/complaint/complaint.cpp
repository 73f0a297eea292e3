#include "complaint/complaint.hpp"

#include "people/people.hpp"
#include "store/ids.hpp"
#include "store/yaml_io.hpp"
#include "util/error.hpp"
#include "util/fs.hpp"
#include "util/i18n.hpp"
#include "util/text.hpp"
#include "validate/validate.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <fmt/format.h>

namespace hostingctl {

namespace {

using CS = ComplaintStatus;
using CStep = ComplaintStep;
using R = Role;

constexpr size_t kShortText = 200;
constexpr size_t kLongText = 4000;
constexpr size_t kMaxHandle = 30;
// Clocks of two machines may differ a little; more than this is a mistake.
constexpr int64_t kFutureSlackSeconds = 300;

using text::shown;

struct Transition {
    CStep step;
    CS from;
    CS to;
};

// Every allowed (status, step) pair but "note", which may follow any status
// once the complaint exists and changes nothing.  A response after
// escalation keeps the complaint with the official; escalation happens once;
// nothing but a note follows resolution.
const std::vector<Transition>& transitions() {
    static const std::vector<Transition> t = {
        {CStep::create, CS::none, CS::open},
        {CStep::respond, CS::open, CS::responded},
        {CStep::respond, CS::responded, CS::responded},
        {CStep::respond, CS::escalated, CS::escalated},
        {CStep::escalate, CS::open, CS::escalated},
        {CStep::escalate, CS::responded, CS::escalated},
        {CStep::resolve, CS::open, CS::resolved},
        {CStep::resolve, CS::responded, CS::resolved},
        {CStep::resolve, CS::escalated, CS::resolved},
    };
    return t;
}

Timestamp parse_time(const Store& store, std::string_view flag, const std::string& value) {
    auto t = parse_timestamp(validate::text(flag, value, 64), store.tz());
    if (!t)
        throw Error(Exit::invalid, trf("{} '{}' is not a date and time", flag, shown(value)),
                    tr("write it as 2026-11-23T09:15 (office time) or with an offset, "
                       "2026-11-23T09:15:00+07:00"));
    return Timestamp::at(t->epoch, store.tz());
}

// `received`: the time is the complaint's receipt, else a step's.
void check_not_future(const Timestamp& t, const Timestamp& now, bool received) {
    if (t.epoch > now.epoch + kFutureSlackSeconds)
        throw Error(Exit::invalid,
                    received ? trf("the received time {} is in the future", t.iso())
                             : trf("the time {} is in the future", t.iso()),
                    tr("record things when they have happened"));
}

double working_hours(const Calendar& cal, const Timestamp& a, const Timestamp& b) {
    return std::round(static_cast<double>(cal.working_seconds(a, b)) / 36.0) / 100.0;
}

std::vector<std::string> staff_with(const std::vector<StaffMember>& staff, Role role) {
    std::vector<std::string> out;
    for (const auto& s : staff)
        if (s.has(role))
            out.push_back(s.id);
    return out;
}

} // namespace

// --- channels, statuses, steps ---------------------------------------------

const std::vector<ComplaintStatus>& all_complaint_statuses() {
    static const std::vector<CS> s = {CS::open, CS::responded, CS::escalated, CS::resolved};
    return s;
}

const char* to_string(ComplaintStatus s) {
    switch (s) {
    case CS::none:
        return "none";
    case CS::open:
        return "open";
    case CS::responded:
        return "responded";
    case CS::escalated:
        return "escalated";
    case CS::resolved:
        return "resolved";
    }
    return "?";
}

std::optional<ComplaintStatus> parse_complaint_status(std::string_view s) {
    for (CS st : all_complaint_statuses())
        if (s == to_string(st))
            return st;
    return std::nullopt;
}

const std::vector<ComplaintStepRule>& complaint_step_rules() {
    static const std::vector<ComplaintStepRule> rules = {
        {CStep::create, "new", {R::admin, R::petugas_teknis}, N_("record a complaint")},
        {CStep::respond,
         "respond",
         {R::petugas_teknis, R::admin, R::pejabat_pengaduan},
         N_("respond to a complaint")},
        {CStep::escalate, "escalate", {R::petugas_teknis, R::admin}, N_("escalate a complaint")},
        {CStep::resolve,
         "resolve",
         {R::petugas_teknis, R::pejabat_pengaduan},
         N_("resolve a complaint")},
        {CStep::note,
         "note",
         {R::admin, R::petugas_teknis, R::kepala_bidang, R::kepala_dinas, R::pejabat_pengaduan},
         N_("add a note to a complaint")},
    };
    return rules;
}

const ComplaintStepRule& complaint_rule(ComplaintStep s) {
    for (const auto& r : complaint_step_rules())
        if (r.step == s)
            return r;
    throw Error(Exit::failure, "unknown complaint step");
}

std::optional<ComplaintStep> parse_complaint_step(std::string_view name) {
    for (const auto& r : complaint_step_rules())
        if (name == r.name)
            return r.step;
    return std::nullopt;
}

std::optional<ComplaintStatus> apply_complaint_step(ComplaintStatus from, ComplaintStep step) {
    if (step == CStep::note)
        return from == CS::none ? std::nullopt : std::optional<CS>(from);
    for (const auto& t : transitions())
        if (t.step == step && t.from == from)
            return t.to;
    return std::nullopt;
}

std::vector<ComplaintStep> allowed_complaint_steps(ComplaintStatus s) {
    std::vector<CStep> out;
    for (const auto& r : complaint_step_rules())
        if (r.step != CStep::note && apply_complaint_step(s, r.step))
            out.push_back(r.step);
    return out;
}

std::vector<Role> complaint_step_roles(ComplaintStep step, ComplaintStatus current) {
    if (step == CStep::resolve)
        return current == CS::escalated ? std::vector<Role>{R::pejabat_pengaduan}
                                        : std::vector<Role>{R::petugas_teknis};
    return complaint_rule(step).roles;
}

ComplaintStatus derive_complaint_status(const std::vector<Event>& events) {
    CS s = CS::none;
    for (size_t i = 0; i < events.size(); ++i) {
        auto step = parse_complaint_step(events[i].action);
        if (!step)
            throw Error(Exit::damaged,
                        trf("event {} has an unknown action '{}'", i + 1, shown(events[i].action)));
        auto next = apply_complaint_step(s, *step);
        if (!next)
            throw Error(Exit::damaged, trf("event {} ('{}') cannot follow status '{}'", i + 1,
                                           events[i].action, to_string(s)));
        s = *next;
    }
    return s;
}

void check_complaint_transition(const std::string& id, ComplaintStatus current,
                                ComplaintStep step) {
    if (apply_complaint_step(current, step))
        return;
    std::vector<std::string> options;
    for (CStep s : allowed_complaint_steps(current))
        options.push_back(trf("{} (by {})", complaint_rule(s).name,
                              roles_text(complaint_step_roles(s, current))));
    std::string allowed =
        options.empty()
            ? std::string(tr("none: the complaint is resolved; a note may still be added"))
            : text::join(options, ", ");
    const char* name = complaint_rule(step).name;
    const char* status = to_string(current);
    throw Error(Exit::refused,
                step == CStep::escalate && current == CS::escalated
                    ? trf("cannot {} {}: its status is '{}'; a complaint is escalated once, and "
                          "this one already is",
                          name, id, status)
                    : trf("cannot {} {}: its status is '{}'", name, id, status),
                trf("allowed next steps: {}", allowed));
}

// --- contact ---------------------------------------------------------------

std::string validate_contact(std::string_view channel, std::string_view contact) {
    std::string v(text::trim(contact));
    if (v.empty())
        return v;
    if (channel == "phone" || channel == "whatsapp" || channel == "sms")
        return validate::phone(v);
    if (channel == "email")
        return validate::email(v);
    if (channel == "twitter" || channel == "instagram" || channel == "x" || channel == "tiktok") {
        std::string_view handle = v;
        if (handle.starts_with('@'))
            handle.remove_prefix(1);
        bool ok = !handle.empty() && handle.size() <= kMaxHandle &&
                  std::all_of(handle.begin(), handle.end(), [](char c) {
                      return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.';
                  });
        if (!ok)
            throw Error(Exit::invalid, trf("'{}' is not a {} handle", shown(contact), channel),
                        tr("write it as @name: 1-30 letters, digits, '_' or '.'"));
        return "@" + std::string(handle);
    }
    return validate::text("--contact", v, kShortText, false, false);
}

// --- the record file -------------------------------------------------------

std::string encode_complaint(const Complaint& c) {
    YAML::Emitter out;
    out << YAML::BeginMap;
    out << YAML::Key << "schema" << YAML::Value << kComplaintSchema;
    emit_plain(out, "id", c.id);
    emit_plain(out, "channel", c.channel);
    emit_quoted(out, "from", c.from);
    emit_quoted(out, "contact", c.contact);
    emit_quoted(out, "request", c.request);
    emit_plain(out, "received_at", c.received_at.iso());
    emit_quoted(out, "text", c.text);
    emit_events(out, c.events);
    out << YAML::EndMap;
    if (!out.good())
        throw Error(Exit::failure,
                    fmt::format("cannot encode complaint {}: {}", c.id, out.GetLastError()));
    return yaml_document(fmt::format("# Complaint {}. Written by hostingctl; the status is "
                                     "derived from the events.\n",
                                     comment_text(c.id)),
                         out);
}

Complaint decode_complaint(const std::filesystem::path& path, const std::string& text,
                           const TimeZone& tz) {
    YamlReader rd(path, text);
    rd.check_schema(kComplaintSchema);
    const YAML::Node& root = rd.root();
    Complaint c;
    c.id = rd.str(root, "id");
    // Any channel name: the office may have dropped it from its list since.
    c.channel = rd.str(root, "channel");
    if (!validate::is_channel_name(c.channel))
        rd.fail(root["channel"], trf("'{}' is not a channel name", shown(c.channel)));
    c.from = rd.str(root, "from");
    c.contact = rd.str(root, "contact", false);
    c.request = rd.str(root, "request", false);
    c.received_at = read_time(rd, root, "received_at", tz);
    c.text = rd.str(root, "text");

    CS status = CS::none;
    for (const auto& en : rd.seq(root, "events")) {
        Event e = read_event(rd, en, tz);
        // The log must replay: the status, the escalation and the times
        // reported are all derived from it.
        auto step = parse_complaint_step(e.action);
        if (!step)
            rd.fail(en, trf("unknown action '{}'", shown(e.action)));
        auto next = apply_complaint_step(status, *step);
        if (!next)
            rd.fail(en, trf("'{}' cannot follow status '{}'", e.action, to_string(status)));
        if (*step == CStep::escalate && e.get("to").empty())
            rd.fail(en, tr("an escalate event needs 'data: {to: STAFF}'"));
        if (!c.events.empty() && e.at < c.events.back().at)
            rd.fail(en, tr("the event is dated before the one above it"));
        status = *next;
        c.events.push_back(std::move(e));
    }
    if (c.events.empty())
        rd.fail(root, tr("the complaint has no events"));
    return c;
}

// --- store access ----------------------------------------------------------

std::filesystem::path complaint_path(const Store& store, std::string_view id) {
    const std::string& format = store.config().complaint_id_format;
    if (!parse_id(format, id))
        throw Error(Exit::not_found, trf("'{}' is not a complaint number", shown(id)),
                    trf("complaint numbers look like {}", format_id(format, 2026, 3)));
    return store.record_path(kComplaintDir, format, id);
}

Complaint load_complaint(const Store& store, std::string_view id) {
    stdfs::path p = complaint_path(store, id);
    Complaint c =
        decode_complaint(p, read_record(p, "complaint", id, "complaint list"), store.tz());
    check_record_id(p, c.id, id);
    return c;
}

// --- recording -------------------------------------------------------------

Complaint create_complaint(const Store& store, const NewComplaintInput& in, const Caller& caller) {
    // 1. The input on its own.
    Complaint c;
    const auto& names = store.config().complaint_channels;
    if (std::find(names.begin(), names.end(), in.channel) == names.end()) {
        std::string close = text::closest(in.channel, names);
        throw Error(Exit::invalid,
                    trf("--channel '{}' is not a complaint channel", shown(in.channel)),
                    close.empty() ? trf("channels: {} (complaints.channels in hostingctl.yaml)",
                                        text::join(names, ", "))
                                  : trf("did you mean '{}'? channels: {} (complaints.channels in "
                                        "hostingctl.yaml)",
                                        close, text::join(names, ", ")));
    }
    c.channel = in.channel;
    c.from = validate::text("--from", in.from, kShortText);
    c.contact = validate_contact(c.channel, in.contact);
    if (!in.request.empty()) {
        c.request = validate::text("--request", in.request, 64);
        store.request_path(c.request); // Error(not_found) for a malformed number
    }
    c.text = validate::text("--text", in.text, kLongText, true);
    Timestamp now = Timestamp::at(caller.now(), store.tz());
    c.received_at =
        in.received_at.empty() ? now : parse_time(store, "--received-at", in.received_at);
    check_not_future(c.received_at, now, true);
    const std::string& unix_user = caller.login;

    // 2. Against the store, under the lock.
    auto lock = store.lock();
    auto staff = store.staff();
    const StaffMember& by = resolve_performer(staff, in.by, unix_user);
    const ComplaintStepRule& rl = complaint_rule(CStep::create);
    check_may(by, complaint_step_roles(CStep::create, CS::none), tr(rl.task), unix_user,
              store.config().recording);
    if (!c.request.empty() && !store.request_exists(c.request))
        throw Error(Exit::not_found, trf("request {} does not exist", c.request),
                    tr("see 'hostingctl request list', or leave out --request"));

    Event e;
    e.action = rl.name;
    e.at = c.received_at;
    e.by = by.id;
    e.recorded_by = unix_user;
    c.events.push_back(std::move(e));

    const std::string& format = store.config().complaint_id_format;
    c.id = store.next_record_id(kComplaintDir, format, c.received_at.local_date().year);
    stdfs::path p = store.record_path(kComplaintDir, format, c.id);
    std::error_code ec;
    stdfs::create_directories(p.parent_path(), ec);
    if (ec)
        throw Error(Exit::failure,
                    trf("cannot create {}: {}", p.parent_path().string(), ec.message()));
    fs::atomic_create(p, encode_complaint(c));
    return c;
}

Complaint perform_complaint_step(const Store& store, const ComplaintStepInput& in,
                                 const Caller& caller) {
    if (in.step == CStep::create)
        throw Error(Exit::usage, "use create_complaint for new complaints");
    const ComplaintStepRule& rl = complaint_rule(in.step);

    // 1. The input on its own.
    Event e;
    e.action = rl.name;
    switch (in.step) {
    case CStep::respond:
        e.note = validate::text("--text", in.text, kLongText, true);
        break;
    case CStep::escalate:
        e.note = validate::text("--note", in.text, kLongText, true, false);
        e.data.emplace_back("to", validate::identifier("--to", in.to));
        break;
    case CStep::resolve:
        e.data.emplace_back("solution", validate::text("--solution", in.solution, kLongText, true));
        break;
    case CStep::note:
        e.note = validate::text(tr("note"), in.text, kLongText, true);
        break;
    case CStep::create:
        break;
    }
    Timestamp now = Timestamp::at(caller.now(), store.tz());
    Timestamp at = in.at.empty() ? now : parse_time(store, "--at", in.at);
    check_not_future(at, now, false);
    const std::string& unix_user = caller.login;
    e.recorded_by = unix_user;

    // 2. Against the store, under the lock.
    auto lock = store.lock();
    Complaint c = load_complaint(store, in.id);
    CS current = derive_complaint_status(c.events);
    auto staff = store.staff();
    const StaffMember& by = resolve_performer(staff, in.by, unix_user);
    check_complaint_transition(c.id, current, in.step);
    if (in.step == CStep::resolve && current == CS::escalated && !by.has(R::pejabat_pengaduan)) {
        std::string official;
        for (const auto& ev : c.events)
            if (ev.action == complaint_rule(CStep::escalate).name)
                official = ev.get("to");
        throw Error(Exit::refused,
                    trf("{} was escalated to {}: only the complaints official "
                        "(pejabat_pengaduan) resolves it, and {} ({}) is not one",
                        c.id, official, by.id, by.name),
                    trf("record the solution with --by {}, or add what you did with "
                        "'hostingctl complaint respond {}'",
                        official, c.id));
    }
    check_may(by, complaint_step_roles(in.step, current), tr(rl.task), unix_user,
              store.config().recording);
    if (in.step == CStep::escalate) {
        const StaffMember& official = find_staff(staff, in.to);
        if (!official.has(R::pejabat_pengaduan)) {
            auto officials = staff_with(staff, R::pejabat_pengaduan);
            throw Error(
                Exit::refused,
                trf("{} ({}) is not a complaints official (pejabat_pengaduan); "
                    "complaints are escalated to the official only",
                    official.id, official.name),
                officials.empty()
                    ? std::string(tr("no staff member holds pejabat_pengaduan yet; add one "
                                     "with 'hostingctl staff add ... --role pejabat_pengaduan'"))
                    : trf("escalate to {}", text::or_list(officials)));
        }
    }
    if (at < c.events.back().at)
        throw Error(Exit::invalid,
                    trf("{} is before the previous step of {} ({} at {})", at.iso(), c.id,
                        c.events.back().action, c.events.back().at.iso()),
                    tr("steps are recorded in the order they happened"));
    e.by = by.id;
    e.at = at;
    c.events.push_back(std::move(e));
    fs::atomic_write(complaint_path(store, c.id), encode_complaint(c));
    return c;
}

// --- reading ---------------------------------------------------------------

ComplaintSummary summarize_complaint(const Complaint& c, const Calendar& cal) {
    ComplaintSummary s;
    s.id = c.id;
    s.channel = c.channel;
    s.from = c.from;
    s.request = c.request;
    s.text = c.text;
    s.status = derive_complaint_status(c.events);
    s.received_at = c.received_at;
    for (const auto& e : c.events) {
        auto step = parse_complaint_step(e.action);
        if (!step)
            continue;
        if ((*step == CStep::respond || *step == CStep::resolve) && !s.first_response_at)
            s.first_response_at = e.at;
        if (*step == CStep::escalate) {
            s.escalated = true;
            s.escalated_at = e.at;
            s.escalated_to = e.get("to");
        }
        if (*step == CStep::resolve)
            s.resolved_at = e.at;
    }
    if (s.first_response_at)
        s.response_working_hours = working_hours(cal, c.received_at, *s.first_response_at);
    if (s.resolved_at)
        s.resolution_working_hours = working_hours(cal, c.received_at, *s.resolved_at);
    return s;
}

ComplaintList list_complaints(const Store& store, const Calendar& cal, std::optional<int> year) {
    ComplaintList out;
    RecordScan scan = store.scan_records(kComplaintDir, store.config().complaint_id_format, year);
    out.problems = std::move(scan.problems);
    for (const auto& id : scan.ids) {
        try {
            out.items.push_back(summarize_complaint(load_complaint(store, id), cal));
        } catch (const Error& e) {
            if (e.code() == Exit::not_found)
                continue; // removed while we listed
            if (e.code() != Exit::damaged && e.code() != Exit::failure)
                throw;
            out.problems.push_back(e.what()); // damaged, or cannot be read
        }
    }
    std::sort(out.items.begin(), out.items.end(), [](const auto& a, const auto& b) {
        return a.received_at != b.received_at ? a.received_at < b.received_at : a.id < b.id;
    });
    return out;
}

ComplaintList list_complaints(const Store& store) {
    return list_complaints(store, store_calendar(store));
}

} // namespace hostingctl
