#pragma once
// Reading YAML store files with errors that name the file and line, and
// refuse files of a newer schema.  Every problem is Error(damaged): the
// caller reports it and never writes over the file.
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

    // Checks `schema:` is present and not newer than this build knows.
    void check_schema(int supported) const;

    // Typed access; `required` fields that are missing or of the wrong type
    // throw a damaged-file error pointing at the node.
    std::string str(const YAML::Node& parent, const char* key, bool required = true) const;
    long integer(const YAML::Node& parent, const char* key, long fallback) const;
    bool boolean(const YAML::Node& parent, const char* key, bool fallback) const;
    std::vector<std::string> strings(const YAML::Node& parent, const char* key) const;
    YAML::Node map(const YAML::Node& parent, const char* key, bool required = true) const;
    YAML::Node seq(const YAML::Node& parent, const char* key) const;

    [[noreturn]] void fail(const YAML::Node& at, const std::string& message) const;

  private:
    std::filesystem::path path_;
    YAML::Node root_;
};

// Emits a YAML document from an emitter's output with a leading comment.
std::string yaml_document(const std::string& header_comment, const YAML::Emitter& out);

} // namespace hostingctl
