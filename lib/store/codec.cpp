#include "store/codec.hpp"

#include "model/action.hpp"
#include "store/yaml_io.hpp"
#include "util/error.hpp"
#include "util/i18n.hpp"
#include "util/text.hpp"
#include "validate/validate.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace hostingctl {

namespace {

// An event of a request names an action of model/action.hpp that its
// file's schema may hold, and carries the data that action always has.
// Whether the log replays is checked by the workflow, which knows the
// transitions.
void check_request_event(const YamlReader& rd, const YAML::Node& node, const Event& e, int schema) {
    auto action = parse_action(e.action);
    if (!action)
        rd.fail(node["action"], trf("unknown action '{}'", text::shown(e.action)));
    const ActionInfo& ai = info(*action);
    if (schema < ai.since_schema)
        rd.fail(node["action"], trf("action '{}' needs schema {}, the file says {}", e.action,
                                    ai.since_schema, schema));
    for (const DataField& f : ai.required)
        if (e.get(f.key).empty())
            rd.fail(node, trf("'{}' event without its '{}'", e.action, f.key));
}

} // namespace

std::string encode_request(const Request& r) {
    // The lowest schema that holds every event (at least 2, the layout
    // written since record-only events).
    int schema = 2;
    for (const auto& e : r.events)
        if (auto a = parse_action(e.action))
            schema = std::max(schema, info(*a).since_schema);
    YAML::Emitter out;
    out << YAML::BeginMap;
    out << YAML::Key << "schema" << YAML::Value << schema;
    emit_plain(out, "id", r.id);
    emit_plain(out, "agency", r.agency);

    out << YAML::Key << "letter" << YAML::Value << YAML::BeginMap;
    emit_quoted(out, "number", r.letter.number);
    emit_plain(out, "date", r.letter.date.iso());
    emit_quoted(out, "subject", r.letter.subject);
    emit_plain(out, "received_at", r.letter.received_at.iso());
    if (!r.letter.attachments.empty()) {
        out << YAML::Key << "attachments" << YAML::Value << YAML::BeginSeq;
        for (const auto& a : r.letter.attachments) {
            out << YAML::BeginMap;
            emit_quoted(out, "name", a.name);
            emit_quoted(out, "path", a.path);
            out << YAML::Key << "size" << YAML::Value << a.size;
            out << YAML::EndMap;
        }
        out << YAML::EndSeq;
    }
    out << YAML::EndMap;

    out << YAML::Key << "contact" << YAML::Value << YAML::BeginMap;
    emit_quoted(out, "name", r.contact.name);
    emit_quoted(out, "phone", r.contact.phone);
    emit_quoted(out, "email", r.contact.email);
    out << YAML::EndMap;

    out << YAML::Key << "hosting" << YAML::Value << YAML::BeginMap;
    emit_plain(out, "domain", r.hosting.domain);
    emit_plain(out, "app", to_string(r.hosting.app));
    if (r.hosting.app == AppKind::php)
        emit_quoted(out, "php_version", r.hosting.php_version);
    if (r.hosting.app == AppKind::proxy)
        out << YAML::Key << "upstream_port" << YAML::Value << r.hosting.upstream_port;
    out << YAML::Key << "database" << YAML::Value << r.hosting.database;
    out << YAML::Key << "disk_quota_mb" << YAML::Value << r.hosting.disk_quota_mb;
    out << YAML::EndMap;

    emit_events(out, r.events);
    out << YAML::EndMap;
    if (!out.good())
        throw Error(Exit::failure, trf("cannot encode request {}: {}", r.id, out.GetLastError()));
    return yaml_document(fmt::format("# Hosting request {}. Written by hostingctl; the status "
                                     "is derived from the events.\n",
                                     comment_text(r.id)),
                         out);
}

