#include "store/store.hpp"

#include "store/codec.hpp"
#include "store/ids.hpp"
#include "util/embedded.hpp"
#include "util/error.hpp"
#include "util/i18n.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <fmt/format.h>
#include <sys/stat.h>

namespace hostingctl {

namespace {
const char* kConfigFile = "hostingctl.yaml";

// How often a write sweeps the store for temp files of killed writers
// (fs::remove_stale_temp_files).  Every ten minutes the directories that
// hold records, all but documents/: about 5 ms on a store of 10,000
// requests.  Once a day everything: with a document folder for each of
// 10,000 requests that is 20,000 more directories and about half a second,
// too much for every write.  A write still removes at once the leftovers of
// the very file it writes (see fs::atomic_write).
constexpr time_t kSweepRecords = 10 * 60;
constexpr time_t kSweepAll = 24 * 60 * 60;

// True when the stamp file was touched less than `seconds` before `now`.
bool done_within(const stdfs::path& stamp, time_t seconds, time_t now) {
    struct stat st {};
    return ::stat(stamp.c_str(), &st) == 0 && st.st_mtime <= now && now - st.st_mtime < seconds;
}

// Best effort: a sweep that fails must never fail the write that runs it.
void sweep_temp_files_now_and_then(const stdfs::path& root) noexcept {
    try {
        const stdfs::path records = root / ".cache" / "temp-sweep";
        const stdfs::path all = root / ".cache" / "temp-sweep-all";
        const time_t now = ::time(nullptr);
        if (done_within(records, kSweepRecords, now))
            return;
        const bool everything = !done_within(all, kSweepAll, now);
        std::vector<stdfs::path> skip;
        if (!everything)
            skip.emplace_back("documents");
        fs::remove_stale_temp_files(root, fs::kStaleTempAge, skip);
        std::error_code ec;
        stdfs::create_directories(records.parent_path(), ec);
        const char* note = "# when hostingctl last removed the temp files of killed writers\n";
        fs::atomic_write(records, note);
        if (everything)
            fs::atomic_write(all, note);
    } catch (const std::exception&) {
    }
}
} // namespace

Store::Store(stdfs::path root) : root_(std::move(root)) {
    stdfs::path cfg = root_ / kConfigFile;
    std::error_code ec;
    if (!stdfs::exists(cfg, ec))
        throw Error(Exit::not_found, trf("no hostingctl store at {}", root_.string()),
                    tr("create one with 'hostingctl init DIR', or point --store or "
                       "HOSTINGCTL_STORE at an existing store"));
    config_ = decode_config(cfg, fs::read_file(cfg));
    if (auto mask = fs::group_umask(root_))
        ::umask(static_cast<mode_t>(*mask));
    try {
        check_id_format(config_.request_id_format);
        check_id_format(config_.complaint_id_format);
        check_id_format(config_.survey_id_format);
        tz_ = std::make_unique<TimeZone>(config_.time_zone);
    } catch (const Error& e) {
        throw Error(Exit::damaged, fmt::format("{}: {}", cfg.string(), e.what()), e.hint());
    }
}

stdfs::path Store::locate(const std::string& flag) {
    if (!flag.empty())
        return flag;
    if (const char* env = std::getenv("HOSTINGCTL_STORE"); env && *env)
        return env;
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg)
        return stdfs::path(xdg) / "hostingctl";
    if (const char* home = std::getenv("HOME"); home && *home)
        return stdfs::path(home) / ".local/share/hostingctl";
    throw Error(Exit::usage, tr("cannot tell where the store is"),
                tr("pass --store DIR or set HOSTINGCTL_STORE"));
}

std::string Store::configured_language(const stdfs::path& root) {
    try {
        stdfs::path cfg = root / kConfigFile;
        std::error_code ec;
        if (!stdfs::exists(cfg, ec))
            return {};
        return decode_config(cfg, fs::read_file(cfg)).language;
    } catch (const std::exception&) {
        return {};
    }
}

