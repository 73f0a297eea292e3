#include "provision/servers.hpp"

#include "ssh/shell.hpp"
#include "store/store.hpp"
#include "util/i18n.hpp"
#include "util/shell.hpp"
#include "util/text.hpp"

#include <fmt/format.h>

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
    return fmt::format("test -d {0} || {{ echo 'no directory {1}'; exit 1; }}", shell::quote(path),
                       shell::quote(path));
}

std::string has_command(const std::string& cmd) {
    return fmt::format("command -v {0} >/dev/null || {{ echo 'not installed: {1}'; exit 1; }}",
                       shell::quote(cmd), shell::quote(cmd));
}

} // namespace

std::vector<ServerCheckItem> check_server(const Store& store, const Inventory& inv,
                                          const Server& raw) {
    const Server s = resolved(raw);
    auto shell = ssh::SshShell::open(ssh_target(store, s));
    std::vector<ServerCheckItem> items;
    // The names of the checks (what) are sent to the server and read back,
    // and --json gives them as they are: not translated.  What a check said
    // (detail) comes from the server.
    items.push_back({"ssh login", true,
                     // TRANSLATORS: where hostingctl logged in (user@host:port).
                     s.become_sudo ? trf("{} with sudo -n", shell->where()) : shell->where()});
    std::string script;
    for (const char* tool : {"useradd", "userdel", "chpasswd", "install", "base64", "mktemp"})
        script += check_line(fmt::format("tool {}", tool), has_command(tool));
    if (s.web) {
        const WebServer& w = *s.web;
        const std::string kind = to_string(w.kind);
        script += check_line(kind + " config test", shell::command(w.test));
        script += check_line(kind + " reload command", has_command(w.reload.front()));
        script += check_line("sites root " + w.sites_root, exists_dir(w.sites_root));
        script += check_line("virtual hosts " + w.vhost_dir, exists_dir(w.vhost_dir));
        if (!w.php.empty()) {
            script += check_line("php-fpm " + w.php + " pools " + w.php_pool_dir,
                                 exists_dir(w.php_pool_dir));
            script += check_line("php-fpm " + w.php + " sockets " + w.php_socket_dir,
                                 exists_dir(w.php_socket_dir));
            script += check_line("php-fpm reload command", has_command(w.php_reload.front()));
        }
        if (!w.tls_certificate.empty())
            script +=
                check_line("TLS certificate and key",
                           fmt::format("test -r {0} && test -r {1} || {{ echo 'cannot read "
                                       "the certificate or its key'; exit 1; }}",
                                       shell::quote(w.tls_certificate), shell::quote(w.tls_key)));
    }
    if (s.database) {
        // The client logs in as MariaDB's admin (the statement on its
        // standard input, as provisioning sends them), and the server is
        // MariaDB 10.5 or later: a database's COMMENT marks the ones
        // hostingctl made.
        CommandLine q = s.database->client;
        q.insert(q.end(), {"--batch", "--skip-column-names"});
        script += check_line(
            "mariadb admin login",
            fmt::format("v=$({}) || exit 1\n"
                        "case $v in *MariaDB*) ;; *) echo \"not MariaDB: $v\"; exit 1 ;; esac\n"
                        "maj=${{v%%.*}}; min=${{v#*.}}; min=${{min%%.*}}\n"
                        "[ \"$maj\" -gt 10 ] 2>/dev/null || {{ [ \"$maj\" = 10 ] && "
                        "[ \"$min\" -ge 5 ]; }} 2>/dev/null || {{\n"
                        "echo \"MariaDB $v: hostingctl needs 10.5 or later (database comments)\"; "
                        "exit 1; }}",
                        ssh::command_script(q, "SELECT VERSION();\n")));
    }
    for (const auto& raw_zone : inv.zones) {
        if (raw_zone.server != s.name)
            continue;
        const Zone z = resolved(raw_zone);
        if (z.kind == ZoneKind::bind_zonefile) {
            CommandLine check = z.check;
            check.insert(check.end(), {z.zone, z.file});
            script += check_line("zone " + z.zone + " file check", shell::command(check));
            script +=
                check_line("zone " + z.zone + " reload command", has_command(z.reload.front()));
        } else {
            script += check_line("zone " + z.zone + " nsupdate", has_command(z.nsupdate.front()));
            if (!z.key_file.empty())
                script +=
                    check_line("zone " + z.zone + " TSIG key",
                               fmt::format("test -r {0} || {{ echo 'cannot read {1}'; exit 1; }}",
                                           shell::quote(z.key_file), shell::quote(z.key_file)));
        }
    }
    ssh::Result r = shell->run_script(script);
    for (const auto& line : text::split(r.out, '\n')) {
        auto f = text::split(line, '\t');
        if (f.size() >= 2 && (f[0] == "ok" || f[0] == "fail"))
            items.push_back(
                {f[1], f[0] == "ok", f.size() > 2 ? std::string(text::trim(f[2])) : ""});
    }
    return items;
}

} // namespace hostingctl
