// SshShell against the lab's real OpenSSH server (tests/lab).  These cases
// form the test suite "lab": `unit` leaves them out, `lab.ssh` runs them once
// the lab is up, with HOSTINGCTL_LAB naming its lab.env.
#include "ssh/session.hpp"
#include "support.hpp"
#include "util/error.hpp"

#include <cstdlib>
#include <doctest/doctest.h>
#include <fstream>
#include <map>

using namespace hostingctl;

namespace {

// The variables of lab.env (NAME=value, NAME='value' or export NAME=...).
std::map<std::string, std::string> lab_env() {
    const char* path = std::getenv("HOSTINGCTL_LAB");
    REQUIRE_MESSAGE(path, "HOSTINGCTL_LAB is not set: run these through ctest (lab.ssh)");
    std::ifstream in(path);
    REQUIRE_MESSAGE(in, "cannot read " << path);
    std::map<std::string, std::string> vars;
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("export ", 0) == 0)
            line.erase(0, 7);
        size_t eq = line.find('=');
        if (line.empty() || line[0] == '#' || eq == std::string::npos)
            continue;
        std::string v = line.substr(eq + 1);
        if (v.size() >= 2 && (v.front() == '\'' || v.front() == '"') && v.back() == v.front())
            v = v.substr(1, v.size() - 2);
        vars[line.substr(0, eq)] = v;
    }
    return vars;
}

ssh::Target lab_target(const std::map<std::string, std::string>& env, bool as_sudo_user) {
    ssh::Target t;
    t.name = "lab";
    t.host = env.at("LAB_HOST");
    t.port = std::stoi(env.at("LAB_SSH_PORT"));
    t.user = as_sudo_user ? env.at("LAB_SSH_SUDO_USER") : "root";
    t.become_sudo = as_sudo_user;
    t.identity_file = env.at("LAB_SSH_KEY");
    t.known_hosts = env.at("LAB_SSH_KNOWN_HOSTS");
    return t;
}

Exit code_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const Error& e) {
        return e.code();
    }
    return Exit::ok;
}

} // namespace

TEST_SUITE("lab") {
    TEST_CASE("a batch over SSH runs as root, and through sudo for a non-root user") {
        auto env = lab_env();
        for (bool sudo : {false, true}) {
            INFO("through sudo: " << sudo);
            auto sh = ssh::SshShell::open(lab_target(env, sudo));
            auto r = sh->run_script("id -u; printf err >&2; exit 4");
            CHECK(r.status == 4);
            CHECK(r.out == "0\n");
            CHECK(r.err == "err");
            // Many batches over the one session.
            for (int i = 0; i < 50; ++i)
                REQUIRE(sh->run({"printf", "%s", std::to_string(i)}).out == std::to_string(i));
            // Standard input, and files written whole with mode and owner.
            CHECK(sh->run({"cat"}, "pass'word\n").out == "pass'word\n");
            const std::string dir = env.at("LAB_DIR") + "/ssh-test";
            REQUIRE(sh->run({"mkdir", "-p", dir}).ok());
            sh->write_file(dir + "/f", "isi\n", 0640, "root", "root");
            CHECK(sh->read_file(dir + "/f") == "isi\n");
            CHECK(sh->run({"stat", "-c", "%a %U", dir + "/f"}).out == "640 root\n");
            CHECK(sh->read_file(dir + "/missing") == std::nullopt);
            REQUIRE(sh->run({"rm", "-rf", dir}).ok());
        }
    }

    TEST_CASE("an unknown or changed host key is refused before anything runs") {
        auto env = lab_env();
        unit::TempDir dir;
        ssh::Target t = lab_target(env, false);
        // Unknown: an empty known_hosts.
        t.known_hosts = dir / "empty";
        unit::spit(t.known_hosts, "");
        auto scan = ssh::scan_host_key(t);
        CHECK(scan.state == ssh::KeyState::unknown);
        CHECK(scan.key.fingerprint.rfind("SHA256:", 0) == 0);
        CHECK(code_of([&] { ssh::SshShell::open(t); }) == Exit::host_key);
        // The line scan_host_key gives is what makes it known.
        unit::spit(t.known_hosts, scan.key.known_hosts_line + "\n");
        CHECK(ssh::scan_host_key(t).state == ssh::KeyState::known);
        CHECK(ssh::SshShell::open(t)->run_script("true").ok());
        // Changed: the same host with another key.
        std::string line = scan.key.known_hosts_line;
        size_t key_at = line.rfind(' ');
        REQUIRE(key_at != std::string::npos);
        unit::spit(t.known_hosts,
                   line.substr(0, key_at + 1) +
                       "AAAAC3NzaC1lZDI1NTE5AAAAIBbJ2m4vX5t8w8y8Q6m7kGfVn4Wq3j1v8Yc2ZqK0lQ9X\n");
        CHECK(ssh::scan_host_key(t).state == ssh::KeyState::changed);
        try {
            ssh::SshShell::open(t);
            FAIL("a changed key was accepted");
        } catch (const Error& e) {
            CHECK(e.code() == Exit::host_key);
            CHECK(std::string(e.what()).find("HAS CHANGED") != std::string::npos);
        }
    }

    TEST_CASE("a key the server does not accept, and a closed port, fail clearly") {
        auto env = lab_env();
        unit::TempDir dir;
        ssh::Target t = lab_target(env, false);
        REQUIRE(std::system(
                    ("ssh-keygen -q -t ed25519 -N '' -f " + (dir / "k").string()).c_str()) == 0);
        t.identity_file = (dir / "k").string();
        CHECK(code_of([&] { ssh::SshShell::open(t); }) == Exit::remote);
        t = lab_target(env, false);
        t.port = 1; // nothing listens on 127.0.0.1:1
        CHECK(code_of([&] { ssh::SshShell::open(t); }) == Exit::remote);
    }
}
