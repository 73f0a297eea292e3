#include "provision/render.hpp"
#include "util/error.hpp"

#include <doctest/doctest.h>

using namespace hostingctl;

TEST_CASE("a config value is plain or refused") {
    CHECK(config_value("simpus.pekalongankota.go.id") == "simpus.pekalongankota.go.id");
    CHECK(config_value("/var/www/simpus/public_html") == "/var/www/simpus/public_html");
    CHECK(config_value("127.0.0.1:8080") == "127.0.0.1:8080");
    // Apache's address of a virtual host on the default port, and IPv6.
    CHECK(config_value("*:80") == "*:80");
    CHECK(config_value("[::]:443") == "[::]:443");
    for (const char* bad : {"a;b", "a b", "a\nb", "$(id)", "a}", "a{", "\"", "'", "a#b", "", "*",
                            "*:", "a*", "*.go.id", "**:80"})
        CHECK_THROWS_AS(config_value(bad), Error);
}

TEST_CASE("templates escape every value for their language, and cannot skip it") {
    const std::map<std::string, bool> none;
    CHECK(render_template("t", "server_name {{domain}};", {{"domain", "a.go.id"}}, none,
                          Escape::config) == "server_name a.go.id;");
    CHECK_THROWS_AS(render_template("t", "server_name {{domain}};", {{"domain", "a.go.id; }"}},
                                    none, Escape::config),
                    Error);
    CHECK(render_template("t", "<p>{{agency_name}}</p>", {{"agency_name", "Dinas <b>&</b>"}}, none,
                          Escape::html) == "<p>Dinas &lt;b&gt;&amp;&lt;/b&gt;</p>");
    // Unescaped forms and other delimiters are refused, and so is a name
    // the template was not given (it would render as nothing).
    for (const char* t : {"{{{domain}}}", "{{&domain}}", "{{=<% %>=}}", "{{ & domain}}"})
        CHECK_THROWS_AS(render_template("t", t, {{"domain", "a"}}, none, Escape::config), Error);
    CHECK_THROWS_AS(
        render_template("t", "root {{web_rot}};", {{"web_root", "/x"}}, none, Escape::config),
        Error);
    CHECK_THROWS_AS(render_template("t", "{{#tsl}}x{{/tsl}}", {}, {{"tls", true}}, Escape::config),
                    Error);
    CHECK(render_template("t", "{{#tls}}ssl{{/tls}}{{^tls}}plain{{/tls}}", {}, {{"tls", false}},
                          Escape::config) == "plain");
}
