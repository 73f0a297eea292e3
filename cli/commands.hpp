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

// Runs the tool; returns the process exit code.
int run(int argc, char** argv);

} // namespace hostingctl::cli
