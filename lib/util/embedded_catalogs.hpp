#pragma once
// The compiled message catalogs (po/*.po through msgfmt), compiled into the
// binary by cmake/embed_catalogs.cmake.
#include <string_view>
#include <utility>
#include <vector>

namespace hostingctl::embedded {

// (language code, the catalog in GNU .mo format), sorted by code.
const std::vector<std::pair<std::string_view, std::string_view>>& catalogs();

} // namespace hostingctl::embedded
