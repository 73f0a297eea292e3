// hostingctl init [DIR]
#include "commands.hpp"
#include "util/i18n.hpp"

#include <fmt/format.h>

namespace hostingctl::cli {

void setup_init(CLI::App& app, Context& ctx) {
    auto dir = std::make_shared<std::string>();
    auto group = std::make_shared<std::string>();
    CLI::App* cmd =
        app.add_subcommand("init", "create a new store with commented example configuration");
    cmd->add_option("dir", *dir,
                    "directory to create (default: --store, HOSTINGCTL_STORE or "
                    "the XDG data directory)");
    CLI::Option* group_opt =
        cmd->add_option("--group", *group,
                        "share the store with this Unix group: set-group-ID directories, "
                        "group-writable files");
    cmd->callback([&ctx, dir, group, group_opt] {
        stdfs::path root = dir->empty() ? Store::locate(ctx.globals.store) : stdfs::path(*dir);
        std::optional<std::string> shared_with;
        if (group_opt->count() > 0)
            shared_with = *group;
        Store::create(root, shared_with);
        Store store(root); // proves the skeleton loads
        if (ctx.out.json()) {
            Json j = Json::object();
            j["store"] = stdfs::absolute(root).string();
            j["created"] = true;
            if (shared_with)
                j["group"] = *shared_with;
            ctx.out.print_json(j);
            return;
        }
        ctx.out.line(trf("Created a hostingctl store in {}", stdfs::absolute(root).string()));
        if (shared_with)
            ctx.out.line(trf("Shared with the members of group {}", *shared_with));
        ctx.out.line(tr("Next:"));
        ctx.out.line(fmt::format("  export HOSTINGCTL_STORE={}", stdfs::absolute(root).string()));
        ctx.out.line(tr("  edit hostingctl.yaml (office, zones), calendar.yaml and servers.yaml"));
        // TRANSLATORS: a command line; ID, NAME, ROLE and LOGIN are placeholders
        // the user replaces, they may be translated, the rest may not.
        ctx.out.line(tr("  hostingctl staff add ID --name NAME --role ROLE [--unix-user LOGIN]"));
        // TRANSLATORS: a command line; CODE and NAME are placeholders.
        ctx.out.line(tr("  hostingctl agency add CODE --name NAME"));
    });
}

} // namespace hostingctl::cli
