#include "store/yaml_io.hpp"

#include "util/error.hpp"
#include "util/fs.hpp"

#include <fmt/format.h>

namespace hostingctl {

YamlReader::YamlReader(std::filesystem::path path, const std::string& text)
    : path_(std::move(path)) {
    try {
        root_ = YAML::Load(text);
    } catch (const YAML::Exception& e) {
        throw Error(Exit::damaged,
                    fmt::format("{}:{}:{}: damaged YAML: {}", path_.string(), e.mark.line + 1,
                                e.mark.column + 1, e.msg),
                    "fix the file by hand or restore it from a backup; hostingctl will not "
                    "overwrite it");
    }
    if (!root_.IsMap())
        throw Error(Exit::damaged,
                    fmt::format("{}: damaged: expected a mapping at the top level", path_.string()),
                    "fix the file by hand or restore it from a backup");
}

YamlReader YamlReader::load(const std::filesystem::path& path) {
    return YamlReader(path, fs::read_file(path));
}

void YamlReader::fail(const YAML::Node& at, const std::string& message) const {
    std::string where = path_.string();
    if (at.IsDefined() && !at.Mark().is_null())
        where += fmt::format(":{}", at.Mark().line + 1);
    throw Error(Exit::damaged, fmt::format("{}: damaged: {}", where, message),
                "fix the file by hand or restore it from a backup; hostingctl will not overwrite "
                "it");
}

void YamlReader::check_schema(int supported) const {
    const YAML::Node n = root_["schema"];
    if (!n)
        fail(root_, "no 'schema:' field");
    int v = 0;
    try {
        v = n.as<int>();
    } catch (const YAML::Exception&) {
        fail(n, "'schema' is not a number");
    }
    if (v > supported)
        throw Error(Exit::damaged,
                    fmt::format("{}: schema {} is newer than this hostingctl understands ({})",
                                path_.string(), v, supported),
                    "upgrade hostingctl; the file was left untouched");
    if (v < 1)
        fail(n, fmt::format("schema {} is not valid", v));
}

std::string YamlReader::str(const YAML::Node& parent, const char* key, bool required) const {
    const YAML::Node n = parent[key];
    if (!n || n.IsNull()) {
        if (required)
            fail(parent, fmt::format("missing '{}'", key));
        return {};
    }
    if (!n.IsScalar())
        fail(n, fmt::format("'{}' must be a plain value", key));
    return n.Scalar();
}

long YamlReader::integer(const YAML::Node& parent, const char* key, long fallback) const {
    const YAML::Node n = parent[key];
    if (!n || n.IsNull())
        return fallback;
    try {
        return n.as<long>();
    } catch (const YAML::Exception&) {
        fail(n, fmt::format("'{}' must be a whole number", key));
    }
}

bool YamlReader::boolean(const YAML::Node& parent, const char* key, bool fallback) const {
    const YAML::Node n = parent[key];
    if (!n || n.IsNull())
        return fallback;
    try {
        return n.as<bool>();
    } catch (const YAML::Exception&) {
        fail(n, fmt::format("'{}' must be true or false", key));
    }
}

std::vector<std::string> YamlReader::strings(const YAML::Node& parent, const char* key) const {
    std::vector<std::string> out;
    const YAML::Node n = parent[key];
    if (!n || n.IsNull())
        return out;
    if (!n.IsSequence())
        fail(n, fmt::format("'{}' must be a list", key));
    for (const auto& item : n) {
        if (!item.IsScalar())
            fail(item, fmt::format("items of '{}' must be plain values", key));
        out.push_back(item.Scalar());
    }
    return out;
}

YAML::Node YamlReader::map(const YAML::Node& parent, const char* key, bool required) const {
    const YAML::Node n = parent[key];
    if (!n || n.IsNull()) {
        if (required)
            fail(parent, fmt::format("missing '{}'", key));
        return YAML::Node(YAML::NodeType::Map);
    }
    if (!n.IsMap())
        fail(n, fmt::format("'{}' must be a mapping", key));
    return n;
}

YAML::Node YamlReader::seq(const YAML::Node& parent, const char* key) const {
    const YAML::Node n = parent[key];
    if (!n || n.IsNull())
        return YAML::Node(YAML::NodeType::Sequence);
    if (!n.IsSequence())
        fail(n, fmt::format("'{}' must be a list", key));
    return n;
}

std::string yaml_document(const std::string& header_comment, const YAML::Emitter& out) {
    std::string s;
    if (!header_comment.empty())
        s += header_comment;
    s += out.c_str();
    s += '\n';
    return s;
}

} // namespace hostingctl
