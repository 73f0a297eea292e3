#include "validate/server_values.hpp"

#include "util/error.hpp"
#include "util/i18n.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <arpa/inet.h>
#include <charconv>
#include <fmt/format.h>

namespace hostingctl::validate {

namespace {

[[noreturn]] void invalid(std::string message, std::string hint = {}) {
    throw Error(Exit::invalid, std::move(message), std::move(hint));
}

using text::shown;

bool alnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

} // namespace

std::string ip_address(std::string_view field, std::string_view value) {
    const std::string v(value);
    unsigned char buf[16];
    char out[INET6_ADDRSTRLEN];
    if (::inet_pton(AF_INET, v.c_str(), buf) == 1 && ::inet_ntop(AF_INET, buf, out, sizeof out))
        return out;
    if (::inet_pton(AF_INET6, v.c_str(), buf) == 1 && ::inet_ntop(AF_INET6, buf, out, sizeof out))
        return out;
    invalid(trf("{} '{}' is not an IP address", field, shown(value)),
            tr("write an IPv4 address such as 203.0.113.10, or an IPv6 address"));
}

std::string host(std::string_view field, std::string_view value) {
    if (value.empty())
        invalid(trf("{} is empty", field));
    if (value.find(':') != std::string_view::npos ||
        std::all_of(value.begin(), value.end(),
                    [](char c) { return (c >= '0' && c <= '9') || c == '.'; }))
        return ip_address(field, value);
    if (value.size() > 253)
        invalid(trf("{} '{}' is longer than 253 characters", field, shown(value)));
    for (const auto& label : text::split(value, '.')) {
        if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-' ||
            !std::all_of(label.begin(), label.end(), [](char c) { return alnum(c) || c == '-'; }))
            invalid(trf("{} '{}' is not a host name or an IP address", field, shown(value)),
                    tr("letters, digits, hyphens and dots, e.g. web01.pekalongankota.go.id"));
    }
    return text::lower(value);
}

std::string absolute_path(std::string_view field, std::string_view value) {
    if (value.empty() || value.front() != '/')
        invalid(trf("{} '{}' is not an absolute path", field, shown(value)), tr("start it with /"));
    if (value.size() > 255)
        invalid(trf("{} is longer than 255 characters", field));
    for (char c : value)
        if (!alnum(c) && std::string_view("_.@+/-").find(c) == std::string_view::npos)
            invalid(trf("{} '{}' holds '{}'", field, shown(value), shown(std::string_view(&c, 1))),
                    tr("a path here may hold letters, digits and _ . @ + / - only"));
    for (const auto& part : text::split(value.substr(1), '/'))
        if (part == "." || part == "..")
            invalid(trf("{} '{}' holds a '{}' component", field, shown(value), part),
                    tr("write the path without . and .."));
    std::string out(value);
    while (out.size() > 1 && out.back() == '/')
        out.pop_back();
    return out;
}

std::vector<std::string> command_line(std::string_view field,
                                      const std::vector<std::string>& words) {
    if (words.empty() || words.front().empty())
        invalid(trf("{} is empty", field), tr("give the command and its arguments"));
    for (const auto& w : words) {
        if (w.size() > 1024)
            invalid(trf("{}: an argument is longer than 1024 characters", field));
        for (char c : w)
            if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
                invalid(trf("{}: argument '{}' holds a control character", field, shown(w)));
    }
    const std::string& cmd = words.front();
    if (cmd.front() == '/')
        absolute_path(field, cmd);
    else if (!std::all_of(cmd.begin(), cmd.end(), [](char c) {
                 return alnum(c) || std::string_view("_.+-").find(c) != std::string_view::npos;
             }))
        invalid(trf("{}: '{}' is not a command name", field, shown(cmd)),
                tr("the first word is a program: a plain name found in PATH, or an absolute path"));
    return words;
}

std::string listen_address(std::string_view field, std::string_view value) {
    std::string_view port = value;
    size_t colon = value.rfind(':');
    if (colon != std::string_view::npos) {
        std::string_view addr = value.substr(0, colon);
        port = value.substr(colon + 1);
        if (addr.size() > 2 && addr.front() == '[' && addr.back() == ']')
            addr = addr.substr(1, addr.size() - 2);
        if (addr != "*")
            ip_address(field, addr);
    }
    long n = 0;
    auto [p, ec] = std::from_chars(port.data(), port.data() + port.size(), n);
    if (port.empty() || ec != std::errc() || p != port.data() + port.size() || n < 1 || n > 65535)
        invalid(trf("{} '{}' is not a port or address:port", field, shown(value)),
                tr("e.g. 80 or 127.0.0.1:8080"));
    return std::string(value);
}

std::string user_prefix(std::string_view field, std::string_view value) {
    if (value.size() > 12 || value.empty() || value.front() < 'a' || value.front() > 'z' ||
        !std::all_of(value.begin(), value.end(), [](char c) {
            return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
        }))
        invalid(trf("{} '{}' is not a user name prefix", field, shown(value)),
                tr("a-z first, then a-z, 0-9 and -, at most 12 characters"));
    return std::string(value);
}

std::string php_version(std::string_view field, std::string_view value) {
    auto parts = text::split(value, '.');
    auto digits = [](const std::string& p) {
        return !p.empty() && p.size() <= 2 &&
               std::all_of(p.begin(), p.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    if (parts.size() != 2 || !digits(parts[0]) || !digits(parts[1]))
        invalid(trf("{} '{}' is not a PHP version", field, shown(value)),
                tr("write major.minor, e.g. 8.2"));
    return std::string(value);
}

} // namespace hostingctl::validate
