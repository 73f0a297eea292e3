// File-system primitives the store relies on: atomic replacement, atomic
// creation that refuses to overwrite, and the store lock.
#include "support.hpp"
#include "util/fs.hpp"

#include <chrono>
#include <ctime>
#include <fcntl.h>
#include <optional>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace hostingctl;
using unit::error_from;
using unit::slurp;
using unit::TempDir;
using unit::tree;
using namespace std::chrono_literals;

namespace {

unsigned mode_of(const std::filesystem::path& p) {
    struct stat st {};
    REQUIRE(::stat(p.c_str(), &st) == 0);
    return st.st_mode & 07777;
}

// A process id that no longer runs: a child that has exited and been reaped.
pid_t reaped_pid() {
    pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0)
        ::_exit(0);
    int status = 0;
    REQUIRE(::waitpid(child, &status, 0) == child);
    return child;
}

// Sets the modification (and access) time of `p` to `seconds` ago.
void age(const std::filesystem::path& p, long seconds) {
    struct timespec times[2] = {{::time(nullptr) - seconds, 0}, {::time(nullptr) - seconds, 0}};
    REQUIRE(::utimensat(AT_FDCWD, p.c_str(), times, AT_SYMLINK_NOFOLLOW) == 0);
}

// A group other than our own that we may give files to: any, as root, else
// a supplementary group of ours.
std::optional<gid_t> other_group() {
    if (::geteuid() == 0) {
        for (const char* name : {"users", "staff", "adm", "daemon"})
            if (auto gid = fs::group_id(name); gid && *gid != ::getegid())
                return static_cast<gid_t>(*gid);
        return std::nullopt;
    }
    gid_t groups[256];
    int n = ::getgroups(256, groups);
    for (int i = 0; i < n; ++i)
        if (groups[i] != ::getegid())
            return groups[i];
    return std::nullopt;
}

gid_t group_of(const std::filesystem::path& p) {
    struct stat st {};
    REQUIRE(::stat(p.c_str(), &st) == 0);
    return st.st_gid;
}

// A child process that takes the lock, tells the parent, and holds it until
// the parent closes its end of the `release` pipe (or for at most `hold`).
class LockHolder {
  public:
    LockHolder(const std::filesystem::path& lock_file, std::chrono::milliseconds hold) {
        int ready[2], release[2];
        REQUIRE(::pipe(ready) == 0);
        REQUIRE(::pipe(release) == 0);
        pid_ = ::fork();
        REQUIRE(pid_ >= 0);
        if (pid_ == 0) {
            ::close(ready[0]);
            ::close(release[1]);
            int code = 0;
            try {
                fs::FileLock lock(lock_file, 0ms);
                char c = 'x';
                (void)!::write(ready[1], &c, 1);
                // Wait for the parent, but never longer than `hold`.
                struct timeval tv {
                    static_cast<time_t>(hold.count() / 1000),
                        static_cast<suseconds_t>((hold.count() % 1000) * 1000)
                };
                fd_set fds;
                FD_ZERO(&fds);
                FD_SET(release[0], &fds);
                ::select(release[0] + 1, &fds, nullptr, nullptr, &tv);
            } catch (...) {
                code = 1;
            }
            ::_exit(code);
        }
        ::close(ready[1]);
        ::close(release[0]);
        release_fd_ = release[1];
        char c = 0;
        REQUIRE(::read(ready[0], &c, 1) == 1); // the child holds the lock now
        ::close(ready[0]);
    }
    // Lets the child go and returns its exit status (0 = it held the lock).
    int finish() {
        if (pid_ <= 0)
            return -1;
        ::close(release_fd_); // the child sees end-of-file and lets go
        int status = 0;
        ::waitpid(pid_, &status, 0);
        pid_ = -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }
    ~LockHolder() { finish(); }
    LockHolder(const LockHolder&) = delete;
    LockHolder& operator=(const LockHolder&) = delete;

  private:
    pid_t pid_ = -1;
    int release_fd_ = -1;
};

} // namespace

