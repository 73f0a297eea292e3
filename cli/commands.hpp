#pragma once
// The command groups.  Each file cli/<group>.cpp registers its subcommands on
// the CLI11 app and calls the library; no business logic lives in cli/.
#include "context.hpp"

#include <CLI/CLI.hpp>

namespace hostingctl::cli {

void setup_init(CLI::App& app, Context& ctx);
void setup_staff(CLI::App& app, Context& ctx);
void setup_agency(CLI::App& app, Context& ctx);
void setup_request(CLI::App& app, Context& ctx);
void setup_complaint(CLI::App& app, Context& ctx);
void setup_calendar(CLI::App& app, Context& ctx);
void setup_report(CLI::App& app, Context& ctx);
void setup_survey(CLI::App& app, Context& ctx);
void setup_audit(CLI::App& app, Context& ctx);
void setup_store(CLI::App& app, Context& ctx);
void setup_server(CLI::App& app, Context& ctx);
void setup_doc(CLI::App& app, Context& ctx); // doc and template

// Makes a list option repeatable without swallowing what follows: each
// occurrence takes one word (a comma list unless `comma_list` is false, as
// for file names), so in `staff add --role admin budi` the id stays an id.
inline CLI::Option* repeatable(CLI::Option* o, bool comma_list = true) {
    if (comma_list)
        o->delimiter(',');
    return o->allow_extra_args(false);
}

// Runs the tool; returns the process exit code.
int run(int argc, char** argv);

} // namespace hostingctl::cli
