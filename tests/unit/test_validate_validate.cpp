// Input validation: every value a person or a script types passes through
// here before anything is written, so each function is fed hostile input.
#include "support.hpp"
#include "validate/validate.hpp"

#include <string>
#include <vector>

using namespace hostingctl;
using unit::error_from;

namespace {

const std::vector<std::string> kZones = {"pekalongankota.go.id"};
const std::vector<std::string> kReserved = {"www", "mail", "smtp",    "ns",    "ns1",
                                            "ns2", "ftp",  "webmail", "admin", "api"};
const std::string kZone = "pekalongankota.go.id";

std::string domain(std::string_view v) {
    return validate::domain(v, kZones, kReserved);
}

// A label of n letters.
std::string label(size_t n) {
    return std::string(n, 'a');
}

} // namespace

TEST_CASE("domain: accepted names and how they are normalised") {
    struct Row {
        std::string input;
        std::string expected;
    };
    const std::vector<Row> rows = {
        // A single label is placed under the first zone.
        {"simpus", "simpus." + kZone},
        // Upper case is folded.
        {"SIMPUS", "simpus." + kZone},
        {"SimPus.PekalonganKota.GO.ID", "simpus." + kZone},
        // A full name inside the zone is kept.
        {"simpus." + kZone, "simpus." + kZone},
        {"app.dinkes." + kZone, "app.dinkes." + kZone},
        // An absolute name (trailing dot) is the same name.
        {"simpus." + kZone + ".", "simpus." + kZone},
        // Blanks around the value are not part of it.
        {"  simpus  ", "simpus." + kZone},
        // Hyphens and digits inside a label are fine.
        {"e-kinerja", "e-kinerja." + kZone},
        {"sipd2026", "sipd2026." + kZone},
        // 63 characters is the longest label.
        {label(63), label(63) + "." + kZone},
        // Reserved names are only refused directly below the zone.
        {"www.dinkes." + kZone, "www.dinkes." + kZone},
        // A name that merely starts like a reserved one is not reserved.
        {"www2", "www2." + kZone},
        {"mailing", "mailing." + kZone},
        // IDN: Unicode labels become punycode (RFC 3492).
        {"bücher", "xn--bcher-kva." + kZone},
        {"dinas-kesehatan-ü", "xn--dinas-kesehatan--yzb." + kZone},
        {"bücher." + kZone, "xn--bcher-kva." + kZone},
        {"BÜCHER", "xn--bcher-kva." + kZone},
        // Non-transitional IDNA2008: ß stays ß rather than becoming "ss".
        {"straße", "xn--strae-oqa." + kZone},
    };
    for (const Row& r : rows) {
        INFO("input: '" << r.input << "'");
        std::string got;
        CHECK_NOTHROW(got = domain(r.input));
        CHECK(got == r.expected);
    }
}

TEST_CASE("domain: a name of exactly 253 characters is accepted, 254 is not") {
    // 63 + 1 + 63 + 1 + 63 + 1 + 40 = 232 characters, then ".pekalongankota.go.id" (21).
    std::string name =
        label(63) + "." + label(63) + "." + label(63) + "." + label(40) + "." + kZone;
    REQUIRE(name.size() == 253);
    CHECK(domain(name) == name);
    CHECK(domain(name + ".") == name); // the trailing dot of an absolute name does not count

    std::string longer =
        label(63) + "." + label(63) + "." + label(63) + "." + label(41) + "." + kZone;
    REQUIRE(longer.size() == 254);
    Error e = error_from([&] { domain(longer); });
    CHECK(e.code() == Exit::invalid);
    CHECK_CONTAINS(e.what(), "253");
}

