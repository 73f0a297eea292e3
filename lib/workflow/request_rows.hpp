#pragma once
// The rows of `request list`, the SLA report and the quarterly report: what
// is kept of each request in the store's row cache (lib/store/row_cache),
// with its derived status, its officer and the inputs of its SLA clock, so
// a listing parses only the files that changed since the last one.
#include "store/row_cache.hpp"
#include "store/store.hpp"

#include <string>
#include <vector>

namespace hostingctl {

struct RequestSummary {
    std::string id;
    std::string path; // relative to the store root
    std::string status;
    std::string agency;
    std::string officer;
    std::string domain;
    std::string app;
    std::string received_at; // ISO 8601 with offset
    std::string last_at;     // time of the last event
    std::string letter_number;
    std::string subject;
    std::string clock;   // SLA inputs, see encode_sla_input in workflow/sla.hpp
    std::string server;  // the web server its site stands on (site_server), or ""
    std::string contact; // the contact's name, phone and e-mail, for `request find`
};

// The web server a request's site stands on: the server of its last
// provisioning that left a site (a provision_result that changed or found
// it complete, or failed and kept what it had done, or the provision step,
// also --manual), else "".
std::string site_server(const Request& r);

struct RequestList {
    std::vector<RequestSummary> items; // sorted by id
    std::vector<std::string> problems; // files that could not be read, one message each
    size_t parsed = 0;                 // files read because the cache had no row for them
};

// The row of one request (throws Error(damaged) when its log does not replay).
RequestSummary summarize(const Request& r, const std::string& relpath);

// All requests of the store through the row cache; `now` (seconds since the
// epoch) decides which files are too recently changed to be cached.
RequestList list_requests(const Store& store, int64_t now);

// The row cache source of requests (.cache/requests.idx): how a request
// file becomes its row.  For checking the cache against the files.
RowSource request_row_source(const Store& store);

} // namespace hostingctl
