#include "provision/render.hpp"

#include "store/store.hpp"
#include "util/embedded.hpp"
#include "util/error.hpp"
#include "util/escape.hpp"
#include "util/fs.hpp"
#include "util/i18n.hpp"
#include "util/text.hpp"

#include <fmt/format.h>
#include <kainjow/mustache.hpp>
#include <regex>

namespace hostingctl {

std::string config_value(std::string_view v) {
    // "*:80", Apache's every address on a port, is the one use of "*".
    const std::string_view checked = v.size() > 2 && v.substr(0, 2) == "*:" ? v.substr(2) : v;
    const bool safe = !checked.empty() && std::all_of(checked.begin(), checked.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               std::string_view("._:/@+-[]").find(c) != std::string_view::npos;
    });
    if (!safe)
        throw Error(Exit::invalid,
                    trf("'{}' cannot go into a server's config file", text::shown(v)),
                    tr("only letters, digits and . _ : / @ + - [ ] reach a config file (and "
                       "\"*:\" before a port)"));
    return std::string(v);
}

std::string server_template(const Store& store, const std::string& name) {
    const auto override_path = store.root() / "templates" / "server" / name;
    std::error_code ec;
    if (std::filesystem::is_regular_file(override_path, ec))
        return fs::read_file(override_path);
    return std::string(embedded::get("server/" + name));
}

std::string render_template(const std::string& name, const std::string& tmpl,
                            const std::map<std::string, std::string>& values,
                            const std::map<std::string, bool>& sections, Escape escape) {
    // Unescaped output ({{{x}}} and {{&x}}) and changed delimiters would let
    // a value around its escaping.
    static const std::regex raw(R"(\{\{\s*[{&=])");
    if (std::regex_search(tmpl, raw))
        throw Error(Exit::invalid,
                    trf("template {} uses unescaped output or other delimiters", name),
                    // TRANSLATORS: {{name}} is Mustache syntax: keep it as it is.
                    tr("write every value as {{name}}"));
    // Every name the template uses must be given: a typo would otherwise
    // render as nothing, e.g. an empty root directive.
    static const std::regex tag(R"(\{\{\s*([#^/]?)\s*([A-Za-z0-9_]+)\s*\}\})");
    for (auto it = std::sregex_iterator(tmpl.begin(), tmpl.end(), tag);
         it != std::sregex_iterator(); ++it) {
        const std::string kind = (*it)[1], key = (*it)[2];
        const bool known = kind.empty() ? values.count(key) > 0 : sections.count(key) > 0;
        if (!known)
            throw Error(Exit::invalid,
                        trf("template {} uses '{}', which hostingctl does not provide", name, key));
    }
    kainjow::mustache::mustache m(tmpl);
    if (!m.is_valid())
        throw Error(Exit::invalid, fmt::format("template {}: {}", name, m.error_message()));
    if (escape == Escape::config)
        m.set_custom_escape([](const std::string& s) { return config_value(s); });
    else
        m.set_custom_escape([](const std::string& s) { return escape::html(s); });
    kainjow::mustache::data d;
    for (const auto& [k, v] : values)
        d.set(k, v);
    for (const auto& [k, b] : sections)
        d.set(k, b ? kainjow::mustache::data::type::bool_true
                   : kainjow::mustache::data::type::bool_false);
    return m.render(d);
}

} // namespace hostingctl
