// Line differences in the format of diff -u: what a dry run shows of a file
// that is there already.
#include "support.hpp"
#include "util/diff.hpp"

#include <string>

using namespace hostingctl;

namespace {

std::string numbered(int from, int to, int changed = 0, const std::string& as = "") {
    std::string s;
    for (int i = from; i <= to; ++i)
        s += (i == changed ? as : "l" + std::to_string(i)) + "\n";
    return s;
}

std::string diffed(const std::string& a, const std::string& b) {
    auto d = diff::unified(a, b, "a", "b");
    REQUIRE(d.has_value());
    return *d;
}

} // namespace

TEST_CASE("the same text has no diff") {
    CHECK(diffed("x\ny\n", "x\ny\n").empty());
}

TEST_CASE("a changed line, with three lines around it") {
    CHECK(diffed(numbered(1, 10), numbered(1, 10, 5, "X")) ==
          "--- a\n+++ b\n@@ -2,7 +2,7 @@\n l2\n l3\n l4\n-l5\n+X\n l6\n l7\n l8\n");
}

TEST_CASE("lines added at the end, as records are to a zone") {
    CHECK(diffed("a\nb\nc\n", "a\nb\nc\nd\ne\n") ==
          "--- a\n+++ b\n@@ -1,3 +1,5 @@\n a\n b\n c\n+d\n+e\n");
}

TEST_CASE("a new text, and a text emptied") {
    CHECK(diffed("", "x\n") == "--- a\n+++ b\n@@ -0,0 +1 @@\n+x\n");
    CHECK(diffed("x\ny\n", "") == "--- a\n+++ b\n@@ -1,2 +0,0 @@\n-x\n-y\n");
}

TEST_CASE("changes far apart are hunks of their own") {
    std::string after = numbered(1, 20, 2, "X");
    after.replace(after.find("l18\n"), 4, "Y\n");
    CHECK(diffed(numbered(1, 20), after) ==
          "--- a\n+++ b\n@@ -1,5 +1,5 @@\n l1\n-l2\n+X\n l3\n l4\n l5\n"
          "@@ -15,6 +15,6 @@\n l15\n l16\n l17\n-l18\n+Y\n l19\n l20\n");
}

TEST_CASE("changes close together are one hunk") {
    std::string after = numbered(1, 20, 5, "X");
    after.replace(after.find("l10\n"), 4, "Y\n");
    CHECK(diffed(numbered(1, 20), after) ==
          "--- a\n+++ b\n@@ -2,12 +2,12 @@\n l2\n l3\n l4\n-l5\n+X\n"
          " l6\n l7\n l8\n l9\n-l10\n+Y\n l11\n l12\n l13\n");
}

TEST_CASE("a last line without a newline is marked") {
    CHECK(diffed("a\nb", "a\nc") == "--- a\n+++ b\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end "
                                    "of file\n+c\n\\ No newline at end of file\n");
}

TEST_CASE("a newline added at the end is a change") {
    CHECK(diffed("a\nb", "a\nb\nc\n") == "--- a\n+++ b\n@@ -1,2 +1,3 @@\n a\n-b\n\\ No newline at "
                                         "end of file\n+b\n+c\n");
    CHECK(diffed("a\nb\n", "a\nb") ==
          "--- a\n+++ b\n@@ -1,2 +1,2 @@\n a\n-b\n+b\n\\ No newline at end of file\n");
}

TEST_CASE("a text changed beyond the limit is not diffed") {
    CHECK_FALSE(diff::unified(numbered(1, 20), numbered(21, 40), "a", "b", 3, 10).has_value());
    CHECK(diff::unified(numbered(1, 20), numbered(1, 20, 3, "X"), "a", "b", 3, 10).has_value());
}
