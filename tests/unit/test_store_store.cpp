// The store directory (PRODUCT §3): creating it without ever clobbering
// anything, finding it, numbering requests per year, and reading and
// writing request files.
#include "store/codec.hpp"
#include "store/store.hpp"
#include "support.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace hostingctl;
using unit::error_from;
using unit::sample_request;
using unit::slurp;
using unit::spit;
using unit::TempDir;
using unit::tree;

namespace {

// Replaces the first `from` in a store file with `to`.
void edit(const stdfs::path& file, const std::string& from, const std::string& to) {
    std::string text = slurp(file);
    auto pos = text.find(from);
    REQUIRE_MESSAGE(pos != std::string::npos, file.string() << " lacks '" << from << "'");
    text.replace(pos, from.size(), to);
    spit(file, text);
}

// Sets an environment variable for the life of the object.
class EnvVar {
  public:
    EnvVar(const char* name, const char* value) : name_(name) {
        if (const char* old = std::getenv(name))
            old_ = old;
        if (value)
            ::setenv(name, value, 1);
        else
            ::unsetenv(name);
    }
    ~EnvVar() {
        if (old_)
            ::setenv(name_, old_->c_str(), 1);
        else
            ::unsetenv(name_);
    }
    EnvVar(const EnvVar&) = delete;
    EnvVar& operator=(const EnvVar&) = delete;

  private:
    const char* name_;
    std::optional<std::string> old_;
};

} // namespace

TEST_CASE("a new store holds the skeleton and opens with the default configuration") {
    TempDir dir;
    auto root = dir / "store";
    Store::create(root);

    auto files = tree(root);
    for (const char* f :
         {"hostingctl.yaml", "staff.yaml", "agencies.yaml", "servers.yaml", "calendar.yaml",
          "requests", "complaints", "documents", "templates", "reports", ".cache"}) {
        INFO("expected " << f);
        CHECK(files.count(f) == 1);
    }
    // Only the finished files: no temporary files left by the atomic writes.
    for (const auto& f : files)
        CHECK_FALSE(unit::contains(f, ".tmp."));

    Store s(root);
    CHECK(s.root() == root);
    CHECK(s.config().zones == std::vector<std::string>{"pekalongankota.go.id"});
    CHECK(s.config().recording == RecordingPolicy::proxy);
    CHECK(s.config().request_id_format == "HST-{year}-{seq:4}");
    CHECK(s.tz().name() == "Asia/Jakarta");
    for (const char* reserved : {"www", "mail", "ns1", "ftp"})
        CHECK(std::find(s.config().reserved_names.begin(), s.config().reserved_names.end(),
                        reserved) != s.config().reserved_names.end());
    CHECK(s.staff().empty());
    CHECK(s.agencies().empty());
    CHECK(stdfs::is_empty(root / "requests"));
}

TEST_CASE("a store may be created in an existing empty directory") {
    TempDir dir;
    CHECK_NOTHROW(Store::create(dir.path()));
    CHECK_NOTHROW(Store(dir.path()));
}

TEST_CASE("create refuses a directory that already holds a store, and changes nothing") {
    TempDir dir;
    auto root = dir / "store";
    Store::create(root);
    // The office has made the store its own.
    edit(root / "hostingctl.yaml", "Pekalongan\"", "Pekalongan (edited)\"");
    std::string config = slurp(root / "hostingctl.yaml");
    spit(root / "staff.yaml", "schema: 1\nstaff: []\n# ours\n");
    auto before = tree(root);

    Error e = error_from([&] { Store::create(root); });
    CHECK(e.code() == Exit::conflict);
    CHECK_CONTAINS(e.what(), root.string());
    CHECK(slurp(root / "hostingctl.yaml") == config);
    CHECK(slurp(root / "staff.yaml") == "schema: 1\nstaff: []\n# ours\n");
    CHECK(tree(root) == before);
}

TEST_CASE("create refuses a non-empty directory, and changes nothing") {
    TempDir dir;
    SUBCASE("a directory with someone's files") {
        spit(dir / "notes.txt", "do not touch");
        Error e = error_from([&] { Store::create(dir.path()); });
        CHECK(e.code() == Exit::conflict);
        CHECK_CONTAINS(e.what(), "not empty");
        CHECK(tree(dir.path()) == std::set<std::string>{"notes.txt"});
        CHECK(slurp(dir / "notes.txt") == "do not touch");
    }
    SUBCASE("a directory holding only a hidden directory") {
        stdfs::create_directory(dir / ".git");
        CHECK(error_from([&] { Store::create(dir.path()); }).code() == Exit::conflict);
        CHECK(tree(dir.path()) == std::set<std::string>{".git"});
    }
    SUBCASE("a path that is a file") {
        spit(dir / "store", "a file");
        CHECK(error_from([&] { Store::create(dir / "store"); }).code() == Exit::conflict);
        CHECK(slurp(dir / "store") == "a file");
    }
}