TEST_CASE("domain: refused names") {
    struct Row {
        std::string input;
        const char* why; // a word the message must contain
    };
    const std::vector<Row> rows = {
        {"", "empty"},
        {"   ", "empty"},
        {"simpus.example.com", "not inside"},
        // Ends with the zone's text but is not below it.
        {"evilpekalongankota.go.id", "not inside"},
        {"pekalongankota.go.id.evil.com", "not inside"},
        {kZone, "parent zone itself"},
        {kZone + ".", "parent zone itself"},
        {"PEKALONGANKOTA.GO.ID", "parent zone itself"},
        {"-simpus", "hyphen"},
        {"simpus-", "hyphen"},
        {"app.-dinkes." + kZone, "hyphen"},
        {"sim_pus", "'_'"},
        {"sim pus", "' '"},
        {"simpus!", "'!'"},
        {"*." + kZone, "'*'"},
        {"sim/pus", "'/'"},
        {"$(reboot)", "'$'"},
        // Nothing that means something to a shell, a web server or a zone
        // file gets through.
        {"simpus@evil", "'@'"},
        {"a@" + kZone, "not inside"},
        {"sim'pus", "'''"},
        {"sim\"pus", "'\"'"},
        {"sim`id`pus", "'`'"},
        {"sim%2fpus", "'%'"},
        {"sim\\x2epus", "'\\'"},
        {"sim;pus", "';'"},
        {"*", "'*'"},
        {"*.dinkes", "not inside"},
        {"_dmarc", "'_'"},
        {"a_b." + kZone, "'_'"},
        {"../etc", "not inside"},
        // Full-width letters map to ASCII ones (UTS 46) and then count as
        // those: a full-width www is www.
        {"\xef\xbd\x97\xef\xbd\x97\xef\xbd\x97", "reserved"},
        // A no-break space is a space; a right-to-left override is no letter.
        {"sim\xc2\xa0pus", "' '"},
        {"\xe2\x80\xaesimpus", "text-direction"},
        {label(64), "63"},
        {label(64) + "." + kZone, "63"},
        {"simpus.." + kZone, "empty label"},
        {"app..simpus", "not inside"},
        {"..", "not inside"},
        {".", "empty"},
        {"www", "reserved"},
        {"WWW", "reserved"},
        {"mail", "reserved"},
        {"ns1", "reserved"},
        {"ftp", "reserved"},
        {"www." + kZone, "reserved"},
        {"app.ftp." + kZone, "reserved"},
        // Invalid UTF-8 is not a name.
        {"b\xfc"
         "cher",
         "UTF-8"},
        {"\xc3\x28", "UTF-8"},
        // Not a letter, so not allowed in an internationalised name.
        {"\xf0\x9f\x8e\x89", "internationalised"},
        // Control characters (including a newline that would start a new
        // line in a zone file) are refused before anything else.
        {"simpus\nwww", "control"},
        {std::string("sim\0pus", 7), "NUL"},
    };
    for (const Row& r : rows) {
        INFO("input: '" << r.input << "'");
        Error e = error_from([&] { domain(r.input); });
        CHECK(e.code() == Exit::invalid);
        CHECK_CONTAINS(e.what(), r.why);
    }
}

TEST_CASE("domain: a final dot makes the name absolute, so a single label is outside the zones") {
    // "x." is the top-level name "x", not "x" under the first zone: it must
    // not quietly become x.pekalongankota.go.id.
    for (std::string v : {"x.", "simpus.", "SIMPUS.", "bücher.", "simpus\xe3\x80\x82"}) {
        INFO("input: '" << v << "'");
        Error e = error_from([&] { domain(v); });
        CHECK(e.code() == Exit::invalid);
        CHECK_CONTAINS(e.what(), "outside the parent zones");
        CHECK_CONTAINS(e.what(), "top-level name");
        CHECK_CONTAINS(e.hint(), kZone);
    }
    // The hint names every zone.
    Error two = error_from([] {
        validate::domain("x.", {"pekalongankota.go.id", "pekalongankab.go.id"}, kReserved);
    });
    CHECK_CONTAINS(two.hint(), "pekalongankota.go.id");
    CHECK_CONTAINS(two.hint(), "pekalongankab.go.id");
    // Inside a zone an absolute name is the same name, stored without the dot.
    CHECK(domain("simpus." + kZone + ".") == "simpus." + kZone);
    CHECK(domain("app.dinkes." + kZone + ".") == "app.dinkes." + kZone);
    CHECK(domain("SIMPUS.PekalonganKota.GO.ID.") == "simpus." + kZone);
}

