#include "support.hpp"
#include "util/error.hpp"
#include "util/shell.hpp"

#include <doctest/doctest.h>

using namespace hostingctl;

namespace {

// What bash makes of `line`: its words, one per line, as `printf '%s\n'`
// prints them.
std::string words_by_bash(const std::string& line) {
    unit::TempDir dir;
    unit::spit(dir / "s.sh", "printf '%s\\n' " + line + "\n");
    std::string cmd = "bash --noprofile --norc " + (dir / "s.sh").string() + " > " +
                      (dir / "out").string() + " 2>&1";
    REQUIRE(std::system(cmd.c_str()) == 0);
    return unit::slurp(dir / "out");
}

} // namespace

TEST_CASE("shell::quote leaves plain words bare and makes anything else one literal word") {
    CHECK(shell::quote("simpus.pekalongankota.go.id") == "simpus.pekalongankota.go.id");
    CHECK(shell::quote("/var/www/simpus") == "/var/www/simpus");
    CHECK(shell::quote("") == "''");
    CHECK(shell::quote("a b") == "'a b'");
    CHECK(shell::quote("it's") == "'it'\\''s'");
    const std::vector<std::string> hostile = {
        "x; reboot", "$(id)", "`id`",  "a\nb",  "../../etc/passwd",
        "\"q\"",     "'",     "''",    "*",     "~root",
        "a\\b",      "-rf",   "{a,b}", "$HOME", "!!",
        "a|b&c>d<e", "#c",    "\t",
    };
    for (const auto& h : hostile) {
        INFO(h);
        CHECK(words_by_bash(shell::quote(h)) == h + "\n");
    }
    CHECK_THROWS_AS(shell::quote(std::string("a\0b", 3)), Error);
}

TEST_CASE("shell::command quotes every word of an argument vector") {
    CHECK(shell::command({"useradd", "--shell", "/usr/sbin/nologin", "web simpus"}) ==
          "useradd --shell /usr/sbin/nologin 'web simpus'");
    CHECK(words_by_bash(shell::command({"a", "$(x)", "b c"})) == "a\n$(x)\nb c\n");
    CHECK_THROWS_AS(shell::command({}), Error);
}

TEST_CASE("shell::say prints a message as given, whatever it holds") {
    const std::string msg = "direktori '/var/www/$(id)' tidak ada; `reboot` 100% \\n";
    unit::TempDir dir;
    unit::spit(dir / "s.sh", shell::say(msg) + " >&2\n");
    const std::string cmd = "bash --noprofile --norc " + (dir / "s.sh").string() + " 2> " +
                            (dir / "err").string() + " >/dev/null";
    REQUIRE(std::system(cmd.c_str()) == 0);
    CHECK(unit::slurp(dir / "err") == msg + "\n");
}

TEST_CASE("base64 round-trips any bytes and matches RFC 4648") {
    CHECK(shell::base64("") == "");
    CHECK(shell::base64("f") == "Zg==");
    CHECK(shell::base64("fo") == "Zm8=");
    CHECK(shell::base64("foo") == "Zm9v");
    CHECK(shell::base64("foobar") == "Zm9vYmFy");
    std::string all;
    for (int i = 0; i < 256; ++i)
        all += static_cast<char>(i);
    CHECK(shell::unbase64(shell::base64(all)) == all);
    CHECK(shell::unbase64("Zm9v\nYmFy\n") == "foobar");
    CHECK_THROWS_AS(shell::unbase64("Zm9v!"), Error);
}
