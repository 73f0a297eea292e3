#include "provision/database.hpp"
#include "provision/plan.hpp"
#include "ssh/local.hpp"
#include "store/store.hpp"
#include "support.hpp"
#include "util/shell.hpp"
#include "util/text.hpp"

#include <doctest/doctest.h>
#include <filesystem>

using namespace hostingctl;
using unit::error_from;
using unit::slurp;
using unit::spit;
using unit::TempDir;

namespace {

// A store, a web server with PHP (and MariaDB when asked), and a verified
// PHP request for simpus.pekalongankota.go.id that asks for a database.
struct Fixture {
    TempDir dir;
    std::unique_ptr<Store> store;
    Inventory inv;
    Request r = unit::sample_request("HST-2026-0001", "simpus.pekalongankota.go.id");
    Agency agency{"dinkes", "Dinas Kesehatan", "", "", "", ""};

    explicit Fixture(bool with_database, const CommandLine& client = {}) {
        Store::create(dir / "store");
        store = std::make_unique<Store>(dir / "store");
        Server s;
        s.name = "web01";
        s.host = "192.0.2.10";
        s.public_ip = "203.0.113.10";
        WebServer w;
        w.php = "8.2";
        w.site_user_prefix = "web-";
        s.web = w;
        if (with_database)
            s.database = DatabaseServer{client};
        inv.servers.push_back(s);
        Zone z;
        z.zone = "pekalongankota.go.id";
        z.server = "web01";
        z.file = "/etc/bind/db.pekalongankota.go.id";
        inv.zones.push_back(z);
        r.hosting.app = AppKind::php;
        r.hosting.php_version = "8.2";
        r.hosting.database = true;
    }

    Plan plan() const { return build_plan(*store, r, agency, inv, "web01", Date{2026, 11, 24}); }
};

size_t index_of(const Plan& p, const std::string& prefix) {
    for (size_t i = 0; i < p.actions.size(); ++i)
        if (p.actions[i].name.rfind(prefix, 0) == 0)
            return i;
    FAIL("no action " << prefix);
    return 0;
}

bool has_action(const Plan& p, const std::string& prefix) {
    for (const auto& a : p.actions)
        if (a.name.rfind(prefix, 0) == 0)
            return true;
    return false;
}

} // namespace

TEST_CASE("the database and its user are the site user with '_' for '-'") {
    auto n = database_names("hctllab3k9qhst-2026-0001");
    CHECK(n.database == "hctllab3k9qhst_2026_0001");
    CHECK(n.user == "hctllab3k9qhst_2026_0001");
    CHECK(database_names("web-hst-2026-0042").database == "web_hst_2026_0042");
    CHECK(database_names("hst_2026_0001").user == "hst_2026_0001");
    // MariaDB's limits: a database name of 64 characters, a user of 80.
    CHECK(database_names(std::string(64, 'a')).database.size() == 64);
    Error e = error_from([] { database_names(std::string(65, 'a')); });
    CHECK(e.code() == Exit::invalid);
    CHECK_CONTAINS(e.what(), "65 characters; MariaDB takes at most 64");
    CHECK_CONTAINS(e.hint(), "site_user_prefix");
}

TEST_CASE("hostile or foreign names never become a database") {
    using namespace std::string_literals;
    for (const std::string& bad :
         {""s, "a`b"s, "a'b"s, "x;drop database mysql"s, "a b"s, "A-B"s, "a.b"s, "a\\b"s, "a%b"s,
          "a/b"s, "sit\xc3\xa9"s, "a\nb"s, "a\0b"s}) {
        CAPTURE(bad);
        CHECK(error_from([&] { database_names(bad); }).code() == Exit::invalid);
    }
    for (const char* own : {"mysql", "information_schema", "performance_schema", "sys", "root",
                            "public", "test", "test-site", "test_1"}) {
        CAPTURE(own);
        Error e = error_from([&] { database_names(own); });
        CHECK(e.code() == Exit::invalid);
        CHECK_CONTAINS(e.what(), "MariaDB's own");
    }
}

TEST_CASE("SQL strings and names are quoted by doubling their quote") {
    CHECK(sql_quote("hostingctl HST-2026-0001", '\'') == "'hostingctl HST-2026-0001'");
    CHECK(sql_quote("it's", '\'') == "'it''s'");
    CHECK(sql_quote("''", '\'') == "''''''");
    CHECK(sql_quote("", '\'') == "''");
    CHECK(sql_quote("web_hst", '`') == "`web_hst`");
    CHECK(sql_quote("a`b", '`') == "`a``b`");
    // In a name a backslash is a plain character (GRANT's "\_" needs it).
    CHECK(sql_quote("a\\_b", '`') == "`a\\_b`");
    // What means different things under different sql_modes is refused.
    CHECK(error_from([] { sql_quote("a\\", '\''); }).code() == Exit::invalid);
    CHECK(error_from([] { sql_quote("a\nb", '\''); }).code() == Exit::invalid);
    CHECK(error_from([] { sql_quote(std::string("a\0b", 3), '`'); }).code() == Exit::invalid);
    CHECK(error_from([] { sql_quote("", '`'); }).code() == Exit::invalid);
    CHECK(error_from([] { sql_quote("x", '"'); }).code() == Exit::failure);
}

