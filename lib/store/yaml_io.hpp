#pragma once
// Reading YAML store files with errors that name the file and line, and
// refuse files of a newer schema.  Every problem is Error(damaged): the
// caller reports it and never writes over the file.
#include "model/model.hpp"
#include "util/time.hpp"

#include <filesystem>
#include <string>
#include <vector>
#include <yaml-cpp/yaml.h>

namespace hostingctl {

class YamlReader {
  public:
    // Parses `text` as the content of `path` (the path is for messages).
    YamlReader(std::filesystem::path path, const std::string& text);
    // Reads and parses the file.
    static YamlReader load(const std::filesystem::path& path);

    const YAML::Node& root() const { return root_; }
    const std::filesystem::path& path() const { return path_; }

    // Checks `schema:` is present and not newer than this build knows;
    // returns the file's schema.
    int check_schema(int supported) const;

    // Typed access; `required` fields that are missing or of the wrong type
    // throw a damaged-file error pointing at the node.
    std::string str(const YAML::Node& parent, const char* key, bool required = true) const;
    long integer(const YAML::Node& parent, const char* key, long fallback) const;
    bool boolean(const YAML::Node& parent, const char* key, bool fallback) const;
    std::vector<std::string> strings(const YAML::Node& parent, const char* key) const;
    YAML::Node map(const YAML::Node& parent, const char* key, bool required = true) const;
    YAML::Node seq(const YAML::Node& parent, const char* key) const;

    [[noreturn]] void fail(const YAML::Node& at, const std::string& message) const;

    // Refuses a key of the map `n` that is not in `keys`: a typo ("holiday:",
    // "recordin:") would otherwise be ignored and the default used.  `where`
    // names the map ("hostingctl.yaml", "policy").  Nothing for a non-map.
    void known_keys(const YAML::Node& n, const std::vector<std::string>& keys,
                    std::string_view where) const;

  private:
    std::filesystem::path path_;
    YAML::Node root_;
};

// Emits a YAML document from an emitter's output with a leading comment.
std::string yaml_document(const std::string& header_comment, const YAML::Emitter& out);

// Text typed by people is always double-quoted so that no value can turn
// into YAML structure, a boolean or a number when read back by any tool.
void emit_quoted(YAML::Emitter& out, const char* key, const std::string& value);
// Values hostingctl made (ids, times, names from fixed lists), unquoted.
void emit_plain(YAML::Emitter& out, const char* key, const std::string& value);
// Text placed in a YAML comment: a line break would end the comment and let
// the rest of the text be read as YAML, so control characters become spaces.
std::string comment_text(std::string value);

// The event log of a record (requests, complaints): action, at, by,
// recorded_by, note when given, data when given (texts always quoted;
// lists and maps nested as they are).
void emit_events(YAML::Emitter& out, const std::vector<Event>& events);
// One event of such a log, its fields checked for shape only: whether the
// log replays is the caller's to check.  With `structured` false (files of
// a schema before structured data), data values must be plain texts.
Event read_event(const YamlReader& rd, const YAML::Node& node, const TimeZone& tz,
                 bool structured = false);
// A required ISO 8601 time; a damaged-file error naming the key otherwise.
Timestamp read_time(const YamlReader& rd, const YAML::Node& parent, const char* key,
                    const TimeZone& tz);

} // namespace hostingctl
