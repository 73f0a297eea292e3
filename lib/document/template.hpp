#pragma once
// Mustache templates of documents, strict: every value a template prints
// must be there.  The values are a tree (Node): texts, flags, maps and
// lists.  Before kainjow renders a template, a walk over its tags against
// the actual values finds what kainjow would silently print as nothing:
//
//   {{name}}               a value; an error when it is blank or unknown
//   {{#name}}…{{/name}}    a section: a map entered, a list repeated, a flag
//                          or a text tested.  Inside it, {{name}} may be
//                          printed: this is how a template marks a value
//                          optional ({{#fax}}Faks {{fax}}{{/fax}})
//   {{^name}}…{{/name}}    printed when the value is blank, false or empty
//   {{>name}}              the partial _name.<ext> of the same format
//   {{! comment }}
//
// Unescaped output ({{{x}}}, {{&x}}) and changed delimiters are refused:
// every value goes through the escape of the output format, so no value can
// add markup or change the template.
#include <deque>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace hostingctl::document {

struct Node {
    enum class Kind { text, flag, map, list } kind = Kind::map;
    std::string text;
    bool flag = false;
    // Deques: a reference to a field or item stays valid while more are
    // added.
    std::deque<std::pair<std::string, Node>> fields; // map, in order
    std::deque<Node> items;                          // list

    static Node of(std::string s);
    static Node of_flag(bool b);
    static Node list();
    // Sets field `key` of a map (replacing one of the same name); returns it.
    Node& set(const std::string& key, Node value);
    Node& set(const std::string& key, std::string value) { return set(key, of(std::move(value))); }
    Node& set(const std::string& key, const char* value) { return set(key, of(value)); }
    Node& set_flag(const std::string& key, bool b) { return set(key, of_flag(b)); }
    Node& push(Node item);
    const Node* find(std::string_view key) const;
    // Whether a section over this node is printed: a non-empty text, a true
    // flag, a non-empty list, any map.
    bool truthy() const;
};

// One template file: its name as shown in messages (e.g. "access.html" or
// the override's path) and its text.
struct TemplateText {
    std::string shown;
    std::string text;
};

// Finds the text of a partial by its tag name (e.g. "letterhead" for
// {{>letterhead}}); nullopt when there is none.
using PartialSource = std::function<std::optional<TemplateText>(const std::string& name)>;

struct Problem {
    std::string file;
    int line = 0;
    std::string what;
    std::string format() const; // "file:line: what"
};

enum class Format { html, markdown };

// The problems of `tmpl` against `values`: syntax, refused tags, unknown
// names, and (unless `unknown_only`) blank values outside a section of the
// same name.
std::vector<Problem> check_template(const TemplateText& tmpl, const Node& values,
                                    const PartialSource& partials, bool unknown_only = false);

// Renders `tmpl`; Error(invalid) listing the problems check_template finds.
std::string render(const TemplateText& tmpl, const Node& values, const PartialSource& partials,
                   Format format);

// A Markdown escape for running text: every character that could start
// markup is preceded by a backslash, line breaks become spaces.
std::string markdown_text(std::string_view s);

} // namespace hostingctl::document
