// Small string helpers: trimming, splitting, "did you mean", column widths
// for tables, and the UTF-8 check every validated text goes through.
#include "support.hpp"
#include "util/text.hpp"

using namespace hostingctl;

TEST_CASE("trim removes blanks at both ends only") {
    CHECK(text::trim("  a b  ") == "a b");
    CHECK(text::trim("\t\r\n a\n") == "a");
    CHECK(text::trim("\v\fa\v\f") == "a");
    CHECK(text::trim("") == "");
    CHECK(text::trim(" \t\n ") == "");
    CHECK(text::trim("a") == "a");
    // Non-breaking space (U+00A0) is text, not ASCII blank.
    CHECK(text::trim("\xc2\xa0"
                     "a") == "\xc2\xa0"
                             "a");
}

TEST_CASE("lower folds ASCII only and leaves UTF-8 intact") {
    CHECK(text::lower("SimPus-2026") == "simpus-2026");
    CHECK(text::lower("ÜBER") == "Über"); // multi-byte characters are left alone
    CHECK(text::lower("") == "");
}

TEST_CASE("split keeps empty fields") {
    CHECK(text::split("a,b,c", ',') == std::vector<std::string>{"a", "b", "c"});
    CHECK(text::split("a,,b", ',') == std::vector<std::string>{"a", "", "b"});
    CHECK(text::split(",a,", ',') == std::vector<std::string>{"", "a", ""});
    CHECK(text::split("", ',') == std::vector<std::string>{""});
    CHECK(text::split("abc", ',') == std::vector<std::string>{"abc"});
    CHECK(text::split("simpus.pekalongankota.go.id", '.') ==
          std::vector<std::string>{"simpus", "pekalongankota", "go", "id"});
}

TEST_CASE("join") {
    CHECK(text::join({"web01", "web02"}, ", ") == "web01, web02");
    CHECK(text::join({"only"}, ", ") == "only");
    CHECK(text::join({}, ", ") == "");
    CHECK(text::join({"", ""}, "-") == "-");
}

TEST_CASE("starts_with and ends_with") {
    CHECK(text::starts_with("HST-2026-0001", "HST-"));
    CHECK_FALSE(text::starts_with("HST", "HST-"));
    CHECK(text::ends_with("HST-2026-0001.yaml", ".yaml"));
    CHECK_FALSE(text::ends_with("yaml", ".yaml"));
    CHECK(text::starts_with("x", ""));
}

TEST_CASE("edit distance counts insertions, deletions, substitutions and swaps") {
    CHECK(text::edit_distance("", "") == 0);
    CHECK(text::edit_distance("abc", "") == 3);
    CHECK(text::edit_distance("", "abc") == 3);
    CHECK(text::edit_distance("dispose", "dispose") == 0);
    CHECK(text::edit_distance("kitten", "sitting") == 3);
    CHECK(text::edit_distance("dipsose", "dispose") == 1); // adjacent swap
    CHECK(text::edit_distance("dispos", "dispose") == 1);
    CHECK(text::edit_distance("disposee", "dispose") == 1);
    CHECK(text::edit_distance("dispise", "dispose") == 1);
}

TEST_CASE("closest suggests a likely typo and nothing when the word is far off") {
    const std::vector<std::string> verbs = {"new",    "dispose", "assign",  "verify",
                                            "submit", "forward", "approve", "deliver"};
    CHECK(text::closest("dispoes", verbs) == "dispose");
    CHECK(text::closest("aprove", verbs) == "approve");
    CHECK(text::closest("Verify", verbs) == "verify"); // case does not count
    CHECK(text::closest("xyzzy", verbs) == "");
    CHECK(text::closest("delete", {"dinkes", "disdik"}) == "");
    CHECK(text::closest("anything", {}) == "");
}

TEST_CASE("display width counts characters, not bytes") {
    CHECK(text::display_width("") == 0);
    CHECK(text::display_width("abc") == 3);
    CHECK(text::display_width("ü") == 1);
    CHECK(text::display_width("Dinas Kesehatan — ü") == 19);
    CHECK(text::display_width("🎉") == 1);
}

TEST_CASE("ellipsize cuts to the column width and marks the cut") {
    CHECK(text::ellipsize("Dinas Kesehatan", 20) == "Dinas Kesehatan");
    CHECK(text::ellipsize("Dinas Kesehatan", 15) == "Dinas Kesehatan");
    CHECK(text::ellipsize("Dinas Kesehatan", 8) == "Dinas K…");
    CHECK(text::display_width(text::ellipsize("Dinas Kesehatan", 8)) == 8);
    // A multi-byte character is never split.
    CHECK(text::ellipsize("üüüüü", 3) == "üü…");
    CHECK(text::valid_utf8(text::ellipsize("日本語のテキスト", 4)));
    CHECK(text::ellipsize("abc", 1) == "…");
}

TEST_CASE("valid_utf8") {
    struct Row {
        std::string bytes;
        bool valid;
        const char* what;
    };
    const std::vector<Row> rows = {
        {"", true, "empty"},
        {"plain ASCII", true, "ASCII"},
        {"ü", true, "two bytes"},
        {"日本", true, "three bytes"},
        {"🎉", true, "four bytes"},
        {"\xef\xbf\xbd", true, "U+FFFD"},
        {"\xf4\x8f\xbf\xbf", true, "U+10FFFF, the last code point"},
        {std::string("a\0b", 3), true, "NUL is valid UTF-8 (refused elsewhere)"},
        {"\xc3", false, "cut after the lead byte"},
        {"\xe6\x97", false, "cut inside a three-byte character"},
        {"\xc3\x28", false, "lead byte without continuation"},
        {"\x80", false, "lone continuation byte"},
        {"\xc0\xaf", false, "overlong two-byte '/'"},
        {"\xe0\x80\xaf", false, "overlong three-byte '/'"},
        {"\xf0\x80\x80\xaf", false, "overlong four-byte '/'"},
        {"\xed\xa0\x80", false, "UTF-16 surrogate"},
        {"\xf4\x90\x80\x80", false, "beyond U+10FFFF"},
        {"\xf8\x88\x80\x80\x80", false, "five-byte form"},
        {"\xff", false, "0xFF"},
        {"latin-1 b\xfc"
         "cher",
         false, "Latin-1 text"},
    };
    for (const Row& r : rows) {
        INFO(r.what);
        CHECK(text::valid_utf8(r.bytes) == r.valid);
    }
}

TEST_CASE("shown makes a value safe to echo in a message") {
    CHECK(text::shown("simpus") == "simpus");
    CHECK(text::shown("a\nb\tc\x1b[2J") == "a?b?c?[2J");
    CHECK(text::shown(std::string("x\0y", 3)) == "x?y");
    // C1 controls too (U+009B is ESC [ to some terminals); other two-byte
    // characters stay.
    CHECK(text::shown("a\xc2\x9bJb\xc2\x85z") == "a?Jb?z");
    CHECK(text::shown("\xc2\xa0\xc2\xa9 \xc3\xbc") == "\xc2\xa0\xc2\xa9 \xc3\xbc");
    CHECK(text::shown("\xff\xfe") == "(not UTF-8 text)");
    CHECK(text::shown(std::string(100, 'a'), 10) == std::string(9, 'a') + "…");
    CHECK(text::shown("Dinas Kesehatan Kota Pekalongan", 40) == "Dinas Kesehatan Kota Pekalongan");
}
