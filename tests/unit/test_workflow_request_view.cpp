// The JSON shapes of `request show --json` and `request list --json`.
// Scripts rely on these keys and values.
#include "support.hpp"
#include "workflow/request_view.hpp"

using namespace hostingctl;
using unit::add_event;
using unit::sample_request;

TEST_CASE("next: the step the standard expects, its SOP number and who takes it") {
    CHECK(next_json(Status::received).dump(-1) ==
          R"({"step": "dispose", "sop_step": 2, "roles": ["kepala_dinas"], )"
          R"("summary": "Head of Office writes the disposition"})");
    CHECK_CONTAINS(next_json(Status::submitted).dump(-1), R"("step": "forward", "sop_step": 6)");
    CHECK_CONTAINS(next_json(Status::delivered).dump(-1), R"("step": "complete", "sop_step": 9)");
    CHECK_CONTAINS(next_json(Status::incomplete).dump(-1), R"("step": "resume")");
    // Nothing is next for a closed request, nor before one exists.
    for (Status s : {Status::completed, Status::rejected, Status::cancelled, Status::none})
        CHECK(next_json(s).is_null());
}

TEST_CASE("a request in JSON") {
    Request r = sample_request("HST-2026-0001", "simpus.pekalongankota.go.id");
    r.hosting.app = AppKind::php;
    r.hosting.php_version = "8.2";
    r.contact = {"Budi \"Dinkes\"", "(0285) 421243", ""};
    add_event(r, "dispose");
    add_event(r, "assign", {{"officer", "budi"}});
    std::vector<Agency> agencies = {{"dinkes", "Dinas Kesehatan", "", "", "", ""}};

    std::string json = request_json(r, agencies).dump(-1);
    CHECK(json.starts_with(R"({"id": "HST-2026-0001", "status": "assigned", "agency": "dinkes", )"
                           R"("agency_name": "Dinas Kesehatan", )"
                           R"("domain": "simpus.pekalongankota.go.id", "officer": "budi", )"));
    CHECK_CONTAINS(json, R"("next": {"step": "verify", "sop_step": 4)");
    CHECK_CONTAINS(json, R"("allowed": ["assign", "verify", "incomplete", "reject", "cancel"])");
    CHECK_CONTAINS(json, R"("received_at": "2026-11-23T09:15:00+07:00")");
    CHECK_CONTAINS(json, R"("date": "2026-11-20")");
    CHECK_CONTAINS(json, R"("attachments": [])");
    CHECK_CONTAINS(json, R"("name": "Budi \"Dinkes\"")");
    CHECK_CONTAINS(json, R"("app": "php", "php_version": "8.2", "upstream_port": null)");
    CHECK_CONTAINS(json, R"("database": false, "disk_quota_mb": 1024)");
    CHECK_CONTAINS(json, R"({"action": "assign", "at": "2026-11-23T11:15:00+07:00", )"
                         R"("by": "budi", "recorded_by": "budi", "note": null, )"
                         R"("data": {"officer": "budi"}, "taken_back": false})");

    SUBCASE("an agency missing from agencies.yaml gives no name (null), not an error") {
        CHECK_CONTAINS(request_json(r, {}).dump(-1), R"("agency_name": null)");
    }
    SUBCASE("a closed request has no next step and nothing allowed") {
        add_event(r, "cancel", {{"reason", "ditarik"}});
        std::string closed = request_json(r, agencies).dump(-1);
        CHECK_CONTAINS(closed, R"("status": "cancelled")");
        CHECK_CONTAINS(closed, R"("next": null, "allowed": [])");
    }
}

TEST_CASE("a list row in JSON has the key paths of request show") {
    RequestSummary s;
    s.id = "HST-2026-0002";
    s.status = "disposed";
    s.agency = "disdik";
    s.domain = "sipd.pekalongankota.go.id";
    s.app = "static";
    s.received_at = "2026-11-23T09:15:00+07:00";
    s.last_at = "2026-11-23T10:15:00+07:00";
    s.letter_number = "005/1";
    s.subject = "tab\tin subject";
    std::string json = summary_json(s).dump(-1);
    CHECK(json.starts_with(
        R"({"id": "HST-2026-0002", "status": "disposed", "agency": "disdik", )"
        R"("domain": "sipd.pekalongankota.go.id", "officer": null, )"
        R"("last_at": "2026-11-23T10:15:00+07:00", "letter": {"number": "005/1", )"
        R"("subject": "tab\tin subject", "received_at": "2026-11-23T09:15:00+07:00"}, )"
        R"("hosting": {"app": "static"}, "next": {"step": "assign")"));
}
