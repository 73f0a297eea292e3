#pragma once
// Files from templates/ compiled into the binary (see cmake/embed.cmake).
#include <string_view>
#include <vector>

namespace hostingctl::embedded {

struct File {
    std::string_view path;    // relative to templates/, e.g. "store/staff.yaml"
    std::string_view content; // the file's bytes
};

// All embedded files, sorted by path.
const std::vector<File>& files();

// The content of one embedded file; throws Error(failure) when missing,
// which would be a packaging bug.
std::string_view get(std::string_view path);

} // namespace hostingctl::embedded
