#include "document/documents.hpp"

#include "document/quarterly.hpp"
#include "inventory/inventory.hpp"
#include "provision/database.hpp"
#include "provision/plan.hpp"
#include "store/documents.hpp"
#include "store/yaml_io.hpp"
#include "util/embedded.hpp"
#include "util/error.hpp"
#include "util/fs.hpp"
#include "util/i18n.hpp"
#include "util/locale.hpp"
#include "util/text.hpp"
#include "workflow/service.hpp"
#include "workflow/workflow.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <yaml-cpp/yaml.h>

namespace hostingctl::document {

namespace {
constexpr const char* kBuiltinPrefix = "documents/";
constexpr const char* kOverrideDir = "templates/documents";
constexpr const char* kIssuedDir = "issued";
constexpr const char* kPasswordsFile = ".passwords";
} // namespace

const std::vector<KindInfo>& kinds() {
    static const std::vector<KindInfo> table = {
        {Kind::disposition, "disposition", Action::dispose},
        {Kind::hosting, "hosting", Action::submit},
        {Kind::approval, "approval", Action::approve},
        {Kind::access, "access", Action::deliver},
        {Kind::receipt, "receipt", Action::complete},
    };
    return table;
}

const KindInfo& info(Kind k) {
    return kinds()[static_cast<size_t>(k)];
}

std::optional<Kind> parse_kind(std::string_view s) {
    for (const auto& k : kinds())
        if (s == k.name)
            return k.kind;
    return std::nullopt;
}

Kind kind_or_throw(std::string_view s) {
    if (auto k = parse_kind(s))
        return *k;
    std::vector<std::string> names;
    for (const auto& k : kinds())
        names.push_back(k.name);
    const std::string c = text::closest(s, names);
    const std::string list = text::join(names, ", ");
    throw Error(Exit::usage, trf("no document kind '{}'", text::shown(s)),
                c.empty() ? trf("kinds: {}", list) : trf("did you mean '{}'? kinds: {}", c, list));
}

std::optional<Kind> kind_at_step(Action step) {
    for (const auto& k : kinds())
        if (k.step == step)
            return k.kind;
    return std::nullopt;
}

std::optional<OutFormat> parse_format(std::string_view s) {
    if (s == "html")
        return OutFormat::html;
    if (s == "md" || s == "markdown")
        return OutFormat::md;
    if (s == "pdf")
        return OutFormat::pdf;
    return std::nullopt;
}

const char* extension(OutFormat f) {
    switch (f) {
    case OutFormat::html:
        return "html";
    case OutFormat::md:
        return "md";
    case OutFormat::pdf:
        return "pdf";
    }
    return "html";
}

// --- templates -------------------------------------------------------------

namespace {

stdfs::path override_path(const Store& store, const std::string& name) {
    return store.root() / kOverrideDir / name;
}

bool valid_template_name(std::string_view name) {
    return !name.empty() && name.find('/') == std::string_view::npos && name[0] != '.' &&
           std::all_of(name.begin(), name.end(), [](char c) {
               return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '_' || c == '-' || c == '.';
           });
}

std::optional<std::string_view> builtin(const std::string& name) {
    const std::string path = kBuiltinPrefix + name;
    for (const auto& f : embedded::files())
        if (f.path == path)
            return f.content;
    return std::nullopt;
}

std::optional<TemplateText> find_template(const Store& store, const std::string& name) {
    if (!valid_template_name(name))
        return std::nullopt;
    const stdfs::path over = override_path(store, name);
    std::error_code ec;
    if (stdfs::is_symlink(over, ec))
        throw Error(
            Exit::invalid,
            trf("{} is a symbolic link; a template of the office is a plain file", over.string()),
            tr("copy the file there instead of linking it"));
    if (stdfs::is_regular_file(over, ec))
        return TemplateText{over.string(), fs::read_file(over)};
    if (auto b = builtin(name))
        return TemplateText{name, std::string(*b)};
    return std::nullopt;
}

std::vector<std::string> template_names() {
    std::vector<std::string> names;
    for (const auto& f : embedded::files())
        if (text::starts_with(f.path, kBuiltinPrefix))
            names.emplace_back(f.path.substr(std::strlen(kBuiltinPrefix)));
    return names;
}

} // namespace

// {{>name}} in an .html template is _name.html, in a .md one _name.md.
PartialSource partials_of(const Store& store, const std::string& ext) {
    return [&store, ext](const std::string& name) {
        return find_template(store, "_" + name + "." + ext);
    };
}

std::vector<TemplateEntry> template_list(const Store& store) {
    std::map<std::string, TemplateEntry> all;
    for (const auto& name : template_names())
        all[name] = TemplateEntry{name, true, false, ""};
    std::error_code ec;
    const stdfs::path dir = store.root() / kOverrideDir;
    if (stdfs::is_directory(dir, ec))
        for (const auto& e : stdfs::directory_iterator(dir, ec)) {
            const std::string name = e.path().filename().string();
            if (!valid_template_name(name) || (!e.is_regular_file(ec) && !e.is_symlink(ec)))
                continue;
            auto& entry = all[name];
            entry.name = name;
            entry.overridden = true;
            entry.path = e.path().string();
        }
    std::vector<TemplateEntry> out;
    for (auto& [_, e] : all)
        out.push_back(std::move(e));
    return out;
}

TemplateText load_template(const Store& store, const std::string& name) {
    if (auto t = find_template(store, name))
        return *t;
    const auto names = template_names();
    const std::string c = text::closest(name, names);
    throw Error(Exit::not_found, trf("no template '{}'", text::shown(name)),
                c.empty() ? std::string(tr("see 'hostingctl template list'"))
                          : trf("did you mean '{}'? see 'hostingctl template list'", c));
}

stdfs::path export_template(const Store& store, const std::string& name) {
    auto b = valid_template_name(name) ? builtin(name) : std::nullopt;
    if (!b)
        load_template(store, name); // the not-found error with "did you mean"
    if (!b)
        throw Error(Exit::not_found, trf("'{}' is not a built-in template", name),
                    tr("see 'hostingctl template list'"));
    const stdfs::path dir = store.root() / kOverrideDir;
    stdfs::create_directories(dir);
    const stdfs::path to = dir / name;
    try {
        fs::atomic_create(to, *b, 0644);
    } catch (const Error& e) {
        if (e.code() == Exit::conflict)
            throw Error(Exit::conflict, trf("the store already has its own {}", name),
                        trf("edit {}, or remove it to go back to the built-in one", to.string()));
        throw;
    }
    return to;
}

// --- labels --------------------------------------------------------------

namespace {

// labels.yaml: the words of the documents in each language, e.g.
// id: {number: Nomor}.  An office may override single words.
Node labels(const Store& store, locale::Lang lang) {
    Node out;
    auto read = [&](const TemplateText& t) {
        YAML::Node root;
        try {
            root = YAML::Load(t.text);
        } catch (const YAML::Exception& e) {
            throw Error(Exit::damaged, fmt::format("{}:{}: {}", t.shown, e.mark.line + 1, e.msg));
        }
        const YAML::Node words = root[locale::to_string(lang)];
        if (!words || !words.IsMap())
            return;
        for (const auto& kv : words)
            out.set(kv.first.as<std::string>(), kv.second.as<std::string>(""));
    };
    if (auto b = builtin("labels.yaml"))
        read(TemplateText{"labels.yaml", std::string(*b)});
    if (auto over = find_template(store, "labels.yaml"); over && over->shown != "labels.yaml")
        read(*over);
    return out;
}

std::string upper(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'a' && c <= 'z')
            c = static_cast<char>(c - 'a' + 'A');
    return out;
}

std::string base64(std::string_view in) {
    static const char* t = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((in.size() + 2) / 3 * 4);
    size_t i = 0;
    for (; i + 2 < in.size(); i += 3) {
        const unsigned v = (static_cast<unsigned char>(in[i]) << 16) |
                           (static_cast<unsigned char>(in[i + 1]) << 8) |
                           static_cast<unsigned char>(in[i + 2]);
        out += t[v >> 18];
        out += t[(v >> 12) & 63];
        out += t[(v >> 6) & 63];
        out += t[v & 63];
    }
    if (i + 1 == in.size()) {
        const unsigned v = static_cast<unsigned char>(in[i]) << 16;
        out += t[v >> 18];
        out += t[(v >> 12) & 63];
        out += "==";
    } else if (i + 2 == in.size()) {
        const unsigned v = (static_cast<unsigned char>(in[i]) << 16) |
                           (static_cast<unsigned char>(in[i + 1]) << 8);
        out += t[v >> 18];
        out += t[(v >> 12) & 63];
        out += t[(v >> 6) & 63];
        out += '=';
    }
    return out;
}

// The logo as a data: URI, so a document is one self-contained file.
std::string logo_uri(const Store& store) {
    const std::string& logo = store.config().logo;
    if (logo.empty())
        return {};
    const stdfs::path p = store.root() / logo;
    std::error_code ec;
    const stdfs::path given(logo);
    if (given.is_absolute() ||
        std::any_of(given.begin(), given.end(),
                    [](const stdfs::path& part) { return part == ".."; }) ||
        stdfs::is_symlink(p, ec))
        throw Error(Exit::invalid,
                    trf("office.logo {}: the logo is a plain file inside the store", logo),
                    tr("copy the image into the store and give its path relative to it, e.g. "
                       "logo: lambang.png"));
    const std::string ext = text::lower(p.extension().string());
    const char* type = ext == ".png"                     ? "image/png"
                       : ext == ".jpg" || ext == ".jpeg" ? "image/jpeg"
                       : ext == ".svg"                   ? "image/svg+xml"
                                                         : nullptr;
    if (!type)
        throw Error(Exit::invalid, trf("office.logo {}: not a PNG, JPEG or SVG file", logo),
                    tr("give the city's coat of arms as a .png, .jpg or .svg file in the store"));
    std::string bytes;
    try {
        bytes = fs::read_file(p);
    } catch (const Error&) {
        throw Error(Exit::not_found, trf("office.logo {} cannot be read", p.string()),
                    tr("put the file there or change office.logo in hostingctl.yaml"));
    }
    const bool looks_right = ext == ".png"   ? bytes.rfind("\x89PNG\r\n\x1a\n", 0) == 0
                             : ext == ".svg" ? bytes.find("<svg") != std::string::npos
                                             : bytes.rfind("\xff\xd8\xff", 0) == 0;
    if (!looks_right)
        throw Error(Exit::invalid, trf("office.logo {} is not the image its name says", logo),
                    tr("give a PNG, JPEG or SVG file"));
    return fmt::format("data:{};base64,{}", type, base64(bytes));
}

const StaffMember* find_by_id(const std::vector<StaffMember>& staff, const std::string& id) {
    for (const auto& s : staff)
        if (s.id == id)
            return &s;
    return nullptr;
}

// The last event of an action that is in effect (not taken back).
const Event* last_event(const Request& r, Action a) {
    const auto back = taken_back(r.events);
    for (size_t i = r.events.size(); i-- > 0;)
        if (!back[i] && is(r.events[i], a))
            return &r.events[i];
    return nullptr;
}

// The division a request's disposition went to (the office's default
// before one is written).
std::string disposed_to(const Request& r, const OfficeConfig& cfg) {
    const Event* d = last_event(r, Action::dispose);
    return d && !d->get("division").empty() ? d->get("division") : cfg.documents.division;
}

// The last provision_result that built the site (changed or unchanged).
const Event* last_site(const Request& r) {
    for (auto it = r.events.rbegin(); it != r.events.rend(); ++it)
        if (is(*it, Action::provision_result)) {
            const std::string o = it->get("outcome");
            if (o == "changed" || o == "unchanged")
                return &*it;
        }
    return nullptr;
}

std::string map_text(const Event& e, const char* map, const char* key) {
    for (const auto& [k, v] : e.data)
        if (k == map)
            return v.get(key);
    return {};
}

std::string hours_text(const Calendar& cal, locale::Lang lang) {
    // Consecutive days with the same hours read as one range: "Senin–Kamis
    // 08.00–12.00, 13.00–15.45".
    std::vector<std::string> parts;
    const Date monday{2026, 11, 23};
    auto hm = [&](int sec) {
        return fmt::format("{:02}{}{:02}", sec / 3600, lang == locale::Lang::id ? '.' : ':',
                           sec / 60 % 60);
    };
    const auto& hours = cal.hours();
    auto spans = [&](size_t d) {
        std::vector<std::string> s;
        for (const auto& iv : hours[d])
            s.push_back(hm(iv.start) + "–" + hm(iv.end));
        return text::join(s, ", ");
    };
    for (size_t d = 0; d < 7;) {
        if (hours[d].empty()) {
            ++d;
            continue;
        }
        size_t e = d;
        while (e + 1 < 7 && spans(e + 1) == spans(d))
            ++e;
        const std::string days =
            e == d ? locale::day_name(monday.plus_days(static_cast<int>(d)), lang)
                   : locale::day_name(monday.plus_days(static_cast<int>(d)), lang) + "–" +
                         locale::day_name(monday.plus_days(static_cast<int>(e)), lang);
        parts.push_back(days + " " + spans(d));
        d = e + 1;
    }
    return text::join(parts, "; ");
}

// Sifat: biasa, segera, sangat_segera, rahasia.
std::string urgency_text(const std::string& key, locale::Lang lang) {
    const bool id = lang == locale::Lang::id;
    if (key == "segera")
        return id ? "Segera" : "Urgent";
    if (key == "sangat_segera")
        return id ? "Sangat Segera" : "Very urgent";
    if (key == "rahasia")
        return id ? "Rahasia" : "Confidential";
    return id ? "Biasa" : "Ordinary";
}

} // namespace

