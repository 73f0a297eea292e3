#pragma once
// One error type for the whole library.  Low-level code throws Error with an
// exit code and a hint; the single catch in cli/main.cpp prints
// "hostingctl: error: ..." and the hint, and exits with the code.
#include <stdexcept>
#include <string>

namespace hostingctl {

// Documented exit codes (man page, EXIT STATUS).  Values never change.
enum class Exit : int {
    ok = 0,
    failure = 1,      // unexpected failure (I/O error, bug)
    usage = 2,        // bad command line
    not_found = 3,    // a request, staff member, agency or file does not exist
    invalid = 4,      // input failed validation; nothing was written
    refused = 5,      // illegal workflow transition or wrong role/recording policy
    conflict = 6,     // already exists / already taken (store, id, domain)
    damaged = 7,      // a store file is damaged or of a newer schema
    lock_timeout = 8, // another process held the store lock too long
    remote = 9,       // remote command or SSH failure
    host_key = 10,    // SSH host key unknown or changed
    sla_breach = 11,  // report sla --fail-on-breach found late requests
};

class Error : public std::runtime_error {
  public:
    Error(Exit code, std::string message, std::string hint = {})
        : std::runtime_error(std::move(message)), code_(code), hint_(std::move(hint)) {}
    Exit code() const noexcept { return code_; }
    const std::string& hint() const noexcept { return hint_; }

  private:
    Exit code_;
    std::string hint_;
};

} // namespace hostingctl
