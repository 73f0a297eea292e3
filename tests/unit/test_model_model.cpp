// The names of roles and application kinds are what people type in
// staff.yaml and on the command line, so they must read back exactly.
#include "model/model.hpp"
#include "support.hpp"

using namespace hostingctl;

TEST_CASE("roles: the five names of PRODUCT §2") {
    const std::vector<std::pair<const char*, Role>> names = {
        {"kepala_dinas", Role::kepala_dinas},           {"kepala_bidang", Role::kepala_bidang},
        {"petugas_teknis", Role::petugas_teknis},       {"admin", Role::admin},
        {"pejabat_pengaduan", Role::pejabat_pengaduan},
    };
    REQUIRE(all_roles().size() == names.size());
    for (const auto& [name, role] : names) {
        INFO(name);
        CHECK(std::string(to_string(role)) == name);
        CHECK(parse_role(name) == role);
        CHECK(std::string(role_title(role)).size() > 0);
    }
    CHECK(std::string(role_title(Role::kepala_dinas)).find("Kepala Dinas") != std::string::npos);
    for (const char* bad : {"", "Admin", "kepala dinas", "kepala", "root"})
        CHECK_FALSE(parse_role(bad));
}

TEST_CASE("application kinds") {
    CHECK(parse_app_kind("static") == AppKind::static_site);
    CHECK(parse_app_kind("php") == AppKind::php);
    CHECK(parse_app_kind("proxy") == AppKind::proxy);
    for (AppKind k : {AppKind::static_site, AppKind::php, AppKind::proxy})
        CHECK(parse_app_kind(to_string(k)) == k);
    for (const char* bad : {"", "PHP", "static_site", "wordpress", "node"})
        CHECK_FALSE(parse_app_kind(bad));
}

TEST_CASE("a staff member holds only the roles listed") {
    StaffMember s;
    s.roles = {Role::kepala_bidang, Role::petugas_teknis};
    CHECK(s.has(Role::kepala_bidang));
    CHECK(s.has(Role::petugas_teknis));
    CHECK_FALSE(s.has(Role::kepala_dinas));
    CHECK_FALSE(StaffMember{}.has(Role::admin));
}

TEST_CASE("event details are looked up by key; a missing key is empty") {
    Event e;
    e.data = {{"officer", "budi"}, {"server", "web01"}};
    CHECK(e.get("officer") == "budi");
    CHECK(e.get("server") == "web01");
    CHECK(e.get("via").empty());
}

TEST_CASE("the defaults of a new office configuration") {
    OfficeConfig c;
    CHECK(c.recording == RecordingPolicy::proxy);
    CHECK(c.request_id_format == "HST-{year}-{seq:4}");
    CHECK(c.time_zone == "Asia/Jakarta");
    CHECK(HostingSpec{}.app == AppKind::static_site);
    CHECK(HostingSpec{}.disk_quota_mb == 1024);
}
