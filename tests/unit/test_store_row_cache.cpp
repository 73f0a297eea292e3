// The row cache seen from outside its listing: verify_rows compares the rows
// a listing would trust with what the files give now, without rebuilding or
// writing the cache.
#include "store/row_cache.hpp"
#include "support.hpp"
#include "util/error.hpp"

#include <fmt/format.h>

using namespace hostingctl;
using unit::slurp;
using unit::spit;
using unit::TempDir;

namespace {

// Records <root>/notes/2026/<n>.yaml whose row is their text, one field.
RowSource notes() {
    RowSource src;
    src.dir = "notes";
    src.name = "notes.idx";
    src.layout = "notes-1";
    src.fields = 1;
    src.row = [](const stdfs::path& file, const std::string&) {
        std::string text = slurp(file);
        if (text.starts_with("bad"))
            throw Error(Exit::damaged, fmt::format("{}: damaged: bad", file.string()));
        return std::vector<std::string>{text};
    };
    return src;
}

// Replaces `from` by `to` (same length) in the cache, keeping every key.
void tamper(const stdfs::path& cache, const std::string& from, const std::string& to) {
    std::string text = slurp(cache);
    auto pos = text.find(from);
    REQUIRE(pos != std::string::npos);
    text.replace(pos, from.size(), to);
    spit(cache, text);
}

} // namespace

TEST_SUITE_BEGIN("store/row_cache");

TEST_CASE("verify_rows: a trusted row that differs from its file is named, nothing is written") {
    TempDir dir;
    stdfs::create_directories(dir / "notes/2026");
    spit(dir / "notes/2026/a.yaml", "alpha");
    spit(dir / "notes/2026/b.yaml", "bravo");
    const RowSource src = notes();
    const int64_t later = static_cast<int64_t>(::time(nullptr)) + 3600;
    CHECK(verify_rows(dir.path(), src).empty()); // no cache yet: nothing to compare
    REQUIRE(scan_rows(dir.path(), src, later).rows.size() == 2);
    CHECK(verify_rows(dir.path(), src).empty());

    const stdfs::path cache = dir / ".cache/notes.idx";
    tamper(cache, "bravo", "BRAVO");
    const std::string tampered = slurp(cache);
    auto stale = verify_rows(dir.path(), src);
    REQUIRE(stale.size() == 1);
    CHECK(stale[0].rel == "notes/2026/b.yaml");
    CHECK_CONTAINS(stale[0].message, "'BRAVO'");
    CHECK_CONTAINS(stale[0].message, "'bravo'");
    CHECK(slurp(cache) == tampered);

    SUBCASE("a file changed since it was cached is read again by a listing: not stale") {
        spit(dir / "notes/2026/b.yaml", "bravo, edited");
        CHECK(verify_rows(dir.path(), src).empty());
    }
    SUBCASE("a file that cannot be read now under an unchanged key is stale") {
        tamper(cache, "alpha", "bad!!");
        // The row says "bad!!" while the file says "alpha": a plain mismatch.
        CHECK(verify_rows(dir.path(), src).size() == 2);
    }
    SUBCASE("a cache of another layout is not compared") {
        tamper(cache, "notes-1", "notes-2");
        CHECK(verify_rows(dir.path(), src).empty());
    }
}

TEST_SUITE_END();
