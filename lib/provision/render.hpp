#pragma once
// Server config files from Mustache templates (templates/server/, or the
// store's templates/server/ when the office overrides one).  Every value
// goes through the escape function of the file's language: config_value()
// for web-server and PHP-FPM configs, HTML escaping for the placeholder
// page.  A template cannot take a value around it: the triple-brace and
// ampersand forms that would skip escaping are refused.
#include <map>
#include <string>
#include <string_view>

namespace hostingctl {

class Store;

// A value for a config file: returned as it is when it holds only
// [A-Za-z0-9._:/@+-] (domains, paths, ports, user names, addresses, all
// validated before); anything else is Error(invalid) — no config language
// of a server can then read it as syntax.
std::string config_value(std::string_view v);

enum class Escape { config, html };

// The template `name` (e.g. "nginx.conf"): the store's override when there
// is one, else the built-in one.
std::string server_template(const Store& store, const std::string& name);

// Renders `tmpl` with `values` (strings) and `sections` (true/false for
// {{#name}} ... {{/name}}).  Error(invalid) for a template that does not
// parse, uses unescaped output, or names a value it was not given.
std::string render_template(const std::string& name, const std::string& tmpl,
                            const std::map<std::string, std::string>& values,
                            const std::map<std::string, bool>& sections, Escape escape);

} // namespace hostingctl
