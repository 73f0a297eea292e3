// The plan of a request, built from a temporary store and an inventory
// without touching a server: how a site is kept apart from the others (its
// directories, its PHP pool, its virtual host), and how the directories
// action reads what a server has.
#include "inventory/inventory.hpp"
#include "provision/plan.hpp"
#include "store/store.hpp"
#include "support.hpp"
#include "workflow/service.hpp"

#include <algorithm>
#include <fmt/format.h>

using namespace hostingctl;
using unit::TempDir;

namespace {

const char* kServers = R"(schema: 1
servers:
  - name: web01
    host: 10.20.0.11
    public_ip: 203.0.113.10
    web: nginx
    php: "8.2"
  - name: web02
    host: 10.20.0.12
    public_ip: 203.0.113.11
    web: apache
    php: "8.2"
    listen_http: 10.20.0.12:80
  - name: web03
    host: 10.20.0.13
    public_ip: 203.0.113.12
    web: apache
dns:
  - zone: pekalongankota.go.id
    kind: bind-zonefile
    server: web01
)";

struct Office {
    TempDir dir;
    std::unique_ptr<Store> store;
    Inventory inv = parse_inventory("servers.yaml", kServers);
    Agency agency{"dinkes", "Dinas Kesehatan", "", "", "", ""};

    Office() {
        Store::create(dir.path());
        store = std::make_unique<Store>(dir.path());
        store->write_staff({{"budi",
                             "Budi Santoso",
                             "",
                             "Pranata Komputer",
                             {Role::petugas_teknis, Role::admin},
                             unit::kLogin}});
        store->write_agencies({agency});
    }

    Plan plan(const std::string& app, const std::string& server = "web01") {
        NewRequestInput in;
        in.agency = "dinkes";
        in.letter_number = "400.7/123/Dinkes/2026";
        in.letter_date = "2026-11-20";
        in.received_at = "2026-11-23T09:15";
        in.subject = "Permohonan hosting";
        in.contact_name = "Budi Dinkes";
        in.contact_phone = "(0285) 421243";
        in.contact_email = "simpus@dinkes.pekalongankota.go.id";
        in.domain = "simpus";
        in.app = app;
        Request r = create_request(*store, in, unit::caller());
        return build_plan(*store, r, agency, inv, server, Date{2026, 11, 24});
    }
};

PlanAction& action(Plan& p, const std::string& prefix) {
    auto it = std::find_if(p.actions.begin(), p.actions.end(),
                           [&](const PlanAction& a) { return a.name.rfind(prefix, 0) == 0; });
    REQUIRE(it != p.actions.end());
    return *it;
}

const std::string kRoot = "/var/www/simpus.pekalongankota.go.id";

} // namespace

TEST_CASE("a PHP site's pool reaches its own files and tmp, nothing shared") {
    Office o;
    Plan p = o.plan("php");
    CHECK(p.site.tmp_dir == kRoot + "/tmp");
    PlanAction& pool = action(p, "PHP-FPM pool");
    REQUIRE(pool.files.size() == 1);
    const std::string& conf = pool.files[0].content;
    CHECK(conf.find("php_admin_value[open_basedir] = " + kRoot + "/public_html/:" + kRoot +
                    "/tmp/\n") != std::string::npos);
    for (const char* key : {"upload_tmp_dir", "sys_temp_dir", "session.save_path"})
        CHECK(conf.find(fmt::format("php_admin_value[{}] = {}/tmp\n", key, kRoot)) !=
              std::string::npos);
    CHECK(conf.find(":/tmp") == std::string::npos);
}

TEST_CASE("virtual hosts follow a link only to a file of its owner, and serve no dotfile") {
    Office o;
    Plan n = o.plan("static");
    const std::string nginx = action(n, "nginx virtual host").files.at(0).content;
    CHECK(nginx.find("disable_symlinks if_not_owner from=$document_root;") != std::string::npos);
    CHECK(nginx.find("location ~ /\\.(?!well-known(/|$)) {\n        deny all;") !=
          std::string::npos);
    CHECK(nginx.find("autoindex off;") != std::string::npos);

    Office o2;
    Plan a = o2.plan("php", "web02");
    const std::string apache = action(a, "apache virtual host").files.at(0).content;
    CHECK(apache.find("Options SymLinksIfOwnerMatch\n") != std::string::npos);
    // The only Options directive is that one.
    const auto options = apache.find("\n        Options SymLinksIfOwnerMatch\n");
    CHECK(apache.find("\n        Options ") == options);
    CHECK(apache.rfind("\n        Options ") == options);
    CHECK(apache.find("AllowOverride AuthConfig FileInfo Indexes Limit Nonfatal=Override\n") !=
          std::string::npos);
    CHECK(apache.find("AllowOverride All") == std::string::npos);
    CHECK(apache.find("<LocationMatch \"/\\.(?!well-known(/|$))\">") != std::string::npos);
}

