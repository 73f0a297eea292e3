#pragma once
// `request provision ID --server NAME`: the request is checked under the
// store lock, a per-request lease is taken (two officers cannot provision
// one request at once; the lease of a process that is gone is taken over),
// the lock is let go, the plan runs on the servers, and the outcome is
// recorded under the lock: a provision_result event with every action's
// outcome and, the first time it succeeds, the provision step itself.
#include "people/people.hpp"
#include "provision/plan.hpp"
#include "provision/run.hpp"

#include <string>

namespace hostingctl {

class Store;

struct ProvisionInput {
    std::string id, server, by;
    RunOptions run;
};

struct ProvisionReport {
    Plan plan;
    RunResult result;
    bool stepped = false; // the provision step was recorded (status now provisioned)
};

// Error(conflict) when another live process holds the request's lease.
ProvisionReport provision_request(const Store& store, const ProvisionInput& in,
                                  const Caller& caller);

} // namespace hostingctl
