#include "people/admin.hpp"

#include "store/audit.hpp"
#include "util/error.hpp"
#include "util/fs.hpp"
#include "util/i18n.hpp"
#include "util/text.hpp"
#include "validate/validate.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace hostingctl {

namespace stdfs = std::filesystem;

namespace {

std::vector<Role> parse_roles(const std::vector<std::string>& names) {
    std::vector<Role> out;
    for (const auto& name : names) {
        auto r = parse_role(name);
        if (!r) {
            std::vector<std::string> all;
            for (Role x : all_roles())
                all.emplace_back(to_string(x));
            std::string c = text::closest(name, all);
            throw Error(Exit::invalid, trf("unknown role '{}'", text::shown(name)),
                        c.empty() ? trf("roles: {}", text::join(all, ", "))
                                  : trf("did you mean '{}'?", c));
        }
        if (std::find(out.begin(), out.end(), *r) == out.end())
            out.push_back(*r);
    }
    return out;
}

// An admin acts through their login: one without a login on record cannot,
// and does not keep a store from being left without an admin.
bool any_active_admin(const std::vector<StaffMember>& staff) {
    return std::any_of(staff.begin(), staff.end(), [](const StaffMember& s) {
        return s.active && s.has(Role::admin) && !s.unix_user.empty();
    });
}

void check_login_free(const std::vector<StaffMember>& staff, const StaffMember& s) {
    if (s.unix_user.empty())
        return;
    for (const auto& other : staff)
        if (other.id != s.id && other.unix_user == s.unix_user)
            throw Error(Exit::conflict,
                        trf("Unix user '{}' is already mapped to {}", s.unix_user, other.id),
                        tr("one login maps to one person"));
}

// `admin` is the acting admin's id (empty for the first admin).
void audit(const Store& store, const Caller& caller, std::string admin, std::string what,
           std::string target, Value before, Value after) {
    AuditEntry e;
    e.at = Timestamp::at(caller.now(), store.tz());
    e.login = caller.login;
    e.by = std::move(admin);
    e.what = std::move(what);
    e.target = std::move(target);
    e.before = std::move(before);
    e.after = std::move(after);
    append_audit(store, e);
}

Value agency_value(const Agency& a) {
    return Value::map({{"code", a.code},
                       {"name", a.name},
                       {"head", a.head},
                       {"phone", a.phone},
                       {"email", a.email},
                       {"address", a.address}});
}

} // namespace

std::string admin_id(const std::vector<StaffMember>& staff, const Caller& caller,
                     bool makes_first_admin, std::string_view what) {
    const StaffMember* a = authorize_admin(staff, caller, makes_first_admin, what);
    return a ? a->id : std::string();
}

Value staff_value(const StaffMember& s) {
    Value::List roles;
    for (Role r : s.roles)
        roles.emplace_back(to_string(r));
    return Value::map({{"id", s.id},
                       {"name", s.name},
                       {"nip", s.nip},
                       {"title", s.title},
                       {"roles", Value::list(std::move(roles))},
                       {"unix_user", s.unix_user},
                       {"active", s.active ? "true" : "false"}});
}

const StaffMember* authorize_admin(const std::vector<StaffMember>& staff, const Caller& caller,
                                   bool makes_first_admin, std::string_view what) {
    if (!any_active_admin(staff)) {
        if (makes_first_admin)
            return nullptr;
        throw Error(Exit::refused,
                    trf("cannot {}: the store has no admin yet, and changes to staff, "
                        "agencies, servers and configuration need one",
                        what),
                    trf("make yourself the first admin: hostingctl staff add ID --name "
                        "NAME --role admin --unix-user {}",
                        caller.login));
    }
    const StaffMember* me = staff_of_login(staff, caller.login);
    if (!me)
        throw Error(Exit::refused,
                    trf("cannot {}: Unix user '{}' is not mapped to a staff member, and "
                        "this needs the admin role",
                        what, caller.login),
                    tr("ask an admin (see 'hostingctl staff list')"));
    if (!me->active || !me->has(Role::admin))
        throw Error(Exit::refused,
                    trf("cannot {}: {} ({}) is not an active admin", what, me->id, me->name),
                    tr("changes to staff, agencies, servers and configuration need the admin role; "
                       "ask an admin (see 'hostingctl staff list')"));
    return me;
}

