#include "provision/servers.hpp"

#include "ssh/shell.hpp"
#include "store/store.hpp"
#include "util/i18n.hpp"
#include "util/shell.hpp"
#include "util/text.hpp"

#include <fmt/format.h>
#include <map>

namespace hostingctl {

std::filesystem::path known_hosts_file(const Store& store) {
    return store.root() / "known_hosts";
}

ssh::Target ssh_target(const Store& store, const Server& s) {
    ssh::Target t;
    t.name = s.name;
    t.host = s.host;
    t.port = s.port;
    t.user = s.user;
    t.identity_file = s.identity_file;
    t.become_sudo = s.become_sudo;
    t.known_hosts = known_hosts_file(store);
    return t;
}

namespace {

// A check as a line of the batch: runs `test` (a script), and prints
// "ok<TAB>WHAT" or "fail<TAB>WHAT<TAB>the last lines it said".
std::string check_line(const std::string& what, const std::string& test) {
    return fmt::format("if __o=$( {{ {1}\n}} 2>&1 </dev/null ); then printf 'ok\\t%s\\n' {0}; "
                       "else printf 'fail\\t%s\\t%s\\n' {0} \"$(printf %s \"$__o\" | tail -n 3 | "
                       "tr '\\t\\n' '  ')\"; fi\n",
                       shell::quote(what), test);
}

std::string exists_dir(const std::string& path) {
    return fmt::format("test -d {} || {{ {}; exit 1; }}", shell::quote(path),
                       shell::say(trf("no directory {}", path)));
}

std::string has_command(const std::string& cmd) {
    return fmt::format("command -v {} >/dev/null || {{ {}; exit 1; }}", shell::quote(cmd),
                       shell::say(trf("not installed: {}", cmd)));
}

} // namespace

std::vector<ServerCheckItem> check_server(const Store& store, const Inventory& inv,
                                          const Server& raw) {
    const Server s = resolved(raw);
    auto shell = ssh::SshShell::open(ssh_target(store, s));
    std::vector<ServerCheckItem> items;
    // The names of the checks (what) are sent to the server and read back,
    // and --json gives them as they are: in English.  Each has a label in the
    // user's language for tables.  What a check said (detail) comes from
    // the server.
    items.push_back({"ssh login", tr("ssh login"), true,
                     // TRANSLATORS: where hostingctl logged in (user@host:port).
                     s.become_sudo ? trf("{} with sudo -n", shell->where()) : shell->where()});
    std::string script;
    std::map<std::string, std::string> labels;
    auto check = [&](const std::string& what, std::string label, const std::string& test) {
        labels[what] = std::move(label);
        script += check_line(what, test);
    };
    for (const char* tool : {"useradd", "userdel", "chpasswd", "install", "base64", "mktemp"})
        check(fmt::format("tool {}", tool), trf("tool {}", tool), has_command(tool));
    if (s.web) {
        const WebServer& w = *s.web;
        const std::string kind = to_string(w.kind);
        check(kind + " config test", trf("{} config test", kind), shell::command(w.test));
        check(kind + " reload command", trf("{} reload command", kind),
              has_command(w.reload.front()));
        check("sites root " + w.sites_root, trf("sites root {}", w.sites_root),
              exists_dir(w.sites_root));
        check("virtual hosts " + w.vhost_dir, trf("virtual hosts {}", w.vhost_dir),
              exists_dir(w.vhost_dir));
        if (!w.php.empty()) {
            check("php-fpm " + w.php + " pools " + w.php_pool_dir,
                  trf("php-fpm {} pools {}", w.php, w.php_pool_dir), exists_dir(w.php_pool_dir));
            check("php-fpm " + w.php + " sockets " + w.php_socket_dir,
                  trf("php-fpm {} sockets {}", w.php, w.php_socket_dir),
                  exists_dir(w.php_socket_dir));
            check("php-fpm reload command", tr("php-fpm reload command"),
                  has_command(w.php_reload.front()));
        }
        if (!w.tls_certificate.empty())
            check("TLS certificate and key", tr("TLS certificate and key"),
                  fmt::format("test -r {} && test -r {} || {{ {}; exit 1; }}",
                              shell::quote(w.tls_certificate), shell::quote(w.tls_key),
                              shell::say(tr("cannot read the certificate or its key"))));
    }
    if (s.database) {
        // The client logs in as MariaDB's admin (the statement on its
        // standard input, as provisioning sends them), and the server is
        // MariaDB 10.5 or later: a database's COMMENT marks the ones
        // hostingctl made.
        CommandLine q = s.database->client;
        q.insert(q.end(), {"--batch", "--skip-column-names"});
        check(
            "mariadb admin login", tr("mariadb admin login"),
            fmt::format("v=$({}) || exit 1\n"
                        "case $v in *MariaDB*) ;; *) printf '%s %s\\n' {} \"$v\"; exit 1 ;; esac\n"
                        "maj=${{v%%.*}}; min=${{v#*.}}; min=${{min%%.*}}\n"
                        "[ \"$maj\" -gt 10 ] 2>/dev/null || {{ [ \"$maj\" = 10 ] && "
                        "[ \"$min\" -ge 5 ]; }} 2>/dev/null || {{\n"
                        "printf 'MariaDB %s: %s\\n' \"$v\" {}; exit 1; }}",
                        ssh::command_script(q, "SELECT VERSION();\n"),
                        // TRANSLATORS: followed by the version the server answered.
                        shell::quote(tr("not MariaDB:")),
                        shell::quote(tr("hostingctl needs 10.5 or later (database comments)"))));
    }
    for (const auto& raw_zone : inv.zones) {
        if (raw_zone.server != s.name)
            continue;
        const Zone z = resolved(raw_zone);
        if (z.kind == ZoneKind::bind_zonefile) {
            CommandLine zcheck = z.check;
            zcheck.insert(zcheck.end(), {z.zone, z.file});
            check("zone " + z.zone + " file check", trf("zone {} file check", z.zone),
                  shell::command(zcheck));
            check("zone " + z.zone + " reload command", trf("zone {} reload command", z.zone),
                  has_command(z.reload.front()));
        } else {
            check("zone " + z.zone + " nsupdate", trf("zone {} nsupdate", z.zone),
                  has_command(z.nsupdate.front()));
            if (!z.key_file.empty())
                check("zone " + z.zone + " TSIG key", trf("zone {} TSIG key", z.zone),
                      fmt::format("test -r {} || {{ {}; exit 1; }}", shell::quote(z.key_file),
                                  shell::say(trf("cannot read {}", z.key_file))));
        }
    }
    ssh::Result r = shell->run_script(script);
    for (const auto& line : text::split(r.out, '\n')) {
        auto f = text::split(line, '\t');
        if (f.size() >= 2 && (f[0] == "ok" || f[0] == "fail")) {
            auto label = labels.find(f[1]);
            items.push_back({f[1], label == labels.end() ? f[1] : label->second, f[0] == "ok",
                             f.size() > 2 ? std::string(text::trim(f[2])) : ""});
        }
    }
    return items;
}

} // namespace hostingctl
