#pragma once
// File-system primitives with the guarantees the store promises: atomic,
// durable writes and an advisory lock that deleting its file cannot break.
// Knows nothing about hosting.
#include <chrono>
#include <filesystem>
#include <string>
#include <string_view>

namespace hostingctl::fs {

namespace stdfs = std::filesystem;

// Reads a whole file; throws Error(not_found) when absent, Error(failure)
// on other I/O errors.
std::string read_file(const stdfs::path& path);

// Writes `content` to `path` crash-safely: a temp file in the same directory,
// fsync, rename over the target, fsync the directory.  A reader sees either
// the old or the new file, never a mix.  `mode` applies to the new file.
// Temp files of `path` left by a killed writer (its process gone, the file
// untouched for an hour) are removed after a successful write.
void atomic_write(const stdfs::path& path, std::string_view content, unsigned mode = 0644);

// Like atomic_write but fails with Error(conflict) if `path` already exists
// (link(2) instead of rename(2), so two writers cannot both win).
void atomic_create(const stdfs::path& path, std::string_view content, unsigned mode = 0644);

// Copies a file atomically (same guarantees as atomic_write).
void atomic_copy(const stdfs::path& from, const stdfs::path& to, unsigned mode = 0644);

// fsyncs a directory so a rename or create inside it survives a crash.
void sync_directory(const stdfs::path& dir);

// An exclusive advisory lock (flock) held for the object's life, on the
// file `path` and on the directory that holds it.  The directory is what
// makes the lock hold: a lock file can be deleted or replaced while it is
// held, after which a second process would lock a new file and both would
// go ahead, but a directory cannot be swapped from under its holder.  The
// lock on the file keeps step with tools that lock only the file (flock(1)
// in a backup script, an older hostingctl); the file is created when
// missing and locked again if it was replaced while we waited for it.  On a
// file system that cannot lock directories (NFS) only the file is locked.
// So two FileLocks on different files of one directory exclude each other.
class FileLock {
  public:
    // Waits up to `timeout` for both locks; throws Error(lock_timeout) after,
    // Error(failure) when the directory cannot be opened or the file created.
    FileLock(const stdfs::path& path, std::chrono::milliseconds timeout);
    ~FileLock();
    FileLock(const FileLock&) = delete;
    FileLock& operator=(const FileLock&) = delete;

  private:
    int dir_fd_ = -1;
    int fd_ = -1;
};

} // namespace hostingctl::fs