locale::Lang language(const Store& store) {
    return locale::parse_lang(store.config().documents.language).value_or(locale::Lang::id);
}

Node common_values(const Store& store, locale::Lang lang) {
    const OfficeConfig& cfg = store.config();
    Node v;
    v.set("lang", locale::to_string(lang));
    v.set("l", labels(store, lang));

    Node& office = v.set("office", Node{});
    office.set("government", cfg.government.empty()
                                 ? (cfg.city.empty() ? "" : "PEMERINTAH KOTA " + upper(cfg.city))
                                 : cfg.government);
    // The letterhead's big line is the office's name without the city.
    std::string name = cfg.name;
    if (!cfg.city.empty() && text::ends_with(text::lower(name), " kota " + text::lower(cfg.city)))
        name = name.substr(0, name.size() - cfg.city.size() - 6);
    office.set("name", cfg.name);
    office.set("name_upper", upper(name));
    office.set("full_name_upper", upper(cfg.name));
    office.set("short_name", cfg.short_name);
    office.set("city", cfg.city);
    office.set("address", cfg.address);
    office.set("postal_code", cfg.postal_code);
    office.set("phone", cfg.phone);
    office.set("email", cfg.email);
    office.set("website", cfg.website);
    office.set("logo", logo_uri(store));

    return v;
}

