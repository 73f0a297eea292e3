#include "util/fs.hpp"

#include "util/error.hpp"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <csignal>
#include <cstring>
#include <ctime>
#include <dirent.h>
#include <fcntl.h>
#include <fmt/format.h>
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

// A writer killed between creating its temp file and the rename leaves the
// temp file behind.  Once the target has been written again, such leftovers
// of the same target are removed: those of a process that no longer exists
// and untouched for an hour (a store shared over the network may hold temp
// files of a live writer on another machine; no write takes an hour).
// Best effort: a leftover that cannot be removed stays, harmless.
void remove_stale_temps(const stdfs::path& target) noexcept {
    const std::string prefix = "." + target.filename().string() + ".tmp.";
    DIR* d = ::opendir(directory_of(target).c_str());
    if (!d)
        return;
    const time_t cutoff = ::time(nullptr) - 3600;
    while (struct dirent* ent = ::readdir(d)) {
        std::string_view name = ent->d_name;
        if (!name.starts_with(prefix))
            continue;
        std::string_view rest = name.substr(prefix.size()); // PID.RANDOM
        size_t dot = rest.find('.');
        long pid = 0;
        auto [end, ec] =
            std::from_chars(rest.data(), rest.data() + std::min(dot, rest.size()), pid);
        if (dot == std::string_view::npos || ec != std::errc() || end != rest.data() + dot ||
            pid <= 0 || pid == ::getpid())
            continue;
        if (::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH)
            continue; // its writer still runs (or belongs to another user)
        struct stat st {};
        if (::fstatat(::dirfd(d), ent->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 ||
            !S_ISREG(st.st_mode) || st.st_mtime > cutoff)
            continue;
        ::unlinkat(::dirfd(d), ent->d_name, 0);
    }
    ::closedir(d);
}

// Writes content into a fresh temp file next to `target`, fsynced; returns its path.
stdfs::path write_temp(const stdfs::path& target, std::string_view content, unsigned mode) {
    stdfs::path dir = target.parent_path().empty() ? stdfs::path(".") : target.parent_path();
    stdfs::path tmp = dir / temp_name(target);
    Fd fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, static_cast<mode_t>(mode)));
    if (fd.get() < 0)
        io_error("cannot create", tmp, errno);
    if (::fchmod(fd.get(), static_cast<mode_t>(mode)) != 0) { // umask must not widen or narrow
        int e = errno;
        ::unlink(tmp.c_str());
        io_error("cannot chmod", tmp, e);
    }
    size_t done = 0;
    while (done < content.size()) {
        ssize_t n = ::write(fd.get(), content.data() + done, content.size() - done);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            int e = errno;
            ::unlink(tmp.c_str());
            io_error("cannot write", tmp, e);
        }
        done += static_cast<size_t>(n);
    }
    if (::fsync(fd.get()) != 0) {
        int e = errno;
        ::unlink(tmp.c_str());
        io_error("cannot fsync", tmp, e);
    }
    return tmp;
}

[[noreturn]] void lock_timeout(const stdfs::path& path) {
    throw Error(
        Exit::lock_timeout,
        fmt::format("the store is locked by another hostingctl process ({})", path.string()),
        "wait for the other command to finish, or raise "
        "policy.lock_timeout_seconds in hostingctl.yaml");
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
            io_error("cannot lock", path, errno);
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
            (void)::fchmod(fd, 0644);
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

std::string read_file(const stdfs::path& path) {
    Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (fd.get() < 0) {
        if (errno == ENOENT)
            throw Error(Exit::not_found, fmt::format("{} does not exist", path.string()));
        io_error("cannot open", path, errno);
    }
    std::string out;
    struct stat st {};
    if (::fstat(fd.get(), &st) == 0 && st.st_size > 0)
        out.reserve(static_cast<size_t>(st.st_size));
    char buf[65536];
    for (;;) {
        ssize_t n = ::read(fd.get(), buf, sizeof buf);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            io_error("cannot read", path, errno);
        }
        if (n == 0)
            break;
        out.append(buf, static_cast<size_t>(n));
    }
    return out;
}

void sync_directory(const stdfs::path& dir) {
    Fd fd(::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (fd.get() < 0)
        io_error("cannot open directory", dir, errno);
    if (::fsync(fd.get()) != 0 && errno != EINVAL)
        io_error("cannot fsync directory", dir, errno);
}

void atomic_write(const stdfs::path& path, std::string_view content, unsigned mode) {
    stdfs::path tmp = write_temp(path, content, mode);
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
        int e = errno;
        ::unlink(tmp.c_str());
        io_error("cannot replace", path, e);
    }
    sync_directory(path.parent_path());
    remove_stale_temps(path);
}

void atomic_create(const stdfs::path& path, std::string_view content, unsigned mode) {
    stdfs::path tmp = write_temp(path, content, mode);
    if (::link(tmp.c_str(), path.c_str()) != 0) {
        int e = errno;
        ::unlink(tmp.c_str());
        if (e == EEXIST)
            throw Error(Exit::conflict, fmt::format("{} already exists", path.string()));
        io_error("cannot create", path, e);
    }
    ::unlink(tmp.c_str());
    sync_directory(path.parent_path());
    remove_stale_temps(path);
}

void atomic_copy(const stdfs::path& from, const stdfs::path& to, unsigned mode) {
    atomic_write(to, read_file(from), mode);
}

FileLock::FileLock(const stdfs::path& path, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    const stdfs::path dir = directory_of(path);
    Fd dir_fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (dir_fd.get() < 0)
        io_error("cannot open the directory of the lock file", path, errno);
    if (!flock_until(dir_fd.get(), deadline, path, true))
        ::close(dir_fd.release()); // only the file can be locked here
    for (;;) {
        Fd fd(open_lock_file(path));
        if (fd.get() < 0)
            io_error("cannot open lock file", path, errno);
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
