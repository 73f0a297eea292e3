#pragma once
// Input validation.  Every function either returns the normalised value or
// throws Error(invalid) with a message naming the field and a hint; nothing
// is written before all of a command's input has passed through here.
#include <string>
#include <string_view>
#include <vector>

namespace hostingctl::validate {

// Free text (names, subjects, notes).  Must be valid UTF-8 without NUL or
// control characters (C0 and C1; tab allowed, newline, CR and the Unicode
// line and paragraph separators only when `multiline`), at most
// `max_bytes`.  Leading/trailing blanks are trimmed.  `required` refuses
// empty.  Anything else is kept as typed: free text is escaped for each
// target (YAML, HTML, a shell, a config) where it is written, never here.
std::string text(std::string_view field, std::string_view value, size_t max_bytes,
                 bool multiline = false, bool required = true);

// A complaint channel's name (complaints.channels): 1-32 of a-z, 0-9, '_'.
bool is_channel_name(std::string_view name);

// A short identifier for staff and agencies: [a-z][a-z0-9_-]{0,31}.
std::string identifier(std::string_view field, std::string_view value);

// A Unix login name: [a-z_][a-z0-9_-]{0,31}.
std::string unix_user(std::string_view value);

// An 18-digit NIP (civil servant number); spaces are removed.  The embedded
// birth date (digits 1-8) must be a real date and digit 15 the sex code 1/2.
std::string nip(std::string_view value);

// An official letter number such as 400.7/123/Dinkes/2026.
std::string letter_number(std::string_view value);

// An e-mail address of the ordinary shape local@domain.tld.  The local part
// is letters, digits and . _ % + - (dots between characters, no leading
// '-'), as it may reach a command or a server config.
std::string email(std::string_view value);

// A phone number: digits with optional +, spaces, dashes, parentheses;
// 6 to 15 digits.
std::string phone(std::string_view value);

// A PHP version such as 8.2.
std::string php_version(std::string_view value);

// A TCP port 1-65535.
int port(std::string_view field, long value);

// yes or no (also y/n, ya/tidak, true/false, any case) for `option`.
bool yes_no(std::string_view option, std::string_view value);

// A disk quota: plain MB or with suffix M/G (e.g. "500", "2G"); 1 MB..1 TB.
int quota_mb(std::string_view value);

// A requested domain: a single label ("simpus") is placed under the first
// parent zone; a full name must lie inside one of `zones` (at a label
// boundary) and must not be a zone itself.  A final dot makes the name
// absolute, so "simpus." is the top-level name and is refused.  Unicode
// (IDN) is converted to punycode; every xn-- label must decode and encode
// back to itself (IDNA2008).  Enforces RFC 1123 labels, 63/253 limits and
// the reserved names (checked on the label just below the zone).  Zones and
// reserved names may be given in any case.  Returns the lowercase FQDN
// without trailing dot.
std::string domain(std::string_view value, const std::vector<std::string>& zones,
                   const std::vector<std::string>& reserved);

// A DNS zone name (for the configuration): RFC 1123 labels, at least two,
// xn-- labels as for domain().  Returns it in lowercase without a final dot.
std::string zone(std::string_view value);

} // namespace hostingctl::validate
