#include "document/template.hpp"

#include "util/error.hpp"
#include "util/escape.hpp"
#include "util/i18n.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <kainjow/mustache.hpp>
#include <set>

namespace hostingctl::document {

Node Node::of(std::string s) {
    Node n;
    n.kind = Kind::text;
    n.text = std::move(s);
    return n;
}

Node Node::of_flag(bool b) {
    Node n;
    n.kind = Kind::flag;
    n.flag = b;
    return n;
}

Node Node::list() {
    Node n;
    n.kind = Kind::list;
    return n;
}

Node& Node::set(const std::string& key, Node value) {
    for (auto& [k, v] : fields)
        if (k == key) {
            v = std::move(value);
            return v;
        }
    fields.emplace_back(key, std::move(value));
    return fields.back().second;
}

Node& Node::push(Node item) {
    items.push_back(std::move(item));
    return items.back();
}

const Node* Node::find(std::string_view key) const {
    if (kind != Kind::map)
        return nullptr;
    for (const auto& [k, v] : fields)
        if (k == key)
            return &v;
    return nullptr;
}

bool Node::truthy() const {
    switch (kind) {
    case Kind::text:
        return !text.empty();
    case Kind::flag:
        return flag;
    case Kind::list:
        return !items.empty();
    case Kind::map:
        return true;
    }
    return false;
}

std::string Problem::format() const {
    return line > 0 ? fmt::format("{}:{}: {}", file, line, what)
                    : fmt::format("{}: {}", file, what);
}

std::string markdown_text(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    // A value may stand at the start of a line, where "- x", "+ x", "= x"
    // and "12. x" would start a list or a heading underline.
    size_t digits = 0;
    while (digits < s.size() && s[digits] >= '0' && s[digits] <= '9')
        ++digits;
    for (size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (c == '\n' || c == '\r' || c == '\t') {
            out += ' ';
            continue;
        }
        // "- x", "+ x", "12. x", "12) x", and a line of only "=" or "-".
        const bool spaced = i + 1 == s.size() || s[i + 1] == ' ';
        const bool starts_block = (i == 0 && (c == '-' || c == '+') && spaced) ||
                                  (i == 0 && (c == '=' || c == '-') &&
                                   s.find_first_not_of(c) == std::string_view::npos) ||
                                  (i == digits && i > 0 && (c == '.' || c == ')') && spaced);
        if (starts_block || std::string_view("\\`*_[]<>#|~&").find(c) != std::string_view::npos)
            out += '\\';
        out += c;
    }
    return out;
}

namespace {

enum class TagKind { value, section, inverted, close, partial };

struct Tag {
    TagKind kind;
    std::string name;
    int line;
    size_t close = 0; // sections: index of their closing tag
};

struct Walk {
    const PartialSource& partials;
    std::vector<Problem>& problems;
    std::set<std::string> partials_used;
    int depth = 0;
};

// The tags of a template, with sections matched; problems for anything a
// strict renderer refuses.
std::vector<Tag> tokenize(const TemplateText& t, std::vector<Problem>& problems) {
    std::vector<Tag> tags;
    std::vector<size_t> open;
    const std::string& s = t.text;
    size_t pos = 0;
    int line = 1;
    size_t counted = 0;
    auto line_at = [&](size_t at) {
        line += static_cast<int>(std::count(s.begin() + counted, s.begin() + at, '\n'));
        counted = at;
        return line;
    };
    while ((pos = s.find("{{", pos)) != std::string::npos) {
        const int at = line_at(pos);
        const size_t end = s.find("}}", pos + 2);
        if (end == std::string::npos) {
            // TRANSLATORS: {{ and }} are the template's braces, not placeholders.
            problems.push_back({t.shown, at, tr("a tag opened with {{ is never closed with }}")});
            break;
        }
        std::string body(s.substr(pos + 2, end - pos - 2));
        pos = end + 2;
        if (body.empty()) {
            problems.push_back({t.shown, at, tr("an empty tag {{}}")});
            continue;
        }
        const char sigil = body[0];
        if (sigil == '{' || sigil == '&') {
            problems.push_back({t.shown, at,
                                tr("unescaped output ({{{…}}} or {{&…}}) is not allowed: write "
                                   "the value as {{name}}, it is escaped for the document's "
                                   "format")});
            if (sigil == '{' && pos < s.size() && s[pos] == '}')
                ++pos;
            continue;
        }
        if (sigil == '=') {
            problems.push_back({t.shown, at, tr("changing the delimiters is not allowed")});
            continue;
        }
        if (sigil == '!')
            continue;
        TagKind kind = TagKind::value;
        if (std::string_view("#^/>").find(sigil) != std::string_view::npos) {
            kind = sigil == '#'   ? TagKind::section
                   : sigil == '^' ? TagKind::inverted
                   : sigil == '/' ? TagKind::close
                                  : TagKind::partial;
            body.erase(0, 1);
        }
        std::string name(text::trim(body));
        const bool good_name =
            name == "." || (!name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
                return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       c == '_' || c == '.' || c == '-';
            }));
        if (!good_name) {
            problems.push_back(
                {t.shown, at,
                 trf("'{}' is not a name (letters, digits, _ . -)", text::shown(name))});
            continue;
        }
        if (kind == TagKind::close) {
            if (open.empty()) {
                // TRANSLATORS: {} is a closing tag, e.g. {{/site}}.
                problems.push_back({t.shown, at,
                                    trf("{} closes a section that was never opened",
                                        fmt::format("{{{{/{}}}}}", name))});
                continue;
            }
            Tag& o = tags[open.back()];
            if (o.name != name) {
                // TRANSLATORS: a closing tag, the opening tag, its line.
                problems.push_back(
                    {t.shown, at,
                     trf("{} closes {} opened on line {}", fmt::format("{{{{/{}}}}}", name),
                         fmt::format("{{{{#{}}}}}", o.name), o.line)});
                continue;
            }
            o.close = tags.size();
            open.pop_back();
        }
        tags.push_back({kind, name, at});
        if (kind == TagKind::section || kind == TagKind::inverted)
            open.push_back(tags.size() - 1);
    }
    for (size_t i : open)
        // TRANSLATORS: an opening tag ({{#site}}) and its closing tag ({{/site}}).
        problems.push_back(
            {t.shown, tags[i].line,
             trf("{} is never closed with {}", fmt::format("{{{{#{}}}}}", tags[i].name),
                 fmt::format("{{{{/{}}}}}", tags[i].name))});
    return tags;
}