StaffMember add_staff(const Store& store, const StaffInput& in, const Caller& caller) {
    StaffMember s;
    s.id = validate::identifier(tr("staff id"), in.id);
    s.name = validate::text("--name", in.name, 200);
    if (!in.nip.empty())
        s.nip = validate::nip(in.nip);
    s.title = validate::text("--title", in.title, 200, false, false);
    if (in.roles.empty())
        throw Error(
            Exit::invalid, tr("a staff member needs at least one --role"),
            tr("roles: kepala_dinas, kepala_bidang, petugas_teknis, admin, pejabat_pengaduan"));
    s.roles = parse_roles(in.roles);
    if (!in.unix_user.empty())
        s.unix_user = validate::unix_user(in.unix_user);

    auto lock = store.lock();
    auto staff = store.staff();
    const bool first_admin = s.has(Role::admin) && s.unix_user == caller.login;
    const std::string admin = admin_id(staff, caller, first_admin, tr("add staff"));
    for (const auto& other : staff)
        if (other.id == s.id)
            throw Error(Exit::conflict,
                        trf("staff id '{}' belongs to {}{}", s.id, other.name,
                            other.active ? "" : tr(" (deactivated)")),
                        tr("an id is never given to another person; choose another id"));
    for (const auto& e : read_audit(store))
        if (e.target == s.id && e.what.starts_with("staff."))
            throw Error(Exit::conflict,
                        trf("staff id '{}' was used before (audit log, {})", s.id, e.at.iso()),
                        tr("an id is never given to another person; choose another id"));
    check_login_free(staff, s);
    staff.push_back(s);
    store.write_staff(staff);
    audit(store, caller, admin, "staff.add", s.id, Value::map({}), staff_value(s));
    return s;
}

StaffMember edit_staff(const Store& store, const std::string& id, const StaffEdit& in,
                       const Caller& caller) {
    std::optional<std::string> name, nip, title, login;
    if (in.name)
        name = validate::text("--name", *in.name, 200);
    if (in.nip)
        nip = in.nip->empty() ? std::string() : validate::nip(*in.nip);
    if (in.title)
        title = validate::text("--title", *in.title, 200, false, false);
    if (in.unix_user)
        login = in.unix_user->empty() ? std::string() : validate::unix_user(*in.unix_user);
    std::vector<Role> roles = parse_roles(in.roles);

    auto lock = store.lock();
    auto staff = store.staff();
    find_staff(staff, validate::identifier(tr("staff id"), id));
    auto it =
        std::find_if(staff.begin(), staff.end(), [&](const StaffMember& s) { return s.id == id; });
    StaffMember after = *it;
    if (name)
        after.name = *name;
    if (nip)
        after.nip = *nip;
    if (title)
        after.title = *title;
    if (login)
        after.unix_user = *login;
    if (!roles.empty())
        after.roles = roles;
    const bool first_admin =
        after.active && after.has(Role::admin) && after.unix_user == caller.login;
    const std::string admin = admin_id(staff, caller, first_admin, tr("edit staff"));
    check_login_free(staff, after);
    StaffMember before = *it;
    *it = after;
    if (!any_active_admin(staff))
        throw Error(Exit::refused, tr("that would leave the store without an active admin"),
                    tr("give another person with a login (--unix-user) the admin role first"));
    // An edit to what is already there writes and audits nothing.
    if (staff_value(before) == staff_value(after))
        return after;
    store.write_staff(staff);
    audit(store, caller, admin, "staff.edit", id, staff_value(before), staff_value(after));
    return after;
}

