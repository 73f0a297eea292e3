#include "store/row_cache.hpp"

#include "util/error.hpp"
#include "util/fs.hpp"
#include "util/i18n.hpp"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>
#include <unordered_map>

namespace hostingctl {

namespace {

struct FileKey {
    int64_t size = 0, ino = 0, mtime_ns = 0, ctime_ns = 0;
    bool operator==(const FileKey&) const = default;
};

struct Entry {
    FileKey key;
    std::string rel;
    std::vector<std::string> fields;
};

std::string escape(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        switch (c) {
        case '\\':
            out += "\\\\";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        default:
            out += c;
        }
    }
    return out;
}

std::string unescape(std::string_view s) {
    if (s.find('\\') == std::string_view::npos)
        return std::string(s); // the common case: nothing escaped
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\\' && i + 1 < s.size()) {
            char n = s[++i];
            out += n == 't' ? '\t' : n == 'n' ? '\n' : n == 'r' ? '\r' : n;
        } else {
            out += s[i];
        }
    }
    return out;
}

// A row: size, inode, mtime, ctime, path, then the caller's fields.
constexpr size_t kKeyFields = 5;

void encode_entry(const Entry& e, std::string& out) {
    out += fmt::format("{}\t{}\t{}\t{}\t{}", e.key.size, e.key.ino, e.key.mtime_ns, e.key.ctime_ns,
                       escape(e.rel));
    for (const auto& f : e.fields) {
        out += '\t';
        out += escape(f);
    }
    out += '\n';
}

bool decode_entry(std::string_view line, size_t fields, Entry& e) {
    const size_t want = kKeyFields + fields;
    std::vector<std::string_view> f;
    f.reserve(want);
    size_t start = 0;
    for (;;) {
        size_t tab = line.find('\t', start);
        f.push_back(line.substr(start, tab == std::string_view::npos ? tab : tab - start));
        if (tab == std::string_view::npos || f.size() > want)
            break;
        start = tab + 1;
    }
    if (f.size() != want)
        return false;
    int64_t* key[4] = {&e.key.size, &e.key.ino, &e.key.mtime_ns, &e.key.ctime_ns};
    for (size_t i = 0; i < 4; ++i) {
        const char* end = f[i].data() + f[i].size();
        auto [ptr, ec] = std::from_chars(f[i].data(), end, *key[i]);
        if (ec != std::errc() || ptr != end || f[i].empty())
            return false;
    }
    e.rel = unescape(f[4]);
    e.fields.reserve(fields);
    for (size_t i = kKeyFields; i < want; ++i)
        e.fields.push_back(unescape(f[i]));
    return true;
}

std::string header_of(const RowSource& src) {
    return fmt::format("hostingctl-row-cache 1 {} {}", src.layout, src.fields);
}

std::unordered_map<std::string, Entry> read_cache(const stdfs::path& file, const RowSource& src) {
    std::unordered_map<std::string, Entry> out;
    std::string text;
    try {
        text = fs::read_file(file);
    } catch (const Error&) {
        return out;
    }
    std::string_view all(text);
    size_t nl = all.find('\n');
    if (nl == std::string_view::npos || all.substr(0, nl) != header_of(src))
        return out;
    size_t pos = nl + 1;
    while (pos < all.size()) {
        size_t end = all.find('\n', pos);
        if (end == std::string_view::npos)
            return {}; // truncated: distrust the whole cache
        Entry e;
        if (!decode_entry(all.substr(pos, end - pos), src.fields, e))
            return {};
        std::string key = e.rel;
        out.emplace(std::move(key), std::move(e));
        pos = end + 1;
    }
    return out;
}

FileKey key_of(const struct stat& st) {
    return {static_cast<int64_t>(st.st_size), static_cast<int64_t>(st.st_ino),
            static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec,
            static_cast<int64_t>(st.st_ctim.tv_sec) * 1000000000 + st.st_ctim.tv_nsec};
}

// Names in a directory (without . and ..), unsorted; the errno of a failed
// open in `err` (0 when it opened).
std::vector<std::string> list_dir(const stdfs::path& dir, int& err) {
    std::vector<std::string> out;
    err = 0;
    DIR* d = ::opendir(dir.c_str());
    if (!d) {
        err = errno;
        return out;
    }
    while (struct dirent* ent = ::readdir(d)) {
        std::string_view name = ent->d_name;
        if (name == "." || name == "..")
            continue;
        out.emplace_back(name);
    }
    ::closedir(d);
    return out;
}

std::string unreadable(const stdfs::path& p, int err) {
    return trf("{}: cannot be read: {}", p.string(), std::strerror(err));
}

} // namespace