TEST_CASE("the directories action reads the owners and modes a server has") {
    Office o;
    Plan p = o.plan("static");
    PlanAction& d = action(p, "directories");
    const std::string u = p.site.user;
    REQUIRE(d.prepare);
    REQUIRE(d.group_check);
    // Asked for every site of the server at once, with one stat.
    CHECK(d.group_check({&d}).find("stat -c") != std::string::npos);

    SUBCASE("a new site: everything is made, and undo removes it, last made first") {
        CHECK_FALSE(d.prepare(d, "www-data\n-\n-\n-\n-\n"));
        CHECK(d.detail.empty());
        // Made with their owners and modes, the top first.
        const auto top =
            d.apply.find(fmt::format("install -d -o root -g {} -m 00751 {} ||", u, kRoot));
        const auto html = d.apply.find(
            fmt::format("install -d -o {} -g www-data -m 02750 {}/public_html ||", u, kRoot));
        CHECK(top < html);
        CHECK(html != std::string::npos);
        CHECK(d.apply.find("chown") == std::string::npos);
        const auto tmp = d.undo.find("rmdir " + kRoot + "/tmp");
        const auto logs = d.undo.find("rmdir " + kRoot + "/logs");
        const auto root = d.undo.find("rmdir " + kRoot + " ");
        CHECK(tmp < logs);
        CHECK(logs < root);
        CHECK(root != std::string::npos);
        CHECK(d.undo.find("chown") == std::string::npos);
    }
    SUBCASE("a site as this version makes it: nothing to do") {
        const std::string out =
            fmt::format("www-data\nd 0 1001 751 root {0}\nd 1001 33 2750 {0} www-data\n"
                        "d 0 1001 750 root {0}\nd 1001 1001 700 {0} {0}\n",
                        u);
        CHECK(d.prepare(d, out));
        CHECK(d.detail.empty());
        CHECK(d.apply.empty());
    }
    SUBCASE("a site of an older version is brought up to date, and says so") {
        const std::string out = fmt::format("www-data\nd 0 0 755 root root\n"
                                            "d 1001 1001 755 {0} {0}\nd 0 0 755 root root\n-\n",
                                            u);
        CHECK_FALSE(d.prepare(d, out));
        CHECK(d.detail == fmt::format("brought up to date: {1} root:root 755 -> root:{0} 751, "
                                      "public_html {0}:{0} 755 -> {0}:www-data 2750, "
                                      "logs root:root 755 -> root:{0} 750, tmp made",
                                      u, kRoot));
        // Undo puts the old owners and modes back and removes only tmp.
        CHECK(d.undo.find("chown 1001:1001 " + kRoot + "/public_html && chmod 00755 " + kRoot +
                          "/public_html\n") != std::string::npos);
        CHECK(d.undo.find("chown 0:0 " + kRoot + " && chmod 00755 " + kRoot + "\n") !=
              std::string::npos);
        CHECK(d.undo.find("rmdir " + kRoot + "/tmp") != std::string::npos);
        CHECK(d.undo.find("rmdir " + kRoot + "/logs") == std::string::npos);
        // Apply changes what differs, and makes tmp.
        CHECK_CONTAINS(d.apply, fmt::format("chown {0}:www-data {1}/public_html && chmod 02750 "
                                            "{1}/public_html || exit 1\n",
                                            u, kRoot));
        CHECK_CONTAINS(d.apply, fmt::format("install -d -o {0} -g {0} -m 00700 {1}/tmp", u, kRoot));
    }
    SUBCASE("a link, a file where a directory belongs, or another's public_html: refused") {
        const auto refused = [&](const std::string& out, const std::string& what) {
            Error e = unit::error_from([&] { d.prepare(d, out); });
            CHECK(e.code() == Exit::remote);
            CHECK_CONTAINS(e.what(), what);
        };
        refused("www-data\n-\nL\n-\n-\n", kRoot + "/public_html is a symbolic link");
        refused("www-data\nf 0 0 644 root root\n-\n-\n-\n", kRoot + " is not a directory");
        refused("www-data\nd 0 1001 751 root " + u + "\n-\no 0 0 644 root root\n-\n",
                kRoot + "/logs is not a directory");
        refused(fmt::format("www-data\nd 0 1001 751 root {0}\nd 1002 33 2750 other www-data\n"
                            "-\n-\n",
                            u),
                fmt::format("{}/public_html belongs to other, not {}", kRoot, u));
    }
    SUBCASE("an answer it cannot read fails, and nothing is guessed") {
        for (const char* out :
             {"", "www-data\n-\n-\n-\n", "www-data\nd 0 0 755\n-\n-\n-\n",
              "www-data\nd x 0 755 root root\n-\n-\n-\n", "www-data\n0 0 755 root root\n-\n-\n-\n",
              "www-data\nd 0 0 755; root root\n-\n-\n-\n", "www data\n-\n-\n-\n-\n"})
            CHECK_THROWS_AS(d.prepare(d, out), Error);
    }
}

