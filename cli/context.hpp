#pragma once
// What every command gets: the global options, the output channel and a way
// to open the store.  CLI11 stays in cli/; the library never sees it.
#include "people/people.hpp"
#include "store/store.hpp"
#include "util/json.hpp"
#include "workflow/request_rows.hpp"

#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace hostingctl::cli {

struct Globals {
    std::string store;
    bool json = false;
    bool quiet = false;
    int verbose = 0;
    bool no_color = false;
    bool yes = false;
};

// Human output goes to stdout; diagnostics to stderr.  With --json, data
// commands print exactly one JSON document on stdout.
class Output {
  public:
    explicit Output(const Globals& g);
    bool json() const { return g_.json; }
    bool quiet() const { return g_.quiet; }
    int verbosity() const { return g_.verbose; }
    bool color() const;

    void print_json(const Json& j) const;
    // A line of human output (not printed with --json, nor with -q unless
    // `even_quiet`: for reports that must speak when something is wrong).
    void line(const std::string& s, bool even_quiet = false) const;
    // Raw text on stdout, whatever the flags (reports written to stdout).
    void raw(const std::string& s) const;
    // Progress/diagnostic on stderr, only with -v.
    void verbose(const std::string& s) const;
    void warn(const std::string& s) const;
    // A remark on stderr ("hostingctl: ..."), not printed with -q.
    void note(const std::string& s) const;
    // Warns, once per run, that the answer depends on provisional calendar
    // years (nothing when `years` is empty).
    void warn_provisional(const std::set<int>& years) const;

    // ANSI styling when colour is on; plain text otherwise.
    std::string bold(const std::string& s) const;
    std::string dim(const std::string& s) const;
    std::string status(const std::string& status) const; // coloured status word
    std::string mark(const std::string& mark) const;     // "late" red, "at risk" yellow

    // A column-aligned table with a header row.
    void table(const std::vector<std::string>& header,
               const std::vector<std::vector<std::string>>& rows, bool even_quiet = false) const;

    // Asks "question [y/N]" on a TTY; without a TTY refuses unless --yes.
    bool confirm(const std::string& question) const;

  private:
    const Globals& g_;
    mutable int terminal_ = -1; // colour-capable stdout: -1 not yet asked
    mutable bool warned_provisional_ = false;
};

// A mark of an SLA clock (sla_mark: late, at risk, paused) in the reader's
// language.
const char* mark_text(const std::string& m);

// The data and note of an event on one line: key=value ... "note"
// (control characters become spaces).
std::string event_details(const Event& e);
// The `log` command of requests and complaints: a table of the events, or
// with --json an array of event objects.  For a request, `back` (from
// taken_back) marks the steps a revert took back ("taken_back" in JSON).
void print_event_log(const Output& out, const std::vector<Event>& events,
                     const std::vector<bool>& back = {});

// Files a listing or report could not read: each is named on stderr
// before the output (warn_unreadable), and after the output the command
// fails with Error(damaged) "<n> <what> could not be read..." and `also`
// (fail_if_unreadable), so a script or cron job never takes a partial
// answer for a whole one.
void warn_unreadable(const Output& out, const std::vector<std::string>& problems);
void fail_if_unreadable(const std::vector<std::string>& problems, std::string_view what,
                        std::string_view also = {});

class Context {
  public:
    Globals globals;
    Output out{globals};
    // Opens the store named by --store/HOSTINGCTL_STORE/XDG (cached).
    const Store& store();
    // All requests through the index (with -v: how many files were parsed).
    RequestList requests();
    // The request number of what the user typed: a number in any letter
    // case or without its zeros, the sequence alone, or a domain (see
    // workflow/find.hpp).  When that differs from what was typed, says on
    // stderr which request it took.
    std::string request_id(const std::string& typed);
    // The complaint number a person typed (ADU-2026-0007, adu-2026-7, or 7
    // for this year's), saying which it is when it was not typed in full.
    std::string complaint_id(const std::string& typed);
    // Who runs this command and when: the Unix login and the clock, read
    // once per run and handed to the library.
    const Caller& caller();
    // The caller's clock in a zone.
    Timestamp now(const TimeZone& tz) { return Timestamp::at(caller().now(), tz); }

  private:
    std::unique_ptr<Store> store_;
    std::optional<Caller> caller_;
};

} // namespace hostingctl::cli
