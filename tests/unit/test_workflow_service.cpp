// The request operations end to end in a temporary store: recording a
// letter, taking each step of the service standard, and refusing bad input,
// wrong people and impossible steps without writing anything.
#include "store/store.hpp"
#include "support.hpp"
#include "workflow/request_rows.hpp"
#include "workflow/service.hpp"

#include <algorithm>
#include <functional>
#include <unistd.h>

using namespace hostingctl;
using unit::error_from;
using unit::slurp;
using unit::spit;
using unit::TempDir;
using unit::tree;

namespace {

// A fresh store with the office's people and two agencies.  The technical
// officer budi is mapped to whoever runs the tests, so he is the default
// performer, as he would be at the office.
struct Office {
    TempDir dir;
    std::unique_ptr<Store> store;
    std::string me = unit::kLogin;

    Office() {
        Store::create(dir.path());
        open();
        store->write_staff({
            {"kadis", "Dr. Kepala Dinas", "", "Kepala Dinas", {Role::kepala_dinas}, "kadis"},
            {"kabid", "Kepala Bidang INS", "", "Kepala Bidang", {Role::kepala_bidang}, "kabid"},
            {"budi", "Budi Santoso", "", "Pranata Komputer", {Role::petugas_teknis}, me},
            {"sari", "Sari", "", "Pranata Komputer", {Role::petugas_teknis}, "sari"},
            {"siti", "Siti", "", "Front office", {Role::admin}, "siti"},
            {"adu", "Pejabat Pengaduan", "", "Sekretaris", {Role::pejabat_pengaduan}, "adu"},
        });
        store->write_agencies({{"dinkes", "Dinas Kesehatan", "", "", "", ""},
                               {"disdik", "Dinas Pendidikan", "", "", "", ""}});
    }

    void open() { store = std::make_unique<Store>(dir.path()); }

    // Replaces text in hostingctl.yaml and reopens the store.
    void configure(const std::string& from, const std::string& to) {
        auto file = dir / "hostingctl.yaml";
        std::string text = slurp(file);
        auto pos = text.find(from);
        REQUIRE(pos != std::string::npos);
        text.replace(pos, from.size(), to);
        spit(file, text);
        open();
    }

    NewRequestInput letter(const std::string& domain = "simpus") const {
        NewRequestInput in;
        in.agency = "dinkes";
        in.letter_number = "400.7/123/Dinkes/2026";
        in.letter_date = "2026-11-20";
        in.received_at = "2026-11-23T09:15";
        in.subject = "Permohonan hosting aplikasi SIMPUS";
        in.contact_name = "Budi Dinkes";
        in.contact_phone = "(0285) 421243";
        in.contact_email = "simpus@dinkes.pekalongankota.go.id";
        in.domain = domain;
        return in;
    }

    Request step(const std::string& id, Step s, const std::string& by, const std::string& at,
                 StepInput extra = {}) const {
        extra.step = s;
        extra.id = id;
        extra.by = by;
        extra.at = at;
        return perform_step(*store, extra, unit::caller());
    }

    Status status(const std::string& id) const {
        return derive_status(store->load_request(id).events);
    }

    stdfs::path requests() const { return dir / "requests"; }
};

StepInput with_officer(std::string officer) {
    StepInput in;
    in.data["officer"] = std::move(officer);
    return in;
}

StepInput with_note(std::string note) {
    StepInput in;
    in.note = std::move(note);
    return in;
}

StepInput with_reason(std::string reason) {
    StepInput in;
    in.data["reason"] = std::move(reason);
    return in;
}

} // namespace