RowScan scan_rows(const stdfs::path& root, const RowSource& src, int64_t now) {
    const stdfs::path cache_file = root / ".cache" / src.name;
    auto cache = read_cache(cache_file, src);
    bool changed = false;

    RowScan result;
    std::vector<Entry> fresh;
    const stdfs::path top = root / src.dir;
    int err = 0;
    std::vector<std::string> years = list_dir(top, err);
    if (err != 0 && err != ENOENT)
        result.problems.push_back(unreadable(top, err));
    for (const std::string& year : years) {
        if (year.starts_with("."))
            continue;
        const stdfs::path dir = top / year;
        std::vector<std::string> names = list_dir(dir, err);
        if (err == ENOTDIR) {
            result.problems.push_back(
                trf("{}: is not a folder; records are filed in a folder per year", dir.string()));
            continue;
        }
        if (err != 0) {
            if (err != ENOENT)
                result.problems.push_back(unreadable(dir, err));
            continue;
        }
        int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (dfd < 0) {
            if (errno != ENOENT)
                result.problems.push_back(unreadable(dir, errno));
            continue;
        }
        for (const std::string& name : names) {
            if (name.starts_with(".") || !name.ends_with(".yaml"))
                continue;
            std::string rel = src.dir + "/" + year + "/" + name;
            struct stat st {};
            if (::fstatat(dfd, name.c_str(), &st, 0) != 0) {
                if (errno != ENOENT)
                    result.problems.push_back(unreadable(dir / name, errno));
                continue;
            }
            if (!S_ISREG(st.st_mode)) {
                result.problems.push_back(trf("{}: is not a regular file", (dir / name).string()));
                continue;
            }
            FileKey key = key_of(st);
            auto it = cache.find(rel);
            if (it != cache.end() && it->second.key == key) {
                fresh.push_back(std::move(it->second));
                cache.erase(it);
                ++result.cached;
                continue;
            }
            changed = true;
            ++result.parsed;
            try {
                fresh.push_back({key, rel, src.row(dir / name, rel)});
            } catch (const Error& e) {
                if (e.code() == Exit::not_found)
                    continue; // removed while we were listing
                result.problems.push_back(e.what());
            }
        }
        ::close(dfd);
    }
    if (!cache.empty())
        changed = true; // files were removed
    if (changed) {
        // Like git's "racily clean" rule: a file changed in the last two
        // seconds could be changed again within the same timestamp tick
        // (coarse on some kernels) without its key changing, so it is not
        // cached and will be read again next time.
        const int64_t racy_after = (now - 2) * 1000000000;
        std::string out = header_of(src);
        out += '\n';
        out.reserve(fresh.size() * 200);
        for (const Entry& e : fresh)
            if (e.key.ctime_ns < racy_after && e.key.mtime_ns < racy_after)
                encode_entry(e, out);
        try {
            std::error_code ec;
            stdfs::create_directories(cache_file.parent_path(), ec);
            fs::atomic_write(cache_file, out);
        } catch (const Error&) {
            // A read-only store still lists; it just reads every file each time.
        }
    }
    result.rows.reserve(fresh.size());
    for (Entry& e : fresh)
        result.rows.push_back({std::move(e.rel), std::move(e.fields)});
    return result;
}

std::vector<StaleRow> verify_rows(const stdfs::path& root, const RowSource& src) {
    std::vector<StaleRow> out;
    auto cache = read_cache(root / ".cache" / src.name, src);
    std::vector<Entry*> entries;
    for (auto& [rel, e] : cache)
        entries.push_back(&e);
    std::sort(entries.begin(), entries.end(),
              [](const Entry* a, const Entry* b) { return a->rel < b->rel; });
    for (Entry* e : entries) {
        const stdfs::path file = root / e->rel;
        struct stat st {};
        if (::stat(file.c_str(), &st) != 0 || !S_ISREG(st.st_mode) || !(key_of(st) == e->key))
            continue; // a listing reads this file again
        std::vector<std::string> now;
        try {
            now = src.row(file, e->rel);
        } catch (const Error& err) {
            out.push_back({e->rel, trf("the file has not changed since it was cached, "
                                       "but it cannot be read now: {}",
                                       err.what())});
            continue;
        }
        for (size_t i = 0; i < now.size() && i < e->fields.size(); ++i)
            if (now[i] != e->fields[i]) {
                out.push_back({e->rel, trf("field {} of the cached row is '{}', the file "
                                           "gives '{}'",
                                           i + 1, escape(e->fields[i]), escape(now[i]))});
                break;
            }
    }
    return out;
}

} // namespace hostingctl