// A person who signs: name, NIP grouped 8-6-1-3, and the position in
// capitals as a signature block prints it ("Kepala Dinas" is the head of
// this office: KEPALA DINAS KOMUNIKASI DAN INFORMATIKA KOTA PEKALONGAN).
Node signer(const StaffMember* s, const OfficeConfig& cfg, std::string_view as) {
    Node n;
    n.set("id", s ? s->id : "");
    n.set("name", s ? s->name : "");
    n.set("nip", s ? locale::nip(s->nip) : "");
    n.set("title", s ? s->title : "");
    std::string position = !s ? "" : upper(s->title.empty() ? std::string(as) : s->title);
    const std::string office = upper(cfg.name);
    if (position == "KEPALA DINAS" && text::starts_with(office, "DINAS "))
        position = "KEPALA " + office;
    n.set("position", position);
    return n;
}

std::string head_of_division(std::string_view division) {
    return text::starts_with(division, "Bidang ") ? "Kepala " + std::string(division)
                                                  : "Kepala Bidang";
}

const StaffMember* first_active(const std::vector<StaffMember>& staff, Role role) {
    for (const auto& s : staff)
        if (s.active && s.has(role))
            return &s;
    return nullptr;
}

Node date_values(const Timestamp& t, locale::Lang lang, const std::string& city) {
    const Date d = t.local_date();
    Node n;
    n.set("iso", d.iso());
    n.set("long", locale::long_date(d, lang));
    n.set("day", locale::day_name(d, lang));
    n.set("words", locale::date_in_words(d, lang));
    n.set("time", locale::time_of_day(t, lang));
    n.set("date_time", locale::date_time(t, lang));
    n.set("place_date", city.empty() ? locale::long_date(d, lang)
                                     : fmt::format("{}, {}", city, locale::long_date(d, lang)));
    return n;
}

// --- values --------------------------------------------------------------

