// hostingctl audit: the log of changes to staff, agencies, servers and
// configuration.
#include "store/audit.hpp"

#include "commands.hpp"
#include "util/i18n.hpp"
#include "util/text.hpp"

#include <fmt/format.h>

namespace hostingctl::cli {

namespace {

// A value as the table shows it: "-" for an absent one.
std::string shown_value(const Value& v) {
    return v.kind == Value::Kind::text && v.text.empty() ? "-" : v.display();
}

// "name: A -> B, roles: [x] -> [x, y]" for the fields that changed; what
// was added, without its absent fields.
std::string change_text(const AuditEntry& e) {
    if (e.before.entries.empty()) {
        Value::Map given;
        for (const auto& [k, v] : e.after.entries)
            if (!(v.kind == Value::Kind::text && v.text.empty()))
                given.emplace_back(k, v);
        return Value::map(std::move(given)).display();
    }
    std::vector<std::string> parts;
    for (const auto& [k, after] : e.after.entries) {
        Value before;
        bool found = false;
        for (const auto& [bk, bv] : e.before.entries)
            if (bk == k) {
                before = bv;
                found = true;
            }
        if (!found || !(before == after))
            parts.push_back(fmt::format("{}: {} -> {}", k, found ? shown_value(before) : "-",
                                        shown_value(after)));
    }
    return text::join(parts, ", ");
}

} // namespace

void setup_audit(CLI::App& app, Context& ctx) {
    auto target = std::make_shared<std::string>();
    CLI::App* cmd = app.add_subcommand(
        "audit", "who changed staff, agencies, servers and configuration, when, and how");
    cmd->add_option("--target", *target, "only changes of this staff id or agency code");
    cmd->callback([&ctx, target] {
        std::vector<AuditEntry> all = read_audit(ctx.store());
        std::vector<const AuditEntry*> shown;
        for (const auto& e : all)
            if (target->empty() || e.target == *target)
                shown.push_back(&e);
        if (ctx.out.json()) {
            Json arr = Json::array();
            for (const AuditEntry* e : shown) {
                Json j = Json::object();
                j["at"] = e->at.iso();
                j["login"] = e->login;
                j["by"] = e->by.empty() ? Json() : Json(e->by);
                j["what"] = e->what;
                j["target"] = e->target;
                j["before"] = e->before.entries.empty() ? Json() : to_json(e->before);
                j["after"] = to_json(e->after);
                arr.push(j);
            }
            ctx.out.print_json(arr);
            return;
        }
        if (shown.empty()) {
            ctx.out.line(tr("No changes recorded yet."));
            return;
        }
        std::vector<std::vector<std::string>> rows;
        for (const AuditEntry* e : shown)
            rows.push_back({e->at.iso(), e->login, e->by.empty() ? "-" : e->by, e->what, e->target,
                            text::shown(change_text(*e), 100)});
        ctx.out.table({tr("AT"), tr("LOGIN"), tr("BY"), tr("WHAT"), tr("TARGET"), tr("CHANGE")},
                      rows);
    });
}

} // namespace hostingctl::cli
