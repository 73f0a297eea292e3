#include "provision/service.hpp"

#include "provision/servers.hpp"
#include "ssh/session.hpp"
#include "store/store.hpp"
#include "util/error.hpp"
#include "util/fs.hpp"
#include "util/i18n.hpp"
#include "util/text.hpp"
#include "workflow/request_rows.hpp"
#include "workflow/service.hpp"
#include "workflow/workflow.hpp"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <fmt/format.h>
#include <map>
#include <memory>
#include <mutex>
#include <thread>
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
            // TRANSLATORS: a request, a process number and a machine.
            throw Error(Exit::conflict,
                        trf("{} is being provisioned right now (process {} on {})", id, pid, other),
                        tr("wait for it to finish, then run again: a second run checks and changes "
                           "only what is missing"));
        }
        throw Error(Exit::conflict, trf("cannot take the provisioning lease of {}", id));
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

// Action names and outcomes are stored as they are (never translated).
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

namespace {

bool provisioned_before(Status s) {
    return s == Status::provisioned || s == Status::submitted || s == Status::forwarded ||
           s == Status::approved || s == Status::delivered || s == Status::completed;
}

// The sites each web server holds, by the store: the requests whose site
// stands there (site_server).
std::map<std::string, int> sites_by_server(const RequestList& listed) {
    std::map<std::string, int> n;
    for (const auto& row : listed.items)
        if (!row.server.empty())
            ++n[row.server];
    return n;
}

// Whether web server `s` runs what request `r` needs, as build_plan asks
// it: an address for the DNS record, PHP (of the version asked), a
// database.
bool fits(const Server& s, const Request& r) {
    if (!s.web || s.public_ip.empty())
        return false;
    if (r.hosting.app == AppKind::php &&
        (s.web->php.empty() ||
         (!r.hosting.php_version.empty() && r.hosting.php_version != s.web->php)))
        return false;
    return !r.hosting.database || s.database.has_value();
}

// Where a request goes, and whether that places a new site there (which
// counts against the server's room once its plan is built).
struct Placement {
    std::string server;
    bool new_site = false;
};

// The web server of a request: where its site stands (a site is never
// made a second time elsewhere: --server naming another is refused, unless
// that server has left servers.yaml), else the one asked for, else the web
// server with the most room (capacity less the sites it holds, counting
// those placed by this command) of those that run what the request needs.
// `warning` says when an asked server is full or a site's server is gone.
Placement server_for(const Request& r, const Inventory& inv, const std::string& asked,
                     const std::map<std::string, int>& load, std::string& warning) {
    auto held_by = [&](const std::string& name) {
        auto it = load.find(name);
        return it == load.end() ? 0 : it->second;
    };
    const std::string held = site_server(r);
    if (!held.empty() && inv.find(held)) {
        if (!asked.empty() && asked != held)
            throw Error(
                Exit::refused,
                trf("{} has its site on {} already; it is not made again on {}", r.id, held, asked),
                trf("run it without --server (or with --server {}); a site is "
                    "moved to another server by hand",
                    held));
        return {held, false};
    }
    if (!held.empty()) {
        // Its server is gone from the inventory (retired, its sites moved
        // by hand): it goes where the officer says.
        if (asked.empty())
            throw Error(
                Exit::refused,
                trf("{} had its site on {}, which is no longer in servers.yaml", r.id, held),
                tr("say where it is now (or is to be made) with --server NAME"));
        warning = trf("its site was on {}, which is no longer in servers.yaml", held);
        return {asked, true};
    }
    if (!asked.empty()) {
        if (const Server* s = inv.find(asked); s && s->web && held_by(asked) >= s->web->capacity)
            // TRANSLATORS: a server, the sites it holds, and how many it takes.
            warning = trf("{} holds {} sites already, its capacity is {}", asked, held_by(asked),
                          s->web->capacity);
        return {asked, true};
    }
    std::vector<std::string> web, fit;
    const Server* best = nullptr;
    for (const auto& s : inv.servers) {
        if (!s.web)
            continue;
        web.push_back(s.name);
        if (!fits(s, r))
            continue;
        fit.push_back(s.name);
        const int room = s.web->capacity - held_by(s.name);
        if (room > 0 && (!best || room > best->web->capacity - held_by(best->name)))
            best = &s;
    }
    if (best)
        return {best->name, true};
    if (web.empty())
        throw Error(Exit::usage, tr("servers.yaml has no web server"),
                    tr("add one with 'hostingctl server add NAME --host ... --web nginx'"));
    if (fit.empty()) {
        std::vector<std::string> needs;
        if (r.hosting.app == AppKind::php)
            needs.push_back(r.hosting.php_version.empty() ? "PHP" : "PHP " + r.hosting.php_version);
        if (r.hosting.database)
            needs.emplace_back(tr("a database"));
        needs.emplace_back(tr("a public_ip for its DNS record"));
        // TRANSLATORS: a request, then what it needs ("PHP 8.2, a database, ...").
        throw Error(Exit::refused,
                    trf("no web server in servers.yaml has what {} needs: {}", r.id,
                        text::join(needs, ", ")),
                    tr("see 'hostingctl server list'; 'hostingctl server edit NAME' adds what is "
                       "missing"));
    }
    throw Error(
        Exit::refused,
        trf("every web server that could take {} is full ({})", r.id, text::join(fit, ", ")),
        tr("raise a capacity with 'hostingctl server edit NAME --capacity N', or name the "
           "server with --server NAME"));
}

void record_outcome(const Store& store, ProvisionReport& rep, const ProvisionInput& in,
                    const Caller& caller, bool first) {
    Event e;
    e.action = "provision_result";
    e.data.emplace_back("server", Value(rep.plan.site.server));
    bool applied = false; // something was applied, and kept or undone
    for (const auto& a : rep.plan.actions)
        applied |= !a.verify && (a.outcome == Outcome::done || a.outcome == Outcome::undone);
    e.data.emplace_back("outcome",
                        Value(rep.result.ok ? (rep.result.changed ? "changed" : "unchanged")
                              : !applied || in.run.keep_partial ? "failed"
                                                                : "undone"));
    e.data.emplace_back("actions", outcome_value(rep.plan, rep.result));
    // What the site is made of, and where (request show prints it).
    {
        const Site& s = rep.plan.site;
        Value::Map site = {{"url", Value(s.url)},
                           {"user", Value(s.user)},
                           {"root", Value(s.root)},
                           {"vhost", Value(s.vhost_file)}};
        if (!s.pool_file.empty())
            site.emplace_back("php_pool", Value(s.pool_file));
        site.emplace_back("zone", Value(s.zone));
        site.emplace_back("dns_server", Value(s.dns_server));
        e.data.emplace_back("site", Value::map(std::move(site)));
    }
    if (!rep.plan.site.database.empty()) // never its password
        e.data.emplace_back("database", Value::map({{"name", Value(rep.plan.site.database)},
                                                    {"user", Value(rep.plan.site.database_user)},
                                                    {"host", Value(rep.plan.site.database_host)}}));
    if (!rep.result.ok)
        e.data.emplace_back("error", Value(rep.result.error));
    record_event(store, rep.id, std::move(e), caller);
    if (rep.result.ok && first) {
        StepInput step;
        step.step = Step::provision;
        step.id = rep.id;
        step.by = in.by;
        step.mode = "ssh";
        step.data["server"] = rep.plan.site.server;
        perform_step(store, step, caller);
        rep.stepped = true;
    }
}

void failed(ProvisionReport& rep, const Error& e) {
    rep.result.ok = false;
    rep.result.code = e.code();
    rep.result.error = e.what();
    rep.result.hint = e.hint();
}

} // namespace