TEST_CASE("atomic_write creates and replaces a file, leaving nothing else behind") {
    TempDir dir;
    auto file = dir / "staff.yaml";

    fs::atomic_write(file, "first\n");
    CHECK(slurp(file) == "first\n");

    fs::atomic_write(file, "second, longer content\n");
    CHECK(slurp(file) == "second, longer content\n");

    fs::atomic_write(file, "3");
    CHECK(slurp(file) == "3");

    fs::atomic_write(file, "");
    CHECK(slurp(file).empty());

    // Binary content survives byte for byte.
    std::string bytes("a\0b\xff\n", 5);
    fs::atomic_write(file, bytes);
    CHECK(slurp(file) == bytes);

    CHECK(tree(dir.path()) == std::set<std::string>{"staff.yaml"});
}

TEST_CASE("a write removes what a killed writer of the same file left, and nothing else") {
    TempDir dir;
    auto file = dir / "HST-2026-0001.yaml";
    const std::string dead = std::to_string(reaped_pid()), alive = std::to_string(::getppid());
    auto leave = [&](const std::string& name, bool hours_ago) {
        unit::spit(dir / name, "partial: ");
        if (hours_ago)
            age(dir / name, 7200);
    };
    leave(".HST-2026-0001.yaml.tmp." + dead + ".1f", true);  // stale: removed
    leave(".HST-2026-0001.yaml.tmp." + dead + ".2f", false); // written a moment ago: kept
    leave(".HST-2026-0001.yaml.tmp." + alive + ".3f", true); // its writer runs: kept
    leave(".HST-2026-0002.yaml.tmp." + dead + ".4f", true);  // another file's: kept
    leave(".HST-2026-0001.yaml.tmp.x.5f", true);             // not a temp name: kept
    leave("HST-2026-0003.yaml", true);                       // a record: kept

    fs::atomic_write(file, "whole\n");
    CHECK(slurp(file) == "whole\n");
    CHECK(tree(dir.path()) ==
          std::set<std::string>{"HST-2026-0001.yaml", ".HST-2026-0001.yaml.tmp." + dead + ".2f",
                                ".HST-2026-0001.yaml.tmp." + alive + ".3f",
                                ".HST-2026-0002.yaml.tmp." + dead + ".4f",
                                ".HST-2026-0001.yaml.tmp.x.5f", "HST-2026-0003.yaml"});

    // atomic_create does the same for the file it creates.
    leave(".HST-2026-0002.yaml.tmp." + dead + ".6f", true);
    fs::atomic_create(dir / "HST-2026-0002.yaml", "new\n");
    CHECK(tree(dir.path()).count(".HST-2026-0002.yaml.tmp." + dead + ".4f") == 0);
    CHECK(tree(dir.path()).count(".HST-2026-0002.yaml.tmp." + dead + ".6f") == 0);
    CHECK(tree(dir.path()).count("HST-2026-0003.yaml") == 1);
}

