// The documents folder of a request: attachments are staged and renamed
// into documents/<id>/ whole, a leftover folder is set aside to .trash/
// (never adopted, never deleted), and staging folders of dead writers are
// found.
#include "store/documents.hpp"
#include "support.hpp"

#include <fmt/format.h>
#include <unistd.h>

using namespace hostingctl;
using unit::slurp;
using unit::spit;
using unit::TempDir;
using unit::tree;

TEST_SUITE_BEGIN("store/documents");

TEST_CASE("staged files appear in documents/<id>/ whole, and only once placed") {
    TempDir dir;
    spit(dir / "a.pdf", "letter A");
    spit(dir / "b.pdf", "letter B");
    const Date today{2026, 11, 23};
    {
        StagedDocuments staged(dir.path());
        staged.add(dir / "a.pdf", "letter/a.pdf", 0640);
        staged.add(dir / "b.pdf", "letter/b.pdf", 0640);
        CHECK_FALSE(stdfs::exists(dir / "documents/HST-2026-0001"));
        auto set = tree(dir / "documents/.staging");
        CHECK(set.size() == 4); // the staging folder, letter/ and two files
        CHECK(staged.place("HST-2026-0001", today) == std::nullopt);
        staged.keep();
    }
    CHECK(slurp(dir / "documents/HST-2026-0001/letter/a.pdf") == "letter A");
    CHECK(slurp(dir / "documents/HST-2026-0001/letter/b.pdf") == "letter B");
    CHECK((stdfs::status(dir / "documents/HST-2026-0001/letter/a.pdf").permissions() &
           stdfs::perms::all) == static_cast<stdfs::perms>(0640));
    CHECK(tree(dir / "documents/.staging").empty());
}

TEST_CASE("what is not kept is removed: staged or placed") {
    TempDir dir;
    spit(dir / "a.pdf", "letter A");
    {
        StagedDocuments staged(dir.path());
        staged.add(dir / "a.pdf", "letter/a.pdf", 0640);
    }
    CHECK(tree(dir / "documents/.staging").empty());
    {
        StagedDocuments staged(dir.path());
        staged.add(dir / "a.pdf", "letter/a.pdf", 0640);
        staged.place("HST-2026-0001", Date{2026, 11, 23});
        CHECK(stdfs::exists(dir / "documents/HST-2026-0001/letter/a.pdf"));
        // ...and the record could not be written.
    }
    CHECK_FALSE(stdfs::exists(dir / "documents/HST-2026-0001"));
    CHECK(tree(dir / "documents/.staging").empty());
}

TEST_CASE("a leftover documents/<id>/ is set aside to a dated trash folder, never adopted") {
    TempDir dir;
    spit(dir / "new.pdf", "this request's letter");
    const Date today{2026, 11, 23};
    for (int round = 0; round < 2; ++round) {
        INFO("round " << round);
        stdfs::create_directories(dir / "documents/HST-2026-0005/letter");
        spit(dir / "documents/HST-2026-0005/letter/old.pdf", fmt::format("left by run {}", round));
        StagedDocuments staged(dir.path());
        if (round == 0)
            staged.add(dir / "new.pdf", "letter/new.pdf", 0640);
        auto aside = staged.place("HST-2026-0005", today);
        std::string want = ".trash/2026-11-23/documents/HST-2026-0005";
        if (round == 1)
            want += ".1"; // the first one is kept too
        REQUIRE(aside);
        CHECK(aside->string() == want);
        CHECK(slurp(dir / want / "letter/old.pdf") == fmt::format("left by run {}", round));
        staged.keep();
        if (round == 0) {
            CHECK(tree(dir / "documents/HST-2026-0005") ==
                  std::set<std::string>{"letter", "letter/new.pdf"});
            stdfs::remove_all(dir / "documents/HST-2026-0005");
        } else {
            // Without attachments, the request starts with no folder at all.
            CHECK_FALSE(stdfs::exists(dir / "documents/HST-2026-0005"));
        }
    }
}

TEST_CASE("staging folders whose writer is gone are found; a live writer's are not") {
    TempDir dir;
    for (const std::string& name : {fmt::format("{}.0000abcd", ::getpid()),
                                    std::string("999999999.0000abcd"), std::string("junk")})
        stdfs::create_directories(dir / "documents/.staging" / name);
    CHECK(abandoned_staging(dir.path()) ==
          std::vector<stdfs::path>{"documents/.staging/999999999.0000abcd",
                                   "documents/.staging/junk"});
    TempDir empty;
    CHECK(abandoned_staging(empty.path()).empty());
}

TEST_CASE("move_to_trash keeps the path under a dated folder") {
    TempDir dir;
    stdfs::create_directories(dir / "documents/.staging/123.x/letter");
    spit(dir / "documents/.staging/123.x/letter/a.pdf", "A");
    auto to = move_to_trash(dir.path(), "documents/.staging/123.x", Date{2026, 1, 2});
    CHECK(to == stdfs::path(".trash/2026-01-02/documents/.staging/123.x"));
    CHECK(slurp(dir / to / "letter/a.pdf") == "A");
    CHECK_FALSE(stdfs::exists(dir / "documents/.staging/123.x"));
}

TEST_SUITE_END();