TEST_CASE("a request goes through the nine steps of the service standard") {
    Office o;
    Request r = create_request(*o.store, o.letter(), unit::caller());
    CHECK(r.id == "HST-2026-0001");
    CHECK(o.status(r.id) == Status::received);
    REQUIRE(r.events.size() == 1);
    CHECK(r.events[0].action == "new");
    CHECK(r.events[0].by == "budi"); // the staff member mapped to the current login
    CHECK(r.events[0].recorded_by == o.me);
    CHECK(r.events[0].at.iso() == "2026-11-23T09:15:00+07:00");

    struct Row {
        Step step;
        const char* by;
        const char* at;
        StepInput extra;
        Status status;
    };
    StepInput provision;
    provision.data["server"] = "web01";
    StepInput deliver;
    deliver.data["via"] = "email";
    const Row steps[] = {
        {Step::dispose, "kadis", "2026-11-23T10:00", {}, Status::disposed},
        {Step::assign, "kabid", "2026-11-23T10:30", with_officer("budi"), Status::assigned},
        {Step::verify, "budi", "2026-11-23T11:00", {}, Status::verified},
        {Step::provision, "budi", "2026-11-23T13:30", provision, Status::provisioned},
        {Step::submit, "budi", "2026-11-23T14:00", {}, Status::submitted},
        {Step::forward, "kabid", "2026-11-24T08:30", {}, Status::forwarded},
        {Step::approve, "kadis", "2026-11-24T09:00", {}, Status::approved},
        {Step::deliver, "budi", "2026-11-24T10:00", deliver, Status::delivered},
        {Step::complete, "siti", "2026-11-25T08:15", {}, Status::completed},
    };
    size_t events = 1;
    for (const Row& s : steps) {
        INFO("step " << rule(s.step).name);
        Request after = o.step(r.id, s.step, s.by, s.at, s.extra);
        CHECK(o.status(r.id) == s.status);
        Request stored = o.store->load_request(r.id);
        REQUIRE(stored.events.size() == ++events);
        const Event& e = stored.events.back();
        CHECK(e.action == rule(s.step).name);
        CHECK(e.by == s.by);
        CHECK(e.recorded_by == o.me);
        CHECK(e.at.iso() == std::string(s.at) + ":00+07:00");
        CHECK(after.events.size() == stored.events.size());
    }
    Request done = o.store->load_request(r.id);
    CHECK(done.events[2].get("officer") == "budi");
    CHECK(done.events[4].get("server") == "web01");
    CHECK(done.events[4].get("mode") == "manual");
    CHECK(done.events[8].get("via") == "email");

    auto listed = list_requests(*o.store, unit::caller().now());
    REQUIRE(listed.items.size() == 1);
    CHECK(listed.items[0].status == "completed");
    CHECK(listed.items[0].officer == "budi");
}

TEST_CASE("what create_request records") {
    Office o;
    NewRequestInput in = o.letter("SIMPUS");
    in.app = "php";
    in.quota = "2G";
    in.database = true;
    in.note = "Surat diantar langsung\noleh staf Dinkes";
    Request r = create_request(*o.store, in, unit::caller());
    CHECK(r.hosting.domain == "simpus.pekalongankota.go.id");
    CHECK(r.hosting.app == AppKind::php);
    CHECK(r.hosting.php_version == "8.2"); // the default
    CHECK(r.hosting.disk_quota_mb == 2048);
    CHECK(r.hosting.database);
    CHECK(r.letter.date == Date{2026, 11, 20});
    CHECK(r.contact.email == "simpus@dinkes.pekalongankota.go.id");
    CHECK(r.events[0].note == "Surat diantar langsung\noleh staf Dinkes");

    Request stored = o.store->load_request(r.id);
    CHECK(stored.hosting.domain == r.hosting.domain);
    CHECK(stored.events[0].note == r.events[0].note);

    SUBCASE("the number follows the year the letter was received") {
        NewRequestInput old = o.letter("lama");
        old.letter_date = "2025-12-29";
        old.received_at = "2025-12-31T15:00";
        CHECK(create_request(*o.store, old, unit::caller()).id == "HST-2025-0001");
        CHECK(create_request(*o.store, o.letter("baru"), unit::caller()).id == "HST-2026-0002");
    }
    SUBCASE("a proxy application keeps its upstream port") {
        NewRequestInput p = o.letter("api-gateway");
        p.app = "proxy";
        p.upstream_port = 8080;
        Request pr = create_request(*o.store, p, unit::caller());
        CHECK(pr.hosting.upstream_port == 8080);
        CHECK(o.store->load_request(pr.id).hosting.upstream_port == 8080);
    }
    SUBCASE("a time given in another offset is stored in office time") {
        NewRequestInput utc = o.letter("utc");
        utc.received_at = "2026-11-23T02:15:00Z";
        CHECK(create_request(*o.store, utc, unit::caller()).letter.received_at.iso() ==
              "2026-11-23T09:15:00+07:00");
    }
}

