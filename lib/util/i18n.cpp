#include "util/i18n.hpp"

#include "util/embedded_catalogs.hpp"

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <map>
#include <unordered_map>

namespace hostingctl::i18n {

namespace {

// One compiled catalog (GNU .mo format: a header, then two tables of
// (length, offset) pairs, for the original and the translated strings).
struct Catalog {
    std::unordered_map<std::string_view, std::string_view> messages; // msgid -> msgstr
    bool one_form = false; // Plural-Forms: nplurals=1 (Indonesian)
};

std::uint32_t word(std::string_view mo, std::size_t at, bool swap) {
    if (at + 4 > mo.size())
        return 0;
    std::uint32_t w;
    std::memcpy(&w, mo.data() + at, 4);
    return swap ? __builtin_bswap32(w) : w;
}

// The string of table entry i (empty when the file is malformed).
std::string_view table_string(std::string_view mo, std::uint32_t table, std::uint32_t i,
                              bool swap) {
    const std::uint32_t len = word(mo, table + 8u * i, swap);
    const std::uint32_t off = word(mo, table + 8u * i + 4, swap);
    if (off > mo.size() || len > mo.size() - off)
        return {};
    return mo.substr(off, len);
}

// A plural entry's msgid is "singular\0plural"; it is found by the singular.
std::string_view key_of(std::string_view id) {
    return id.substr(0, id.find('\0'));
}

Catalog parse(std::string_view mo) {
    Catalog c;
    const std::uint32_t magic = word(mo, 0, false);
    const bool swap = magic == 0xde120495u;
    if (!swap && magic != 0x950412deu)
        return c; // not a catalog: English, which a test would notice
    const std::uint32_t n = word(mo, 8, swap);
    const std::uint32_t originals = word(mo, 12, swap);
    const std::uint32_t translations = word(mo, 16, swap);
    for (std::uint32_t i = 0; i < n; ++i) {
        std::string_view id = table_string(mo, originals, i, swap);
        std::string_view str = table_string(mo, translations, i, swap);
        if (id.empty()) {
            c.one_form = str.find("nplurals=1") != std::string_view::npos;
            continue;
        }
        if (!str.empty())
            c.messages.emplace(key_of(id), str);
    }
    return c;
}

const std::map<std::string, Catalog, std::less<>>& catalogs() {
    static const std::map<std::string, Catalog, std::less<>> all = [] {
        std::map<std::string, Catalog, std::less<>> m;
        for (const auto& [code, mo] : embedded::catalogs())
            m.emplace(std::string(code), parse(mo));
        return m;
    }();
    return all;
}

std::string current = "en";
const Catalog* active = nullptr;

// The language code of a locale name: "id_ID.UTF-8" -> "id" ("in" is the
// code Indonesian had before 1989 and some systems still use).
std::string code_of(std::string_view locale) {
    std::string_view code = locale.substr(0, locale.find_first_of("_.@"));
    return code == "in" ? "id" : std::string(code);
}

bool has_catalog(std::string_view code) {
    return catalogs().contains(code);
}

} // namespace

const std::vector<std::string>& languages() {
    static const std::vector<std::string> all = [] {
        std::vector<std::string> v;
        for (const auto& [code, c] : catalogs())
            v.push_back(code);
        return v;
    }();
    return all;
}

void set_language(std::string_view code) {
    auto it = catalogs().find(code);
    active = it == catalogs().end() ? nullptr : &it->second;
    current = active ? std::string(code) : "en";
}

const std::string& language() {
    return current;
}

std::string language_from_environment() {
    std::string_view locale;
    for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"})
        if (const char* v = std::getenv(name); v && *v) {
            locale = v;
            break;
        }
    if (locale.empty() || locale == "C" || locale == "POSIX")
        return "en";
    if (const char* list = std::getenv("LANGUAGE"); list && *list) {
        std::string_view rest = list;
        while (!rest.empty()) {
            std::string_view item = rest.substr(0, rest.find(':'));
            rest.remove_prefix(std::min(rest.size(), item.size() + 1));
            std::string code = code_of(item);
            if (code == "en" || has_catalog(code))
                return code;
        }
    }
    std::string code = code_of(locale);
    return has_catalog(code) ? code : "en";
}

const char* translate(const char* msgid) {
    if (!active)
        return msgid;
    auto it = active->messages.find(msgid);
    return it == active->messages.end() ? msgid : it->second.data();
}

const char* translate_plural(const char* singular, const char* plural, unsigned long n) {
    if (active) {
        auto it = active->messages.find(std::string_view(singular));
        if (it != active->messages.end()) {
            // msgstr[0]\0msgstr[1]...: one form, or English's rule otherwise.
            std::string_view forms = it->second;
            if (active->one_form || n == 1)
                return forms.data();
            std::size_t nul = forms.find('\0');
            if (nul != std::string_view::npos)
                return forms.data() + nul + 1;
        }
    }
    return n == 1 ? singular : plural;
}

std::vector<std::pair<std::string_view, std::string_view>> entries(std::string_view code) {
    std::vector<std::pair<std::string_view, std::string_view>> v;
    auto it = catalogs().find(code);
    if (it != catalogs().end())
        for (const auto& [id, str] : it->second.messages)
            v.emplace_back(id, str);
    return v;
}

} // namespace hostingctl::i18n
