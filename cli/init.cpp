// hostingctl init [DIR]
#include "commands.hpp"

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
        ctx.out.line(
            fmt::format("Created a hostingctl store in {}", stdfs::absolute(root).string()));
        if (shared_with)
            ctx.out.line(fmt::format("Shared with the members of group {}", *shared_with));
        ctx.out.line("Next:");
        ctx.out.line(fmt::format("  export HOSTINGCTL_STORE={}", stdfs::absolute(root).string()));
        ctx.out.line("  edit hostingctl.yaml (office, zones), calendar.yaml and servers.yaml");
        ctx.out.line("  hostingctl staff add ID --name NAME --role ROLE [--unix-user LOGIN]");
        ctx.out.line("  hostingctl agency add CODE --name NAME");
    });
}

} // namespace hostingctl::cli
