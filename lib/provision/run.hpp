#pragma once
// Running plans: checks, then applies, then verifies, each phase as one
// batch per run of consecutive actions on a server (a 10-action plan on a
// web server and a DNS server is a handful of round trips, not dozens).
// A failure undoes what this run applied, in reverse, unless the caller
// keeps it; a re-run after any failure checks first and completes.
//
// Several plans on one web server run as one batch (run_plans): every
// site's actions of a stage before the next stage, one config test and one
// reload per server, the DNS records of a zone as one change.  A plan
// whose checks fail (a name in use, a file written by hand) is left out and
// the others go on; a failure after the checks undoes the whole batch.
#include "provision/plan.hpp"
#include "ssh/shell.hpp"
#include "util/error.hpp"

#include <functional>
#include <string>
#include <vector>

namespace hostingctl {

// The exit status of an apply script that found its file changed since the
// check read it: the runner checks again and retries.
inline constexpr int kChangedSinceRead = 75;

struct RunOptions {
    bool dry_run = false;      // checks only: nothing is written
    bool keep_partial = false; // on failure, leave what was applied
    // Told each phase as it starts ("checking", "applying", ..., in the
    // language of messages), for progress on a terminal.
    std::function<void(const std::string& phase)> progress;
};

// The shell of a server (opened on first use, kept for the run).
using ShellOf = std::function<ssh::Shell&(const std::string& server)>;

struct RunResult {
    bool ok = false;
    bool changed = false; // something was applied (and kept)
    std::string error;    // what failed, for the message
    std::string hint;     // what to do about it, when known
    Exit code = Exit::ok; // its exit code (remote 9, host key 10, ...)
};

// Sets every action's outcome and detail.  Never throws for a remote
// failure: it is in the result.
RunResult run_plan(Plan& plan, const ShellOf& shell_of, const RunOptions& opt);

// The result of each plan, in order.
std::vector<RunResult> run_plans(const std::vector<Plan*>& plans, const ShellOf& shell_of,
                                 const RunOptions& opt);

} // namespace hostingctl
