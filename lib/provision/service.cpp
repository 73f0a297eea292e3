#include "provision/service.hpp"

#include "provision/servers.hpp"
#include "ssh/session.hpp"
#include "store/store.hpp"
#include "util/error.hpp"
#include "util/fs.hpp"
#include "workflow/service.hpp"
#include "workflow/workflow.hpp"

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <fmt/format.h>
#include <map>
#include <memory>
#include <unistd.h>

namespace hostingctl {

namespace stdfs = std::filesystem;

namespace {

// A lease file .leases/<id> holding "PID HOST", created exclusively.
class Lease {
  public:
    Lease(const Store& store, const std::string& id) : path_(store.root() / ".leases" / id) {
        std::error_code ec;
        stdfs::create_directories(path_.parent_path(), ec);
        char host[256] = {};
        ::gethostname(host, sizeof host - 1);
        const std::string mine = fmt::format("{} {}\n", ::getpid(), host);
        for (int attempt = 0; attempt < 2; ++attempt) {
            try {
                fs::atomic_create(path_, mine, 0644);
                return;
            } catch (const Error& e) {
                if (e.code() != Exit::conflict)
                    throw;
            }
            // Held: by a live process here or elsewhere, or left by a dead one.
            std::string held;
            try {
                held = fs::read_file(path_);
            } catch (const Error&) {
                continue;
            }
            long pid = 0;
            char other[256] = {};
            if (std::sscanf(held.c_str(), "%ld %255s", &pid, other) == 2 &&
                other == std::string(host) && pid > 0 && ::kill(static_cast<pid_t>(pid), 0) != 0 &&
                errno == ESRCH) {
                stdfs::remove(path_, ec); // its process is gone: take it over
                continue;
            }
            throw Error(
                Exit::conflict,
                fmt::format("{} is being provisioned right now (process {} on {})", id, pid, other),
                "wait for it to finish, then run again: a second run checks and changes "
                "only what is missing");
        }
        throw Error(Exit::conflict, fmt::format("cannot take the provisioning lease of {}", id));
    }
    ~Lease() {
        std::error_code ec;
        stdfs::remove(path_, ec);
    }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;

  private:
    stdfs::path path_;
};

Value outcome_value(const Plan& plan, const RunResult& res) {
    Value::List actions;
    for (const auto& a : plan.actions) {
        Value::Map m = {{"action", Value(a.name)},
                        {"server", Value(a.server)},
                        {"outcome", Value(to_string(a.outcome))}};
        if (!a.detail.empty())
            m.emplace_back("detail", Value(a.detail));
        actions.push_back(Value::map(std::move(m)));
    }
    (void)res;
    return Value::list(std::move(actions));
}

} // namespace

ProvisionReport provision_request(const Store& store, const ProvisionInput& in,
                                  const Caller& caller) {
    StepInput step;
    step.step = Step::provision;
    step.id = in.id;
    step.by = in.by;
    step.mode = "ssh";
    step.data["server"] = in.server;
    // 1. Under the lock: may this be done now, and by whom?  A request
    // provisioned already may be run again (it checks, and completes).
    Request r = read_request(store, in.id);
    const Status status = derive_status(r.events);
    const bool first = status != Status::provisioned && status != Status::submitted &&
                       status != Status::forwarded && status != Status::approved &&
                       status != Status::delivered && status != Status::completed;
    if (first)
        r = check_step(store, step, caller);
    const Inventory inv = read_inventory(store);
    auto agencies = store.agencies();
    const Agency& agency = find_agency(agencies, r.agency);
    const Date today = Timestamp::at(caller.now(), store.tz()).local_date();

    ProvisionReport rep;
    rep.plan = build_plan(store, r, agency, inv, in.server, today);

    // 2. The lease, then the servers, without the store lock.
    std::unique_ptr<Lease> lease;
    if (!in.run.dry_run)
        lease = std::make_unique<Lease>(store, r.id);
    std::map<std::string, std::unique_ptr<ssh::SshShell>> shells;
    auto shell_of = [&](const std::string& name) -> ssh::Shell& {
        auto& sh = shells[name];
        if (!sh)
            sh = ssh::SshShell::open(ssh_target(store, *inv.find(name)));
        return *sh;
    };
    rep.result = run_plan(rep.plan, shell_of, in.run);
    if (in.run.dry_run)
        return rep;

    // 3. The outcome, under the lock.
    Event e;
    e.action = "provision_result";
    e.data.emplace_back("server", Value(in.server));
    bool applied = false; // something was applied, and kept or undone
    for (const auto& a : rep.plan.actions)
        applied |= !a.verify && (a.outcome == Outcome::done || a.outcome == Outcome::undone);
    e.data.emplace_back("outcome",
                        Value(rep.result.ok ? (rep.result.changed ? "changed" : "unchanged")
                              : !applied || in.run.keep_partial ? "failed"
                                                                : "undone"));
    e.data.emplace_back("actions", outcome_value(rep.plan, rep.result));
    if (!rep.plan.site.database.empty()) // never its password
        e.data.emplace_back("database", Value::map({{"name", Value(rep.plan.site.database)},
                                                    {"user", Value(rep.plan.site.database_user)},
                                                    {"host", Value(rep.plan.site.database_host)}}));
    if (!rep.result.ok)
        e.data.emplace_back("error", Value(rep.result.error));
    record_event(store, r.id, std::move(e), caller);
    if (rep.result.ok && first) {
        perform_step(store, step, caller);
        rep.stepped = true;
    }
    return rep;
}

} // namespace hostingctl
