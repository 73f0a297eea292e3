// hostingctl store check [--repair]
//
// JSON keys:
//   store check: {store, clean, checked: {requests, complaints, surveys},
//                 problems: [{kind, path, line, message, repairable}],
//                 repaired: [{kind, path, line, message, action}]}
//   kind: damaged, orphan_documents, staged_documents, duplicate_domain,
//   event_order, missing_attachment, cache, temp_file (see
//   lib/check/store_check.hpp); path is relative to the store; line is null
//   when the problem has none.
#include "check/store_check.hpp"
#include "commands.hpp"
#include "util/error.hpp"
#include "util/i18n.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace hostingctl::cli {

namespace {

Json problem_json(const StoreProblem& p, bool repaired) {
    Json j = Json::object();
    j["kind"] = to_string(p.kind);
    j["path"] = p.path;
    j["line"] = p.line ? Json(*p.line) : Json();
    j["message"] = p.message;
    if (repaired)
        j["action"] = p.action;
    else
        j["repairable"] = p.repairable;
    return j;
}

// A kind of problem as tables show it, in the user's language; --json
// keeps to_string()'s name.
const char* label(StoreProblemKind k) {
    switch (k) {
    case StoreProblemKind::damaged:
        return tr("damaged");
    case StoreProblemKind::unreadable:
        return tr("unreadable");
    case StoreProblemKind::orphan_documents:
        return tr("orphan documents");
    case StoreProblemKind::staged_documents:
        return tr("staged documents");
    case StoreProblemKind::duplicate_domain:
        return tr("duplicate domain");
    case StoreProblemKind::event_order:
        return tr("event order");
    case StoreProblemKind::missing_attachment:
        return tr("missing attachment");
    case StoreProblemKind::cache:
        return tr("cache");
    case StoreProblemKind::temp_file:
        return tr("temporary file");
    }
    return "?";
}

std::string where(const StoreProblem& p) {
    return p.line ? fmt::format("{}:{}", p.path, *p.line) : p.path;
}

void check(Context& ctx, bool repair) {
    const Store& store = ctx.store();
    const int64_t now = ctx.caller().now();
    StoreCheck c = repair ? repair_store(store, now) : check_store(store, now);
    const Output& out = ctx.out;
    if (out.json()) {
        Json j = Json::object();
        j["store"] = store.root().string();
        j["clean"] = c.clean();
        Json checked = Json::object();
        checked["requests"] = c.requests;
        checked["complaints"] = c.complaints;
        checked["surveys"] = c.surveys;
        j["checked"] = checked;
        Json problems = Json::array();
        for (const auto& p : c.problems)
            problems.push(problem_json(p, false));
        j["problems"] = problems;
        Json repaired = Json::array();
        for (const auto& p : c.repaired)
            repaired.push(problem_json(p, true));
        j["repaired"] = repaired;
        out.print_json(j);
    } else {
        // Repairs and problems speak even with -q: they changed or need
        // something.
        for (const auto& p : c.repaired)
            out.line(trf("Repaired {} ({}): {}", where(p), label(p.kind), p.action), true);
        if (!c.problems.empty()) {
            std::vector<std::vector<std::string>> rows;
            for (const auto& p : c.problems)
                rows.push_back({label(p.kind), where(p), p.message});
            out.table({tr("KIND"), tr("FILE"), tr("PROBLEM")}, rows, true);
        }
        out.line(trf("{}: {}; read {}, {}, {}", store.root().string(),
                     c.clean()
                         ? std::string(tr("clean"))
                         : ntrf("{} problem", "{} problems", c.problems.size(), c.problems.size()),
                     ntrf("{} request", "{} requests", c.requests, c.requests),
                     ntrf("{} complaint", "{} complaints", c.complaints, c.complaints),
                     ntrf("{} survey response", "{} survey responses", c.surveys, c.surveys)));
    }
    if (c.clean())
        return;
    size_t repairable = 0;
    for (const auto& p : c.problems)
        repairable += p.repairable;
    std::string hint = tr("fix damaged files, duplicate domains and events out of order by hand or "
                          "restore the files from a backup; hostingctl never rewrites a record");
    if (std::any_of(c.problems.begin(), c.problems.end(),
                    [](const StoreProblem& p) { return p.kind == StoreProblemKind::unreadable; }))
        hint = trf("{}; an unreadable file may be fine: give this login read access (ls -l)", hint);
    if (repairable > 0)
        hint = trf("{}; 'hostingctl store check --repair' moves {} leftover folder(s) or "
                   "cache(s) out of the way",
                   hint, repairable);
    throw Error(Exit::damaged,
                c.repaired.empty() ? trf("the store has {} problem(s)", c.problems.size())
                                   : trf("the store has {} problem(s) left after {} repair(s)",
                                         c.problems.size(), c.repaired.size()),
                hint);
}

} // namespace

void setup_store(CLI::App& app, Context& ctx) {
    CLI::App* grp = app.add_subcommand("store", "the store itself: check it for damage");
    grp->require_subcommand(1);

    auto repair = std::make_shared<bool>(false);
    CLI::App* c = grp->add_subcommand(
        "check", "list damaged files, leftover document folders, duplicate live domains, events "
                 "out of order and a stale cache; exit 7 unless clean");
    c->add_flag("--repair", *repair,
                "move leftover document folders to .trash/ and rebuild a stale cache; never "
                "touches a record");
    c->callback([&ctx, repair] { check(ctx, *repair); });
}

} // namespace hostingctl::cli
