#include "document/template.hpp"
#include "util/error.hpp"

#include <doctest/doctest.h>

using namespace hostingctl;
using namespace hostingctl::document;

namespace {

Node sample() {
    Node v;
    v.set("name", "Budi");
    v.set("blank", "");
    v.set_flag("yes", true);
    v.set_flag("no", false);
    Node& office = v.set("office", Node{});
    office.set("city", "Pekalongan");
    Node& list = v.set("people", Node::list());
    for (const char* n : {"Ani", "Sari"}) {
        Node p;
        p.set("name", n);
        list.push(std::move(p));
    }
    return v;
}

const PartialSource no_partials = [](const std::string&) -> std::optional<TemplateText> {
    return std::nullopt;
};

std::string html(const std::string& t, const Node& v = sample(),
                 const PartialSource& p = no_partials) {
    return render(TemplateText{"t.html", t}, v, p, Format::html);
}

std::vector<Problem> problems(const std::string& t, bool unknown_only = false) {
    return check_template(TemplateText{"t.html", t}, sample(), no_partials, unknown_only);
}

} // namespace

TEST_CASE("template: values, dotted names, lists and flags") {
    CHECK(html("{{name}} of {{office.city}}") == "Budi of Pekalongan");
    CHECK(html("{{#people}}[{{name}}]{{/people}}") == "[Ani][Sari]");
    CHECK(html("{{#yes}}y{{/yes}}{{#no}}n{{/no}}{{^no}}!{{/no}}") == "y!");
    CHECK(html("{{#office}}{{city}}, {{name}}{{/office}}") == "Pekalongan, Budi");
}

TEST_CASE("template: a blank value is an error unless inside its own section") {
    auto p = problems("a\n{{blank}}");
    REQUIRE(p.size() == 1);
    CHECK(p[0].line == 2);
    CHECK(p[0].what.find("'blank' has no value") != std::string::npos);
    CHECK(problems("{{#blank}}{{blank}}{{/blank}}{{^blank}}-{{/blank}}").empty());
    CHECK(html("<{{#blank}}{{blank}}{{/blank}}{{^blank}}-{{/blank}}>") == "<->");
    CHECK_THROWS_AS(html("{{blank}}"), Error);
}

TEST_CASE("template: unknown names and broken syntax name their line") {
    auto p = problems("x\ny\n{{nmae}}");
    REQUIRE(p.size() == 1);
    CHECK(p[0].format() == "t.html:3: 'nmae' is not a value hostingctl provides");
    p = problems("{{#people}}\n{{name}}\n");
    REQUIRE(p.size() == 1);
    CHECK(p[0].line == 1);
    CHECK(p[0].what.find("never closed") != std::string::npos);
    p = problems("{{#people}}{{/office}}");
    CHECK(!p.empty());
    CHECK(problems("{{name").size() == 1);
    // A flag or a section is not printed as a value.
    CHECK(problems("{{yes}}").size() == 1);
    CHECK(problems("{{people}}").size() == 1);
    // Checking names only: blank values pass, unknown ones do not.
    CHECK(problems("{{blank}}", true).empty());
    CHECK(problems("{{nope}}", true).size() == 1);
}

TEST_CASE("template: unescaped output and other delimiters are refused") {
    CHECK(problems("{{{name}}}").size() == 1);
    CHECK(problems("{{&name}}").size() == 1);
    CHECK(problems("{{=<% %>=}}").size() == 1);
    CHECK_THROWS_AS(html("{{{name}}}"), Error);
}

TEST_CASE("template: values are escaped and never read as template") {
    Node v = sample();
    v.set("name", "<b>x</b> {{office.city}} {{{y}}} \"'&");
    CHECK(html("{{name}}", v) == "&lt;b&gt;x&lt;/b&gt; {{office.city}} {{{y}}} &quot;&#39;&amp;");
    CHECK(render(TemplateText{"t.md", "{{name}}"}, v, no_partials, Format::markdown) ==
          "\\<b\\>x\\</b\\> {{office.city}} {{{y}}} \"'\\&");
    v.set("name", "[klik](http://x) *b* _i_ | `c`\nline");
    CHECK(render(TemplateText{"t.md", "{{name}}"}, v, no_partials, Format::markdown) ==
          "\\[klik\\](http://x) \\*b\\* \\_i\\_ \\| \\`c\\` line");
}

TEST_CASE("template: markdown_text escapes what would start a block") {
    CHECK(markdown_text("- item") == "\\- item");
    CHECK(markdown_text("12. x") == "12\\. x");
    CHECK(markdown_text("000.8/1/Hosting/2026") == "000.8/1/Hosting/2026");
    CHECK(markdown_text("===") == "\\===");
    CHECK(markdown_text("a-b") == "a-b");
}

TEST_CASE("template: partials are checked and rendered in place") {
    const PartialSource partials = [](const std::string& name) -> std::optional<TemplateText> {
        if (name == "head")
            return TemplateText{"_head.html", "<h>{{office.city}}</h>"};
        if (name == "bad")
            return TemplateText{"_bad.html", "ok\n{{nothing}}"};
        if (name == "loop")
            return TemplateText{"_loop.html", "{{>loop}}"};
        return std::nullopt;
    };
    CHECK(html("{{>head}}{{name}}", sample(), partials) == "<h>Pekalongan</h>Budi");
    auto p = check_template(TemplateText{"t.html", "{{>bad}}"}, sample(), partials);
    REQUIRE(p.size() == 1);
    CHECK(p[0].format() == "_bad.html:2: 'nothing' is not a value hostingctl provides");
    CHECK(check_template(TemplateText{"t.html", "{{>missing}}"}, sample(), partials).size() == 1);
    CHECK(!check_template(TemplateText{"t.html", "{{>loop}}"}, sample(), partials).empty());
}