TEST_CASE("a domain held by a live request cannot be requested again") {
    Office o;
    Request first = create_request(*o.store, o.letter("simpus"), unit::caller());
    auto before = tree(o.requests());

    for (const char* again :
         {"simpus", "SIMPUS", "simpus.pekalongankota.go.id", "simpus.pekalongankota.go.id."}) {
        INFO("asking again for '" << again << "'");
        NewRequestInput in = o.letter(again);
        in.agency = "disdik";
        Error e = error_from([&] { create_request(*o.store, in, unit::caller()); });
        CHECK(e.code() == Exit::conflict);
        CHECK_CONTAINS(e.what(), "simpus.pekalongankota.go.id");
        CHECK_CONTAINS(e.what(), first.id);
        CHECK(tree(o.requests()) == before);
    }

    SUBCASE("cancelling the first request frees the name") {
        o.step(first.id, Step::cancel, "budi", "2026-11-23T10:00", with_reason("ditarik"));
        Request second = create_request(*o.store, o.letter("simpus"), unit::caller());
        CHECK(second.id == "HST-2026-0002");
        // ...and the new request holds it in turn.
        CHECK(error_from([&] {
                  create_request(*o.store, o.letter("simpus"), unit::caller());
              }).code() == Exit::conflict);
    }
    SUBCASE("rejecting the first request frees the name") {
        o.step(first.id, Step::reject, "kadis", "2026-11-23T10:00", with_reason("tidak lengkap"));
        CHECK_NOTHROW(create_request(*o.store, o.letter("simpus"), unit::caller()));
    }
    SUBCASE("a completed request keeps the name: the site is in use") {
        Request done = o.store->load_request(first.id);
        for (const char* a : {"dispose", "assign", "verify", "provision", "submit", "forward",
                              "approve", "deliver", "complete"})
            unit::add_event(done, a, unit::step_data(a));
        o.store->update_request(done);
        CHECK(error_from([&] {
                  create_request(*o.store, o.letter("simpus"), unit::caller());
              }).code() == Exit::conflict);
    }
    SUBCASE("another name is fine") {
        CHECK_NOTHROW(create_request(*o.store, o.letter("simpus2"), unit::caller()));
    }
}

TEST_CASE("a request file that cannot be read may hold the domain: request new refuses") {
    Office o;
    Request held = create_request(*o.store, o.letter("dom4"), unit::caller());
    const stdfs::path file = o.requests() / "2026" / (held.id + ".yaml");
    const std::string good = slurp(file);
    std::string newer = good;
    const size_t schema = newer.find("schema: ");
    newer.replace(schema, newer.find('\n', schema) - schema, "schema: 99");

    struct Damage {
        const char* what;
        std::function<void()> apply;
    };
    std::vector<Damage> damages = {
        {"invalid YAML", [&] { spit(file, "schema: 1\nid: " + held.id + "\nagency: [\n"); }},
        {"a newer schema", [&] { spit(file, newer); }},
        {"a folder named like the file",
         [&] {
             stdfs::remove(file);
             stdfs::create_directory(file);
         }},
    };
    if (::geteuid() != 0) // root reads any file
        damages.push_back(
            {"an unreadable file", [&] { stdfs::permissions(file, stdfs::perms::none); }});
    for (const Damage& d : damages) {
        INFO(d.what);
        list_requests(*o.store, unit::caller().now()); // a warm cache must not hide it
        d.apply();
        auto before = tree(o.requests());
        auto docs = tree(o.dir / "documents");
        for (const char* domain : {"dom4", "another"}) {
            Error e =
                error_from([&] { create_request(*o.store, o.letter(domain), unit::caller()); });
            CHECK(e.code() == Exit::damaged);
            CHECK_CONTAINS(e.what(), file.string());
            CHECK_CONTAINS(e.what(), "could not be read");
            CHECK_CONTAINS(e.hint(), "store check");
            CHECK(tree(o.requests()) == before);
            CHECK(tree(o.dir / "documents") == docs);
        }
        // Repaired, the file holds the domain again.
        std::error_code ec;
        stdfs::permissions(file, stdfs::perms::owner_read | stdfs::perms::owner_write, ec);
        stdfs::remove_all(file);
        spit(file, good);
        CHECK(error_from([&] {
                  create_request(*o.store, o.letter("dom4"), unit::caller());
              }).code() == Exit::conflict);
    }
}