StaffMember set_staff_active(const Store& store, const std::string& id, bool active,
                             const std::vector<std::string>& open_requests, const Caller& caller) {
    auto lock = store.lock();
    auto staff = store.staff();
    find_staff(staff, validate::identifier(tr("staff id"), id));
    auto it =
        std::find_if(staff.begin(), staff.end(), [&](const StaffMember& s) { return s.id == id; });
    const bool first_admin = active && it->has(Role::admin) && it->unix_user == caller.login;
    const std::string admin = admin_id(staff, caller, first_admin,
                                       active ? tr("activate staff") : tr("deactivate staff"));
    if (it->active == active)
        throw Error(Exit::conflict, active ? trf("{} is already active", id)
                                           : trf("{} is already deactivated", id));
    if (!active && !open_requests.empty())
        throw Error(
            Exit::refused,
            trf("{} is the officer of open request(s) {}", id, text::join(open_requests, ", ")),
            trf("reassign them first: hostingctl request assign {} --officer ...",
                open_requests.front()));
    StaffMember before = *it;
    it->active = active;
    StaffMember after = *it;
    if (!active && !any_active_admin(staff))
        throw Error(Exit::refused, tr("that would leave the store without an active admin"),
                    tr("give another person with a login (--unix-user) the admin role first"));
    store.write_staff(staff);
    audit(store, caller, admin, active ? "staff.activate" : "staff.deactivate", id,
          staff_value(before), staff_value(after));
    return after;
}

Agency add_agency(const Store& store, const AgencyInput& in, const Caller& caller) {
    Agency a;
    a.code = validate::identifier(tr("agency code"), in.code);
    a.name = validate::text("--name", in.name, 200);
    a.head = validate::text("--head", in.head, 200, false, false);
    if (!in.phone.empty())
        a.phone = validate::phone(in.phone);
    if (!in.email.empty())
        a.email = validate::email(in.email);
    a.address = validate::text("--address", in.address, 300, false, false);
    auto lock = store.lock();
    const std::string admin = admin_id(store.staff(), caller, false, tr("add an agency"));
    auto agencies = store.agencies();
    for (const auto& other : agencies)
        if (other.code == a.code)
            throw Error(Exit::conflict, trf("agency '{}' already exists ({})", a.code, other.name));
    agencies.push_back(a);
    store.write_agencies(agencies);
    audit(store, caller, admin, "agency.add", a.code, Value::map({}), agency_value(a));
    return a;
}

namespace {

Value calendar_value(const Calendar& cal) {
    Value::List years;
    for (int y : cal.confirmed_years())
        years.emplace_back(std::to_string(y));
    return Value::map({{"holidays", std::to_string(cal.holidays().size())},
                       {"confirmed_years", Value::list(std::move(years))}});
}

} // namespace

CalendarImport import_holidays(const Store& store, const std::vector<Holiday>& found,
                               const std::string& source, const Caller& caller) {
    auto lock = store.lock();
    const std::string admin = admin_id(store.staff(), caller, false, tr("import holidays"));
    Calendar cal = store_calendar(store);
    const Value before = calendar_value(cal);
    CalendarImport r;
    r.added = cal.add_holidays(found);
    bool newly_confirmed = false;
    for (const auto& h : found)
        if (r.years.insert(h.date.year).second)
            newly_confirmed |= cal.confirm_year(h.date.year);
    r.holidays = cal.holidays().size();
    if (r.added == 0 && !newly_confirmed)
        return r;
    fs::atomic_write(store.root() / "calendar.yaml", encode_calendar(cal));
    Value after = calendar_value(cal);
    after.entries.emplace_back("file", Value(source));
    audit(store, caller, admin, "calendar.import", "calendar", before, std::move(after));
    return r;
}

namespace {

void put(Value::Map& m, const char* key, const std::string& v) {
    if (!v.empty())
        m.emplace_back(key, Value(v));
}

void put(Value::Map& m, const char* key, const CommandLine& c) {
    if (c.empty())
        return;
    Value::List words;
    for (const auto& w : c)
        words.emplace_back(w);
    m.emplace_back(key, Value::list(std::move(words)));
}

void write_inventory(const Store& store, const Inventory& inv) {
    validate_inventory(inv);
    fs::atomic_write(store.root() / "servers.yaml", encode_inventory(inv));
}

Server* find_server(Inventory& inv, const std::string& name) {
    for (auto& s : inv.servers)
        if (s.name == name)
            return &s;
    std::string c = text::closest(name, inv.names());
    throw Error(Exit::not_found, trf("no server '{}' in servers.yaml", text::shown(name)),
                c.empty()
                    ? (inv.servers.empty() ? std::string(tr("servers.yaml lists no servers"))
                                           : trf("servers: {}", text::join(inv.names(), ", ")))
                    : trf("did you mean '{}'?", c));
}

} // namespace