Node values_for(const Store& store, const Calendar& cal, const Request& r, Kind kind,
                const std::optional<Number>& number,
                const std::map<std::string, std::string>& passwords) {
    const OfficeConfig& cfg = store.config();
    const auto lang = language(store);
    const auto staff = store.staff();
    const auto agencies = store.agencies();
    const Agency* agency = nullptr;
    for (const auto& a : agencies)
        if (a.code == r.agency)
            agency = &a;

    Node v = common_values(store, lang);

    Node& doc = v.set("document", Node{});
    doc.set("kind", info(kind).name);
    doc.set("number", number ? number->text : "");
    const Event* step = last_event(r, info(kind).step);
    const Timestamp at = step ? step->at : r.events.front().at;
    doc.set("date", date_values(at, lang, cfg.city));

    // The request and its letter.
    Node& req = v.set("request", Node{});
    req.set("id", r.id);
    req.set("received", date_values(r.letter.received_at, lang, cfg.city));
    Node& letter = v.set("letter", Node{});
    letter.set("number", r.letter.number);
    letter.set("date", locale::long_date(r.letter.date, lang));
    letter.set("subject", r.letter.subject);
    letter.set("attachments",
               locale::number(static_cast<long long>(r.letter.attachments.size()), lang));
    Node& ag = v.set("agency", Node{});
    ag.set("code", r.agency);
    ag.set("name", agency ? agency->name : r.agency);
    ag.set("head", agency ? agency->head : "");
    ag.set("address", agency ? agency->address : "");
    ag.set("email", agency ? agency->email : "");
    ag.set("phone", agency ? agency->phone : "");
    Node& contact = v.set("contact", Node{});
    contact.set("name", r.contact.name);
    contact.set("phone", r.contact.phone);
    contact.set("email", r.contact.email);

    // The hosting asked for.
    const auto& h = r.hosting;
    Node& hosting = v.set("hosting", Node{});
    hosting.set("domain", h.domain);
    hosting.set("url", "https://" + h.domain + "/");
    hosting.set("app", to_string(h.app));
    {
        const Node& words = *v.find("l");
        const Node* app = words.find(std::string("app_") + (h.app == AppKind::static_site ? "static"
                                                            : h.app == AppKind::php       ? "php"
                                                                                    : "proxy"));
        hosting.set("app_name",
                    app && app->kind == Node::Kind::text ? app->text : to_string(h.app));
    }
    hosting.set_flag("php", h.app == AppKind::php);
    hosting.set("php_version", h.app == AppKind::php ? h.php_version : "");
    hosting.set_flag("proxy", h.app == AppKind::proxy);
    hosting.set("upstream_port", h.app == AppKind::proxy ? std::to_string(h.upstream_port) : "");
    hosting.set_flag("database", h.database);
    hosting.set("quota", h.disk_quota_mb % 1024 == 0
                             ? locale::number(h.disk_quota_mb / 1024, lang) + " GB"
                             : locale::number(h.disk_quota_mb, lang) + " MB");

    // The site as provisioning made it (or, recorded by hand, as it would).
    Node& site = v.set("site", Node{});
    const Event* prov = last_event(r, Action::provision);
    const Event* made = last_site(r);
    std::string server = prov ? prov->get("server") : "";
    Site planned;
    std::optional<Server> srv;
    if (!server.empty()) {
        try {
            const Inventory inv = read_inventory(store);
            for (const auto& s : inv.servers)
                if (s.name == server)
                    srv = resolved(s);
            // Recorded by hand (--manual): the names provisioning gives.
            if (!made && srv && srv->web) {
                planned.user = srv->web->site_user_prefix + text::lower(r.id);
                planned.root = srv->web->sites_root + "/" + h.domain;
                planned.url =
                    (srv->web->tls_certificate.empty() ? "http://" : "https://") + h.domain + "/";
                if (h.database) {
                    const DatabaseNames n = database_names(planned.user);
                    planned.database = n.database;
                    planned.database_user = n.user;
                    planned.database_host = std::string(kAccountHost);
                }
            }
        } catch (const Error&) {
            // servers.yaml changed since: the details the log holds stay.
        }
    }
    site.set("server", server);
    site.set("mode", prov ? prov->get("mode") : "");
    site.set("ip", srv ? srv->public_ip : "");
    site.set("host", srv ? (srv->public_ip.empty() ? srv->host : srv->public_ip) : "");
    site.set("port", srv ? std::to_string(srv->port) : "");
    site.set("web_server", srv && srv->web ? to_string(srv->web->kind) : "");
    site.set_flag("tls", srv && srv->web && !srv->web->tls_certificate.empty());
    const std::string root = made ? map_text(*made, "site", "root") : planned.root;
    site.set("root", root);
    site.set("document_root", root.empty() ? "" : root + "/public_html");
    site.set("user", made ? map_text(*made, "site", "user") : planned.user);
    site.set("url", made ? map_text(*made, "site", "url") : planned.url);
    // The site's address as provisioning made it (http:// on a server
    // without a certificate).
    if (const Node* url = site.find("url"); url && !url->text.empty())
        hosting.set("url", url->text);
    site.set("dns_record", srv && !srv->public_ip.empty()
                               ? fmt::format("{}. A {}", h.domain, srv->public_ip)
                               : "");
    site.set("database_name", made ? map_text(*made, "database", "name") : planned.database);
    site.set("database_user", made ? map_text(*made, "database", "user") : planned.database_user);
    site.set("database_host", made ? map_text(*made, "database", "host") : planned.database_host);
    site.set("provisioned", prov ? locale::long_date(prov->at.local_date(), lang) : "");
    const StaffMember* officer = find_by_id(staff, assigned_officer(r.events));
    // Who has no title on record signs as what the role makes them.
    constexpr std::string_view kOfficer = "Petugas Teknis";
    v.set("officer", signer(officer, cfg, kOfficer));

    // Passwords: only when provisioning made them and this is the access
    // document's first making.
    Node& pw = v.set("passwords", Node{});
    for (const char* k : {"sftp", "database"}) {
        auto it = passwords.find(k);
        pw.set(k, it == passwords.end() ? "" : it->second);
    }
    v.set_flag("has_passwords", !passwords.empty());
    v.set_flag("show_passwords", !passwords.empty());

    // People who sign.
    // The Head of Office who signs is the one the log names for the step:
    // the disposition's who disposed, the others' who approved (before the
    // approval, who disposed); a document made again keeps its signer.
    auto performer = [&](Action a) -> const StaffMember* {
        const Event* e = last_event(r, a);
        return e ? find_by_id(staff, e->by) : nullptr;
    };
    const StaffMember* head =
        kind == Kind::disposition ? performer(Action::dispose) : performer(Action::approve);
    if (!head)
        head = performer(Action::dispose);
    if (!head)
        head = first_active(staff, Role::kepala_dinas);
    const StaffMember* division_head = performer(Action::forward);
    if (!division_head)
        division_head = first_active(staff, Role::kepala_bidang);
    v.set("head", signer(head, cfg, "Kepala Dinas"));
    v.set("division_head", signer(division_head, cfg, head_of_division(disposed_to(r, cfg))));
    v.set("submitter",
          signer(performer(Action::submit) ? performer(Action::submit) : officer, cfg, kOfficer));
    v.set("deliverer",
          signer(performer(Action::deliver) ? performer(Action::deliver) : officer, cfg, kOfficer));
    // The agency's head signs the handover and the receipt (no NIP on
    // record: the block leaves it out).
    Node& agency_head = v.set("agency_head", Node{});
    agency_head.set("name", agency ? agency->head : "");
    agency_head.set("nip", "");
    agency_head.set("position", upper((lang == locale::Lang::id ? "Kepala " : "Head of ") +
                                      (agency ? agency->name : r.agency)));

    // Disposition.
    Node& disp = v.set("disposition", Node{});
    const Event* de = last_event(r, Action::dispose);
    disp.set("note", de ? de->note : "");
    disp.set("urgency", urgency_text(de ? de->get("urgency") : "", lang));
    const std::string division = disposed_to(r, cfg);
    Node& divisions = disp.set("divisions", Node::list());
    for (const auto& d : cfg.documents.divisions) {
        Node n;
        n.set("name", d);
        n.set_flag("ticked", d == division);
        divisions.push(std::move(n));
    }
    disp.set("division", division);

    // Approval.
    Node& appr = v.set("approval", Node{});
    const Event* ae = last_event(r, Action::approve);
    auto approval_number = recorded_number(r, Kind::approval);
    appr.set("number", kind == Kind::approval && number ? number->text
                       : approval_number                ? approval_number->text
                                                        : "");
    appr.set("date", ae ? locale::long_date(ae->at.local_date(), lang) : "");
    appr.set("note", ae ? ae->note : "");
    auto hosting_number = recorded_number(r, Kind::hosting);
    v.set("hosting_number", hosting_number ? hosting_number->text : "");
    auto access_number = recorded_number(r, Kind::access);
    v.set("access_number", access_number ? access_number->text : "");

    // Delivery and completion.
    const Event* deliver = last_event(r, Action::deliver);
    v.set("delivered_via", deliver ? deliver->get("via") : "");
    v.set("delivered", deliver ? locale::long_date(deliver->at.local_date(), lang) : "");

    // Service: hours, SLA and where to complain.
    Node& service = v.set("service", Node{});
    service.set("hours", hours_text(cal, lang));
    service.set("sla_days", locale::number(cal.sla_days(), lang));
    service.set("target_days", locale::number(cal.target_days(), lang));
    v.set("complaints_official",
          signer(first_active(staff, Role::pejabat_pengaduan), cfg, "Pejabat Pengaduan"));
    return v;
}