TEST_CASE("remove_stale_temp_files clears killed writers' temp files in the whole tree, and "
          "nothing else") {
    TempDir dir;
    const std::string dead = std::to_string(reaped_pid()), alive = std::to_string(::getppid()),
                      self = std::to_string(::getpid());
    auto leave = [&](const std::string& rel, long seconds_ago) {
        std::filesystem::create_directories((dir / rel).parent_path());
        unit::spit(dir / rel, "nama: Pak Ahmad, telepon 0852 2683 3647\n");
        if (seconds_ago > 0)
            age(dir / rel, seconds_ago);
    };
    const std::set<std::string> stale = {
        ".staff.yaml.tmp." + dead + ".1f",
        "requests/2026/.HST-2026-0001.yaml.tmp." + dead + ".2f",
        "complaints/2026/.ADU-2026-0001.yaml.tmp." + dead + ".3f",
        "documents/HST-2026-0001/letter/.scan.pdf.tmp." + dead + ".4f",
        ".cache/.requests.idx.tmp." + dead + ".5f",
        "reports/.q.tmp.1.html.tmp." + dead + ".6f", // ".tmp." inside the file's own name
    };
    for (const auto& f : stale)
        leave(f, 7200);
    const std::vector<std::string> kept = {
        ".agencies.yaml.tmp." + dead + ".7f",                     // written a minute ago
        "requests/2026/.HST-2026-0002.yaml.tmp." + alive + ".8f", // its writer runs
        ".calendar.yaml.tmp." + self + ".9f",                     // our own
        "requests/2026/HST-2026-0003.yaml",                       // a record
        ".staff.yaml.tmp." + dead,                                // no random part
        ".staff.yaml.tmp." + dead + ".XYZ",                       // not ours: not hex
        "staff.yaml.tmp." + dead + ".1f",                         // no leading dot
        ".tmp." + dead + ".1f",                                   // no file name
        ".git/objects/.pack.tmp." + dead + ".af",                 // another tool's
    };
    leave(kept[0], 60);
    for (size_t i = 1; i < kept.size(); ++i)
        leave(kept[i], 7200);
    // A directory with a temp file's name, and a link out of the tree.
    std::filesystem::create_directories(dir / "reports" / (".d.tmp." + dead + ".af"));
    TempDir outside;
    leave("../" + outside.path().filename().string() + "/.x.tmp." + dead + ".1f", 0);
    age(outside / (".x.tmp." + dead + ".1f"), 7200);
    std::filesystem::create_directory_symlink(outside.path(), dir / "link");
    std::filesystem::create_symlink(dir / "staff.yaml", dir / (".link.tmp." + dead + ".bf"));
    age(dir / (".link.tmp." + dead + ".bf"), 7200);

    // find_stale_temp_files names the same files and leaves them.
    std::set<std::string> found;
    for (const auto& p : fs::find_stale_temp_files(dir.path()))
        found.insert(std::filesystem::relative(p, dir.path()).string());
    CHECK(found == stale);
    for (const auto& f : stale)
        CHECK(std::filesystem::exists(dir / f));

    std::set<std::string> removed;
    for (const auto& p : fs::remove_stale_temp_files(dir.path()))
        removed.insert(std::filesystem::relative(p, dir.path()).string());
    CHECK(removed == stale);
    auto left = tree(dir.path());
    for (const auto& f : stale)
        CHECK(left.count(f) == 0);
    for (const auto& f : kept) {
        INFO(f);
        CHECK(left.count(f) == 1);
    }
    CHECK(left.count("reports/.d.tmp." + dead + ".af") == 1);
    CHECK(left.count(".link.tmp." + dead + ".bf") == 1);
    CHECK(std::filesystem::exists(outside / (".x.tmp." + dead + ".1f")));

    // Nothing more to do; a shorter age takes the recent one too.
    CHECK(fs::remove_stale_temp_files(dir.path()).empty());
    CHECK(fs::remove_stale_temp_files(dir.path(), 30s).size() == 1);
    CHECK(fs::remove_stale_temp_files(dir / "missing").empty());

    // Directories to skip are not entered.
    leave("documents/HST-2026-0001/letter/.scan.pdf.tmp." + dead + ".4f", 7200);
    leave("requests/2026/.HST-2026-0001.yaml.tmp." + dead + ".2f", 7200);
    auto skipped = fs::remove_stale_temp_files(dir.path(), fs::kStaleTempAge, {"documents"});
    REQUIRE(skipped.size() == 1);
    CHECK(std::filesystem::relative(skipped[0], dir.path()).string() ==
          "requests/2026/.HST-2026-0001.yaml.tmp." + dead + ".2f");
    CHECK(std::filesystem::exists(
        dir / ("documents/HST-2026-0001/letter/.scan.pdf.tmp." + dead + ".4f")));
}