TEST_CASE("opening a store that is not there, damaged or too new") {
    TempDir dir;
    SUBCASE("no store") {
        Error e = error_from([&] { Store s(dir.path()); });
        CHECK(e.code() == Exit::not_found);
        CHECK_CONTAINS(e.what(), dir.path().string());
        CHECK_CONTAINS(e.hint(), "init");
    }
    SUBCASE("a configuration of a newer schema") {
        Store::create(dir.path());
        edit(dir / "hostingctl.yaml", "schema: 1", "schema: 2");
        std::string bytes = slurp(dir / "hostingctl.yaml");
        Error e = error_from([&] { Store s(dir.path()); });
        CHECK(e.code() == Exit::damaged);
        CHECK_CONTAINS(e.what(), "hostingctl.yaml");
        CHECK_CONTAINS(e.what(), "newer");
        CHECK(slurp(dir / "hostingctl.yaml") == bytes);
    }
    SUBCASE("an unusable numbering format") {
        Store::create(dir.path());
        edit(dir / "hostingctl.yaml", "HST-{year}-{seq:4}", "HST/{seq}");
        Error e = error_from([&] { Store s(dir.path()); });
        CHECK(e.code() == Exit::damaged);
        CHECK_CONTAINS(e.what(), "hostingctl.yaml");
    }
    SUBCASE("an unknown time zone") {
        Store::create(dir.path());
        edit(dir / "hostingctl.yaml", "time_zone: Asia/Jakarta", "time_zone: Asia/Pekalongan");
        Error e = error_from([&] { Store s(dir.path()); });
        CHECK(e.code() == Exit::damaged);
        CHECK_CONTAINS(e.what(), "Asia/Pekalongan");
    }
}

TEST_CASE("where the store is: --store, then HOSTINGCTL_STORE, then the XDG data directory") {
    EnvVar store_env("HOSTINGCTL_STORE", "/srv/hosting");
    EnvVar xdg("XDG_DATA_HOME", "/home/budi/.data");
    EnvVar home("HOME", "/home/budi");
    CHECK(Store::locate("/tmp/flag") == "/tmp/flag");
    CHECK(Store::locate("") == "/srv/hosting");
    {
        EnvVar unset("HOSTINGCTL_STORE", nullptr);
        CHECK(Store::locate("") == "/home/budi/.data/hostingctl");
        {
            EnvVar empty_xdg("XDG_DATA_HOME", "");
            CHECK(Store::locate("") == "/home/budi/.local/share/hostingctl");
            EnvVar no_home("HOME", nullptr);
            CHECK(error_from([] { Store::locate(""); }).code() == Exit::usage);
        }
    }
}

TEST_CASE("staff and agencies are written and read back") {
    TempDir dir;
    Store::create(dir.path());
    Store s(dir.path());
    s.write_staff({{"budi",
                    "Budi Santoso",
                    "199001012015031001",
                    "Pranata Komputer",
                    {Role::petugas_teknis},
                    "budi"},
                   {"kadis", "Dr. Kepala", "", "Kepala Dinas", {Role::kepala_dinas}, ""}});
    s.write_agencies({{"dinkes", "Dinas Kesehatan", "", "", "", ""}});
    auto staff = s.staff();
    REQUIRE(staff.size() == 2);
    CHECK(staff[0].id == "budi");
    CHECK(staff[0].unix_user == "budi");
    CHECK(staff[1].roles == std::vector<Role>{Role::kepala_dinas});
    auto agencies = s.agencies();
    REQUIRE(agencies.size() == 1);
    CHECK(agencies[0].name == "Dinas Kesehatan");
}

