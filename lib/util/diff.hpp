#pragma once
// Line differences, as `diff -u` prints them.  Knows nothing about hosting.
#include <optional>
#include <string>

namespace hostingctl::diff {

// The unified diff from `before` to `after` (lines, with `context` lines
// around each change), headed "--- FROM" and "+++ TO"; "" when they are
// the same.  nullopt when the two differ too much for a diff to be worth
// reading (more than `max_edits` lines added or removed): show the file.
std::optional<std::string> unified(const std::string& before, const std::string& after,
                                   const std::string& from, const std::string& to, int context = 3,
                                   int max_edits = 1000);

} // namespace hostingctl::diff
