// hostingctl init [DIR]
#include "commands.hpp"

#include <fmt/format.h>

namespace hostingctl::cli {

void setup_init(CLI::App& app, Context& ctx) {
    auto dir = std::make_shared<std::string>();
    CLI::App* cmd =
        app.add_subcommand("init", "create a new store with commented example configuration");
    cmd->add_option("dir", *dir,
                    "directory to create (default: --store, HOSTINGCTL_STORE or "
                    "the XDG data directory)");
    cmd->callback([&ctx, dir] {
        stdfs::path root = dir->empty() ? Store::locate(ctx.globals.store) : stdfs::path(*dir);
        Store::create(root);
        Store store(root); // proves the skeleton loads
        if (ctx.out.json()) {
            Json j = Json::object();
            j["store"] = stdfs::absolute(root).string();
            j["created"] = true;
            ctx.out.print_json(j);
            return;
        }
        ctx.out.line(
            fmt::format("Created a hostingctl store in {}", stdfs::absolute(root).string()));
        ctx.out.line("Next:");
        ctx.out.line(fmt::format("  export HOSTINGCTL_STORE={}", stdfs::absolute(root).string()));
        ctx.out.line("  edit hostingctl.yaml (office, zones), calendar.yaml and servers.yaml");
        ctx.out.line("  hostingctl staff add ID --name NAME --role ROLE [--unix-user LOGIN]");
        ctx.out.line("  hostingctl agency add CODE --name NAME");
    });
}

} // namespace hostingctl::cli
