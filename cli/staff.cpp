// hostingctl staff add|list|show|remove
#include "commands.hpp"
#include "people/admin.hpp"
#include "util/error.hpp"
#include "util/i18n.hpp"
#include "util/text.hpp"
#include "validate/validate.hpp"
#include "workflow/workflow.hpp"

#include <fmt/format.h>

namespace hostingctl::cli {

namespace {

Json staff_json(const StaffMember& s) {
    Json j = Json::object();
    j["id"] = s.id;
    j["name"] = s.name;
    j["nip"] = text_or_null(s.nip);
    j["title"] = text_or_null(s.title);
    Json roles = Json::array();
    for (Role r : s.roles)
        roles.push(to_string(r));
    j["roles"] = roles;
    j["unix_user"] = text_or_null(s.unix_user);
    j["active"] = s.active;
    return j;
}

std::string roles_cell(const StaffMember& s) {
    std::vector<std::string> out;
    for (Role r : s.roles)
        out.emplace_back(to_string(r));
    return text::join(out, ",");
}

// What was done to a member: `active` and `deactivated` are the messages
// (marked with N_) for a member who is active or deactivated afterwards.
void print_member(Context& ctx, const StaffMember& s, const char* active, const char* deactivated) {
    if (ctx.out.json())
        ctx.out.print_json(staff_json(s));
    else
        ctx.out.line(fmt::format(fmt::runtime(tr(s.active ? active : deactivated)), s.id, s.name,
                                 roles_cell(s)));
}

// Open requests assigned to a person, which keep them from being
// deactivated.
std::vector<std::string> open_requests_of(Context& ctx, const std::string& id) {
    std::vector<std::string> out;
    for (const auto& r : ctx.requests().items) {
        auto st = parse_status(r.status);
        if (r.officer == id && st && !is_terminal(*st))
            out.push_back(r.id);
    }
    return out;
}

void list(Context& ctx) {
    auto staff = ctx.store().staff();
    if (ctx.out.json()) {
        Json arr = Json::array();
        for (const auto& s : staff)
            arr.push(staff_json(s));
        ctx.out.print_json(arr);
        return;
    }
    std::vector<std::vector<std::string>> rows;
    for (const auto& s : staff)
        rows.push_back({s.id, s.name, s.nip, roles_cell(s), s.unix_user,
                        s.active ? tr("active") : tr("deactivated")});
    if (rows.empty()) {
        ctx.out.line(tr("No staff yet; add them with 'hostingctl staff add'."));
        return;
    }
    ctx.out.table({tr("ID"), tr("NAME"), tr("NIP"), tr("ROLES"), tr("UNIX USER"), tr("STATUS")},
                  rows);
}

void show(Context& ctx, const std::string& id) {
    // Keep the list alive: find_staff returns a reference into it.
    const auto staff = ctx.store().staff();
    const StaffMember& s = find_staff(staff, id);
    if (ctx.out.json()) {
        ctx.out.print_json(staff_json(s));
        return;
    }
    ctx.out.line(fmt::format("{}  {}", ctx.out.bold(s.id), s.name));
    // TRANSLATORS: the labels of `staff show` are aligned: keep the value at
    // the same column in every label of this group.
    ctx.out.line(trf("  NIP        {}", s.nip.empty() ? "-" : s.nip));
    ctx.out.line(trf("  title      {}", s.title.empty() ? "-" : s.title));
    for (Role r : s.roles)
        ctx.out.line(trf("  role       {} — {}", to_string(r), tr(role_title(r))));
    ctx.out.line(trf("  unix user  {}", s.unix_user.empty() ? "-" : s.unix_user));
    ctx.out.line(trf("  status     {}", s.active ? tr("active") : tr("deactivated")));
}

} // namespace

void setup_staff(CLI::App& app, Context& ctx) {
    CLI::App* grp = app.add_subcommand(
        "staff", "people of the office and their roles (changes need the admin role)");
    grp->require_subcommand(1);

    auto o = std::make_shared<StaffInput>();
    CLI::App* a = grp->add_subcommand("add", "add a staff member");
    a->add_option("id", o->id, "short id, e.g. budi; never given to another person")->required();
    a->add_option("--name", o->name, "full name with degrees")->required();
    a->add_option("--nip", o->nip, "18-digit NIP");
    a->add_option("--title", o->title, "job title");
    repeatable(a->add_option("--role", o->roles,
                             "role (repeatable or comma list): kepala_dinas, kepala_bidang, "
                             "petugas_teknis, admin, pejabat_pengaduan"))
        ->required();
    a->add_option("--unix-user", o->unix_user,
                  "login name of this person: commands they run act as them without --by");
    a->callback([&ctx, o] {
        print_member(ctx, add_staff(ctx.store(), *o, ctx.caller()), N_("Added {} ({}), role {}"),
                     N_("Added {} ({}), role {}, deactivated"));
    });

    grp->add_subcommand("list", "list staff, active and deactivated")->callback([&ctx] {
        list(ctx);
    });

    auto id = std::make_shared<std::string>();
    CLI::App* s = grp->add_subcommand("show", "show one staff member");
    s->add_option("id", *id)->required();
    s->callback([&ctx, id] { show(ctx, *id); });

    auto eid = std::make_shared<std::string>();
    auto eo = std::make_shared<StaffEdit>();
    CLI::App* e = grp->add_subcommand("edit", "change a staff member's name, NIP, title, "
                                              "login or roles");
    e->add_option("id", *eid)->required();
    auto name = std::make_shared<std::string>(), nip = std::make_shared<std::string>(),
         title = std::make_shared<std::string>(), login = std::make_shared<std::string>();
    auto* on = e->add_option("--name", *name, "full name with degrees");
    auto* onip = e->add_option("--nip", *nip, "18-digit NIP (empty to clear)");
    auto* ot = e->add_option("--title", *title, "job title");
    auto* ou = e->add_option("--unix-user", *login, "login name (empty to clear)");
    repeatable(e->add_option("--role", eo->roles, "the new roles, replacing the old ones"));
    e->callback([&ctx, eid, eo, name, nip, title, login, on, onip, ot, ou] {
        StaffEdit in = *eo;
        if (on->count())
            in.name = *name;
        if (onip->count())
            in.nip = *nip;
        if (ot->count())
            in.title = *title;
        if (ou->count())
            in.unix_user = *login;
        if (!in.name && !in.nip && !in.title && !in.unix_user && in.roles.empty())
            throw Error(Exit::usage, tr("nothing to change"),
                        tr("give --name, --nip, --title, --unix-user or --role"));
        std::optional<Value> before;
        for (const auto& x : ctx.store().staff())
            if (x.id == *eid)
                before = staff_value(x);
        const StaffMember m = edit_staff(ctx.store(), *eid, in, ctx.caller());
        if (before && *before == staff_value(m) && !ctx.out.json())
            return ctx.out.line(trf("No change: {} ({}) is already as given", m.id, m.name));
        print_member(ctx, m, N_("Changed {} ({}), role {}"),
                     N_("Changed {} ({}), role {}, deactivated"));
    });

    for (bool active : {false, true}) {
        auto did = std::make_shared<std::string>();
        CLI::App* d =
            grp->add_subcommand(active ? "activate" : "deactivate",
                                active ? N_("let a deactivated person act again")
                                       : N_("stop a person from acting; old records keep their "
                                            "name"));
        d->add_option("id", *did)->required();
        d->callback([&ctx, did, active] {
            std::vector<std::string> open;
            if (!active)
                open = open_requests_of(ctx, *did);
            const StaffMember m = set_staff_active(ctx.store(), *did, active, open, ctx.caller());
            if (active)
                print_member(ctx, m, N_("Activated {} ({}), role {}"),
                             N_("Activated {} ({}), role {}, deactivated"));
            else
                print_member(ctx, m, N_("Deactivated {} ({}), role {}"),
                             N_("Deactivated {} ({}), role {}"));
        });
    }
}

} // namespace hostingctl::cli
