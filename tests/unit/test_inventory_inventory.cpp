#include "inventory/inventory.hpp"
#include "support.hpp"
#include "util/error.hpp"

#include <doctest/doctest.h>

using namespace hostingctl;

namespace {

const char* kFile = R"(schema: 1
servers:
  - name: web01
    host: 10.20.0.11
    user: deploy
    become: sudo
    public_ip: 203.0.113.10
    web: nginx
    php: "8.3"
    web_reload: nginx -s reload
  - name: db01
    host: db01.pekalongankota.go.id
    database: mariadb
dns:
  - zone: pekalongankota.go.id
    kind: bind-zonefile
    server: web01
  - zone: dinkes.pekalongankota.go.id
    kind: nsupdate
    server: web01
    key_file: /etc/bind/hostingctl.key
)";

Exit code_of(const std::string& text) {
    try {
        parse_inventory("servers.yaml", text);
    } catch (const Error& e) {
        return e.code();
    }
    return Exit::ok;
}

} // namespace

TEST_CASE("servers.yaml reads, fills Debian's defaults only when resolved, and writes back") {
    Inventory inv = parse_inventory("servers.yaml", kFile);
    REQUIRE(inv.servers.size() == 2);
    const Server& w = inv.servers[0];
    CHECK(w.become_sudo);
    CHECK(w.port == 22);
    REQUIRE(w.web);
    CHECK(w.web->reload == CommandLine{"nginx", "-s", "reload"});
    CHECK(w.web->php_pool_dir.empty()); // as the file gives it
    const Server r = resolved(w);
    CHECK(r.web->php_pool_dir == "/etc/php/8.3/fpm/pool.d");
    CHECK(r.web->php_reload == CommandLine{"systemctl", "reload", "php8.3-fpm"});
    CHECK(r.web->vhost_dir == "/etc/nginx/sites-enabled");
    CHECK(r.web->reload == CommandLine{"nginx", "-s", "reload"}); // given, kept
    CHECK(resolved(inv.servers[1]).database->client == CommandLine{"mariadb"});
    CHECK(resolved(inv.zones[0]).file == "/etc/bind/db.pekalongankota.go.id");

    // Round trip: what is written reads back the same, defaults still left out.
    const std::string again = encode_inventory(inv);
    Inventory inv2 = parse_inventory("servers.yaml", again);
    CHECK(encode_inventory(inv2) == again);
    CHECK(again.find("php_pool_dir") == std::string::npos);
    CHECK(inv2.servers[0].web->reload == w.web->reload);
}

TEST_CASE("the zone of a domain is the longest one it lies in, at a label boundary") {
    Inventory inv = parse_inventory("servers.yaml", kFile);
    CHECK(inv.zone_of("simpus.pekalongankota.go.id")->zone == "pekalongankota.go.id");
    CHECK(inv.zone_of("x.dinkes.pekalongankota.go.id")->zone == "dinkes.pekalongankota.go.id");
    CHECK(inv.zone_of("simpus.evilpekalongankota.go.id") == nullptr);
    CHECK(inv.zone_of("pekalongankota.go.id") == nullptr);
}

TEST_CASE("a bad value makes servers.yaml damaged, naming the line") {
    auto with = [](const std::string& from, const std::string& to) {
        std::string t = kFile;
        t.replace(t.find(from), from.size(), to);
        return t;
    };
    CHECK(code_of(with("host: 10.20.0.11", "host: \"10.20.0.11; reboot\"")) == Exit::damaged);
    CHECK(code_of(with("php: \"8.3\"", "php: \"8.3$(id)\"")) == Exit::damaged);
    CHECK(code_of(with("web: nginx", "web: lighttpd")) == Exit::damaged);
    CHECK(code_of(with("become: sudo", "become: su")) == Exit::damaged);
    CHECK(code_of(with("name: db01", "name: web01")) == Exit::damaged);
    CHECK(code_of(with("key_file: /etc/bind/hostingctl.key", "key_file: ../hostingctl.key")) ==
          Exit::damaged);
    CHECK(code_of(with("web_reload: nginx -s reload", "web_reload: [\"nginx\\n\", -s]")) ==
          Exit::damaged);
    try {
        parse_inventory("servers.yaml", with("host: 10.20.0.11", "host: \"a b\""));
        FAIL("accepted");
    } catch (const Error& e) {
        CHECK(std::string(e.what()).find("servers.yaml:4") != std::string::npos);
    }
    // The sites' records are A records: an IPv6 public_ip is refused.
    CHECK(code_of(with("public_ip: 203.0.113.10", "public_ip: \"2001:db8::10\"")) == Exit::damaged);
    // A newer schema is refused, not misread.
    CHECK(code_of(with("schema: 1", "schema: 9")) == Exit::damaged);
}

TEST_CASE("a key servers.yaml does not know is refused, not ignored") {
    auto with = [](const std::string& from, const std::string& to) {
        std::string t = kFile;
        t.replace(t.find(from), from.size(), to);
        return t;
    };
    auto message = [](const std::string& text) {
        return unit::error_from([&] { parse_inventory("servers.yaml", text); });
    };
    // A typo would leave the default in force without a word.
    Error e = message(with("web_reload:", "web_relaod:"));
    CHECK(e.code() == Exit::damaged);
    CHECK_CONTAINS(e.what(), "servers.yaml:10");
    CHECK_CONTAINS(e.what(), "'web_relaod' is not a key of a server; did you mean 'web_reload'?");
    CHECK_CONTAINS(message(with("key_file:", "keyfile:")).what(),
                   "'keyfile' is not a key of a zone; did you mean 'key_file'?");
    CHECK_CONTAINS(message(with("dns:", "dsn:")).what(), "'dsn' is not a key of servers.yaml");
    // A web server's setting on a server without one.
    CHECK_CONTAINS(message(with("name: db01", "name: db01\n    php: \"8.2\"")).what(),
                   "'php' is a web server's setting, and this server has no 'web:'");
    // "web:" with no value is no web server either.
    CHECK_CONTAINS(message(with("name: db01", "name: db01\n    web:\n    php: \"8.2\"")).what(),
                   "'php' is a web server's setting, and this server has no 'web:'");
    CHECK_CONTAINS(
        message(with("database: mariadb", "database: \"\"\n    database_client: [x]")).what(),
        "'database_client' is set, and this server has no 'database: mariadb'");
}