TEST_CASE("a request with a database on a server without one is refused at plan time") {
    Fixture f(false);
    Error e = error_from([&] { f.plan(); });
    CHECK(e.code() == Exit::refused);
    CHECK_CONTAINS(e.what(), "server web01 has no database");
    CHECK(e.hint() == "hostingctl server edit web01 --database mariadb");
    // Without a database it is planned as before.
    f.r.hosting.database = false;
    Plan p = f.plan();
    CHECK(p.site.database.empty());
    CHECK(p.database_password.empty());
    CHECK_FALSE(has_action(p, "database"));
}

TEST_CASE("the database action comes after PHP-FPM and before the virtual host") {
    Fixture f(true);
    Plan p = f.plan();
    CHECK(p.site.user == "web-hst-2026-0001");
    CHECK(p.site.database == "web_hst_2026_0001");
    CHECK(p.site.database_user == "web_hst_2026_0001");
    CHECK(p.site.database_host == "localhost");
    REQUIRE(p.database_password.size() == 20);
    CHECK(p.database_password != p.sftp_password);
    const size_t db = index_of(p, "database web_hst_2026_0001");
    CHECK(index_of(p, "PHP-FPM reload") < db);
    CHECK(db < index_of(p, "nginx virtual host"));
    const PlanAction& a = p.actions[db];
    CHECK(a.server == "web01");
    CHECK_FALSE(a.only_after_change);
    CHECK_FALSE(a.verify);
    // The check gives its SQL on standard input to the client, the default
    // one: MariaDB's root over the socket.
    CHECK_CONTAINS(a.check, "| base64 -d | mariadb --batch --skip-column-names");
    CHECK(a.check.find("SELECT") == std::string::npos);
    CHECK(a.check.find(p.database_password) == std::string::npos);
}

TEST_CASE("a static site gets its database as well") {
    Fixture f(true);
    f.r.hosting.app = AppKind::static_site;
    f.r.hosting.php_version.clear();
    Plan p = f.plan();
    CHECK(index_of(p, "database ") < index_of(p, "nginx virtual host"));
}