TEST_CASE("create_request writes nothing when any input is wrong") {
    Office o;
    create_request(*o.store, o.letter("existing"), unit::caller());
    auto before = tree(o.dir.path());
    std::string staff = slurp(o.dir / "staff.yaml");

    struct Row {
        const char* what;
        std::function<void(NewRequestInput&)> change;
        Exit code;
    };
    const std::vector<Row> rows = {
        {"reserved name", [](auto& in) { in.domain = "www"; }, Exit::invalid},
        {"name outside the zone", [](auto& in) { in.domain = "simpus.example.com"; },
         Exit::invalid},
        {"unknown agency", [](auto& in) { in.agency = "dinkez"; }, Exit::not_found},
        {"agency code with a path", [](auto& in) { in.agency = "../dinkes"; }, Exit::invalid},
        {"letter number without digits", [](auto& in) { in.letter_number = "Dinkes"; },
         Exit::invalid},
        {"letter date not a date", [](auto& in) { in.letter_date = "2026-02-30"; }, Exit::invalid},
        {"letter dated after it arrived", [](auto& in) { in.letter_date = "2026-11-24"; },
         Exit::invalid},
        {"received in the future", [](auto& in) { in.received_at = "2099-01-01T08:00"; },
         Exit::invalid},
        {"received at garbage", [](auto& in) { in.received_at = "kemarin"; }, Exit::invalid},
        {"subject on two lines", [](auto& in) { in.subject = "a\nb"; }, Exit::invalid},
        {"empty subject", [](auto& in) { in.subject = ""; }, Exit::invalid},
        {"subject with NUL", [](auto& in) { in.subject = std::string("a\0b", 3); }, Exit::invalid},
        {"bad e-mail", [](auto& in) { in.contact_email = "simpus at dinkes"; }, Exit::invalid},
        {"bad phone", [](auto& in) { in.contact_phone = "call me"; }, Exit::invalid},
        {"unknown application kind", [](auto& in) { in.app = "wordpress"; }, Exit::invalid},
        {"PHP version for a static site", [](auto& in) { in.php_version = "8.2"; }, Exit::invalid},
        {"bad PHP version",
         [](auto& in) {
             in.app = "php";
             in.php_version = "8";
         },
         Exit::invalid},
        {"proxy without a port", [](auto& in) { in.app = "proxy"; }, Exit::invalid},
        {"port for a static site", [](auto& in) { in.upstream_port = 8080; }, Exit::invalid},
        {"quota not a size", [](auto& in) { in.quota = "lots"; }, Exit::invalid},
        {"note with a terminal escape", [](auto& in) { in.note = "\x1b[2J"; }, Exit::invalid},
        {"missing attachment", [](auto& in) { in.attachments = {"/nonexistent/scan.pdf"}; },
         Exit::not_found},
        {"unknown performer", [](auto& in) { in.by = "nobody"; }, Exit::not_found},
        {"performer without the role", [](auto& in) { in.by = "kadis"; }, Exit::refused},
    };
    for (const Row& r : rows) {
        INFO(r.what);
        NewRequestInput in = o.letter("fresh");
        r.change(in);
        Error e = error_from([&] { create_request(*o.store, in, unit::caller()); });
        CHECK(e.code() == r.code);
        CHECK(tree(o.dir.path()) == before);
    }
    CHECK(slurp(o.dir / "staff.yaml") == staff);
}

TEST_CASE("a letter's attachments are copied into the store under a safe name") {
    Office o;
    std::string scan("%PDF-1.4\n\0binary\xff", 17);
    auto src = o.dir / "scan (1) $(x).pdf";
    spit(src, scan);
    NewRequestInput in = o.letter();
    in.attachments = {src.string()};
    Request r = create_request(*o.store, in, unit::caller());
    REQUIRE(r.letter.attachments.size() == 1);
    const Attachment& a = r.letter.attachments[0];
    CHECK(a.name == "scan (1) $(x).pdf");
    CHECK(a.path == "documents/HST-2026-0001/letter/scan__1____x_.pdf");
    CHECK(a.size == scan.size());
    CHECK(slurp(o.dir / a.path) == scan);
    CHECK(o.store->load_request(r.id).letter.attachments[0].path == a.path);
}

