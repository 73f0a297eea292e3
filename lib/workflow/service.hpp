#pragma once
// The request operations behind `hostingctl request ...`: validate all input,
// take the store lock, check the transition and the performer's role, then
// append the event and write the file atomically.  Nothing is written when
// any check fails.
#include "people/people.hpp"
#include "store/store.hpp"
#include "workflow/workflow.hpp"

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace hostingctl {

// Loads a request and checks that its log replays; Error(not_found), or
// Error(damaged) naming the file and the line of the event at fault.
Request read_request(const Store& store, std::string_view id);

struct NewRequestInput {
    std::string agency;
    std::string letter_number;
    std::string letter_date; // YYYY-MM-DD
    std::string received_at; // ISO 8601; empty = now
    std::string subject;
    std::string contact_name, contact_phone, contact_email;
    std::string domain;
    std::string app = "static";
    std::string php_version; // default 8.2 for php
    long upstream_port = 0;
    bool database = false;
    std::string quota = "1024";
    std::vector<std::string> attachments; // local files copied into the store
    std::string by;
    std::string note;
};

Request create_request(const Store& store, const NewRequestInput& in, const Caller& caller);

struct StepInput {
    Step step = Step::note;
    std::string mode = "manual"; // provision: "manual" (recorded by hand) or "ssh"
    std::string id;
    std::string by;
    std::string at; // ISO 8601; empty = now
    std::string note;
    // The step's data by key, as model/action.hpp lists them: officer
    // (assign), missing (incomplete), server (provision), via (deliver),
    // reason (reject, cancel).
    std::map<std::string, std::string> data;
};

// Performs one workflow step and returns the updated request.  `before_write`,
// when given, runs under the lock with the step's event appended, before the
// request is written: it may add events (a document's number) or throw to
// refuse the step with nothing written.
Request perform_step(const Store& store, const StepInput& in, const Caller& caller,
                     const std::function<void(Request&)>& before_write = {});

// The request, if `in` may be performed now by the caller (the checks of
// perform_step, under the lock, writing nothing); Error otherwise.
Request check_step(const Store& store, const StepInput& in, const Caller& caller);

// Appends a record-only event (provision_result, document) to a request,
// under the lock.
Request record_event(const Store& store, const std::string& id, Event e, const Caller& caller);

// Server names listed in servers.yaml.
std::vector<std::string> server_names(const Store& store);

} // namespace hostingctl