TEST_CASE("the database action against a stand-in client: SQL on stdin, ownership, clean-up") {
    // A client that logs its arguments and its standard input, answers the
    // check with ./answer, and fails the statement that holds ./fail-on.
    TempDir tmp;
    const auto d = tmp.path().string();
    const std::string fake = d + "/fake-mariadb";
    spit(fake,
         "#!/bin/bash\n"
         "d=" +
             shell::quote(d) +
             "\n"
             "printf '%s\\n' \"$*\" >>\"$d/argv\"\n"
             "sql=$(cat); printf '%s\\n' \"$sql\" >>\"$d/stdin\"\n"
             "case $sql in \"SELECT 'database'\"*) cat \"$d/answer\" ;; esac\n"
             "if [ -s \"$d/fail-on\" ] && grep -qF -- \"$(cat \"$d/fail-on\")\" <<<\"$sql\"; then\n"
             "  echo \"ERROR 1064 (42000) at line 1: syntax error near '$sql'\" >&2; exit 1\n"
             "fi\n");
    std::filesystem::permissions(fake, std::filesystem::perms::owner_all);
    Fixture f(true, {fake, "--no-defaults"});
    Plan p = f.plan();
    PlanAction a = p.actions[index_of(p, "database ")];
    const std::string pw = p.database_password;
    ssh::LocalShell sh;
    auto check = [&](const std::string& answer) {
        spit(tmp / "answer", answer);
        ssh::Result r = sh.run_script(a.check);
        CHECK(r.status == 0);
        return a.prepare(a, r.out);
    };
    auto reset = [&] {
        for (const char* n : {"argv", "stdin", "fail-on"})
            std::filesystem::remove(tmp / n);
    };

    SUBCASE("nothing there: the database, the user and the grant are made") {
        CHECK_FALSE(check("database\t0\t0\nuser\t0\t0\n"));
        CHECK_CONTAINS(slurp(tmp / "stdin"), "FROM information_schema.SCHEMATA WHERE "
                                             "SCHEMA_NAME = 'web_hst_2026_0001'");
        CHECK_CONTAINS(slurp(tmp / "stdin"), "BINARY SCHEMA_COMMENT = 'hostingctl HST-2026-0001'");
        reset();
        ssh::Result r = sh.run_script(a.apply);
        CHECK(r.status == 0);
        const std::string in = slurp(tmp / "stdin");
        CHECK_CONTAINS(in, "CREATE DATABASE `web_hst_2026_0001` CHARACTER SET utf8mb4 COMMENT "
                           "'hostingctl HST-2026-0001';");
        CHECK_CONTAINS(in,
                       "CREATE USER 'web_hst_2026_0001'@'localhost' IDENTIFIED BY '" + pw + "';");
        // '_' is a wildcard in GRANT: written "\_" it is only itself.
        CHECK_CONTAINS(in, "GRANT ALL PRIVILEGES ON `web\\_hst\\_2026\\_0001`.* TO "
                           "'web_hst_2026_0001'@'localhost';");
        // Never SQL or the password on a command line, nor in the script as text.
        for (const auto& line : text::split(slurp(tmp / "argv"), '\n'))
            if (!line.empty())
                CHECK(line == "--no-defaults --batch --skip-column-names");
        CHECK(a.apply.find(pw) == std::string::npos);
        CHECK(a.apply.find("CREATE") == std::string::npos);
        // The undo drops both.
        reset();
        CHECK(sh.run_script(a.undo).status == 0);
        CHECK_CONTAINS(slurp(tmp / "stdin"),
                       "DROP USER IF EXISTS 'web_hst_2026_0001'@'localhost';");
        CHECK_CONTAINS(slurp(tmp / "stdin"), "DROP DATABASE IF EXISTS `web_hst_2026_0001`;");
    }
    SUBCASE("ours, with its user: already done") {
        CHECK(check("database\t1\t1\nuser\t1\t1\n"));
    }
    SUBCASE("ours, its user gone: the user is made again, the database stays") {
        CHECK_FALSE(check("database\t1\t1\nuser\t0\t0\n"));
        reset();
        CHECK(sh.run_script(a.apply).status == 0);
        CHECK(slurp(tmp / "stdin").find("CREATE DATABASE") == std::string::npos);
        CHECK_CONTAINS(slurp(tmp / "stdin"), "CREATE USER");
        CHECK(a.undo.find("DROP DATABASE") == std::string::npos);
        reset();
        CHECK(sh.run_script(a.undo).status == 0);
        CHECK(slurp(tmp / "stdin").find("DROP DATABASE") == std::string::npos);
        CHECK_CONTAINS(slurp(tmp / "stdin"), "DROP USER IF EXISTS");
    }
    SUBCASE("a database without the mark is someone else's") {
        Error e = error_from([&] { check("database\t1\t0\nuser\t0\t0\n"); });
        CHECK(e.code() == Exit::refused);
        CHECK_CONTAINS(e.what(), "database web_hst_2026_0001 on web01 is there already and was "
                                 "not made by hostingctl for this request; it is left as it is");
    }
    SUBCASE("a user without our database is someone else's") {
        for (const char* answer :
             {"database\t0\t0\nuser\t1\t1\n", "database\t1\t1\nuser\t1\t0\n"}) {
            Error e = error_from([&] { check(answer); });
            CHECK(e.code() == Exit::refused);
            CHECK_CONTAINS(e.what(), "MariaDB user web_hst_2026_0001 on web01 is there already");
        }
    }
    SUBCASE("an answer that is not one is an error") {
        CHECK(error_from([&] { check("ERROR 1045\n"); }).code() == Exit::remote);
    }
    SUBCASE("a failed grant takes back the user and the database, and the password is not said") {
        CHECK_FALSE(check("database\t0\t0\nuser\t0\t0\n"));
        reset();
        spit(tmp / "fail-on", "GRANT");
        ssh::Result r = sh.run_script(a.apply);
        CHECK(r.status == 1);
        const std::string in = slurp(tmp / "stdin");
        CHECK_CONTAINS(in, "DROP USER IF EXISTS 'web_hst_2026_0001'@'localhost';");
        CHECK_CONTAINS(in, "DROP DATABASE IF EXISTS `web_hst_2026_0001`;");
    }
    SUBCASE("a failed CREATE USER: its error is cut before it quotes the password") {
        CHECK_FALSE(check("database\t0\t0\nuser\t0\t0\n"));
        reset();
        spit(tmp / "fail-on", "CREATE USER");
        ssh::Result r = sh.run_script(a.apply);
        CHECK(r.status == 1);
        CHECK_CONTAINS(r.err, "ERROR 1064 (42000) at line 1: syntax error (the statement holds "
                              "the password)");
        CHECK(r.err.find(pw) == std::string::npos);
        const std::string in = slurp(tmp / "stdin");
        CHECK(in.find("DROP USER") == std::string::npos); // not ours: it may be someone's
        CHECK_CONTAINS(in, "DROP DATABASE IF EXISTS `web_hst_2026_0001`;");
    }
    SUBCASE("a failed CREATE DATABASE makes nothing else") {
        CHECK_FALSE(check("database\t0\t0\nuser\t0\t0\n"));
        reset();
        spit(tmp / "fail-on", "CREATE DATABASE");
        CHECK(sh.run_script(a.apply).status == 1);
        const std::string in = slurp(tmp / "stdin");
        CHECK(in.find("CREATE USER") == std::string::npos);
        CHECK(in.find("DROP") == std::string::npos);
    }
}
