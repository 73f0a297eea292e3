#pragma once
// A Shell that runs `bash -s` on this machine, with the same batch protocol
// as over SSH: the plan logic and the protocol are tested without a server.
#include "ssh/stream_shell.hpp"

#include <sys/types.h>

namespace hostingctl::ssh {

class LocalShell : public StreamShell {
  public:
    LocalShell();
    ~LocalShell() override;
    LocalShell(const LocalShell&) = delete;
    LocalShell& operator=(const LocalShell&) = delete;

    std::string where() const override;

  protected:
    void send(std::string_view data, Clock::time_point deadline) override;
    bool receive(std::string& out, std::string& err, Clock::time_point deadline) override;
    void abort() noexcept override;

  private:
    pid_t pid_ = -1;
    int in_ = -1, out_ = -1, err_ = -1;
};

} // namespace hostingctl::ssh
