#include "provision/zonefile.hpp"

#include <doctest/doctest.h>

using namespace hostingctl;

namespace {

const char* kZone = R"($TTL 3600
@   IN SOA ns1.pekalongankota.go.id. hostmaster.pekalongankota.go.id. (
        2026112001 ; serial
        3600       ; refresh
        900 604800 300 )
    IN NS ns1
ns1 IN A 203.0.113.2
simpus 3600 IN A 203.0.113.10 ; hostingctl HST-2026-0001
eoffice.pekalongankota.go.id. IN CNAME simpus
)";

} // namespace

TEST_CASE("the SOA serial is found across parentheses, comments and lines") {
    const std::string z = kZone;
    auto s = find_soa_serial(z);
    REQUIRE(s);
    CHECK(s->value == 2026112001);
    CHECK(z.substr(s->offset, s->length) == "2026112001");
    // A serial on the SOA line itself, and one in a comment before it.
    auto t = find_soa_serial("; SOA 1 2 3 4\n@ SOA a. b. 7 1 1 1 1\n");
    REQUIRE(t);
    CHECK(t->value == 7);
    CHECK_FALSE(find_soa_serial("@ IN NS ns1\n"));
    CHECK_FALSE(find_soa_serial("@ SOA a. b. x 1 1 1 1\n"));
}

TEST_CASE("the next serial follows YYYYMMDDnn and never goes back") {
    const Date d{2026, 12, 2};
    CHECK(next_serial(2026112001, d) == 2026120200);
    CHECK(next_serial(2026120200, d) == 2026120201);
    CHECK(next_serial(2026120299, d) == 2026120300); // past today's: still one more
    CHECK(next_serial(2030010100, d) == 2030010101);
    CHECK(next_serial(7, d) == 2026120200);
}

TEST_CASE("a name's records are found written relative or absolute, at label boundaries") {
    const std::string z = kZone;
    auto r = records_of(z, "pekalongankota.go.id", "simpus.pekalongankota.go.id");
    REQUIRE(r.size() == 1);
    CHECK(r[0] == "simpus 3600 IN A 203.0.113.10");
    CHECK(records_of(z, "pekalongankota.go.id", "eoffice.pekalongankota.go.id").size() == 1);
    CHECK(records_of(z, "pekalongankota.go.id", "pus.pekalongankota.go.id").empty());
    CHECK(records_of(z, "pekalongankota.go.id", "sipd.pekalongankota.go.id").empty());
}
