// hostingctl doc render|list and hostingctl template list|export|check:
// the documents of a request's steps and the templates they come from.
#include "calendar/calendar.hpp"
#include "commands.hpp"
#include "document/documents.hpp"
#include "util/error.hpp"
#include "util/i18n.hpp"
#include "workflow/service.hpp"

#include <fmt/format.h>

namespace hostingctl::cli {

namespace {

void setup_doc_render(CLI::App& grp, Context& ctx) {
    struct Opts {
        std::string id, kind, format = "html", out;
    };
    auto o = std::make_shared<Opts>();
    CLI::App* c = grp.add_subcommand(
        "render", "make a request's document again (numbered on its first making)");
    c->add_option("id", o->id, "request number (or domain)")->required();
    c->add_option("kind", o->kind, "disposition, hosting, approval, access or receipt")->required();
    c->add_option("--format", o->format, "html, md or pdf")->capture_default_str();
    c->add_option("--out", o->out,
                  "where to write it (\"-\": standard output; default: the request's documents "
                  "folder)");
    c->callback([&ctx, o] {
        document::RenderInput in;
        o->id = ctx.request_id(o->id);
        in.id = o->id;
        in.kind = document::kind_or_throw(o->kind);
        auto f = document::parse_format(o->format);
        if (!f)
            throw Error(Exit::usage, trf("no document format '{}'", o->format),
                        tr("use --format html, md or pdf"));
        in.format = *f;
        in.out = o->out;
        const Calendar cal = store_calendar(ctx.store());
        auto res = document::render_document(ctx.store(), cal, in, ctx.caller());
        if (in.out == "-") {
            ctx.out.raw(res.content);
            return;
        }
        if (ctx.out.json()) {
            Json j = Json::object();
            j["kind"] = o->kind;
            j["number"] = res.number;
            j["format"] = document::extension(in.format);
            j["path"] = res.path ? res.path->string() : "";
            j["numbered_now"] = res.numbered_now;
            ctx.out.print_json(j);
            return;
        }
        const std::string path = res.path ? res.path->string() : "";
        // TRANSLATORS: request number, document kind, document number, file.
        ctx.out.line(res.numbered_now
                         ? trf("{} {} {} (new number): {}", o->id, o->kind, res.number, path)
                         : fmt::format("{} {} {}: {}", o->id, o->kind, res.number, path));
    });
}

void setup_doc_list(CLI::App& grp, Context& ctx) {
    auto id = std::make_shared<std::string>();
    CLI::App* c = grp.add_subcommand("list", "the documents of a request and their files");
    c->add_option("id", *id, "request number (or domain)")->required();
    c->callback([&ctx, id] {
        const Request r = read_request(ctx.store(), ctx.request_id(*id));
        const auto docs = document::list_documents(ctx.store(), r);
        if (ctx.out.json()) {
            Json arr = Json::array();
            for (const auto& d : docs) {
                Json j = Json::object();
                j["kind"] = d.kind;
                j["number"] = d.number;
                j["format"] = d.format.empty() ? Json(nullptr) : Json(d.format);
                j["path"] = d.path.empty() ? Json(nullptr) : Json(d.path);
                j["made_at"] = d.made_at;
                arr.push(std::move(j));
            }
            ctx.out.print_json(arr);
            return;
        }
        if (docs.empty()) {
            ctx.out.line(trf("{} has no documents yet.", r.id));
            return;
        }
        std::vector<std::vector<std::string>> rows;
        for (const auto& d : docs)
            rows.push_back(
                {d.kind, d.number, d.format.empty() ? tr("(no file)") : d.format, d.path});
        ctx.out.table({tr("KIND"), tr("NUMBER"), tr("FORMAT"), tr("PATH")}, rows);
    });
}

void setup_template(CLI::App& app, Context& ctx) {
    CLI::App* grp = app.add_subcommand(
        "template", "the templates of the documents: list, export for editing, check");
    grp->require_subcommand(1);

    CLI::App* list = grp->add_subcommand("list", "every template, built-in or the store's own");
    list->callback([&ctx] {
        const auto all = document::template_list(ctx.store());
        if (ctx.out.json()) {
            Json arr = Json::array();
            for (const auto& t : all) {
                Json j = Json::object();
                j["name"] = t.name;
                j["source"] = t.overridden ? "store" : "built-in";
                j["builtin"] = t.builtin;
                j["path"] = t.path.empty() ? Json(nullptr) : Json(t.path);
                arr.push(std::move(j));
            }
            ctx.out.print_json(arr);
            return;
        }
        std::vector<std::vector<std::string>> rows;
        for (const auto& t : all) {
            // TRANSLATORS: where a template comes from: the store's own
            // copy (templates/documents/) or the one built into hostingctl.
            const char* source = !t.overridden ? tr("built-in")
                                 : t.builtin   ? tr("store (overrides built-in)")
                                               : tr("store");
            rows.push_back({t.name, source, t.path});
        }
        ctx.out.table({tr("TEMPLATE"), tr("SOURCE"), tr("PATH")}, rows);
    });

    auto name = std::make_shared<std::string>();
    CLI::App* exp = grp->add_subcommand(
        "export", "copy a built-in template into the store's templates/documents/ to edit it");
    exp->add_option("name", *name, "template name, e.g. access.html")->required();
    exp->callback([&ctx, name] {
        const auto path = document::export_template(ctx.store(), *name);
        ctx.out.line(
            trf("{} exported to {}; the store's copy is used from now on", *name, path.string()));
    });

    CLI::App* check = grp->add_subcommand(
        "check", "render every template against a sample request and report problems");
    check->callback([&ctx] {
        const Calendar cal = store_calendar(ctx.store());
        const auto problems = document::check_templates(ctx.store(), cal);
        if (ctx.out.json()) {
            Json arr = Json::array();
            for (const auto& p : problems) {
                Json j = Json::object();
                j["file"] = p.file;
                j["line"] = p.line;
                j["problem"] = p.what;
                arr.push(std::move(j));
            }
            ctx.out.print_json(arr);
        } else {
            for (const auto& p : problems)
                ctx.out.line(p.format(), true);
        }
        if (!problems.empty())
            throw Error(Exit::invalid,
                        ntrf("{} problem in the templates", "{} problems in the templates",
                             problems.size(), problems.size()),
                        tr("fix the lines named above; 'hostingctl template export NAME' gives "
                           "the built-in version to compare with"));
        ctx.out.line(tr("Every template renders."));
    });
}

} // namespace

void setup_doc(CLI::App& app, Context& ctx) {
    CLI::App* grp =
        app.add_subcommand("doc", "the documents of a request: disposition, hosting, approval, "
                                  "access, receipt");
    grp->require_subcommand(1);
    setup_doc_render(*grp, ctx);
    setup_doc_list(*grp, ctx);
    setup_template(app, ctx);
}

} // namespace hostingctl::cli