TEST_CASE("a new request never adopts a documents folder left under its number") {
    Office o;
    // What a request new killed after placing its letter leaves: a folder
    // under the next number, and no record.
    stdfs::create_directories(o.dir / "documents/HST-2026-0001/letter");
    spit(o.dir / "documents/HST-2026-0001/letter/surat-lama.pdf", "another request's letter");
    spit(o.dir / "surat.pdf", "this request's letter");
    NewRequestInput in = o.letter();
    in.attachments = {(o.dir / "surat.pdf").string()};
    Request r = create_request(*o.store, in, unit::caller());
    CHECK(r.id == "HST-2026-0001");
    CHECK(tree(o.dir / "documents/HST-2026-0001") ==
          std::set<std::string>{"letter", "letter/surat.pdf"});
    const std::string today = Timestamp::at(unit::caller().now(), o.store->tz()).local_date().iso();
    CHECK(slurp(o.dir / ".trash" / today / "documents/HST-2026-0001/letter/surat-lama.pdf") ==
          "another request's letter");
    CHECK(tree(o.dir / "documents/.staging").empty());

    // Without attachments too: the request starts with no documents.
    stdfs::create_directories(o.dir / "documents/HST-2026-0002/letter");
    spit(o.dir / "documents/HST-2026-0002/letter/x.pdf", "left over");
    Request plain = create_request(*o.store, o.letter("lain"), unit::caller());
    CHECK(plain.id == "HST-2026-0002");
    CHECK_FALSE(stdfs::exists(o.dir / "documents/HST-2026-0002"));
    CHECK(stdfs::exists(o.dir / ".trash" / today / "documents/HST-2026-0002/letter/x.pdf"));
}

TEST_CASE("perform_step writes nothing when the step is refused") {
    Office o;
    Request r = create_request(*o.store, o.letter(), unit::caller());
    o.step(r.id, Step::dispose, "kadis", "2026-11-23T10:00");
    auto file = o.store->request_path(r.id);
    const std::string bytes = slurp(file);
    auto before = tree(o.dir.path());

    struct Row {
        const char* what;
        Step step;
        const char* by;
        const char* at;
        StepInput extra;
        Exit code;
    };
    StepInput pigeon;
    pigeon.data["via"] = "pigeon";
    const Row rows[] = {
        {"a note with a NUL byte", Step::note, "budi", "", with_note(std::string("a\0b", 3)),
         Exit::invalid},
        {"a note without text", Step::note, "budi", "", {}, Exit::invalid},
        {"a rejection without a reason", Step::reject, "kadis", "", {}, Exit::invalid},
        {"a cancellation whose reason holds a terminal escape", Step::cancel, "budi", "",
         with_reason("\x1b]0;owned\x07"), Exit::invalid},
        {"a delivery channel that does not exist", Step::deliver, "budi", "", pigeon,
         Exit::invalid},
        {"assigning to someone who is not a technical officer", Step::assign, "kabid", "",
         with_officer("kadis"), Exit::refused},
        {"assigning to an unknown person", Step::assign, "kabid", "", with_officer("bdi"),
         Exit::not_found},
        {"assigning to a malformed id", Step::assign, "kabid", "", with_officer("Budi!"),
         Exit::invalid},
        {"assigning by the wrong role", Step::assign, "budi", "", with_officer("budi"),
         Exit::refused},
        {"a step the status does not allow", Step::approve, "kadis", "", {}, Exit::refused},
        {"disposing twice", Step::dispose, "kadis", "", {}, Exit::refused},
        {"an unknown performer", Step::assign, "nobody", "", with_officer("budi"), Exit::not_found},
        {"a complaints official assigning", Step::assign, "adu", "", with_officer("budi"),
         Exit::refused},
        {"a time that is not a time", Step::note, "budi", "soon", with_note("catatan"),
         Exit::invalid},
        {"a time before the previous step", Step::assign, "kabid", "2026-11-23T09:59",
         with_officer("budi"), Exit::invalid},
        {"a time in the future", Step::assign, "kabid", "2099-11-23T09:59", with_officer("budi"),
         Exit::invalid},
        {"the letter step", Step::create, "budi", "", {}, Exit::usage},
    };
    for (const Row& row : rows) {
        INFO(row.what);
        Error e = error_from([&] { o.step(r.id, row.step, row.by, row.at, row.extra); });
        CHECK(e.code() == row.code);
        CHECK(slurp(file) == bytes);
        CHECK(tree(o.dir.path()) == before);
    }

    SUBCASE("a request that does not exist") {
        CHECK(error_from([&] {
                  o.step("HST-2026-0099", Step::note, "budi", "", with_note("x"));
              }).code() == Exit::not_found);
        CHECK_FALSE(stdfs::exists(o.requests() / "2026/HST-2026-0099.yaml"));
    }
}