TEST_CASE("a rewrite keeps the mode, group and (for root) owner of the file it replaces") {
    TempDir dir;
    auto file = dir / "staff.yaml";
    fs::atomic_write(file, "first\n", 0644);
    REQUIRE(::chmod(file.c_str(), 0640) == 0);
    fs::atomic_write(file, "second\n"); // the default 0644 does not win
    CHECK(mode_of(file) == 0640);
    fs::atomic_write(file, "third\n", 0600);
    CHECK(mode_of(file) == 0640);
    CHECK(slurp(file) == "third\n");
    // A symbolic link at the name is replaced by a file of the given mode.
    std::filesystem::create_symlink(file, dir / "link");
    fs::atomic_write(dir / "link", "x", 0600);
    CHECK(mode_of(dir / "link") == 0600);
    CHECK(mode_of(file) == 0640);

    auto gid = other_group();
    if (!gid) {
        MESSAGE("skipped the group checks: no group other than ours to use");
        return;
    }
    REQUIRE(::chown(file.c_str(), static_cast<uid_t>(-1), *gid) == 0);
    fs::atomic_write(file, "fourth\n");
    CHECK(group_of(file) == *gid);
    CHECK(mode_of(file) == 0640);
    fs::atomic_copy(file, dir / "copy.yaml", 0600); // a new file: ours, as asked
    CHECK(mode_of(dir / "copy.yaml") == 0600);
    CHECK(group_of(dir / "copy.yaml") == ::getegid());
    if (::geteuid() == 0) {
        REQUIRE(::chown(file.c_str(), 1, *gid) == 0); // daemon's, say
        fs::atomic_write(file, "fifth\n");
        struct stat st {};
        REQUIRE(::stat(file.c_str(), &st) == 0);
        CHECK(st.st_uid == 1u);
        CHECK(st.st_gid == *gid);
    }
}

TEST_CASE("a new file in a directory shared by a group is the group's") {
    TempDir dir;
    auto gid = other_group();
    if (!gid) {
        MESSAGE("skipped: no group other than ours to use");
        return;
    }
    auto shared = dir / "shared";
    std::filesystem::create_directory(shared);
    fs::set_group_and_mode(shared, *gid, 02770);
    CHECK(mode_of(shared) == 02770);
    CHECK(group_of(shared) == *gid);
    CHECK(fs::group_umask(shared) == 0007u);
    fs::atomic_write(shared / "a.yaml", "x", 0644);
    fs::atomic_create(shared / "b.yaml", "x", 0640);
    CHECK(mode_of(shared / "a.yaml") == 0660); // others cannot enter the directory anyway
    CHECK(mode_of(shared / "b.yaml") == 0660);
    CHECK(group_of(shared / "a.yaml") == *gid);
    CHECK(group_of(shared / "b.yaml") == *gid);

    fs::set_group_and_mode(shared, *gid, 02775);
    CHECK(fs::group_umask(shared) == 0002u);
    fs::atomic_write(shared / "c.yaml", "x", 0644);
    fs::atomic_write(shared / "d.pdf", "x", 0640);
    CHECK(mode_of(shared / "c.yaml") == 0664);
    CHECK(mode_of(shared / "d.pdf") == 0660); // private stays private
    { fs::FileLock lock(shared / ".lock", 0ms); }
    CHECK(mode_of(shared / ".lock") == 0664);
    CHECK(group_of(shared / ".lock") == *gid);

    // A plain directory: exactly the mode asked, and no umask to set.
    CHECK_FALSE(fs::group_umask(dir.path()).has_value());
    CHECK_FALSE(fs::group_umask(dir / "missing").has_value());
}

TEST_CASE("groups: looked up by name, and ours to use") {
    CHECK(fs::group_id("root") == 0u);
    CHECK_FALSE(fs::group_id("no-such-group-hostingctl").has_value());
    CHECK_FALSE(fs::group_id("").has_value());
    CHECK(fs::may_use_group(static_cast<unsigned>(::getegid())));
    if (::geteuid() != 0)
        CHECK_FALSE(fs::may_use_group(0));
    TempDir dir;
    CHECK(error_from([&] { fs::set_group_and_mode(dir / "missing", 0, 0755); }).code() ==
          Exit::failure);
}