void Store::create(const stdfs::path& root, const std::optional<std::string>& group) {
    // A shared store: the group, and the modes that keep its members working.
    struct Sharing {
        unsigned gid, dir_mode, umask;
    };
    std::optional<Sharing> sharing;
    if (group) {
        auto gid = fs::group_id(*group);
        if (!gid)
            throw Error(Exit::invalid, trf("there is no group '{}'", text::shown(*group)),
                        tr("name a group that 'getent group' lists, or create it first "
                           "('groupadd NAME' as root)"));
        if (!fs::may_use_group(*gid))
            throw Error(Exit::invalid,
                        trf("you are not a member of group '{}'", text::shown(*group)),
                        tr("ask an administrator to add you ('usermod -aG GROUP USER'), log in "
                           "again and retry"));
        // Others may read the store only when the umask lets them read what we create.
        const mode_t mask = ::umask(0);
        ::umask(mask);
        const bool others_read = !(mask & 0004);
        sharing = Sharing{*gid, others_read ? 02775u : 02770u, others_read ? 0002u : 0007u};
    }
    std::error_code ec;
    if (stdfs::exists(root / kConfigFile, ec))
        throw Error(Exit::conflict, trf("{} already holds a store", root.string()),
                    tr("nothing was changed; use that store or choose another directory"));
    if (stdfs::exists(root, ec)) {
        if (!stdfs::is_directory(root, ec))
            throw Error(Exit::conflict, trf("{} exists and is not a directory", root.string()));
        if (!stdfs::is_empty(root, ec))
            throw Error(Exit::conflict,
                        trf("{} is not empty; refusing to create a store there", root.string()),
                        tr("choose a new or empty directory"));
    }
    if (sharing) // and so for what later commands create (see Store::Store)
        ::umask(static_cast<mode_t>(sharing->umask));
    stdfs::create_directories(root, ec);
    if (ec)
        throw Error(Exit::failure, trf("cannot create {}: {}", root.string(), ec.message()));
    if (sharing) // new files in a set-group-ID directory take its group
        fs::set_group_and_mode(root, sharing->gid, sharing->dir_mode);
    for (const char* dir :
         {"requests", "complaints", "documents", "templates", "reports", ".cache"}) {
        stdfs::create_directories(root / dir, ec);
        if (ec)
            throw Error(Exit::failure,
                        trf("cannot create {}: {}", (root / dir).string(), ec.message()));
        if (sharing)
            fs::set_group_and_mode(root / dir, sharing->gid, sharing->dir_mode);
    }
    // The configuration file last: its presence is what makes a store.
    std::vector<std::pair<std::string, std::string_view>> files;
    for (const auto& f : embedded::files()) {
        if (!f.path.starts_with("store/"))
            continue;
        std::string rel(f.path.substr(6));
        if (rel != kConfigFile)
            files.emplace_back(rel, f.content);
    }
    files.emplace_back(kConfigFile, embedded::get(std::string("store/") + kConfigFile));
    for (const auto& [rel, content] : files) {
        stdfs::create_directories((root / rel).parent_path(), ec);
        fs::atomic_create(root / rel, content, 0644);
    }
}

std::unique_ptr<fs::FileLock> Store::lock() const {
    auto lock = std::make_unique<fs::FileLock>(
        root_ / ".lock", std::chrono::milliseconds(config_.lock_timeout_seconds * 1000L));
    // Under the lock no writer that takes it is half-way through a file (one
    // that does not, like the index cache, is kept safe by the sweep's age
    // rule, fs::kStaleTempAge).
    sweep_temp_files_now_and_then(root_);
    return lock;
}

std::vector<StaffMember> Store::staff() const {
    stdfs::path p = root_ / "staff.yaml";
    std::error_code ec;
    if (!stdfs::exists(p, ec))
        return {};
    return decode_staff(p, fs::read_file(p));
}

