#include "util/fs.hpp"

#include "util/error.hpp"
#include "util/i18n.hpp"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <climits>
#include <csignal>
#include <cstring>
#include <ctime>
#include <dirent.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <grp.h>
#include <random>
#include <sys/file.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

namespace hostingctl::fs {

namespace {

[[noreturn]] void io_error(std::string_view what, const stdfs::path& path, int err) {
    throw Error(Exit::failure, fmt::format("{} {}: {}", what, path.string(), std::strerror(err)));
}

class Fd {
  public:
    explicit Fd(int fd) : fd_(fd) {}
    ~Fd() {
        if (fd_ >= 0)
            ::close(fd_);
    }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    int get() const { return fd_; }
    int release() {
        int f = fd_;
        fd_ = -1;
        return f;
    }

  private:
    int fd_;
};

stdfs::path directory_of(const stdfs::path& file) {
    return file.parent_path().empty() ? stdfs::path(".") : file.parent_path();
}

std::string temp_name(const stdfs::path& target) {
    static thread_local std::mt19937_64 rng{std::random_device{}()};
    return fmt::format(".{}.tmp.{}.{:x}", target.filename().string(), ::getpid(), rng());
}

// What a temp file's name tells: .NAME.tmp.PID.RANDOM (see temp_name).
struct TempName {
    std::string_view target; // NAME
    pid_t pid;
};

std::optional<TempName> parse_temp_name(std::string_view name) {
    if (name.size() < 2 || name.front() != '.')
        return std::nullopt;
    size_t dot = name.rfind('.');
    std::string_view random = name.substr(dot + 1);
    if (random.empty() || !std::all_of(random.begin(), random.end(), [](char c) {
            return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
        }))
        return std::nullopt;
    std::string_view head = name.substr(0, dot); // .NAME.tmp.PID
    size_t pid_dot = head.rfind('.');
    if (pid_dot == std::string_view::npos)
        return std::nullopt;
    std::string_view digits = head.substr(pid_dot + 1);
    long pid = 0;
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), pid);
    if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size() || pid <= 0 ||
        pid > INT_MAX)
        return std::nullopt;
    std::string_view front = head.substr(0, pid_dot); // .NAME.tmp
    if (front.size() < 6 || !front.ends_with(".tmp"))
        return std::nullopt;
    return TempName{front.substr(1, front.size() - 5), static_cast<pid_t>(pid)};
}

// A temp file left by a killed writer: its process is gone (another
// user's live process answers EPERM and counts as running), and it has not
// been written since `cutoff` (see kStaleTempAge for why a dead PID alone is
// not enough).
bool abandoned(int dir_fd, const char* name, pid_t pid, time_t cutoff) {
    if (pid == ::getpid() || ::kill(pid, 0) == 0 || errno != ESRCH)
        return false;
    struct stat st {};
    return ::fstatat(dir_fd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode) &&
           st.st_mtime < cutoff;
}

time_t stale_cutoff(std::chrono::seconds min_age) {
    return ::time(nullptr) - static_cast<time_t>(min_age.count());
}

// After a write of `target`, the temp files of the same target that a killed
// writer left.  Best effort: a leftover that cannot be removed stays.
void remove_stale_temps(const stdfs::path& target) noexcept {
    DIR* d = ::opendir(directory_of(target).c_str());
    if (!d)
        return;
    const std::string file = target.filename().string();
    const time_t cutoff = stale_cutoff(kStaleTempAge);
    while (struct dirent* ent = ::readdir(d)) {
        auto temp = parse_temp_name(ent->d_name);
        if (temp && temp->target == file && abandoned(::dirfd(d), ent->d_name, temp->pid, cutoff))
            ::unlinkat(::dirfd(d), ent->d_name, 0);
    }
    ::closedir(d);
}

// What remove_stale_temp_files walks with.
struct Sweep {
    const stdfs::path& root;
    const std::vector<stdfs::path>& skip;
    time_t cutoff;
    bool remove; // false: only list what would be removed
    std::vector<stdfs::path> removed;
};

