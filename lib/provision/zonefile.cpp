#include "provision/zonefile.hpp"

#include "provision/run.hpp"
#include "ssh/shell.hpp"
#include "util/error.hpp"
#include "util/i18n.hpp"
#include "util/shell.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <cctype>
#include <fmt/format.h>

namespace hostingctl {

namespace {

using shell::quote;

struct Token {
    std::string text;
    size_t offset;
};

// The words of a zone file with their offsets: comments (; to the end of
// the line, outside quotes) and parentheses dropped.
std::vector<Token> tokens(const std::string& t) {
    std::vector<Token> out;
    size_t i = 0;
    int parens = 0;
    while (i < t.size()) {
        char c = t[i];
        if (c == '\n') {
            ++i;
            continue;
        }
        if (c == ';') {
            while (i < t.size() && t[i] != '\n')
                ++i;
            continue;
        }
        if (c == '(' || c == ')') {
            parens += c == '(' ? 1 : -1;
            ++i;
            continue;
        }
        if (c == ' ' || c == '\t' || c == '\r') {
            ++i;
            continue;
        }
        size_t start = i;
        if (c == '"') {
            ++i;
            while (i < t.size() && t[i] != '"' && t[i] != '\n')
                ++i;
            if (i < t.size() && t[i] == '"')
                ++i;
        } else {
            while (i < t.size() && !std::isspace(static_cast<unsigned char>(t[i])) && t[i] != ';' &&
                   t[i] != '(' && t[i] != ')')
                ++i;
        }
        out.push_back({t.substr(start, i - start), start});
    }
    return out;
}

} // namespace

std::optional<SoaSerial> find_soa_serial(const std::string& zone_text) {
    auto ws = tokens(zone_text);
    for (size_t i = 0; i < ws.size(); ++i) {
        if (text::lower(ws[i].text) != "soa")
            continue;
        // SOA MNAME RNAME SERIAL ...
        if (i + 3 >= ws.size())
            return std::nullopt;
        const Token& s = ws[i + 3];
        if (s.text.empty() || s.text.size() > 10 ||
            !std::all_of(s.text.begin(), s.text.end(), [](char c) { return c >= '0' && c <= '9'; }))
            return std::nullopt;
        return SoaSerial{std::stoul(s.text), s.offset, s.text.size()};
    }
    return std::nullopt;
}

unsigned long next_serial(unsigned long current, const Date& today) {
    const unsigned long first =
        (static_cast<unsigned long>(today.year) * 10000 + today.month * 100 + today.day) * 100;
    return current < first ? first : current + 1;
}

std::vector<std::string> records_of(const std::string& zone_text, const std::string& zone,
                                    const std::string& fqdn) {
    std::vector<std::string> out;
    const std::string relative =
        fqdn.size() > zone.size() + 1 ? fqdn.substr(0, fqdn.size() - zone.size() - 1) : fqdn;
    for (const auto& raw : text::split(zone_text, '\n')) {
        std::string line = raw.substr(0, raw.find(';'));
        if (line.empty() || std::isspace(static_cast<unsigned char>(line[0])))
            continue;
        const std::string owner = text::lower(line.substr(0, line.find_first_of(" \t")));
        if (owner == fqdn + "." || owner == relative)
            out.emplace_back(text::trim(line));
    }
    return out;
}

namespace {

// The names one DNS action adds (one, or a batch's after merging).
struct DnsWork {
    Zone zone;
    Date today;
    std::vector<DnsName> names;
};

std::string a_record(const Zone& zone, const DnsName& n) {
    return fmt::format("{}. {} IN A {} ; hostingctl {}", n.fqdn, zone.ttl, n.ip, n.request);
}

// The action's name, and its label in the user's language.
void name_action(PlanAction& a, const DnsWork& w) {
    if (w.names.size() == 1) {
        a.name = fmt::format("DNS {} A {}", w.names[0].fqdn, w.names[0].ip);
        a.label = trf("DNS {} A {}", w.names[0].fqdn, w.names[0].ip);
    } else {
        a.name = fmt::format("DNS {} A records in {}", w.names.size(), w.zone.zone);
        a.label = ntrf("DNS {} A record in {}", "DNS {} A records in {}", w.names.size(),
                       w.names.size(), w.zone.zone);
    }
}

// Whether the zone text holds `n` already (true), not at all (false), or
// another record for its name (Error: a name in use is never changed).
bool holds(const Zone& zone, const std::string& text, const DnsName& n) {
    auto existing = records_of(text, zone.zone, n.fqdn);
    if (existing.empty())
        return false;
    for (const auto& line : existing) {
        std::vector<std::string> w;
        for (auto& x : text::split(line, '\t'))
            for (auto& y : text::split(x, ' '))
                if (!y.empty())
                    w.push_back(y);
        if (w.size() >= 3 && w[w.size() - 1] == n.ip && text::lower(w[w.size() - 2]) == "a")
            return true;
    }
    throw Error(Exit::refused,
                // TRANSLATORS: a zone, a name, and the record it has.
                trf("zone {} already holds {}: {}", zone.zone, n.fqdn, existing.front()),
                tr("a name in use is never changed by hostingctl; remove the record by hand "
                   "if it is stale"));
}

// What the name server answers for each name, from one dig: a line per
// name with its A records, each followed by a newline ("" when none).
std::string dig_answers(const Zone& zone, const std::vector<std::string>& names) {
    std::string q, parts;
    for (size_t j = 0; j < names.size(); ++j) {
        q += " " + quote(names[j]) + " A";
        parts += fmt::format("printf '\\n@@hctl-part {}\\n%s' \"${{a[{}]}}\"\n", j,
                             quote(names[j] + "."));
    }
    // An A record is its address; any other record of the name (a CNAME)
    // is "TYPE VALUE": the name is in use.  Owners compare in lower case.
    return fmt::format("declare -A a\n"
                       "while read -r o t c ty v; do\n"
                       "  [ -n \"$ty\" ] || continue\n"
                       "  if [ \"$ty\" = A ]; then a[${{o,,}}]+=\"$v\"$'\\n'; else "
                       "a[${{o,,}}]+=\"$ty $v\"$'\\n'; fi\n"
                       "done <<<\"$(dig +noall +answer +norec +time=2 +tries=1 @{} -p {}{} "
                       "2>/dev/null)\"\n{}",
                       quote(zone.nameserver), zone.nameserver_port, q, parts);
}

// The check of the DNS records of a zone (PlanAction::group_check): for a
// zone file its content (base64) first, then per name what the name server
// answers now.
std::string zone_check(const std::vector<const PlanAction*>& members) {
    const auto& first = *std::any_cast<const std::shared_ptr<DnsWork>&>(members.front()->data);
    std::vector<std::string> names;
    for (const PlanAction* m : members)
        names.push_back(
            std::any_cast<const std::shared_ptr<DnsWork>&>(m->data)->names.front().fqdn);
    std::string s;
    if (first.zone.kind == ZoneKind::bind_zonefile)
        s = fmt::format("base64 -w0 <{} || exit 2\n", quote(first.zone.file));
    return s + dig_answers(first.zone, names);
}

// Takes the lock on the zone that every run changing it takes (fd 9).
std::string zone_lock(const Zone& zone) {
    return fmt::format("exec 9>>{} && flock -w 60 9 || {{ {} >&2; exit 1; }}\n",
                       quote("/run/lock/hostingctl-zone-" + zone.zone + ".lock"),
                       shell::say(tr("cannot lock the zone")));
}

// Checks the zone file `file` and reloads the zone.
std::string zone_reload(const Zone& zone, const std::string& file) {
    CommandLine check = zone.check;
    check.insert(check.end(), {zone.zone, file});
    CommandLine reload = zone.reload;
    reload.push_back(zone.zone);
    return fmt::format("{} >&2 || exit 1\n"
                       "{} >&2 || {{ {} >&2; exit 1; }}\n",
                       shell::command(check), shell::command(reload),
                       shell::say(tr("the zone did not reload")));
}

// Replace the zone file (same owner and mode) only if it is still what
// was read, check the new one first, reload, and put the old one back
// when the reload fails.
std::string replace_zone(const Zone& zone, const std::string& expect, const std::string& with) {
    CommandLine check = zone.check;
    check.insert(check.end(), {zone.zone, "$t"});
    std::string check_cmd = shell::command(check);
    // "$t" must stay a variable: quote() wrote it as '$t'.
    check_cmd.replace(check_cmd.rfind("'$t'"), 4, "\"$t\"");
    CommandLine reload = zone.reload;
    reload.push_back(zone.zone);
    const std::string f = quote(zone.file);
    return fmt::format(
        "{5}"
        "printf %s {0} | base64 -d | cmp -s - {1} || {{ {7} >&2; exit {6}; }}\n"
        "t=$(mktemp \"$(dirname {1})/.hostingctl.XXXXXXXX\") || exit 1\n"
        "o=$(mktemp) || exit 1\ncp -p {1} \"$o\" || exit 1\n"
        "printf %s {2} | base64 -d >\"$t\" && chmod --reference={1} \"$t\" && chown "
        "--reference={1} \"$t\" || {{ rm -f \"$t\" \"$o\"; exit 1; }}\n"
        "if ! {3} >&2; then rm -f \"$t\" \"$o\"; exit 1; fi\n"
        "mv -f \"$t\" {1} || {{ rm -f \"$t\" \"$o\"; exit 1; }}\n"
        "if ! {4} >&2; then cp -p \"$o\" {1}; {4} >/dev/null 2>&1; rm -f \"$o\"; {8} >&2; "
        "exit 1; fi\n"
        "rm -f \"$o\"\n",
        quote(shell::base64(expect)), f, quote(shell::base64(with)), check_cmd,
        shell::command(reload), zone_lock(zone), kChangedSinceRead,
        shell::say(tr("the zone file changed since it was read")),
        shell::say(tr("the zone did not reload; the previous file is back")));
}

// From the zone file as read: whether every name is there (true), else
// the action's apply (the missing records added, the serial raised once)
// and undo (those records gone again, the serial still rising).
bool plan_zone_change(PlanAction& self, const DnsWork& w, const std::string& text) {
    std::string added;
    std::vector<std::string> shown;
    for (const auto& n : w.names)
        if (!holds(w.zone, text, n)) {
            added += a_record(w.zone, n) + "\n";
            shown.push_back(a_record(w.zone, n));
        }
    if (added.empty())
        return true;
    auto serial = find_soa_serial(text);
    if (!serial)
        throw Error(Exit::remote, trf("{}: no SOA serial found", w.zone.file));
    std::string updated = text;
    updated.replace(serial->offset, serial->length,
                    std::to_string(next_serial(serial->value, w.today)));
    if (!updated.empty() && updated.back() != '\n')
        updated += '\n';
    updated += added;
    self.files = {{w.zone.file, updated, text}};
    self.apply = replace_zone(w.zone, text, updated);
    // Undo keeps the serial rising: the records go, the serial stays.
    std::string restored = text;
    if (auto again = find_soa_serial(updated))
        restored.replace(serial->offset, serial->length,
                         std::to_string(next_serial(again->value, w.today)));
    self.undo = replace_zone(w.zone, updated, restored);
    return false;
}

std::string nsupdate_script(const DnsWork& w, bool add) {
    std::string s = fmt::format("server {} {}\nzone {}\n", w.zone.nameserver,
                                w.zone.nameserver_port, w.zone.zone);
    for (const auto& n : w.names)
        s += add ? fmt::format("update add {}. {} A {}\n", n.fqdn, w.zone.ttl, n.ip)
                 : fmt::format("update delete {}. A {}\n", n.fqdn, n.ip);
    return s + "send\n";
}

void plan_nsupdate(PlanAction& self, const DnsWork& w) {
    CommandLine nsupdate = w.zone.nsupdate;
    if (!w.zone.key_file.empty())
        nsupdate.insert(nsupdate.end(), {"-k", w.zone.key_file});
    self.apply = ssh::command_script(nsupdate, nsupdate_script(w, true));
    self.undo = ssh::command_script(nsupdate, nsupdate_script(w, false));
    std::string adds;
    for (const auto& n : w.names)
        adds += fmt::format("update add {}. {} A {}\n", n.fqdn, w.zone.ttl, n.ip);
    self.files = {{"(nsupdate " + w.zone.zone + ")", adds, std::nullopt}};
}

} // namespace

PlanAction dns_record_action(const Zone& zone, const DnsName& name, const Date& today) {
    PlanAction a;
    auto work = std::make_shared<DnsWork>(DnsWork{zone, today, {name}});
    name_action(a, *work);
    a.server = zone.server;
    a.stage = Stage::dns;
    a.merge_key = fmt::format("dns {} {}", zone.server, zone.zone);
    a.data = work;
    // Asked with the other names of the zone: one read, one dig.
    a.group_key = "zone " + zone.zone;
    a.group_check = zone_check;
    if (zone.kind == ZoneKind::nsupdate) {
        plan_nsupdate(a, *work);
        a.prepare = [work](PlanAction&, const std::string& out) {
            // Asked of the first name only: a merged action is not checked again.
            const DnsName& n = work->names.front();
            auto answers = text::split(std::string(text::trim(out)), '\n');
            if (answers.size() == 1 && answers[0] == n.ip)
                return true;
            if (!text::trim(out).empty())
                throw Error(
                    Exit::refused,
                    trf("{} already resolves to {} in DNS", n.fqdn, text::join(answers, ", ")),
                    tr("a name in use is never changed by hostingctl; remove the record by hand "
                       "if it is stale"));
            return false;
        };
        a.merge = [work](PlanAction& self, const std::vector<PlanAction*>& others) {
            for (PlanAction* o : others)
                for (const auto& n : std::any_cast<std::shared_ptr<DnsWork>>(o->data)->names)
                    work->names.push_back(n);
            name_action(self, *work);
            plan_nsupdate(self, *work);
        };
        return a;
    }
    // The file, then on lines of their own what the name server answers now.
    a.files.push_back({zone.file, a_record(zone, name) + "\n", std::nullopt});
    auto text = std::make_shared<std::string>();
    a.prepare = [work, text](PlanAction& self, const std::string& out) {
        const size_t eol = out.find('\n');
        *text = shell::unbase64(out.substr(0, eol));
        const auto answers = text::split(eol == std::string::npos ? "" : out.substr(eol + 1), '\n');
        const DnsName& n = work->names.front();
        if (work->names.size() == 1 && holds(work->zone, *text, n) &&
            std::find(answers.begin(), answers.end(), n.ip) == answers.end()) {
            // In the file but not served: a run stopped between writing the
            // file and the reload (a lost connection).  Reload only, alone.
            self.files.clear();
            self.detail = tr("in the zone file, not served yet: the zone is reloaded");
            self.apply = zone_lock(work->zone) + zone_reload(work->zone, work->zone.file);
            self.undo = ":\n"; // the record was there before this run
            self.merge = nullptr;
            return false;
        }
        return plan_zone_change(self, *work, *text);
    };
    a.merge = [work, text](PlanAction& self, const std::vector<PlanAction*>& others) {
        for (PlanAction* o : others)
            for (const auto& n : std::any_cast<std::shared_ptr<DnsWork>>(o->data)->names)
                work->names.push_back(n);
        name_action(self, *work);
        plan_zone_change(self, *work, *text);
    };
    return a;
}

namespace {

struct DnsProbe {
    Zone zone;
    std::string fqdn, ip;
};

// Every name asked with one dig, again for up to 15 s while some do not
// resolve to their address yet (a reload returns before the zone is
// served); each part is "ok" or what the name server answers.
std::string resolve_check(const std::vector<const PlanAction*>& members) {
    const Zone& zone = std::any_cast<const DnsProbe&>(members.front()->data).zone;
    std::string arrays;
    for (size_t j = 0; j < members.size(); ++j) {
        const auto& p = std::any_cast<const DnsProbe&>(members[j]->data);
        arrays += fmt::format("N[{0}]={1} P[{0}]={2}\n", j, quote(p.fqdn + "."), quote(p.ip));
    }
    return fmt::format(
        "N=() P=() got=()\n{0}"
        "left=(\"${{!N[@]}}\")\n"
        "end=$((SECONDS + 15))\n"
        "while [ ${{#left[@]}} -gt 0 ]; do\n"
        "  q=(); for i in \"${{left[@]}}\"; do q+=(\"${{N[i]}}\" A); done\n"
        "  unset a; declare -A a\n"
        "  while read -r o t c ty v; do [ \"$ty\" = A ] && a[${{o,,}}]+=\"${{a[${{o,,}}]:+ }}$v\"; "
        "done "
        "<<<\"$(dig +noall +answer +norec +time=2 +tries=1 @{1} -p {2} \"${{q[@]}}\" "
        "2>/dev/null)\"\n"
        "  next=()\n"
        "  for i in \"${{left[@]}}\"; do got[i]=${{a[${{N[i]}}]}}; [ \"${{got[i]}}\" = "
        "\"${{P[i]}}\" ] "
        "|| next+=(\"$i\"); done\n"
        "  left=(\"${{next[@]}}\")\n"
        "  [ ${{#left[@]}} -gt 0 ] && [ $SECONDS -lt $end ] || break\n"
        "  sleep 0.2\n"
        "done\n"
        "for i in \"${{!N[@]}}\"; do\n"
        "  if [[ \" ${{left[*]}} \" == *\" $i \"* ]]; then\n"
        "    printf '\\n@@hctl-part %s\\nthe name server answers %s\\n' \"$i\" "
        "\"'${{got[i]:-nothing}}'\"\n"
        "  else printf '\\n@@hctl-part %s\\nok\\n' \"$i\"; fi\n"
        "done\n",
        arrays, quote(zone.nameserver), zone.nameserver_port);
}

} // namespace

PlanAction dns_verify_action(const Zone& zone, const std::string& fqdn, const std::string& ip) {
    PlanAction a;
    a.name = fmt::format("{} resolves to {}", fqdn, ip);
    a.label = trf("{} resolves to {}", fqdn, ip);
    a.server = zone.server;
    a.verify = true;
    a.stage = Stage::verify;
    a.group_key = fmt::format("resolves {} {}", zone.nameserver, zone.nameserver_port);
    a.data = DnsProbe{zone, fqdn, ip};
    a.group_check = resolve_check;
    a.verdict = part_verdict;
    return a;
}

} // namespace hostingctl
