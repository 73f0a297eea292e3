#include "store/yaml_io.hpp"

#include "util/error.hpp"
#include "util/fs.hpp"
#include "util/i18n.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace hostingctl {

YamlReader::YamlReader(std::filesystem::path path, const std::string& text)
    : path_(std::move(path)) {
    try {
        root_ = YAML::Load(text);
    } catch (const YAML::Exception& e) {
        throw Error(Exit::damaged,
                    trf("{}:{}:{}: damaged YAML: {}", path_.string(), e.mark.line + 1,
                        e.mark.column + 1, e.msg),
                    tr("fix the file by hand or restore it from a backup; hostingctl will not "
                       "overwrite it"));
    }
    if (!root_.IsMap())
        throw Error(Exit::damaged,
                    trf("{}: damaged: expected a mapping at the top level", path_.string()),
                    tr("fix the file by hand or restore it from a backup"));
}

YamlReader YamlReader::load(const std::filesystem::path& path) {
    return YamlReader(path, fs::read_file(path));
}

void YamlReader::known_keys(const YAML::Node& n, const std::vector<std::string>& keys,
                            std::string_view where) const {
    if (!n || !n.IsMap())
        return;
    for (auto it = n.begin(); it != n.end(); ++it) {
        const std::string key = it->first.IsScalar() ? it->first.Scalar() : "";
        if (std::find(keys.begin(), keys.end(), key) != keys.end())
            continue;
        const std::string c = text::closest(key, keys);
        fail(it->first, c.empty() ? trf("'{}' is not a key of {}", text::shown(key), where)
                                  : trf("'{}' is not a key of {}; did you mean '{}'?",
                                        text::shown(key), where, c));
    }
}

void YamlReader::fail(const YAML::Node& at, const std::string& message) const {
    std::string where = path_.string();
    if (at.IsDefined() && !at.Mark().is_null())
        where += fmt::format(":{}", at.Mark().line + 1);
    throw Error(
        Exit::damaged, trf("{}: damaged: {}", where, message),
        tr("fix the file by hand or restore it from a backup; hostingctl will not overwrite "
           "it"));
}

int YamlReader::check_schema(int supported) const {
    const YAML::Node n = root_["schema"];
    if (!n)
        fail(root_, tr("no 'schema:' field"));
    int v = 0;
    try {
        v = n.as<int>();
    } catch (const YAML::Exception&) {
        fail(n, tr("'schema' is not a number"));
    }
    if (v > supported)
        throw Error(Exit::damaged,
                    trf("{}: schema {} is newer than this hostingctl understands ({})",
                        path_.string(), v, supported),
                    tr("upgrade hostingctl; the file was left untouched"));
    if (v < 1)
        fail(n, trf("schema {} is not valid", v));
    return v;
}

std::string YamlReader::str(const YAML::Node& parent, const char* key, bool required) const {
    const YAML::Node n = parent[key];
    if (!n || n.IsNull()) {
        if (required)
            fail(parent, trf("missing '{}'", key));
        return {};
    }
    if (!n.IsScalar())
        fail(n, trf("'{}' must be a plain value", key));
    return n.Scalar();
}

long YamlReader::integer(const YAML::Node& parent, const char* key, long fallback) const {
    const YAML::Node n = parent[key];
    if (!n || n.IsNull())
        return fallback;
    try {
        return n.as<long>();
    } catch (const YAML::Exception&) {
        fail(n, trf("'{}' must be a whole number", key));
    }
}

bool YamlReader::boolean(const YAML::Node& parent, const char* key, bool fallback) const {
    const YAML::Node n = parent[key];
    if (!n || n.IsNull())
        return fallback;
    try {
        return n.as<bool>();
    } catch (const YAML::Exception&) {
        fail(n, trf("'{}' must be true or false", key));
    }
}

std::vector<std::string> YamlReader::strings(const YAML::Node& parent, const char* key) const {
    std::vector<std::string> out;
    const YAML::Node n = parent[key];
    if (!n || n.IsNull())
        return out;
    if (!n.IsSequence())
        fail(n, trf("'{}' must be a list", key));
    for (const auto& item : n) {
        if (!item.IsScalar())
            fail(item, trf("items of '{}' must be plain values", key));
        out.push_back(item.Scalar());
    }
    return out;
}

YAML::Node YamlReader::map(const YAML::Node& parent, const char* key, bool required) const {
    const YAML::Node n = parent[key];
    if (!n || n.IsNull()) {
        if (required)
            fail(parent, trf("missing '{}'", key));
        return YAML::Node(YAML::NodeType::Map);
    }
    if (!n.IsMap())
        fail(n, trf("'{}' must be a mapping", key));
    return n;
}

