#include "store/request_index.hpp"

#include "store/codec.hpp"
#include "util/error.hpp"
#include "workflow/sla.hpp"
#include "workflow/workflow.hpp"

#include <algorithm>
#include <charconv>
#include <ctime>
#include <dirent.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unordered_map>

namespace hostingctl {

namespace {

constexpr std::string_view kHeader = "hostingctl-request-index 2";

struct FileKey {
    int64_t size = 0, ino = 0, mtime_ns = 0, ctime_ns = 0;
    bool operator==(const FileKey&) const = default;
};

struct Entry {
    FileKey key;
    RequestSummary summary;
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

constexpr size_t kFields = 4 + 12;

std::string encode_entry(const Entry& e) {
    const RequestSummary& s = e.summary;
    return fmt::format("{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\n",
                       e.key.size, e.key.ino, e.key.mtime_ns, e.key.ctime_ns, escape(s.path),
                       escape(s.id), escape(s.status), escape(s.agency), escape(s.officer),
                       escape(s.domain), escape(s.app), escape(s.received_at), escape(s.last_at),
                       escape(s.letter_number), escape(s.subject), escape(s.clock));
}

bool decode_entry(std::string_view line, Entry& e) {
    std::string_view f[kFields];
    size_t n = 0, start = 0;
    while (n < kFields) {
        size_t tab = line.find('\t', start);
        if (tab == std::string_view::npos) {
            f[n++] = line.substr(start);
            break;
        }
        f[n++] = line.substr(start, tab - start);
        start = tab + 1;
    }
    if (n != kFields)
        return false;
    int64_t* key[4] = {&e.key.size, &e.key.ino, &e.key.mtime_ns, &e.key.ctime_ns};
    for (size_t i = 0; i < 4; ++i) {
        const char* end = f[i].data() + f[i].size();
        auto [ptr, ec] = std::from_chars(f[i].data(), end, *key[i]);
        if (ec != std::errc() || ptr != end || f[i].empty())
            return false;
    }
    RequestSummary& s = e.summary;
    s.path = unescape(f[4]);
    s.id = unescape(f[5]);
    s.status = unescape(f[6]);
    s.agency = unescape(f[7]);
    s.officer = unescape(f[8]);
    s.domain = unescape(f[9]);
    s.app = unescape(f[10]);
    s.received_at = unescape(f[11]);
    s.last_at = unescape(f[12]);
    s.letter_number = unescape(f[13]);
    s.subject = unescape(f[14]);
    s.clock = unescape(f[15]);
    return true;
}

std::unordered_map<std::string, Entry> read_cache(const stdfs::path& file) {
    std::unordered_map<std::string, Entry> out;
    std::string text;
    try {
        text = fs::read_file(file);
    } catch (const Error&) {
        return out;
    }
    std::string_view all(text);
    size_t nl = all.find('\n');
    if (nl == std::string_view::npos || all.substr(0, nl) != kHeader)
        return out;
    size_t pos = nl + 1;
    while (pos < all.size()) {
        size_t end = all.find('\n', pos);
        if (end == std::string_view::npos)
            return {}; // truncated: distrust the whole cache
        Entry e;
        if (!decode_entry(all.substr(pos, end - pos), e))
            return {};
        std::string key = e.summary.path;
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

// Names of entries in a directory (without . and ..), unsorted.
std::vector<std::string> list_dir(const stdfs::path& dir) {
    std::vector<std::string> out;
    DIR* d = ::opendir(dir.c_str());
    if (!d)
        return out;
    while (struct dirent* ent = ::readdir(d)) {
        std::string_view name = ent->d_name;
        if (name == "." || name == "..")
            continue;
        out.emplace_back(name);
    }
    ::closedir(d);
    return out;
}

} // namespace

RequestSummary summarize(const Request& r, const std::string& relpath) {
    RequestSummary s;
    s.id = r.id;
    s.path = relpath;
    s.status = to_string(derive_status(r.events));
    s.agency = r.agency;
    s.officer = assigned_officer(r.events);
    s.domain = r.hosting.domain;
    s.app = to_string(r.hosting.app);
    s.received_at = r.letter.received_at.iso();
    s.last_at = r.events.empty() ? s.received_at : r.events.back().at.iso();
    s.letter_number = r.letter.number;
    s.subject = r.letter.subject;
    s.clock = encode_sla_input(sla_input(r));
    return s;
}

RequestList scan_requests(const stdfs::path& root, const TimeZone& tz) {
    const stdfs::path cache_file = root / ".cache" / "requests.idx";
    auto cache = read_cache(cache_file);
    size_t reused = 0;
    bool changed = false;

    RequestList result;
    std::vector<Entry> fresh;
    const stdfs::path requests = root / "requests";
    for (const std::string& year : list_dir(requests)) {
        if (year.starts_with("."))
            continue;
        const stdfs::path dir = requests / year;
        int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (dfd < 0)
            continue;
        for (const std::string& name : list_dir(dir)) {
            if (name.starts_with(".") || !name.ends_with(".yaml"))
                continue;
            struct stat st {};
            if (::fstatat(dfd, name.c_str(), &st, 0) != 0 || !S_ISREG(st.st_mode))
                continue;
            std::string rel = "requests/" + year + "/" + name;
            FileKey key = key_of(st);
            auto it = cache.find(rel);
            if (it != cache.end() && it->second.key == key) {
                fresh.push_back(std::move(it->second));
                ++reused;
                continue;
            }
            changed = true;
            ++result.parsed;
            try {
                stdfs::path full = dir / name;
                Request r = decode_request(full, fs::read_file(full), tz);
                std::string expected = name.substr(0, name.size() - 5);
                if (r.id != expected)
                    throw Error(Exit::damaged, fmt::format("{}: damaged: the file holds id '{}'",
                                                           full.string(), r.id));
                RequestSummary s;
                try {
                    s = summarize(r, rel);
                } catch (const Error& e) {
                    throw Error(Exit::damaged,
                                fmt::format("{}: damaged: {}", full.string(), e.what()));
                }
                fresh.push_back({key, std::move(s)});
            } catch (const Error& e) {
                if (e.code() == Exit::not_found)
                    continue; // removed while we were listing
                result.problems.push_back(e.what());
            }
        }
        ::close(dfd);
    }
    if (reused != cache.size())
        changed = true; // files were removed
    // Sorted by id through pointers: moving whole rows around costs more.
    std::vector<Entry*> order;
    order.reserve(fresh.size());
    for (auto& e : fresh)
        order.push_back(&e);
    std::sort(order.begin(), order.end(),
              [](const Entry* a, const Entry* b) { return a->summary.id < b->summary.id; });
    if (changed) {
        // Like git's "racily clean" rule: a file changed in the last two
        // seconds could be changed again within the same timestamp tick
        // (coarse on some kernels) without its key changing, so it is not
        // cached and will be parsed again next time.
        int64_t racy_after = static_cast<int64_t>(::time(nullptr) - 2) * 1000000000;
        std::string out;
        out.reserve(fresh.size() * 200);
        out += kHeader;
        out += '\n';
        for (const Entry* e : order)
            if (e->key.ctime_ns < racy_after && e->key.mtime_ns < racy_after)
                out += encode_entry(*e);
        try {
            std::error_code ec;
            stdfs::create_directories(cache_file.parent_path(), ec);
            fs::atomic_write(cache_file, out);
        } catch (const Error&) {
            // A read-only store still lists; it just parses every time.
        }
    }
    result.items.reserve(order.size());
    for (Entry* e : order)
        result.items.push_back(std::move(e->summary));
    return result;
}

} // namespace hostingctl