TEST_CASE("domain: an xn-- label must decode and encode back to itself (IDNA2008)") {
    // A well-formed A-label is kept, and names the same domain as its U-label,
    // so "bücher" and "xn--bcher-kva" are one name for the duplicate check.
    CHECK(domain("xn--bcher-kva") == "xn--bcher-kva." + kZone);
    CHECK(domain("XN--BCHER-KVA") == "xn--bcher-kva." + kZone);
    CHECK(domain("xn--bcher-kva." + kZone) == domain("bücher"));
    CHECK(domain("app.xn--strae-oqa." + kZone) == "app.xn--strae-oqa." + kZone);
    CHECK(domain("xn--dinas-kesehatan--yzb") == domain("dinas-kesehatan-ü"));

    struct Row {
        std::string input;
        const char* label; // the label the message must name
        const char* why;   // and a word of the reason
    };
    const std::vector<Row> rows = {
        // Not punycode at all.
        {"xn--zz", "xn--zz", "does not decode"},
        {"xn--zz." + kZone, "xn--zz", "does not decode"},
        {"app.xn--zz." + kZone, "xn--zz", "does not decode"},
        {"xn--bcher-kv", "xn--bcher-kv", "does not decode"},
        // Decodes to U+0080, a control character.
        {"xn--a", "xn--a", "not a valid internationalised name"},
        // Decodes to a character IDNA2008 does not allow (an emoji).
        {"xn--ls8h", "xn--ls8h", "not a valid internationalised name"},
        // Decodes to a name IDNA2008 writes another way, so two A-labels
        // would stand for one name: "bÜcher" (upper case), "bu\u0308cher"
        // (not NFC) and "sim\u00adpus" (a soft hyphen, which lookup drops).
        {"xn--bcher-2pa", "xn--bcher-2pa", "encodes as 'xn--bcher-kva'"},
        {"xn--bucher-xyd", "xn--bucher-xyd", "encodes as 'xn--bcher-kva'"},
        {"xn--simpus-dja", "xn--simpus-dja", "encodes as 'simpus'"},
        {"xn--simpus-", "xn--simpus-", "hyphen"},
    };
    for (const Row& r : rows) {
        INFO("input: '" << r.input << "'");
        Error e = error_from([&] { domain(r.input); });
        CHECK(e.code() == Exit::invalid);
        CHECK_CONTAINS(e.what(), std::string("'") + r.label + "'");
        CHECK_CONTAINS(e.what(), r.why);
    }
    // Hyphens in the third and fourth place are kept for encodings like
    // xn-- (RFC 5891 4.2.3.1); libidn2 already refuses them next to a U-label.
    for (const std::string& v : std::vector<std::string>{"ab--cd", "zz--simpus." + kZone}) {
        INFO("input: '" << v << "'");
        Error e = error_from([&] { domain(v); });
        CHECK(e.code() == Exit::invalid);
        CHECK_CONTAINS(e.what(), "third and fourth");
    }
    // Elsewhere a double hyphen is an ordinary name.
    CHECK(domain("e-gov--kota") == "e-gov--kota." + kZone);
}

TEST_CASE("domain: the longest matching zone decides which label is checked") {
    const std::vector<std::string> zones = {"go.id", "pekalongankota.go.id"};
    // Inside pekalongankota.go.id, "www" is the label just below the zone.
    CHECK(unit::error_from([&] {
              validate::domain("www.pekalongankota.go.id", zones, kReserved);
          }).code() == Exit::invalid);
    CHECK(validate::domain("simpus.pekalongankota.go.id", zones, kReserved) ==
          "simpus.pekalongankota.go.id");
    // A single label goes under the first zone listed.
    CHECK(validate::domain("simpus", zones, kReserved) == "simpus.go.id");
}

TEST_CASE("domain: a zone's own name is refused even when another zone holds it") {
    // pekalongankota.go.id lies inside go.id, but it is the apex of a zone of
    // its own: handing it out as a host would take over that zone's name.
    const std::vector<std::string> zones = {"go.id", "pekalongankota.go.id"};
    for (std::string v : {"pekalongankota.go.id", "PekalonganKota.GO.ID.", "go.id"}) {
        INFO("input: '" << v << "'");
        Error e = error_from([&] { validate::domain(v, zones, kReserved); });
        CHECK(e.code() == Exit::invalid);
        CHECK_CONTAINS(e.what(), "parent zone itself");
    }
    CHECK(validate::domain("diskominfo.go.id", zones, kReserved) == "diskominfo.go.id");
}