// Mustache's lookup: the first part of a dotted name up the stack of
// contexts, the rest inside what it found.
const Node* resolve(const std::string& name, const std::vector<const Node*>& stack) {
    if (name == ".")
        return stack.back();
    const auto parts = text::split(name, '.');
    const Node* found = nullptr;
    for (auto it = stack.rbegin(); it != stack.rend() && !found; ++it)
        found = (*it)->find(parts[0]);
    for (size_t i = 1; found && i < parts.size(); ++i)
        found = found->find(parts[i]);
    return found;
}

void walk(Walk& w, const TemplateText& t, const std::vector<Tag>& tags, size_t begin, size_t end,
          std::vector<const Node*>& stack, std::vector<std::string>& optional, bool unknown_only) {
    auto unknown = [&](const Tag& tag) {
        w.problems.push_back(
            {t.shown, tag.line, trf("'{}' is not a value hostingctl provides", tag.name)});
    };
    for (size_t i = begin; i < end; ++i) {
        const Tag& tag = tags[i];
        switch (tag.kind) {
        case TagKind::close:
            break;
        case TagKind::value: {
            const Node* n = resolve(tag.name, stack);
            if (!n) {
                unknown(tag);
            } else if (n->kind != Node::Kind::text) {
                // TRANSLATORS: a name, and the section that uses it: {{#name}}…{{/name}}.
                const std::string use = fmt::format("{{{{#{}}}}}…{{{{/{}}}}}", tag.name, tag.name);
                w.problems.push_back(
                    {t.shown, tag.line,
                     n->kind == Node::Kind::flag
                         ? trf("'{}' is a yes/no flag, not a value: use {}", tag.name, use)
                         : trf("'{}' is a section, not a value: use {}", tag.name, use)});
            } else if (!unknown_only && n->text.empty() &&
                       std::find(optional.begin(), optional.end(), tag.name) == optional.end()) {
                // TRANSLATORS: a name, and the section that prints it: {{#name}}…{{/name}}.
                w.problems.push_back(
                    {t.shown, tag.line,
                     trf("'{}' has no value here; a template prints a value that may be blank "
                         "inside {}",
                         tag.name, fmt::format("{{{{#{}}}}}…{{{{/{}}}}}", tag.name, tag.name))});
            }
            break;
        }
        case TagKind::section:
        case TagKind::inverted: {
            const size_t close = tag.close ? tag.close : end;
            const Node* n = resolve(tag.name, stack);
            if (!n) {
                unknown(tag);
            } else if (tag.kind == TagKind::section && n->kind == Node::Kind::list) {
                for (const Node& item : n->items) {
                    stack.push_back(&item);
                    walk(w, t, tags, i + 1, close, stack, optional, unknown_only);
                    stack.pop_back();
                }
            } else if (tag.kind == TagKind::section && n->kind == Node::Kind::map) {
                stack.push_back(n);
                walk(w, t, tags, i + 1, close, stack, optional, unknown_only);
                stack.pop_back();
            } else {
                // A text or flag tested, or an inverted section: the body
                // prints when the value is blank (inverted) or set.
                const bool printed = (tag.kind == TagKind::section) == n->truthy();
                optional.push_back(tag.name);
                walk(w, t, tags, i + 1, close, stack, optional, unknown_only || !printed);
                optional.pop_back();
            }
            i = close;
            break;
        }
        case TagKind::partial: {
            auto p = w.partials(tag.name);
            if (!p) {
                w.problems.push_back(
                    {t.shown, tag.line, trf("there is no partial '{}'", tag.name)});
                break;
            }
            if (w.depth > 8) {
                w.problems.push_back(
                    {t.shown, tag.line, trf("partial '{}' includes itself", tag.name)});
                break;
            }
            w.partials_used.insert(tag.name);
            auto inner = tokenize(*p, w.problems);
            ++w.depth;
            walk(w, *p, inner, 0, inner.size(), stack, optional, unknown_only);
            --w.depth;
            break;
        }
        }
    }
}