TEST_CASE("request numbers run per year and follow the highest file") {
    TempDir dir;
    Store::create(dir.path());
    Store s(dir.path());
    CHECK(s.next_request_id(2026) == "HST-2026-0001");

    s.create_request(sample_request("HST-2026-0001", "a.pekalongankota.go.id"));
    CHECK(s.next_request_id(2026) == "HST-2026-0002");
    s.create_request(sample_request("HST-2026-0002", "b.pekalongankota.go.id"));
    CHECK(s.next_request_id(2026) == "HST-2026-0003");

    // Another year starts again at 1.
    CHECK(s.next_request_id(2025) == "HST-2025-0001");
    CHECK(s.next_request_id(2027) == "HST-2027-0001");

    // A file restored from a backup is never handed out again.
    s.create_request(sample_request("HST-2026-0010", "c.pekalongankota.go.id"));
    CHECK(s.next_request_id(2026) == "HST-2026-0011");

    // Files that are not request files do not count.
    spit(dir / "requests/2026/HST-2026-0099.yaml.bak", "x");
    spit(dir / "requests/2026/notes.yaml", "x");
    spit(dir / "requests/2026/HST-2025-0500.yaml", "x"); // misfiled: wrong year's folder
    CHECK(s.next_request_id(2026) == "HST-2026-0011");
}

TEST_CASE("request files: create, load, update") {
    TempDir dir;
    Store::create(dir.path());
    Store s(dir.path());
    Request r = sample_request("HST-2026-0001", "simpus.pekalongankota.go.id");
    s.create_request(r);

    auto path = dir / "requests/2026/HST-2026-0001.yaml";
    CHECK(s.request_path("HST-2026-0001") == path);
    CHECK(stdfs::is_regular_file(path));
    CHECK(s.request_exists("HST-2026-0001"));
    CHECK_FALSE(s.request_exists("HST-2026-0002"));

    Request back = s.load_request("HST-2026-0001");
    CHECK(back.hosting.domain == "simpus.pekalongankota.go.id");
    CHECK(back.events.size() == 1);

    unit::add_event(back, "dispose");
    s.update_request(back);
    CHECK(s.load_request("HST-2026-0001").events.size() == 2);
    CHECK(tree(dir / "requests/2026") == std::set<std::string>{"HST-2026-0001.yaml"});
}

TEST_CASE("create_request refuses an id that exists and leaves that file alone") {
    TempDir dir;
    Store::create(dir.path());
    Store s(dir.path());
    s.create_request(sample_request("HST-2026-0001", "simpus.pekalongankota.go.id"));
    auto path = s.request_path("HST-2026-0001");
    std::string bytes = slurp(path);

    Error e = error_from(
        [&] { s.create_request(sample_request("HST-2026-0001", "other.pekalongankota.go.id")); });
    CHECK(e.code() == Exit::conflict);
    CHECK(slurp(path) == bytes);
    CHECK(tree(path.parent_path()) == std::set<std::string>{"HST-2026-0001.yaml"});
}

TEST_CASE("loading requests that are missing, misnamed or damaged") {
    TempDir dir;
    Store::create(dir.path());
    Store s(dir.path());

    SUBCASE("an id that does not exist") {
        Error e = error_from([&] { s.load_request("HST-2026-0042"); });
        CHECK(e.code() == Exit::not_found);
        CHECK_CONTAINS(e.what(), "HST-2026-0042");
    }
    SUBCASE("something that is not a request number never becomes a path") {
        for (const char* id : {"../../etc/passwd", "HST-2026-0001/../../x", "",
                               "HST-2026-1"
                               "/x"}) {
            INFO("id '" << id << "'");
            Error e = error_from([&] { s.load_request(id); });
            CHECK(e.code() == Exit::not_found);
            CHECK_CONTAINS(e.hint(), "HST-2026-0007");
        }
    }
    SUBCASE("a file holding a different id") {
        Request r = sample_request("HST-2026-0002", "simpus.pekalongankota.go.id");
        stdfs::create_directories(dir / "requests/2026");
        spit(dir / "requests/2026/HST-2026-0001.yaml", encode_request(r));
        Error e = error_from([&] { s.load_request("HST-2026-0001"); });
        CHECK(e.code() == Exit::damaged);
        CHECK_CONTAINS(e.what(), "HST-2026-0002");
    }
    SUBCASE("a damaged file is reported and left as it was") {
        stdfs::create_directories(dir / "requests/2026");
        auto path = dir / "requests/2026/HST-2026-0001.yaml";
        spit(path, "schema: 1\nid: HST-2026-0001\nagency: [\n");
        Error e = error_from([&] { s.load_request("HST-2026-0001"); });
        CHECK(e.code() == Exit::damaged);
        CHECK_CONTAINS(e.what(), path.string());
        CHECK(slurp(path) == "schema: 1\nid: HST-2026-0001\nagency: [\n");
    }
}

