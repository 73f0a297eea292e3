// Reading YAML store files: every problem is a "damaged" error that names
// the file and, where there is one, the line, so the officer can fix it.
#include "store/yaml_io.hpp"
#include "support.hpp"

#include <functional>

using namespace hostingctl;
using unit::error_from;

namespace {

const char* kText = R"(schema: 1
name: "Budi"
count: 12
flag: true
list: [a, b]
nested:
  inner: x
nothing:
text_list: not a list
number_text: twelve
mixed: [a, [b]]
)";

YamlReader reader() {
    return YamlReader("staff.yaml", kText);
}

} // namespace

TEST_CASE("typed access to values that are there") {
    YamlReader rd = reader();
    const auto& root = rd.root();
    CHECK(rd.str(root, "name") == "Budi");
    CHECK(rd.integer(root, "count", 0) == 12);
    CHECK(rd.boolean(root, "flag", false));
    CHECK(rd.strings(root, "list") == std::vector<std::string>{"a", "b"});
    CHECK(rd.str(rd.map(root, "nested"), "inner") == "x");
    CHECK_NOTHROW(rd.check_schema(1));
}

TEST_CASE("missing and empty values fall back, or fail when required") {
    YamlReader rd = reader();
    const auto& root = rd.root();
    CHECK(rd.str(root, "absent", false).empty());
    CHECK(rd.str(root, "nothing", false).empty());
    CHECK(rd.integer(root, "absent", 7) == 7);
    CHECK(rd.boolean(root, "nothing", true));
    CHECK(rd.strings(root, "absent").empty());
    CHECK(rd.map(root, "absent", false).size() == 0);
    CHECK(rd.seq(root, "absent").size() == 0);

    Error e = error_from([&] { rd.str(root, "absent"); });
    CHECK(e.code() == Exit::damaged);
    CHECK_CONTAINS(e.what(), "staff.yaml");
    CHECK_CONTAINS(e.what(), "missing 'absent'");
    CHECK_CONTAINS(e.hint(), "will not overwrite");
    CHECK(error_from([&] { rd.map(root, "absent"); }).code() == Exit::damaged);
}

TEST_CASE("values of the wrong kind are reported at their line") {
    YamlReader rd = reader();
    const auto& root = rd.root();
    struct Row {
        std::function<void()> read;
        const char* where;
    };
    const Row rows[] = {
        {[&] { rd.str(root, "list"); }, "staff.yaml:5"},
        {[&] { rd.integer(root, "number_text", 0); }, "staff.yaml:10"},
        {[&] { rd.boolean(root, "number_text", false); }, "staff.yaml:10"},
        {[&] { rd.strings(root, "text_list"); }, "staff.yaml:9"},
        {[&] { rd.strings(root, "mixed"); }, "staff.yaml:11"},
        {[&] { rd.map(root, "list"); }, "staff.yaml:5"},
        {[&] { rd.seq(root, "nested"); }, "staff.yaml:7"},
    };
    for (const Row& r : rows) {
        INFO(r.where);
        Error e = error_from(r.read);
        CHECK(e.code() == Exit::damaged);
        CHECK_CONTAINS(e.what(), r.where);
    }
}

TEST_CASE("schema checks") {
    CHECK(error_from([] { YamlReader("f.yaml", "schema: 2\n").check_schema(1); }).code() ==
          Exit::damaged);
    CHECK_CONTAINS(error_from([] { YamlReader("f.yaml", "schema: 2\n").check_schema(1); }).what(),
                   "newer");
    CHECK_NOTHROW(YamlReader("f.yaml", "schema: 2\n").check_schema(2));
    CHECK(error_from([] { YamlReader("f.yaml", "a: 1\n").check_schema(1); }).code() ==
          Exit::damaged);
    CHECK(error_from([] { YamlReader("f.yaml", "schema: x\n").check_schema(1); }).code() ==
          Exit::damaged);
    CHECK(error_from([] { YamlReader("f.yaml", "schema: 0\n").check_schema(1); }).code() ==
          Exit::damaged);
}

TEST_CASE("text that is not a YAML mapping") {
    for (const char* text : {"", "- a\n- b\n", "just text\n", "a: [\n"}) {
        INFO("text '" << text << "'");
        Error e = error_from([&] { YamlReader("f.yaml", text); });
        CHECK(e.code() == Exit::damaged);
        CHECK_CONTAINS(e.what(), "f.yaml");
    }
}

TEST_CASE("loading a file") {
    unit::TempDir dir;
    unit::spit(dir / "a.yaml", "schema: 1\nx: y\n");
    YamlReader rd = YamlReader::load(dir / "a.yaml");
    CHECK(rd.path() == dir / "a.yaml");
    CHECK(rd.str(rd.root(), "x") == "y");
    CHECK(error_from([&] { YamlReader::load(dir / "missing.yaml"); }).code() == Exit::not_found);
}

TEST_CASE("yaml_document puts the comment first and ends with a newline") {
    YAML::Emitter out;
    out << YAML::BeginMap << YAML::Key << "schema" << YAML::Value << 1 << YAML::EndMap;
    CHECK(yaml_document("# header\n", out) == "# header\nschema: 1\n");
    CHECK(yaml_document("", out) == "schema: 1\n");
}
