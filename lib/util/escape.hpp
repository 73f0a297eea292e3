#pragma once
// The one escaping function per output language: every value placed into
// HTML, Markdown tables or CSV goes through these.  Knows nothing of hosting.
#include <string>
#include <string_view>

namespace hostingctl::escape {

// & < > " ' become entities; safe in element text and quoted attributes.
std::string html(std::string_view s);
// A Markdown table cell: pipes, backslashes, markup characters and line
// breaks cannot start a new cell, row or element.
std::string markdown(std::string_view s);
// An RFC 4180 CSV field, quoted when needed; a leading = + - @ is prefixed
// with ' so spreadsheets do not run it as a formula.
std::string csv(std::string_view s);

} // namespace hostingctl::escape
