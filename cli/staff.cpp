// hostingctl staff add|list|show|remove
#include "commands.hpp"
#include "util/error.hpp"
#include "util/text.hpp"
#include "validate/validate.hpp"
#include "workflow/service.hpp"

#include <fmt/format.h>

namespace hostingctl::cli {

namespace {

struct StaffOptions {
    std::string id, name, nip, title, unix_user;
    std::vector<std::string> roles;
};

Json staff_json(const StaffMember& s) {
    Json j = Json::object();
    j["id"] = s.id;
    j["name"] = s.name;
    j["nip"] = s.nip;
    j["title"] = s.title;
    Json roles = Json::array();
    for (Role r : s.roles)
        roles.push(to_string(r));
    j["roles"] = roles;
    j["unix_user"] = s.unix_user;
    return j;
}

std::string roles_cell(const StaffMember& s) {
    std::vector<std::string> out;
    for (Role r : s.roles)
        out.emplace_back(to_string(r));
    return text::join(out, ",");
}

void add(Context& ctx, const StaffOptions& o) {
    StaffMember s;
    s.id = validate::identifier("staff id", o.id);
    s.name = validate::text("--name", o.name, 200);
    if (!o.nip.empty())
        s.nip = validate::nip(o.nip);
    s.title = validate::text("--title", o.title, 200, false, false);
    if (o.roles.empty())
        throw Error(Exit::invalid, "a staff member needs at least one --role",
                    "roles: kepala_dinas, kepala_bidang, petugas_teknis, admin, pejabat_pengaduan");
    for (const auto& name : o.roles) {
        auto r = parse_role(name);
        if (!r) {
            std::vector<std::string> all;
            for (Role x : all_roles())
                all.emplace_back(to_string(x));
            std::string c = text::closest(name, all);
            throw Error(Exit::invalid, fmt::format("unknown role '{}'", name),
                        c.empty() ? "roles: " + text::join(all, ", ")
                                  : fmt::format("did you mean '{}'?", c));
        }
        if (!s.has(*r))
            s.roles.push_back(*r);
    }
    if (!o.unix_user.empty())
        s.unix_user = validate::unix_user(o.unix_user);

    const Store& store = ctx.store();
    auto lock = store.lock();
    auto staff = store.staff();
    for (const auto& other : staff) {
        if (other.id == s.id)
            throw Error(Exit::conflict, fmt::format("staff member '{}' already exists", s.id),
                        "choose another id, or remove the old entry first");
        if (!s.unix_user.empty() && other.unix_user == s.unix_user)
            throw Error(
                Exit::conflict,
                fmt::format("Unix user '{}' is already mapped to {}", s.unix_user, other.id),
                "one login maps to one person");
    }
    staff.push_back(s);
    store.write_staff(staff);
    if (ctx.out.json())
        ctx.out.print_json(staff_json(s));
    else
        ctx.out.line(fmt::format("Added {} ({}) with role {}", s.id, s.name, roles_cell(s)));
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
        rows.push_back({s.id, s.name, s.nip, roles_cell(s), s.unix_user});
    if (rows.empty()) {
        ctx.out.line("No staff yet; add them with 'hostingctl staff add'.");
        return;
    }
    ctx.out.table({"ID", "NAME", "NIP", "ROLES", "UNIX USER"}, rows);
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
    ctx.out.line(fmt::format("  NIP        {}", s.nip.empty() ? "-" : s.nip));
    ctx.out.line(fmt::format("  title      {}", s.title.empty() ? "-" : s.title));
    for (Role r : s.roles)
        ctx.out.line(fmt::format("  role       {} — {}", to_string(r), role_title(r)));
    ctx.out.line(fmt::format("  unix user  {}", s.unix_user.empty() ? "-" : s.unix_user));
}

void remove(Context& ctx, const std::string& id) {
    const Store& store = ctx.store();
    {
        auto staff = store.staff();
        find_staff(staff, id);
    }
    if (!ctx.out.confirm(fmt::format("Remove staff member {}?", id)))
        throw Error(Exit::refused, "not removed");
    auto lock = store.lock();
    auto staff = store.staff();
    const StaffMember& s = find_staff(staff, id);
    for (const auto& r : ctx.requests().items) {
        auto st = parse_status(r.status);
        if (r.officer == s.id && st && !is_terminal(*st))
            throw Error(
                Exit::refused, fmt::format("{} is the officer of open request {}", s.id, r.id),
                fmt::format("reassign it first: hostingctl request assign {} --officer ...", r.id));
    }
    std::erase_if(staff, [&](const StaffMember& x) { return x.id == id; });
    store.write_staff(staff);
    if (ctx.out.json()) {
        Json j = Json::object();
        j["removed"] = id;
        ctx.out.print_json(j);
    } else {
        ctx.out.line(fmt::format("Removed {}; past events keep the id.", id));
    }
}

} // namespace

void setup_staff(CLI::App& app, Context& ctx) {
    CLI::App* grp = app.add_subcommand("staff", "people of the office and their roles");
    grp->require_subcommand(1);

    auto o = std::make_shared<StaffOptions>();
    CLI::App* a = grp->add_subcommand("add", "add a staff member");
    a->add_option("id", o->id, "short id, e.g. budi")->required();
    a->add_option("--name", o->name, "full name with degrees")->required();
    a->add_option("--nip", o->nip, "18-digit NIP");
    a->add_option("--title", o->title, "job title");
    repeatable(a->add_option("--role", o->roles,
                             "role (repeatable or comma list): kepala_dinas, kepala_bidang, "
                             "petugas_teknis, admin, pejabat_pengaduan"))
        ->required();
    a->add_option("--unix-user", o->unix_user, "login name of this person (default --by)");
    a->callback([&ctx, o] { add(ctx, *o); });

    grp->add_subcommand("list", "list staff")->callback([&ctx] { list(ctx); });

    auto id = std::make_shared<std::string>();
    CLI::App* s = grp->add_subcommand("show", "show one staff member");
    s->add_option("id", *id)->required();
    s->callback([&ctx, id] { show(ctx, *id); });

    auto rid = std::make_shared<std::string>();
    CLI::App* r = grp->add_subcommand("remove", "remove a staff member (asks; --yes in scripts)");
    r->add_option("id", *rid)->required();
    r->callback([&ctx, rid] { remove(ctx, *rid); });
}

} // namespace hostingctl::cli