TEST_CASE("the store lock: a second writer waits, then gives up") {
    TempDir dir;
    Store::create(dir.path());
    edit(dir / "hostingctl.yaml", "lock_timeout_seconds: 10", "lock_timeout_seconds: 0");
    Store s(dir.path());
    auto held = s.lock();
    Error e = error_from([&] { s.lock(); });
    CHECK(e.code() == Exit::lock_timeout);
    held.reset();
    CHECK_NOTHROW(s.lock());
}

TEST_CASE("the store lock sweeps temp files of killed writers, at most every ten minutes") {
    TempDir dir;
    Store::create(dir.path());
    Store s(dir.path());
    pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0)
        ::_exit(0);
    REQUIRE(::waitpid(child, nullptr, 0) == child);
    auto leave = [&](const stdfs::path& rel) {
        stdfs::create_directories((dir / rel).parent_path());
        spit(dir / rel, "partial");
        struct timespec times[2] = {{::time(nullptr) - 7200, 0}, {::time(nullptr) - 7200, 0}};
        REQUIRE(::utimensat(AT_FDCWD, (dir / rel).c_str(), times, 0) == 0);
    };
    const std::string temp = ".ADU-2026-0001.yaml.tmp." + std::to_string(child) + ".1f";
    const stdfs::path scan = stdfs::path("documents/HST-2026-0001/letter") /
                             (".scan.pdf.tmp." + std::to_string(child) + ".2f");
    leave(stdfs::path("complaints/2026") / temp);
    leave(temp);
    leave(scan);
    s.lock();
    CHECK_FALSE(stdfs::exists(dir / "complaints/2026" / temp));
    CHECK_FALSE(stdfs::exists(dir / temp));
    CHECK_FALSE(stdfs::exists(dir / scan));
    CHECK(stdfs::exists(dir / ".cache/temp-sweep"));
    CHECK(stdfs::exists(dir / ".cache/temp-sweep-all"));
    // Swept a moment ago: not again.
    leave(temp);
    s.lock();
    CHECK(stdfs::exists(dir / temp));
    // Ten minutes later the records again, but documents/ only once a day.
    auto backdate = [&](const char* stamp, long seconds) {
        struct timespec times[2] = {{::time(nullptr) - seconds, 0}, {::time(nullptr) - seconds, 0}};
        REQUIRE(::utimensat(AT_FDCWD, (dir / ".cache" / stamp).c_str(), times, 0) == 0);
    };
    leave(scan);
    backdate("temp-sweep", 601);
    s.lock();
    CHECK_FALSE(stdfs::exists(dir / temp));
    CHECK(stdfs::exists(dir / scan));
    backdate("temp-sweep", 601);
    backdate("temp-sweep-all", 24 * 3600 + 1);
    s.lock();
    CHECK_FALSE(stdfs::exists(dir / scan));
    // Deleting the cache makes the next write sweep everything.
    leave(temp);
    leave(scan);
    stdfs::remove_all(dir / ".cache");
    s.lock();
    CHECK_FALSE(stdfs::exists(dir / temp));
    CHECK_FALSE(stdfs::exists(dir / scan));
}

TEST_CASE("a store shared by a group") {
    TempDir dir;
    const mode_t umask_before = ::umask(022);
    SUBCASE("an unknown group is refused, and nothing is created") {
        Error e = error_from([&] { Store::create(dir / "store", "no-such-group-hostingctl"); });
        CHECK(e.code() == Exit::invalid);
        CHECK_CONTAINS(e.what(), "no-such-group-hostingctl");
        CHECK_CONTAINS(e.hint(), "getent group");
        CHECK(error_from([&] { Store::create(dir.path(), ""); }).code() == Exit::invalid);
        CHECK(tree(dir.path()).empty());
    }
    SUBCASE("a group of ours: set-group-ID directories, group files, the umask") {
        std::optional<std::string> name;
        std::optional<unsigned> gid;
        for (const char* g : {"users", "staff", "adm", "daemon"})
            if (auto id = fs::group_id(g); id && fs::may_use_group(*id) && *id != ::getegid()) {
                name = g;
                gid = id;
                break;
            }
        if (!name) {
            MESSAGE("skipped: no group other than ours to use");
        } else {
            auto root = dir / "store";
            Store::create(root, name);
            struct stat st {};
            for (const char* d : {"", "requests", "complaints", ".cache", "templates"}) {
                INFO(d);
                REQUIRE(::stat((root / d).c_str(), &st) == 0);
                CHECK((st.st_mode & 07777) == 02775); // the umask lets others read
                CHECK(st.st_gid == *gid);
            }
            REQUIRE(::stat((root / "hostingctl.yaml").c_str(), &st) == 0);
            CHECK((st.st_mode & 07777) == 0664);
            CHECK(st.st_gid == *gid);
            // Opening the store sets the umask the group needs.
            ::umask(077);
            Store s(root);
            CHECK(::umask(022) == 002);
        }
    }
    ::umask(umask_before);
}

