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

// `request amend`: corrects details recorded with the letter.  `changes`
// maps an option name without its dashes to the new value: agency,
// letter-number, letter-date, subject, contact-name, contact-phone,
// contact-email (empty clears a contact detail), and the hosting details
// domain, app, php, upstream-port, database (yes/no), quota, which may
// change only before the site is provisioned.  Values equal to what is
// recorded are left out; the event (`amend`) holds each field changed with
// its value before and after.  Returns the request and whether it changed
// (nothing is written when every value is already recorded).
struct AmendInput {
    std::string id;
    std::vector<std::pair<std::string, std::string>> changes; // in the order given
    std::string by;
    std::string reason; // optional, kept as the event's note
};
struct Amended {
    Request request;
    bool changed = false;
};
Amended amend_request(const Store& store, const AmendInput& in, const Caller& caller);

// `request revert`: takes back the last step in effect with a `revert`
// event (nothing is deleted).  Allowed to the performer of that step or
// an admin; not for the letter's recording (cancel the request), nor for a
// provisioning carried out over SSH (the site exists on the server).
// Taking back a rejection or cancellation needs the domain to be free.
struct RevertInput {
    std::string id;
    std::string by;
    std::string reason;
    // Refuses (throws) what a layer above knows of: a survey response to
    // a completion.  Called under the lock with the request and the step.
    std::function<void(const Request&, const Event& step)> check;
};
Request revert_step(const Store& store, const RevertInput& in, const Caller& caller);

// `request attach`: copies files into documents/<id>/letter/ and adds them
// to the letter's attachments with an `attach` event.
struct AttachInput {
    std::string id;
    std::vector<std::string> files;
    std::string by;
    std::string note;
};
Request attach_files(const Store& store, const AttachInput& in, const Caller& caller);

// Server names listed in servers.yaml.
std::vector<std::string> server_names(const Store& store);

} // namespace hostingctl