// --- numbers ---------------------------------------------------------------

namespace {

stdfs::path numbers_path(const Store& store, int year) {
    return store.root() / "numbers" / fmt::format("{}.yaml", year);
}

std::string format_number(const std::string& format, int year, int seq) {
    std::string out;
    for (size_t i = 0; i < format.size();) {
        if (format.compare(i, 6, "{year}") == 0) {
            out += std::to_string(year);
            i += 6;
        } else if (format.compare(i, 5, "{seq}") == 0) {
            out += std::to_string(seq);
            i += 5;
        } else if (format.compare(i, 5, "{seq:") == 0 && format.find('}', i) != std::string::npos) {
            const size_t end = format.find('}', i);
            const int width = std::atoi(format.substr(i + 5, end - i - 5).c_str());
            out += fmt::format("{:0{}}", seq, std::clamp(width, 1, 9));
            i = end + 1;
        } else {
            out += format[i++];
        }
    }
    return out;
}

// The highest sequence the store's logs hold for `kind` in `year`: what a
// lost numbers file is rebuilt from, so a number is never given twice.
int highest_recorded(const Store& store, Kind kind, int year) {
    int high = 0;
    const auto scan = store.scan_records("requests", store.config().request_id_format);
    if (!scan.problems.empty())
        throw unreadable_records("request", tr("the numbers already given cannot be known"),
                                 scan.problems);
    for (const auto& id : scan.ids) {
        const Request r = store.load_request(id);
        for (const auto& e : r.events)
            if (is(e, Action::document) && e.get("kind") == info(kind).name &&
                e.get("year") == std::to_string(year))
                high = std::max(high, std::atoi(e.get("seq").c_str()));
    }
    return high;
}

} // namespace

Number allocate_number(const Store& store, Kind kind, int year, bool commit) {
    const stdfs::path path = numbers_path(store, year);
    std::map<std::string, int> counters;
    std::error_code ec;
    if (stdfs::exists(path, ec)) {
        YamlReader rd = YamlReader::load(path);
        rd.check_schema(kSchemaVersion);
        for (const auto& k : kinds()) {
            // A kind missing would start again at 1 and give numbers twice.
            if (!rd.root()[k.name])
                rd.fail(rd.root(), trf("the last number of '{}' is missing; remove the file to "
                                       "have it rebuilt from the requests' logs",
                                       k.name));
            const long n = rd.integer(rd.root(), k.name, 0);
            if (n < 0)
                rd.fail(rd.root()[k.name], tr("a document sequence cannot be negative"));
            counters[k.name] = static_cast<int>(n);
        }
    } else {
        for (const auto& k : kinds())
            counters[k.name] = highest_recorded(store, k.kind, year);
    }
    const int seq = ++counters[info(kind).name];
    Number n{format_number(store.config().documents.number_format(info(kind).name), year, seq),
             year, seq};
    if (!commit)
        return n;
    std::string text = fmt::format("# The last number given to each kind of document in {}.\n"
                                   "# Numbers are never reused: do not lower these.\n"
                                   "schema: {}\n",
                                   year, kSchemaVersion);
    for (const auto& k : kinds())
        text += fmt::format("{}: {}\n", k.name, counters[k.name]);
    stdfs::create_directories(path.parent_path());
    fs::atomic_write(path, text, 0644);
    return n;
}

std::optional<Number> recorded_number(const Request& r, Kind kind) {
    for (const auto& e : r.events)
        if (is(e, Action::document) && e.get("kind") == info(kind).name)
            return Number{e.get("number"), std::atoi(e.get("year").c_str()),
                          std::atoi(e.get("seq").c_str())};
    return std::nullopt;
}

// --- files -------------------------------------------------------------------

namespace {

stdfs::path issued_dir(const Store& store, const std::string& id) {
    return store.root() / kDocumentsDir / id / kIssuedDir;
}

std::string render_format(const Store& store, const Node& values, Kind kind, OutFormat f) {
    const std::string ext = f == OutFormat::md ? "md" : "html";
    const TemplateText t = load_template(store, fmt::format("{}.{}", info(kind).name, ext));
    return render(t, values, partials_of(store, ext),
                  f == OutFormat::md ? Format::markdown : Format::html);
}

Event document_event(Kind kind, const Number& n, const Timestamp& at, const std::string& by,
                     const std::string& recorded_by) {
    Event e;
    e.action = to_string(Action::document);
    e.at = at;
    e.by = by;
    e.recorded_by = recorded_by;
    e.data.emplace_back("kind", Value(info(kind).name));
    e.data.emplace_back("number", Value(n.text));
    e.data.emplace_back("year", Value(std::to_string(n.year)));
    e.data.emplace_back("seq", Value(std::to_string(n.seq)));
    return e;
}

std::map<std::string, std::string> take_passwords(const Store& store, const std::string& id) {
    const stdfs::path p = issued_dir(store, id) / kPasswordsFile;
    std::error_code ec;
    if (!stdfs::exists(p, ec))
        return {};
    std::map<std::string, std::string> out;
    const YAML::Node root = YAML::Load(fs::read_file(p));
    for (const auto& kv : root)
        out[kv.first.as<std::string>()] = kv.second.as<std::string>("");
    return out;
}

void write_document(const stdfs::path& path, const std::string& content, bool secret) {
    stdfs::create_directories(path.parent_path());
    if (secret)
        fs::atomic_write_private(path, content);
    else
        fs::atomic_write(path, content, 0644);
}

} // namespace

