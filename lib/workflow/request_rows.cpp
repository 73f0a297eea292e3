#include "workflow/request_rows.hpp"

#include "store/codec.hpp"
#include "store/row_cache.hpp"
#include "util/error.hpp"
#include "util/fs.hpp"
#include "util/i18n.hpp"
#include "workflow/sla.hpp"
#include "workflow/workflow.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace hostingctl {

namespace {

constexpr size_t kFields = 13;

std::vector<std::string> fields_of(RequestSummary&& s) {
    std::vector<std::string> f;
    f.reserve(kFields);
    for (std::string* x :
         {&s.id, &s.status, &s.agency, &s.officer, &s.domain, &s.app, &s.received_at, &s.last_at,
          &s.letter_number, &s.subject, &s.clock, &s.server, &s.contact})
        f.push_back(std::move(*x));
    return f;
}

RequestSummary summary_of(std::vector<std::string>&& f, std::string path) {
    RequestSummary s;
    s.path = std::move(path);
    std::string* out[kFields] = {&s.id,    &s.status,      &s.agency,  &s.officer,       &s.domain,
                                 &s.app,   &s.received_at, &s.last_at, &s.letter_number, &s.subject,
                                 &s.clock, &s.server,      &s.contact};
    for (size_t i = 0; i < kFields; ++i)
        *out[i] = std::move(f[i]);
    return s;
}

} // namespace

RequestSummary summarize(const Request& r, const std::string& relpath) {
    RequestSummary s;
    s.id = r.id;
    s.path = relpath;
    s.status = to_string(derive_status(r.events));
    s.agency = r.agency;
    s.officer = assigned_officer(r.events);
    s.domain = r.hosting.domain;
    s.app = to_string(r.hosting.app);
    s.received_at = r.letter.received_at.iso();
    s.last_at = r.events.empty() ? s.received_at : r.events.back().at.iso();
    s.letter_number = r.letter.number;
    s.subject = r.letter.subject;
    s.clock = encode_sla_input(sla_input(r));
    s.server = site_server(r);
    for (const std::string* c : {&r.contact.name, &r.contact.phone, &r.contact.email})
        if (!c->empty())
            s.contact += (s.contact.empty() ? "" : " ") + *c;
    return s;
}

namespace {

// A failed run that kept something (--keep-partial): an action done.
bool kept_some(const Event& e) {
    for (const auto& [key, v] : e.data)
        if (key == "actions")
            for (const auto& a : v.items)
                if (a.get("outcome") == "done")
                    return true;
    return false;
}

} // namespace

std::string site_server(const Request& r) {
    const auto events = in_effect(r.events);
    for (auto e = events.rbegin(); e != events.rend(); ++e) {
        if (e->action == "provision")
            return e->get("server");
        if (e->action != "provision_result")
            continue;
        const std::string outcome = e->get("outcome");
        if (outcome == "changed" || outcome == "unchanged" ||
            (outcome == "failed" && kept_some(*e)))
            return e->get("server");
    }
    return {};
}

RowSource request_row_source(const Store& store) {
    const TimeZone& tz = store.tz();
    RowSource src;
    src.dir = "requests";
    src.name = "requests.idx";
    src.layout = "request-5"; // bump when the fields below change meaning
    src.fields = kFields;
    src.row = [&tz](const stdfs::path& file, const std::string& rel) {
        Request r = decode_request(file, fs::read_file(file), tz);
        std::string name = file.filename().string();
        check_record_id(file, r.id, name.substr(0, name.size() - 5));
        RequestSummary s;
        try {
            s = summarize(r, rel);
        } catch (const Error& e) {
            throw Error(Exit::damaged, trf("{}: damaged: {}", file.string(), e.what()));
        }
        return fields_of(std::move(s));
    };
    return src;
}

RequestList list_requests(const Store& store, int64_t now) {
    RowScan scan = scan_rows(store.root(), request_row_source(store), now);
    RequestList out;
    out.problems = std::move(scan.problems);
    out.parsed = scan.parsed;
    // Sorted by id through pointers: moving whole rows around costs more.
    std::vector<Row*> order;
    order.reserve(scan.rows.size());
    for (Row& row : scan.rows)
        order.push_back(&row);
    std::sort(order.begin(), order.end(),
              [](const Row* a, const Row* b) { return a->fields[0] < b->fields[0]; });
    out.items.reserve(order.size());
    for (Row* row : order)
        out.items.push_back(summary_of(std::move(row->fields), std::move(row->rel)));
    return out;
}

} // namespace hostingctl