TEST_CASE("a step dated before the previous one is refused with both times shown") {
    Office o;
    Request r = create_request(*o.store, o.letter(), unit::caller());
    o.step(r.id, Step::dispose, "kadis", "2026-11-23T10:00");
    const std::string bytes = slurp(o.store->request_path(r.id));
    Error e = error_from(
        [&] { o.step(r.id, Step::assign, "kabid", "2026-11-23T09:30", with_officer("budi")); });
    CHECK(e.code() == Exit::invalid);
    CHECK_CONTAINS(e.what(), "2026-11-23T09:30:00+07:00");
    CHECK_CONTAINS(e.what(), "dispose");
    CHECK_CONTAINS(e.what(), "2026-11-23T10:00:00+07:00");
    CHECK(slurp(o.store->request_path(r.id)) == bytes);

    // The same minute as the previous step is fine: steps can follow at once.
    CHECK_NOTHROW(o.step(r.id, Step::assign, "kabid", "2026-11-23T10:00", with_officer("budi")));
}

TEST_CASE("only a technical officer can be assigned") {
    Office o;
    Request r = create_request(*o.store, o.letter(), unit::caller());
    o.step(r.id, Step::dispose, "kadis", "2026-11-23T10:00");
    for (const char* who : {"kadis", "kabid", "siti", "adu"}) {
        INFO("assigning " << who);
        Error e = error_from(
            [&] { o.step(r.id, Step::assign, "kabid", "2026-11-23T10:30", with_officer(who)); });
        CHECK(e.code() == Exit::refused);
        CHECK_CONTAINS(e.what(), who);
        CHECK_CONTAINS(e.what(), "petugas_teknis");
    }
    o.step(r.id, Step::assign, "kabid", "2026-11-23T10:30", with_officer("budi"));
    // Reassignment to the other officer.
    o.step(r.id, Step::assign, "kabid", "2026-11-23T11:00", with_officer("sari"));
    CHECK(list_requests(*o.store, unit::caller().now()).items[0].officer == "sari");
    CHECK(o.status(r.id) == Status::assigned);
}

TEST_CASE("provisioning names a server from servers.yaml") {
    Office o;
    CHECK(server_names(*o.store) == std::vector<std::string>{"web01"});
    Request r = create_request(*o.store, o.letter(), unit::caller());
    o.step(r.id, Step::dispose, "kadis", "2026-11-23T10:00");
    o.step(r.id, Step::assign, "kabid", "2026-11-23T10:30", with_officer("budi"));
    o.step(r.id, Step::verify, "budi", "2026-11-23T11:00");
    const std::string bytes = slurp(o.store->request_path(r.id));

    StepInput in;
    in.data["server"] = "web02";
    Error e = error_from([&] { o.step(r.id, Step::provision, "budi", "", in); });
    CHECK(e.code() == Exit::not_found);
    CHECK_CONTAINS(e.what(), "web02");
    CHECK_CONTAINS(e.hint(), "web01");
    CHECK(slurp(o.store->request_path(r.id)) == bytes);

    in.data["server"] = "web01";
    o.step(r.id, Step::provision, "budi", "2026-11-23T13:00", in);
    CHECK(o.status(r.id) == Status::provisioned);
}

TEST_CASE("missing documents: incomplete, then resume") {
    Office o;
    Request r = create_request(*o.store, o.letter(), unit::caller());
    o.step(r.id, Step::dispose, "kadis", "2026-11-23T10:00");
    o.step(r.id, Step::assign, "kabid", "2026-11-23T10:30", with_officer("budi"));

    StepInput missing;
    CHECK(error_from([&] { o.step(r.id, Step::incomplete, "budi", "", missing); }).code() ==
          Exit::invalid); // what is missing must be said
    missing.data["missing"] = "Surat kuasa\nKTP penanggung jawab";
    o.step(r.id, Step::incomplete, "budi", "2026-11-23T11:00", missing);
    CHECK(o.status(r.id) == Status::incomplete);
    CHECK(o.store->load_request(r.id).events.back().get("missing") ==
          "Surat kuasa\nKTP penanggung jawab");

    CHECK(error_from([&] { o.step(r.id, Step::verify, "budi", ""); }).code() == Exit::refused);
    o.step(r.id, Step::resume, "budi", "2026-11-25T09:00");
    CHECK(o.status(r.id) == Status::assigned);
    o.step(r.id, Step::verify, "budi", "2026-11-25T09:30");
    CHECK(o.status(r.id) == Status::verified);
}

