#include "ssh/shell.hpp"

#include "util/error.hpp"
#include "util/i18n.hpp"
#include "util/shell.hpp"
#include "util/text.hpp"

#include <fmt/format.h>

namespace hostingctl::ssh {

namespace {

// `message` says what failed where; what the server said follows it.
[[noreturn]] void remote_failure(std::string message, const Result& r) {
    std::string err(text::trim(r.err));
    throw Error(Exit::remote, err.empty() ? message : message + ": " + err);
}

} // namespace

std::string command_script(const std::vector<std::string>& argv, std::string_view input) {
    if (input.empty())
        return shell::command(argv) + " </dev/null\n";
    return fmt::format("printf %s {} | base64 -d | {}\n", shell::quote(shell::base64(input)),
                       shell::command(argv));
}

std::string read_file_script(const std::string& path) {
    const std::string p = shell::quote(path);
    return fmt::format("if [ ! -e {0} ] && [ ! -L {0} ]; then exit 3; fi\n"
                       "base64 -w0 <{0} || exit 1\n",
                       p);
}

std::string write_file_script(const std::string& path, std::string_view content, unsigned mode,
                              const std::string& owner, const std::string& group,
                              const std::string& tmp_dir, bool group_of_dir) {
    const std::string p = shell::quote(path);
    std::string own;
    if (!owner.empty() || !group.empty())
        own = fmt::format(" && chown {} \"$t\"",
                          shell::quote(owner + (group.empty() ? "" : ":" + group)));
    // The temporary file beside the target, so that the move is a rename;
    // the content is written by printf, a builtin, with no process.
    const size_t slash = path.rfind('/');
    const std::string parent = slash == std::string::npos ? "."
                               : slash == 0               ? "/"
                                                          : path.substr(0, slash);
    const std::string dir = tmp_dir.empty() ? parent : tmp_dir;
    if (group_of_dir)
        own += fmt::format(" && chgrp --reference={} \"$t\"", shell::quote(parent));
    // Text goes as it is; bytes a shell word cannot hold (NUL) through base64.
    const std::string data = content.find('\0') == std::string_view::npos
                                 ? shell::quote(content)
                                 : shell::quote(shell::base64(content)) + " | base64 -d";
    return fmt::format("t=$(mktemp {4}) || exit 1\n"
                       "if printf %s {1} >\"$t\" && chmod {2:o} \"$t\"{3} && mv -fT \"$t\" {0}; "
                       "then :; else rm -f \"$t\"; exit 1; fi\n",
                       p, data, mode & 07777, own,
                       shell::quote((dir == "/" ? "" : dir) + "/.hostingctl.XXXXXXXX"));
}

Result Shell::run(const std::vector<std::string>& argv, std::string_view input) {
    return run_script(command_script(argv, input));
}

std::optional<std::string> Shell::read_file(const std::string& path) {
    Result r = run_script(read_file_script(path));
    if (r.status == 3)
        return std::nullopt;
    if (!r.ok())
        // TRANSLATORS: a file, the server and the exit status of the command.
        remote_failure(trf("reading {} on {} failed (exit status {})", path, where(), r.status), r);
    return shell::unbase64(r.out);
}

void Shell::write_file(const std::string& path, std::string_view content, unsigned mode,
                       const std::string& owner, const std::string& group) {
    Result r = run_script(write_file_script(path, content, mode, owner, group));
    if (!r.ok())
        // TRANSLATORS: a file, the server and the exit status of the command.
        remote_failure(trf("writing {} on {} failed (exit status {})", path, where(), r.status), r);
}

} // namespace hostingctl::ssh
