#pragma once
// Small string helpers.  Knows nothing about hosting.
#include <string>
#include <string_view>
#include <vector>

namespace hostingctl::text {

std::string_view trim(std::string_view s);
std::string lower(std::string_view s);
std::vector<std::string> split(std::string_view s, char sep);
std::string join(const std::vector<std::string>& parts, std::string_view sep);
// "a", "a or b", "a, b or c", with "or" in the user's language.
std::string or_list(const std::vector<std::string>& parts);
bool starts_with(std::string_view s, std::string_view prefix);
bool ends_with(std::string_view s, std::string_view suffix);

// Edit distance (insert, delete, substitute, transpose adjacent), for
// "did you mean".
size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `word` if it is close enough to be a likely typo.
std::string closest(std::string_view word, const std::vector<std::string>& candidates);

// Number of terminal columns a UTF-8 string takes (one per code point; good
// enough for Latin text and names).
size_t display_width(std::string_view s);

// Cuts a UTF-8 string to at most `width` columns, ending in "…" when cut.
std::string ellipsize(std::string_view s, size_t width);

// True when `s` is valid UTF-8.
bool valid_utf8(std::string_view s);
// A value from a file or the command line, safe to echo in a message:
// control characters (C0 and C1) become '?', text that is not UTF-8 is not echoed, and
// long values are cut to `width` characters.
std::string shown(std::string_view s, size_t width = 60);

} // namespace hostingctl::text
