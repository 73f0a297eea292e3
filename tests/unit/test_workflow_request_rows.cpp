// The request rows, kept in the row cache (.cache/requests.idx), make
// `request list` fast, but the files are the truth: a hand edit, a deleted
// or garbled cache, or a damaged file must never make the list lie or touch
// a request file.
#include "store/codec.hpp"
#include "store/store.hpp"
#include "support.hpp"
#include "workflow/request_rows.hpp"

#include <fcntl.h>
#include <map>
#include <memory>
#include <sys/stat.h>

using namespace hostingctl;
using unit::add_event;
using unit::sample_request;
using unit::slurp;
using unit::spit;
using unit::TempDir;

namespace {

// A store with three requests of 2026 in different states.
struct Fixture {
    TempDir dir;
    std::unique_ptr<Store> store;

    Fixture() {
        Store::create(dir.path());
        store = std::make_unique<Store>(dir.path());
        Request a = sample_request("HST-2026-0001", "simpus.pekalongankota.go.id");
        store->create_request(a);

        Request b = sample_request("HST-2026-0002", "sipd.pekalongankota.go.id");
        b.agency = "disdik";
        b.hosting.app = AppKind::php;
        b.hosting.php_version = "8.2";
        add_event(b, "dispose");
        add_event(b, "assign", {{"officer", "budi"}});
        store->create_request(b);

        Request c = sample_request("HST-2026-0003", "ppdb.pekalongankota.go.id");
        add_event(c, "cancel", {{"reason", "withdrawn"}});
        store->create_request(c);
    }

    stdfs::path file(const std::string& id) const { return store->request_path(id); }
    stdfs::path cache() const { return dir / ".cache/requests.idx"; }

    // Lists as of `now`; by default an hour from now, when every file of the
    // fixture has settled and may be cached.
    std::map<std::string, RequestSummary> list(int64_t now = unit::caller().now() + 3600) const {
        RequestList l = list_requests(*store, now);
        std::map<std::string, RequestSummary> out;
        for (auto& s : l.items)
            out[s.id] = s;
        return out;
    }
};

// Rewrites a request file in place (same inode, as many editors and `sed -i`
// do not), replacing `from` by `to`.
void hand_edit(const stdfs::path& file, const std::string& from, const std::string& to) {
    std::string text = slurp(file);
    auto pos = text.find(from);
    REQUIRE(pos != std::string::npos);
    text.replace(pos, from.size(), to);
    spit(file, text);
}

std::vector<std::string> ids(const RequestList& l) {
    std::vector<std::string> out;
    for (const auto& s : l.items)
        out.push_back(s.id);
    return out;
}

} // namespace

TEST_CASE("summarize: what a list row shows of a request") {
    Request r = sample_request("HST-2026-0002", "sipd.pekalongankota.go.id");
    add_event(r, "dispose");
    add_event(r, "assign", {{"officer", "budi"}});
    RequestSummary s = summarize(r, "requests/2026/HST-2026-0002.yaml");
    CHECK(s.id == "HST-2026-0002");
    CHECK(s.path == "requests/2026/HST-2026-0002.yaml");
    CHECK(s.status == "assigned");
    CHECK(s.agency == "dinkes");
    CHECK(s.officer == "budi");
    CHECK(s.domain == "sipd.pekalongankota.go.id");
    CHECK(s.app == "static");
    CHECK(s.received_at == "2026-11-23T09:15:00+07:00");
    CHECK(s.last_at == "2026-11-23T11:15:00+07:00"); // two steps, an hour apart
    CHECK(s.letter_number == "400.7/123/Dinkes/2026");
    CHECK(s.subject == "Permohonan hosting sipd.pekalongankota.go.id");
}

TEST_CASE("listing shows every request, sorted by id, with its derived status") {
    Fixture f;
    RequestList l = list_requests(*f.store, unit::caller().now());
    CHECK(l.problems.empty());
    CHECK(ids(l) == std::vector<std::string>{"HST-2026-0001", "HST-2026-0002", "HST-2026-0003"});
    auto rows = f.list();
    CHECK(rows["HST-2026-0001"].status == "received");
    CHECK(rows["HST-2026-0002"].status == "assigned");
    CHECK(rows["HST-2026-0002"].officer == "budi");
    CHECK(rows["HST-2026-0002"].agency == "disdik");
    CHECK(rows["HST-2026-0002"].app == "php");
    CHECK(rows["HST-2026-0003"].status == "cancelled");
    CHECK(rows["HST-2026-0001"].domain == "simpus.pekalongankota.go.id");
    CHECK(rows["HST-2026-0001"].path == "requests/2026/HST-2026-0001.yaml");
}