void Store::write_staff(const std::vector<StaffMember>& staff) const {
    fs::atomic_write(root_ / "staff.yaml", encode_staff(staff));
}

std::vector<Agency> Store::agencies() const {
    stdfs::path p = root_ / "agencies.yaml";
    std::error_code ec;
    if (!stdfs::exists(p, ec))
        return {};
    return decode_agencies(p, fs::read_file(p));
}

void Store::write_agencies(const std::vector<Agency>& agencies) const {
    fs::atomic_write(root_ / "agencies.yaml", encode_agencies(agencies));
}

stdfs::path Store::record_path(std::string_view dir, std::string_view format,
                               std::string_view id) const {
    auto rn = parse_id(format, id);
    if (!rn)
        throw Error(Exit::not_found,
                    trf("'{}' is not a valid number here", std::string(id).substr(0, 60)),
                    trf("numbers look like {}", format_id(format, 2026, 7)));
    return root_ / dir / fmt::format("{:04}", rn->year) / (std::string(id) + ".yaml");
}

stdfs::path Store::request_path(std::string_view id) const {
    if (!parse_id(config_.request_id_format, id))
        throw Error(
            Exit::not_found, trf("'{}' is not a request number", std::string(id).substr(0, 60)),
            trf("request numbers look like {}", format_id(config_.request_id_format, 2026, 7)));
    return record_path("requests", config_.request_id_format, id);
}

bool Store::request_exists(std::string_view id) const {
    std::error_code ec;
    return stdfs::exists(request_path(id), ec);
}

namespace {

// The kinds of record the callers name, translated where they are shown.
std::string shown_kind(std::string_view what) {
    static const char* const kinds[] = {N_("request"), N_("complaint"), N_("survey"),
                                        N_("survey response")};
    for (const char* k : kinds)
        if (what == k)
            return tr(k);
    return std::string(what);
}

} // namespace

std::string read_record(const stdfs::path& path, std::string_view what, std::string_view id,
                        std::string_view list) {
    try {
        return fs::read_file(path);
    } catch (const Error& e) {
        if (e.code() == Exit::not_found)
            throw Error(Exit::not_found, trf("{} {} does not exist", shown_kind(what), id),
                        trf("see 'hostingctl {}'", list));
        throw;
    }
}

void check_record_id(const stdfs::path& path, std::string_view in_file, std::string_view id) {
    if (in_file != id)
        throw Error(Exit::damaged,
                    trf("{}: damaged: the file holds id '{}'", path.string(), text::shown(in_file)),
                    tr("the file name and its id must agree; fix it by hand"));
}

Error unreadable_records(std::string_view what, std::string_view why,
                         const std::vector<std::string>& problems) {
    return Error(Exit::damaged,
                 // TRANSLATORS: {1} is a kind of record, e.g. "request"; {2} what
                 // cannot be done for want of them.
                 ntrf("{} {} file could not be read, so {}:\n  {}",
                      "{} {} files could not be read, so {}:\n  {}", problems.size(),
                      problems.size(), shown_kind(what), why, text::join(problems, "\n  ")),
                 tr("nothing was written; fix the file(s) by hand or restore them from a backup "
                    "('hostingctl store check' lists every problem of the store)"));
}

Request Store::load_request(std::string_view id) const {
    stdfs::path p = request_path(id);
    Request r = decode_request(p, read_record(p, "request", id, "request list"), *tz_);
    check_record_id(p, r.id, id);
    return r;
}

void Store::update_request(const Request& r) const {
    fs::atomic_write(request_path(r.id), encode_request(r));
}

void Store::create_request(const Request& r) const {
    stdfs::path p = request_path(r.id);
    std::error_code ec;
    stdfs::create_directories(p.parent_path(), ec);
    if (ec)
        throw Error(Exit::failure,
                    trf("cannot create {}: {}", p.parent_path().string(), ec.message()));
    fs::atomic_create(p, encode_request(r));
}