Request decode_request(const std::filesystem::path& path, const std::string& text,
                       const TimeZone& tz) {
    YamlReader rd(path, text);
    const int schema = rd.check_schema(kRequestSchema);
    const YAML::Node& root = rd.root();
    Request r;
    r.id = rd.str(root, "id");
    r.agency = rd.str(root, "agency");

    YAML::Node letter = rd.map(root, "letter");
    r.letter.number = rd.str(letter, "number");
    auto date = parse_iso_date(rd.str(letter, "date"));
    if (!date)
        rd.fail(letter["date"], tr("'date' is not a YYYY-MM-DD date"));
    r.letter.date = *date;
    r.letter.subject = rd.str(letter, "subject");
    r.letter.received_at = read_time(rd, letter, "received_at", tz);
    for (const auto& a : rd.seq(letter, "attachments")) {
        Attachment att;
        att.name = rd.str(a, "name");
        att.path = rd.str(a, "path");
        att.size = static_cast<uint64_t>(rd.integer(a, "size", 0));
        r.letter.attachments.push_back(att);
    }

    YAML::Node contact = rd.map(root, "contact", false);
    r.contact.name = rd.str(contact, "name", false);
    r.contact.phone = rd.str(contact, "phone", false);
    r.contact.email = rd.str(contact, "email", false);

    YAML::Node hosting = rd.map(root, "hosting");
    r.hosting.domain = rd.str(hosting, "domain");
    auto app = parse_app_kind(rd.str(hosting, "app"));
    if (!app)
        rd.fail(hosting["app"], tr("'app' must be static, php or proxy"));
    r.hosting.app = *app;
    r.hosting.php_version = rd.str(hosting, "php_version", false);
    r.hosting.upstream_port = static_cast<int>(rd.integer(hosting, "upstream_port", 0));
    r.hosting.database = rd.boolean(hosting, "database", false);
    r.hosting.disk_quota_mb = static_cast<int>(rd.integer(hosting, "disk_quota_mb", 1024));

    for (const auto& en : rd.seq(root, "events")) {
        Event e = read_event(rd, en, tz, schema >= 2);
        check_request_event(rd, en, e, schema);
        r.events.push_back(std::move(e));
    }
    if (r.events.empty())
        rd.fail(root, tr("the request has no events"));
    return r;
}

// The `documents:` section: language, generate, pdf_command, divisions,
// division and numbers (one format per kind; each must hold {seq}, and no
// two kinds may share one, or their numbers would collide).
static void decode_documents_config(const YamlReader& rd, const YAML::Node& root,
                                    DocumentsConfig& d) {
    YAML::Node docs = rd.map(root, "documents", false);
    if (!docs)
        return;
    rd.known_keys(
        docs,
        {"language", "generate", "pdf_at_steps", "pdf_command", "divisions", "division", "numbers"},
        "documents");
    const std::string lang = rd.str(docs, "language", false);
    if (!lang.empty()) {
        if (lang != "id" && lang != "en")
            rd.fail(docs["language"], tr("documents.language must be 'id' (Indonesian) or 'en'"));
        d.language = lang;
    }
    d.generate = rd.boolean(docs, "generate", true);
    d.pdf_at_steps = rd.boolean(docs, "pdf_at_steps", true);
    if (docs["pdf_command"]) {
        d.pdf_command = docs["pdf_command"].IsScalar()
                            ? std::vector<std::string>{rd.str(docs, "pdf_command")}
                            : rd.strings(docs, "pdf_command");
        if (d.pdf_command.empty() || d.pdf_command[0].empty())
            rd.fail(docs["pdf_command"], tr("documents.pdf_command names no program"));
    }
    if (docs["divisions"])
        d.divisions = rd.strings(docs, "divisions");
    const std::string division = rd.str(docs, "division", false);
    if (!division.empty())
        d.division = division;
    if (std::find(d.divisions.begin(), d.divisions.end(), d.division) == d.divisions.end())
        rd.fail(docs["division"] ? docs["division"] : docs,
                trf("documents.division '{}' is not one of documents.divisions",
                    text::shown(d.division)));
    YAML::Node numbers = rd.map(docs, "numbers", false);
    if (numbers) {
        for (auto& [kind, format] : d.numbers) {
            const std::string f = rd.str(numbers, kind.c_str(), false);
            if (!f.empty())
                format = f;
        }
        for (const auto& kv : numbers) {
            const std::string key = kv.first.as<std::string>("");
            if (d.number_format(key).empty())
                rd.fail(kv.first, trf("documents.numbers: no document kind '{}' (kinds: "
                                      "disposition, hosting, approval, access, receipt)",
                                      text::shown(key)));
        }
    }
    for (size_t i = 0; i < d.numbers.size(); ++i) {
        const auto& [kind, format] = d.numbers[i];
        const YAML::Node at = numbers && numbers[kind] ? numbers[kind] : docs;
        if (format.find("{seq") == std::string::npos)
            rd.fail(at, trf("documents.numbers.{}: the format needs {{seq}}", kind));
        if (format.find("{year}") == std::string::npos)
            rd.fail(at, trf("documents.numbers.{}: the format needs {{year}} (the "
                            "sequence starts again each year)",
                            kind));
        for (size_t j = 0; j < i; ++j)
            if (d.numbers[j].second == format)
                rd.fail(at, trf("documents.numbers: {} and {} have the same format, so "
                                "their numbers would be the same",
                                d.numbers[j].first, kind));
    }
}