TEST_CASE("domain: a zone counts only at a label boundary") {
    for (std::string v : {"simpus.evilpekalongankota.go.id", "evilpekalongankota.go.id",
                          "simpus.evil-pekalongankota.go.id", "simpus.pekalongankota.go.id.evil",
                          "simpus.pekalongankota.go.idx", "simpuspekalongankota.go.id"}) {
        INFO("input: '" << v << "'");
        Error e = error_from([&] { domain(v); });
        CHECK(e.code() == Exit::invalid);
        CHECK_CONTAINS(e.what(), "not inside a parent zone");
    }
}

TEST_CASE("domain: zones and reserved names are compared in any case") {
    // The store normalises the zones it reads; the validator must not rely
    // on its caller for that.
    const std::vector<std::string> zones = {"PekalonganKota.GO.ID."};
    CHECK(validate::domain("simpus", zones, kReserved) == "simpus." + kZone);
    CHECK(validate::domain("Simpus.pekalongankota.go.id", zones, kReserved) == "simpus." + kZone);
    CHECK(error_from([&] { validate::domain(kZone, zones, kReserved); }).code() == Exit::invalid);
    CHECK(error_from([&] {
              validate::domain("simpus.evilpekalongankota.go.id", zones, kReserved);
          }).code() == Exit::invalid);
    // hostingctl.yaml may write a reserved name in capitals.
    const std::vector<std::string> reserved = {"WWW", "Portal"};
    for (const std::string& v :
         std::vector<std::string>{"www", "WWW", "portal", "portal." + kZone}) {
        INFO("input: '" << v << "'");
        Error e = error_from([&] { validate::domain(v, kZones, reserved); });
        CHECK(e.code() == Exit::invalid);
        CHECK_CONTAINS(e.what(), "reserved");
    }
}

TEST_CASE("domain: no configured zone is an error, not a free-for-all") {
    Error e = error_from([] { validate::domain("simpus", {}, {}); });
    CHECK(e.code() == Exit::invalid);
    CHECK_CONTAINS(e.what(), "zone");
}

TEST_CASE("zone names for the configuration") {
    CHECK(validate::zone("pekalongankota.go.id") == "pekalongankota.go.id");
    CHECK(validate::zone("Pekalongankota.GO.ID.") == "pekalongankota.go.id");
    for (std::string bad : {"", "localhost", "bad_zone.id", "-x.go.id", "a..b", "go id"}) {
        INFO("zone '" << bad << "'");
        CHECK(error_from([&] { validate::zone(bad); }).code() == Exit::invalid);
    }
}

TEST_CASE("free text: hostile content is accepted and returned faithfully") {
    const std::vector<std::string> faithful = {
        "He said \"hi\" and 'bye'",
        "$(rm -rf /)",
        "`reboot`; echo pwned > /etc/passwd",
        "{{x}}",
        "{{ office.name }}",
        "key: [a, {b: c}]",
        "- item",
        "&anchor *alias",
        "# not a comment",
        "? question",
        "! tag",
        "%YAML 1.2",
        "---",
        "yes",
        "null",
        "~",
        "0x1F",
        "back\\slash\\n",
        "<script>alert(1)</script>",
        "Dinas Kesehatan — ü é 日本語 🎉",
        "tab\tinside",
    };
    for (const auto& v : faithful) {
        INFO("value: '" << v << "'");
        CHECK(validate::text("subject", v, 200) == v);
        CHECK(validate::text("note", v, 4000, true) == v);
    }
}

TEST_CASE("free text: line breaks") {
    const std::string two_lines = "first line\nsecond line";
    SUBCASE("a single-line field refuses a newline") {
        Error e = error_from([&] { validate::text("subject", two_lines, 200); });
        CHECK(e.code() == Exit::invalid);
        CHECK_CONTAINS(e.what(), "subject");
        CHECK(error_from([] { validate::text("subject", "a\rb", 200); }).code() == Exit::invalid);
    }
    SUBCASE("a multi-line field keeps it") {
        CHECK(validate::text("note", two_lines, 4000, true) == two_lines);
        CHECK(validate::text("note", "a\r\nb", 4000, true) == "a\r\nb");
    }
    SUBCASE("the Unicode line and paragraph separators are line breaks too") {
        for (std::string v : {"one\xe2\x80\xa8two", "one\xe2\x80\xa9two"}) {
            Error e = error_from([&] { validate::text("--name", v, 200); });
            CHECK(e.code() == Exit::invalid);
            CHECK_CONTAINS(e.what(), "line break");
            CHECK(validate::text("note", v, 4000, true) == v);
        }
        // Neighbours of those characters are ordinary text: a no-break
        // space, the copyright sign, an em dash.
        const std::string neighbours = "a\xc2\xa0\xc2\xa9\xe2\x80\x94z";
        CHECK(validate::text("--name", neighbours, 200) == neighbours);
    }
    SUBCASE("blank lines around the text are trimmed, inside they stay") {
        CHECK(validate::text("note", "\n\n  a\n\nb  \n", 4000, true) == "a\n\nb");
    }
}