void keep_passwords(const Store& store, const std::string& id,
                    const std::map<std::string, std::string>& passwords) {
    if (passwords.empty())
        return;
    auto all = take_passwords(store, id);
    for (const auto& [k, v] : passwords)
        all[k] = v;
    std::string text = "# Passwords made by provisioning, until the access document takes them.\n";
    for (const auto& [k, v] : all)
        text += fmt::format("{}: \"{}\"\n", k, v); // [A-Za-z0-9] only
    stdfs::create_directories(issued_dir(store, id));
    fs::atomic_write_private(issued_dir(store, id) / kPasswordsFile, text);
}

StepDocument::StepDocument(const Store& store, const Calendar& cal, Action step)
    : store_(store), cal_(cal) {
    if (store.config().documents.generate)
        kind_ = kind_at_step(step);
}

void StepDocument::prepare(Request& r) {
    if (!kind_)
        return;
    id_ = r.id;
    const Event step = r.events.back();
    auto number = recorded_number(r, *kind_);
    const bool fresh = !number;
    // A step taken again after a revert makes its document again, under
    // its number; the access document that handed the passwords over is
    // kept as it is.
    for (const auto& e : r.events)
        if (!fresh && is(e, Action::document) && e.get("kind") == info(*kind_).name &&
            e.get("passwords") == "yes")
            return;
    std::map<std::string, std::string> passwords;
    try {
        if (fresh) {
            number = allocate_number(store_, *kind_, step.at.local_date().year, false);
            r.events.push_back(document_event(*kind_, *number, step.at, step.by, step.recorded_by));
        }
        if (*kind_ == Kind::access)
            passwords = take_passwords(store_, r.id);
        html_ = render_format(store_, values_for(store_, cal_, r, *kind_, number, passwords),
                              *kind_, OutFormat::html);
        if (fresh)
            allocate_number(store_, *kind_, number->year, true);
    } catch (const Error& e) {
        // The step stands; its document waits for what it lacks.
        if (fresh && is(r.events.back(), Action::document))
            r.events.pop_back();
        // TRANSLATORS: the document kind (disposition, hosting, approval,
        // access, receipt), why it was not made, and the hint.
        problem_ = e.hint().empty()
                       ? trf("the {} document was not made: {}", info(*kind_).name, e.what())
                       : trf("the {} document was not made: {}\n  {}", info(*kind_).name, e.what(),
                             e.hint());
        return;
    }
    had_passwords_ = !passwords.empty();
    if (fresh && had_passwords_)
        r.events.back().data.emplace_back("passwords", Value("yes"));
    number_ = number;
}

std::vector<MadeFile> StepDocument::finish(std::vector<std::string>& warnings) {
    std::vector<MadeFile> made;
    if (!problem_.empty())
        // TRANSLATORS: why the document was not made, then the command
        // that makes it once that is fixed.
        warnings.push_back(
            trf("{}\n  then: hostingctl doc render {} {}", problem_, id_, info(*kind_).name));
    if (!kind_ || !number_)
        return made;
    const bool secret = *kind_ == Kind::access;
    const stdfs::path dir = issued_dir(store_, id_);
    const stdfs::path html = dir / fmt::format("{}.html", info(*kind_).name);
    write_document(html, html_, secret);
    made.push_back({info(*kind_).name, number_->text, "html", html});
    if (had_passwords_) {
        std::error_code ec;
        stdfs::remove(dir / kPasswordsFile, ec);
    }
    const stdfs::path pdf = dir / fmt::format("{}.pdf", info(*kind_).name);
    if (!store_.config().documents.pdf_at_steps)
        return made;
    try {
        html_to_pdf(store_, html, pdf, secret);
        made.push_back({info(*kind_).name, number_->text, "pdf", pdf});
    } catch (const Error& e) {
        warnings.push_back(
            e.hint().empty()
                ? trf("no PDF of the {} document: {}", info(*kind_).name, e.what())
                : trf("no PDF of the {} document: {} ({})", info(*kind_).name, e.what(), e.hint()));
    }
    return made;
}

RenderResult render_document(const Store& store, const Calendar& cal, const RenderInput& in,
                             const Caller& caller) {
    if (in.format == OutFormat::pdf && in.out == "-")
        throw Error(Exit::usage, tr("a PDF is not written to standard output"),
                    tr("give --out FILE.pdf, or leave --out out to write it into the store"));
    const KindInfo& ki = info(in.kind);
    const bool to_store = in.out.empty();
    const bool secret = in.kind == Kind::access;
    const stdfs::path target =
        to_store ? issued_dir(store, in.id) / fmt::format("{}.{}", ki.name, extension(in.format))
                 : stdfs::path(in.out);
    const stdfs::path stored_html = issued_dir(store, in.id) / fmt::format("{}.html", ki.name);
    if (!to_store && in.out != "-") {
        // --out writes a copy outside the store: inside, it could replace a
        // record or the access document that holds the passwords.
        std::error_code ec;
        const stdfs::path root = stdfs::weakly_canonical(store.root(), ec);
        const stdfs::path where = stdfs::weakly_canonical(stdfs::absolute(target), ec);
        const auto rel = where.lexically_relative(root);
        if (!rel.empty() && *rel.begin() != ".." && !rel.is_absolute())
            throw Error(Exit::invalid, trf("--out {} is inside the store", in.out),
                        tr("leave --out out to write the document into the store, or give a "
                           "path outside it"));
        if (stdfs::is_directory(target, ec))
            throw Error(
                Exit::invalid, trf("--out {} is a directory", in.out),
                trf("give the file's path, e.g. --out {}",
                    (target / fmt::format("{}.{}", ki.name, extension(in.format))).string()));
        if (!stdfs::is_directory(target.has_parent_path() ? target.parent_path() : ".", ec))
            throw Error(Exit::not_found, trf("--out {}: the directory {} does not exist", in.out,
                                             target.parent_path().string()));
    }
    RenderResult res;
    std::string content;
    bool from_stored_html = false;
    std::map<std::string, std::string> passwords;
    {
        auto lock = store.lock();
        Request r = read_request(store, in.id);
        const Event* step = last_event(r, ki.step);
        if (!step)
            throw Error(Exit::refused,
                        // TRANSLATORS: request number, document kind, step (a command).
                        trf("{} has no {} document: its step '{}' has not been recorded", r.id,
                            ki.name, to_string(ki.step)),
                        trf("the {} document is made at 'hostingctl request {} {}'", ki.name,
                            to_string(ki.step), r.id));
        Event* numbered = nullptr;
        for (auto& e : r.events)
            if (is(e, Action::document) && e.get("kind") == ki.name)
                numbered = &e;
        // The access document that handed the passwords over is kept as it
        // is: made again, it has no passwords.  Its PDF is made from it.
        const bool holds = numbered && numbered->get("passwords") == "yes";
        std::error_code ec;
        if (holds && to_store && in.format != OutFormat::md) {
            if (in.format == OutFormat::pdf && stdfs::exists(stored_html, ec) &&
                !stdfs::exists(target, ec))
                from_stored_html = true;
            else if (stdfs::exists(target, ec))
                throw Error(Exit::conflict,
                            trf("{} holds the passwords handed over; it is not overwritten",
                                target.string()),
                            tr("give --out FILE for a copy without them"));
        }
        if (secret && to_store && in.format != OutFormat::md && !holds)
            passwords = take_passwords(store, r.id);
        std::optional<Number> number = recorded_number(r, in.kind);
        if (!number) {
            number = allocate_number(store, in.kind, step->at.local_date().year, false);
            const auto staff = store.staff();
            const StaffMember* me = staff_of_login(staff, caller.login);
            r.events.push_back(document_event(in.kind, *number,
                                              Timestamp::at(caller.now(), store.tz()),
                                              me ? me->id : caller.login, caller.login));
            numbered = &r.events.back();
            res.numbered_now = true;
        }
        // Rendered before anything is written: a template that cannot
        // render takes no number.
        if (!from_stored_html)
            content = render_format(store, values_for(store, cal, r, in.kind, number, passwords),
                                    in.kind, in.format);
        if (!passwords.empty())
            numbered->data.emplace_back("passwords", Value("yes"));
        if (res.numbered_now)
            allocate_number(store, in.kind, number->year, true);
        if (res.numbered_now || !passwords.empty())
            store.update_request(r);
        res.number = number->text;
    }
    if (in.out == "-") {
        res.content = std::move(content);
        return res;
    }
    if (in.format == OutFormat::pdf) {
        if (from_stored_html) {
            html_to_pdf(store, stored_html, target, secret);
        } else {
            html_text_to_pdf(store, content, target, secret);
        }
    } else {
        write_document(target, content, secret);
    }
    if (!passwords.empty()) {
        std::error_code ec;
        stdfs::remove(issued_dir(store, in.id) / kPasswordsFile, ec);
    }
    res.path = target;
    return res;
}