OfficeConfig decode_config(const std::filesystem::path& path, const std::string& text) {
    YamlReader rd(path, text);
    rd.check_schema(kSchemaVersion);
    const YAML::Node& root = rd.root();
    rd.known_keys(root,
                  {"schema", "office", "language", "zones", "reserved_names", "policy", "numbering",
                   "time_zone", "documents", "complaints"},
                  "hostingctl.yaml");
    OfficeConfig c;
    YAML::Node office = rd.map(root, "office", false);
    rd.known_keys(office,
                  {"name", "short_name", "city", "address", "phone", "email", "website",
                   "government", "postal_code", "logo"},
                  "office");
    auto set = [&](std::string& field, const YAML::Node& parent, const char* key) {
        std::string v = rd.str(parent, key, false);
        if (!v.empty())
            field = v;
    };
    set(c.name, office, "name");
    set(c.short_name, office, "short_name");
    set(c.city, office, "city");
    set(c.address, office, "address");
    set(c.phone, office, "phone");
    set(c.email, office, "email");
    set(c.website, office, "website");
    set(c.government, office, "government");
    set(c.postal_code, office, "postal_code");
    set(c.logo, office, "logo");
    c.language = rd.str(root, "language", false);
    if (!c.language.empty() && c.language != "id" && c.language != "en")
        rd.fail(root["language"], tr("language must be 'id' (Indonesian) or 'en'"));
    for (const auto& z : rd.strings(root, "zones")) {
        try {
            c.zones.push_back(validate::zone(z));
        } catch (const Error& e) {
            rd.fail(root["zones"], e.what());
        }
    }
    if (c.zones.empty())
        rd.fail(root, tr("no parent zone: add 'zones: [example.go.id]'"));
    c.reserved_names = rd.strings(root, "reserved_names");
    YAML::Node policy = rd.map(root, "policy", false);
    rd.known_keys(policy, {"recording", "lock_timeout_seconds"}, "policy");
    std::string rec = rd.str(policy, "recording", false);
    if (rec.empty() || rec == "proxy")
        c.recording = RecordingPolicy::proxy;
    else if (rec == "self")
        c.recording = RecordingPolicy::self;
    else
        rd.fail(policy["recording"], tr("policy.recording must be 'proxy' or 'self'"));
    c.lock_timeout_seconds = static_cast<int>(rd.integer(policy, "lock_timeout_seconds", 10));
    if (c.lock_timeout_seconds < 0 || c.lock_timeout_seconds > 3600)
        rd.fail(policy["lock_timeout_seconds"], tr("lock_timeout_seconds must be 0-3600"));
    YAML::Node numbering = rd.map(root, "numbering", false);
    rd.known_keys(numbering, {"request_id", "complaint_id", "survey_id"}, "numbering");
    set(c.request_id_format, numbering, "request_id");
    set(c.complaint_id_format, numbering, "complaint_id");
    set(c.survey_id_format, numbering, "survey_id");
    set(c.time_zone, root, "time_zone");
    decode_documents_config(rd, root, c.documents);
    if (YAML::Node complaints = rd.map(root, "complaints", false);
        complaints && complaints["channels"]) {
        rd.known_keys(complaints, {"channels"}, "complaints");
        c.complaint_channels = rd.strings(complaints, "channels");
        if (c.complaint_channels.empty())
            rd.fail(complaints["channels"], tr("complaints.channels lists no channel"));
        for (const auto& ch : c.complaint_channels)
            if (!validate::is_channel_name(ch))
                rd.fail(complaints["channels"],
                        trf("'{}' is not a channel name: use a-z, 0-9 and '_'", text::shown(ch)));
    }
    return c;
}