TEST_CASE("free text: bytes that must never reach a file or a terminal") {
    struct Row {
        std::string value;
        const char* why;
    };
    const std::vector<Row> rows = {
        {std::string("a\0b", 3), "NUL"},
        {std::string(1, '\0'), "NUL"},
        {"\x1b[31mred", "control"}, // a terminal escape sequence
        {"bell\a", "control"},
        {"del\x7f", "control"},
        // C1 controls: U+009B is an 8-bit ESC [ (here: clear the screen),
        // U+0085 ends a line.
        {"clear\xc2\x9bJ", "control"},
        {"nel\xc2\x85next", "control"},
        {"\xc2\x80", "control"},
        {"\xff\xfe", "UTF-8"},
        {"\xc0\xaf", "UTF-8"},     // overlong '/'
        {"\xed\xa0\x80", "UTF-8"}, // a UTF-16 surrogate
        {"caf\xc3", "UTF-8"},      // cut in the middle of a character
        // Text-direction overrides and isolates reorder what follows them.
        {"hosting \xe2\x80\xae(go.id)", "text-direction"},
        {"a\xe2\x80\xaa"
         "b",
         "text-direction"},
        {"a\xe2\x81\xa6"
         "b",
         "text-direction"},
        {"a\xe2\x81\xa9"
         "b",
         "text-direction"},
    };
    for (const Row& r : rows) {
        INFO("value of " << r.value.size() << " bytes, expecting '" << r.why << "'");
        Error single = error_from([&] { validate::text("note", r.value, 4000); });
        CHECK(single.code() == Exit::invalid);
        CHECK_CONTAINS(single.what(), r.why);
        // Allowing newlines allows nothing else.
        Error multi = error_from([&] { validate::text("note", r.value, 4000, true); });
        CHECK(multi.code() == Exit::invalid);
    }
}

TEST_CASE("free text: size limit") {
    const std::string megabyte(1024 * 1024, 'x');
    Error e = error_from([&] { validate::text("note", megabyte, 4000, true); });
    CHECK(e.code() == Exit::invalid);
    CHECK_CONTAINS(e.what(), "1048576");
    CHECK_CONTAINS(e.what(), "4000");

    CHECK(validate::text("subject", std::string(200, 'a'), 200) == std::string(200, 'a'));
    CHECK(error_from([] { validate::text("subject", std::string(201, 'a'), 200); }).code() ==
          Exit::invalid);
    // The limit is in bytes: 100 two-byte characters fill 200.
    std::string umlauts;
    for (int i = 0; i < 101; ++i)
        umlauts += "ü";
    CHECK(error_from([&] { validate::text("subject", umlauts, 200); }).code() == Exit::invalid);
}

TEST_CASE("free text: required and optional") {
    CHECK(error_from([] { validate::text("subject", "", 200); }).code() == Exit::invalid);
    CHECK(error_from([] { validate::text("subject", " \t ", 200); }).code() == Exit::invalid);
    CHECK(validate::text("contact", "", 200, false, false).empty());
    CHECK(validate::text("contact", "  Budi  ", 200, false, false) == "Budi");
}

