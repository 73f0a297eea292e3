#include "store/documents.hpp"

#include "util/error.hpp"
#include "util/fs.hpp"
#include "util/i18n.hpp"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <csignal>
#include <fmt/format.h>
#include <random>
#include <sys/types.h>
#include <unistd.h>

namespace hostingctl {

namespace {

[[noreturn]] void cannot(std::string_view what, const stdfs::path& p, const std::error_code& ec) {
    throw Error(Exit::failure, trf("cannot {} {}: {}", what, p.string(), ec.message()));
}

// Whether the process that made staging folder `name` (<pid>.<random>)
// still runs.  A name that carries no pid has no live writer.
bool writer_alive(std::string_view name) {
    long pid = 0;
    auto [end, ec] = std::from_chars(name.data(), name.data() + name.size(), pid);
    if (ec != std::errc() || end == name.data() || pid <= 1 || *end != '.')
        return false;
    return ::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM;
}

} // namespace

StagedDocuments::StagedDocuments(stdfs::path root) : root_(std::move(root)) {}

StagedDocuments::~StagedDocuments() {
    if (kept_)
        return;
    std::error_code ec;
    if (!placed_.empty())
        stdfs::remove_all(placed_, ec);
    for (const auto& f : placed_files_)
        stdfs::remove(f, ec);
    if (!staging_.empty())
        stdfs::remove_all(staging_, ec);
}

void StagedDocuments::add(const stdfs::path& src, const stdfs::path& rel, unsigned mode) {
    std::error_code ec;
    if (staging_.empty()) {
        const stdfs::path parent = root_ / kStagingDir;
        stdfs::create_directories(parent, ec);
        if (ec)
            cannot("create", parent, ec);
        std::random_device rd;
        for (int attempt = 0; staging_.empty(); ++attempt) {
            stdfs::path p = parent / fmt::format("{}.{:08x}", ::getpid(), rd());
            if (stdfs::create_directory(p, ec))
                staging_ = p;
            else if (ec || attempt > 100)
                cannot("create", p, ec);
        }
    }
    const stdfs::path dst = staging_ / rel;
    stdfs::create_directories(dst.parent_path(), ec);
    if (ec)
        cannot("create", dst.parent_path(), ec);
    fs::atomic_copy(src, dst, mode);
}

std::optional<stdfs::path> StagedDocuments::place(std::string_view id, const Date& today) {
    const stdfs::path rel = stdfs::path(kDocumentsDir) / std::string(id);
    const stdfs::path target = root_ / rel;
    std::optional<stdfs::path> aside;
    std::error_code ec;
    if (stdfs::symlink_status(target, ec).type() != stdfs::file_type::not_found)
        aside = move_to_trash(root_, rel, today);
    if (!staging_.empty()) {
        // The files are synced by atomic_copy; sync the folders made for
        // them, so that the rename makes the tree appear whole.
        for (auto it = stdfs::recursive_directory_iterator(staging_, ec);
             !ec && it != stdfs::recursive_directory_iterator(); it.increment(ec))
            if (it->is_directory())
                fs::sync_directory(it->path());
        if (ec)
            cannot("read", staging_, ec);
        fs::sync_directory(staging_);
        stdfs::rename(staging_, target, ec);
        if (ec)
            cannot(tr("move the attachments to"), target, ec);
        placed_ = target;
        staging_.clear();
        fs::sync_directory(root_ / kStagingDir);
    }
    if (aside || !placed_.empty())
        fs::sync_directory(root_ / kDocumentsDir);
    return aside;
}

void StagedDocuments::place_into(std::string_view id, const Date& today) {
    if (staging_.empty())
        return;
    const stdfs::path dir = root_ / kDocumentsDir / std::string(id);
    std::error_code ec;
    std::vector<stdfs::path> files;
    for (auto it = stdfs::recursive_directory_iterator(staging_, ec);
         !ec && it != stdfs::recursive_directory_iterator(); it.increment(ec))
        if (it->is_regular_file())
            files.push_back(stdfs::relative(it->path(), staging_));
    if (ec)
        cannot("read", staging_, ec);
    for (const auto& rel : files) {
        const stdfs::path target = dir / rel;
        if (stdfs::symlink_status(target, ec).type() != stdfs::file_type::not_found)
            move_to_trash(root_, stdfs::path(kDocumentsDir) / std::string(id) / rel, today);
        stdfs::create_directories(target.parent_path(), ec);
        if (ec)
            cannot("create", target.parent_path(), ec);
        stdfs::rename(staging_ / rel, target, ec);
        if (ec)
            cannot(tr("move the attachment to"), target, ec);
        placed_files_.push_back(target);
        fs::sync_directory(target.parent_path());
    }
    stdfs::remove_all(staging_, ec); // empty folders now
    staging_.clear();
}

stdfs::path move_to_trash(const stdfs::path& root, const stdfs::path& rel, const Date& today) {
    const stdfs::path base = stdfs::path(kTrashDir) / today.iso() / rel;
    std::error_code ec;
    stdfs::create_directories((root / base).parent_path(), ec);
    if (ec)
        cannot("create", (root / base).parent_path(), ec);
    stdfs::path to = base;
    for (int n = 1; stdfs::symlink_status(root / to, ec).type() != stdfs::file_type::not_found; ++n)
        to = base.string() + fmt::format(".{}", n);
    stdfs::rename(root / rel, root / to, ec);
    if (ec)
        throw Error(Exit::failure,
                    trf("cannot move {} to {}: {}", (root / rel).string(), (root / to).string(),
                        ec.message()),
                    tr("move it out of the way by hand; nothing else was changed"));
    fs::sync_directory((root / to).parent_path());
    fs::sync_directory((root / rel).parent_path());
    return to;
}

std::vector<stdfs::path> abandoned_staging(const stdfs::path& root) {
    std::vector<stdfs::path> out;
    std::error_code ec;
    for (auto it = stdfs::directory_iterator(root / kStagingDir, ec);
         !ec && it != stdfs::directory_iterator(); it.increment(ec)) {
        std::string name = it->path().filename().string();
        if (!writer_alive(name))
            out.push_back(stdfs::path(kStagingDir) / name);
    }
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace hostingctl
