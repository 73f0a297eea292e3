#include "provision/run.hpp"

#include "util/error.hpp"
#include "util/i18n.hpp"
#include "util/shell.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <map>
#include <optional>
#include <set>

namespace hostingctl {

namespace {

// The last lines of what a step said on standard error.
std::string said(const std::string& err) {
    std::vector<std::string> lines;
    for (auto& l : text::split(std::string(text::trim(err)), '\n'))
        if (!text::trim(l).empty() && l.rfind("@@hctl-", 0) != 0) // the steps' own marks
            lines.push_back(l);
    if (lines.size() > 6)
        lines.erase(lines.begin(), lines.end() - 6);
    return text::join(lines, " | ");
}

// What a batch printed for each of its steps: the status each ended with
// ("@@hctl-end IDX STATUS") and what it wrote between its marks, on both
// streams.
struct Marked {
    std::map<size_t, int> status;
    std::map<size_t, std::string> out, err;
    ssh::Result raw;
};

void split_marked(const std::string& stream, std::map<size_t, std::string>& text,
                  std::map<size_t, int>* status) {
    size_t current = std::string::npos;
    std::string buf;
    for (const auto& line : text::split(stream, '\n')) {
        if (line.rfind("@@hctl-begin ", 0) == 0) {
            current = std::stoul(line.substr(13));
            buf.clear();
            continue;
        }
        if (line.rfind("@@hctl-end ", 0) == 0) {
            auto f = text::split(line.substr(11), ' ');
            if (f.size() == 2) {
                size_t i = std::stoul(f[0]);
                if (status)
                    (*status)[i] = std::stoi(f[1]);
                text[i] = buf;
            }
            current = std::string::npos;
            continue;
        }
        if (current != std::string::npos)
            buf += line + "\n";
    }
}

Marked run_marked(ssh::Shell& sh, const std::string& script, bool batch) {
    Marked m;
    // In a batch of several plans, a config file is tested once, by the
    // server's reload (see config_file_action).
    m.raw = sh.run_script(batch ? "hctl_batch=1\n" + script : script);
    split_marked(m.raw.out, m.out, &m.status);
    split_marked(m.raw.err, m.err, nullptr);
    return m;
}

// One step of a batch: runs `body` in a subshell between marks (on both
// streams).  With `stop`, a failure ends the batch (the later steps were
// meant to follow).
std::string step(size_t i, const std::string& body, bool stop) {
    return fmt::format("printf '\\n@@hctl-begin %d\\n' {0}; printf '\\n@@hctl-begin %d\\n' {0} "
                       ">&2\n( {1}\n)\ns=$?\nprintf '\\n@@hctl-end %d %d\\n' {0} $s; printf "
                       "'\\n@@hctl-end %d %d\\n' {0} $s >&2\n{2}",
                       i, body.empty() ? std::string(":") : body,
                       stop ? "[ $s = 0 ] || exit 1\n" : "");
}

// What a step said on standard error, else what the batch said.
std::string said_by(const Marked& m, size_t i) {
    auto e = m.err.find(i);
    if (e != m.err.end() && !said(e->second).empty())
        return said(e->second);
    auto st = m.status.find(i);
    return st != m.status.end() ? trf("it exited {} and said nothing", st->second)
                                : said(m.raw.err);
}

// A group step's output (see PlanAction::group_key): what comes before its
// first "@@hctl-part J" line, shared by the members, and each part.
struct Parts {
    std::string shared;
    std::map<size_t, std::string> part;
};

Parts split_parts(const std::string& out) {
    Parts p;
    std::string* into = &p.shared;
    for (const auto& line : text::split(out, '\n')) {
        if (line.rfind("@@hctl-part ", 0) == 0) {
            into = &p.part[std::stoul(line.substr(12))];
            continue;
        }
        *into += line + "\n";
    }
    return p;
}

// One action of the batch, standing also for the same action of other
// plans (a server's reload) or for actions merged into it (DNS records).
struct Entry {
    PlanAction* a = nullptr;
    std::vector<size_t> plans; // the plans it serves; the first is its own
    std::vector<PlanAction*> also;
    bool absorbed = false; // merged into another entry
};

// The steps of one batch: one per action, and one per group of actions
// asked together, and where each action finds its answer.
struct Asked {
    std::string script;
    std::map<size_t, std::pair<size_t, size_t>> member; // entry -> {its group's step, its place}

