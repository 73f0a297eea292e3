#include "inventory/inventory.hpp"

#include "store/store.hpp"
#include "store/yaml_io.hpp"
#include "util/error.hpp"
#include "util/fs.hpp"
#include "util/i18n.hpp"
#include "util/text.hpp"
#include "validate/server_values.hpp"
#include "validate/validate.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace hostingctl {

namespace stdfs = std::filesystem;

const char* to_string(WebKind k) {
    return k == WebKind::nginx ? "nginx" : "apache";
}

const char* to_string(ZoneKind k) {
    return k == ZoneKind::bind_zonefile ? "bind-zonefile" : "nsupdate";
}

const Server* Inventory::find(std::string_view name) const {
    for (const auto& s : servers)
        if (s.name == name)
            return &s;
    return nullptr;
}

std::vector<std::string> Inventory::names() const {
    std::vector<std::string> out;
    for (const auto& s : servers)
        out.push_back(s.name);
    return out;
}

const Zone* Inventory::zone_of(std::string_view domain) const {
    const Zone* best = nullptr;
    for (const auto& z : zones) {
        const bool inside = domain.size() > z.zone.size() + 1 && domain.ends_with(z.zone) &&
                            domain[domain.size() - z.zone.size() - 1] == '.';
        if (inside && (!best || z.zone.size() > best->zone.size()))
            best = &z;
    }
    return best;
}

// --- Debian's layout ----------------------------------------------------------

Server resolved(Server s) {
    if (s.web) {
        WebServer& w = *s.web;
        const bool nginx = w.kind == WebKind::nginx;
        if (w.sites_root.empty())
            w.sites_root = "/var/www";
        if (w.vhost_dir.empty())
            w.vhost_dir = nginx ? "/etc/nginx/sites-enabled" : "/etc/apache2/sites-enabled";
        if (w.listen_http.empty())
            w.listen_http = "80";
        if (w.listen_https.empty())
            w.listen_https = "443";
        if (w.web_user.empty())
            w.web_user = "www-data";
        if (w.test.empty())
            w.test = nginx ? CommandLine{"nginx", "-t", "-q"} : CommandLine{"apache2ctl", "-t"};
        if (w.reload.empty())
            w.reload = {"systemctl", "reload", nginx ? "nginx" : "apache2"};
        if (!w.php.empty()) {
            if (w.php_pool_dir.empty())
                w.php_pool_dir = fmt::format("/etc/php/{}/fpm/pool.d", w.php);
            if (w.php_socket_dir.empty())
                w.php_socket_dir = "/run/php";
            if (w.php_reload.empty())
                w.php_reload = {"systemctl", "reload", fmt::format("php{}-fpm", w.php)};
            if (w.php_test.empty())
                w.php_test = {fmt::format("php-fpm{}", w.php), "-t"};
        }
    }
    if (s.database && s.database->client.empty())
        s.database->client = {"mariadb"};
    return s;
}

Zone resolved(Zone z) {
    if (z.nameserver.empty())
        z.nameserver = "127.0.0.1";
    if (z.kind == ZoneKind::bind_zonefile) {
        if (z.file.empty())
            z.file = "/etc/bind/db." + z.zone;
        if (z.check.empty())
            z.check = {"named-checkzone", "-q"};
        if (z.reload.empty())
            z.reload = {"rndc", "reload"};
    } else {
        if (z.nsupdate.empty())
            z.nsupdate = {"nsupdate"};
    }
    return z;
}

// --- validation -----------------------------------------------------------------

namespace {

// The address of a server's sites in DNS: an IPv4 address, since the
// records made are A records.
void public_ip(const std::string& v) {
    std::string ip;
    try {
        ip = validate::ip_address("public_ip", v);
    } catch (const Error&) {
        throw Error(Exit::invalid, trf("public_ip '{}' is not an IPv4 address", text::shown(v)),
                    tr("write it like 203.0.113.10"));
    }
    if (ip.find(':') != std::string::npos)
        throw Error(Exit::invalid,
                    trf("public_ip '{}' is an IPv6 address; hostingctl makes A records, for IPv4 "
                        "addresses",
                        text::shown(v)),
                    tr("give the server's IPv4 address; an AAAA record is added to the zone by "
                       "hand"));
}

} // namespace