// Walks the directory `rel` (relative to the sweep's root, open as `dir_fd`,
// a descriptor this takes over) and what lies below it.
void sweep_directory(Sweep& sweep, int dir_fd, const stdfs::path& rel, int depth) {
    DIR* d = ::fdopendir(dir_fd);
    if (!d) {
        ::close(dir_fd);
        return;
    }
    while (struct dirent* ent = ::readdir(d)) {
        std::string_view name = ent->d_name;
        if (name == "." || name == "..")
            continue;
        unsigned char type = ent->d_type;
        if (type == DT_UNKNOWN) { // some file systems do not fill in d_type
            struct stat st {};
            if (::fstatat(::dirfd(d), ent->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0)
                continue;
            type = S_ISDIR(st.st_mode) ? DT_DIR : S_ISREG(st.st_mode) ? DT_REG : DT_UNKNOWN;
        }
        if (type == DT_DIR) {
            const stdfs::path sub_rel = rel / name;
            if (name == ".git" || name == ".hg" || name == ".svn" || depth >= 32 ||
                std::find(sweep.skip.begin(), sweep.skip.end(), sub_rel) != sweep.skip.end())
                continue;
            int sub =
                ::openat(::dirfd(d), ent->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
            if (sub >= 0)
                sweep_directory(sweep, sub, sub_rel, depth + 1);
            continue;
        }
        if (type != DT_REG)
            continue;
        auto temp = parse_temp_name(name);
        if (temp && abandoned(::dirfd(d), ent->d_name, temp->pid, sweep.cutoff) &&
            (!sweep.remove || ::unlinkat(::dirfd(d), ent->d_name, 0) == 0))
            sweep.removed.push_back(sweep.root / rel / name);
    }
    ::closedir(d);
}

// The permission bits of a new file asked for with `mode` in `dir` (see
// atomic_write): in a directory shared by a group, the group works on the
// file as its owner would.
mode_t new_file_mode(const stdfs::path& dir, unsigned mode) {
    const mode_t asked = static_cast<mode_t>(mode) & 0777;
    struct stat st {};
    if (::stat(dir.c_str(), &st) != 0 || !(st.st_mode & S_ISGID))
        return asked;
    const mode_t owner = asked & 0700;
    const mode_t others = (st.st_mode & 0007) ? (asked & 0007) : 0;
    return owner | (owner >> 3) | others;
}

// Gives the temp file `fd` the group (and, as root, the owner) of the file
// it replaces.  Best effort: without the right to, the file keeps ours.
void keep_ownership(int fd, const struct stat& replaced) noexcept {
    struct stat mine {};
    if (::fstat(fd, &mine) != 0)
        return;
    const bool root = ::geteuid() == 0;
    const uid_t uid =
        root && replaced.st_uid != mine.st_uid ? replaced.st_uid : static_cast<uid_t>(-1);
    const gid_t gid = replaced.st_gid != mine.st_gid ? replaced.st_gid : static_cast<gid_t>(-1);
    if (uid == static_cast<uid_t>(-1) && gid == static_cast<gid_t>(-1))
        return;
    if (::fchown(fd, uid, gid) != 0 && uid != static_cast<uid_t>(-1))
        (void)!::fchown(fd, static_cast<uid_t>(-1), gid);
}

// Writes content into a fresh temp file next to `target` with permission
// bits `mode` (and the ownership of `replaced` when given), fsynced;
// returns its path.
stdfs::path write_temp(const stdfs::path& target, std::string_view content, mode_t mode,
                       const struct stat* replaced) {
    stdfs::path tmp = directory_of(target) / temp_name(target);
    // Owner-only until the final ownership and mode are set.
    Fd fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600));
    if (fd.get() < 0)
        io_error(tr("cannot create"), tmp, errno);
    if (replaced)
        keep_ownership(fd.get(), *replaced);
    if (::fchmod(fd.get(), mode) != 0) { // after fchown, which may clear bits
        int e = errno;
        ::unlink(tmp.c_str());
        io_error(tr("cannot chmod"), tmp, e);
    }
    size_t done = 0;
    while (done < content.size()) {
        ssize_t n = ::write(fd.get(), content.data() + done, content.size() - done);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            int e = errno;
            ::unlink(tmp.c_str());
            io_error(tr("cannot write"), tmp, e);
        }
        done += static_cast<size_t>(n);
    }
    if (::fsync(fd.get()) != 0) {
        int e = errno;
        ::unlink(tmp.c_str());
        io_error(tr("cannot fsync"), tmp, e);
    }
    return tmp;
}

[[noreturn]] void lock_timeout(const stdfs::path& path) {
    throw Error(Exit::lock_timeout,
                trf("the store is locked by another hostingctl process ({})", path.string()),
                tr("wait for the other command to finish, or raise "
                   "policy.lock_timeout_seconds in hostingctl.yaml"));
}