std::string encode_staff(const std::vector<StaffMember>& staff) {
    YAML::Emitter out;
    out << YAML::BeginMap;
    out << YAML::Key << "schema" << YAML::Value << kStaffSchema;
    out << YAML::Key << "staff" << YAML::Value << YAML::BeginSeq;
    for (const auto& s : staff) {
        out << YAML::BeginMap;
        emit_plain(out, "id", s.id);
        emit_quoted(out, "name", s.name);
        emit_quoted(out, "nip", s.nip);
        emit_quoted(out, "title", s.title);
        out << YAML::Key << "roles" << YAML::Value << YAML::Flow << YAML::BeginSeq;
        for (Role r : s.roles)
            out << to_string(r);
        out << YAML::EndSeq;
        if (!s.unix_user.empty())
            emit_plain(out, "unix_user", s.unix_user);
        if (!s.active)
            out << YAML::Key << "active" << YAML::Value << false;
        out << YAML::EndMap;
    }
    out << YAML::EndSeq << YAML::EndMap;
    return yaml_document(
        "# Staff of the office and their roles: kepala_dinas, kepala_bidang,\n"
        "# petugas_teknis, admin, pejabat_pengaduan.  unix_user maps a login to a\n"
        "# person (the default --by).  People are deactivated (active: false),\n"
        "# never deleted, so old records keep their names.  Managed with\n"
        "# 'hostingctl staff'; every change is in the audit log.\n",
        out);
}

std::vector<StaffMember> decode_staff(const std::filesystem::path& path, const std::string& text) {
    YamlReader rd(path, text);
    rd.check_schema(kStaffSchema);
    std::vector<StaffMember> out;
    for (const auto& n : rd.seq(rd.root(), "staff")) {
        if (!n.IsMap())
            rd.fail(n, tr("each staff entry must be a mapping"));
        StaffMember s;
        s.id = rd.str(n, "id");
        s.name = rd.str(n, "name");
        s.nip = rd.str(n, "nip", false);
        s.title = rd.str(n, "title", false);
        for (const auto& role : rd.strings(n, "roles")) {
            auto r = parse_role(role);
            if (!r)
                rd.fail(n["roles"], trf("unknown role '{}'", role));
            s.roles.push_back(*r);
        }
        s.unix_user = rd.str(n, "unix_user", false);
        s.active = rd.boolean(n, "active", true);
        for (const auto& other : out)
            if (other.id == s.id)
                rd.fail(n, trf("staff id '{}' appears twice", s.id));
        out.push_back(std::move(s));
    }
    return out;
}

std::string encode_agencies(const std::vector<Agency>& agencies) {
    YAML::Emitter out;
    out << YAML::BeginMap;
    out << YAML::Key << "schema" << YAML::Value << kSchemaVersion;
    out << YAML::Key << "agencies" << YAML::Value << YAML::BeginSeq;
    for (const auto& a : agencies) {
        out << YAML::BeginMap;
        emit_plain(out, "code", a.code);
        emit_quoted(out, "name", a.name);
        if (!a.head.empty())
            emit_quoted(out, "head", a.head);
        if (!a.phone.empty())
            emit_quoted(out, "phone", a.phone);
        if (!a.email.empty())
            emit_quoted(out, "email", a.email);
        if (!a.address.empty())
            emit_quoted(out, "address", a.address);
        out << YAML::EndMap;
    }
    out << YAML::EndSeq << YAML::EndMap;
    return yaml_document("# The agencies (OPD) the office hosts for.  Managed with "
                         "'hostingctl agency'.\n",
                         out);
}

std::vector<Agency> decode_agencies(const std::filesystem::path& path, const std::string& text) {
    YamlReader rd(path, text);
    rd.check_schema(kSchemaVersion);
    std::vector<Agency> out;
    for (const auto& n : rd.seq(rd.root(), "agencies")) {
        if (!n.IsMap())
            rd.fail(n, tr("each agency must be a mapping"));
        Agency a;
        a.code = rd.str(n, "code");
        a.name = rd.str(n, "name");
        a.head = rd.str(n, "head", false);
        a.phone = rd.str(n, "phone", false);
        a.email = rd.str(n, "email", false);
        a.address = rd.str(n, "address", false);
        for (const auto& other : out)
            if (other.code == a.code)
                rd.fail(n, trf("agency code '{}' appears twice", a.code));
        out.push_back(std::move(a));
    }
    return out;
}

} // namespace hostingctl
