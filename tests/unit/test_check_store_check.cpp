// store check (lib/check): every kind of problem is found with its file and
// line, the repair moves only leftovers and a stale cache out of the way, and
// no record file is ever touched.
#include "check/store_check.hpp"
#include "store/documents.hpp"
#include "support.hpp"
#include "util/text.hpp"
#include "workflow/request_rows.hpp"
#include "workflow/service.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <map>
#include <unistd.h>

using namespace hostingctl;
using unit::error_from;
using unit::slurp;
using unit::spit;
using unit::TempDir;
using unit::tree;

namespace {

struct Office {
    TempDir dir;
    std::unique_ptr<Store> store;
    int n = 0;

    Office() {
        Store::create(dir.path());
        store = std::make_unique<Store>(dir.path());
        store->write_staff({{"budi", "Budi", "", "", {Role::petugas_teknis}, unit::kLogin}});
        store->write_agencies({{"dinkes", "Dinas Kesehatan", "", "", "", ""}});
    }

    Request request(const std::string& domain, std::vector<std::string> attachments = {}) {
        NewRequestInput in;
        in.agency = "dinkes";
        in.letter_number = fmt::format("400.7/{}/2026", ++n);
        in.letter_date = "2026-11-20";
        in.received_at = "2026-11-23T09:15";
        in.subject = "Permohonan";
        in.domain = domain;
        in.attachments = std::move(attachments);
        return create_request(*store, in, unit::caller());
    }

    stdfs::path file(const std::string& id) const { return store->request_path(id); }

    // Gives the file of request `id` a schema newer than this build reads.
    void newer(const std::string& id) const {
        std::string text = slurp(file(id));
        const size_t at = text.find("schema: ");
        REQUIRE(at != std::string::npos);
        spit(file(id), text.replace(at, text.find('\n', at) - at, "schema: 99"));
    }

    void edit(const std::string& id, const std::string& from, const std::string& to) const {
        std::string text = slurp(file(id));
        auto pos = text.find(from);
        REQUIRE(pos != std::string::npos);
        spit(file(id), text.replace(pos, from.size(), to));
    }

    StoreCheck check() const { return check_store(*store, unit::caller().now()); }
};

std::vector<std::string> kinds(const std::vector<StoreProblem>& problems) {
    std::vector<std::string> out;
    for (const auto& p : problems)
        out.emplace_back(to_string(p.kind));
    return out;
}

// The files of the requests with their contents.
std::map<std::string, std::string> records(const Office& o) {
    std::map<std::string, std::string> out;
    for (const auto& rel : tree(o.dir / "requests"))
        if (rel.ends_with(".yaml"))
            out[rel] = slurp(o.dir / "requests" / rel);
    return out;
}

} // namespace

TEST_SUITE_BEGIN("check/store_check");

TEST_CASE("a fresh store, and one with requests, is clean") {
    Office o;
    CHECK(o.check().clean());
    spit(o.dir / "scan.pdf", "scan");
    o.request("simpus", {(o.dir / "scan.pdf").string()});
    o.request("eoffice");
    StoreCheck c = o.check();
    CHECK(c.clean());
    CHECK(c.requests == 2);
    CHECK(c.repaired.empty());
}

TEST_CASE("damaged files are listed with the file and the line the loader names") {
    Office o;
    Request a = o.request("simpus");
    Request b = o.request("eoffice");
    o.newer(a.id);
    o.edit(b.id, "agency: ", "agency: [");
    stdfs::create_directories(o.dir / "complaints/2026/ADU-2026-0001.yaml");
    spit(o.dir / "staff.yaml", "schema: 2\nstaff: [\n");
    StoreCheck c = o.check();
    REQUIRE(c.problems.size() == 4);
    CHECK(kinds(c.problems) ==
          std::vector<std::string>{"damaged", "damaged", "damaged", "damaged"});
    // Sorted by path.
    CHECK(c.problems[0].path == "complaints/2026/ADU-2026-0001.yaml");
    CHECK_CONTAINS(c.problems[0].message, "not a regular file");
    CHECK(c.problems[1].path == "requests/2026/" + a.id + ".yaml");
    CHECK_CONTAINS(c.problems[1].message, "schema 99 is newer");
    CHECK(c.problems[2].path == "requests/2026/" + b.id + ".yaml");
    REQUIRE(c.problems[2].line);
    CHECK(*c.problems[2].line > 1);
    CHECK_FALSE(unit::contains(c.problems[2].message, o.dir.path().string())); // path apart
    CHECK(c.problems[3].path == "staff.yaml");
    CHECK(c.requests == 0);
    for (const auto& p : c.problems)
        CHECK_FALSE(p.repairable);
}

TEST_CASE("two live requests holding one domain; a cancelled one does not count") {
    Office o;
    Request a = o.request("simpus");
    Request b = o.request("eoffice");
    o.edit(b.id, "domain: eoffice.", "domain: simpus.");
    StoreCheck c = o.check();
    REQUIRE(kinds(c.problems) == std::vector<std::string>{"duplicate_domain"});
    CHECK(c.problems[0].path == "requests/2026/" + b.id + ".yaml");
    CHECK_CONTAINS(c.problems[0].message, "simpus.pekalongankota.go.id");
    CHECK_CONTAINS(c.problems[0].message, a.id);
    CHECK_CONTAINS(c.problems[0].message, b.id);
    StepInput cancel;
    cancel.step = Step::cancel;
    cancel.id = a.id;
    cancel.data["reason"] = "ditarik";
    perform_step(*o.store, cancel, unit::caller());
    CHECK(o.check().clean());
}