void validate_server(const Server& s) {
    validate::identifier(tr("server name"), s.name);
    validate::host("host", s.host);
    validate::port("port", s.port);
    validate::unix_user(s.user);
    if (!s.identity_file.empty())
        validate::absolute_path("identity_file", s.identity_file);
    if (s.become_sudo && s.user == "root")
        throw Error(Exit::invalid, trf("server {}: become: sudo with user root", s.name),
                    tr("become is for a non-root user; leave it out for root"));
    if (!s.public_ip.empty())
        public_ip(s.public_ip);
    if (s.web) {
        const WebServer& w = *s.web;
        if (!w.php.empty())
            validate::php_version("php", w.php);
        for (const auto* p : {&w.sites_root, &w.vhost_dir, &w.php_pool_dir, &w.php_socket_dir,
                              &w.tls_certificate, &w.tls_key})
            if (!p->empty())
                validate::absolute_path(tr("path"), *p);
        for (const auto* c : {&w.test, &w.reload, &w.php_reload, &w.php_test})
            if (!c->empty())
                validate::command_line(tr("command"), *c);
        if (w.tls_certificate.empty() != w.tls_key.empty())
            throw Error(Exit::invalid,
                        trf("server {}: tls_certificate and tls_key go together", s.name));
        for (const auto* l : {&w.listen_http, &w.listen_https})
            if (!l->empty())
                validate::listen_address("listen", *l);
        if (!w.web_user.empty())
            validate::unix_user(w.web_user);
        if (!w.site_user_prefix.empty())
            validate::user_prefix("site_user_prefix", w.site_user_prefix);
        if (w.capacity < 1 || w.capacity > 100000)
            throw Error(Exit::invalid,
                        trf("server {}: capacity {} is outside 1-100000", s.name, w.capacity));
    }
    if (s.database && !s.database->client.empty())
        validate::command_line("database_client", s.database->client);
}

namespace {

void validate_zone(const Zone& z) {
    if (validate::zone(z.zone) != z.zone)
        throw Error(Exit::invalid, trf("zone '{}' is not written in lowercase ASCII", z.zone));
    validate::identifier(tr("zone server"), z.server);
    if (!z.file.empty())
        validate::absolute_path(tr("zone file"), z.file);
    if (!z.key_file.empty())
        validate::absolute_path("key_file", z.key_file);
    if (!z.nameserver.empty())
        validate::host("nameserver", z.nameserver);
    validate::port(tr("nameserver port"), z.nameserver_port);
    for (const auto* c : {&z.check, &z.reload, &z.nsupdate})
        if (!c->empty())
            validate::command_line(tr("zone command"), *c);
    if (z.ttl < 60 || z.ttl > 604800)
        throw Error(Exit::invalid, trf("zone {}: ttl {} is outside 60-604800", z.zone, z.ttl));
}

} // namespace

void validate_inventory(const Inventory& inv) {
    for (size_t i = 0; i < inv.servers.size(); ++i) {
        validate_server(inv.servers[i]);
        for (size_t j = 0; j < i; ++j)
            if (inv.servers[j].name == inv.servers[i].name)
                throw Error(Exit::invalid, trf("server '{}' is listed twice", inv.servers[i].name));
    }
    for (size_t i = 0; i < inv.zones.size(); ++i) {
        validate_zone(inv.zones[i]);
        for (size_t j = 0; j < i; ++j)
            if (inv.zones[j].zone == inv.zones[i].zone)
                throw Error(Exit::invalid, trf("zone '{}' is listed twice", inv.zones[i].zone));
    }
}

// --- the file ---------------------------------------------------------------------

CommandLine command_words(std::string_view s) {
    CommandLine out;
    for (auto& w : text::split(s, ' '))
        if (!w.empty())
            out.push_back(std::move(w));
    return out;
}

