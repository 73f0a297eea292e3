#include "provision/plan.hpp"

#include "provision/database.hpp"
#include "provision/render.hpp"
#include "provision/zonefile.hpp"
#include "ssh/shell.hpp"
#include "store/store.hpp"
#include "util/error.hpp"
#include "util/i18n.hpp"
#include "util/shell.hpp"
#include "util/text.hpp"
#include "validate/server_values.hpp"
#include "validate/validate.hpp"
#include "workflow/request_rows.hpp"
#include "workflow/workflow.hpp"

#include <algorithm>
#include <cctype>
#include <fmt/format.h>
#include <memory>
#include <optional>
#include <random>
#include <set>

namespace hostingctl {

// Stored in the provision_result event and in --json: never translated
// (marked for outcome_text).
const char* to_string(Outcome o) {
    switch (o) {
    case Outcome::pending:
        return N_("to do");
    case Outcome::already:
        return N_("already done");
    case Outcome::done:
        return N_("done");
    case Outcome::failed:
        return N_("failed");
    case Outcome::undone:
        return N_("undone");
    case Outcome::skipped:
        return N_("skipped");
    }
    return "?";
}

const char* outcome_text(Outcome o) {
    return tr(to_string(o));
}

std::string part_verdict(const std::string& answer) {
    const std::string part(text::trim(answer));
    return part == "ok" ? std::string() : part.empty() ? std::string(tr("no answer")) : part;
}

namespace {

using shell::quote;

std::string password() {
    static constexpr std::string_view chars =
        "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    std::random_device rd;
    std::uniform_int_distribution<size_t> pick(0, chars.size() - 1);
    std::string p;
    for (int i = 0; i < 20; ++i)
        p += chars[pick(rd)];
    return p;
}

// "exit 1 unless the file holds exactly `content`", as a script line.
std::string same_content(const std::string& path, const std::string& content) {
    return fmt::format("printf %s {} | base64 -d | cmp -s - {} 2>/dev/null",
                       quote(shell::base64(content)), quote(path));
}

// A config file: check prints the file's current content (base64) and
// fails unless it is already `content`; apply keeps a copy, writes, runs
// `test` and puts the copy back when the test fails, so nothing broken is
// ever left for a reload; undo restores what check saw.
PlanAction config_file_action(std::string name, std::string label, const std::string& server,
                              const std::string& path, const std::string& content,
                              const CommandLine& test, const std::string& owner_mark) {
    PlanAction a;
    a.name = std::move(name);
    a.label = std::move(label);
    a.server = server;
    a.files.push_back({path, content, std::nullopt});
    // What is there is compared by prepare.
    a.check = fmt::format("if [ -e {0} ]; then base64 -w0 <{0} || exit 2; fi\n", quote(path));
    const std::string test_line = test.empty() ? std::string(":") : shell::command(test);
    // In a batch of several sites the server's reload action tests the
    // config once, and a failure undoes every file of the batch: the file
    // is only written.
    a.apply = fmt::format("if [ \"${{hctl_batch:-0}}\" = 0 ]; then\n"
                          "  b=$(mktemp) || exit 1\n"
                          "  had=0; if [ -e {0} ]; then cp -p {0} \"$b\" || exit 1; had=1; fi\n"
                          "fi\n"
                          "{1}"
                          "if [ \"${{hctl_batch:-0}}\" = 0 ]; then\n"
                          "  if ! {2} >\"$b.out\" 2>&1 </dev/null; then\n"
                          "    if [ $had = 1 ]; then cp -p \"$b\" {0}; else rm -f {0}; fi\n"
                          "    {3} >&2; cat \"$b.out\" >&2\n"
                          "    rm -f \"$b\" \"$b.out\"; exit 1\n"
                          "  fi\n"
                          "  rm -f \"$b\" \"$b.out\"\n"
                          "fi\n",
                          quote(path), ssh::write_file_script(path, content, 0644), test_line,
                          shell::say(tr("the config test failed; the previous file is back:")));
    a.prepare = [path, content, owner_mark](PlanAction& self, const std::string& out) {
        const std::string before = shell::unbase64(out);
        const bool existed = !text::trim(out).empty();
        // Only a file hostingctl wrote for this request is replaced: one
        // written by hand or for another request stays, and the run stops.
        if (existed && before != content && before.find(owner_mark) == std::string::npos)
            throw Error(Exit::refused,
                        trf("{} is there already and was not written by hostingctl for this "
                            "request; it is left as it is",
                            path),
                        tr("compare it with the plan (--dry-run), then move it away and run "
                           "again"));
        self.undo = existed ? ssh::write_file_script(path, before, 0644)
                            : fmt::format("rm -f {}\n", quote(path));
        if (existed)
            self.files.front().before = before;
        return existed && before == content;
    };
    return a;
}

// What the group checks read of their members (PlanAction::data).
struct SiteUser {
    std::string user;
};

// The passwd line of each site user, from one getent.
std::string users_check(const std::vector<const PlanAction*>& members) {
    std::string names, parts;
    for (size_t j = 0; j < members.size(); ++j) {
        const std::string u = quote(std::any_cast<const SiteUser&>(members[j]->data).user);
        names += " " + u;
        parts += fmt::format("printf '\\n@@hctl-part {}\\n%s\\n' \"${{pw[{}]}}\"\n", j, u);
    }
    return fmt::format("declare -A pw\n"
                       "while IFS= read -r l; do [ -n \"$l\" ] && pw[${{l%%:*}}]=$l; done "
                       "<<<\"$(getent passwd{})\"\n{}",
                       names, parts);
}

// A directory (or file) of a site, with the owner, group and mode it must have.
struct DirEntry {
    std::string label, path, owner, group, mode;
    bool file = false;
};

struct DirSet {
    std::string web_user;
    std::vector<DirEntry> entries;
};

// The SFTP passwords one action sets (one, or a batch's after merging):
// the user, the password, and what the user's password field held before
// (nullopt for a user made by this run).
struct Password {
    std::string user, password;
    std::optional<std::string> before;
};
using Passwords = std::shared_ptr<std::vector<Password>>;

// Whether each user has a password, from one getent: its part is "none"
// (no such user), "unset FIELD" (no password: FIELD is "!", "*", "!*" or
// "!!", as useradd leaves it, or "-" for an empty one), or "set".  The
// hashes never leave the server.
std::string passwords_check(const std::vector<const PlanAction*>& members) {
    std::string names, parts;
    for (size_t j = 0; j < members.size(); ++j) {
        const std::string u =
            quote(std::any_cast<const Passwords&>(members[j]->data)->front().user);
        names += " " + u;
        parts += fmt::format("said {} {}\n", j, u);
    }
    return fmt::format(
        "declare -A pw\n"
        "while IFS=: read -r n p _; do [ -n \"$n\" ] && pw[$n]=$p; done <<<\"$(getent shadow{})\"\n"
        "said() {{\n"
        "  printf '\\n@@hctl-part %s\\n' \"$1\"\n"
        "  if [ -z \"${{pw[$2]+x}}\" ]; then echo none; return; fi\n"
        "  case ${{pw[$2]}} in\n"
        "    '') echo 'unset -' ;;\n"
        "    '!' | '*' | '!*' | '!!') echo \"unset ${{pw[$2]}}\" ;;\n"
        "    *) echo set ;;\n"
        "  esac\n"
        "}}\n{}",
        names, parts);
}

// Sets the passwords with one chpasswd (on its standard input); undo puts
// back the field of a user that was there without one.
void plan_passwords(PlanAction& self, const std::vector<Password>& all) {
    std::string lines, undo;
    for (const auto& p : all) {
        lines += p.user + ":" + p.password + "\n";
        if (p.before)
            undo += fmt::format("usermod -p {} {}\n", quote(*p.before), quote(p.user));
    }
    self.apply = ssh::command_script({"chpasswd"}, lines);
    self.undo = undo + "true\n";
    self.name = all.size() == 1 ? "SFTP password " + all.front().user
                                : fmt::format("SFTP passwords of {} site users", all.size());
    self.label = all.size() == 1 ? trf("SFTP password {}", all.front().user)
                                 : ntrf("SFTP password of {} site user",
                                        "SFTP passwords of {} site users", all.size(), all.size());
}

PlanAction password_action(const std::string& user, const std::string& server,
                           const std::string& password) {
    PlanAction a;
    a.name = "SFTP password " + user;
    a.label = trf("SFTP password {}", user);
    a.server = server;
    a.stage = Stage::password;
    auto work = std::make_shared<std::vector<Password>>(
        std::vector<Password>{{user, password, std::nullopt}});
    a.data = work;
    a.group_key = "passwords";
    a.group_check = passwords_check;
    a.prepare = [work, server](PlanAction& self, const std::string& out) {
        const std::string said(text::trim(out));
        Password& p = work->front();
        if (said == "set")
            return true;
        const std::string field = said.rfind("unset ", 0) == 0 ? said.substr(6) : "";
        if (said == "none")
            p.before.reset();
        else if (field == "-")
            p.before = "";
        else if (field == "!" || field == "*" || field == "!*" || field == "!!")
            p.before = field;
        else
            throw Error(Exit::remote, trf("the password check on {} answered '{}'", server,
                                          text::shown(said, 200)));
        plan_passwords(self, *work);
        return false;
    };
    a.merge_key = "passwords " + server;
    a.merge = [work](PlanAction& self, const std::vector<PlanAction*>& others) {
        for (PlanAction* o : others)
            for (const auto& p : *std::any_cast<Passwords>(o->data))
                work->push_back(p);
        plan_passwords(self, *work);
    };
    return a;
}

// The web server's group and what is at each path, from one stat.
std::string directories_check(const std::vector<const PlanAction*>& members) {
    std::string paths, parts;
    std::string web_user;
    for (size_t j = 0; j < members.size(); ++j) {
        const auto& d = std::any_cast<const DirSet&>(members[j]->data);
        web_user = d.web_user;
        for (const auto& e : d.entries)
            paths += " " + quote(e.path);
        parts += fmt::format("part {} {}\n", j, d.entries.size());
    }
    const std::string W = quote(web_user);
    return fmt::format(
        "g=$(id -gn {0}) || {{ {3} >&2; exit 2; }}\n"
        "m=\nset --\n"
        "for p in{1}; do\n"
        "  if [ -L \"$p\" ]; then m+=L; elif [ -d \"$p\" ]; then m+=d; set -- \"$@\" \"$p\"\n"
        "  elif [ -f \"$p\" ]; then m+=f; set -- \"$@\" \"$p\"\n"
        "  elif [ -e \"$p\" ]; then m+=o; set -- \"$@\" \"$p\"; else m+=-; fi\n"
        "done\n"
        "S=()\n"
        "if [ $# -gt 0 ]; then\n"
        "  s=$(stat -c '%u %g %a %U %G' -- \"$@\") || exit 2\n"
        "  IFS=$'\\n' read -r -d '' -a S <<<\"$s\"\n"
        "fi\n"
        "q=0 n=0\n"
        "part() {{\n"
        "  printf '\\n@@hctl-part %s\\n%s\\n' \"$1\" \"$g\"\n"
        "  local e t\n"
        "  for ((e = 0; e < $2; e++)); do\n"
        "    t=${{m:q:1}}; q=$((q + 1))\n"
        "    case $t in d | f | o) echo \"$t ${{S[n]}}\"; n=$((n + 1)) ;; *) echo \"$t\" ;; esac\n"
        "  done\n"
        "}}\n{2}",
        W, paths, parts,
        shell::say(trf("the web server's user {} is not on this server", web_user)));
}

// A site asked for its page: curl's --resolve entry, the URL, the HTTP
// status it must answer (a case pattern), and the file it must answer with
// when it is there (a static site's index.html), or "".
struct HttpProbe {
    std::string resolve, url, want, index;
};

// Every site asked with one curl, again for up to 15 s while some do not
// answer as they should yet (a reload returns before the server has taken
// the new config in); each part is "ok" or what the site answered.
std::string http_check(const std::vector<const PlanAction*>& members) {
    std::string resolve, arrays, parts;
    std::set<std::string> seen;
    for (size_t j = 0; j < members.size(); ++j) {
        const auto& h = std::any_cast<const HttpProbe&>(members[j]->data);
        if (seen.insert(h.resolve).second)
            resolve += " --resolve " + quote(h.resolve);
        arrays += fmt::format("U[{0}]={1} W[{0}]={2} I[{0}]={3}\n", j, quote(h.url), quote(h.want),
                              h.index.empty() ? "''" : quote(h.index));
    }
    return fmt::format(
        "d=$(mktemp -d) || exit 2\n"
        "U=() W=() I=() said=()\n{0}"
        "left=(\"${{!U[@]}}\")\n"
        "end=$((SECONDS + 15))\n"
        "while [ ${{#left[@]}} -gt 0 ]; do\n"
        "  args=()\n"
        "  for i in \"${{left[@]}}\"; do args+=(-o \"$d/$i\" \"${{U[i]}}\"); done\n"
        "  c=$(curl -sk --max-time 5{1} -w '%{{http_code}}\\n' \"${{args[@]}}\")\n"
        "  C=(); read -r -d '' -a C <<<\"$c\"\n"
        "  next=()\n"
        "  for n in \"${{!left[@]}}\"; do\n"
        "    i=${{left[n]}} code=${{C[n]:-000}} ok=0\n"
        "    case $code in ${{W[i]}})\n"
        "      if [ -z \"${{I[i]}}\" ] || [ ! -f \"${{I[i]}}\" ]; then ok=1\n"
        // cmp streams, and stops at the first difference: the agency's
        // index.html may be any size.
        "      elif cmp -s -- \"$d/$i\" \"${{I[i]}}\"; then ok=1\n"
        "      else code=\"$code, but not the site's index.html\"\n"
        "      fi ;;\n"
        "    esac\n"
        "    [ $ok = 1 ] || {{ next+=(\"$i\"); said[i]=$code; }}\n"
        "  done\n"
        "  left=(\"${{next[@]}}\")\n"
        "  [ ${{#left[@]}} -gt 0 ] && [ $SECONDS -lt $end ] || break\n"
        "  sleep 0.2\n"
        "done\n"
        "rm -rf \"$d\"\n"
        "for i in \"${{!U[@]}}\"; do\n"
        "  if [ -n \"${{said[i]}}\" ] && [[ \" ${{left[*]}} \" == *\" $i \"* ]]; then\n"
        "    printf '\\n@@hctl-part %s\\nanswered HTTP %s\\n' \"$i\" \"${{said[i]}}\"\n"
        "  else printf '\\n@@hctl-part %s\\nok\\n' \"$i\"; fi\n"
        "done\n",
        arrays, resolve);
}

std::string listen_host(const std::string& listen) {
    size_t colon = listen.rfind(':');
    if (colon == std::string::npos)
        return "127.0.0.1";
    std::string h = listen.substr(0, colon);
    if (h == "*" || h == "0.0.0.0")
        return "127.0.0.1";
    if (h == "[::]")
        return "[::1]";
    return h;
}

std::string listen_port(const std::string& listen) {
    size_t colon = listen.rfind(':');
    return colon == std::string::npos ? listen : listen.substr(colon + 1);
}

} // namespace

Plan build_plan(const Store& store, const Request& r, const Agency& agency, const Inventory& inv,
                const std::string& server_name, const Date& today, const RequestList* listed) {
    const Server* raw = inv.find(server_name);
    if (!raw) {
        std::string c = text::closest(server_name, inv.names());
        throw Error(Exit::not_found,
                    trf("no server '{}' in servers.yaml", text::shown(server_name)),
                    c.empty() ? std::string(tr("list them with 'hostingctl server list'"))
                              : trf("did you mean '{}'?", c));
    }
    const Server srv = resolved(*raw);
    if (!srv.web)
        throw Error(Exit::refused, trf("server {} has no web server", srv.name),
                    tr("give it one with 'hostingctl server edit NAME --web nginx', or pick "
                       "another"));
    const WebServer& web = *srv.web;
    if (srv.public_ip.empty())
        throw Error(Exit::refused, trf("server {} has no public_ip for the DNS record", srv.name),
                    // TRANSLATORS: a command; ADDRESS is for the officer to fill in.
                    trf("hostingctl server edit {} --public-ip ADDRESS", srv.name));

    // Everything from the request file is checked again: it may have been
    // edited by hand since it was validated on entry.
    Plan plan;
    Site& site = plan.site;
    if (r.id.empty() || r.id.size() > 32 || !std::all_of(r.id.begin(), r.id.end(), [](char c) {
            return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                   c == '-';
        }))
        throw Error(Exit::invalid,
                    trf("request number '{}' cannot name a site", text::shown(r.id)));
    site.request = r.id;
    site.agency = validate::identifier(tr("agency"), r.agency);
    site.agency_name = agency.name;
    site.domain =
        validate::domain(r.hosting.domain, store.config().zones, store.config().reserved_names);
    if (site.domain != r.hosting.domain)
        throw Error(Exit::invalid,
                    trf("the domain of {} is written '{}', not in its checked form '{}'", r.id,
                        text::shown(r.hosting.domain), site.domain),
                    tr("fix the request file; hostingctl does not guess"));
    // The name may have been given to another live request since (a hand
    // edit): its site must not be taken over.
    {
        const RequestList read = listed ? RequestList{} : list_requests(store, 0);
        const RequestList& all = listed ? *listed : read;
        if (!all.problems.empty())
            throw Error(Exit::damaged,
                        trf("it cannot be checked that no other request holds {}: {}", site.domain,
                            all.problems.front()),
                        tr("'hostingctl store check' lists every problem of the store"));
        for (const auto& other : all.items) {
            auto st = parse_status(other.status);
            if (other.id != r.id && other.domain == site.domain && st && is_live(*st))
                throw Error(
                    Exit::conflict,
                    // TRANSLATORS: a domain, a request, its agency and its status.
                    trf("{} is also held by {} ({}, status {})", site.domain, other.id,
                        other.agency, other.status),
                    tr("two live requests cannot share a domain; see 'hostingctl store check'"));
        }
    }
    site.app = r.hosting.app;
    if (site.app == AppKind::php) {
        if (web.php.empty())
            throw Error(Exit::refused,
                        trf("{} is a PHP site, and server {} has no PHP", r.id, srv.name));
        if (!r.hosting.php_version.empty() &&
            validate::php_version(tr("php version"), r.hosting.php_version) != web.php)
            throw Error(Exit::refused, trf("{} asks for PHP {}, server {} runs PHP {}", r.id,
                                           r.hosting.php_version, srv.name, web.php));
    }
    if (site.app == AppKind::proxy)
        validate::port(tr("upstream port"), r.hosting.upstream_port);
    const Zone* zone_raw = inv.zone_of(site.domain);
    if (!zone_raw)
        throw Error(Exit::refused, trf("no zone in servers.yaml holds {}", site.domain),
                    tr("add the zone under dns: in servers.yaml"));
    const Zone zone = resolved(*zone_raw);
    if (!inv.find(zone.server))
        throw Error(Exit::refused,
                    trf("zone {} is changed on server {}, which is not in servers.yaml", zone.zone,
                        zone.server),
                    trf("add it (hostingctl server add {} --host ADDRESS --web none), or name "
                        "another server under dns: in servers.yaml",
                        zone.server));
    site.server = srv.name;
    site.dns_server = zone.server;
    site.zone = zone.zone;

    std::string id_lower = text::lower(site.request);
    site.user = web.site_user_prefix + id_lower;
    validate::unix_user(site.user);
    // The database and its user are named after the site user.
    if (r.hosting.database)
        plan_database(site, srv);
    site.root = web.sites_root + "/" + site.domain;
    site.web_root = site.root + "/public_html";
    site.log_dir = site.root + "/logs";
    site.tmp_dir = site.root + "/tmp";
    site.vhost_file = web.vhost_dir + "/" + site.domain + ".conf";
    const bool tls = !web.tls_certificate.empty();
    const std::string port = listen_port(tls ? web.listen_https : web.listen_http);
    const bool default_port = port == (tls ? "443" : "80");
    site.url = fmt::format("{}://{}{}/", tls ? "https" : "http", site.domain,
                           default_port ? "" : ":" + port);
    // Where plain HTTP sends a TLS site: its HTTPS port, unless it is 443.
    const std::string https_port = listen_port(web.listen_https);
    const std::string https_origin =
        fmt::format("https://{}{}", site.domain, https_port == "443" ? "" : ":" + https_port);
    if (site.app == AppKind::php) {
        site.pool_file = web.php_pool_dir + "/" + site.domain + ".conf";
        site.php_socket = web.php_socket_dir + "/" + site.user + ".sock";
    }

    std::map<std::string, std::string> v = {
        {"domain", site.domain},
        {"request", site.request},
        {"agency", site.agency},
        {"agency_name", site.agency_name},
        {"office", store.config().name},
        {"user", site.user},
        {"site_root", site.root},
        {"web_root", site.web_root},
        {"log_dir", site.log_dir},
        {"tmp_dir", site.tmp_dir},
        {"listen_http", web.listen_http},
        {"listen_https", web.listen_https},
        {"https_origin", https_origin},
        {"tls_certificate", web.tls_certificate},
        {"tls_key", web.tls_key},
        {"php_socket", site.php_socket},
        {"web_user", web.web_user},
        {"upstream",
         site.app == AppKind::proxy ? fmt::format("127.0.0.1:{}", r.hosting.upstream_port) : ""},
    };
    if (web.kind == WebKind::apache) {
        // Apache names the address of a virtual host: *:80 for a bare port.
        for (const char* k : {"listen_http", "listen_https"})
            if (v[k].find(':') == std::string::npos)
                v[k] = "*:" + v[k];
    }
    const std::map<std::string, bool> sections = {
        {"tls", tls},
        {"static", site.app == AppKind::static_site},
        {"php", site.app == AppKind::php},
        {"proxy", site.app == AppKind::proxy},
    };
    auto render = [&](const std::string& name, Escape e) {
        // Values that are empty for this site are never used by it.
        std::map<std::string, std::string> vals;
        for (const auto& [k, val] : v)
            vals[k] = val.empty() ? "-" : val;
        return render_template(name, server_template(store, name), vals, sections, e);
    };
    const std::string U = quote(site.user);
    // The templates' first line names the domain and the request: a config
    // file holding it was written by hostingctl for this request.
    const std::string owner_mark = fmt::format("{}: {} (", site.domain, site.request);

    // 1. The site's Unix user: no login shell, its password for SFTP.
    plan.sftp_password = password();
    {
        PlanAction a;
        a.name = "site user " + site.user;
        a.label = trf("site user {}", site.user);
        a.server = srv.name;
        // A user of that name with another home is someone else's: never taken over.
        // Asked with one getent for every site user of the server; its
        // part is the user's passwd line, or nothing.
        a.group_key = "site users";
        a.data = SiteUser{site.user};
        a.group_check = users_check;
        a.prepare = [user = site.user, root = site.root,
                     server = srv.name](PlanAction&, const std::string& out) {
            const std::string line(text::trim(out));
            if (line.empty())
                return false;
            const auto f = text::split(line, ':');
            if (f.size() < 7 || f[0] != user)
                throw Error(Exit::remote, trf("the user check on {} answered '{}'", server,
                                              text::shown(line, 200)));
            if (f[5] == root)
                return true;
            throw Error(Exit::remote, trf("user {} exists already on {}, with home {}", user,
                                          server, text::shown(f[5])));
        };
        a.apply = fmt::format("useradd --home-dir {} --no-create-home --shell /usr/sbin/nologin "
                              "--user-group {} || exit 1\n",
                              quote(site.root), U);
        a.undo = fmt::format("userdel {}\n", U);
        plan.actions.push_back(std::move(a));
    }
    // 1b. Its SFTP password, set when it has none: after the user is made,
    // and after a run that was stopped before it set one.
    plan.actions.push_back(password_action(site.user, srv.name, plan.sftp_password));
    // 2. Its directories, laid out so that one agency cannot read another's
    // files.  The site's top directory is the site user's home and SFTP
    // chroot, so it is root's and writable by no one else; the agency lists
    // it through its group, every other user may only pass through.
    // public_html is the agency's, read by the web server through its group
    // and by no other user (set-group-ID: what the agency uploads gets the
    // web server's group).  The logs are written by the web server as root
    // (a link the agency planted there would make it write elsewhere) and
    // read by the agency; PHP, running as the agency, writes its own log
    // there, made for it.  tmp holds PHP's uploads and sessions, the
    // agency's alone.  A site of an older version is brought to these
    // owners and modes, and the action's detail says what changed.  A link
    // where a directory or the log belongs, or public_html or tmp owned by
    // another user, is refused, never followed or taken over.
    {
        using Entry = DirEntry;
        // "@web" stands for the web server user's group, read on the server.
        std::vector<Entry> entries = {
            {site.root, site.root, "root", site.user, "751"},
            {"public_html", site.web_root, site.user, "@web", "2750"},
            {"logs", site.log_dir, "root", site.user, "750"},
            {"tmp", site.tmp_dir, site.user, site.user, "700"},
        };
        if (site.app == AppKind::php)
            entries.push_back({"logs/php-error.log", site.log_dir + "/php-error.log", site.user,
                               site.user, "640", true});
        PlanAction a;
        a.name = "directories " + site.root;
        a.label = trf("directories {}", site.root);
        a.server = srv.name;
        // Asked with one stat for the directories of every site of the
        // server: its part is the web server's group, then per entry
        // "-" (missing), "L" (a link), or "d" (a directory), "f" (a regular
        // file) or "o" (anything else) with its uid, gid, mode, owner and
        // group.
        a.group_key = "directories";
        a.data = DirSet{web.web_user, entries};
        a.group_check = directories_check;
        a.prepare = [entries, user = site.user, log_dir = site.log_dir,
                     web_root = site.web_root](PlanAction& self, const std::string& out) {
            const auto lines = text::split(std::string(text::trim(out)), '\n');
            const auto number = [](const std::string& s) {
                return !s.empty() && s.size() <= 10 &&
                       std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
            };
            const auto odd = [&] {
                return Error(Exit::remote, trf("the check of the site's directories answered '{}'",
                                               text::shown(out, 200)));
            };
            if (lines.size() != entries.size() + 1 || lines[0].empty() ||
                !std::all_of(lines[0].begin(), lines[0].end(), [](char c) {
                    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' ||
                           c == '.';
                }))
                throw odd();
            const std::string& web_group = lines[0];
            // Per entry: its fields "uid gid mode owner group", or none.
            std::vector<std::vector<std::string>> have(entries.size());
            for (size_t i = 0; i < entries.size(); ++i) {
                const Entry& e = entries[i];
                const std::string& l = lines[i + 1];
                if (l == "-")
                    continue;
                if (l == "L")
                    throw Error(Exit::remote, trf("{} is a symbolic link", e.path),
                                tr("hostingctl never follows a link where a site's directory or "
                                   "log belongs; remove it"));
                const auto f = text::split(l, ' ');
                if (f.size() != 6 || (f[0] != "d" && f[0] != "f" && f[0] != "o") || !number(f[1]) ||
                    !number(f[2]) || !number(f[3]))
                    throw odd();
                if (f[0] != (e.file ? "f" : "d"))
                    throw Error(Exit::remote, e.file ? trf("{} is not a file", e.path)
                                                     : trf("{} is not a directory", e.path));
                // public_html and tmp are the agency's: another user's are
                // never taken over.
                if (!e.file && e.owner == user && f[4] != user)
                    throw Error(Exit::remote,
                                // TRANSLATORS: a directory, its owner, and the site's user.
                                trf("{} belongs to {}, not {}", e.path, f[4], user));
                have[i].assign(f.begin() + 1, f.end());
            }
            // Apply makes what is missing and sets what differs, nothing
            // else; undo puts back the owner and mode of what was there,
            // and removes what was missing if it is still empty (the empty
            // logs a config test opened aside), last made first.
            std::vector<std::string> changed;
            std::string apply, restore, remove;
            for (size_t i = 0; i < entries.size(); ++i) {
                const Entry& e = entries[i];
                const std::string group = e.group == "@web" ? web_group : e.group;
                if (have[i].empty()) {
                    // TRANSLATORS: a directory or file of a site (public_html, logs, ...).
                    changed.push_back(trf("{} made", e.label));
                    apply += fmt::format("install {}-o {} -g {} -m 0{:0>4} {}{} || exit 1\n",
                                         e.file ? "" : "-d ", quote(e.owner), quote(group), e.mode,
                                         e.file ? "/dev/null " : "", quote(e.path));
                    continue;
                }
                const auto& f = have[i];
                const std::string now = fmt::format("{}:{} {}", f[3], f[4], f[2]);
                const std::string want = fmt::format("{}:{} {}", e.owner, group, e.mode);
                if (now == want)
                    continue;
                changed.push_back(fmt::format("{} {} -> {}", e.label, now, want));
                apply += fmt::format("chown {0}:{1} {3} && chmod 0{2:0>4} {3} || exit 1\n",
                                     quote(e.owner), quote(group), e.mode, quote(e.path));
                restore += fmt::format("chown {0}:{1} {3} && chmod 0{2:0>4} {3}\n", f[0], f[1],
                                       f[2], quote(e.path));
            }
            for (size_t i = entries.size(); i-- > 0;) {
                const Entry& e = entries[i];
                if (!have[i].empty())
                    continue;
                if (e.file) {
                    remove += fmt::format("[ -s {0} ] || rm -f {0}\n", quote(e.path));
                    continue;
                }
                // The logs the web server wrote while the run had the site
                // up go with an empty public_html (the directory is root's,
                // nothing in it is the agency's); never beside its files.
                if (e.path == log_dir)
                    remove += fmt::format(
                        "if [ ! -e {1} ] || rmdir {1} 2>/dev/null; then find {0} -maxdepth 1 "
                        "-type f -name '*.log' -delete 2>/dev/null; fi\n"
                        "find {0} -maxdepth 1 -type f -size 0 -delete 2>/dev/null\n",
                        quote(e.path), quote(web_root));
                remove += fmt::format("rmdir {} 2>/dev/null\n", quote(e.path));
            }
            self.apply = apply;
            self.undo = restore + remove + "true\n";
            // A site made by this run needs no word; one brought up to date
            // from an older version says what changed.
            self.detail = have[0].empty() || changed.empty()
                              ? ""
                              : trf("brought up to date: {}", text::join(changed, ", "));
            return changed.empty();
        };
        plan.actions.push_back(std::move(a));
    }
    // 3. The placeholder page, never over an index the site has.
    {
        const std::string index = site.web_root + "/index.html";
        const std::string html = render("index.html", Escape::html);
        PlanAction a;
        a.name = "placeholder page";
        a.label = tr("placeholder page");
        a.server = srv.name;
        a.files.push_back({index, html, std::nullopt});
        a.check = fmt::format("for f in {}/index.*; do [ -e \"$f\" ] && exit 0; done; exit 1\n",
                              quote(site.web_root));
        // Written through a temporary file in the site's top directory
        // (root's), never in public_html, where the agency could swap it
        // for a link to a file root's chmod and chown would then change.
        a.apply =
            fmt::format("if [ -L {0} ]; then {1} >&2; exit 1; fi\n{2}", quote(site.web_root),
                        shell::say(trf("{} is a symbolic link", site.web_root)),
                        ssh::write_file_script(index, html, 0644, site.user, {}, site.root, true));
        a.undo = fmt::format("{} && rm -f {}; true\n", same_content(index, html), quote(index));
        plan.actions.push_back(std::move(a));
    }
    // 4. The PHP-FPM pool, then PHP-FPM reloaded so the socket is there.
    if (site.app == AppKind::php) {
        plan.actions.push_back(config_file_action(
            "PHP-FPM pool", tr("PHP-FPM pool"), srv.name, site.pool_file,
            render("php-fpm-pool.conf", Escape::config), web.php_test, owner_mark));
        plan.actions.back().stage = Stage::php_pool;
        PlanAction reload;
        reload.name = "PHP-FPM reload";
        reload.label = tr("PHP-FPM reload");
        reload.server = srv.name;
        reload.stage = Stage::php_reload;
        reload.only_after_change = true;
        reload.after_stages = {Stage::php_pool};
        reload.apply = fmt::format("{} || exit 1\n{} || exit 1\n", shell::command(web.php_test),
                                   shell::command(web.php_reload));
        plan.actions.push_back(std::move(reload));
    }
    // 4b. The database and its MariaDB user (provision/database.hpp), there
    // before the site is served, and undone after its virtual host.
    if (!site.database.empty()) {
        plan.database_password = password();
        plan.actions.push_back(database_action(site, srv, plan.database_password));
    }
    // 5. The virtual host, tested before it stays, then one reload.
    {
        const std::string conf =
            render(web.kind == WebKind::nginx ? "nginx.conf" : "apache.conf", Escape::config);
        plan.actions.push_back(
            config_file_action(std::string(to_string(web.kind)) + " virtual host",
                               trf("{} virtual host", to_string(web.kind)), srv.name,
                               site.vhost_file, conf, web.test, owner_mark));
        plan.actions.back().stage = Stage::vhost;
        PlanAction reload;
        reload.name = std::string(to_string(web.kind)) + " reload";
        reload.label = trf("{} reload", to_string(web.kind));
        reload.server = srv.name;
        reload.stage = Stage::web_reload;
        reload.only_after_change = true;
        reload.after_stages = {Stage::vhost};
        reload.apply = fmt::format("{} || exit 1\n{} || exit 1\n", shell::command(web.test),
                                   shell::command(web.reload));
        plan.actions.push_back(std::move(reload));
    }
    // 6. The DNS record.
    plan.actions.push_back(
        dns_record_action(zone, {site.domain, srv.public_ip, site.request}, today));
    // 7. The site answers, and the name resolves.
    {
        const std::string listen = tls ? web.listen_https : web.listen_http;
        PlanAction a;
        a.name = "site answers " + site.url;
        a.label = trf("site answers {}", site.url);
        a.server = srv.name;
        a.verify = true;
        a.stage = Stage::verify;
        // Asked with one curl for every site of the server (http_check).
        // Any server answers 200 for any name (a default server): a static
        // site must answer with its own index.html.
        a.group_key = "sites answer";
        a.data = HttpProbe{fmt::format("{}:{}:{}", site.domain, listen_port(listen),
                                       text::trim(listen_host(listen))),
                           site.url, site.app == AppKind::proxy ? "[1-5][0-9][0-9]" : "200",
                           site.app == AppKind::static_site ? site.web_root + "/index.html" : ""};
        a.group_check = http_check;
        a.verdict = part_verdict;
        plan.actions.push_back(std::move(a));
    }
    plan.actions.push_back(dns_verify_action(zone, site.domain, srv.public_ip));
    return plan;
}

} // namespace hostingctl
