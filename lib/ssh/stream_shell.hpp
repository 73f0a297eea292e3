#pragma once
// The batch protocol of Shell over the three byte streams of a `bash -s`
// (its standard input, output and error), whatever carries them: an SSH
// channel (ssh/session) or a local process (ssh/local).
//
// A batch is sent as
//     ( eval '<script>' ) </dev/null
//     s=$?; printf '\n%s\n' MARK >&2; printf '\n%s %s\n' MARK "$s"
// where MARK holds a random nonce of the session and the batch's number, so
// no output of a command can pass for it; bash reads the whole subshell
// before running it, so sending never waits on output.  Standard output and
// error are read together until both carry the mark: neither can fill up
// and block the other.
#include "ssh/shell.hpp"

#include <chrono>
#include <string>

namespace hostingctl::ssh {

class StreamShell : public Shell {
  protected:
    Result batch(std::string_view script, std::chrono::milliseconds timeout) override;

    using Clock = std::chrono::steady_clock;
    StreamShell();

    // Sends all of `data` to the shell's standard input; Error(remote) when
    // it cannot.
    virtual void send(std::string_view data, Clock::time_point deadline) = 0;
    // Waits for output until `deadline`, appending what arrived to `out` and
    // `err`; false when the shell has ended (end of file on both).
    virtual bool receive(std::string& out, std::string& err, Clock::time_point deadline) = 0;
    // Ends the shell after a failure; no batch runs afterwards.
    virtual void abort() noexcept = 0;

  private:
    std::string nonce_;
    unsigned long batches_ = 0;
    bool broken_ = false;
};

} // namespace hostingctl::ssh
