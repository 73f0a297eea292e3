#pragma once
// A shell on a server: the one interface provisioning talks to (PRODUCT §6).
//
// A Shell is one long-lived `bash -s` (over SSH, or here for tests) to which
// whole scripts are sent as batches: a round trip costs a batch, not a
// command, which is what makes a 50-site plan fast.  Every command of a
// script is built with shell::command() from an argument vector; file
// contents and standard input travel in base64 inside the script, so no
// value is ever parsed by the remote shell, and a secret given as input
// never appears on any command line (printf is a bash builtin).
//
// Each batch runs in a subshell with standard input from /dev/null (a
// command can never read the rest of the protocol), `set +e`, and as one
// `eval` (a syntax error fails that batch, not the session).
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hostingctl::ssh {

struct Result {
    int status = 0;
    std::string out, err;
    bool ok() const { return status == 0; }
};

inline constexpr std::chrono::seconds kDefaultTimeout{120};

class Shell {
  public:
    virtual ~Shell() = default;

    // Runs a bash script as one batch.  Error(remote) when the shell dies or
    // the batch takes longer than `timeout` (the session is then closed).
    Result run_script(std::string_view script,
                      std::chrono::milliseconds timeout = kDefaultTimeout) {
        return batch(script, timeout);
    }

    // Where the shell runs, for messages ("root@127.0.0.1:2222").
    virtual std::string where() const = 0;

    // One command with `input` on its standard input.
    Result run(const std::vector<std::string>& argv, std::string_view input = {});

    // The content of a file; nullopt when it does not exist.  Error(remote)
    // when it cannot be read.
    std::optional<std::string> read_file(const std::string& path);

    // Writes a file atomically (see write_file_script); Error(remote) on
    // failure, naming the file and the remote error.
    void write_file(const std::string& path, std::string_view content, unsigned mode,
                    const std::string& owner = {}, const std::string& group = {});

  protected:
    virtual Result batch(std::string_view script, std::chrono::milliseconds timeout) = 0;
};

// --- script builders, to combine into batches -------------------------------

// `argv` with `input` (may be empty: /dev/null) on its standard input.
std::string command_script(const std::vector<std::string>& argv, std::string_view input = {});

// Prints the file's content in base64 on one line, or exits 3 when there is
// no such file (the rest of the batch is not run).
std::string read_file_script(const std::string& path);

// Writes `content` to a temporary file beside `path`, gives it `mode`
// (octal, e.g. 0644) and, when given, `owner` and `group`, and renames it
// over `path`: a reader sees the old file or the new one, never a part.  On
// failure the temporary file is removed and the batch exits 1.  In a
// directory another user can write (a site's public_html), `tmp_dir` names
// one on the same file system that only root writes: chmod and chown by
// name must never be turned onto another file by a link planted there.
// With `group_of_dir` the file gets the group of the directory it goes
// into, as it would in a set-group-ID directory.
std::string write_file_script(const std::string& path, std::string_view content, unsigned mode,
                              const std::string& owner = {}, const std::string& group = {},
                              const std::string& tmp_dir = {}, bool group_of_dir = false);

} // namespace hostingctl::ssh