namespace {

CommandLine read_command(const YamlReader& rd, const YAML::Node& parent, const char* key) {
    YAML::Node n = parent[key];
    if (!n || n.IsNull())
        return {};
    if (n.IsScalar()) // a plain string: words split at spaces, no shell quoting
        return command_words(n.as<std::string>());
    return rd.strings(parent, key);
}

// A field's validation error as a damaged-file error at its node.
template <class F> void checked(const YamlReader& rd, const YAML::Node& at, F&& f) {
    try {
        f();
    } catch (const Error& e) {
        if (e.code() != Exit::invalid)
            throw;
        rd.fail(at, e.what());
    }
}

// Checks each field given in `n` on its own, so an error names its line.
// Refuses a key an entry does not know: a typo ("capacty: 10") would
// otherwise be ignored and the default used.  `unknown` is the message
// (marked with N_, the key as {}), `unknown_or` the same with "did you
// mean" (the key and the closest known one).
void known_keys(const YamlReader& rd, const YAML::Node& n, const char* unknown,
                const char* unknown_or, const std::vector<std::string>& keys) {
    if (!n.IsMap())
        return; // the typed reads say what is wrong
    for (auto it = n.begin(); it != n.end(); ++it) {
        const std::string key = it->first.IsScalar() ? it->first.as<std::string>() : "";
        if (std::find(keys.begin(), keys.end(), key) != keys.end())
            continue;
        const std::string c = text::closest(key, keys);
        rd.fail(it->first,
                c.empty() ? trf(unknown, text::shown(key)) : trf(unknown_or, text::shown(key), c));
    }
}

const std::vector<std::string> kServerKeys = {
    "name",   "host",      "port", "user",     "identity_file",
    "become", "public_ip", "web",  "database", "database_client"};
const std::vector<std::string> kWebKeys = {
    "php",         "sites_root",   "vhost_dir", "php_pool_dir",    "php_socket_dir", "web_test",
    "web_reload",  "php_reload",   "php_test",  "tls_certificate", "tls_key",        "capacity",
    "listen_http", "listen_https", "web_user",  "site_user_prefix"};

// The keys of a server: a web server's only with `web:`, the database
// client only with `database:`.
void server_keys(const YamlReader& rd, const YAML::Node& n) {
    std::vector<std::string> keys = kServerKeys;
    keys.insert(keys.end(), kWebKeys.begin(), kWebKeys.end());
    known_keys(rd, n, N_("'{}' is not a key of a server"),
               N_("'{}' is not a key of a server; did you mean '{}'?"), keys);
    if (!n.IsMap())
        return;
    // As read_server reads them: "web:" or "web: ~" is no web server.
    const bool web = !rd.str(n, "web", false).empty();
    const bool db = !rd.str(n, "database", false).empty();
    for (auto it = n.begin(); it != n.end(); ++it) {
        const std::string key = it->first.as<std::string>();
        if (!web && std::find(kWebKeys.begin(), kWebKeys.end(), key) != kWebKeys.end())
            rd.fail(it->first, trf("'{}' is a web server's setting, and this server has no "
                                   "'web:' (nginx or apache)",
                                   key));
        if (!db && key == "database_client")
            rd.fail(it->first,
                    tr("'database_client' is set, and this server has no 'database: mariadb'"));
    }
}

void check_fields(const YamlReader& rd, const YAML::Node& n) {
    auto at = [&](const char* key, auto&& f) {
        if (n[key] && n[key].IsScalar())
            checked(rd, n[key], [&] { f(n[key].as<std::string>()); });
    };
    at("name", [](const std::string& v) { validate::identifier(tr("server name"), v); });
    at("host", [](const std::string& v) { validate::host("host", v); });
    at("user", [](const std::string& v) { validate::unix_user(v); });
    at("public_ip", [](const std::string& v) { public_ip(v); });
    at("php", [](const std::string& v) { validate::php_version("php", v); });
    for (const char* key : {"identity_file", "sites_root", "vhost_dir", "php_pool_dir",
                            "php_socket_dir", "tls_certificate", "tls_key"})
        at(key, [key](const std::string& v) { validate::absolute_path(key, v); });
}

Server read_server(const YamlReader& rd, const YAML::Node& n) {
    server_keys(rd, n);
    check_fields(rd, n);
    Server s;
    s.name = rd.str(n, "name");
    s.host = rd.str(n, "host");
    s.port = static_cast<int>(rd.integer(n, "port", 22));
    s.user = rd.str(n, "user", false);
    if (s.user.empty())
        s.user = "root";
    s.identity_file = rd.str(n, "identity_file", false);
    const std::string become = rd.str(n, "become", false);
    if (!become.empty() && become != "sudo")
        rd.fail(n["become"], trf("become '{}' is not known; the one way is 'sudo'", become));
    s.become_sudo = become == "sudo";
    s.public_ip = rd.str(n, "public_ip", false);
    const std::string web = rd.str(n, "web", false);
    if (!web.empty()) {
        WebServer w;
        if (web == "nginx")
            w.kind = WebKind::nginx;
        else if (web == "apache")
            w.kind = WebKind::apache;
        else
            rd.fail(n["web"], trf("web '{}' is not nginx or apache", web));
        w.php = rd.str(n, "php", false);
        w.sites_root = rd.str(n, "sites_root", false);
        w.vhost_dir = rd.str(n, "vhost_dir", false);
        w.php_pool_dir = rd.str(n, "php_pool_dir", false);
        w.php_socket_dir = rd.str(n, "php_socket_dir", false);
        w.test = read_command(rd, n, "web_test");
        w.reload = read_command(rd, n, "web_reload");
        w.php_reload = read_command(rd, n, "php_reload");
        w.php_test = read_command(rd, n, "php_test");
        w.tls_certificate = rd.str(n, "tls_certificate", false);
        w.tls_key = rd.str(n, "tls_key", false);
        w.capacity = static_cast<int>(rd.integer(n, "capacity", 50));
        w.listen_http = rd.str(n, "listen_http", false);
        w.listen_https = rd.str(n, "listen_https", false);
        w.web_user = rd.str(n, "web_user", false);
        w.site_user_prefix = rd.str(n, "site_user_prefix", false);
        s.web = std::move(w);
    }
    const std::string db = rd.str(n, "database", false);
    if (!db.empty()) {
        if (db != "mariadb")
            rd.fail(n["database"],
                    trf("database '{}' is not known; hostingctl drives mariadb", db));
        s.database = DatabaseServer{read_command(rd, n, "database_client")};
    }
    checked(rd, n, [&] { validate_server(s); });
    return s;
}

Zone read_zone(const YamlReader& rd, const YAML::Node& n) {
    known_keys(rd, n, N_("'{}' is not a key of a zone"),
               N_("'{}' is not a key of a zone; did you mean '{}'?"),
               {"zone", "kind", "server", "file", "check", "reload", "nameserver",
                "nameserver_port", "key_file", "nsupdate", "ttl"});
    Zone z;
    z.zone = rd.str(n, "zone");
    const std::string kind = rd.str(n, "kind");
    if (kind == "bind-zonefile")
        z.kind = ZoneKind::bind_zonefile;
    else if (kind == "nsupdate")
        z.kind = ZoneKind::nsupdate;
    else
        rd.fail(n["kind"], trf("kind '{}' is not bind-zonefile or nsupdate", kind));
    z.server = rd.str(n, "server");
    z.file = rd.str(n, "file", false);
    z.check = read_command(rd, n, "check");
    z.reload = read_command(rd, n, "reload");
    z.nameserver = rd.str(n, "nameserver", false);
    z.nameserver_port = static_cast<int>(rd.integer(n, "nameserver_port", 53));
    z.key_file = rd.str(n, "key_file", false);
    z.nsupdate = read_command(rd, n, "nsupdate");
    z.ttl = static_cast<int>(rd.integer(n, "ttl", 3600));
    checked(rd, n, [&] { validate_zone(z); });
    return z;
}

void emit_command(YAML::Emitter& out, const char* key, const CommandLine& c) {
    if (c.empty())
        return;
    out << YAML::Key << key << YAML::Value << YAML::Flow << YAML::BeginSeq;
    for (const auto& w : c)
        out << YAML::DoubleQuoted << w;
    out << YAML::EndSeq;
}

void emit_if(YAML::Emitter& out, const char* key, const std::string& v) {
    if (!v.empty())
        emit_quoted(out, key, v);
}

} // namespace

