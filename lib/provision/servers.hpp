#pragma once
// Reaching the servers of the inventory: how to log in to one (the store's
// known_hosts, nothing else), and `server check`: everything provisioning
// will need on it, checked in one batch.
#include "inventory/inventory.hpp"
#include "ssh/session.hpp"

#include <string>
#include <vector>

namespace hostingctl {

class Store;

// The store's known_hosts file.
std::filesystem::path known_hosts_file(const Store& store);

// How to log in to `s` (as servers.yaml gives it).
ssh::Target ssh_target(const Store& store, const Server& s);

struct ServerCheckItem {
    std::string what;  // e.g. "nginx config test", in English (--json)
    std::string label; // the same in the user's language
    bool ok = false;
    std::string detail; // why not, or what was found
};

// Logs in (Error(host_key) / Error(remote) when that fails) and checks, in
// one batch: the web server, its config test, the site and virtual-host
// directories, PHP-FPM, the TLS files, MariaDB, the zones changed on this
// server, and the tools the plan runs (useradd, chpasswd, ...).
std::vector<ServerCheckItem> check_server(const Store& store, const Inventory& inv,
                                          const Server& s);

} // namespace hostingctl