    // The exit status of the step that answered for entry k, if it ended.
    std::optional<int> status(const Marked& m, size_t k) const {
        auto it = member.find(k);
        auto st = m.status.find(it == member.end() ? k : it->second.first);
        return st == m.status.end() ? std::nullopt : std::optional<int>(st->second);
    }
    // What entry k was answered: its step's output, or for a member of a
    // group the shared text, a newline and its part.
    std::string answer(const Marked& m, size_t k) const {
        auto it = member.find(k);
        if (it == member.end()) {
            auto o = m.out.find(k);
            return o == m.out.end() ? std::string() : o->second;
        }
        auto o = m.out.find(it->second.first);
        if (o == m.out.end())
            return {};
        // Split once per group step, not once per member.
        auto [c, fresh] = split.try_emplace(it->second.first);
        if (fresh) {
            c->second = split_parts(o->second);
            // A line of its own ends the shared text (base64 -w0 prints none).
            if (!c->second.shared.empty() && c->second.shared.back() == '\n')
                c->second.shared.pop_back();
        }
        const Parts& p = c->second;
        auto part = p.part.find(it->second.second);
        return p.shared + "\n" + (part == p.part.end() ? std::string() : part->second);
    }
    mutable std::map<size_t, Parts> split; // the group steps' outputs, split
    size_t step_of(size_t k) const {
        auto it = member.find(k);
        return it == member.end() ? k : it->second.first;
    }
};

// The batch checking each entry in `idx`: the check of each action, or once
// the group script of the actions that share a group key.
Asked ask(const std::vector<Entry>& E, const std::vector<size_t>& idx) {
    Asked q;
    std::vector<std::string> order;
    std::map<std::string, std::vector<size_t>> groups;
    for (size_t k : idx) {
        const PlanAction& a = *E[k].a;
        if (a.group_check && !a.group_key.empty()) {
            auto [it, fresh] = groups.try_emplace(a.group_key);
            if (fresh)
                order.push_back(a.group_key);
            it->second.push_back(k);
            continue;
        }
        q.script += step(k, a.check, false);
    }
    for (const auto& key : order) {
        const auto& ks = groups[key];
        std::vector<const PlanAction*> members;
        for (size_t j = 0; j < ks.size(); ++j) {
            members.push_back(E[ks[j]].a);
            q.member[ks[j]] = {ks.front(), j};
        }
        q.script += step(ks.front(), E[ks.front()].a->group_check(members), false);
    }
    return q;
}

} // namespace

RunResult run_plan(Plan& plan, const ShellOf& shell_of, const RunOptions& opt) {
    return run_plans({&plan}, shell_of, opt).front();
}

std::vector<RunResult> run_plans(const std::vector<Plan*>& plans, const ShellOf& shell_of,
                                 const RunOptions& opt) {
    const size_t n = plans.size();
    const bool batch = n > 1;
    std::vector<RunResult> res(n);
    std::vector<bool> out(n, false); // failed; nothing more is done for it
    auto fail_plan = [&](size_t p, Exit code, std::string msg, std::string hint = {}) {
        if (out[p])
            return;
        out[p] = true;
        res[p].ok = false;
        res[p].code = code;
        res[p].error = std::move(msg);
        res[p].hint = std::move(hint);
    };
    auto fail_all = [&](Exit code, const std::string& msg, const std::string& hint = {}) {
        for (size_t p = 0; p < n; ++p)
            fail_plan(p, code, msg, hint);
    };
    auto progress = [&](const std::string& phase) {
        if (opt.progress)
            opt.progress(phase);
    };

    // Every action of every plan, stage by stage; a server's reload once.
    std::vector<Entry> E;
    {
        struct Ref {
            size_t p, i;
        };
        std::vector<Ref> refs;
        for (size_t p = 0; p < n; ++p)
            for (size_t i = 0; i < plans[p]->actions.size(); ++i)
                refs.push_back({p, i});
        std::stable_sort(refs.begin(), refs.end(), [&](const Ref& x, const Ref& y) {
            return plans[x.p]->actions[x.i].stage < plans[y.p]->actions[y.i].stage;
        });
        std::map<std::pair<std::string, std::string>, size_t> reload_of;
        for (const Ref& r : refs) {
            PlanAction& a = plans[r.p]->actions[r.i];
            if (a.only_after_change) {
                auto [it, fresh] = reload_of.emplace(std::pair(a.server, a.name), E.size());
                if (!fresh) {
                    E[it->second].plans.push_back(r.p);
                    E[it->second].also.push_back(&a);
                    continue;
                }
            }
            E.push_back({&a, {r.p}, {}, false});
        }
    }
    auto live = [&](const Entry& e) {
        return !e.absorbed &&
               std::any_of(e.plans.begin(), e.plans.end(), [&](size_t p) { return !out[p]; });
    };
    // Runs of consecutive entries on one server, in order.
    auto runs = [&](auto&& pick) {
        std::vector<std::pair<std::string, std::vector<size_t>>> r;
        for (size_t k = 0; k < E.size(); ++k) {
            if (!live(E[k]) || !pick(*E[k].a))
                continue;
            if (r.empty() || r.back().first != E[k].a->server)
                r.push_back({E[k].a->server, {}});
            r.back().second.push_back(k);
        }
        return r;
    };
    // The entries each server is asked about, in order: for the read-only
    // phases, where the order across servers does not matter.
    auto by_server = [&](auto&& pick) {
        std::vector<std::pair<std::string, std::vector<size_t>>> r;
        std::map<std::string, size_t> at;
        for (size_t k = 0; k < E.size(); ++k) {
            if (!live(E[k]) || !pick(*E[k].a))
                continue;
            auto [it, fresh] = at.try_emplace(E[k].a->server, r.size());
            if (fresh)
                r.push_back({E[k].a->server, {}});
            r[it->second].second.push_back(k);
        }
        return r;
    };
    // The outcome of an entry is the outcome of every action it stands for.
    std::vector<bool> left_out(n, false); // failed its checks: nothing was done for it
    auto finish = [&]() {
        for (auto& e : E) {
            for (size_t j = 0; j < e.also.size(); ++j) {
                PlanAction* m = e.also[j];
                const bool skip = left_out[e.plans[j + 1]];
                m->outcome = skip ? Outcome::skipped : e.a->outcome;
                m->detail = skip ? std::string() : e.a->detail;
            }
            // A reload done for the others is not one of a plan left out.
            if (e.plans.size() > 1 && left_out[e.plans.front()] && !e.absorbed) {
                e.a->outcome = Outcome::skipped;
                e.a->detail.clear();
            }
        }
        for (size_t p = 0; p < n; ++p)
            if (!out[p])
                res[p].ok = true;
        return res;
    };

    try {
        // 1. Check everything (no change anywhere yet).  A plan whose
        // check fails is left out; the others go on.
        // TRANSLATORS: phases of provisioning, printed as they start.
        progress(tr("checking"));
        for (const auto& [server, idx] :
             by_server([](const PlanAction& a) { return !a.verify && !a.only_after_change; })) {
            const Asked q = ask(E, idx);
            Marked m = run_marked(shell_of(server), q.script, batch);
            for (size_t k : idx) {
                PlanAction& a = *E[k].a;
                const size_t p = E[k].plans.front();
                const auto status = q.status(m, k);
                if (!status) {
                    // TRANSLATORS: an action (as the ACTION column names it), a
                    // server, and what the server said.
                    fail_all(Exit::remote, trf("checking '{}' on {} gave no answer: {}",
                                               a.shown_name(), server, said(m.raw.err)));
                    return finish();
                }
                const int st = *status;
                if (st > 1 || (!a.prepare && st != 0 && st != 1)) {
                    a.outcome = Outcome::failed;
                    a.detail = said_by(m, q.step_of(k));
                    fail_plan(
                        p, Exit::remote,
                        trf("checking '{}' on {} failed: {}", a.shown_name(), server, a.detail));
                    continue;
                }
                if (!a.prepare) {
                    a.outcome = st == 0 ? Outcome::already : Outcome::pending;
                    continue;
                }
                try {
                    a.outcome = a.prepare(a, q.answer(m, k)) ? Outcome::already : Outcome::pending;
                } catch (const Error& e) {
                    a.outcome = Outcome::failed;
                    a.detail = e.what();
                    fail_plan(p, e.code(), e.what(), e.hint());
                }
            }
        }
        for (size_t p = 0; p < n; ++p)
            left_out[p] = out[p];
        for (auto& e : E)
            if (!live(e) && e.a->outcome == Outcome::pending)
                e.a->outcome = Outcome::skipped;
        // Pending actions that are done as one (the records of a zone).
        {
            std::map<std::string, std::vector<size_t>> groups;
            for (size_t k = 0; k < E.size(); ++k)
                if (live(E[k]) && E[k].a->outcome == Outcome::pending && E[k].a->merge)
                    groups[E[k].a->merge_key].push_back(k);
            for (const auto& [key, ks] : groups) {
                if (ks.size() < 2)
                    continue;
                Entry& first = E[ks.front()];
                std::vector<PlanAction*> others;
                for (size_t j = 1; j < ks.size(); ++j)
                    others.push_back(E[ks[j]].a);
                first.a->merge(*first.a, others);
                for (size_t j = 1; j < ks.size(); ++j) {
                    E[ks[j]].absorbed = true;
                    E[ks[j]].a->files.clear(); // the first one writes them all
                    first.plans.push_back(E[ks[j]].plans.front());
                    first.also.push_back(E[ks[j]].a);
                }
            }
        }
        // A reload is due after a change it follows on its server.
        auto settle_reloads = [&]() {
            std::map<std::string, std::set<Stage>> changed;
            for (auto& e : E) {
                if (!live(e))
                    continue;
                PlanAction& a = *e.a;
                if (a.only_after_change && a.outcome != Outcome::done) {
                    const auto& c = changed[a.server];
                    const bool due = a.after_stages.empty()
                                         ? !c.empty()
                                         : std::any_of(a.after_stages.begin(), a.after_stages.end(),
                                                       [&](Stage s) { return c.count(s) > 0; });
                    a.outcome = due ? Outcome::pending : Outcome::skipped;
                } else if (!a.verify && !a.only_after_change && a.outcome == Outcome::pending) {
                    changed[a.server].insert(a.stage);
                }
            }
        };
        settle_reloads();
        if (opt.dry_run)
            return finish();

        // 2. Apply what is to do, in order; the first failure stops.
        progress(tr("applying"));
        std::string failure;
        for (const auto& [server, all_idx] :
             runs([](const PlanAction& a) { return !a.verify && a.outcome == Outcome::pending; })) {
            std::vector<size_t> idx = all_idx;
            int retries = 0;
            while (!idx.empty() && failure.empty()) {
                std::string script;
                for (size_t k : idx)
                    script += step(k, E[k].a->apply, true);
                Marked m = run_marked(shell_of(server), script, batch);
                std::vector<size_t> rest;
                for (size_t j = 0; j < idx.size(); ++j) {
                    const size_t k = idx[j];
                    PlanAction& a = *E[k].a;
                    if (!m.status.count(k)) {
                        failure = trf("'{}' on {} gave no answer: {}", a.shown_name(), server,
                                      said(m.raw.err));
                        break;
                    }
                    if (m.status[k] == 0) {
                        a.outcome = Outcome::done;
                        continue;
                    }
                    // A file that another run changed since it was read (a
                    // zone two officers add to at once): read it again and
                    // redo the action, a few times.
                    if (m.status[k] == kChangedSinceRead && a.prepare && retries < 5) {
                        ++retries;
                        const Asked again = ask(E, {k});
                        Marked c = run_marked(shell_of(server), again.script, batch);
                        bool done_meanwhile = false;
                        try {
                            done_meanwhile = a.prepare(a, again.answer(c, k));
                        } catch (const Error& e) {
                            // What another run changed meanwhile stops this
                            // one: what it applied is undone below.
                            a.outcome = Outcome::failed;
                            a.detail = e.what();
                            failure =
                                trf("'{}' on {} failed: {}", a.shown_name(), server, e.what());
                            break;
                        }
                        if (done_meanwhile) {
                            a.outcome = Outcome::already;
                            rest.assign(idx.begin() + static_cast<long>(j) + 1, idx.end());
                        } else {
                            rest.assign(idx.begin() + static_cast<long>(j), idx.end());
                        }
                        break;
                    }
                    a.outcome = Outcome::failed;
                    a.detail = said_by(m, k);
                    failure = trf("'{}' on {} failed: {}", a.shown_name(), server, a.detail);
                    break;
                }
                idx = std::move(rest);
            }
            if (!failure.empty())
                break;
        }
        // 3. Verify: the sites answer, the names resolve.
        auto verify = [&]() {
            for (const auto& [server, idx] :
                 by_server([](const PlanAction& a) { return a.verify; })) {
                const Asked q = ask(E, idx);
                Marked m = run_marked(shell_of(server), q.script, batch);
                for (size_t k : idx) {
                    PlanAction& a = *E[k].a;
                    const auto status = q.status(m, k);
                    const std::string answer = q.answer(m, k);
                    std::string wrong;
                    if (!status)
                        wrong = trf("it gave no answer: {}", said(m.raw.err));
                    else if (*status != 0)
                        wrong =
                            a.verdict ? said_by(m, q.step_of(k)) : std::string(text::trim(answer));
                    else if (a.verdict)
                        wrong = a.verdict(answer);
                    const bool ok = wrong.empty();
                    a.outcome = ok ? Outcome::done : Outcome::failed;
                    a.detail = wrong;
                    if (!ok && failure.empty())
                        failure = trf("'{}' failed: {}", a.shown_name(), a.detail);
                }
            }
        };
        // The checks fail where a reload was skipped (nothing before it was
        // to do): a run before this one may have stopped, a lost connection,
        // after writing a config and before its reload.  Those reloads run
        // once, then the checks again.
        bool reloaded = false;
        if (failure.empty()) {
            progress(tr("verifying"));
            verify();
            for (const auto& [server, idx] : runs([&](const PlanAction& a) {
                     return !failure.empty() && a.only_after_change &&
                            a.outcome == Outcome::skipped;
                 })) {
                std::string script;
                for (size_t k : idx)
                    script += step(k, E[k].a->apply, true);
                Marked m = run_marked(shell_of(server), script, batch);
                for (size_t k : idx) {
                    const bool ok = m.status.count(k) && m.status[k] == 0;
                    E[k].a->outcome = ok ? Outcome::done : Outcome::failed;
                    E[k].a->detail =
                        ok ? std::string(tr("due from an earlier run")) : said_by(m, k);
                    reloaded |= ok;
                }
            }
            if (reloaded) {
                failure.clear();
                verify();
            }
        }
        if (failure.empty()) {
            for (const auto& e : E)
                if (!e.a->verify && (!e.a->only_after_change || reloaded) &&
                    e.a->outcome == Outcome::done)
                    for (size_t p : e.plans)
                        res[p].changed = true;
            return finish();
        }
        // Which plans had something applied, before the failure is theirs too.
        std::vector<bool> touched(n, false);
        for (const auto& e : E)
            if (!e.absorbed && e.a->outcome == Outcome::done && !e.a->verify)
                for (size_t p : e.plans)
                    touched[p] = true;
        for (size_t p = 0; p < n; ++p)
            if (!out[p]) {
                res[p].changed = opt.keep_partial && touched[p];
                fail_plan(p, Exit::remote,
                          n > 1 ? ntrf("the batch of {} site stopped: {}",
                                       "the batch of {} sites stopped: {}", n, n, failure)
                                : failure);
            }
        if (opt.keep_partial)
            return finish();
        // 4. Undo what this run applied, last first, then reload where a
        // reload had run, so the servers serve what they served before.
        progress(tr("undoing"));
        std::vector<size_t> undo;
        std::map<std::string, std::vector<size_t>> reloads;
        for (size_t k = 0; k < E.size(); ++k) {
            const PlanAction& a = *E[k].a;
            if (E[k].absorbed || a.outcome != Outcome::done || a.verify)
                continue;
            if (a.only_after_change)
                reloads[a.server].push_back(k);
            else
                undo.insert(undo.begin(), k);
        }
        std::vector<std::pair<std::string, std::vector<size_t>>> groups;
        for (size_t k : undo) {
            if (groups.empty() || groups.back().first != E[k].a->server)
                groups.push_back({E[k].a->server, {}});
            groups.back().second.push_back(k);
        }
        for (const auto& [server, idx] : groups) {
            std::string script;
            for (size_t k : idx)
                script += step(k, E[k].a->undo, false);
            for (size_t k : reloads[server])
                script += step(k, E[k].a->apply, false);
            reloads.erase(server);
            Marked m = run_marked(shell_of(server), script, false);
            for (size_t k : idx)
                E[k].a->outcome =
                    m.status.count(k) && m.status[k] == 0 ? Outcome::undone : Outcome::failed;
        }
    } catch (const Error& e) {
        for (size_t p = 0; p < n; ++p)
            fail_plan(p, e.code(), e.what(), e.hint());
    }
    return finish();
}

} // namespace hostingctl
