// The store skeleton is compiled into the binary so a freshly built tool can
// run `hostingctl init` without being installed.
#include "support.hpp"
#include "util/embedded.hpp"

#include <algorithm>

using namespace hostingctl;

TEST_CASE("the store skeleton is embedded") {
    for (const char* path : {"store/hostingctl.yaml", "store/staff.yaml", "store/agencies.yaml",
                             "store/servers.yaml", "store/calendar.yaml"}) {
        INFO(path);
        std::string_view content = embedded::get(path);
        CHECK_FALSE(content.empty());
        CHECK_CONTAINS(std::string(content), "schema: 1");
    }
}

TEST_CASE("embedded files are listed once each, sorted by path") {
    const auto& files = embedded::files();
    REQUIRE_FALSE(files.empty());
    CHECK(std::is_sorted(files.begin(), files.end(),
                         [](const auto& a, const auto& b) { return a.path < b.path; }));
    CHECK(std::adjacent_find(files.begin(), files.end(), [](const auto& a, const auto& b) {
              return a.path == b.path;
          }) == files.end());
}

TEST_CASE("asking for a file that is not embedded is an error, not empty content") {
    CHECK(unit::error_from([] { embedded::get("store/no-such-file.yaml"); }).code() ==
          Exit::failure);
}