std::vector<Listed> list_documents(const Store& store, const Request& r) {
    std::vector<Listed> out;
    for (const auto& e : r.events) {
        if (!is(e, Action::document))
            continue;
        const auto kind = parse_kind(e.get("kind"));
        if (!kind)
            continue;
        bool any = false;
        for (const char* ext : {"html", "md", "pdf"}) {
            const stdfs::path p =
                issued_dir(store, r.id) / fmt::format("{}.{}", e.get("kind"), ext);
            std::error_code ec;
            if (stdfs::is_regular_file(p, ec)) {
                out.push_back({e.get("kind"), e.get("number"), ext,
                               stdfs::relative(p, store.root()).string(), e.at.iso()});
                any = true;
            }
        }
        if (!any)
            out.push_back({e.get("kind"), e.get("number"), "", "", e.at.iso()});
    }
    return out;
}

// --- PDF -------------------------------------------------------------------

namespace {

// Debian's WeasyPrint through its Python module, loading nothing but data:
// URLs: a template can then neither show nor attach (rel="attachment") a
// file of this machine in a PDF.  Exit 3: WeasyPrint is not installed.
constexpr const char* kWeasyPrint = R"(import sys
try:
    import weasyprint
except ImportError:
    sys.exit(3)
def fetch(url, timeout=10, ssl_context=None):
    if url.startswith("data:"):
        return weasyprint.default_url_fetcher(url, timeout, ssl_context)
    raise ValueError("a document loads only data: URLs, not " + url[:60])
weasyprint.HTML(filename=sys.argv[1], url_fetcher=fetch).write_pdf(sys.argv[2])
)";

} // namespace

void html_to_pdf(const Store& store, const stdfs::path& html, const stdfs::path& pdf, bool secret) {
    const auto& cmd = store.config().documents.pdf_command;
    const bool weasyprint = cmd == std::vector<std::string>{"weasyprint"};
    const std::string hint = tr("install WeasyPrint ('apt-get install weasyprint'), or set "
                                "documents.pdf_command in hostingctl.yaml");
    // The PDF is made as a new file of mode 0600 beside the target and
    // renamed over it: a link at the target is replaced, never followed,
    // and a PDF with passwords is never readable by others on its way.
    const stdfs::path dir = pdf.has_parent_path() ? pdf.parent_path() : stdfs::path(".");
    const stdfs::path tmp = dir / fmt::format(".{}.{}.{}.tmp", pdf.filename().string(), ::getpid(),
                                              ::random() % 100000);
    {
        const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd < 0)
            throw Error(Exit::failure,
                        trf("cannot create {}: {}", tmp.string(), std::strerror(errno)));
        ::close(fd);
    }
    struct Remove {
        stdfs::path p;
        bool keep = false;
        ~Remove() {
            std::error_code ec;
            if (!keep)
                stdfs::remove(p, ec);
        }
    } remove_tmp{tmp};

    std::vector<std::string> args =
        weasyprint ? std::vector<std::string>{"/usr/bin/python3", "-c", kWeasyPrint} : cmd;
    args.push_back(html.string());
    args.push_back(tmp.string());
    std::vector<char*> argv;
    for (auto& a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    int err[2];
    if (::pipe2(err, O_CLOEXEC) != 0)
        throw Error(Exit::failure, fmt::format("pipe: {}", std::strerror(errno)));
    const pid_t pid = ::fork();
    if (pid < 0)
        throw Error(Exit::failure, fmt::format("fork: {}", std::strerror(errno)));
    if (pid == 0) {
        ::dup2(err[1], 2);
        const int devnull = ::open("/dev/null", O_RDWR);
        ::dup2(devnull, 0);
        ::dup2(devnull, 1);
        ::execvp(argv[0], argv.data());
        ::_exit(errno == ENOENT ? 127 : 126);
    }
    ::close(err[1]);
    std::string output;
    char buf[4096];
    ssize_t n;
    while ((n = ::read(err[0], buf, sizeof buf)) > 0 || (n < 0 && errno == EINTR))
        if (n > 0 && output.size() < 65536)
            output.append(buf, static_cast<size_t>(n));
    ::close(err[0]);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    const int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    if (code == 127 || (weasyprint && code == 3))
        throw Error(Exit::failure, trf("the PDF program '{}' is not installed", cmd[0]), hint);
    if (code != 0) {
        std::string last = output.size() > 600 ? output.substr(output.size() - 600) : output;
        throw Error(
            Exit::failure,
            trf("'{}' could not make {}: {}", cmd[0], pdf.filename().string(), text::trim(last)),
            hint);
    }
    std::string head;
    try {
        head = fs::read_file(tmp).substr(0, 5);
    } catch (const Error&) {
    }
    if (head != "%PDF-")
        throw Error(Exit::failure, trf("'{}' made no PDF of {}", cmd[0], pdf.filename().string()),
                    hint);
    if (!secret && ::chmod(tmp.c_str(), 0644) != 0)
        throw Error(Exit::failure, trf("cannot chmod {}: {}", tmp.string(), std::strerror(errno)));
    if (::rename(tmp.c_str(), pdf.c_str()) != 0)
        throw Error(Exit::failure, trf("cannot write {}: {}", pdf.string(), std::strerror(errno)));
    remove_tmp.keep = true;
}

