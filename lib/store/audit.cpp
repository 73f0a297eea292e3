#include "store/audit.hpp"

#include "store/store.hpp"
#include "store/yaml_io.hpp"
#include "util/error.hpp"
#include "util/fs.hpp"
#include "util/i18n.hpp"
#include "util/json.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

namespace hostingctl {

namespace {

constexpr const char* kFile = "audit.yaml";
constexpr const char* kHeader =
    "# hostingctl audit log: changes to staff, agencies, servers and configuration.\n"
    "# Append-only, one entry a line; written by hostingctl, never edited.\n";

Value value_of(const YamlReader& rd, const YAML::Node& n, int depth) {
    if (depth > 8)
        rd.fail(n, tr("nested too deeply"));
    // null is an absent value (the JSON convention): empty text.
    if (!n.IsDefined() || n.IsNull())
        return Value(std::string());
    if (n.IsScalar())
        return Value(n.Scalar());
    if (n.IsSequence()) {
        Value::List items;
        for (const auto& i : n)
            items.push_back(value_of(rd, i, depth + 1));
        return Value::list(std::move(items));
    }
    Value::Map entries;
    for (const auto& kv : n)
        entries.emplace_back(kv.first.Scalar(), value_of(rd, kv.second, depth + 1));
    return Value::map(std::move(entries));
}

} // namespace

void append_audit(const Store& store, const AuditEntry& e) {
    Json j = Json::object();
    j["at"] = e.at.iso();
    j["login"] = e.login;
    j["by"] = e.by;
    j["what"] = e.what;
    j["target"] = e.target;
    j["before"] = to_json(e.before);
    j["after"] = to_json(e.after);
    const stdfs::path path = store.root() / kFile;
    // 0666 less the umask: a group-shared store sets a umask that keeps it
    // group-writable (see init --group).
    int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0666);
    if (fd < 0)
        throw Error(Exit::failure, trf("cannot open {}: {}", path.string(), std::strerror(errno)));
    std::string line;
    if (::lseek(fd, 0, SEEK_END) == 0)
        line = kHeader;
    line += "- " + j.dump(-1) + "\n";
    size_t done = 0;
    while (done < line.size()) {
        ssize_t n = ::write(fd, line.data() + done, line.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            int err = errno;
            ::close(fd);
            throw Error(Exit::failure,
                        trf("cannot write {}: {}", path.string(), std::strerror(err)));
        }
        done += static_cast<size_t>(n);
    }
    int rc = ::fsync(fd);
    ::close(fd);
    if (rc != 0)
        throw Error(Exit::failure, trf("cannot fsync {}", path.string()));
}

std::vector<AuditEntry> read_audit(const Store& store) {
    const stdfs::path path = store.root() / kFile;
    std::error_code ec;
    if (!stdfs::exists(path, ec))
        return {};
    const std::string text = fs::read_file(path);
    std::vector<AuditEntry> out;
    size_t start = 0;
    for (size_t line_no = 1; start < text.size(); ++line_no) {
        size_t end = text.find('\n', start);
        if (end == std::string::npos)
            end = text.size(); // a last line cut short by a crash is still read
        std::string_view line(text.data() + start, end - start);
        start = end + 1;
        if (line.empty() || line.starts_with("#"))
            continue;
        if (!line.starts_with("- {"))
            throw Error(
                Exit::damaged,
                trf("{}:{}: damaged: an audit entry is one line '- {{...}}'", path.string(),
                    line_no),
                tr("the audit log is written by hostingctl only; restore it from a backup"));
        // Each entry is parsed on its own, padded so that errors name the
        // line in the file.
        YamlReader rd(path, std::string(line_no - 1, '\n') + std::string(line.substr(2)));
        const YAML::Node& n = rd.root();
        AuditEntry e;
        e.at = read_time(rd, n, "at", store.tz());
        e.login = rd.str(n, "login");
        e.by = rd.str(n, "by", false);
        e.what = rd.str(n, "what");
        e.target = rd.str(n, "target");
        e.before = value_of(rd, n["before"], 0);
        e.after = value_of(rd, n["after"], 0);
        out.push_back(std::move(e));
    }
    return out;
}

} // namespace hostingctl
