#include "model/model.hpp"

#include "util/i18n.hpp"

#include <algorithm>

namespace hostingctl {

const std::vector<Role>& all_roles() {
    static const std::vector<Role> r = {Role::kepala_dinas, Role::kepala_bidang,
                                        Role::petugas_teknis, Role::admin, Role::pejabat_pengaduan};
    return r;
}

const char* to_string(Role r) {
    switch (r) {
    case Role::kepala_dinas:
        return "kepala_dinas";
    case Role::kepala_bidang:
        return "kepala_bidang";
    case Role::petugas_teknis:
        return "petugas_teknis";
    case Role::admin:
        return "admin";
    case Role::pejabat_pengaduan:
        return "pejabat_pengaduan";
    }
    return "?";
}

const char* role_title(Role r) {
    switch (r) {
    case Role::kepala_dinas:
        return tr("Head of Office (Kepala Dinas)");
    case Role::kepala_bidang:
        return tr("Head of Division INS (Kepala Bidang)");
    case Role::petugas_teknis:
        return tr("technical officer (Petugas Teknis)");
    case Role::admin:
        return tr("front office (admin)");
    case Role::pejabat_pengaduan:
        return tr("complaints official (Pejabat Pengaduan)");
    }
    return "?";
}

std::optional<Role> parse_role(std::string_view s) {
    for (Role r : all_roles())
        if (s == to_string(r))
            return r;
    return std::nullopt;
}

bool StaffMember::has(Role r) const {
    return std::find(roles.begin(), roles.end(), r) != roles.end();
}

const char* to_string(AppKind k) {
    switch (k) {
    case AppKind::static_site:
        return "static";
    case AppKind::php:
        return "php";
    case AppKind::proxy:
        return "proxy";
    }
    return "?";
}

std::optional<AppKind> parse_app_kind(std::string_view s) {
    if (s == "static")
        return AppKind::static_site;
    if (s == "php")
        return AppKind::php;
    if (s == "proxy")
        return AppKind::proxy;
    return std::nullopt;
}

Value Value::list(List items) {
    Value v;
    v.kind = Kind::list;
    v.items = std::move(items);
    return v;
}

Value Value::map(Map entries) {
    Value v;
    v.kind = Kind::map;
    v.entries = std::move(entries);
    return v;
}

namespace {
std::string text_of(const Value::Map& m, std::string_view key) {
    for (const auto& [k, v] : m)
        if (k == key)
            return v.is_text() ? v.text : std::string();
    return {};
}
} // namespace

std::string Value::get(std::string_view key) const {
    return kind == Kind::map ? text_of(entries, key) : std::string();
}

std::string Value::display() const {
    std::string out;
    switch (kind) {
    case Kind::text:
        return text;
    case Kind::list:
        for (size_t i = 0; i < items.size(); ++i)
            out += (i ? ", " : "") + items[i].display();
        return "[" + out + "]";
    case Kind::map:
        for (size_t i = 0; i < entries.size(); ++i)
            out += (i ? " " : "") + entries[i].first + "=" + entries[i].second.display();
        return "{" + out + "}";
    }
    return out;
}

Json to_json(const Value& v) {
    switch (v.kind) {
    case Value::Kind::text:
        return text_or_null(v.text); // absent is null (the JSON convention)
    case Value::Kind::list: {
        Json a = Json::array();
        for (const auto& item : v.items)
            a.push(to_json(item));
        return a;
    }
    case Value::Kind::map: {
        Json o = Json::object();
        for (const auto& [k, item] : v.entries)
            o[k] = to_json(item);
        return o;
    }
    }
    return Json();
}

std::string Event::get(std::string_view key) const {
    return text_of(data, key);
}

std::string DocumentsConfig::number_format(std::string_view kind) const {
    for (const auto& [k, f] : numbers)
        if (k == kind)
            return f;
    return {};
}

} // namespace hostingctl