std::vector<Problem> run_check(const TemplateText& tmpl, const Node& values,
                               const PartialSource& partials, bool unknown_only,
                               std::set<std::string>* used) {
    std::vector<Problem> problems;
    Walk w{partials, problems, {}, 0};
    auto tags = tokenize(tmpl, problems);
    std::vector<const Node*> stack{&values};
    std::vector<std::string> optional;
    walk(w, tmpl, tags, 0, tags.size(), stack, optional, unknown_only);
    if (used)
        *used = std::move(w.partials_used);
    return problems;
}

kainjow::mustache::data to_data(const Node& n) {
    using kainjow::mustache::data;
    switch (n.kind) {
    case Node::Kind::text:
        return data(n.text);
    case Node::Kind::flag:
        return data(n.flag ? data::type::bool_true : data::type::bool_false);
    case Node::Kind::list: {
        data d(data::type::list);
        for (const Node& item : n.items)
            d.push_back(to_data(item));
        return d;
    }
    case Node::Kind::map: {
        data d(data::type::object);
        for (const auto& [k, v] : n.fields)
            if (!(v.kind == Node::Kind::text && v.text.empty())) // blank: absent
                d.set(k, to_data(v));
        return d;
    }
    }
    return data();
}

} // namespace

std::vector<Problem> check_template(const TemplateText& tmpl, const Node& values,
                                    const PartialSource& partials, bool unknown_only) {
    return run_check(tmpl, values, partials, unknown_only, nullptr);
}

std::string render(const TemplateText& tmpl, const Node& values, const PartialSource& partials,
                   Format format) {
    std::set<std::string> used;
    auto problems = run_check(tmpl, values, partials, false, &used);
    if (!problems.empty()) {
        std::string list;
        for (size_t i = 0; i < problems.size() && i < 10; ++i)
            list += "\n  " + problems[i].format();
        if (problems.size() > 10)
            list += "\n  " + trf("… and {} more", problems.size() - 10);
        throw Error(Exit::invalid, trf("template {} cannot be rendered:{}", tmpl.shown, list),
                    tr("fix the template (see 'hostingctl template check') or the request's "
                       "data"));
    }
    kainjow::mustache::mustache m(tmpl.text);
    if (!m.is_valid())
        throw Error(Exit::invalid, trf("template {}: {}", tmpl.shown, m.error_message()));
    if (format == Format::html)
        m.set_custom_escape([](const std::string& s) { return escape::html(s); });
    else
        m.set_custom_escape([](const std::string& s) { return markdown_text(s); });
    kainjow::mustache::data d = to_data(values);
    for (const std::string& name : used) {
        auto p = partials(name);
        std::string text = p ? p->text : std::string();
        d.set(name, kainjow::mustache::partial([text] { return text; }));
    }
    std::string out = m.render(d);
    if (!m.is_valid())
        throw Error(Exit::invalid, trf("template {}: {}", tmpl.shown, m.error_message()));
    return out;
}

} // namespace hostingctl::document
