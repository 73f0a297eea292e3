// The top level: global options, the command groups, and the one place that
// turns errors into "hostingctl: error: ..." and an exit code.
#include "commands.hpp"
#include "commit.hpp" // HOSTINGCTL_COMMIT, stamped by cmake/version.cmake
#include "store/store.hpp"
#include "util/error.hpp"
#include "util/i18n.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstring>
#include <fmt/format.h>
#include <regex>

#ifndef HOSTINGCTL_VERSION
#define HOSTINGCTL_VERSION "0.0.0"
#endif

namespace {
// "hostingctl 0.1.0 (commit 1a2b3c4d5e)": what scripts and bug reports need.
const char* const kVersionLine = "hostingctl " HOSTINGCTL_VERSION " (commit " HOSTINGCTL_COMMIT ")";
} // namespace

namespace hostingctl::cli {

namespace {

void print_error(const std::string& message, const std::string& hint) {
    std::fputs(trf("hostingctl: error: {}", message).c_str(), stderr);
    std::fputc('\n', stderr);
    if (!hint.empty()) {
        std::fputs(trf("hint: {}", hint).c_str(), stderr);
        std::fputc('\n', stderr);
    }
}

// The deepest subcommand the parser entered.
CLI::App* deepest(CLI::App* app) {
    for (CLI::App* sub : app->get_subcommands())
        return deepest(sub);
    return app;
}

std::string command_path(CLI::App* app) {
    std::string path;
    for (CLI::App* a = app; a; a = a->get_parent())
        path = a->get_parent() ? a->get_name() + (path.empty() ? "" : " " + path)
                               : "hostingctl" + (path.empty() ? "" : " " + path);
    return path;
}

// The option names a command knows (--long and -s forms), for "did you mean".
std::vector<std::string> option_names(const CLI::App* at) {
    std::vector<std::string> names;
    for (const CLI::App* a = at; a; a = a->get_parent())
        for (const CLI::Option* o : a->get_options()) {
            for (const std::string& l : o->get_lnames())
                names.push_back("--" + l);
            for (const std::string& sn : o->get_snames())
                names.push_back("-" + sn);
        }
    return names;
}

std::string upper(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return s;
}

// The required options and arguments of a command that were not given, as
// they are written on the command line (--agency, ID).
std::vector<std::string> missing_required(const CLI::App* at) {
    std::vector<std::string> missing;
    for (const CLI::Option* o : at->get_options())
        if (o->get_required() && o->count() == 0)
            missing.push_back(o->nonpositional() ? o->get_name(false, false)
                                                 : upper(o->get_name()));
    return missing;
}

// Turns a CLI11 parse error into our message: "did you mean" for a
// mistyped command or option name (named before anything it left missing),
// and every missing required option at once.
int usage_error(CLI::App& app, const CLI::ParseError& e) {
    CLI::App* at = deepest(&app);
    std::string hint = trf("see '{} --help'", command_path(at));
    std::string message = e.what();
    std::vector<std::string> names;
    for (const CLI::App* sub : at->get_subcommands({}))
        names.push_back(sub->get_name());
    // With fallthrough, an unknown word may sit in any level's leftovers.
    std::vector<std::string> extras;
    for (CLI::App* a = at; a && extras.empty(); a = a->get_parent())
        extras = a->remaining();
    const auto unknown_option =
        std::find_if(extras.begin(), extras.end(), [](const std::string& w) {
            return w.starts_with("-") && w.size() > 1 && w != "--";
        });
    if (unknown_option != extras.end()) {
        std::string word = unknown_option->substr(0, unknown_option->find('='));
        message = trf("'{}' is not an option of {}", text::shown(word), command_path(at));
        std::string c = text::closest(word, option_names(at));
        if (!c.empty())
            hint = trf("did you mean '{}'? (see '{} --help')", c, command_path(at));
    } else if (!names.empty() && !extras.empty()) {
        std::string word = extras.front();
        message = trf("'{}' is not a {} command", text::shown(word), command_path(at));
        std::string c = text::closest(word, names);
        if (!c.empty())
            hint = trf("did you mean '{} {}'?", command_path(at), c);
        else
            hint = trf("commands: {}", text::join(names, ", "));
    } else if (dynamic_cast<const CLI::RequiredError*>(&e) && !names.empty() &&
               at->get_subcommands().empty() && message.find("subcommand") != std::string::npos) {
        message = trf("'{}' needs a command", command_path(at));
        hint = trf("commands: {}", text::join(names, ", "));
    } else if (dynamic_cast<const CLI::RequiredError*>(&e)) {
        std::vector<std::string> missing = missing_required(at);
        if (!missing.empty())
            message = ntrf("{} is required", "these are required: {}", missing.size(),
                           text::join(missing, ", "));
    }
    // CLI11's own words, in the user's language.
    std::smatch m;
    if (dynamic_cast<const CLI::ExtrasError*>(&e) && unknown_option == extras.end() &&
        names.empty() && !extras.empty()) {
        message =
            trf("'{}' is one word too many for {}", text::shown(extras.front()), command_path(at));
        hint = trf("put a value with spaces in quotes; see '{} --help'", command_path(at));
    } else if (std::regex_match(message, m, std::regex("Could not convert: (\\S+) = (.*)"))) {
        message = trf("{} takes a number, not '{}'", m[1].str(), text::shown(m[2].str()));
    } else if (std::regex_match(message, m,
                                std::regex("(\\S+): Value (.*) not in range (\\S+) to (\\S+)"))) {
        message = trf("{} must be {} to {}, not '{}'", m[1].str(), m[3].str(), m[4].str(),
                      text::shown(m[2].str()));
    } else if (std::regex_match(message, m,
                                std::regex("(\\S+): At Most \\d+ required but received \\d+"))) {
        message = trf("{} is given more than once", m[1].str());
    } else if (std::regex_match(message, m, std::regex("(\\S+): \\d+ required (\\S+) missing"))) {
        // TRANSLATORS: an option, then the kind of value it takes (TEXT, INT, DIR).
        message = trf("{} needs a value ({})", m[1].str(), m[2].str());
    } else if (std::regex_match(message, m, std::regex("(\\S+) excludes (\\S+)"))) {
        message = trf("{} cannot be given with {}", m[1].str(), m[2].str());
    } else if (std::regex_match(message, m, std::regex("(\\S+) requires (\\S+)"))) {
        message = trf("{} is only for use with {}", m[1].str(), m[2].str());
    }
    print_error(message, hint);
    return static_cast<int>(Exit::usage);
}

// Chooses the language of this run's messages before any help text is
// registered: the store's `language:` when it sets one, else the locale.
void choose_language(int argc, char** argv) {
    std::string flag;
    for (int i = 1; i < argc; ++i) {
        std::string_view a = argv[i];
        if (a == "--")
            break;
        if (a == "--store" && i + 1 < argc)
            flag = argv[i + 1];
        else if (a.starts_with("--store="))
            flag = std::string(a.substr(8));
    }
    std::string lang;
    try {
        lang = Store::configured_language(Store::locate(flag));
    } catch (const Error&) {
        // No store to be found: the command says so if it needs one.
    }
    i18n::set_language(lang.empty() ? i18n::language_from_environment() : lang);
}

// Puts the help of every command and option into the chosen language: the
// descriptions are written as literals in each setup_* (po/extract.sh
// knows add_option, add_flag and add_subcommand), and CLI11's own words.
void translate_help(CLI::App& app) {
    app.description(tr(app.get_description().c_str()));
    if (CLI::Option* help = app.get_help_ptr())
        help->description(tr("print this help and exit"));
    if (CLI::Option* version = app.get_version_ptr())
        version->description(tr("print the version and exit"));
    for (CLI::Option* opt : app.get_options({})) {
        if (opt->get_group() == "Options")
            opt->group(tr("Options"));
        opt->description(tr(opt->get_description().c_str()));
    }
    for (CLI::App* sub : app.get_subcommands({})) {
        if (sub->get_group() == "Subcommands")
            sub->group(tr("Commands"));
        translate_help(*sub);
    }
}

} // namespace

int run(int argc, char** argv) {
    // The fast path keeps `--version` instant for scripts that probe it.
    if (argc == 2 && std::strcmp(argv[1], "--version") == 0) {
        std::printf("%s\n", kVersionLine);
        return 0;
    }
    choose_language(argc, argv);
    Context ctx;
    CLI::App app{N_("hostingctl — hosting requests of a city Diskominfo, from the agency's letter "
                    "to the access document"),
                 "hostingctl"};
    app.set_version_flag("--version", kVersionLine);
    app.require_subcommand(1);
    app.fallthrough();
    Globals& g = ctx.globals;
    app.add_option("--store", g.store,
                   "store directory (default: $HOSTINGCTL_STORE, else "
                   "$XDG_DATA_HOME/hostingctl)")
        ->type_name("DIR")
        // An empty --store (a script's unset variable) would fall back to
        // $HOSTINGCTL_STORE: another store than the one meant.
        ->check(CLI::Validator(
            [](std::string& v) {
                return v.empty() ? std::string(tr("give a directory, not an empty value"))
                                 : std::string();
            },
            ""));
    app.add_flag("--json", g.json, "print data as JSON (documented keys; see the man page)");
    app.add_flag("-q,--quiet", g.quiet, "print nothing but errors");
    app.add_flag("-v,--verbose", g.verbose, "say more on stderr");
    app.add_flag("--no-color", g.no_color, "no colours (also when NO_COLOR is set)");
    app.add_flag("-y,--yes", g.yes, "assume yes; never prompt");

    setup_init(app, ctx);
    setup_staff(app, ctx);
    setup_agency(app, ctx);
    setup_request(app, ctx);
    setup_complaint(app, ctx);
    setup_calendar(app, ctx);
    setup_report(app, ctx);
    setup_survey(app, ctx);
    setup_audit(app, ctx);
    setup_store(app, ctx);
    setup_server(app, ctx);
    setup_doc(app, ctx);
    translate_help(app);
    auto fmt = app.get_formatter();
    fmt->label("Usage", tr("Usage"));
    fmt->label("OPTIONS", tr("OPTIONS"));
    fmt->label("SUBCOMMAND", tr("COMMAND"));
    fmt->label("SUBCOMMANDS", tr("COMMANDS"));
    fmt->label("Positionals", tr("Positionals"));
    fmt->label("REQUIRED", tr("REQUIRED"));
    fmt->label("Excludes", tr("Excludes"));
    fmt->label("Needs", tr("Needs"));
    fmt->label("Env", tr("Env"));

    try {
        app.parse(argc, argv);
        std::fflush(stdout);
        return 0;
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        return usage_error(app, e);
    } catch (const Error& e) {
        std::fflush(stdout);
        print_error(e.what(), e.hint());
        return static_cast<int>(e.code());
    } catch (const std::exception& e) {
        std::fflush(stdout);
        print_error(e.what(), tr("this is unexpected; please report it with the command you ran"));
        return static_cast<int>(Exit::failure);
    }
}

} // namespace hostingctl::cli