TEST_CASE("NIP: 18 digits with a real birth date and a sex code") {
    // 19900101 born 1 Jan 1990, 201503 appointed March 2015, 1 male, 001.
    CHECK(validate::nip("199001012015031001") == "199001012015031001");
    CHECK(validate::nip("199001012015032001") == "199001012015032001"); // 2 = female
    CHECK(validate::nip("19900101 201503 1 001") == "199001012015031001");
    CHECK(validate::nip("200002292020122002") == "200002292020122002"); // 29 Feb 2000

    const std::vector<std::string> bad = {
        "",
        "19900101201503100",   // 17 digits
        "1990010120150310011", // 19 digits
        "19900101201503100A",
        "1990-01-01-2015031001",
        "199013012015031001",                   // month 13
        "199002302015031001",                   // 30 February
        "190102292015031001",                   // 1901 was not a leap year
        "199001012015033001",                   // digit 15 is 3
        "199001012015030001",                   // digit 15 is 0
        "１９９００１０１２０１５０３１００１", // full-width digits
    };
    for (const auto& v : bad) {
        INFO("NIP '" << v << "'");
        CHECK(error_from([&] { validate::nip(v); }).code() == Exit::invalid);
    }
}

TEST_CASE("e-mail addresses") {
    CHECK(validate::email("dinkes@pekalongankota.go.id") == "dinkes@pekalongankota.go.id");
    CHECK(validate::email("first.last+tag@dinkes.pekalongankota.go.id") ==
          "first.last+tag@dinkes.pekalongankota.go.id");
    CHECK(validate::email("  budi@example.go.id ") == "budi@example.go.id");
    CHECK(validate::email("Budi@Example.GO.ID") == "Budi@Example.GO.ID");

    const std::vector<std::string> bad = {
        "",
        "budi",
        "@example.go.id",
        "budi@",
        "budi@localhost",
        "budi@@example.go.id",
        "a@b@example.go.id",
        "budi@example..go.id",
        "budi@.example.go.id",
        "budi@example.go.id.",
        "budi@-example.go.id",
        "budi @example.go.id",
        "budi@exa mple.go.id",
        "budi@example.go.id\r\nBcc: all@example.go.id",
        "\"budi\"@example.go.id",
        "budi@exämple.go.id",
        std::string(65, 'a') + "@example.go.id",
    };
    for (const auto& v : bad) {
        INFO("e-mail '" << v << "'");
        CHECK(error_from([&] { validate::email(v); }).code() == Exit::invalid);
    }
}

TEST_CASE("e-mail addresses: the local part is one a shell or a config can carry") {
    // A contact address may end up in a command (certbot --email, sendmail)
    // or a server config (ServerAdmin); RFC 5322 allows characters there
    // that no office address uses and that mean something to a shell.
    CHECK(validate::email("budi.santoso_2+hosting%dinkes@pekalongankota.go.id") ==
          "budi.santoso_2+hosting%dinkes@pekalongankota.go.id");
    CHECK(validate::email("o-b@pekalongankota.go.id") == "o-b@pekalongankota.go.id");
    const std::vector<std::string> bad = {
        "`reboot`@example.go.id",    // command substitution
        "budi'@example.go.id",       // a quote
        "a&b@example.go.id",         // run in the background
        "a|b@example.go.id",         // a pipe
        "{a}@example.go.id",         // brace expansion
        "../../etc/x@example.go.id", // a path
        "a/b@example.go.id",         // a path, too
        "a=b@example.go.id",         // an assignment
        "a?b@example.go.id",         // a glob
        "a#b@example.go.id",         // a comment in configs
        "a!b@example.go.id",         // history expansion
        "a~b@example.go.id",         // a home directory
        "a^b@example.go.id",         // a substitution in some shells
        "-X/tmp/log@example.go.id",  // an option to sendmail (CVE-2016-10033)
        "-budi@example.go.id",       // an option, to anything
        ".budi@example.go.id",       // dots only between characters
        "budi.@example.go.id",       // ...not at the end
        "bu..di@example.go.id",      // ...nor doubled
    };
    for (const auto& v : bad) {
        INFO("e-mail '" << v << "'");
        Error e = error_from([&] { validate::email(v); });
        CHECK(e.code() == Exit::invalid);
        CHECK_CONTAINS(e.hint(), "letters, digits");
    }
}

