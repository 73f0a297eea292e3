#include "workflow/service.hpp"

#include "inventory/inventory.hpp"
#include "model/action.hpp"
#include "store/documents.hpp"
#include "store/yaml_io.hpp"
#include "util/error.hpp"
#include "util/i18n.hpp"
#include "util/text.hpp"
#include "validate/validate.hpp"
#include "workflow/request_rows.hpp"

#include <charconv>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

namespace hostingctl {

namespace {

constexpr size_t kShortText = 200;
constexpr size_t kLongText = 4000;
constexpr uint64_t kMaxAttachment = 50ull * 1024 * 1024;

Timestamp step_time(const Store& store, const std::string& at, const Request* existing,
                    const Caller& caller) {
    Timestamp now = Timestamp::at(caller.now(), store.tz());
    Timestamp t = now;
    if (!at.empty()) {
        auto parsed = parse_timestamp(validate::text("--at", at, 64), store.tz());
        if (!parsed)
            throw Error(Exit::invalid, trf("'{}' is not a date and time", at),
                        tr("write it as 2026-11-23T09:15 (office time) or with an offset, "
                           "2026-11-23T09:15:00+07:00"));
        t = Timestamp::at(parsed->epoch, store.tz());
    }
    if (t.epoch > now.epoch + 300)
        throw Error(Exit::invalid, trf("{} is in the future", t.iso()),
                    tr("record steps when they have happened"));
    if (existing && !existing->events.empty() && t < existing->events.back().at)
        throw Error(Exit::invalid,
                    trf("{} is before the previous step of {} ({} at {})", t.iso(), existing->id,
                        existing->events.back().action, existing->events.back().at.iso()),
                    tr("steps are recorded in the order they happened"));
    return t;
}

// A step's data entry, checked: ids for people and servers, one of the
// channels for delivery, free text (required) otherwise.
std::string step_value(std::string_view key, const std::string& value,
                       const OfficeConfig* cfg = nullptr) {
    const std::string option = fmt::format("--{}", key);
    if (key == "urgency") {
        static const std::vector<std::string> kinds = {"biasa", "segera", "sangat_segera",
                                                       "rahasia"};
        if (std::find(kinds.begin(), kinds.end(), value) == kinds.end()) {
            const std::string c = text::closest(value, kinds);
            throw Error(Exit::invalid,
                        trf("--urgency '{}' is not a nature of a letter", text::shown(value)),
                        (c.empty() ? std::string() : trf("did you mean '{}'? ", c)) +
                            tr("use biasa, segera, sangat_segera or rahasia"));
        }
        return value;
    }
    if (key == "division" && cfg) {
        const auto& all = cfg->documents.divisions;
        if (std::find(all.begin(), all.end(), value) == all.end()) {
            const std::string c = text::closest(value, all);
            throw Error(Exit::invalid,
                        trf("--division '{}' is not a division of the office", text::shown(value)),
                        (c.empty() ? std::string() : trf("did you mean '{}'? ", c)) +
                            trf("divisions: {} (documents.divisions in hostingctl.yaml)",
                                text::join(all, ", ")));
        }
        return value;
    }
    if (key == "officer" || key == "server")
        return validate::identifier(option, value);
    if (key == "via") {
        if (value != "email" && value != "letter" && value != "hand")
            throw Error(Exit::invalid,
                        trf("--via '{}' is not a delivery channel", text::shown(value)),
                        tr("use email, letter or hand"));
        return value;
    }
    return validate::text(option, value, kLongText, true);
}

std::string attachment_name(const stdfs::path& p) {
    std::string name = p.filename().string();
    std::string out;
    for (char c : name)
        out += (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_')
                   ? c
                   : '_';
    if (out.empty() || out[0] == '.')
        out = "file" + out;
    return out.substr(0, 100);
}

// A local file to copy into the store: where it is, its size, and the
// name it gets there.
struct LocalFile {
    stdfs::path src;
    uint64_t size = 0;
    std::string name;
};

// Checks files named on the command line (`option`): regular, readable, at
// most 50 MB, no two with the same name in the store.
std::vector<LocalFile> checked_files(const char* option, const std::vector<std::string>& paths) {
    std::vector<LocalFile> out;
    for (const auto& a : paths) {
        stdfs::path p = validate::text(option, a, 4096);
        struct stat st {};
        if (::stat(p.c_str(), &st) != 0)
            throw Error(Exit::not_found, trf("attachment {} does not exist", p.string()));
        if (!S_ISREG(st.st_mode))
            throw Error(Exit::invalid, trf("attachment {} is not a regular file", p.string()));
        if (static_cast<uint64_t>(st.st_size) > kMaxAttachment)
            throw Error(Exit::invalid, trf("attachment {} is larger than 50 MB", p.string()),
                        tr("attach a scan at a lower resolution"));
        if (::access(p.c_str(), R_OK) != 0)
            throw Error(Exit::invalid, trf("attachment {} is not readable", p.string()));
        std::string name = attachment_name(p);
        for (const auto& f : out)
            if (f.name == name)
                throw Error(Exit::invalid, trf("two attachments are named {}", name));
        out.push_back({p, static_cast<uint64_t>(st.st_size), name});
    }
    return out;
}

// Refuses a domain that a live request other than `except_id` holds, or
// that cannot be checked because a request file is unreadable.
void check_domain_free(const Store& store, const std::string& domain, const std::string& except_id,
                       const Caller& caller) {
    RequestList existing = list_requests(store, caller.now());
    if (!existing.problems.empty())
        throw unreadable_records("request",
                                 trf("it cannot be checked that {} is not already taken", domain),
                                 existing.problems);
    for (const auto& s : existing.items) {
        auto st = parse_status(s.status);
        if (s.id != except_id && s.domain == domain && st && is_live(*st))
            throw Error(Exit::conflict,
                        trf("{} is already requested by {} ({}, status {})", domain, s.id, s.agency,
                            s.status),
                        tr("choose another name, or cancel/reject the other request first"));
    }
}

// The steps a technical officer takes on a request once it is assigned.
bool officer_step(Step s) {
    const auto& roles = rule(s).roles;
    return std::find(roles.begin(), roles.end(), Role::petugas_teknis) != roles.end() &&
           s != Step::create && s != Step::cancel && s != Step::note;
}

// The performer of a step.  Officer steps of an assigned request default
// to the assigned officer, and another officer may take them only when the
// person recording holds the admin role and names them with --by (or after
// a reassignment).  Front-office staff (admin) still record deliveries and
// completions themselves.
const StaffMember& officer_step_performer(const Request& r, const StepInput& in,
                                          const std::vector<StaffMember>& staff,
                                          const std::string& login) {
    const std::string officer = assigned_officer(r.events);
    if (!officer_step(in.step) || officer.empty())
        return resolve_performer(staff, in.by, login);
    if (in.by.empty()) {
        const StaffMember& assigned = find_staff(staff, officer);
        const StaffMember* me = staff_of_login(staff, login);
        if (me && me->id != officer && me->active && me->has(Role::admin) &&
            std::find(rule(in.step).roles.begin(), rule(in.step).roles.end(), Role::admin) !=
                rule(in.step).roles.end())
            return *me; // the front office delivers or completes in its own name
        return resolve_performer(staff, assigned.id, login);
    }
    const StaffMember& by = resolve_performer(staff, in.by, login);
    if (by.id == officer)
        return by;
    const auto& roles = rule(in.step).roles;
    if (by.has(Role::admin) && std::find(roles.begin(), roles.end(), Role::admin) != roles.end())
        return by;
    const StaffMember* recorder = staff_of_login(staff, login);
    if (recorder && recorder->active && recorder->has(Role::admin))
        return by;
    throw Error(Exit::refused,
                trf("{} is assigned to {}; {} ({}) may not {} it", r.id, officer, by.id, by.name,
                    rule(in.step).name),
                trf("record it as performed by {} (the default), reassign it with "
                    "'hostingctl request assign {} --officer {}', or have an admin "
                    "record it with --by",
                    officer, r.id, by.id));
}

} // namespace

Request read_request(const Store& store, std::string_view id) {
    Request r = store.load_request(id);
    try {
        derive_status(r.events);
    } catch (const Error& e) {
        throw Error(Exit::damaged,
                    trf("{}: damaged: {}", store.request_path(id).string(), e.what()),
                    tr("fix the file by hand or restore it from a backup; hostingctl will not "
                       "overwrite it"));
    }
    return r;
}

std::vector<std::string> server_names(const Store& store) {
    return read_inventory(store).names();
}

Request create_request(const Store& store, const NewRequestInput& in, const Caller& caller) {
    const OfficeConfig& cfg = store.config();
    Request r;
    // 1. Validate everything that needs no store state.
    r.agency = validate::identifier(tr("agency"), in.agency);
    r.letter.number = validate::letter_number(in.letter_number);
    auto date = parse_date(validate::text("--letter-date", in.letter_date, 32));
    if (!date)
        throw Error(Exit::invalid, trf("letter date '{}' is not a date", in.letter_date),
                    date_hint());
    r.letter.date = *date;
    r.letter.subject = validate::text(tr("subject"), in.subject, kShortText);
    r.contact.name = validate::text(tr("contact name"), in.contact_name, kShortText, false, false);
    if (!in.contact_phone.empty())
        r.contact.phone = validate::phone(in.contact_phone);
    if (!in.contact_email.empty())
        r.contact.email = validate::email(in.contact_email);
    r.hosting.domain = validate::domain(in.domain, cfg.zones, cfg.reserved_names);
    auto app = parse_app_kind(in.app);
    if (!app)
        throw Error(Exit::invalid, trf("application kind '{}' is unknown", in.app),
                    tr("use static, php or proxy"));
    r.hosting.app = *app;
    if (r.hosting.app == AppKind::php)
        r.hosting.php_version =
            validate::php_version(in.php_version.empty() ? "8.2" : in.php_version);
    else if (!in.php_version.empty())
        throw Error(Exit::invalid, tr("--php is only for --app php"));
    if (r.hosting.app == AppKind::proxy && in.upstream_port == 0)
        throw Error(Exit::invalid, tr("a proxy application needs --upstream-port"),
                    tr("e.g. --app proxy --upstream-port 8080"));
    if (r.hosting.app == AppKind::proxy)
        r.hosting.upstream_port = validate::port("--upstream-port", in.upstream_port);
    else if (in.upstream_port != 0)
        throw Error(Exit::invalid, tr("--upstream-port is only for --app proxy"));
    r.hosting.database = in.database;
    r.hosting.disk_quota_mb = validate::quota_mb(in.quota);
    std::string note = validate::text(tr("note"), in.note, kLongText, true, false);
    const std::vector<LocalFile> files = checked_files("--attach", in.attachments);
    const std::string& unix_user = caller.login;
    Timestamp now = Timestamp::at(caller.now(), store.tz());
    Timestamp received = now;
    if (!in.received_at.empty()) {
        auto t = parse_timestamp(validate::text("--received-at", in.received_at, 64), store.tz());
        if (!t)
            throw Error(
                Exit::invalid, trf("'{}' is not a date and time", in.received_at),
                tr("write it as 2026-11-23T09:15 (office time) or 2026-11-23T09:15:00+07:00"));
        received = Timestamp::at(t->epoch, store.tz());
    }
    if (received.epoch > now.epoch + 300)
        throw Error(Exit::invalid, trf("received time {} is in the future", received.iso()));
    if (received.local_date() < r.letter.date)
        throw Error(Exit::invalid,
                    trf("the letter is dated {} but was received on {}", r.letter.date.iso(),
                        received.local_date().iso()),
                    tr("check --letter-date and --received-at"));
    r.letter.received_at = received;

    // 2. Everything that depends on the store, under the lock.
    auto lock = store.lock();
    auto staff = store.staff();
    const StaffMember& by = resolve_performer(staff, in.by, unix_user);
    check_performer(Step::create, by, unix_user, cfg.recording);
    find_agency(store.agencies(), r.agency);
    // A file that cannot be read may hold this very domain: refuse rather
    // than hand out a name twice.
    check_domain_free(store, r.hosting.domain, "", caller);
    r.id = store.next_request_id(received.local_date().year);

    // The attachments go to a staging folder and are renamed into
    // documents/<id>/ before the record is written: a kill at any point
    // leaves no file where the next request of this number would find it,
    // and the record never names a file that is not in place (see
    // store/documents.hpp).  A documents/<id>/ already there belongs to no
    // request (the id is fresh): it is set aside to .trash/, never adopted.
    StagedDocuments staged(store.root());
    for (const LocalFile& f : files) {
        const stdfs::path rel = stdfs::path("letter") / f.name;
        staged.add(f.src, rel, 0640);
        r.letter.attachments.push_back({f.src.filename().string(),
                                        (stdfs::path(kDocumentsDir) / r.id / rel).string(),
                                        f.size});
    }
    Event e;
    e.action = "new";
    e.at = received;
    e.by = by.id;
    e.recorded_by = unix_user;
    e.note = note;
    r.events.push_back(std::move(e));
    staged.place(r.id, now.local_date());
    store.create_request(r);
    staged.keep();
    return r;
}

Request check_step(const Store& store, const StepInput& in, const Caller& caller) {
    auto lock = store.lock();
    Request r = read_request(store, in.id);
    check_transition(r.id, derive_status(r.events), in.step);
    const auto staff = store.staff();
    const StaffMember& by = officer_step_performer(r, in, staff, caller.login);
    check_performer(in.step, by, caller.login, store.config().recording);
    return r;
}

Request record_event(const Store& store, const std::string& id, Event e, const Caller& caller) {
    auto lock = store.lock();
    Request r = read_request(store, id);
    e.recorded_by = caller.login;
    if (e.by.empty()) {
        auto staff = store.staff();
        const StaffMember* me = staff_of_login(staff, caller.login);
        e.by = me ? me->id : caller.login;
    }
    e.at = step_time(store, "", &r, caller);
    r.events.push_back(std::move(e));
    store.update_request(r);
    return r;
}

Request perform_step(const Store& store, const StepInput& in, const Caller& caller,
                     const std::function<void(Request&)>& before_write) {
    const OfficeConfig& cfg = store.config();
    const StepRule& rl = rule(in.step);
    if (in.step == Step::create)
        throw Error(Exit::usage, tr("use create_request for new requests"));

    // 1. Validate the input.
    Event e;
    e.action = rl.name;
    e.note = validate::text(tr("note"), in.note, kLongText, true, in.step == Step::note);
    const ActionInfo& ai = info(in.step);
    auto names = [&](const std::vector<DataField>& fields, const std::string& key) {
        return std::any_of(fields.begin(), fields.end(),
                           [&](const DataField& f) { return key == f.key; });
    };
    for (const auto& [key, value] : in.data)
        if (!names(ai.required, key) && !names(ai.optional, key))
            throw Error(Exit::usage, trf("--{} does not go with {}", key, rl.name));
    if (in.step == Step::provision) {
        if (in.mode != "manual" && in.mode != "ssh")
            throw Error(Exit::invalid, trf("provisioning mode '{}' is not known", in.mode));
        e.data.emplace_back("mode", in.mode);
    }
    for (const DataField& f : ai.required) {
        auto it = in.data.find(f.key);
        e.data.emplace_back(f.key, step_value(f.key, it == in.data.end() ? "" : it->second));
    }
    for (const DataField& f : ai.optional) {
        auto it = in.data.find(f.key);
        if (it != in.data.end() && !it->second.empty())
            e.data.emplace_back(f.key, step_value(f.key, it->second, &cfg));
    }
    const std::string& unix_user = caller.login;
    e.recorded_by = unix_user;

    // 2. Check against the store, under the lock.
    auto lock = store.lock();
    Request r = read_request(store, in.id);
    Status current = derive_status(r.events);
    auto staff = store.staff();
    check_transition(r.id, current, in.step);
    const StaffMember& by = officer_step_performer(r, in, staff, unix_user);
    check_performer(in.step, by, unix_user, cfg.recording);
    if (in.step == Step::assign) {
        const StaffMember& officer = find_staff(staff, e.get("officer"));
        if (!officer.active)
            throw Error(Exit::refused, trf("{} ({}) is deactivated", officer.id, officer.name),
                        tr("assign the request to an active technical officer"));
        if (!officer.has(Role::petugas_teknis))
            throw Error(Exit::refused,
                        trf("{} ({}) is not a technical officer (petugas_teknis)", officer.id,
                            officer.name),
                        tr("assign the request to a staff member with the petugas_teknis role"));
    }
    if (in.step == Step::provision) {
        auto servers = server_names(store);
        const std::string server = e.get("server");
        if (std::find(servers.begin(), servers.end(), server) == servers.end()) {
            std::string c = text::closest(server, servers);
            throw Error(Exit::not_found, trf("no server '{}' in servers.yaml", server),
                        (c.empty() ? std::string() : trf("did you mean '{}'? ", c)) +
                            (servers.empty()
                                 ? std::string(tr("servers.yaml lists no servers"))
                                 : trf("known servers: {}", text::join(servers, ", "))));
        }
    }
    e.by = by.id;
    e.at = step_time(store, in.at, &r, caller);
    r.events.push_back(std::move(e));
    if (before_write)
        before_write(r);
    store.update_request(r);
    return r;
}

} // namespace hostingctl

namespace hostingctl {

namespace {

// The roles that record a request's letter also correct it and add to it.
const std::vector<Role>& recorder_roles() {
    return rule(Step::create).roles;
}

bool before_provisioning(Status s) {
    return s == Status::received || s == Status::disposed || s == Status::assigned ||
           s == Status::incomplete || s == Status::verified;
}

const std::vector<std::string>& amendable() {
    static const std::vector<std::string> all = {
        "agency",        "letter-number", "letter-date", "subject", "contact-name",
        "contact-phone", "contact-email", "domain",      "app",     "php",
        "upstream-port", "database",      "quota"};
    return all;
}

bool hosting_option(std::string_view opt) {
    return opt == "domain" || opt == "app" || opt == "php" || opt == "upstream-port" ||
           opt == "database" || opt == "quota";
}

// One amended option: the field it changes (as stored), and the value
// checked and written the way the record holds it.
std::string amended_value(const OfficeConfig& cfg, const std::string& opt, const std::string& raw) {
    const std::string option = "--" + opt;
    if (opt == "agency")
        return validate::identifier(option, raw);
    if (opt == "letter-number")
        return validate::letter_number(raw);
    if (opt == "letter-date") {
        auto d = parse_date(validate::text(option, raw, 32));
        if (!d)
            throw Error(Exit::invalid, trf("letter date '{}' is not a date", raw), date_hint());
        return d->iso();
    }
    if (opt == "subject")
        return validate::text(option, raw, kShortText);
    if (opt == "contact-name")
        return validate::text(option, raw, kShortText, false, false);
    if (opt == "contact-phone")
        return raw.empty() ? raw : validate::phone(raw);
    if (opt == "contact-email")
        return raw.empty() ? raw : validate::email(raw);
    if (opt == "domain")
        return validate::domain(raw, cfg.zones, cfg.reserved_names);
    if (opt == "app") {
        auto app = parse_app_kind(raw);
        if (!app)
            throw Error(Exit::invalid, trf("application kind '{}' is unknown", text::shown(raw)),
                        tr("use static, php or proxy"));
        return to_string(*app);
    }
    if (opt == "php")
        return validate::php_version(raw);
    if (opt == "upstream-port") {
        long port = 0;
        auto [end, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), port);
        if (ec != std::errc() || end != raw.data() + raw.size())
            throw Error(Exit::invalid,
                        trf("--upstream-port '{}' is not a number", text::shown(raw)));
        return std::to_string(validate::port(option, port));
    }
    if (opt == "database")
        return validate::yes_no(option, raw) ? "yes" : "no";
    if (opt == "quota")
        return std::to_string(validate::quota_mb(raw));
    const std::string c = text::closest(opt, amendable());
    throw Error(Exit::usage, trf("{} cannot be amended", option),
                (c.empty() ? std::string() : trf("did you mean '--{}'? ", c)) +
                    trf("amendable: --{}", text::join(amendable(), ", --")));
}

// The stored field an option changes, and its text in the record now.
struct Field {
    const char* key; // as in the request file
    std::string now;
};

Field field_of(const Request& r, const std::string& opt) {
    if (opt == "agency")
        return {"agency", r.agency};
    if (opt == "letter-number")
        return {"letter.number", r.letter.number};
    if (opt == "letter-date")
        return {"letter.date", r.letter.date.iso()};
    if (opt == "subject")
        return {"letter.subject", r.letter.subject};
    if (opt == "contact-name")
        return {"contact.name", r.contact.name};
    if (opt == "contact-phone")
        return {"contact.phone", r.contact.phone};
    if (opt == "contact-email")
        return {"contact.email", r.contact.email};
    if (opt == "domain")
        return {"hosting.domain", r.hosting.domain};
    if (opt == "app")
        return {"hosting.app", to_string(r.hosting.app)};
    if (opt == "php")
        return {"hosting.php_version", r.hosting.php_version};
    if (opt == "upstream-port")
        return {"hosting.upstream_port",
                r.hosting.upstream_port ? std::to_string(r.hosting.upstream_port) : ""};
    if (opt == "database")
        return {"hosting.database", r.hosting.database ? "yes" : "no"};
    return {"hosting.disk_quota_mb", std::to_string(r.hosting.disk_quota_mb)};
}

void set_field(Request& r, const std::string& opt, const std::string& v) {
    if (opt == "agency")
        r.agency = v;
    else if (opt == "letter-number")
        r.letter.number = v;
    else if (opt == "letter-date")
        r.letter.date = *parse_iso_date(v);
    else if (opt == "subject")
        r.letter.subject = v;
    else if (opt == "contact-name")
        r.contact.name = v;
    else if (opt == "contact-phone")
        r.contact.phone = v;
    else if (opt == "contact-email")
        r.contact.email = v;
    else if (opt == "domain")
        r.hosting.domain = v;
    else if (opt == "app")
        r.hosting.app = *parse_app_kind(v);
    else if (opt == "php")
        r.hosting.php_version = v;
    else if (opt == "upstream-port")
        r.hosting.upstream_port = v.empty() ? 0 : std::stoi(v);
    else if (opt == "database")
        r.hosting.database = v == "yes";
    else if (opt == "quota")
        r.hosting.disk_quota_mb = std::stoi(v);
}

} // namespace

Amended amend_request(const Store& store, const AmendInput& in, const Caller& caller) {
    const OfficeConfig& cfg = store.config();
    if (in.changes.empty())
        throw Error(Exit::usage, tr("name at least one detail to amend"),
                    tr("e.g. hostingctl request amend HST-2026-0001 --letter-number 400.7/12/2026; "
                       "see 'hostingctl request amend --help'"));
    // 1. Each value alone.
    std::vector<std::pair<std::string, std::string>> values;
    for (const auto& [opt, raw] : in.changes) {
        for (const auto& [seen, v] : values)
            if (seen == opt)
                throw Error(Exit::usage, trf("--{} is given twice", opt));
        values.emplace_back(opt, amended_value(cfg, opt, raw));
    }
    const std::string note = validate::text("--reason", in.reason, kLongText, true, false);

    // 2. Against the record, under the lock.
    auto lock = store.lock();
    Request r = read_request(store, in.id);
    const Status st = derive_status(r.events);
    const auto staff = store.staff();
    const StaffMember& by = resolve_performer(staff, in.by, caller.login);
    check_may(by, recorder_roles(), tr("amend a request"), caller.login, cfg.recording);

    Request after = r;
    Value::Map changes;
    bool hosting = false;
    for (const auto& [opt, v] : values) {
        const Field f = field_of(r, opt);
        if (f.now == v)
            continue;
        hosting = hosting || hosting_option(opt);
        set_field(after, opt, v);
        changes.emplace_back(f.key, Value::map({{"before", Value(f.now)}, {"after", Value(v)}}));
    }
    // Switching the kind of application takes or drops what goes with it.
    auto given = [&](const char* opt) {
        return std::any_of(values.begin(), values.end(),
                           [&](const auto& p) { return p.first == opt; });
    };
    HostingSpec& h = after.hosting;
    if (h.app == AppKind::php && h.php_version.empty())
        h.php_version = "8.2";
    if (h.app != AppKind::php) {
        if (given("php"))
            throw Error(Exit::invalid, tr("--php is only for --app php"),
                        trf("{} is a {} application", r.id, to_string(h.app)));
        h.php_version.clear();
    }
    if (h.app != AppKind::proxy) {
        if (given("upstream-port"))
            throw Error(Exit::invalid, tr("--upstream-port is only for --app proxy"),
                        trf("{} is a {} application", r.id, to_string(h.app)));
        h.upstream_port = 0;
    } else if (h.upstream_port == 0) {
        throw Error(Exit::invalid, tr("a proxy application needs --upstream-port"),
                    tr("e.g. --app proxy --upstream-port 8080"));
    }
    // What the kind change took or dropped is part of the change.
    for (const char* opt : {"php", "upstream-port"}) {
        const Field before = field_of(r, opt), now = field_of(after, opt);
        if (before.now != now.now && !given(opt))
            changes.emplace_back(
                before.key, Value::map({{"before", Value(before.now)}, {"after", Value(now.now)}}));
    }
    if (changes.empty())
        return {r, false};
    if (hosting && !before_provisioning(st))
        throw Error(
            Exit::refused,
            trf("the hosting details of {} cannot change: its status is '{}'", r.id, to_string(st)),
            is_terminal(st) ? std::string(tr("the request has ended"))
                            : tr("the site was provisioned with them; a change to the site "
                                 "is a new request"));
    if (after.letter.received_at.local_date() < after.letter.date)
        throw Error(Exit::invalid,
                    trf("the letter would be dated {} but was received on {}",
                        after.letter.date.iso(), r.letter.received_at.local_date().iso()),
                    tr("check --letter-date"));
    if (after.agency != r.agency)
        find_agency(store.agencies(), after.agency);
    if (after.hosting.domain != r.hosting.domain && is_live(st))
        check_domain_free(store, after.hosting.domain, r.id, caller);

    Event e;
    e.action = to_string(Action::amend);
    e.by = by.id;
    e.recorded_by = caller.login;
    e.note = note;
    e.at = step_time(store, "", &r, caller);
    e.data = std::move(changes);
    after.events.push_back(std::move(e));
    store.update_request(after);
    return {after, true};
}

Request revert_step(const Store& store, const RevertInput& in, const Caller& caller) {
    const OfficeConfig& cfg = store.config();
    const std::string reason = validate::text("--reason", in.reason, kLongText, true, true);

    auto lock = store.lock();
    Request r = read_request(store, in.id);
    const auto idx = last_step_in_effect(r.events);
    if (!idx)
        throw Error(Exit::refused,
                    trf("{} has no step to take back: only its letter is recorded", r.id),
                    trf("if the agency withdrew it: hostingctl request cancel {} --reason "
                        "\"...\"",
                        r.id));
    const Event step = r.events[*idx];
    if (is(step, Action::provision) && step.get("mode") == "ssh")
        throw Error(
            Exit::refused,
            trf("step 5 of {} made the site on {} over SSH; taking back its record "
                "would leave the site there without a request",
                r.id, step.get("server")),
            tr("record what is wrong with 'hostingctl request note', or cancel the request"));
    const auto staff = store.staff();
    const StaffMember& by = resolve_performer(staff, in.by, caller.login);
    if (by.id == step.by)
        check_may(by, rule(Step::note).roles, trf("take back the step '{}'", step.action),
                  caller.login, cfg.recording);
    else
        check_may(by, {Role::admin},
                  trf("take back the step '{}' that {} took", step.action, step.by), caller.login,
                  cfg.recording);

    if (in.check)
        in.check(r, step);

    Event e;
    e.action = to_string(Action::revert);
    e.by = by.id;
    e.recorded_by = caller.login;
    e.at = step_time(store, "", &r, caller);
    e.data.emplace_back("step", Value(step.action));
    e.data.emplace_back("step_at", Value(step.at.iso()));
    e.data.emplace_back("reason", Value(reason));
    Request after = r;
    after.events.push_back(std::move(e));
    const Status was = derive_status(r.events), now = derive_status(after.events);
    // A rejection or cancellation released the domain; taking it back
    // claims it again.
    if (!is_live(was) && is_live(now))
        check_domain_free(store, r.hosting.domain, r.id, caller);
    store.update_request(after);
    return after;
}

Request attach_files(const Store& store, const AttachInput& in, const Caller& caller) {
    const OfficeConfig& cfg = store.config();
    if (in.files.empty())
        throw Error(Exit::usage, tr("name at least one file to attach"));
    const std::vector<LocalFile> files = checked_files("FILE", in.files);
    const std::string note = validate::text("--note", in.note, kLongText, true, false);

    auto lock = store.lock();
    Request r = read_request(store, in.id);
    const auto staff = store.staff();
    const StaffMember& by = resolve_performer(staff, in.by, caller.login);
    check_may(by, recorder_roles(), tr("add documents to a request"), caller.login, cfg.recording);
    Event e;
    e.action = to_string(Action::attach);
    e.by = by.id;
    e.recorded_by = caller.login;
    e.note = note;
    e.at = step_time(store, "", &r, caller);
    Value::List added;
    StagedDocuments staged(store.root());
    for (const LocalFile& f : files) {
        const stdfs::path rel = stdfs::path("letter") / f.name;
        const std::string path = (stdfs::path(kDocumentsDir) / r.id / rel).string();
        for (const auto& a : r.letter.attachments)
            if (a.path == path)
                throw Error(Exit::conflict,
                            trf("{} already has an attachment named {}", r.id, f.name),
                            tr("rename the file to attach it beside the other"));
        staged.add(f.src, rel, 0640);
        r.letter.attachments.push_back({f.src.filename().string(), path, f.size});
        added.push_back(Value(path));
    }
    e.data.emplace_back("files", Value::list(std::move(added)));
    r.events.push_back(std::move(e));
    staged.place_into(r.id, Timestamp::at(caller.now(), store.tz()).local_date());
    store.update_request(r);
    staged.keep();
    return r;
}

} // namespace hostingctl