TEST_CASE("requests of several years are listed together") {
    Fixture f;
    Request old = sample_request("HST-2025-0007", "lama.pekalongankota.go.id");
    old.letter.date = Date{2025, 12, 30};
    f.store->create_request(old);
    CHECK(ids(list_requests(*f.store, unit::caller().now())) ==
          std::vector<std::string>{"HST-2025-0007", "HST-2026-0001", "HST-2026-0002",
                                   "HST-2026-0003"});
}

TEST_CASE("the second listing, served from the cache, equals the first") {
    Fixture f;
    // Text with the cache's own separators in it.
    Request r = sample_request("HST-2026-0004", "tab.pekalongankota.go.id");
    r.letter.subject = "tab\there, back\\slash, \\t literally, new\nline";
    f.store->create_request(r);

    auto first = f.list();
    REQUIRE(stdfs::exists(f.cache()));
    auto second = f.list();
    REQUIRE(first.size() == second.size());
    for (const auto& [id, a] : first) {
        const RequestSummary& b = second[id];
        INFO(id);
        CHECK(a.path == b.path);
        CHECK(a.status == b.status);
        CHECK(a.agency == b.agency);
        CHECK(a.officer == b.officer);
        CHECK(a.domain == b.domain);
        CHECK(a.app == b.app);
        CHECK(a.received_at == b.received_at);
        CHECK(a.last_at == b.last_at);
        CHECK(a.letter_number == b.letter_number);
        CHECK(a.subject == b.subject);
    }
    CHECK(second["HST-2026-0004"].subject == "tab\there, back\\slash, \\t literally, new\nline");
}

TEST_CASE("a hand edit of the same size right after a listing shows up in the next listing") {
    // The edit may land within the same file-system timestamp tick as the
    // listing that cached the old content; size, inode and times then all
    // look unchanged.  Repeat to give that race every chance to happen.
    Fixture f;
    const std::string a = "simpus.pekalongankota.go.id";
    const std::string b = "simpas.pekalongankota.go.id";
    REQUIRE(a.size() == b.size());
    for (int round = 0; round < 20; ++round) {
        INFO("round " << round);
        auto file = f.file("HST-2026-0001");
        bool even = round % 2 == 0;
        REQUIRE(f.list(unit::caller().now())["HST-2026-0001"].domain == (even ? a : b));
        auto size_before = stdfs::file_size(file);
        hand_edit(file, "domain: " + (even ? a : b), "domain: " + (even ? b : a));
        REQUIRE(stdfs::file_size(file) == size_before);
        CHECK(f.list(unit::caller().now())["HST-2026-0001"].domain == (even ? b : a));
    }
}

TEST_CASE("a hand edit that changes the size shows up") {
    Fixture f;
    f.list();
    hand_edit(f.file("HST-2026-0001"), "domain: simpus.pekalongankota.go.id",
              "domain: simpus-baru.pekalongankota.go.id");
    CHECK(f.list()["HST-2026-0001"].domain == "simpus-baru.pekalongankota.go.id");
}

TEST_CASE("a hand edit that keeps the old modification time shows up") {
    // e.g. `cp -p` or `rsync -t` from a backup, or `touch -r`.
    Fixture f;
    auto file = f.file("HST-2026-0001");
    struct stat st {};
    REQUIRE(::stat(file.c_str(), &st) == 0);
    f.list();
    hand_edit(file, "domain: simpus.pekalongankota.go.id", "domain: simpas.pekalongankota.go.id");
    struct timespec times[2] = {st.st_atim, st.st_mtim};
    REQUIRE(::utimensat(AT_FDCWD, file.c_str(), times, 0) == 0);
    CHECK(f.list()["HST-2026-0001"].domain == "simpas.pekalongankota.go.id");
}

TEST_CASE("a file replaced by a restored copy shows up") {
    Fixture f;
    f.list();
    Request r = f.store->load_request("HST-2026-0001");
    add_event(r, "dispose");
    auto file = f.file("HST-2026-0001");
    spit(f.dir / "restored.tmp", encode_request(r));
    stdfs::rename(f.dir / "restored.tmp", file);
    CHECK(f.list()["HST-2026-0001"].status == "disposed");
}

