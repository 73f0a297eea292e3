// The batch protocol, over a local bash (ssh/local): the same code carries
// the batches over SSH (tests/lab checks that against a real sshd).
#include "ssh/local.hpp"
#include "support.hpp"
#include "util/error.hpp"

#include <doctest/doctest.h>

using namespace hostingctl;
using namespace std::chrono_literals;

TEST_CASE("a batch returns its status, standard output and error, exactly") {
    ssh::LocalShell sh;
    auto r = sh.run_script("printf 'out'; printf 'err' >&2; exit 7");
    CHECK(r.status == 7);
    CHECK(r.out == "out");
    CHECK(r.err == "err");
    r = sh.run_script("echo one; echo two >&2");
    CHECK(r.status == 0);
    CHECK(r.out == "one\n");
    CHECK(r.err == "two\n");
    // Empty output, and output that looks like a mark of another batch.
    r = sh.run_script("true");
    CHECK(r.out.empty());
    CHECK(r.err.empty());
    r = sh.run_script("printf '\\n__hostingctl_0_1 0\\n'");
    CHECK(r.out == "\n__hostingctl_0_1 0\n");
}

TEST_CASE("batches share one shell, but not their state or standard input") {
    ssh::LocalShell sh;
    // `exit` and `cd` in one batch do not end or move the next.
    CHECK(sh.run_script("cd /; exit 3").status == 3);
    CHECK(sh.run_script("pwd").out != "/\n");
    // A command that reads standard input gets end of file, not the protocol.
    auto r = sh.run_script("cat; echo after");
    CHECK(r.out == "after\n");
    // A syntax error fails that batch only.
    r = sh.run_script("if then fi (");
    CHECK(r.status != 0);
    CHECK(r.err.find("syntax") != std::string::npos);
    CHECK(sh.run_script("echo still here").out == "still here\n");
}

TEST_CASE("large output on both streams does not block") {
    ssh::LocalShell sh;
    auto r = sh.run_script("head -c 3000000 /dev/zero | tr '\\0' a; "
                           "head -c 2000000 /dev/zero | tr '\\0' b >&2; echo");
    CHECK(r.out.size() == 3000001);
    CHECK(r.err.size() == 2000000);
    CHECK(r.out.find_first_not_of('a') == 3000000);
}

TEST_CASE("a batch that runs too long fails the session with a clear error") {
    ssh::LocalShell sh;
    try {
        sh.run_script("sleep 5", 200ms);
        FAIL("no timeout");
    } catch (const Error& e) {
        CHECK(e.code() == Exit::remote);
        CHECK(std::string(e.what()).find("took longer") != std::string::npos);
    }
    CHECK_THROWS_AS(sh.run_script("true"), Error);
}

TEST_CASE("a shell that ends is reported, with what it said") {
    ssh::LocalShell sh;
    try {
        sh.run_script("echo going away >&2; kill -9 $$");
        FAIL("no error");
    } catch (const Error& e) {
        CHECK(e.code() == Exit::remote);
        CHECK(std::string(e.what()).find("ended unexpectedly") != std::string::npos);
    }
}

TEST_CASE("commands get standard input, and files are read and written whole") {
    unit::TempDir dir;
    ssh::LocalShell sh;
    std::string secret = "s3cr3t'\"$(id)\n";
    auto r = sh.run({"cat"}, secret);
    CHECK(r.out == secret);
    r = sh.run({"printf", "%s|", "a b", "$(id)", "it's"});
    CHECK(r.out == "a b|$(id)|it's|");

    std::string bytes;
    for (int i = 0; i < 256; ++i)
        bytes += static_cast<char>(i);
    const std::string path = (dir / "d ir").string();
    std::filesystem::create_directories(path);
    const std::string file = path + "/in'dex.html";
    sh.write_file(file, bytes, 0640);
    CHECK(unit::slurp(file) == bytes);
    CHECK((std::filesystem::status(file).permissions() & std::filesystem::perms::all) ==
          (std::filesystem::perms::owner_read | std::filesystem::perms::owner_write |
           std::filesystem::perms::group_read));
    CHECK(sh.read_file(file) == bytes);
    CHECK(sh.read_file(path + "/missing") == std::nullopt);
    // An empty file, and a rewrite.
    sh.write_file(file, "", 0644);
    CHECK(sh.read_file(file) == std::string());
    // A failed write names the file and leaves no temporary file.
    CHECK_THROWS_AS(sh.write_file(path + "/no/such/dir/f", "x", 0644), Error);
    CHECK_THROWS_AS(sh.write_file(file, "x", 0644, "no-such-user-hostingctl"), Error);
    CHECK(sh.read_file(file) == std::string());
    size_t entries = 0;
    for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(path))
        ++entries;
    CHECK(entries == 1);
}
