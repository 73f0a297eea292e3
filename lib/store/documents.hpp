#pragma once
// The documents folder of a request, documents/<id>/, and how files get
// there without a killed process ever leaving one in another request's
// folder.
//
//   documents/.staging/<pid>.<random>/letter/<name>   while being copied
//   documents/<id>/letter/<name>                       once in place
//   .trash/<YYYY-MM-DD>/documents/...                  set aside, never deleted
//
// `request new` (under the store lock) copies the attachments into a
// staging folder, sets aside a documents/<id>/ that is already there (the
// id is fresh, so such a folder is the leftover of a killed run and belongs
// to no request), renames the staging folder to documents/<id>/, and only
// then writes the record.  So a record never names a file that is not in
// place: a kill before the rename leaves a staging folder, a kill after it a
// documents folder without a record.  Neither is any request's; `store
// check` lists both and `store check --repair` moves them to .trash/.
#include "util/time.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hostingctl {

namespace stdfs = std::filesystem;

inline constexpr const char* kDocumentsDir = "documents";
inline constexpr const char* kStagingDir = "documents/.staging";
inline constexpr const char* kTrashDir = ".trash";

// Files on their way into documents/<id>/.  Whatever is not kept is
// removed when the object goes, so a refused or failed command leaves
// nothing behind (a killed one leaves the staging folder).
class StagedDocuments {
  public:
    explicit StagedDocuments(stdfs::path root);
    ~StagedDocuments();
    StagedDocuments(const StagedDocuments&) = delete;
    StagedDocuments& operator=(const StagedDocuments&) = delete;

    // Copies `src` to `rel` (e.g. letter/scan.pdf) inside the staging
    // folder, durably, with `mode`.
    void add(const stdfs::path& src, const stdfs::path& rel, unsigned mode);
    // Sets aside documents/<id>/ when it exists (to .trash/<today>/), then
    // renames the staging folder (when anything was added) to
    // documents/<id>/ and syncs both folders.  Returns where a leftover
    // went, relative to the root.  Caller holds the store lock and `id` has
    // no record.
    std::optional<stdfs::path> place(std::string_view id, const Date& today);
    // For a request that has a record (`request attach`): renames each staged
    // file into documents/<id>/ beside what is there.  A file already at a
    // target is the leftover of a killed attach (the caller has checked
    // that the record does not name it) and is set aside to .trash/ first.
    // Caller holds the store lock.
    void place_into(std::string_view id, const Date& today);
    // The record now names the files: they stay.
    void keep() { kept_ = true; }

  private:
    stdfs::path root_;
    stdfs::path staging_;                   // created by the first add
    stdfs::path placed_;                    // documents/<id> once placed
    std::vector<stdfs::path> placed_files_; // by place_into
    bool kept_ = false;
};

// Moves `rel` (relative to `root`) to .trash/<today>/<rel>, with .1, .2, ...
// appended when that is taken, and returns the new path relative to the
// root.  Error(failure) when the rename fails (e.g. .trash on another file
// system than `rel`).
stdfs::path move_to_trash(const stdfs::path& root, const stdfs::path& rel, const Date& today);

// Staging folders (relative to the root) whose writer is gone: its process
// id, the first part of the folder's name, is not running on this host.
std::vector<stdfs::path> abandoned_staging(const stdfs::path& root);

} // namespace hostingctl
