#pragma once
// `request provision ID… [--server NAME]`: each request is checked under the
// store lock, a per-request lease is taken (two officers cannot provision
// one request at once; the lease of a process that is gone is taken over),
// the lock is let go, the plan runs on the servers, and the outcome is
// recorded under the lock: a provision_result event with every action's
// outcome and, the first time it succeeds, the provision step itself.
#include "people/people.hpp"
#include "provision/plan.hpp"
#include "provision/run.hpp"

#include <functional>
#include <string>
#include <vector>

namespace hostingctl {

class Store;

struct ProvisionInput {
    std::vector<std::string> ids;
    bool all_verified = false; // and every request waiting for provisioning
    // The web server; empty: where the request was provisioned before,
    // else the inventory's only web server.
    std::string server;
    std::string by;
    RunOptions run; // its progress is not used: see `progress`
    int jobs = 4;   // servers worked on at once
    // Told, from any thread (one call at a time), what a server's batch is
    // doing: "checking", "applying", "verifying", "undoing", "done"; with
    // an empty server, what is done for all: "planning", "recording" (in
    // the language of messages).
    std::function<void(const std::string& server, size_t sites, const std::string& phase)> progress;
};

struct ProvisionReport {
    std::string id;
    bool planned = false; // the plan was built (else only `result` tells why not)
    Plan plan;
    RunResult result;
    bool stepped = false; // the provision step was recorded (status now provisioned)
    std::string warning;  // said before its outcome (a server over its capacity)
};

// One report per request, in the order asked.  The requests are checked and
// their plans built under the store lock; a request that cannot be (a bad
// value, another officer holding its lease: Error(conflict)) fails alone.
// The plans are grouped by web server, one batch and one SSH session per
// server, up to `jobs` servers at once; a failing server does not stop the
// others.  Throws only for what stops every request (a usage error, an
// unreadable inventory).
std::vector<ProvisionReport> provision_requests(const Store& store, const ProvisionInput& in,
                                                const Caller& caller);

} // namespace hostingctl
