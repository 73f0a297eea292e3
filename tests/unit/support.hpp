#pragma once
// Shared helpers for the unit tests: a fresh temporary directory per test,
// byte-exact file reads, and checks on the Error a call throws.
#include "util/error.hpp"
#include "workflow/workflow.hpp"

#include <cstdlib>
#include <ctime>
#include <doctest/doctest.h>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

namespace doctest {

template <> struct StringMaker<hostingctl::Exit> {
    static String convert(hostingctl::Exit e) {
        std::ostringstream os;
        os << "Exit(" << static_cast<int>(e) << ")";
        return String(os.str().c_str());
    }
};

template <> struct StringMaker<hostingctl::Status> {
    static String convert(hostingctl::Status s) { return String(hostingctl::to_string(s)); }
};

template <> struct StringMaker<std::optional<hostingctl::Status>> {
    static String convert(const std::optional<hostingctl::Status>& s) {
        return s ? String(hostingctl::to_string(*s)) : String("(refused)");
    }
};

} // namespace doctest

namespace unit {

// The login the unit tests act as; fixtures map their officer to it.
inline const std::string kLogin = "tester";

// The caller of a library operation: the test login and the system clock.
inline hostingctl::Caller caller() {
    return hostingctl::Caller{kLogin};
}
// The same with a clock stopped at `now`.
inline hostingctl::Caller caller_at(int64_t now) {
    return hostingctl::Caller{kLogin, [now] { return now; }};
}

namespace stdfs = std::filesystem;

// A new empty directory under $TMPDIR (or /tmp), removed with everything in
// it when the object goes out of scope.
class TempDir {
  public:
    TempDir() {
        std::string base = stdfs::temp_directory_path().string() + "/hostingctl-unit-XXXXXX";
        if (::mkdtemp(base.data()) == nullptr)
            throw std::runtime_error("cannot create a temporary directory");
        path_ = base;
    }
    ~TempDir() {
        std::error_code ec;
        stdfs::permissions(path_, stdfs::perms::owner_all, stdfs::perm_options::add, ec);
        stdfs::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const stdfs::path& path() const { return path_; }
    stdfs::path operator/(const stdfs::path& rel) const { return path_ / rel; }

  private:
    stdfs::path path_;
};

// The exact bytes of a file (empty when it cannot be read).
inline std::string slurp(const stdfs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Writes bytes with plain stdio, the way an editor or a shell redirect would.
inline void spit(const stdfs::path& p, std::string_view bytes) {
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

// Every path below `dir`, relative to it (directories included).
inline std::set<std::string> tree(const stdfs::path& dir) {
    std::set<std::string> out;
    std::error_code ec;
    for (auto it = stdfs::recursive_directory_iterator(dir, ec);
         !ec && it != stdfs::recursive_directory_iterator(); it.increment(ec))
        out.insert(stdfs::relative(it->path(), dir).string());
    return out;
}

// Runs `f` and returns the hostingctl::Error it throws.  A call that throws
// nothing, or something else, fails the test.
template <typename F> hostingctl::Error error_from(F&& f) {
    try {
        std::forward<F>(f)();
    } catch (const hostingctl::Error& e) {
        return e;
    }
    FAIL("expected a hostingctl::Error, but the call succeeded");
    return hostingctl::Error(hostingctl::Exit::ok, "");
}

// A request as `request new` records it: the letter of 20 November 2026,
// received on the 23rd at 09:15 WIB, one "new" event by budi.
inline hostingctl::Request sample_request(const std::string& id, const std::string& domain) {
    using namespace hostingctl;
    Request r;
    r.id = id;
    r.agency = "dinkes";
    r.letter.number = "400.7/123/Dinkes/2026";
    r.letter.date = Date{2026, 11, 20};
    r.letter.subject = "Permohonan hosting " + domain;
    r.letter.received_at = Timestamp{1795400100, 7 * 3600}; // 2026-11-23T09:15:00+07:00
    r.hosting.domain = domain;
    Event e;
    e.action = "new";
    e.at = r.letter.received_at;
    e.by = "budi";
    e.recorded_by = "budi";
    r.events.push_back(e);
    return r;
}

// Appends a workflow event one hour after the previous one.
inline void add_event(hostingctl::Request& r, const std::string& action,
                      hostingctl::Value::Map data = {}) {
    hostingctl::Event e;
    e.action = action;
    e.at = r.events.back().at;
    e.at.epoch += 3600;
    e.by = "budi";
    e.recorded_by = "budi";
    e.data = std::move(data);
    r.events.push_back(e);
}

// The data a step always carries (model/action.hpp), with sample values.
inline hostingctl::Value::Map step_data(std::string_view action) {
    if (action == "assign")
        return {{"officer", "budi"}};
    if (action == "incomplete")
        return {{"missing", "surat kuasa"}};
    if (action == "provision")
        return {{"mode", "manual"}, {"server", "web01"}};
    if (action == "deliver")
        return {{"via", "email"}};
    if (action == "reject" || action == "cancel")
        return {{"reason", "ditarik"}};
    return {};
}

inline bool contains(std::string_view haystack, std::string_view needle) {
    return haystack.find(needle) != std::string_view::npos;
}

} // namespace unit

// Checks that `text` holds `needle`, printing both when it does not.
#define CHECK_CONTAINS(text, needle)                                                               \
    CHECK_MESSAGE(unit::contains((text), (needle)), "'" << std::string(text)                       \
                                                        << "' does not contain '"                  \
                                                        << std::string(needle) << "'")
