// hostingctl server add|edit|remove|list|show|trust|check
//
// JSON keys:
//   list:  [{name, host, port, user, web, php, public_ip, capacity, trusted}]
//   show:  {server: {fields as servers.yaml gives them}, resolved: {the same with
//           Debian's defaults filled in}, trusted}
//   add/edit: the server as show's `server`
//   trust: {server, type, fingerprint, added}
//   check: {server, ok, checks: [{what, ok, detail}]}
#include "commands.hpp"
#include "people/admin.hpp"
#include "provision/servers.hpp"
#include "util/error.hpp"
#include "util/fs.hpp"
#include "util/i18n.hpp"
#include "util/text.hpp"

#include <fmt/format.h>

namespace hostingctl::cli {

namespace {

// The options of add and edit.  In edit, only the options given change.
struct ServerOptions {
    std::string name, host, user, identity_file, become, public_ip, web, php, sites_root, vhost_dir,
        php_pool_dir, php_socket_dir, web_test, web_reload, php_reload, php_test, tls_certificate,
        tls_key, database, database_client, listen_http, listen_https, web_user, site_user_prefix;
    long port = 22, capacity = 50;
};

// Applies the options that were given (`given(name)`) to `s`.
void apply(const ServerOptions& o, const std::function<bool(const char*)>& given, Server& s) {
    if (given("--host"))
        s.host = o.host;
    if (given("--port"))
        s.port = static_cast<int>(o.port);
    if (given("--user"))
        s.user = o.user;
    if (given("--identity-file"))
        s.identity_file = o.identity_file;
    if (given("--become")) {
        if (o.become != "sudo" && o.become != "none")
            throw Error(Exit::invalid, trf("--become '{}' is not sudo or none", o.become));
        s.become_sudo = o.become == "sudo";
    }
    if (given("--public-ip"))
        s.public_ip = o.public_ip;
    if (given("--web")) {
        if (o.web == "none") {
            s.web.reset();
        } else if (o.web == "nginx" || o.web == "apache") {
            if (!s.web)
                s.web = WebServer{};
            s.web->kind = o.web == "nginx" ? WebKind::nginx : WebKind::apache;
        } else {
            throw Error(Exit::invalid, trf("--web '{}' is not nginx, apache or none", o.web));
        }
    }
    const bool web_option =
        given("--php") || given("--capacity") || given("--sites-root") || given("--vhost-dir") ||
        given("--php-pool-dir") || given("--php-socket-dir") || given("--web-test") ||
        given("--web-reload") || given("--php-reload") || given("--php-test") ||
        given("--tls-certificate") || given("--tls-key") || given("--listen-http") ||
        given("--listen-https") || given("--web-user") || given("--site-user-prefix");
    if (web_option && !s.web)
        throw Error(Exit::usage, tr("web server options need --web nginx or --web apache"));
    if (s.web) {
        WebServer& w = *s.web;
        if (given("--php"))
            w.php = o.php;
        if (given("--capacity"))
            w.capacity = static_cast<int>(o.capacity);
        if (given("--sites-root"))
            w.sites_root = o.sites_root;
        if (given("--vhost-dir"))
            w.vhost_dir = o.vhost_dir;
        if (given("--php-pool-dir"))
            w.php_pool_dir = o.php_pool_dir;
        if (given("--php-socket-dir"))
            w.php_socket_dir = o.php_socket_dir;
        if (given("--web-test"))
            w.test = command_words(o.web_test);
        if (given("--web-reload"))
            w.reload = command_words(o.web_reload);
        if (given("--php-reload"))
            w.php_reload = command_words(o.php_reload);
        if (given("--php-test"))
            w.php_test = command_words(o.php_test);
        if (given("--tls-certificate"))
            w.tls_certificate = o.tls_certificate;
        if (given("--tls-key"))
            w.tls_key = o.tls_key;
        if (given("--listen-http"))
            w.listen_http = o.listen_http;
        if (given("--listen-https"))
            w.listen_https = o.listen_https;
        if (given("--web-user"))
            w.web_user = o.web_user;
        if (given("--site-user-prefix"))
            w.site_user_prefix = o.site_user_prefix;
    }
    if (given("--database")) {
        if (o.database == "none")
            s.database.reset();
        else if (o.database == "mariadb")
            s.database = s.database.value_or(DatabaseServer{});
        else
            throw Error(Exit::invalid, trf("--database '{}' is not mariadb or none", o.database));
    }
    if (given("--database-client")) {
        if (!s.database)
            throw Error(Exit::usage, tr("--database-client needs --database mariadb"));
        s.database->client = command_words(o.database_client);
    }
}

void add_options(CLI::App* c, ServerOptions& o, bool adding) {
    auto* host = c->add_option("--host", o.host, "SSH address (name or IP)");
    if (adding)
        host->required();
    c->add_option("--port", o.port, "SSH port (default 22)");
    c->add_option("--user", o.user, "SSH user (default root)");
    c->add_option("--identity-file", o.identity_file,
                  "private key on this machine (default: the SSH agent)");
    c->add_option("--become", o.become, "sudo: run as root through sudo -n (non-root user); none");
    c->add_option("--public-ip", o.public_ip, "the address DNS records point to");
    c->add_option("--web", o.web, "nginx, apache or none");
    c->add_option("--php", o.php, "PHP-FPM version, e.g. 8.2");
    c->add_option("--capacity", o.capacity, "sites it may hold (default 50)");
    c->add_option("--sites-root", o.sites_root, "where sites live (default /var/www)");
    c->add_option("--vhost-dir", o.vhost_dir,
                  "virtual host files (default: Debian's sites-enabled)");
    c->add_option("--php-pool-dir", o.php_pool_dir,
                  "PHP-FPM pools (default /etc/php/V/fpm/pool.d)");
    c->add_option("--php-socket-dir", o.php_socket_dir, "PHP-FPM sockets (default /run/php)");
    c->add_option("--web-test", o.web_test, "config test command, words split at spaces");
    c->add_option("--web-reload", o.web_reload, "reload command, words split at spaces");
    c->add_option("--php-reload", o.php_reload, "PHP-FPM reload command");
    c->add_option("--php-test", o.php_test, "PHP-FPM config test (default php-fpmV -t)");
    c->add_option("--tls-certificate", o.tls_certificate,
                  "certificate on the server (e.g. the city's wildcard); sites get HTTPS");
    c->add_option("--tls-key", o.tls_key, "its private key on the server");
    c->add_option("--listen-http", o.listen_http, "[address:]port sites listen on (default 80)");
    c->add_option("--listen-https", o.listen_https, "[address:]port for HTTPS (default 443)");
    c->add_option("--web-user", o.web_user, "the web server's user (default www-data)");
    c->add_option("--site-user-prefix", o.site_user_prefix,
                  "put before the request number in a site's Unix user name");
    c->add_option("--database", o.database, "mariadb (runs on this server) or none");
    c->add_option("--database-client", o.database_client,
                  "the MariaDB client as admin (default: mariadb, root over the socket)");
}

bool is_trusted(const Store& store, const Server& s) {
    std::error_code ec;
    const auto file = known_hosts_file(store);
    if (!std::filesystem::exists(file, ec))
        return false;
    const std::string host = s.port == 22 ? s.host : fmt::format("[{}]:{}", s.host, s.port);
    for (const auto& line : text::split(fs::read_file(file), '\n'))
        if (line.rfind(host + " ", 0) == 0)
            return true;
    return false;
}

// A server's fields for --json: as servers.yaml gives them, the numbers as
// numbers (as in server list), absent ones null.
Json server_json(const Server& s) {
    Json j = to_json(server_value(s));
    j["port"] = s.port;
    if (s.web)
        j["capacity"] = s.web->capacity;
    return j;
}

void print_server(Context& ctx, const Server& s) {
    const Server r = resolved(s);
    if (ctx.out.json()) {
        Json j = Json::object();
        j["server"] = server_json(s);
        j["resolved"] = server_json(r);
        j["trusted"] = is_trusted(ctx.store(), s);
        ctx.out.print_json(j);
        return;
    }
    const Value given = server_value(s);
    std::vector<std::vector<std::string>> rows;
    for (const auto& [key, v] : server_value(r).entries) {
        const bool is_default = !std::any_of(given.entries.begin(), given.entries.end(),
                                             [&](const auto& e) { return e.first == key; });
        // TRANSLATORS: a value of a server that servers.yaml does not give.
        rows.push_back({key, is_default ? trf("{}  (default)", v.display()) : v.display()});
    }
    rows.push_back(
        {tr("host key"), is_trusted(ctx.store(), s)
                             ? tr("trusted (known_hosts)")
                             : trf("not trusted yet: hostingctl server trust {}", s.name)});
    ctx.out.table({tr("FIELD"), tr("VALUE")}, rows);
}

Server find(Context& ctx, const std::string& name) {
    Inventory inv = read_inventory(ctx.store());
    if (const Server* s = inv.find(name))
        return *s;
    std::string c = text::closest(name, inv.names());
    throw Error(Exit::not_found, trf("no server '{}' in servers.yaml", text::shown(name)),
                c.empty() ? std::string(tr("list them with 'hostingctl server list'"))
                          : trf("did you mean '{}'?", c));
}

void trust(Context& ctx, const std::string& name) {
    const Server s = find(ctx, name);
    // Refused before anything connects (trust_host_key checks again, under the lock).
    admin_id(ctx.store().staff(), ctx.caller(), false, "trust a host key");
    const ssh::KeyScan scan = ssh::scan_host_key(ssh_target(ctx.store(), s));
    if (scan.state == ssh::KeyState::changed)
        throw Error(Exit::host_key,
                    trf("THE HOST KEY OF {} HAS CHANGED: it now offers {} {}, not the key "
                        "recorded in {}",
                        name, scan.key.type, scan.key.fingerprint,
                        known_hosts_file(ctx.store()).string()),
                    tr("if the server was reinstalled, confirm the new fingerprint with its "
                       "administrator, remove the old line from known_hosts by hand, and trust "
                       "again"));
    bool added = false;
    if (scan.state == ssh::KeyState::unknown) {
        // TRANSLATORS: server name, host, port, key type and fingerprint.
        if (!ctx.out.confirm(
                trf("The host key of {} ({}:{}) is {} {}. Is this the server's key (compare the "
                    "fingerprint with its administrator's), to be trusted from now on?",
                    name, s.host, s.port, scan.key.type, scan.key.fingerprint)))
            throw Error(Exit::refused, tr("the key was not trusted; nothing changed"));
        added = trust_host_key(ctx.store(), name, scan.key.known_hosts_line, scan.key.fingerprint,
                               ctx.caller());
    }
    if (ctx.out.json()) {
        Json j = Json::object();
        j["server"] = name;
        j["type"] = scan.key.type;
        j["fingerprint"] = scan.key.fingerprint;
        j["added"] = added;
        ctx.out.print_json(j);
        return;
    }
    // TRANSLATORS: server name, key type and fingerprint.
    ctx.out.line(
        added ? trf("Trusted {} ({} {})", name, scan.key.type, scan.key.fingerprint)
              : trf("{} is trusted already ({} {})", name, scan.key.type, scan.key.fingerprint));
}

void check(Context& ctx, const std::string& name) {
    const Server s = find(ctx, name);
    const Inventory inv = read_inventory(ctx.store());
    const auto items = check_server(ctx.store(), inv, s);
    size_t failed = 0;
    for (const auto& i : items)
        failed += !i.ok;
    if (ctx.out.json()) {
        Json j = Json::object();
        j["server"] = name;
        j["ok"] = failed == 0;
        Json arr = Json::array();
        for (const auto& i : items) {
            Json o = Json::object();
            o["what"] = i.what;
            o["ok"] = i.ok;
            o["detail"] = i.detail;
            arr.push(o);
        }
        j["checks"] = arr;
        ctx.out.print_json(j);
    } else {
        std::vector<std::vector<std::string>> rows;
        for (const auto& i : items)
            rows.push_back({i.ok ? tr("ok") : tr("MISSING"), i.label, i.detail});
        ctx.out.table({"", tr("CHECK"), tr("DETAIL")}, rows);
    }
    if (failed > 0)
        throw Error(Exit::remote,
                    ntrf("{}: {} check failed", "{}: {} checks failed", failed, name, failed),
                    tr("install or configure what is missing, or override the path or command in "
                       "servers.yaml (hostingctl server edit)"));
}

} // namespace

void setup_server(CLI::App& app, Context& ctx) {
    CLI::App* grp =
        app.add_subcommand("server", "the server inventory: add, trust and check servers");
    grp->require_subcommand(1);

    auto ao = std::make_shared<ServerOptions>();
    CLI::App* add = grp->add_subcommand("add", "add a server to the inventory (admin)");
    add->add_option("name", ao->name, "server name, e.g. web01")->required();
    add_options(add, *ao, true);
    add->callback([&ctx, ao, add] {
        Server s;
        s.name = ao->name;
        apply(
            *ao, [add](const char* o) { return add->count(o) > 0; }, s);
        s = add_server(ctx.store(), s, ctx.caller());
        if (ctx.out.json())
            return ctx.out.print_json(server_json(s));
        ctx.out.line(trf("Added server {}; next: hostingctl server trust {}", s.name, s.name));
    });

    auto eo = std::make_shared<ServerOptions>();
    CLI::App* edit = grp->add_subcommand("edit", "change the given fields of a server (admin)");
    edit->add_option("name", eo->name, "server name")->required();
    add_options(edit, *eo, false);
    edit->callback([&ctx, eo, edit] {
        bool any = false;
        for (const CLI::Option* o : edit->get_options())
            any = any || (o->get_name() != "name" && o->get_name() != "--help" && o->count() > 0);
        if (!any)
            throw Error(Exit::usage, tr("nothing to change"),
                        tr("give the fields to change; see 'hostingctl server edit --help'"));
        std::optional<Value> before;
        for (const auto& x : read_inventory(ctx.store()).servers)
            if (x.name == eo->name)
                before = server_value(x);
        Server s = edit_server(
            ctx.store(), eo->name,
            [&](Server& x) {
                apply(
                    *eo, [edit](const char* o) { return edit->count(o) > 0; }, x);
            },
            ctx.caller());
        if (ctx.out.json())
            return ctx.out.print_json(server_json(s));
        if (before && *before == server_value(s))
            return ctx.out.line(trf("No change: server {} is already as given", s.name));
        ctx.out.line(trf("Changed server {}", s.name));
    });

    auto rn = std::make_shared<std::string>();
    CLI::App* rm = grp->add_subcommand("remove", "remove a server from the inventory (admin)");
    rm->add_option("name", *rn, "server name")->required();
    rm->callback([&ctx, rn] {
        remove_server(ctx.store(), *rn, ctx.caller());
        ctx.out.line(trf("Removed server {}", *rn));
    });

    CLI::App* list = grp->add_subcommand("list", "the servers and zones of the inventory");
    list->callback([&ctx] {
        const Inventory inv = read_inventory(ctx.store());
        if (ctx.out.json()) {
            Json arr = Json::array();
            for (const auto& s : inv.servers) {
                Json j = Json::object();
                j["name"] = s.name;
                j["host"] = s.host;
                j["port"] = s.port;
                j["user"] = s.user;
                j["web"] = s.web ? Json(to_string(s.web->kind)) : Json();
                j["php"] = s.web && !s.web->php.empty() ? Json(s.web->php) : Json();
                j["public_ip"] = s.public_ip.empty() ? Json() : Json(s.public_ip);
                j["capacity"] = s.web ? Json(s.web->capacity) : Json();
                j["trusted"] = is_trusted(ctx.store(), s);
                arr.push(j);
            }
            return ctx.out.print_json(arr);
        }
        if (inv.servers.empty())
            return ctx.out.line(tr("No servers yet; add one with 'hostingctl server add'."));
        std::vector<std::vector<std::string>> rows;
        for (const auto& s : inv.servers)
            rows.push_back({s.name, fmt::format("{}@{}:{}", s.user, s.host, s.port),
                            s.web ? to_string(s.web->kind) : "-",
                            s.web && !s.web->php.empty() ? s.web->php : "-",
                            s.public_ip.empty() ? "-" : s.public_ip,
                            is_trusted(ctx.store(), s) ? tr("yes") : tr("no")});
        ctx.out.table({tr("NAME"), "SSH", tr("WEB"), "PHP", tr("PUBLIC IP"), tr("TRUSTED")}, rows);
        // TRANSLATORS: a DNS zone, its kind and the server that serves it.
        for (const auto& z : inv.zones)
            ctx.out.line(trf("zone {} ({}) on {}", z.zone, to_string(z.kind), z.server));
    });

    auto sn = std::make_shared<std::string>();
    CLI::App* show = grp->add_subcommand("show", "a server's fields, with the defaults it uses");
    show->add_option("name", *sn, "server name")->required();
    show->callback([&ctx, sn] { print_server(ctx, find(ctx, *sn)); });

    auto tn = std::make_shared<std::string>();
    CLI::App* tc = grp->add_subcommand(
        "trust", "show a server's host key fingerprint and, once confirmed, trust it (admin)");
    tc->add_option("name", *tn, "server name")->required();
    tc->callback([&ctx, tn] { trust(ctx, *tn); });

    auto cn = std::make_shared<std::string>();
    CLI::App* ck =
        grp->add_subcommand("check", "log in and check everything provisioning needs on a server");
    ck->add_option("name", *cn, "server name")->required();
    ck->callback([&ctx, cn] { check(ctx, *cn); });
}

} // namespace hostingctl::cli
