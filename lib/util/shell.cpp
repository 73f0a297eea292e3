#include "util/shell.hpp"

#include "util/error.hpp"
#include "util/i18n.hpp"

#include <fmt/format.h>

namespace hostingctl::shell {

namespace {

bool bare(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           std::string_view("_@%+=:,./-").find(c) != std::string_view::npos;
}

constexpr std::string_view kAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

} // namespace

std::string quote(std::string_view word) {
    if (word.find('\0') != std::string_view::npos)
        throw Error(Exit::invalid,
                    tr("a value holds a NUL byte and cannot be passed to a command"));
    bool plain = !word.empty();
    for (char c : word)
        plain = plain && bare(c);
    if (plain)
        return std::string(word);
    std::string out = "'";
    for (char c : word) {
        if (c == '\'')
            out += "'\\''";
        else
            out += c;
    }
    out += '\'';
    return out;
}

std::string say(std::string_view message) {
    return "printf '%s\\n' " + quote(message);
}

std::string command(const std::vector<std::string>& argv) {
    if (argv.empty())
        throw Error(Exit::invalid, tr("an empty command"));
    std::string out;
    for (const auto& w : argv) {
        if (!out.empty())
            out += ' ';
        out += quote(w);
    }
    return out;
}

std::string base64(std::string_view data) {
    std::string out;
    out.reserve((data.size() + 2) / 3 * 4);
    size_t i = 0;
    for (; i + 2 < data.size(); i += 3) {
        const unsigned v = (static_cast<unsigned char>(data[i]) << 16) |
                           (static_cast<unsigned char>(data[i + 1]) << 8) |
                           static_cast<unsigned char>(data[i + 2]);
        out += kAlphabet[(v >> 18) & 63];
        out += kAlphabet[(v >> 12) & 63];
        out += kAlphabet[(v >> 6) & 63];
        out += kAlphabet[v & 63];
    }
    if (i < data.size()) {
        unsigned v = static_cast<unsigned char>(data[i]) << 16;
        if (i + 1 < data.size())
            v |= static_cast<unsigned char>(data[i + 1]) << 8;
        out += kAlphabet[(v >> 18) & 63];
        out += kAlphabet[(v >> 12) & 63];
        out += i + 1 < data.size() ? kAlphabet[(v >> 6) & 63] : '=';
        out += '=';
    }
    return out;
}

std::string unbase64(std::string_view text) {
    std::string out;
    unsigned acc = 0;
    int bits = 0;
    bool ended = false;
    for (char c : text) {
        if (c == ' ' || c == '\n' || c == '\r' || c == '\t')
            continue;
        if (c == '=') {
            ended = true;
            continue;
        }
        size_t v = kAlphabet.find(c);
        if (v == std::string_view::npos || ended)
            throw Error(Exit::failure,
                        tr("a reply in base64 holds a character that is not base64"));
        acc = (acc << 6) | static_cast<unsigned>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += static_cast<char>((acc >> bits) & 0xff);
        }
    }
    return out;
}

} // namespace hostingctl::shell
