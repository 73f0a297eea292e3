#pragma once
// A cache of one row of text fields per record file, for listings that
// would otherwise parse every file.  Rows live in <root>/.cache/<name>, keyed
// by each file's path, size, inode, mtime and ctime (nanoseconds); listing
// stats every file and only files whose key changed are read again, so the
// cache stays correct when files are edited by hand, added, removed or
// restored from backup.  Files changed in the two seconds before `now` are
// not cached, so two same-size edits within one timestamp tick are never
// confused.  The cache is never the source of truth: deleting it is always
// safe, and a damaged cache is silently rebuilt.
//
// The cache knows nothing of what a row means: the caller turns a file into
// fields and fields into its own records.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace hostingctl {

namespace stdfs = std::filesystem;

struct RowSource {
    std::string dir;    // records under <root>/<dir>/<year>/<id>.yaml
    std::string name;   // cache file under <root>/.cache/
    std::string layout; // changes whenever the row's fields change meaning
    size_t fields = 0;  // fields per row
    // The row of one file (`rel` is relative to the root); throws Error.
    // Error(not_found) means the file vanished and is skipped silently.
    std::function<std::vector<std::string>(const stdfs::path& file, const std::string& rel)> row;
};

struct Row {
    std::string rel;                 // the file, relative to the root
    std::vector<std::string> fields; // as RowSource::row made them
};

struct RowScan {
    std::vector<Row> rows;             // one per readable record, unordered
    std::vector<std::string> problems; // files or folders that could not be read
    size_t parsed = 0;                 // files read because no row was cached
    size_t cached = 0;                 // rows taken from the cache
};

// Lists the records of `src` under `root`, refreshing the cache.  `now` is
// seconds since the epoch (the caller's clock).  Entries that look like
// records but are not regular files, year folders that are not folders, and
// unreadable folders are reported in `problems`, never skipped silently.
RowScan scan_rows(const stdfs::path& root, const RowSource& src, int64_t now);

// A cached row that a listing would trust (its file's key is unchanged)
// but that is not what the file gives now.
struct StaleRow {
    std::string rel;     // the file, relative to the root
    std::string message; // which field differs, or why the file cannot be read
};

// Compares every row of the cache of `src` whose file still has the cached
// key with what `src.row` makes of the file now.  Reads only: the cache is
// neither rebuilt nor written.  A missing cache, or one of another layout,
// has nothing to compare (a listing would rebuild it anyway).
std::vector<StaleRow> verify_rows(const stdfs::path& root, const RowSource& src);

} // namespace hostingctl
