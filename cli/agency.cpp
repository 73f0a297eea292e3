// hostingctl agency add|list|show
#include "calendar/calendar.hpp"
#include "commands.hpp"
#include "people/admin.hpp"
#include "util/error.hpp"
#include "util/i18n.hpp"
#include "validate/validate.hpp"
#include "workflow/request_view.hpp"
#include "workflow/service.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace hostingctl::cli {

namespace {

struct AgencyOptions {
    std::string code, name, head, phone, email, address;
};

Json agency_json(const Agency& a) {
    Json j = Json::object();
    j["code"] = a.code;
    j["name"] = a.name;
    j["head"] = text_or_null(a.head);
    j["phone"] = text_or_null(a.phone);
    j["email"] = text_or_null(a.email);
    j["address"] = text_or_null(a.address);
    return j;
}

void add(Context& ctx, const AgencyOptions& o) {
    Agency a = add_agency(ctx.store(), {o.code, o.name, o.head, o.phone, o.email, o.address},
                          ctx.caller());
    if (ctx.out.json())
        ctx.out.print_json(agency_json(a));
    else
        ctx.out.line(trf("Added agency {} ({})", a.code, a.name));
}

void list(Context& ctx) {
    auto agencies = ctx.store().agencies();
    if (ctx.out.json()) {
        Json arr = Json::array();
        for (const auto& a : agencies)
            arr.push(agency_json(a));
        ctx.out.print_json(arr);
        return;
    }
    if (agencies.empty()) {
        ctx.out.line(tr("No agencies yet; add them with 'hostingctl agency add'."));
        return;
    }
    std::vector<std::vector<std::string>> rows;
    for (const auto& a : agencies)
        rows.push_back({a.code, a.name, a.head, a.phone, a.email});
    ctx.out.table({tr("CODE"), tr("NAME"), tr("HEAD"), tr("PHONE"), tr("EMAIL")}, rows);
}

void show(Context& ctx, const std::string& code) {
    const Store& store = ctx.store();
    auto agencies = store.agencies();
    const Agency& a = find_agency(agencies, code);
    RequestList all = ctx.requests();
    warn_unreadable(ctx.out, all.problems);
    std::vector<RequestSummary> mine;
    for (auto& r : all.items)
        if (r.agency == a.code)
            mine.push_back(r);
    if (ctx.out.json()) {
        // Rows as in `request list --json`, with their SLA clocks.
        Calendar cal = store_calendar(store);
        Timestamp now = ctx.now(cal.tz());
        Json j = agency_json(a);
        Json reqs = Json::array();
        for (const auto& r : mine)
            reqs.push(summary_json(r, summary_sla(r.clock, cal, now)));
        j["requests"] = reqs;
        ctx.out.print_json(j);
        fail_if_unreadable(all.problems, "request file(s)");
        return;
    }
    ctx.out.line(fmt::format("{}  {}", ctx.out.bold(a.code), a.name));
    // TRANSLATORS: the labels of `agency show` are aligned: keep the value
    // at the same column in every label of this group.
    ctx.out.line(trf("  head     {}", a.head.empty() ? "-" : a.head));
    ctx.out.line(trf("  phone    {}", a.phone.empty() ? "-" : a.phone));
    ctx.out.line(trf("  email    {}", a.email.empty() ? "-" : a.email));
    ctx.out.line(trf("  address  {}", a.address.empty() ? "-" : a.address));
    ctx.out.line(all.problems.empty()
                     ? trf("  requests {}", mine.size())
                     : trf("  requests {} (incomplete: {} request file(s) could not be read)",
                           mine.size(), all.problems.size()));
    size_t width = 0; // domains are ASCII: a column of them lines up
    for (const auto& r : mine)
        width = std::max(width, r.domain.size());
    for (const auto& r : mine)
        ctx.out.line(
            fmt::format("    {}  {:<{}}  {}", r.id, r.domain, width, ctx.out.status(r.status)));
    fail_if_unreadable(all.problems, "request file(s)");
}

} // namespace

void setup_agency(CLI::App& app, Context& ctx) {
    CLI::App* grp = app.add_subcommand("agency", "the agencies (OPD) the office hosts for");
    grp->require_subcommand(1);

    auto o = std::make_shared<AgencyOptions>();
    CLI::App* a = grp->add_subcommand("add", "register an agency");
    a->add_option("code", o->code, "short code, e.g. dinkes")->required();
    a->add_option("--name", o->name, "full name, e.g. \"Dinas Kesehatan\"")->required();
    a->add_option("--head", o->head, "head of the agency");
    a->add_option("--phone", o->phone, "office phone");
    a->add_option("--email", o->email, "office e-mail");
    a->add_option("--address", o->address, "address");
    a->callback([&ctx, o] { add(ctx, *o); });

    grp->add_subcommand("list", "list agencies")->callback([&ctx] { list(ctx); });

    auto code = std::make_shared<std::string>();
    CLI::App* s = grp->add_subcommand("show", "show an agency and its requests");
    s->add_option("code", *code)->required();
    s->callback([&ctx, code] { show(ctx, *code); });
}

} // namespace hostingctl::cli