void html_text_to_pdf(const Store& store, const std::string& html, const stdfs::path& pdf,
                      bool secret) {
    // The PDF program reads the HTML from a file next to the PDF.
    const stdfs::path dir = pdf.has_parent_path() ? pdf.parent_path() : stdfs::path(".");
    const stdfs::path tmp_html =
        dir / fmt::format(".{}.{}.html", pdf.filename().string(), ::getpid());
    write_document(tmp_html, html, true);
    try {
        html_to_pdf(store, tmp_html, pdf, secret);
    } catch (...) {
        std::error_code ec;
        stdfs::remove(tmp_html, ec);
        throw;
    }
    std::error_code ec;
    stdfs::remove(tmp_html, ec);
}

} // namespace hostingctl::document

namespace hostingctl::document {

// --- template check ----------------------------------------------------------

namespace {

// A request that has been through every step, with every field filled in:
// what `template check` renders each template against.
Request sample_request(const Store& store) {
    const TimeZone& tz = store.tz();
    Request r;
    r.id = "HST-2026-0001";
    r.agency = "dinkes";
    r.letter.number = "400.7/123/Dinkes/2026";
    r.letter.date = Date{2026, 11, 20};
    r.letter.subject = "Permohonan hosting aplikasi SIMPUS";
    r.letter.received_at = Timestamp::at(tz.to_epoch(Date{2026, 11, 23}, 9 * 3600), tz);
    r.contact = {"Rina", "0852 2683 3647", "rina@example.go.id"};
    r.hosting.domain = "simpus." + (store.config().zones.empty() ? std::string("example.go.id")
                                                                 : store.config().zones.front());
    r.hosting.app = AppKind::php;
    r.hosting.php_version = "8.2";
    r.hosting.database = true;
    r.hosting.disk_quota_mb = 2048;
    int hour = 9;
    auto add = [&](Action a, Value::Map data = {}) {
        Event e;
        e.action = to_string(a);
        e.at = Timestamp::at(tz.to_epoch(Date{2026, 11, 24}, ++hour * 3600), tz);
        e.by = "sample";
        e.recorded_by = "sample";
        e.note = "catatan";
        e.data = std::move(data);
        r.events.push_back(std::move(e));
    };
    add(Action::create);
    add(Action::dispose, {{"urgency", Value("segera")}});
    add(Action::assign, {{"officer", Value("sample")}});
    add(Action::verify);
    add(Action::provision, {{"server", Value("web01")}, {"mode", Value("ssh")}});
    add(Action::provision_result,
        {{"server", Value("web01")},
         {"outcome", Value("changed")},
         {"site", Value::map({{"url", Value("https://" + r.hosting.domain + "/")},
                              {"user", Value("site-hst-2026-0001")},
                              {"root", Value("/srv/www/" + r.hosting.domain)}})},
         {"database", Value::map({{"name", Value("hst_2026_0001")},
                                  {"user", Value("hst_2026_0001")},
                                  {"host", Value("localhost")}})}});
    add(Action::submit);
    add(Action::forward);
    add(Action::approve);
    add(Action::deliver, {{"via", Value("letter")}});
    add(Action::complete);
    for (const auto& k : kinds())
        add(Action::document, {{"kind", Value(k.name)},
                               {"number", Value(fmt::format("000.8/1/{}/2026", k.name))},
                               {"year", Value("2026")},
                               {"seq", Value("1")}});
    return r;
}

} // namespace

std::vector<Problem> check_templates(const Store& store, const Calendar& cal) {
    std::vector<Problem> problems;
    // Both languages name the same words.
    try {
        const Node id = labels(store, locale::Lang::id), en = labels(store, locale::Lang::en);
        for (const auto& [k, _] : id.fields)
            if (!en.find(k))
                problems.push_back({"labels.yaml", 0, trf("'{}' has no English word", k)});
        for (const auto& [k, _] : en.fields)
            if (!id.find(k))
                problems.push_back({"labels.yaml", 0, trf("'{}' has no Indonesian word", k)});
    } catch (const Error& e) {
        problems.push_back({"labels.yaml", 0, e.what()});
        return problems;
    }
    const Request sample = sample_request(store);
    for (const auto& entry : template_list(store)) {
        const auto dot = entry.name.rfind('.');
        if (dot == std::string::npos || entry.name[0] == '_')
            continue; // partials are checked where they are included
        if (entry.name.substr(0, dot) == "quarterly")
            continue; // checked against a sample quarter below
        const auto kind = parse_kind(entry.name.substr(0, dot));
        const std::string ext = entry.name.substr(dot + 1);
        if (!kind || (ext != "html" && ext != "md")) {
            if (ext == "html" || ext == "md")
                problems.push_back({entry.path.empty() ? entry.name : entry.path, 0,
                                    tr("no document kind has this name; it is never used")});
            continue;
        }
        try {
            const Node values =
                values_for(store, cal, sample, *kind, recorded_number(sample, *kind),
                           {{"sftp", "Abc123"}, {"database", "Def456"}});
            auto found = check_template(load_template(store, entry.name), values,
                                        partials_of(store, ext), true);
            problems.insert(problems.end(), found.begin(), found.end());
        } catch (const Error& e) {
            problems.push_back({entry.path.empty() ? entry.name : entry.path, 0, e.what()});
        }
    }
    const auto quarterly = check_quarterly_templates(store, cal);
    problems.insert(problems.end(), quarterly.begin(), quarterly.end());
    return problems;
}

} // namespace hostingctl::document