TEST_CASE("an event dated before the one above it is named with its line") {
    Office o;
    Request a = o.request("simpus");
    Request r = o.store->load_request(a.id);
    unit::add_event(r, "note");
    r.events.back().note = "catatan";
    r.events.back().at.epoch -= 7200; // an hour before the letter arrived
    o.store->update_request(r);
    StoreCheck c = o.check();
    REQUIRE(kinds(c.problems) == std::vector<std::string>{"event_order"});
    CHECK_CONTAINS(c.problems[0].message, "event 2 (note at");
    REQUIRE(c.problems[0].line);
    // The line of the second "- action:" of the file.
    const std::string text = slurp(o.file(a.id));
    int line = 0, second = 0, count = 0;
    for (const auto& l : text::split(text, '\n')) {
        ++line;
        if (l.find("- action:") != std::string::npos && ++count == 2)
            second = line;
    }
    CHECK(*c.problems[0].line == second);
}

TEST_CASE("a record naming an attachment that is not there") {
    Office o;
    spit(o.dir / "scan.pdf", "scan");
    Request a = o.request("simpus", {(o.dir / "scan.pdf").string()});
    stdfs::remove(o.dir / a.letter.attachments[0].path);
    StoreCheck c = o.check();
    REQUIRE(kinds(c.problems) == std::vector<std::string>{"missing_attachment"});
    CHECK_CONTAINS(c.problems[0].message, a.letter.attachments[0].path);
    CHECK_FALSE(c.problems[0].repairable);
}

TEST_CASE("leftover document folders are listed, and the repair moves them to .trash") {
    Office o;
    Request a = o.request("simpus");
    stdfs::create_directories(o.dir / "documents" / a.id);               // a request's: fine
    stdfs::create_directories(o.dir / "documents/HST-2026-0009/letter"); // no record
    spit(o.dir / "documents/HST-2026-0009/letter/surat.pdf", "orphan");
    stdfs::create_directories(o.dir / "documents/notes"); // not a request's name
    stdfs::create_directories(o.dir / "documents/.staging/999999999.0000abcd/letter");
    stdfs::create_directories(o.dir / fmt::format("documents/.staging/{}.live", ::getpid()));
    auto before = records(o);

    StoreCheck c = o.check();
    REQUIRE(kinds(c.problems) == std::vector<std::string>{"staged_documents", "orphan_documents"});
    CHECK(c.problems[0].path == "documents/.staging/999999999.0000abcd");
    CHECK(c.problems[1].path == "documents/HST-2026-0009");
    CHECK(c.problems[0].repairable);
    CHECK(c.problems[1].repairable);

    StoreCheck r = repair_store(*o.store, unit::caller().now());
    CHECK(r.clean());
    REQUIRE(r.repaired.size() == 2);
    const std::string today = Timestamp::at(unit::caller().now(), o.store->tz()).local_date().iso();
    CHECK(r.repaired[1].action == fmt::format("moved to .trash/{}/documents/HST-2026-0009", today));
    CHECK(slurp(o.dir / ".trash" / today / "documents/HST-2026-0009/letter/surat.pdf") == "orphan");
    CHECK(stdfs::exists(o.dir / ".trash" / today / "documents/.staging/999999999.0000abcd"));
    CHECK(stdfs::exists(o.dir / "documents" / a.id));
    CHECK(stdfs::exists(o.dir / "documents/notes"));
    CHECK(stdfs::exists(o.dir / fmt::format("documents/.staging/{}.live", ::getpid())));
    CHECK(records(o) == before);
    CHECK(o.check().clean());
}

TEST_CASE("a damaged or misfiled record keeps its documents") {
    Office o;
    Request a = o.request("simpus");
    stdfs::create_directories(o.dir / "documents" / a.id / "letter");
    o.newer(a.id);
    StoreCheck c = o.check();
    CHECK(kinds(c.problems) == std::vector<std::string>{"damaged"});
    stdfs::create_directories(o.dir / "requests/2025");
    stdfs::rename(o.file(a.id), o.dir / "requests/2025" / (a.id + ".yaml"));
    c = repair_store(*o.store, unit::caller().now());
    CHECK(kinds(c.problems) == std::vector<std::string>{"damaged"});
    CHECK_CONTAINS(c.problems[0].message, "filed under 2025/");
    CHECK(c.repaired.empty());
    CHECK(stdfs::exists(o.dir / "documents" / a.id / "letter"));
}

TEST_CASE("a cached row that disagrees with its file; the repair rebuilds the cache") {
    Office o;
    Request a = o.request("simpus");
    o.request("eoffice");
    const int64_t later = unit::caller().now() + 3600; // every file old enough to cache
    list_requests(*o.store, later);
    const stdfs::path cache = o.dir / ".cache/requests.idx";
    std::string text = slurp(cache);
    auto pos = text.find("\treceived\t");
    REQUIRE(pos != std::string::npos);
    spit(cache, text.replace(pos, 10, "\tdisposed\t"));
    auto before = records(o);

    StoreCheck c = o.check();
    REQUIRE(kinds(c.problems) == std::vector<std::string>{"cache"});
    CHECK(c.problems[0].path == ".cache/requests.idx");
    CHECK_CONTAINS(c.problems[0].message, "'disposed'");
    CHECK(c.problems[0].repairable);

    StoreCheck r = repair_store(*o.store, unit::caller().now());
    CHECK(r.clean());
    REQUIRE(r.repaired.size() == 1);
    CHECK(o.check().clean());
    for (const auto& s : list_requests(*o.store, later).items)
        CHECK(s.status == "received");
    CHECK(records(o) == before);
    (void)a;
}

TEST_SUITE_END();
