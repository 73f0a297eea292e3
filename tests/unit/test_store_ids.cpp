// Record numbers such as HST-2026-0007: written from a configurable format,
// read back, and refused when they do not match (they become file names).
#include "store/ids.hpp"
#include "support.hpp"

using namespace hostingctl;
using unit::error_from;

namespace {
const char* kDefault = "HST-{year}-{seq:4}";
}

TEST_CASE("the default format: HST-year-sequence, zero-padded to four digits") {
    CHECK(format_id(kDefault, 2026, 7) == "HST-2026-0007");
    CHECK(format_id(kDefault, 2026, 1) == "HST-2026-0001");
    CHECK(format_id(kDefault, 2027, 9999) == "HST-2027-9999");
    // Padding is a minimum: the ten-thousandth request still gets a number.
    CHECK(format_id(kDefault, 2026, 12345) == "HST-2026-12345");

    auto rn = parse_id(kDefault, "HST-2026-0007");
    REQUIRE(rn);
    CHECK(rn->year == 2026);
    CHECK(rn->seq == 7);

    rn = parse_id(kDefault, "HST-2026-12345");
    REQUIRE(rn);
    CHECK(rn->seq == 12345);
}

TEST_CASE("numbers read back as written") {
    for (int year : {1999, 2026, 2100})
        for (long seq : {1L, 7L, 42L, 999L, 1000L, 10000L, 123456789L}) {
            INFO(year << "/" << seq);
            auto rn = parse_id(kDefault, format_id(kDefault, year, seq));
            REQUIRE(rn);
            CHECK(rn->year == year);
            CHECK(rn->seq == seq);
        }
}

TEST_CASE("ids that do not match the format are not request numbers") {
    const std::vector<std::string> bad = {
        "",
        "HST",
        "HST-2026-",
        "HST-2026",
        "HST-26-0007", // the year has four digits
        "HST-20260-007",
        "hst-2026-0007", // the literal part is case-sensitive
        "ADU-2026-0007",
        "HST_2026_0007",
        "HST-2026-0000", // sequences start at 1
        "HST-2026-0007x",
        "HST-2026-0007.yaml",
        " HST-2026-0007",
        "HST-2026-0007 ",
        "HST-2026--007",
        "HST-2026-+007",
        "../HST-2026-0007",
        "HST-2026-0007/../../etc/passwd",
        "HST-2026-1234567890", // more digits than any sequence has
        "HST-2026-7",          // not as the format writes it: HST-2026-0007
        "HST-2026-00007",
    };
    for (const auto& id : bad) {
        INFO("id '" << id << "'");
        CHECK_FALSE(parse_id(kDefault, id));
    }
}

TEST_CASE("a custom format") {
    const char* fmt = "REQ.{seq:3}.{year}";
    CHECK_NOTHROW(check_id_format(fmt));
    CHECK(format_id(fmt, 2026, 5) == "REQ.005.2026");
    auto rn = parse_id(fmt, "REQ.005.2026");
    REQUIRE(rn);
    CHECK(rn->year == 2026);
    CHECK(rn->seq == 5);
    CHECK_FALSE(parse_id(fmt, "HST-2026-0005"));
    CHECK_FALSE(parse_id(fmt, "REQ.005.26"));

    SUBCASE("without padding") {
        CHECK(format_id("{year}_{seq}", 2026, 5) == "2026_5");
        auto r = parse_id("{year}_{seq}", "2026_15");
        REQUIRE(r);
        CHECK(r->seq == 15);
    }
    SUBCASE("year and sequence side by side: the year is always four digits") {
        CHECK(format_id("{year}{seq:4}", 2026, 7) == "20260007");
        auto r = parse_id("{year}{seq:4}", "20260007");
        REQUIRE(r);
        CHECK(r->year == 2026);
        CHECK(r->seq == 7);
    }
}

TEST_CASE("check_id_format refuses formats that cannot make safe, unique file names") {
    struct Row {
        const char* format;
        const char* why;
    };
    const Row rows[] = {
        {"HST-{seq:4}", "{year}"}, // numbers would repeat every year
        {"HST-{year}", "{seq}"},   // every request of a year would collide
        {"", "{year}"},
        {"HST/{year}/{seq}", "/"}, // would leave the requests directory
        {"HST {year}-{seq}", "' '"},
        {"HST-{year}-{seq:4", "unclosed"},
        {"HST-{month}-{seq}", "month"},
        {"HST-{year}-{seq:x}", "seq:x"},
        {"HST-{year}-{seq:12}", "seq:12"},
        {"..{year}{seq}\\", "\\"},
    };
    for (const Row& r : rows) {
        INFO("format '" << r.format << "'");
        Error e = error_from([&] { check_id_format(r.format); });
        CHECK(e.code() == Exit::invalid);
        CHECK_CONTAINS(e.what(), r.why);
    }
    CHECK_NOTHROW(check_id_format(kDefault));
    CHECK_NOTHROW(check_id_format("{seq}-{year}"));
}

TEST_CASE("a format whose numbers cannot be read back is refused when configured") {
    // The sequence runs straight into the year, so "72026" could be seq 7 of
    // 2026 or seq 72 of year 026; the tool would write files it cannot find.
    for (std::string format : {"{seq}{year}", "HST{seq:4}{year}"}) {
        INFO("format '" << format << "'");
        Error e = error_from([&] { check_id_format(format); });
        CHECK(e.code() == Exit::invalid);
        CHECK_CONTAINS(e.what(), format);
    }
}