TEST_CASE("atomic_write replaces the file rather than writing into it") {
    // A reader holding the old file keeps the old content: the new file is
    // a different inode renamed over the name.
    TempDir dir;
    auto file = dir / "req.yaml";
    fs::atomic_write(file, "old");
    auto link = dir / "backup-hardlink";
    std::filesystem::create_hard_link(file, link);
    fs::atomic_write(file, "new");
    CHECK(slurp(file) == "new");
    CHECK(slurp(link) == "old");
}

TEST_CASE("atomic_write applies the requested mode whatever the umask") {
    TempDir dir;
    mode_t old = ::umask(0077);
    fs::atomic_write(dir / "public.yaml", "x", 0644);
    ::umask(0);
    fs::atomic_write(dir / "private.yaml", "x", 0600);
    ::umask(old);
    CHECK(mode_of(dir / "public.yaml") == 0644);
    CHECK(mode_of(dir / "private.yaml") == 0600);
}

TEST_CASE("atomic_write into a missing directory fails and creates nothing") {
    TempDir dir;
    Error e = error_from([&] { fs::atomic_write(dir / "no-such-dir" / "f.yaml", "x"); });
    CHECK(e.code() == Exit::failure);
    CHECK_CONTAINS(e.what(), "no-such-dir");
    CHECK(tree(dir.path()).empty());
}

TEST_CASE("atomic_create writes a new file and refuses an existing one") {
    TempDir dir;
    auto file = dir / "HST-2026-0001.yaml";
    fs::atomic_create(file, "original\n");
    CHECK(slurp(file) == "original\n");
    CHECK(tree(dir.path()) == std::set<std::string>{"HST-2026-0001.yaml"});

    Error e = error_from([&] { fs::atomic_create(file, "intruder\n"); });
    CHECK(e.code() == Exit::conflict);
    CHECK_CONTAINS(e.what(), "HST-2026-0001.yaml");
    // The existing file is untouched and no temporary file is left.
    CHECK(slurp(file) == "original\n");
    CHECK(tree(dir.path()) == std::set<std::string>{"HST-2026-0001.yaml"});
}

TEST_CASE("atomic_create does not follow or replace a symbolic link at the name") {
    TempDir dir;
    auto target = dir / "target";
    unit::spit(target, "precious");
    std::filesystem::create_symlink(target, dir / "link");
    CHECK(error_from([&] { fs::atomic_create(dir / "link", "x"); }).code() == Exit::conflict);
    CHECK(slurp(target) == "precious");
}

TEST_CASE("atomic_copy copies bytes and mode") {
    TempDir dir;
    std::string bytes("%PDF-1.4\n\0\x01\x02", 12);
    unit::spit(dir / "scan.pdf", bytes);
    fs::atomic_copy(dir / "scan.pdf", dir / "copy.pdf", 0640);
    CHECK(slurp(dir / "copy.pdf") == bytes);
    CHECK(mode_of(dir / "copy.pdf") == 0640);
    CHECK(error_from([&] { fs::atomic_copy(dir / "missing.pdf", dir / "x.pdf"); }).code() ==
          Exit::not_found);
    CHECK_FALSE(std::filesystem::exists(dir / "x.pdf"));
}

TEST_CASE("read_file") {
    TempDir dir;
    unit::spit(dir / "a", "content");
    CHECK(fs::read_file(dir / "a") == "content");
    Error e = error_from([&] { fs::read_file(dir / "missing"); });
    CHECK(e.code() == Exit::not_found);
    CHECK_CONTAINS(e.what(), "missing");
    // A directory is not a file to read.
    CHECK(error_from([&] { fs::read_file(dir.path()); }).code() == Exit::failure);

    std::string big(3 * 65536 + 17, 'z');
    unit::spit(dir / "big", big);
    CHECK(fs::read_file(dir / "big") == big);
}

TEST_CASE("sync_directory") {
    TempDir dir;
    CHECK_NOTHROW(fs::sync_directory(dir.path()));
    CHECK(error_from([&] { fs::sync_directory(dir / "missing"); }).code() == Exit::failure);
}