// Takes an exclusive flock on `fd`, polling until `deadline`; throws
// Error(lock_timeout) after it.  Returns false, when `may_be_unsupported`,
// if the file system cannot lock this descriptor (a directory on NFS).
bool flock_until(int fd, std::chrono::steady_clock::time_point deadline, const stdfs::path& path,
                 bool may_be_unsupported) {
    auto pause = std::chrono::milliseconds(1);
    while (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        if (errno == EINTR)
            continue;
        if (errno != EWOULDBLOCK) {
            if (may_be_unsupported &&
                (errno == EBADF || errno == ENOLCK || errno == EOPNOTSUPP || errno == EINVAL))
                return false;
            io_error(tr("cannot lock"), path, errno);
        }
        if (std::chrono::steady_clock::now() >= deadline)
            lock_timeout(path);
        std::this_thread::sleep_for(pause);
        pause = std::min(pause * 2, std::chrono::milliseconds(50));
    }
    return true;
}

// Opens the lock file, creating it when missing; -1 (errno set) on failure.
int open_lock_file(const stdfs::path& path) {
    for (int attempt = 0; attempt < 1000; ++attempt) {
        int fd = ::open(path.c_str(), O_RDWR | O_CLOEXEC);
        if (fd < 0 && errno == EACCES) // flock needs no write access on a local file system
            fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd >= 0 || errno != ENOENT)
            return fd;
        // O_EXCL tells us whether it is ours to give its mode.
        fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd >= 0) {
            (void)::fchmod(fd, new_file_mode(directory_of(path), 0644));
            return fd;
        }
        if (errno != EEXIST)
            return -1;
        // Another process created it between our two calls: open that one.
    }
    errno = EAGAIN;
    return -1;
}

bool same_file(const struct stat& a, const struct stat& b) {
    return a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

} // namespace

namespace {

// The rest of an open file, `max_bytes` at most (Error(invalid) past it).
std::string read_fd(int fd, const stdfs::path& path, size_t max_bytes) {
    const auto too_large = [&] {
        return Error(Exit::invalid,
                     trf("{} is larger than {} MB", path.string(), max_bytes / (1024 * 1024)),
                     tr("split it into several files"));
    };
    std::string out;
    struct stat st {};
    if (::fstat(fd, &st) == 0 && st.st_size > 0) {
        if (static_cast<size_t>(st.st_size) > max_bytes)
            throw too_large();
        out.reserve(static_cast<size_t>(st.st_size));
    }
    char buf[65536];
    for (;;) {
        ssize_t n = ::read(fd, buf, sizeof buf);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            io_error(tr("cannot read"), path, errno);
        }
        if (n == 0)
            break;
        out.append(buf, static_cast<size_t>(n));
        if (out.size() > max_bytes)
            throw too_large();
    }
    return out;
}

int open_to_read(const stdfs::path& path, int flags) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | flags);
    if (fd < 0) {
        if (errno == ENOENT)
            throw Error(Exit::not_found, trf("{} does not exist", path.string()));
        io_error(tr("cannot open"), path, errno);
    }
    return fd;
}

} // namespace

std::string read_input_file(const stdfs::path& path, size_t max_bytes) {
    // O_NONBLOCK: a FIFO opens at once, to be refused.
    Fd fd(open_to_read(path, O_NONBLOCK));
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0)
        io_error(tr("cannot read"), path, errno);
    if (!S_ISREG(st.st_mode))
        throw Error(Exit::invalid, trf("{} is not a regular file", path.string()));
    return read_fd(fd.get(), path, max_bytes);
}

std::string read_file(const stdfs::path& path) {
    Fd fd(open_to_read(path, 0));
    return read_fd(fd.get(), path, SIZE_MAX);
}

void sync_directory(const stdfs::path& dir) {
    Fd fd(::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (fd.get() < 0)
        io_error(tr("cannot open directory"), dir, errno);
    if (::fsync(fd.get()) != 0 && errno != EINVAL)
        io_error(tr("cannot fsync directory"), dir, errno);
}

namespace {

// Renames the written temp file over `path`, durably.
void replace_with(const stdfs::path& tmp, const stdfs::path& path) {
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
        int e = errno;
        ::unlink(tmp.c_str());
        io_error(tr("cannot replace"), path, e);
    }
    sync_directory(path.parent_path());
    remove_stale_temps(path);
}

} // namespace

void atomic_write(const stdfs::path& path, std::string_view content, unsigned mode) {
    struct stat old {};
    const bool replacing = ::lstat(path.c_str(), &old) == 0 && S_ISREG(old.st_mode);
    replace_with(
        write_temp(path, content,
                   replacing ? old.st_mode & 0777 : new_file_mode(directory_of(path), mode),
                   replacing ? &old : nullptr),
        path);
}

void atomic_write_private(const stdfs::path& path, std::string_view content) {
    replace_with(write_temp(path, content, 0600, nullptr), path);
}

