// The JSON writer behind --json: scripts parse this output, so key order,
// escaping and layout are part of the contract.
#include "support.hpp"
#include "util/json.hpp"

#include <cmath>
#include <limits>

using namespace hostingctl;

TEST_CASE("objects keep their keys in the order they were set") {
    Json j = Json::object();
    j["id"] = "HST-2026-0001";
    j["status"] = "received";
    j["agency"] = "dinkes";
    CHECK(j.dump(-1) == R"({"id": "HST-2026-0001", "status": "received", "agency": "dinkes"})");

    SUBCASE("setting a key again replaces its value in place") {
        j["status"] = "disposed";
        CHECK(j.dump(-1) == R"({"id": "HST-2026-0001", "status": "disposed", "agency": "dinkes"})");
    }
}

TEST_CASE("indented output") {
    Json j = Json::object();
    j["id"] = "HST-2026-0001";
    j["n"] = 3;
    j["ok"] = true;
    Json list = Json::array();
    list.push(1);
    list.push("a");
    j["list"] = list;
    j["none"] = nullptr;
    j["empty_list"] = Json::array();
    j["empty_object"] = Json::object();
    Json inner = Json::object();
    inner["x"] = false;
    j["inner"] = inner;

    CHECK(j.dump() == "{\n"
                      "  \"id\": \"HST-2026-0001\",\n"
                      "  \"n\": 3,\n"
                      "  \"ok\": true,\n"
                      "  \"list\": [\n"
                      "    1,\n"
                      "    \"a\"\n"
                      "  ],\n"
                      "  \"none\": null,\n"
                      "  \"empty_list\": [],\n"
                      "  \"empty_object\": {},\n"
                      "  \"inner\": {\n"
                      "    \"x\": false\n"
                      "  }\n"
                      "}");
    CHECK(j.dump(-1) ==
          R"({"id": "HST-2026-0001", "n": 3, "ok": true, "list": [1, "a"], )"
          R"("none": null, "empty_list": [], "empty_object": {}, "inner": {"x": false}})");
}

TEST_CASE("scalars") {
    CHECK(Json().dump() == "null");
    CHECK(Json(nullptr).dump() == "null");
    CHECK(Json().is_null());
    CHECK_FALSE(Json(0).is_null());
    CHECK(Json(true).dump() == "true");
    CHECK(Json(false).dump() == "false");
    CHECK(Json(0).dump() == "0");
    CHECK(Json(-42).dump() == "-42");
    CHECK(Json(9007199254740993LL).dump() == "9007199254740993");
    CHECK(Json(65535u).dump() == "65535");
    CHECK(Json(2.5).dump() == "2.5");
    CHECK(Json(std::string("x")).dump() == "\"x\"");
    CHECK(Json(std::string_view("y")).dump() == "\"y\"");
    // JSON has no NaN or infinity; null is the honest value.
    CHECK(Json(std::nan("")).dump() == "null");
    CHECK(Json(std::numeric_limits<double>::infinity()).dump() == "null");
}

TEST_CASE("strings are escaped so that any text stays one JSON string") {
    CHECK(json_quote("") == R"("")");
    CHECK(json_quote("plain") == R"("plain")");
    CHECK(json_quote("say \"hi\"") == R"("say \"hi\"")");
    CHECK(json_quote("C:\\path") == R"("C:\\path")");
    CHECK(json_quote("a\nb") == R"("a\nb")");
    CHECK(json_quote("a\r\nb") == R"("a\r\nb")");
    CHECK(json_quote("a\tb") == R"("a\tb")");
    CHECK(json_quote("\b\f") == R"("\b\f")");
    CHECK(json_quote(std::string("a\0b", 3)) == R"("a\u0000b")");
    CHECK(json_quote("\x1b[31m") == R"("\u001b[31m")");
    CHECK(json_quote("\x7f") == R"("\u007f")");
    // Non-ASCII text is written as UTF-8, not escaped.
    CHECK(json_quote("Dinas Kesehatan — ü 日本") == "\"Dinas Kesehatan — ü 日本\"");
    // Characters that mean something elsewhere mean nothing here.
    CHECK(json_quote("$(rm -rf /) {{x}} </script>") == R"("$(rm -rf /) {{x}} </script>")");
}

TEST_CASE("keys are escaped too") {
    Json j = Json::object();
    j["a\"b"] = 1;
    CHECK(j.dump(-1) == R"({"a\"b": 1})");
}

TEST_CASE("a value that is not yet an object or array becomes one on first use") {
    Json j;
    j["k"] = 1;
    CHECK(j.dump(-1) == R"({"k": 1})");
    Json a;
    a.push("x");
    CHECK(a.dump(-1) == R"(["x"])");
}