TEST_CASE("a PHP site's log is made for PHP, which runs as the agency") {
    Office o;
    Plan p = o.plan("php");
    PlanAction& d = action(p, "directories");
    // Five entries now: a check that answers for four is not understood.
    CHECK_THROWS_AS(d.prepare(d, "www-data\n-\n-\n-\n-\n"), Error);
    CHECK_FALSE(d.prepare(d, "www-data\n-\n-\n-\n-\n-\n"));
    const std::string u = p.site.user;
    CHECK_CONTAINS(d.apply, fmt::format("install -o {0} -g {0} -m 00640 /dev/null "
                                        "{1}/logs/php-error.log ||",
                                        u, kRoot));
    // Undo removes the log only while it is empty, before the logs go.
    const auto log = d.undo.find("[ -s " + kRoot + "/logs/php-error.log ] || rm -f ");
    const auto logs = d.undo.find("rmdir " + kRoot + "/logs");
    CHECK(log < logs);
    CHECK(logs != std::string::npos);
    const std::string done =
        fmt::format("www-data\nd 0 1001 751 root {0}\nd 1001 33 2750 {0} www-data\n"
                    "d 0 1001 750 root {0}\nd 1001 1001 700 {0} {0}\nf 1001 1001 640 {0} {0}\n",
                    u);
    CHECK(d.prepare(d, done));
}

TEST_CASE("an Apache server on Debian's default ports names *:80 in its virtual hosts") {
    Office o;
    Plan p = o.plan("static", "web03");
    const PlanAction& vhost = action(p, "apache virtual host");
    REQUIRE(vhost.files.size() == 1);
    CHECK(vhost.files[0].content.find("<VirtualHost *:80>") != std::string::npos);
}

TEST_CASE("an SFTP password is set when the user has none, the batch's with one chpasswd") {
    Office o;
    Plan p = o.plan("static");
    PlanAction& a = action(p, "SFTP password");
    REQUIRE(a.group_check);
    // The check reads the shadow entries with one getent.
    const std::string script = a.group_check({&a});
    CHECK_CONTAINS(script, "getent shadow " + p.site.user);

    SUBCASE("a password set: done already") {
        CHECK(a.prepare(a, "\nset\n"));
    }
    SUBCASE("a new user: set, and nothing to put back") {
        CHECK_FALSE(a.prepare(a, "\nnone\n"));
        CHECK_CONTAINS(a.apply, "chpasswd");
        // Never the password in the script as text.
        CHECK(a.apply.find(p.sftp_password) == std::string::npos);
        CHECK(a.undo.find("usermod") == std::string::npos);
    }
    SUBCASE("a user left without one: set, and undo locks it again") {
        CHECK_FALSE(a.prepare(a, "\nunset !\n"));
        CHECK_CONTAINS(a.undo, "usermod -p '!' " + p.site.user + "\n");
    }
    SUBCASE("an empty field: undo puts the empty field back") {
        CHECK_FALSE(a.prepare(a, "\nunset -\n"));
        CHECK_CONTAINS(a.undo, "usermod -p '' " + p.site.user + "\n");
    }
    SUBCASE("an answer it cannot read fails") {
        CHECK(unit::error_from([&] { a.prepare(a, "\n$y$j9T$abc\n"); }).code() == Exit::remote);
    }
    SUBCASE("merged: the lines of every user on one chpasswd's standard input") {
        Office o2;
        Plan q = o2.plan("php");
        PlanAction& b = action(q, "SFTP password");
        CHECK_FALSE(a.prepare(a, "\nnone\n"));
        CHECK_FALSE(b.prepare(b, "\nunset *\n"));
        REQUIRE(a.merge);
        a.merge(a, {&b});
        CHECK(a.name == "SFTP passwords of 2 site users");
        CHECK(a.apply.find("chpasswd") == a.apply.rfind("chpasswd"));
        CHECK_CONTAINS(a.undo, "usermod -p '*' " + q.site.user + "\n");
        CHECK(a.stage == Stage::password);
    }
}

TEST_CASE("the placeholder page is made beside the site's files, not where the agency writes") {
    Office o;
    Plan p = o.plan("static");
    PlanAction& a = action(p, "placeholder page");
    // The temporary file is in the site's top directory (root's): a link the
    // agency put in public_html in its place cannot turn chmod or chown onto
    // another file.
    CHECK_CONTAINS(a.apply, "mktemp " + kRoot + "/.hostingctl.");
    CHECK(a.apply.find("public_html/.hostingctl") == std::string::npos);
    CHECK_CONTAINS(a.apply, "chgrp --reference=" + kRoot + "/public_html");
    CHECK_CONTAINS(a.apply, "mv -fT \"$t\" " + kRoot + "/public_html/index.html");
}
