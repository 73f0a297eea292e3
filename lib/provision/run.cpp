#include "provision/run.hpp"

#include "util/error.hpp"
#include "util/shell.hpp"
#include "util/text.hpp"

#include <fmt/format.h>
#include <map>

namespace hostingctl {

namespace {

// The last lines of what a batch said on standard error.
std::string said(const std::string& err) {
    auto lines = text::split(std::string(text::trim(err)), '\n');
    if (lines.size() > 6)
        lines.erase(lines.begin(), lines.end() - 6);
    return text::join(lines, " | ");
}

// Runs `script` for `indices` (one server) and returns per index the
// status it printed ("@@hctl IDX STATUS") and the output between its marks.
struct Marked {
    std::map<size_t, int> status;
    std::map<size_t, std::string> out;
    ssh::Result raw;
};

Marked run_marked(ssh::Shell& sh, const std::string& script) {
    Marked m;
    m.raw = sh.run_script(script);
    size_t current = std::string::npos;
    std::string buf;
    for (const auto& line : text::split(m.raw.out, '\n')) {
        if (line.rfind("@@hctl-begin ", 0) == 0) {
            current = std::stoul(line.substr(13));
            buf.clear();
            continue;
        }
        if (line.rfind("@@hctl-end ", 0) == 0) {
            auto f = text::split(line.substr(11), ' ');
            if (f.size() == 2) {
                size_t i = std::stoul(f[0]);
                m.status[i] = std::stoi(f[1]);
                m.out[i] = buf;
            }
            current = std::string::npos;
            continue;
        }
        if (current != std::string::npos)
            buf += line + "\n";
    }
    return m;
}

// One step of a batch: runs `body` in a subshell between marks.  With
// `stop`, a failure ends the batch (the later steps were meant to follow).
std::string step(size_t i, const std::string& body, bool stop) {
    return fmt::format("printf '\\n@@hctl-begin %d\\n' {0}\n( {1}\n)\ns=$?\nprintf '\\n@@hctl-end "
                       "%d %d\\n' {0} $s\n{2}",
                       i, body, stop ? "[ $s = 0 ] || exit 1\n" : "");
}

} // namespace

RunResult run_plan(Plan& plan, const ShellOf& shell_of, const RunOptions& opt) {
    RunResult res;
    auto& acts = plan.actions;
    auto fail = [&](Exit code, std::string msg) {
        res.ok = false;
        res.code = code;
        res.error = std::move(msg);
    };
    // Runs of consecutive actions on one server, in order.
    auto runs = [&](auto&& pick) {
        std::vector<std::pair<std::string, std::vector<size_t>>> out;
        for (size_t i = 0; i < acts.size(); ++i) {
            if (!pick(i))
                continue;
            if (out.empty() || out.back().first != acts[i].server)
                out.push_back({acts[i].server, {}});
            out.back().second.push_back(i);
        }
        return out;
    };
    try {
        // 1. Check everything (no change anywhere yet).
        for (const auto& [server, idx] :
             runs([&](size_t i) { return !acts[i].verify && !acts[i].only_after_change; })) {
            std::string script;
            for (size_t i : idx)
                script += step(i, acts[i].check, false);
            Marked m = run_marked(shell_of(server), script);
            for (size_t i : idx) {
                PlanAction& a = acts[i];
                if (!m.status.count(i)) {
                    fail(Exit::remote, fmt::format("checking '{}' on {} gave no answer: {}", a.name,
                                                   server, said(m.raw.err)));
                    return res;
                }
                const int st = m.status[i];
                if (a.prepare) {
                    if (st > 1) {
                        a.outcome = Outcome::failed;
                        a.detail = said(m.raw.err);
                        fail(Exit::remote, fmt::format("checking '{}' on {} failed: {}", a.name,
                                                       server, a.detail));
                        return res;
                    }
                    a.outcome = a.prepare(a, m.out[i]) ? Outcome::already : Outcome::pending;
                } else if (st == 0) {
                    a.outcome = Outcome::already;
                } else if (st == 1) {
                    a.outcome = Outcome::pending;
                } else {
                    a.outcome = Outcome::failed;
                    a.detail = said(m.raw.err);
                    fail(Exit::remote,
                         fmt::format("checking '{}' on {} failed: {}", a.name, server, a.detail));
                    return res;
                }
            }
        }
        // A reload is due after a change on its server.
        auto settle_reloads = [&]() {
            std::map<std::string, bool> changed;
            for (auto& a : acts) {
                if (a.only_after_change && a.outcome != Outcome::done)
                    a.outcome = changed[a.server] ? Outcome::pending : Outcome::skipped;
                else if (!a.verify && !a.only_after_change && a.outcome == Outcome::pending)
                    changed[a.server] = true;
            }
        };
        settle_reloads();
        if (opt.dry_run) {
            res.ok = true;
            return res;
        }
        // 2. Apply what is to do, in order; the first failure stops.
        std::string failure;
        for (const auto& [server, all_idx] :
             runs([&](size_t i) { return acts[i].outcome == Outcome::pending; })) {
            std::vector<size_t> idx = all_idx;
            int retries = 0;
            while (!idx.empty() && failure.empty()) {
                std::string script;
                for (size_t i : idx)
                    script += step(i, acts[i].apply, true);
                Marked m = run_marked(shell_of(server), script);
                std::vector<size_t> rest;
                for (size_t k = 0; k < idx.size(); ++k) {
                    const size_t i = idx[k];
                    if (!m.status.count(i))
                        break;
                    if (m.status[i] == 0) {
                        acts[i].outcome = Outcome::done;
                        res.changed = true;
                        continue;
                    }
                    // A file that another run changed since it was read (a
                    // zone two officers add to at once): read it again and
                    // redo the action, a few times.
                    if (m.status[i] == kChangedSinceRead && acts[i].prepare && retries < 5) {
                        ++retries;
                        Marked c = run_marked(shell_of(server), step(i, acts[i].check, false));
                        if (acts[i].prepare(acts[i], c.out[i])) {
                            acts[i].outcome = Outcome::already;
                            rest.assign(idx.begin() + static_cast<long>(k) + 1, idx.end());
                        } else {
                            rest.assign(idx.begin() + static_cast<long>(k), idx.end());
                        }
                        break;
                    }
                    acts[i].outcome = Outcome::failed;
                    acts[i].detail = said(m.raw.err);
                    failure =
                        fmt::format("'{}' on {} failed: {}", acts[i].name, server, acts[i].detail);
                    break;
                }
                idx = std::move(rest);
            }
            if (!failure.empty())
                break;
        }
        // 3. Verify: the site answers, the name resolves.
        auto verify = [&]() {
            for (const auto& [server, idx] : runs([&](size_t i) { return acts[i].verify; })) {
                std::string script;
                for (size_t i : idx)
                    script += step(i, acts[i].check, false);
                Marked m = run_marked(shell_of(server), script);
                for (size_t i : idx) {
                    PlanAction& a = acts[i];
                    const bool ok = m.status.count(i) && m.status[i] == 0;
                    a.outcome = ok ? Outcome::done : Outcome::failed;
                    a.detail = ok ? std::string() : std::string(text::trim(m.out[i]));
                    if (!ok && failure.empty())
                        failure = fmt::format("'{}' failed: {}", a.name, a.detail);
                }
            }
        };
        // The checks fail where a reload was skipped (nothing before it was
        // to do): a run before this one may have stopped, a lost connection,
        // after writing a config and before its reload.  Those reloads run
        // once, then the checks again.
        if (failure.empty()) {
            verify();
            bool reloaded = false;
            for (const auto& [server, idx] : runs([&](size_t i) {
                     return !failure.empty() && acts[i].only_after_change &&
                            acts[i].outcome == Outcome::skipped;
                 })) {
                std::string script;
                for (size_t i : idx)
                    script += step(i, acts[i].apply, true);
                Marked m = run_marked(shell_of(server), script);
                for (size_t i : idx) {
                    const bool ok = m.status.count(i) && m.status[i] == 0;
                    acts[i].outcome = ok ? Outcome::done : Outcome::failed;
                    acts[i].detail = ok ? "due from an earlier run" : said(m.raw.err);
                    reloaded |= ok;
                }
            }
            if (reloaded) {
                res.changed = true;
                failure.clear();
                verify();
            }
        }
        if (failure.empty()) {
            res.ok = true;
            return res;
        }
        fail(Exit::remote, failure);
        if (opt.keep_partial)
            return res;
        // 4. Undo what this run applied, last first, then reload where a
        // reload had run, so the server serves what it served before.
        std::vector<size_t> undo;
        std::map<std::string, std::vector<size_t>> reloads;
        for (size_t i = 0; i < acts.size(); ++i) {
            if (acts[i].outcome != Outcome::done || acts[i].verify)
                continue;
            if (acts[i].only_after_change)
                reloads[acts[i].server].push_back(i);
            else
                undo.insert(undo.begin(), i);
        }
        std::vector<std::pair<std::string, std::vector<size_t>>> groups;
        for (size_t i : undo) {
            if (groups.empty() || groups.back().first != acts[i].server)
                groups.push_back({acts[i].server, {}});
            groups.back().second.push_back(i);
        }
        for (const auto& [server, idx] : groups) {
            std::string script;
            for (size_t i : idx)
                script += step(i, acts[i].undo, false);
            for (size_t i : reloads[server])
                script += step(i, acts[i].apply, false);
            reloads.erase(server);
            Marked m = run_marked(shell_of(server), script);
            for (size_t i : idx)
                acts[i].outcome =
                    m.status.count(i) && m.status[i] == 0 ? Outcome::undone : Outcome::failed;
        }
        res.changed = false;
    } catch (const Error& e) {
        fail(e.code(), e.what());
        res.hint = e.hint();
    }
    return res;
}

} // namespace hostingctl