TEST_CASE("added and removed files") {
    Fixture f;
    f.list();
    stdfs::remove(f.file("HST-2026-0002"));
    f.store->create_request(sample_request("HST-2026-0004", "baru.pekalongankota.go.id"));
    CHECK(ids(list_requests(*f.store, unit::caller().now())) ==
          std::vector<std::string>{"HST-2026-0001", "HST-2026-0003", "HST-2026-0004"});
}

TEST_CASE("the cache is disposable") {
    Fixture f;
    auto expected = f.list();
    REQUIRE(expected.size() == 3);

    SUBCASE("deleted") {
        stdfs::remove(f.cache());
        CHECK(f.list().size() == 3);
        CHECK(f.list()["HST-2026-0002"].status == "assigned");
        CHECK(stdfs::exists(f.cache())); // and rebuilt
    }
    SUBCASE("the whole cache directory deleted") {
        stdfs::remove_all(f.dir / ".cache");
        CHECK(f.list()["HST-2026-0002"].status == "assigned");
    }
    SUBCASE("garbage") {
        spit(f.cache(), std::string("\x00\xff garbage \n\t\t\t\n", 16));
        CHECK(f.list().size() == 3);
        CHECK(f.list()["HST-2026-0002"].status == "assigned");
        CHECK(slurp(f.cache()).starts_with("hostingctl-row-cache"));
    }
    SUBCASE("the right header, then garbage") {
        std::string cache = slurp(f.cache());
        std::string header = cache.substr(0, cache.find('\n') + 1);
        spit(f.cache(), header + "1\t2\t3\n\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\n");
        CHECK(f.list().size() == 3);
        CHECK(f.list()["HST-2026-0001"].domain == "simpus.pekalongankota.go.id");
    }
    SUBCASE("cut short in the middle of a line") {
        std::string cache = slurp(f.cache());
        spit(f.cache(), cache.substr(0, cache.size() - 10));
        auto rows = f.list();
        CHECK(rows.size() == 3);
        CHECK(rows["HST-2026-0003"].status == "cancelled");
    }
    SUBCASE("empty") {
        spit(f.cache(), "");
        CHECK(f.list().size() == 3);
    }
    SUBCASE("a directory where the cache file should be") {
        stdfs::remove(f.cache());
        stdfs::create_directory(f.cache());
        CHECK(f.list().size() == 3);
    }
}

TEST_CASE("a damaged request file is reported, never modified, and the others still list") {
    Fixture f;
    f.list();
    auto file = f.file("HST-2026-0002");
    std::string damaged = slurp(file);
    damaged.replace(damaged.find("agency: disdik"), 14, "agency: [disdik");
    spit(file, damaged);
    struct stat before {};
    REQUIRE(::stat(file.c_str(), &before) == 0);

    for (int i = 0; i < 2; ++i) { // reported every time, not just once
        INFO("listing " << i + 1);
        RequestList l = list_requests(*f.store, unit::caller().now());
        CHECK(ids(l) == std::vector<std::string>{"HST-2026-0001", "HST-2026-0003"});
        REQUIRE(l.problems.size() == 1);
        CHECK_CONTAINS(l.problems[0], "HST-2026-0002.yaml");
    }
    CHECK(slurp(file) == damaged);
    struct stat after {};
    REQUIRE(::stat(file.c_str(), &after) == 0);
    CHECK(after.st_ino == before.st_ino);
    CHECK(after.st_mtim.tv_sec == before.st_mtim.tv_sec);
    CHECK(after.st_mtim.tv_nsec == before.st_mtim.tv_nsec);
}

TEST_CASE("other kinds of damage are reported with the file name") {
    Fixture f;
    SUBCASE("a file holding another id") {
        Request r = sample_request("HST-2026-0009", "x.pekalongankota.go.id");
        spit(f.dir / "requests/2026/HST-2026-0005.yaml", encode_request(r));
        RequestList l = list_requests(*f.store, unit::caller().now());
        CHECK(ids(l).size() == 3);
        REQUIRE(l.problems.size() == 1);
        CHECK_CONTAINS(l.problems[0], "HST-2026-0005.yaml");
        CHECK_CONTAINS(l.problems[0], "HST-2026-0009");
    }
    SUBCASE("an event log in an impossible order") {
        Request r = sample_request("HST-2026-0005", "x.pekalongankota.go.id");
        add_event(r, "approve");
        spit(f.dir / "requests/2026/HST-2026-0005.yaml", encode_request(r));
        std::string bytes = slurp(f.dir / "requests/2026/HST-2026-0005.yaml");
        RequestList l = list_requests(*f.store, unit::caller().now());
        REQUIRE(l.problems.size() == 1);
        CHECK_CONTAINS(l.problems[0], "HST-2026-0005.yaml");
        CHECK_CONTAINS(l.problems[0], "approve");
        CHECK(slurp(f.dir / "requests/2026/HST-2026-0005.yaml") == bytes);
    }
    SUBCASE("a file of a newer schema") {
        hand_edit(f.file("HST-2026-0001"), "schema: 2", "schema: 4");
        RequestList l = list_requests(*f.store, unit::caller().now());
        CHECK(ids(l) == std::vector<std::string>{"HST-2026-0002", "HST-2026-0003"});
        REQUIRE(l.problems.size() == 1);
        CHECK_CONTAINS(l.problems[0], "newer");
    }
}