TEST_CASE("FileLock: a second lock on the same file in this process waits, then times out") {
    // flock locks belong to an open file description, so a second open in
    // the same process conflicts just as another process would.
    TempDir dir;
    auto lock_file = dir / ".lock";
    {
        fs::FileLock first(lock_file, 1000ms);
        auto start = std::chrono::steady_clock::now();
        Error e = error_from([&] { fs::FileLock second(lock_file, 150ms); });
        auto waited = std::chrono::steady_clock::now() - start;
        CHECK(e.code() == Exit::lock_timeout);
        CHECK_CONTAINS(e.hint(), "lock_timeout_seconds");
        CHECK(waited >= 150ms);
        CHECK(waited < 5s);
    }
    // Released when the first lock went out of scope.
    CHECK_NOTHROW(fs::FileLock again(lock_file, 0ms));
}

TEST_CASE("FileLock: another process holding the lock makes us time out") {
    TempDir dir;
    auto lock_file = dir / ".lock";
    LockHolder holder(lock_file, 10s);
    Error e = error_from([&] { fs::FileLock mine(lock_file, 100ms); });
    CHECK(e.code() == Exit::lock_timeout);
    CHECK(holder.finish() == 0);
    CHECK_NOTHROW(fs::FileLock mine(lock_file, 1000ms));
}

TEST_CASE("FileLock: the lock is taken as soon as the other process lets go") {
    TempDir dir;
    auto lock_file = dir / ".lock";
    // The child lets go by itself after 200 ms; we are willing to wait 10 s.
    LockHolder holder(lock_file, 200ms);
    auto start = std::chrono::steady_clock::now();
    CHECK_NOTHROW(fs::FileLock mine(lock_file, 10s));
    CHECK(std::chrono::steady_clock::now() - start < 5s);
    CHECK(holder.finish() == 0);
}

TEST_CASE("FileLock: deleting or replacing the lock file does not let a second writer in") {
    // Once the file is gone, a second process would create and lock a new
    // one; the lock must still hold while the first holder runs.
    TempDir dir;
    auto lock_file = dir / ".lock";
    {
        LockHolder holder(lock_file, 10s);
        std::filesystem::remove(lock_file);
        CHECK(error_from([&] { fs::FileLock mine(lock_file, 150ms); }).code() ==
              Exit::lock_timeout);
        unit::spit(dir / "other", "");
        std::filesystem::rename(dir / "other", lock_file);
        CHECK(error_from([&] { fs::FileLock mine(lock_file, 150ms); }).code() ==
              Exit::lock_timeout);
        CHECK(holder.finish() == 0);
    }
    // In this process too, and once the holder lets go the lock is free.
    {
        fs::FileLock first(lock_file, 0ms);
        std::filesystem::remove(lock_file);
        CHECK(error_from([&] { fs::FileLock second(lock_file, 100ms); }).code() ==
              Exit::lock_timeout);
    }
    CHECK_NOTHROW(fs::FileLock again(lock_file, 0ms));
    CHECK(std::filesystem::exists(lock_file));
}

TEST_CASE(
    "FileLock: a process that locks only the file (flock(1), an older version) is waited for") {
    TempDir dir;
    auto lock_file = dir / ".lock";
    unit::spit(lock_file, "");
    int fd = ::open(lock_file.c_str(), O_RDONLY | O_CLOEXEC);
    REQUIRE(fd >= 0);
    REQUIRE(::flock(fd, LOCK_EX) == 0);
    CHECK(error_from([&] { fs::FileLock mine(lock_file, 100ms); }).code() == Exit::lock_timeout);
    ::close(fd);
    CHECK_NOTHROW(fs::FileLock mine(lock_file, 0ms));
}

TEST_CASE("FileLock: a lock file that cannot be created is an I/O error, not a timeout") {
    TempDir dir;
    Error e = error_from([&] { fs::FileLock lock(dir / "missing" / ".lock", 0ms); });
    CHECK(e.code() == Exit::failure);
}
