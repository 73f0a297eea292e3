#include "workflow/request_view.hpp"

namespace hostingctl {

Json next_json(Status s) {
    auto step = expected_next(s);
    if (!step || s == Status::none)
        return nullptr;
    const StepRule& r = rule(*step);
    Json j = Json::object();
    j["step"] = r.name;
    j["sop_step"] = r.sop;
    Json roles = Json::array();
    for (Role role : r.roles)
        roles.push(to_string(role));
    j["roles"] = roles;
    j["summary"] = r.summary;
    return j;
}

Json next_json(Status s, const std::string& officer, const std::vector<StaffMember>& staff) {
    Json j = next_json(s);
    if (j.is_null())
        return j;
    Json people = Json::array();
    for (const StaffMember* m : next_people(s, officer, staff)) {
        Json p = Json::object();
        p["id"] = m->id;
        p["name"] = m->name;
        people.push(p);
    }
    j["people"] = people;
    return j;
}

Json event_json(const Event& e) {
    Json j = Json::object();
    j["action"] = e.action;
    j["at"] = e.at.iso();
    j["by"] = e.by;
    j["recorded_by"] = e.recorded_by;
    j["note"] = text_or_null(e.note);
    j["data"] = to_json(Value::map(e.data)); // an empty before/after of amend is null
    return j;
}

Json request_json(const Request& r, const std::vector<Agency>& agencies,
                  const std::optional<Sla>& sla) {
    Status st = derive_status(r.events);
    Json j = Json::object();
    j["id"] = r.id;
    j["status"] = to_string(st);
    j["agency"] = r.agency;
    std::string agency_name;
    for (const auto& a : agencies)
        if (a.code == r.agency)
            agency_name = a.name;
    j["agency_name"] = text_or_null(agency_name);
    j["domain"] = r.hosting.domain;
    j["officer"] = text_or_null(assigned_officer(r.events));
    j["last_at"] = r.events.back().at.iso();
    j["next"] = next_json(st);
    Json allowed = Json::array();
    for (Step s : allowed_steps(st))
        allowed.push(rule(s).name);
    j["allowed"] = allowed;

    Json letter = Json::object();
    letter["number"] = r.letter.number;
    letter["date"] = r.letter.date.iso();
    letter["subject"] = r.letter.subject;
    letter["received_at"] = r.letter.received_at.iso();
    Json atts = Json::array();
    for (const auto& a : r.letter.attachments) {
        Json aj = Json::object();
        aj["name"] = a.name;
        aj["path"] = a.path;
        aj["size"] = static_cast<long long>(a.size);
        atts.push(aj);
    }
    letter["attachments"] = atts;
    j["letter"] = letter;

    Json contact = Json::object();
    contact["name"] = text_or_null(r.contact.name);
    contact["phone"] = text_or_null(r.contact.phone);
    contact["email"] = text_or_null(r.contact.email);
    j["contact"] = contact;

    Json hosting = Json::object();
    hosting["domain"] = r.hosting.domain;
    hosting["app"] = to_string(r.hosting.app);
    hosting["php_version"] = r.hosting.app == AppKind::php ? Json(r.hosting.php_version) : Json();
    hosting["upstream_port"] =
        r.hosting.app == AppKind::proxy ? Json(r.hosting.upstream_port) : Json();
    hosting["database"] = r.hosting.database;
    hosting["disk_quota_mb"] = r.hosting.disk_quota_mb;
    j["hosting"] = hosting;
    j["sla"] = sla ? sla_json(*sla) : Json();

    Json events = Json::array();
    const auto back = taken_back(r.events);
    for (size_t i = 0; i < r.events.size(); ++i) {
        Json ej = event_json(r.events[i]);
        ej["taken_back"] = back[i] && !is(r.events[i], Action::revert);
        events.push(ej);
    }
    j["events"] = events;
    return j;
}

Json summary_json(const RequestSummary& s, const std::optional<Sla>& sla) {
    Json j = Json::object();
    j["id"] = s.id;
    j["status"] = s.status;
    j["agency"] = s.agency;
    j["domain"] = s.domain;
    j["officer"] = text_or_null(s.officer);
    j["last_at"] = s.last_at;
    Json letter = Json::object();
    letter["number"] = s.letter_number;
    letter["subject"] = s.subject;
    letter["received_at"] = s.received_at;
    j["letter"] = letter;
    Json hosting = Json::object();
    hosting["app"] = s.app;
    j["hosting"] = hosting;
    auto st = parse_status(s.status);
    j["next"] = st ? next_json(*st) : Json();
    j["sla"] = sla ? sla_json(*sla) : Json();
    return j;
}

} // namespace hostingctl
