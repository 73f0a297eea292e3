#pragma once
// Checks of the values of the server inventory that reach commands, config
// files and zones on the servers: strict shapes, so that quoting is a
// second wall and never the only one.  Each returns the value as it is to
// be used, or throws Error(invalid) naming `field`.
#include <string>
#include <string_view>
#include <vector>

namespace hostingctl::validate {

// A host to connect to: an IPv4 or IPv6 address, or a DNS name
// (letters, digits, hyphens and dots).
std::string host(std::string_view field, std::string_view value);
// An IPv4 or IPv6 address, in its canonical text.
std::string ip_address(std::string_view field, std::string_view value);
// An absolute path of plain characters ([A-Za-z0-9_.@+/-]), without "."
// or ".." components, at most 255 bytes.
std::string absolute_path(std::string_view field, std::string_view value);
// A command's argument vector: at least one word, each printable without
// control characters, and the first an absolute path or a plain name.
std::vector<std::string> command_line(std::string_view field,
                                      const std::vector<std::string>& words);
// Where a web server listens: "80", "127.0.0.1:8080" or "[::1]:8443".
std::string listen_address(std::string_view field, std::string_view value);
// A prefix of Unix user names: [a-z][a-z0-9-]*, at most 12 characters.
std::string user_prefix(std::string_view field, std::string_view value);
// A PHP version as Debian names its packages: "8.2".
std::string php_version(std::string_view field, std::string_view value);

} // namespace hostingctl::validate