YAML::Node YamlReader::seq(const YAML::Node& parent, const char* key) const {
    const YAML::Node n = parent[key];
    if (!n || n.IsNull())
        return YAML::Node(YAML::NodeType::Sequence);
    if (!n.IsSequence())
        fail(n, trf("'{}' must be a list", key));
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

void emit_quoted(YAML::Emitter& out, const char* key, const std::string& value) {
    out << YAML::Key << key << YAML::Value << YAML::DoubleQuoted << value;
}

void emit_plain(YAML::Emitter& out, const char* key, const std::string& value) {
    out << YAML::Key << key << YAML::Value << value;
}

std::string comment_text(std::string value) {
    for (char& c : value)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
            c = ' ';
    return value;
}

namespace {

void emit_value(YAML::Emitter& out, const Value& v) {
    switch (v.kind) {
    case Value::Kind::text:
        out << YAML::DoubleQuoted << v.text;
        break;
    case Value::Kind::list:
        out << YAML::BeginSeq;
        for (const auto& item : v.items)
            emit_value(out, item);
        out << YAML::EndSeq;
        break;
    case Value::Kind::map:
        out << YAML::BeginMap;
        for (const auto& [k, item] : v.entries) {
            out << YAML::Key << k << YAML::Value;
            emit_value(out, item);
        }
        out << YAML::EndMap;
        break;
    }
}

constexpr int kMaxDepth = 8;

Value read_value(const YamlReader& rd, const YAML::Node& n, bool structured, int depth) {
    if (n.IsNull())
        return Value("");
    if (n.IsScalar())
        return Value(n.Scalar());
    if (!structured)
        rd.fail(n, tr("event data values must be plain values in a schema 1 file"));
    if (depth >= kMaxDepth)
        rd.fail(n, tr("event data is nested too deeply"));
    if (n.IsSequence()) {
        Value::List items;
        for (const auto& item : n)
            items.push_back(read_value(rd, item, structured, depth + 1));
        return Value::list(std::move(items));
    }
    if (n.IsMap()) {
        Value::Map entries;
        for (const auto& kv : n) {
            if (!kv.first.IsScalar())
                rd.fail(kv.first, tr("event data keys must be plain names"));
            entries.emplace_back(kv.first.Scalar(),
                                 read_value(rd, kv.second, structured, depth + 1));
        }
        return Value::map(std::move(entries));
    }
    rd.fail(n, tr("event data values must be texts, lists or maps"));
}

} // namespace

void emit_events(YAML::Emitter& out, const std::vector<Event>& events) {
    out << YAML::Key << "events" << YAML::Value << YAML::BeginSeq;
    for (const auto& e : events) {
        out << YAML::BeginMap;
        emit_plain(out, "action", e.action);
        emit_plain(out, "at", e.at.iso());
        emit_plain(out, "by", e.by);
        emit_plain(out, "recorded_by", e.recorded_by);
        if (!e.note.empty())
            emit_quoted(out, "note", e.note);
        if (!e.data.empty()) {
            out << YAML::Key << "data" << YAML::Value;
            emit_value(out, Value::map(e.data));
        }
        out << YAML::EndMap;
    }
    out << YAML::EndSeq;
}

Timestamp read_time(const YamlReader& rd, const YAML::Node& parent, const char* key,
                    const TimeZone& tz) {
    std::string s = rd.str(parent, key);
    auto t = parse_iso_timestamp(s, tz);
    if (!t)
        rd.fail(parent[key], trf("'{}' is not an ISO 8601 time: {}", key, text::shown(s)));
    return *t;
}

Event read_event(const YamlReader& rd, const YAML::Node& node, const TimeZone& tz,
                 bool structured) {
    if (!node.IsMap())
        rd.fail(node, tr("each event must be a mapping"));
    Event e;
    e.line = node.Mark().is_null() ? 0 : node.Mark().line + 1;
    e.action = rd.str(node, "action");
    e.at = read_time(rd, node, "at", tz);
    e.by = rd.str(node, "by");
    e.recorded_by = rd.str(node, "recorded_by");
    e.note = rd.str(node, "note", false);
    YAML::Node data = rd.map(node, "data", false);
    for (const auto& kv : data) {
        if (!kv.first.IsScalar())
            rd.fail(kv.first, tr("event data keys must be plain names"));
        e.data.emplace_back(kv.first.Scalar(), read_value(rd, kv.second, structured, 1));
    }
    return e;
}

} // namespace hostingctl
