#pragma once
// A Shell on a server over SSH (libssh), with strict host-key checking
// against one known_hosts file — the store's — and nothing else: neither
// ~/.ssh/known_hosts, nor /etc/ssh/ssh_known_hosts, nor any ssh_config is
// read.  An unknown key is refused (Error(host_key), hint: server trust); a
// changed key is refused loudly; in both cases no command runs and no
// password or key is offered to the server.
//
// One SSH session and one channel per server: the channel runs
// `bash --noprofile --norc -s` (under `sudo -n` for `become: sudo`), and
// every batch of the plan goes down it (see stream_shell.hpp).
#include "ssh/stream_shell.hpp"

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>

namespace hostingctl::ssh {

struct Target {
    std::string name; // the server's name in the inventory, for messages
    std::string host; // name or address
    int port = 22;
    std::string user = "root";
    std::string identity_file; // a private key without passphrase; empty: the SSH agent
    bool become_sudo = false;  // run the shell under `sudo -n` (user is not root)
    std::filesystem::path known_hosts;
    std::chrono::seconds connect_timeout{10};

    std::string where() const; // user@host:port
};

struct HostKey {
    std::string type;             // e.g. ssh-ed25519
    std::string fingerprint;      // SHA256:...
    std::string known_hosts_line; // the line for the known_hosts file
};

enum class KeyState { known, unknown, changed };

struct KeyScan {
    HostKey key;
    KeyState state = KeyState::unknown;
};

// Connects far enough to see the server's host key and compares it with
// the known_hosts file; logs in to nothing.  Error(remote) when the server
// cannot be reached.
KeyScan scan_host_key(const Target& t);

class Session;

class SshShell : public StreamShell {
  public:
    // Connects, checks the host key (Error(host_key) unless known), logs in
    // by key or agent, and starts the shell (checking `sudo -n` works).
    static std::unique_ptr<SshShell> open(const Target& t);
    ~SshShell() override;

    std::string where() const override { return where_; }

  protected:
    void send(std::string_view data, Clock::time_point deadline) override;
    bool receive(std::string& out, std::string& err, Clock::time_point deadline) override;
    void abort() noexcept override;

  private:
    SshShell(std::unique_ptr<Session> s, std::string where);
    std::unique_ptr<Session> session_;
    std::string where_;
};

} // namespace hostingctl::ssh
