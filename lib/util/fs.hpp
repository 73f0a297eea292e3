#pragma once
// File-system primitives with the guarantees the store promises: atomic,
// durable writes that keep a file's mode and group, an advisory lock that
// deleting its file cannot break, and the sweep of what killed writers
// left.  Knows nothing about hosting.
#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hostingctl::fs {

namespace stdfs = std::filesystem;

// Reads a whole file; throws Error(not_found) when absent, Error(failure)
// on other I/O errors.
std::string read_file(const stdfs::path& path);

// Reads a file a user hands in (an import): Error(invalid) when it is not
// a regular file (a directory, /dev/zero, a pipe) or holds more than
// `max_bytes`, read or not (its size is checked as it is read, so a file
// that grows is caught too); else as read_file.
std::string read_input_file(const stdfs::path& path, size_t max_bytes);

// Writes `content` to `path` crash-safely: a temp file in the same directory
// (.NAME.tmp.PID.RANDOM), fsync, rename over the target, fsync the
// directory.  A reader sees either the old or the new file, never a mix.
//
// Mode and ownership: a file that replaces an existing regular file keeps
// that file's permission bits and group (and its owner when we run as
// root), so a store shared by a group keeps working whoever writes; `mode`
// is then ignored.  A new file gets `mode` exactly, whatever the umask,
// except in a directory shared by a group (set-group-ID bit): there the
// group gets the owner's permissions, others get nothing unless the
// directory lets them in, and the file takes the directory's group.
// Keeping the group is best effort: it needs root or membership.
//
// Temp files of `path` left by a killed writer (see remove_stale_temp_files)
// are removed after a successful write.
void atomic_write(const stdfs::path& path, std::string_view content, unsigned mode = 0644);

// Like atomic_write but fails with Error(conflict) if `path` already exists
// (link(2) instead of rename(2), so two writers cannot both win).  The new
// file's mode follows the rule for new files above.
void atomic_create(const stdfs::path& path, std::string_view content, unsigned mode = 0644);

// Like atomic_write, but the file ends up with mode 0600 and our own
// ownership whatever it replaces and whatever the directory's group rule:
// for a file that holds a secret (an access document with passwords).
void atomic_write_private(const stdfs::path& path, std::string_view content);

// Copies a file atomically (same guarantees and mode rule as atomic_write).
void atomic_copy(const stdfs::path& from, const stdfs::path& to, unsigned mode = 0644);

// fsyncs a directory so a rename or create inside it survives a crash.
void sync_directory(const stdfs::path& dir);

// How old a temp file of a dead writer must be before it is removed.  The
// process named in the temp file's name is gone, but on a file system shared
// with another machine or another PID namespace (a container) the name's
// PID means nothing here, and a live writer's temp file must not vanish
// under it.  No write takes minutes, and clocks of hosts sharing a file
// server agree to within seconds.
inline constexpr std::chrono::seconds kStaleTempAge{10 * 60};

// Removes, in `root` and every directory below it, the temp files that
// killed writers left: names .NAME.tmp.PID.RANDOM (as atomic_write makes
// them) of regular files whose process no longer exists (kill(PID, 0) fails
// with ESRCH; another user's live process answers EPERM and is kept) and
// that were last written longer than `min_age` ago.  Symbolic links are not
// followed; version-control directories (.git, .hg, .svn) and the
// directories `skip` names (relative to `root`, e.g. "documents") are not
// entered.  Best effort and never throws for I/O: returns the paths it
// removed; what cannot be read or removed stays, harmless.  It costs a read
// of every directory walked.
std::vector<stdfs::path> remove_stale_temp_files(const stdfs::path& root,
                                                 std::chrono::seconds min_age = kStaleTempAge,
                                                 const std::vector<stdfs::path>& skip = {});

// The files remove_stale_temp_files would remove, left in place.
std::vector<stdfs::path> find_stale_temp_files(const stdfs::path& root,
                                               std::chrono::seconds min_age = kStaleTempAge,
                                               const std::vector<stdfs::path>& skip = {});

// True when `message` — an I/O error of this module or a listing problem
// ("<path>: cannot be read: <why>") — says that permission was missing
// (EACCES, EPERM) rather than that the file is damaged: the file may be
// fine, the user cannot read it.
bool access_denied(std::string_view message);

// The umask that keeps what is created in `dir` usable by its group when
// `dir` is shared by a group (set-group-ID bit): 002, or 007 when `dir`
// grants others nothing.  nullopt for any other directory (or none).
std::optional<unsigned> group_umask(const stdfs::path& dir);

// The id of the group called `name` in the group database; nullopt when
// there is none.
std::optional<unsigned> group_id(const std::string& name);

// True when this process may give its files to group `gid`: it runs as
// root, or the group is its own or one of its supplementary groups.
bool may_use_group(unsigned gid);

// Sets the group and the mode (permission, set-group-ID and sticky bits) of
// `path`; Error(failure) when it cannot.
void set_group_and_mode(const stdfs::path& path, unsigned gid, unsigned mode);

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