TEST_CASE("files that are not request files are ignored") {
    Fixture f;
    spit(f.dir / "requests/2026/.HST-2026-0001.yaml.swp", "editor swap");
    spit(f.dir / "requests/2026/HST-2026-0001.yaml~", "editor backup");
    spit(f.dir / "requests/2026/README.txt", "notes");
    stdfs::create_directory(f.dir / "requests/.git");
    spit(f.dir / "requests/.git/HST-2026-0001.yaml", "not a request");
    RequestList l = list_requests(*f.store, unit::caller().now());
    CHECK(l.problems.empty());
    CHECK(ids(l) == std::vector<std::string>{"HST-2026-0001", "HST-2026-0002", "HST-2026-0003"});
}

TEST_CASE("what looks like a record but cannot be one is reported, not skipped") {
    Fixture f;
    SUBCASE("a folder named like a request file") {
        stdfs::create_directory(f.dir / "requests/2026/HST-2026-0004.yaml");
        RequestList l = list_requests(*f.store, unit::caller().now());
        CHECK(ids(l).size() == 3);
        REQUIRE(l.problems.size() == 1);
        CHECK_CONTAINS(l.problems[0], "HST-2026-0004.yaml: is not a regular file");
    }
    SUBCASE("a file where a year's folder should be") {
        spit(f.dir / "requests/2025", "oops");
        RequestList l = list_requests(*f.store, unit::caller().now());
        CHECK(ids(l).size() == 3);
        REQUIRE(l.problems.size() == 1);
        CHECK_CONTAINS(l.problems[0], "requests/2025: is not a folder");
    }
    SUBCASE("a year's folder that cannot be read") {
        if (::geteuid() == 0)
            return; // root reads everything
        stdfs::permissions(f.dir / "requests/2026", stdfs::perms::none);
        RequestList l = list_requests(*f.store, unit::caller().now());
        stdfs::permissions(f.dir / "requests/2026", stdfs::perms::owner_all);
        CHECK(l.items.empty());
        REQUIRE(l.problems.size() == 1);
        CHECK_CONTAINS(l.problems[0], "cannot be read: Permission denied");
    }
}

TEST_CASE("settled files are served from the cache; only changed ones are read again") {
    Fixture f;
    const int64_t later = unit::caller().now() + 3600;
    RequestList first = list_requests(*f.store, later);
    CHECK(first.parsed == 3);
    RequestList second = list_requests(*f.store, later);
    CHECK(second.parsed == 0); // every row came from the cache
    CHECK(ids(second) == ids(first));
    CHECK(second.items[1].officer == "budi");
    CHECK(second.items[1].clock == first.items[1].clock);

    hand_edit(f.file("HST-2026-0003"), "withdrawn", "withdrawn by letter");
    RequestList third = list_requests(*f.store, later);
    CHECK(third.parsed == 1);
    CHECK(ids(third) == ids(first));
}

TEST_CASE("files changed in the two seconds before now are not cached") {
    Fixture f;
    const int64_t now = unit::caller().now();
    CHECK(list_requests(*f.store, now).parsed == 3);
    CHECK(list_requests(*f.store, now).parsed == 3); // still too fresh to trust
    CHECK(list_requests(*f.store, now + 3600).parsed == 3);
    CHECK(list_requests(*f.store, now + 3600).parsed == 0);
}

TEST_CASE("an empty store lists nothing") {
    TempDir dir;
    Store::create(dir.path());
    Store s(dir.path());
    RequestList l = list_requests(s, unit::caller().now());
    CHECK(l.items.empty());
    CHECK(l.problems.empty());
}
