#include "validate/validate.hpp"

#include "util/error.hpp"
#include "util/i18n.hpp"
#include "util/text.hpp"
#include "util/time.hpp"

#include <algorithm>
#include <cctype>
#include <fmt/format.h>
#include <idn2.h>

namespace hostingctl::validate {

namespace {

[[noreturn]] void invalid(std::string message, std::string hint = {}) {
    throw Error(Exit::invalid, std::move(message), std::move(hint));
}

using text::shown;

bool is_lower_alnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

// The hint for a label that is not a valid internationalised name.
constexpr const char* kIdnHint =
    N_("type the name in its own letters (e.g. bücher), or use a-z, digits and hyphens");

// An A-label ("xn--" and punycode) must be the form IDNA2008 gives its own
// decoding (RFC 5891 5.4).  "xn--zz" decodes to nothing, "xn--ls8h" to a
// character no registry accepts, and "xn--bcher-2pa" to "bÜcher", whose
// form is "xn--bcher-kva": each would put a name into DNS and a server's
// config that no browser asks for, or a second spelling of a name already
// taken that the duplicate check cannot see.
void check_a_label(std::string_view label) {
    const std::string in(label);
    char* out = nullptr;
    int rc = idn2_to_unicode_8z8z(in.c_str(), &out, 0);
    std::string decoded;
    if (rc == IDN2_OK) {
        decoded = out;
        idn2_free(out);
    }
    if (rc != IDN2_OK || decoded.empty())
        invalid(trf("domain label '{}' starts with xn-- but does not decode to a name{}",
                    shown(label),
                    rc == IDN2_OK ? std::string() : fmt::format(" ({})", idn2_strerror(rc))),
                tr(kIdnHint));
    uint8_t* encoded = nullptr;
    rc = idn2_lookup_u8(reinterpret_cast<const uint8_t*>(decoded.c_str()), &encoded,
                        IDN2_NONTRANSITIONAL);
    if (rc != IDN2_OK)
        invalid(trf("domain label '{}' decodes to '{}', which is not a valid "
                    "internationalised name: {}",
                    shown(label), shown(decoded), idn2_strerror(rc)),
                tr(kIdnHint));
    std::string again(reinterpret_cast<const char*>(encoded));
    idn2_free(encoded);
    if (again != label)
        invalid(trf("domain label '{}' decodes to '{}', which encodes as '{}', not as "
                    "the label given",
                    shown(label), shown(decoded), shown(again)),
                tr(kIdnHint));
}

void check_label(std::string_view label, std::string_view whole) {
    if (label.empty())
        invalid(trf("domain '{}' has an empty label", shown(whole)),
                tr("remove doubled or leading dots"));
    if (label.size() > 63)
        invalid(trf("domain label '{}' is {} characters long; the limit is 63", shown(label),
                    label.size()));
    for (char c : label)
        if (!is_lower_alnum(c) && c != '-')
            invalid(trf("domain '{}' contains '{}', which is not allowed in a host name",
                        shown(whole), shown(std::string_view(&c, 1))),
                    tr("use letters a-z, digits and hyphens (RFC 1123)"));
    if (label.front() == '-' || label.back() == '-')
        invalid(trf("domain label '{}' starts or ends with a hyphen", shown(label)));
    // Hyphens in the third and fourth place mark an encoded label (RFC 5890
    // 2.3.1); "xn--" is the only encoding, the others are reserved.  libidn2
    // refuses them next to a U-label, so a name typed in ASCII must not
    // slip past.
    if (label.size() >= 4 && label.substr(2, 2) == "--") {
        if (!label.starts_with("xn--"))
            invalid(trf("domain label '{}' has hyphens in the third and fourth place, "
                        "which DNS keeps for encoded names such as xn--",
                        shown(label)),
                    tr("move or drop a hyphen"));
        check_a_label(label);
    }
}

std::string to_ascii(std::string_view value) {
    bool ascii = std::all_of(value.begin(), value.end(),
                             [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    if (ascii)
        return text::lower(value);
    if (!text::valid_utf8(value))
        invalid(tr("domain is not valid UTF-8"));
    std::string in(value);
    char* out = nullptr;
    int rc = idn2_to_ascii_8z(in.c_str(), &out, IDN2_NFC_INPUT | IDN2_NONTRANSITIONAL);
    if (rc != IDN2_OK) {
        invalid(trf("domain '{}' is not a valid internationalised name: {}", shown(value),
                    idn2_strerror(rc)),
                tr("use plain a-z letters, digits and hyphens"));
    }
    std::string result(out);
    idn2_free(out);
    return text::lower(result);
}

} // namespace

std::string text(std::string_view field, std::string_view value, size_t max_bytes, bool multiline,
                 bool required) {
    if (value.size() > max_bytes)
        invalid(trf("{} is {} bytes long; the limit is {}", field, value.size(), max_bytes));
    if (!text::valid_utf8(value))
        invalid(trf("{} is not valid UTF-8", field), tr("check the terminal's encoding"));
    for (unsigned char c : value) {
        if (c == 0)
            invalid(trf("{} contains a NUL byte", field));
        bool allowed_ws = c == '\t' || (multiline && (c == '\n' || c == '\r'));
        if ((c < 0x20 || c == 0x7f) && !allowed_ws)
            invalid(trf("{} contains a control character (\\x{:02x})", field, c),
                    multiline ? "" : tr("give it on one line"));
    }
    // The value is valid UTF-8, so these byte pairs and triples are whole
    // characters.  U+0080-U+009F are control characters too (U+009B starts a
    // terminal escape like ESC [), and U+0085, U+2028 and U+2029 end a line
    // for YAML 1.1, Python's splitlines and older JavaScript: a one-line
    // value must not hold them.
    for (size_t i = 0; i + 1 < value.size(); ++i) {
        const auto b0 = static_cast<unsigned char>(value[i]);
        const auto b1 = static_cast<unsigned char>(value[i + 1]);
        if (b0 == 0xc2 && b1 >= 0x80 && b1 <= 0x9f)
            invalid(trf("{} contains a control character (U+{:04X})", field, b1),
                    multiline ? "" : tr("give it on one line"));
        // The bidirectional embeddings, overrides and isolates (U+202A-U+202E,
        // U+2066-U+2069) reorder the text after them, on a terminal and in
        // a document: "(di.og...)" from "(...go.id)".  Right-to-left text
        // itself is fine.
        if (b0 == 0xe2 && i + 2 < value.size()) {
            const auto b2 = static_cast<unsigned char>(value[i + 2]);
            if ((b1 == 0x80 && b2 >= 0xaa && b2 <= 0xae) ||
                (b1 == 0x81 && b2 >= 0xa6 && b2 <= 0xa9))
                invalid(trf("{} contains a text-direction control (U+{:04X})", field,
                            0x2000 + (b1 - 0x80) * 0x40 + (b2 - 0x80)),
                        tr("type the text without it"));
        }
        if (!multiline && b0 == 0xe2 && b1 == 0x80 && i + 2 < value.size()) {
            const auto b2 = static_cast<unsigned char>(value[i + 2]);
            if (b2 == 0xa8 || b2 == 0xa9)
                invalid(trf("{} contains a line break (U+{:04X})", field, 0x2000 + b2 - 0x80),
                        tr("give it on one line"));
        }
    }
    std::string out(text::trim(value));
    if (required && out.empty())
        invalid(trf("{} must not be empty", field));
    return out;
}

bool is_channel_name(std::string_view name) {
    return !name.empty() && name.size() <= 32 && std::all_of(name.begin(), name.end(), [](char ch) {
        return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_';
    });
}

std::string identifier(std::string_view field, std::string_view value) {
    bool ok = !value.empty() && value.size() <= 32 && value[0] >= 'a' && value[0] <= 'z' &&
              std::all_of(value.begin(), value.end(),
                          [](char c) { return is_lower_alnum(c) || c == '_' || c == '-'; });
    if (!ok)
        invalid(trf("{} '{}' is not a valid identifier", field, shown(value)),
                tr("use 1-32 lowercase letters, digits, '_' or '-', starting with a letter"));
    return std::string(value);
}

std::string unix_user(std::string_view value) {
    bool ok = !value.empty() && value.size() <= 32 &&
              ((value[0] >= 'a' && value[0] <= 'z') || value[0] == '_') &&
              std::all_of(value.begin(), value.end(),
                          [](char c) { return is_lower_alnum(c) || c == '_' || c == '-'; });
    if (!ok)
        invalid(trf("Unix user '{}' is not a valid login name", shown(value)),
                tr("use lowercase letters, digits, '_' or '-' (at most 32)"));
    return std::string(value);
}

std::string nip(std::string_view value) {
    std::string digits;
    for (char c : value) {
        if (c == ' ')
            continue;
        if (!std::isdigit(static_cast<unsigned char>(c)))
            invalid(trf("NIP '{}' must contain only digits", shown(value)));
        digits += c;
    }
    if (digits.size() != 18)
        invalid(trf("NIP '{}' has {} digits; a NIP has 18", shown(value), digits.size()));
    std::string birth = digits.substr(0, 4) + "-" + digits.substr(4, 2) + "-" + digits.substr(6, 2);
    if (!parse_date(birth))
        invalid(trf("NIP '{}' does not start with a valid birth date (YYYYMMDD)", digits));
    if (digits[14] != '1' && digits[14] != '2')
        invalid(trf("NIP '{}': digit 15 must be 1 or 2 (sex code)", digits));
    return digits;
}

std::string letter_number(std::string_view value) {
    std::string v = text(tr("letter number"), value, 100);
    bool has_digit = false;
    for (char c : v) {
        if (std::isdigit(static_cast<unsigned char>(c)))
            has_digit = true;
        else if (!std::isalpha(static_cast<unsigned char>(c)) &&
                 std::string_view("./-_ ()").find(c) == std::string_view::npos)
            invalid(
                trf("letter number '{}' contains '{}'", shown(v), shown(std::string_view(&c, 1))),
                tr("a letter number uses letters, digits and . / - _ ( ), e.g. "
                   "400.7/123/Dinkes/2026"));
    }
    if (!has_digit)
        invalid(trf("letter number '{}' has no digits", shown(v)),
                tr("give the number as written on the letter, e.g. 400.7/123/Dinkes/2026"));
    return v;
}

namespace {

// The local part of an address: dot-separated runs of letters, digits and
// _ % + -, not starting with '-'.  RFC 5322 also allows quotes, backquotes,
// '|', '&', '{', '/' and more, which no office address uses and which mean
// something to a shell or a config the address may reach (certbot --email,
// ServerAdmin); a leading '-' reads as an option to sendmail.
bool email_local_part(std::string_view s) {
    if (s.empty() || s.size() > 64 || s.front() == '.' || s.back() == '.' || s.front() == '-' ||
        s.find("..") != std::string_view::npos)
        return false;
    return std::all_of(s.begin(), s.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) ||
               std::string_view("._%+-").find(c) != std::string_view::npos;
    });
}

} // namespace

std::string email(std::string_view value) {
    std::string v(text::trim(value));
    auto at = v.find('@');
    bool ok = v.size() <= 254 && at != std::string::npos &&
              v.find('@', at + 1) == std::string::npos &&
              email_local_part(std::string_view(v).substr(0, at));
    if (ok) {
        std::string host = text::lower(v.substr(at + 1));
        if (host.find('.') == std::string::npos || host.front() == '.' || host.back() == '.')
            ok = false;
        for (const auto& label : text::split(host, '.'))
            if (ok && (label.empty() || label.size() > 63 || label.front() == '-' ||
                       label.back() == '-' || !std::all_of(label.begin(), label.end(), [](char c) {
                           return is_lower_alnum(c) || c == '-';
                       })))
                ok = false;
    }
    if (!ok)
        invalid(trf("'{}' is not a valid e-mail address", shown(value)),
                tr("write it as name@example.go.id, with letters, digits and . _ % + - before "
                   "the @"));
    return v;
}

std::string phone(std::string_view value) {
    std::string v(text::trim(value));
    size_t digits = 0;
    bool ok = !v.empty() && v.size() <= 32;
    for (size_t i = 0; i < v.size() && ok; ++i) {
        char c = v[i];
        if (std::isdigit(static_cast<unsigned char>(c)))
            ++digits;
        else if (!(c == ' ' || c == '-' || c == '(' || c == ')' || (c == '+' && i == 0)))
            ok = false;
    }
    if (!ok || digits < 6 || digits > 15)
        invalid(
            trf("'{}' is not a valid phone number", shown(value)),
            tr("use digits with optional +, spaces, dashes and parentheses, e.g. (0285) 421243"));
    return v;
}

std::string php_version(std::string_view value) {
    bool ok = value.size() == 3 && value[0] >= '5' && value[0] <= '9' && value[1] == '.' &&
              std::isdigit(static_cast<unsigned char>(value[2]));
    if (!ok)
        invalid(trf("PHP version '{}' is not of the form 8.2", shown(value)));
    return std::string(value);
}

int port(std::string_view field, long value) {
    if (value < 1 || value > 65535)
        invalid(trf("{} {} is outside 1-65535", field, value));
    return static_cast<int>(value);
}

bool yes_no(std::string_view option, std::string_view value) {
    const std::string v = text::lower(std::string(value));
    if (v == "yes" || v == "y" || v == "ya" || v == "true")
        return true;
    if (v == "no" || v == "n" || v == "tidak" || v == "false")
        return false;
    throw Error(Exit::invalid, trf("{} '{}' is not yes or no", option, text::shown(value)));
}

int quota_mb(std::string_view value) {
    std::string v = text::lower(text::trim(value));
    long mult = 1;
    if (!v.empty() && (v.back() == 'g' || v.back() == 'm')) {
        mult = v.back() == 'g' ? 1024 : 1;
        v.pop_back();
        if (!v.empty() && v.back() == 'b')
            invalid(trf("quota '{}': write 2G or 500M", shown(value)));
    } else if (v.size() > 2 && (v.ends_with("gb") || v.ends_with("mb"))) {
        mult = v.ends_with("gb") ? 1024 : 1;
        v.resize(v.size() - 2);
    }
    if (v.empty() || v.size() > 9 || !std::all_of(v.begin(), v.end(), [](char c) {
            return std::isdigit(static_cast<unsigned char>(c));
        }))
        invalid(trf("quota '{}' is not a size", shown(value)),
                tr("give megabytes (500) or a size with M/G (500M, 2G)"));
    long mb = std::stol(v) * mult;
    if (mb < 1 || mb > 1024L * 1024L)
        invalid(trf("quota '{}' is outside 1 MB to 1 TB", shown(value)));
    return static_cast<int>(mb);
}

std::string zone(std::string_view value) {
    std::string v = text::lower(text::trim(value));
    if (!v.empty() && v.back() == '.')
        v.pop_back();
    if (v.empty() || v.size() > 253 || v.find('.') == std::string::npos)
        invalid(trf("zone '{}' is not a domain name", shown(value)));
    for (const auto& label : text::split(v, '.'))
        check_label(label, v);
    return v;
}

std::string domain(std::string_view value, const std::vector<std::string>& configured_zones,
                   const std::vector<std::string>& reserved) {
    std::string raw = text("domain", value, 512);
    if (configured_zones.empty())
        invalid(tr("no parent zone is configured"), tr("add zones: [...] to hostingctl.yaml"));
    // The name is compared in lowercase without a final dot, so the zones
    // must be too: "PekalonganKota.GO.ID." would otherwise hold nothing and
    // "simpus" would be placed under it as written.
    std::vector<std::string> zones;
    for (const auto& z : configured_zones)
        zones.push_back(zone(z));
    std::string v = to_ascii(raw);
    // A final dot makes a name absolute (RFC 1034 3.1): "x." is the
    // top-level name "x", not "x" under a zone.  The dot is checked after
    // the IDN mapping, which turns an ideographic full stop into a dot.
    const bool absolute = !v.empty() && v.back() == '.';
    if (absolute)
        v.pop_back();
    if (v.empty())
        invalid(tr("domain must not be empty"));
    // A zone's own name is never handed out, even when another zone holds
    // it (pekalongankota.go.id inside go.id): its SOA and NS records live
    // there, and a virtual host for it would answer for the whole zone.
    for (const auto& z : zones)
        if (v == z)
            invalid(trf("'{}' is the parent zone itself", shown(v)),
                    trf("ask for a name under it, e.g. simpus.{}", z));
    // Which zone does it fall in?  The longest matching suffix wins; the
    // dot before the zone keeps "evilpekalongankota.go.id" out of it.
    std::string parent;
    for (const auto& z : zones)
        if ((v.size() > z.size() && v.ends_with("." + z)) && z.size() > parent.size())
            parent = z;
    if (parent.empty()) {
        if (absolute && v.find('.') == std::string::npos)
            invalid(trf("domain '{}.' is outside the parent zones ({}): the final dot "
                        "makes it the top-level name '{}'",
                        shown(v), text::join(zones, ", "), shown(v)),
                    trf("drop the final dot to ask for {}.{}, or write the full name "
                        "ending in .{}",
                        shown(v), zones.front(), text::join(zones, " or .")));
        if (v.find('.') != std::string::npos)
            invalid(trf("domain '{}' is not inside a parent zone ({})", shown(v),
                        text::join(zones, ", ")),
                    trf("give a single label such as 'simpus' or a full name ending in "
                        ".{}",
                        zones.front()));
        parent = zones.front();
        v += "." + parent;
    }
    if (v.size() > 253)
        invalid(trf("domain '{}' is {} characters long; the limit is 253", shown(v), v.size()));
    for (const auto& label : text::split(v, '.'))
        check_label(label, v);
    std::string relative = v.substr(0, v.size() - parent.size() - 1);
    auto dot = relative.rfind('.');
    std::string nearest = dot == std::string::npos ? relative : relative.substr(dot + 1);
    // hostingctl.yaml may spell a reserved name in capitals; "WWW" still
    // reserves www.
    for (const auto& r : reserved)
        if (nearest == text::lower(text::trim(r)))
            invalid(trf("'{}' is a reserved name in {}", nearest, parent),
                    tr("choose a name that describes the application, e.g. the system's acronym"));
    return v;
}

} // namespace hostingctl::validate
