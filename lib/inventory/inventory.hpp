#pragma once
// The server inventory (servers.yaml, PRODUCT §6): the hosts hostingctl
// logs in to, what each serves (a web server with PHP-FPM, MariaDB), and
// the DNS zones with how each is changed.  Debian's layout is the default
// for every path and command; each can be overridden per server, so the
// same code drives a stock Debian server and the test lab.
//
// Everything here is validated when read (a bad value makes the file
// damaged, with file and line) and when changed by `server add|edit`:
// names, hosts, users, paths and command words are strict, because they
// reach commands and config files on the servers.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hostingctl {

class Store;

using CommandLine = std::vector<std::string>; // an argument vector, never a shell string

// "nginx -t -q" as {"nginx", "-t", "-q"}: words at spaces, no shell rules
// (how a command is typed on the command line or as a YAML string).
CommandLine command_words(std::string_view s);

enum class WebKind { nginx, apache };
const char* to_string(WebKind k);

struct WebServer {
    WebKind kind = WebKind::nginx;
    std::string php;                      // PHP-FPM version ("8.2"); empty: no PHP on this server
    std::string sites_root;               // a site lives in <sites_root>/<domain>
    std::string vhost_dir;                // virtual host files, <vhost_dir>/<domain>.conf
    std::string php_pool_dir;             // PHP-FPM pools, <php_pool_dir>/<domain>.conf
    std::string php_socket_dir;           // the pools' sockets
    CommandLine test;                     // config test
    CommandLine reload;                   // graceful reload
    CommandLine php_reload;               // PHP-FPM reload
    CommandLine php_test;                 // PHP-FPM config test
    std::string tls_certificate, tls_key; // paths on the server; both or neither
    int capacity = 50;                    // sites
    std::string listen_http;              // [address:]port the sites listen on ("80")
    std::string listen_https;             // and with TLS ("443")
    std::string web_user;         // the web server's user, owner of PHP-FPM sockets ("www-data")
    std::string site_user_prefix; // before the request number in a site's Unix user name
};

struct DatabaseServer {
    CommandLine client; // the MariaDB client as its admin (root over the socket by default)
};

struct Server {
    std::string name;
    std::string host;
    int port = 22;
    std::string user = "root";
    std::string identity_file; // on this machine; empty: the SSH agent
    bool become_sudo = false;
    std::string public_ip; // what A records point to
    std::optional<WebServer> web;
    std::optional<DatabaseServer> database;
};

enum class ZoneKind { bind_zonefile, nsupdate };
const char* to_string(ZoneKind k);

struct Zone {
    std::string zone; // e.g. pekalongankota.go.id
    ZoneKind kind = ZoneKind::bind_zonefile;
    std::string server; // the inventory server the zone is changed on
    // bind-zonefile
    std::string file;   // the zone file
    CommandLine check;  // checks a zone file: CHECK ZONE FILE
    CommandLine reload; // reloads the zone: RELOAD ZONE
    // nsupdate
    std::string nameserver; // where updates go (from the server)
    int nameserver_port = 53;
    std::string key_file; // the TSIG key, on the server
    CommandLine nsupdate; // the nsupdate command
    int ttl = 3600;
};

struct Inventory {
    std::vector<Server> servers;
    std::vector<Zone> zones;

    const Server* find(std::string_view name) const;
    std::vector<std::string> names() const;
    // The zone `domain` falls in (the longest match), or nullptr.
    const Zone* zone_of(std::string_view domain) const;
};

inline constexpr int kInventorySchema = 1;

// A server or zone as the file gives it, with every path and command it
// leaves out filled in with Debian's (what provisioning uses).  The file
// keeps only what was given, so a change of PHP version moves the default
// pool directory with it.
Server resolved(Server s);
Zone resolved(Zone z);

// Validates every field (Error(invalid) naming the field), and across the
// inventory: unique names and zones, zones on known servers.
void validate_server(const Server& s);
void validate_inventory(const Inventory& inv);

// servers.yaml of the store; an empty inventory when there is none.
// Error(damaged) with file and line for a bad file.
Inventory read_inventory(const Store& store);
Inventory parse_inventory(const std::filesystem::path& path, const std::string& text);
// The file's text: what was given, defaults left out.
std::string encode_inventory(const Inventory& inv);

} // namespace hostingctl