Value server_value(const Server& s) {
    Value::Map m;
    put(m, "name", s.name);
    put(m, "host", s.host);
    put(m, "port", std::to_string(s.port));
    put(m, "user", s.user);
    put(m, "identity_file", s.identity_file);
    if (s.become_sudo)
        put(m, "become", "sudo");
    put(m, "public_ip", s.public_ip);
    if (s.web) {
        const WebServer& w = *s.web;
        put(m, "web", to_string(w.kind));
        put(m, "php", w.php);
        put(m, "capacity", std::to_string(w.capacity));
        put(m, "sites_root", w.sites_root);
        put(m, "vhost_dir", w.vhost_dir);
        put(m, "php_pool_dir", w.php_pool_dir);
        put(m, "php_socket_dir", w.php_socket_dir);
        put(m, "web_test", w.test);
        put(m, "web_reload", w.reload);
        put(m, "php_reload", w.php_reload);
        put(m, "php_test", w.php_test);
        put(m, "tls_certificate", w.tls_certificate);
        put(m, "tls_key", w.tls_key);
        put(m, "listen_http", w.listen_http);
        put(m, "listen_https", w.listen_https);
        put(m, "web_user", w.web_user);
        put(m, "site_user_prefix", w.site_user_prefix);
    }
    if (s.database) {
        put(m, "database", "mariadb");
        put(m, "database_client", s.database->client);
    }
    return Value::map(std::move(m));
}

Server add_server(const Store& store, const Server& s, const Caller& caller) {
    validate_server(s);
    auto lock = store.lock();
    const std::string admin = admin_id(store.staff(), caller, false, tr("add a server"));
    Inventory inv = read_inventory(store);
    if (inv.find(s.name))
        throw Error(Exit::conflict, trf("server '{}' already exists", s.name),
                    trf("change it with 'hostingctl server edit {}'", s.name));
    inv.servers.push_back(s);
    write_inventory(store, inv);
    audit(store, caller, admin, "server.add", s.name, Value::map({}), server_value(s));
    return s;
}

Server edit_server(const Store& store, const std::string& name,
                   const std::function<void(Server&)>& change, const Caller& caller) {
    auto lock = store.lock();
    const std::string admin = admin_id(store.staff(), caller, false, tr("edit a server"));
    Inventory inv = read_inventory(store);
    Server* s = find_server(inv, name);
    const Server before = *s;
    change(*s);
    s->name = before.name;
    validate_server(*s);
    const Server after = *s;
    // An edit to what is already there writes and audits nothing.
    if (server_value(before) == server_value(after))
        return after;
    write_inventory(store, inv);
    audit(store, caller, admin, "server.edit", name, server_value(before), server_value(after));
    return after;
}

void remove_server(const Store& store, const std::string& name, const Caller& caller) {
    auto lock = store.lock();
    const std::string admin = admin_id(store.staff(), caller, false, tr("remove a server"));
    Inventory inv = read_inventory(store);
    const Server before = *find_server(inv, name);
    for (const auto& z : inv.zones)
        if (z.server == name)
            throw Error(Exit::refused, trf("zone {} is changed on server {}", z.zone, name),
                        tr("point the zone at another server in servers.yaml first"));
    std::erase_if(inv.servers, [&](const Server& s) { return s.name == name; });
    write_inventory(store, inv);
    audit(store, caller, admin, "server.remove", name, server_value(before), Value::map({}));
}

bool trust_host_key(const Store& store, const std::string& server,
                    const std::string& known_hosts_line, const std::string& fingerprint,
                    const Caller& caller) {
    auto lock = store.lock();
    const std::string admin = admin_id(store.staff(), caller, false, tr("trust a host key"));
    const stdfs::path file = store.root() / "known_hosts";
    std::string text;
    std::error_code ec;
    if (stdfs::exists(file, ec))
        text = fs::read_file(file);
    for (const auto& line : text::split(text, '\n'))
        if (text::trim(line) == known_hosts_line)
            return false;
    if (!text.empty() && text.back() != '\n')
        text += '\n';
    text += known_hosts_line + "\n";
    fs::atomic_write(file, text, 0644);
    audit(store, caller, admin, "server.trust", server, Value::map({}),
          Value::map({{"fingerprint", fingerprint}, {"known_hosts", known_hosts_line}}));
    return true;
}

} // namespace hostingctl