std::string Store::next_record_id(std::string_view dir, std::string_view format, int year) const {
    // The next number follows the highest file of the year, so numbers stay
    // dense and a hand-restored file is never handed out twice.
    long max_seq = 0;
    stdfs::path d = root_ / dir / fmt::format("{:04}", year);
    std::error_code ec;
    for (auto it = stdfs::directory_iterator(d, ec); !ec && it != stdfs::directory_iterator();
         it.increment(ec)) {
        std::string name = it->path().filename().string();
        if (!name.ends_with(".yaml"))
            continue;
        auto rn = parse_id(format, name.substr(0, name.size() - 5));
        if (rn && rn->year == year)
            max_seq = std::max(max_seq, rn->seq);
    }
    return format_id(format, year, max_seq + 1);
}

std::string Store::next_request_id(int year) const {
    return next_record_id("requests", config_.request_id_format, year);
}

std::vector<std::string> Store::record_ids(std::string_view dir, std::string_view format,
                                           std::optional<int> year) const {
    return scan_records(dir, format, year).ids;
}

RecordScan Store::scan_records(std::string_view dir, std::string_view format,
                               std::optional<int> year) const {
    RecordScan out;
    auto unreadable = [&](const stdfs::path& p, const std::error_code& ec) {
        out.problems.push_back(trf("{}: cannot be read: {}", p.string(), ec.message()));
    };
    const stdfs::path top = root_ / dir;
    std::error_code ec;
    auto years = stdfs::directory_iterator(top, ec);
    if (ec) {
        if (ec != std::errc::no_such_file_or_directory)
            unreadable(top, ec);
        return out;
    }
    const std::string wanted = year ? fmt::format("{:04}", *year) : std::string();
    for (; !ec && years != stdfs::directory_iterator(); years.increment(ec)) {
        const stdfs::path folder = years->path();
        const std::string folder_name = folder.filename().string();
        if (folder_name.starts_with(".") || (year && folder_name != wanted))
            continue;
        std::error_code ec2;
        auto it = stdfs::directory_iterator(folder, ec2);
        if (ec2 == std::errc::not_a_directory) {
            out.problems.push_back(trf(
                "{}: is not a folder; records are filed in a folder per year", folder.string()));
            continue;
        }
        if (ec2) {
            if (ec2 != std::errc::no_such_file_or_directory)
                unreadable(folder, ec2);
            continue;
        }
        for (; !ec2 && it != stdfs::directory_iterator(); it.increment(ec2)) {
            const stdfs::path file = it->path();
            const std::string name = file.filename().string();
            if (name.starts_with(".") || !name.ends_with(".yaml"))
                continue;
            const std::string id = name.substr(0, name.size() - 5);
            auto number = parse_id(format, id);
            if (!number) {
                out.problems.push_back(trf("{}: is not named like a record ({}.yaml)",
                                           file.string(), format_id(format, 2026, 7)));
                continue;
            }
            if (fmt::format("{:04}", number->year) != folder_name) {
                out.problems.push_back(
                    trf("{}: is filed under {}/ but numbered in {}; move it to {}/", file.string(),
                        folder_name, number->year, fmt::format("{:04}", number->year)));
                continue;
            }
            std::error_code ec3;
            auto st = stdfs::status(file, ec3);
            if (ec3) {
                if (ec3 != std::errc::no_such_file_or_directory)
                    unreadable(file, ec3);
                continue;
            }
            if (!stdfs::is_regular_file(st)) {
                out.problems.push_back(trf("{}: is not a regular file", file.string()));
                continue;
            }
            out.ids.push_back(id);
        }
        if (ec2)
            unreadable(folder, ec2);
    }
    if (ec)
        unreadable(top, ec);
    std::sort(out.ids.begin(), out.ids.end());
    return out;
}

} // namespace hostingctl