Inventory parse_inventory(const stdfs::path& path, const std::string& text) {
    YamlReader rd(path, text);
    rd.check_schema(kInventorySchema);
    known_keys(rd, rd.root(), N_("'{}' is not a key of servers.yaml"),
               N_("'{}' is not a key of servers.yaml; did you mean '{}'?"),
               {"schema", "servers", "dns"});
    Inventory inv;
    for (const auto& n : rd.seq(rd.root(), "servers")) {
        Server s = read_server(rd, n);
        if (inv.find(s.name))
            rd.fail(n, trf("server '{}' is listed twice", s.name));
        inv.servers.push_back(std::move(s));
    }
    for (const auto& n : rd.seq(rd.root(), "dns")) {
        Zone z = read_zone(rd, n);
        for (const auto& other : inv.zones)
            if (other.zone == z.zone)
                rd.fail(n, trf("zone '{}' is listed twice", z.zone));
        inv.zones.push_back(std::move(z));
    }
    return inv;
}

Inventory read_inventory(const Store& store) {
    const stdfs::path p = store.root() / "servers.yaml";
    std::error_code ec;
    if (!stdfs::exists(p, ec))
        return {};
    return parse_inventory(p, fs::read_file(p));
}

std::string encode_inventory(const Inventory& inv) {
    YAML::Emitter out;
    out << YAML::BeginMap;
    out << YAML::Key << "schema" << YAML::Value << kInventorySchema;
    out << YAML::Key << "servers" << YAML::Value << YAML::BeginSeq;
    for (const auto& s : inv.servers) {
        out << YAML::BeginMap;
        emit_plain(out, "name", s.name);
        emit_quoted(out, "host", s.host);
        out << YAML::Key << "port" << YAML::Value << s.port;
        emit_plain(out, "user", s.user);
        emit_if(out, "identity_file", s.identity_file);
        if (s.become_sudo)
            emit_plain(out, "become", "sudo");
        emit_if(out, "public_ip", s.public_ip);
        if (s.web) {
            const WebServer& w = *s.web;
            emit_plain(out, "web", to_string(w.kind));
            emit_if(out, "php", w.php);
            out << YAML::Key << "capacity" << YAML::Value << w.capacity;
            emit_if(out, "sites_root", w.sites_root);
            emit_if(out, "vhost_dir", w.vhost_dir);
            emit_if(out, "php_pool_dir", w.php_pool_dir);
            emit_if(out, "php_socket_dir", w.php_socket_dir);
            emit_command(out, "web_test", w.test);
            emit_command(out, "web_reload", w.reload);
            emit_command(out, "php_reload", w.php_reload);
            emit_command(out, "php_test", w.php_test);
            emit_if(out, "tls_certificate", w.tls_certificate);
            emit_if(out, "tls_key", w.tls_key);
            emit_if(out, "listen_http", w.listen_http);
            emit_if(out, "listen_https", w.listen_https);
            emit_if(out, "web_user", w.web_user);
            emit_if(out, "site_user_prefix", w.site_user_prefix);
        }
        if (s.database) {
            emit_plain(out, "database", "mariadb");
            emit_command(out, "database_client", s.database->client);
        }
        out << YAML::EndMap;
    }
    out << YAML::EndSeq;
    out << YAML::Key << "dns" << YAML::Value << YAML::BeginSeq;
    for (const auto& z : inv.zones) {
        out << YAML::BeginMap;
        emit_plain(out, "zone", z.zone);
        emit_plain(out, "kind", to_string(z.kind));
        emit_plain(out, "server", z.server);
        emit_if(out, "file", z.file);
        emit_command(out, "check", z.check);
        emit_command(out, "reload", z.reload);
        emit_if(out, "nameserver", z.nameserver);
        if (z.nameserver_port != 53)
            out << YAML::Key << "nameserver_port" << YAML::Value << z.nameserver_port;
        emit_if(out, "key_file", z.key_file);
        emit_command(out, "nsupdate", z.nsupdate);
        if (z.ttl != 3600)
            out << YAML::Key << "ttl" << YAML::Value << z.ttl;
        out << YAML::EndMap;
    }
    out << YAML::EndSeq << YAML::EndMap;
    return yaml_document(
        "# The server inventory (see 'man hostingctl', SERVER INVENTORY): the hosts\n"
        "# hostingctl logs in to over SSH, what each serves, and the DNS zones.\n"
        "# Paths and commands left out are Debian's.  Managed with 'hostingctl\n"
        "# server'; every change is in the audit log.\n",
        out);
}

} // namespace hostingctl