TEST_CASE("phone numbers") {
    CHECK(validate::phone("(0285) 421243") == "(0285) 421243");
    CHECK(validate::phone("+62 285 421243") == "+62 285 421243");
    CHECK(validate::phone("0812-3456-7890") == "0812-3456-7890");
    CHECK(validate::phone("123456") == "123456");                   // 6 digits
    CHECK(validate::phone("123456789012345") == "123456789012345"); // 15 digits

    const std::vector<std::string> bad = {
        "",
        "12345",
        "1234567890123456",
        "0285 421243 ext 5",
        "62+285421243",
        "++62285421243",
        "$(reboot)",
        "0285\n421243",
        "０２８５４２１２４３",
    };
    for (const auto& v : bad) {
        INFO("phone '" << v << "'");
        CHECK(error_from([&] { validate::phone(v); }).code() == Exit::invalid);
    }
}

TEST_CASE("letter numbers") {
    CHECK(validate::letter_number("400.7/123/Dinkes/2026") == "400.7/123/Dinkes/2026");
    CHECK(validate::letter_number(" 005/12-A (Rahasia) ") == "005/12-A (Rahasia)");

    const std::vector<std::string> bad = {
        "",
        "Dinkes", // no number at all
        "400;rm -rf /",
        "400.7/123\n/2026",
        "400\"7",
        "400.7/123/" + std::string(100, '9'),
    };
    for (const auto& v : bad) {
        INFO("letter number '" << v << "'");
        CHECK(error_from([&] { validate::letter_number(v); }).code() == Exit::invalid);
    }
}

TEST_CASE("PHP versions") {
    for (std::string v : {"5.6", "7.4", "8.2", "8.3"})
        CHECK(validate::php_version(v) == v);
    for (std::string v : {"", "8", "8.", "8.10", "10.1", "4.4", "8.x", "8.2;", " 8.2", "8,2"}) {
        INFO("PHP '" << v << "'");
        CHECK(error_from([&] { validate::php_version(v); }).code() == Exit::invalid);
    }
}

TEST_CASE("disk quota in megabytes") {
    struct Row {
        const char* input;
        int mb;
    };
    const Row good[] = {
        {"500", 500},
        {"500M", 500},
        {"500m", 500},
        {"2G", 2048},
        {"2g", 2048},
        {"1", 1},
        {" 750 ", 750},
        {"1024G", 1024 * 1024},
        {"1048576", 1024 * 1024},
        // The usual spelling with a B means the same size.
        {"2GB", 2048},
        {"500MB", 500},
    };
    for (const Row& r : good) {
        INFO("quota '" << r.input << "'");
        CHECK(validate::quota_mb(r.input) == r.mb);
    }
    for (std::string v : {"0", "0G", "abc", "", "G", "-5", "2.5G", "1T", "1025G", "1048577",
                          "9999999999", "2 G", "2BG", "5K"}) {
        INFO("quota '" << v << "'");
        CHECK(error_from([&] { validate::quota_mb(v); }).code() == Exit::invalid);
    }
}

TEST_CASE("TCP ports") {
    CHECK(validate::port("--upstream-port", 1) == 1);
    CHECK(validate::port("--upstream-port", 8080) == 8080);
    CHECK(validate::port("--upstream-port", 65535) == 65535);
    for (long v : {0L, -1L, 65536L, 4294967297L}) {
        INFO("port " << v);
        Error e = error_from([&] { validate::port("--upstream-port", v); });
        CHECK(e.code() == Exit::invalid);
        CHECK_CONTAINS(e.what(), "--upstream-port");
    }
}

TEST_CASE("identifiers and Unix logins") {
    CHECK(validate::identifier("agency", "dinkes") == "dinkes");
    CHECK(validate::identifier("agency", "dinas-kesehatan_2") == "dinas-kesehatan_2");
    CHECK(validate::identifier("agency", label(32)) == label(32));
    for (const std::string& v : std::vector<std::string>{
             "", "Dinkes", "1dinkes", "-x", "_x", "din kes", "../etc", "dinkes\n", label(33)}) {
        INFO("identifier '" << v << "'");
        CHECK(error_from([&] { validate::identifier("agency", v); }).code() == Exit::invalid);
    }

    CHECK(validate::unix_user("budi") == "budi");
    CHECK(validate::unix_user("_svc") == "_svc");
    for (const std::string& v :
         std::vector<std::string>{"", "Budi", "1budi", "budi;id", "bu di", label(33)}) {
        INFO("login '" << v << "'");
        CHECK(error_from([&] { validate::unix_user(v); }).code() == Exit::invalid);
    }
}