TEST_CASE("record ids are listed sorted, all of them or those of one year") {
    TempDir dir;
    auto root = dir / "store";
    Store::create(root);
    Store s(root);
    const std::string format = "ADU-{year}-{seq:4}";
    for (const char* rel :
         {"complaints/2025/ADU-2025-0002.yaml", "complaints/2025/ADU-2025-0001.yaml",
          "complaints/2026/ADU-2026-0001.yaml", "complaints/2026/notes.txt",
          "complaints/2026/.ADU-2026-0002.yaml.tmp.1", "complaints/2026/x.yaml"}) {
        stdfs::create_directories((root / rel).parent_path());
        spit(root / rel, "schema: 1\n");
    }
    CHECK(s.record_ids("complaints", format) ==
          std::vector<std::string>{"ADU-2025-0001", "ADU-2025-0002", "ADU-2026-0001"});
    CHECK(s.record_ids("complaints", format, 2025) ==
          std::vector<std::string>{"ADU-2025-0001", "ADU-2025-0002"});
    CHECK(s.record_ids("complaints", format, 2026) == std::vector<std::string>{"ADU-2026-0001"});
    CHECK(s.record_ids("complaints", format, 2024).empty());
    CHECK(s.next_record_id("complaints", format, 2025) == "ADU-2025-0003");
}

TEST_CASE("scan_records names every entry a listing cannot read") {
    TempDir dir;
    auto root = dir / "store";
    Store::create(root);
    Store s(root);
    const std::string format = "ADU-{year}-{seq:4}";
    for (const char* rel : {"complaints/2026/ADU-2026-0001.yaml", "complaints/2026/x.yaml",
                            "complaints/2025/ADU-2026-0002.yaml", "complaints/2026/notes.txt",
                            "complaints/2026/.ADU-2026-0003.yaml.tmp.1", "complaints/2024"}) {
        stdfs::create_directories((root / rel).parent_path());
        spit(root / rel, "schema: 1\n");
    }
    stdfs::create_directories(root / "complaints/2026/ADU-2026-0004.yaml");

    RecordScan all = s.scan_records("complaints", format);
    CHECK(all.ids == std::vector<std::string>{"ADU-2026-0001"});
    std::string problems = text::join(all.problems, "\n");
    CHECK(all.problems.size() == 4);
    CHECK_CONTAINS(problems, "complaints/2024: is not a folder");
    CHECK_CONTAINS(problems, "complaints/2026/x.yaml: is not named like a record");
    CHECK_CONTAINS(problems, "complaints/2025/ADU-2026-0002.yaml: is filed under 2025/");
    CHECK_CONTAINS(problems, "complaints/2026/ADU-2026-0004.yaml: is not a regular file");
    // The same ids as record_ids; notes and temp files are no records.
    CHECK(s.record_ids("complaints", format) == all.ids);

    // One year looks at that year's folder only.
    RecordScan y2026 = s.scan_records("complaints", format, 2026);
    CHECK(y2026.ids == all.ids);
    CHECK(y2026.problems.size() == 2);
    CHECK(s.scan_records("complaints", format, 2023).problems.empty());
    CHECK(s.scan_records("surveys", "IKM-{year}-{seq:4}").ids.empty());

    if (::geteuid() != 0) { // root reads every folder
        stdfs::permissions(root / "complaints/2026", stdfs::perms::none);
        RecordScan locked = s.scan_records("complaints", format, 2026);
        CHECK(locked.ids.empty());
        REQUIRE(locked.problems.size() == 1);
        CHECK_CONTAINS(locked.problems[0], "cannot be read");
        stdfs::permissions(root / "complaints/2026", stdfs::perms::owner_all);
    }
}
