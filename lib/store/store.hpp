#pragma once
// The store: one directory of human-readable YAML files (PRODUCT §3).
// Reads need no lock (every write is an atomic rename); every
// read-modify-write holds the store lock for its whole duration.
#include "model/model.hpp"
#include "util/error.hpp"
#include "util/fs.hpp"

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace hostingctl {

namespace stdfs = std::filesystem;

// The text of record `id` in `path`: a missing file is Error(not_found)
// "<what> <id> does not exist" with the hint "see 'hostingctl <list>'".
std::string read_record(const stdfs::path& path, std::string_view what, std::string_view id,
                        std::string_view list);
// Error(damaged) unless the id a file holds is the one its name gives.
void check_record_id(const stdfs::path& path, std::string_view in_file, std::string_view id);

// The records of one folder of per-year records, and whatever in it looks
// like a record but cannot be read as one.
struct RecordScan {
    std::vector<std::string> ids;      // sorted; each at the path its number gives
    std::vector<std::string> problems; // "<path>: <what is wrong>", one per entry
};

// The refusal of a check that needs every record and could not read some:
// Error(damaged) "<n> <what> files could not be read, so <why>:" followed
// by the problems, one per line, with a hint that nothing was written and
// that 'hostingctl store check' lists every problem.
Error unreadable_records(std::string_view what, std::string_view why,
                         const std::vector<std::string>& problems);

class Store {
  public:
    // Opens an existing store; Error(not_found) when `root` holds none.  A
    // store shared by a group (its directory has the set-group-ID bit, see
    // create) sets the process umask to fs::group_umask, so directories
    // created in it later stay writable for the group.
    explicit Store(stdfs::path root);

    // The store directory: --store, else $HOSTINGCTL_STORE, else
    // $XDG_DATA_HOME/hostingctl (~/.local/share/hostingctl).
    static stdfs::path locate(const std::string& flag);
    // The `language:` of the store at `root`, or "" when it sets none or
    // cannot be read (opening the store reports why).
    static std::string configured_language(const stdfs::path& root);

    // Creates a new store from the built-in skeleton.  Refuses
    // (Error(conflict)) when `root` already holds a store or other files.
    // With `group`, the store is shared by that Unix group: its directories
    // belong to the group with the set-group-ID bit (2775, or 2770 when the
    // umask keeps others from reading) and its files are 0664 (0660); that
    // bit on the store directory is what tells later commands the store is
    // shared.  A group that does not exist, or that we may not give files
    // to, is Error(invalid) and nothing is created.
    static void create(const stdfs::path& root,
                       const std::optional<std::string>& group = std::nullopt);

    const stdfs::path& root() const { return root_; }
    const OfficeConfig& config() const { return config_; }
    const TimeZone& tz() const { return *tz_; }

    // Takes the store lock (fs::FileLock on .lock and the store directory),
    // waiting up to policy.lock_timeout_seconds.  Then removes the temp
    // files killed writers left (fs::remove_stale_temp_files): at most every
    // ten minutes in the directories that hold records, at most once a day
    // in documents/ too (.cache/temp-sweep and temp-sweep-all hold when).
    std::unique_ptr<fs::FileLock> lock() const;

    std::vector<StaffMember> staff() const;
    void write_staff(const std::vector<StaffMember>& staff) const;
    std::vector<Agency> agencies() const;
    void write_agencies(const std::vector<Agency>& agencies) const;

    // Path of a request file; Error(not_found) when the id has the wrong shape.
    stdfs::path request_path(std::string_view id) const;
    bool request_exists(std::string_view id) const;
    // Loads one request; Error(not_found) or Error(damaged).
    Request load_request(std::string_view id) const;
    // Replaces an existing request file atomically.  Caller holds the lock.
    void update_request(const Request& r) const;
    // Writes a new request file; Error(conflict) if the id exists.  Caller
    // holds the lock.
    void create_request(const Request& r) const;
    // Next free id of `year`.  Caller holds the lock.
    std::string next_request_id(int year) const;

    // Generic per-year records (complaints, surveys): <root>/<dir>/<year>/<id>.yaml
    // with ids in `format`.  record_path throws Error(not_found) for an id
    // of the wrong shape; next_record_id must be called under the lock.
    stdfs::path record_path(std::string_view dir, std::string_view format,
                            std::string_view id) const;
    std::string next_record_id(std::string_view dir, std::string_view format, int year) const;
    // Ids of all records in `dir` (only those numbered in `year` when
    // given: records are filed under the year of their number), sorted.
    std::vector<std::string> record_ids(std::string_view dir, std::string_view format,
                                        std::optional<int> year = std::nullopt) const;
    // The same ids, and in `problems` every entry a listing cannot read: a
    // year entry that is not a folder, a folder that cannot be opened, a
    // `.yaml` entry that is not a regular file, not named like a record of
    // `format`, or filed under another year than its number's.  A check over
    // all records (is this domain taken?) must refuse when there are any.
    RecordScan scan_records(std::string_view dir, std::string_view format,
                            std::optional<int> year = std::nullopt) const;

  private:
    stdfs::path root_;
    OfficeConfig config_;
    std::unique_ptr<TimeZone> tz_;
};

} // namespace hostingctl