void atomic_create(const stdfs::path& path, std::string_view content, unsigned mode) {
    stdfs::path tmp = write_temp(path, content, new_file_mode(directory_of(path), mode), nullptr);
    if (::link(tmp.c_str(), path.c_str()) != 0) {
        int e = errno;
        ::unlink(tmp.c_str());
        if (e == EEXIST)
            throw Error(Exit::conflict, trf("{} already exists", path.string()));
        io_error(tr("cannot create"), path, e);
    }
    ::unlink(tmp.c_str());
    sync_directory(path.parent_path());
    remove_stale_temps(path);
}

void atomic_copy(const stdfs::path& from, const stdfs::path& to, unsigned mode) {
    atomic_write(to, read_file(from), mode);
}

namespace {

std::vector<stdfs::path> sweep_tree(const stdfs::path& root, std::chrono::seconds min_age,
                                    const std::vector<stdfs::path>& skip, bool remove) {
    Sweep sweep{root, skip, stale_cutoff(min_age), remove, {}};
    int fd = ::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0)
        sweep_directory(sweep, fd, {}, 0);
    return std::move(sweep.removed);
}

} // namespace

std::vector<stdfs::path> remove_stale_temp_files(const stdfs::path& root,
                                                 std::chrono::seconds min_age,
                                                 const std::vector<stdfs::path>& skip) {
    return sweep_tree(root, min_age, skip, true);
}

std::vector<stdfs::path> find_stale_temp_files(const stdfs::path& root,
                                               std::chrono::seconds min_age,
                                               const std::vector<stdfs::path>& skip) {
    return sweep_tree(root, min_age, skip, false);
}

bool access_denied(std::string_view message) {
    for (int e : {EACCES, EPERM})
        if (message.ends_with(std::strerror(e)))
            return true;
    return false;
}

std::optional<unsigned> group_umask(const stdfs::path& dir) {
    struct stat st {};
    if (::stat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode) || !(st.st_mode & S_ISGID))
        return std::nullopt;
    return (st.st_mode & 0007) ? 0002u : 0007u;
}

std::optional<unsigned> group_id(const std::string& name) {
    if (name.empty())
        return std::nullopt;
    std::vector<char> buf(16384);
    for (;;) {
        struct group grp {};
        struct group* found = nullptr;
        int err = ::getgrnam_r(name.c_str(), &grp, buf.data(), buf.size(), &found);
        if (err == ERANGE && buf.size() < (1u << 24)) {
            buf.resize(buf.size() * 4);
            continue;
        }
        if (err != 0 || !found)
            return std::nullopt;
        return static_cast<unsigned>(found->gr_gid);
    }
}

bool may_use_group(unsigned gid) {
    if (::geteuid() == 0 || ::getegid() == static_cast<gid_t>(gid))
        return true;
    int n = ::getgroups(0, nullptr);
    if (n <= 0)
        return false;
    std::vector<gid_t> groups(static_cast<size_t>(n));
    n = ::getgroups(n, groups.data());
    return n > 0 && std::find(groups.begin(), groups.begin() + n, static_cast<gid_t>(gid)) !=
                        groups.begin() + n;
}

void set_group_and_mode(const stdfs::path& path, unsigned gid, unsigned mode) {
    if (::chown(path.c_str(), static_cast<uid_t>(-1), static_cast<gid_t>(gid)) != 0)
        io_error(tr("cannot change the group of"), path, errno);
    if (::chmod(path.c_str(), static_cast<mode_t>(mode)) !=
        0) // after chown, which clears set-group-ID
        io_error(tr("cannot change the mode of"), path, errno);
}

FileLock::FileLock(const stdfs::path& path, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    const stdfs::path dir = directory_of(path);
    Fd dir_fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (dir_fd.get() < 0)
        io_error(tr("cannot open the directory of the lock file"), path, errno);
    if (!flock_until(dir_fd.get(), deadline, path, true))
        ::close(dir_fd.release()); // only the file can be locked here
    for (;;) {
        Fd fd(open_lock_file(path));
        if (fd.get() < 0)
            io_error(tr("cannot open lock file"), path, errno);
        flock_until(fd.get(), deadline, path, false);
        struct stat held {};
        struct stat named {};
        if (::fstat(fd.get(), &held) == 0 && ::stat(path.c_str(), &named) == 0 &&
            same_file(held, named)) {
            fd_ = fd.release();
            dir_fd_ = dir_fd.release();
            return;
        }
        // Deleted or replaced while we waited: lock the file there now.
        if (std::chrono::steady_clock::now() >= deadline)
            lock_timeout(path);
    }
}

FileLock::~FileLock() {
    // Closing releases the flock.
    if (fd_ >= 0)
        ::close(fd_);
    if (dir_fd_ >= 0)
        ::close(dir_fd_);
}

} // namespace hostingctl::fs
