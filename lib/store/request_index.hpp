#pragma once
// The request index: a cache of RequestSummary rows in .cache/requests.idx,
// keyed by each file's path, size, inode, mtime and ctime (nanoseconds).
// Listing stats every file; only files whose key changed are parsed again,
// so the cache stays correct when files are edited by hand, added, removed
// or restored from backup.  Files changed in the last two seconds are not
// cached at all, so two same-size edits within one timestamp tick are
// never confused.  The cache is never the source of truth: deleting
// it is always safe, and a damaged cache is silently rebuilt.
#include "store/store.hpp"

namespace hostingctl {

RequestSummary summarize(const Request& r, const std::string& relpath);

// Lists requests under root/requests, refreshing the cache.
RequestList scan_requests(const stdfs::path& root, const TimeZone& tz);

} // namespace hostingctl
