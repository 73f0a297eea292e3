#include "util/embedded.hpp"

#include "util/error.hpp"
#include "util/i18n.hpp"

#include <fmt/format.h>

namespace hostingctl::embedded {

std::string_view get(std::string_view path) {
    for (const File& f : files())
        if (f.path == path)
            return f.content;
    throw Error(Exit::failure, trf("built-in file {} is missing from this build", path));
}

} // namespace hostingctl::embedded