TEST_CASE("a note changes nothing but the log, even on a closed request") {
    Office o;
    Request r = create_request(*o.store, o.letter(), unit::caller());
    o.step(r.id, Step::cancel, "siti", "2026-11-23T10:00", with_reason("ditarik oleh OPD"));
    o.step(r.id, Step::note, "adu", "2026-11-23T11:00",
           with_note("OPD akan mengajukan ulang tahun depan"));
    Request stored = o.store->load_request(r.id);
    CHECK(derive_status(stored.events) == Status::cancelled);
    CHECK(stored.events.back().note == "OPD akan mengajukan ulang tahun depan");
    CHECK(stored.events[1].get("reason") == "ditarik oleh OPD");
}

TEST_CASE("recording policy self: each person records their own steps") {
    Office o;
    o.configure("recording: proxy", "recording: self");
    REQUIRE(o.store->config().recording == RecordingPolicy::self);
    // budi is the current login, so he may record his own letter...
    Request r = create_request(*o.store, o.letter(), unit::caller());
    const std::string bytes = slurp(o.store->request_path(r.id));
    // ...but not the head of office's disposition on her behalf.
    Error e = error_from([&] { o.step(r.id, Step::dispose, "kadis", "2026-11-23T10:00"); });
    CHECK(e.code() == Exit::refused);
    CHECK_CONTAINS(e.what(), "self");
    CHECK(slurp(o.store->request_path(r.id)) == bytes);

    SUBCASE("under proxy the same disposition is recorded") {
        o.configure("recording: self", "recording: proxy");
        o.step(r.id, Step::dispose, "kadis", "2026-11-23T10:00");
        Request stored = o.store->load_request(r.id);
        CHECK(stored.events.back().by == "kadis");
        CHECK(stored.events.back().recorded_by == o.me);
    }
}

TEST_CASE("who performs a step") {
    std::vector<StaffMember> staff = {
        {"budi", "Budi", "", "", {Role::petugas_teknis}, "budi"},
        {"kadis", "Kadis", "", "", {Role::kepala_dinas}, ""},
    };
    CHECK(resolve_performer(staff, "", "budi").id == "budi");
    CHECK(resolve_performer(staff, "kadis", "budi").id == "kadis");

    Error unmapped = error_from([&] { resolve_performer(staff, "", "root"); });
    CHECK(unmapped.code() == Exit::not_found);
    CHECK_CONTAINS(unmapped.what(), "'root'");
    CHECK_CONTAINS(unmapped.hint(), "--by");

    // An empty login never matches a person with no login mapped.
    CHECK(error_from([&] { resolve_performer(staff, "", ""); }).code() == Exit::not_found);

    Error typo = error_from([&] { resolve_performer(staff, "bdui", "budi"); });
    CHECK(typo.code() == Exit::not_found);
    CHECK_CONTAINS(typo.hint(), "did you mean 'budi'");

    CHECK(error_from([&] { resolve_performer(staff, "Budi Santoso", "budi"); }).code() ==
          Exit::invalid);
}

TEST_CASE("unknown agencies and staff suggest the likely one") {
    std::vector<Agency> agencies = {{"dinkes", "Dinas Kesehatan", "", "", "", ""},
                                    {"disdik", "Dinas Pendidikan", "", "", "", ""}};
    CHECK(find_agency(agencies, "disdik").name == "Dinas Pendidikan");
    Error e = error_from([&] { find_agency(agencies, "dinkse"); });
    CHECK(e.code() == Exit::not_found);
    CHECK_CONTAINS(e.hint(), "did you mean 'dinkes'");
    Error far = error_from([&] { find_agency(agencies, "bappeda"); });
    CHECK_FALSE(unit::contains(far.hint(), "did you mean"));
}

TEST_CASE("the current login name") {
    std::string me = unit::kLogin;
    CHECK_FALSE(me.empty());
    CHECK(me.find('\n') == std::string::npos);
}