std::vector<ProvisionReport> provision_requests(const Store& store, const ProvisionInput& in,
                                                const Caller& caller) {
    // 1. Which requests, each checked and planned under the lock.
    std::vector<std::string> ids;
    for (const auto& id : in.ids)
        if (std::find(ids.begin(), ids.end(), id) == ids.end())
            ids.push_back(id);
    if (in.all_verified) {
        RequestList all = list_requests(store, caller.now());
        if (!all.problems.empty())
            throw Error(Exit::damaged,
                        trf("the requests cannot all be read: {}", all.problems.front()),
                        tr("'hostingctl store check' lists every problem of the store"));
        for (const auto& row : all.items)
            if (row.status == to_string(Status::verified) &&
                std::find(ids.begin(), ids.end(), row.id) == ids.end())
                ids.push_back(row.id);
    }
    // Every number named must be a request: a typing error stops the
    // command before anything is done.
    std::map<std::string, Request> read;
    for (const auto& id : ids)
        try {
            read.emplace(id, read_request(store, id));
        } catch (const Error& e) {
            if (e.code() == Exit::not_found || e.code() == Exit::invalid || e.code() == Exit::usage)
                throw;
        }
    // Every plan checks that no other live request holds its name: the
    // list is read once for all of them.
    const RequestList listed = list_requests(store, 0);
    auto told_all = [&](const std::string& phase) {
        if (in.progress)
            in.progress("", ids.size(), phase);
    };
    // TRANSLATORS: phases of provisioning, printed as they start.
    told_all(tr("planning"));
    const Inventory inv = read_inventory(store);
    auto agencies = store.agencies();
    const Date today = Timestamp::at(caller.now(), store.tz()).local_date();
    std::vector<ProvisionReport> reps(ids.size());
    std::vector<bool> first(ids.size(), false);
    std::map<std::string, int> load = sites_by_server(listed);
    for (size_t i = 0; i < ids.size(); ++i) {
        ProvisionReport& rep = reps[i];
        rep.id = ids[i];
        try {
            auto known = read.find(ids[i]);
            Request r = known != read.end() ? known->second : read_request(store, ids[i]);
            rep.id = r.id;
            const Placement place = server_for(r, inv, in.server, load, rep.warning);
            const std::string& server = place.server;
            // A request provisioned already may be run again (it checks,
            // and completes).
            first[i] = !provisioned_before(derive_status(r.events));
            if (first[i]) {
                StepInput step;
                step.step = Step::provision;
                step.id = r.id;
                step.by = in.by;
                step.mode = "ssh";
                step.data["server"] = server;
                r = check_step(store, step, caller);
            }
            rep.plan =
                build_plan(store, r, find_agency(agencies, r.agency), inv, server, today, &listed);
            rep.planned = true;
            if (place.new_site)
                ++load[server];
        } catch (const Error& e) {
            if (e.code() == Exit::usage) // no server named and none to choose: for all
                throw;
            failed(rep, e);
        }
    }

    // 2. The leases, then the servers, without the store lock: one batch
    // per web server, several servers at once.
    std::vector<std::unique_ptr<Lease>> leases;
    std::map<std::string, std::vector<size_t>> by_server;
    for (size_t i = 0; i < reps.size(); ++i) {
        if (!reps[i].planned)
            continue;
        if (!in.run.dry_run) {
            try {
                leases.push_back(std::make_unique<Lease>(store, reps[i].id));
            } catch (const Error& e) {
                reps[i].planned = false;
                failed(reps[i], e);
                continue;
            }
        }
        by_server[reps[i].plan.site.server].push_back(i);
    }
    std::mutex told;
    auto run_server = [&](const std::string& server, const std::vector<size_t>& idx) {
        std::map<std::string, std::unique_ptr<ssh::SshShell>> shells;
        auto shell_of = [&](const std::string& name) -> ssh::Shell& {
            auto& sh = shells[name];
            if (!sh)
                sh = ssh::SshShell::open(ssh_target(store, *inv.find(name)));
            return *sh;
        };
        RunOptions opt = in.run;
        opt.progress = [&](const std::string& phase) {
            if (in.progress) {
                std::lock_guard<std::mutex> g(told);
                in.progress(server, idx.size(), phase);
            }
        };
        std::vector<Plan*> plans;
        for (size_t i : idx)
            plans.push_back(&reps[i].plan);
        std::vector<RunResult> results;
        try {
            results = run_plans(plans, shell_of, opt);
        } catch (const std::exception& e) {
            RunResult r;
            r.code = Exit::remote;
            r.error = e.what();
            results.assign(idx.size(), r);
        }
        for (size_t j = 0; j < idx.size(); ++j)
            reps[idx[j]].result = results[j];
        opt.progress(tr("done"));
    };
    {
        std::vector<std::pair<std::string, std::vector<size_t>>> work(by_server.begin(),
                                                                      by_server.end());
        std::atomic<size_t> next{0};
        auto worker = [&]() {
            for (size_t w; (w = next++) < work.size();)
                run_server(work[w].first, work[w].second);
        };
        const size_t threads = std::min(work.size(), static_cast<size_t>(std::max(1, in.jobs)));
        std::vector<std::thread> pool;
        for (size_t t = 1; t < threads; ++t)
            pool.emplace_back(worker);
        worker();
        for (auto& t : pool)
            t.join();
    }
    if (in.run.dry_run)
        return reps;

    // 3. The outcomes, under the lock.
    if (!by_server.empty())
        told_all(tr("recording"));
    for (size_t i = 0; i < reps.size(); ++i) {
        if (!reps[i].planned)
            continue;
        try {
            record_outcome(store, reps[i], in, caller, first[i]);
        } catch (const Error& e) {
            const bool done = reps[i].result.ok;
            failed(reps[i], e);
            reps[i].result.error =
                done ? trf("the work was done on the server, but not recorded: {}", e.what())
                     : trf("the work was not done on the server, but not recorded: {}", e.what());
        }
    }
    return reps;
}

} // namespace hostingctl
