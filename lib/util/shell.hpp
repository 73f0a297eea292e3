#pragma once
// The one way a value reaches a shell: every word of every command sent to
// a server goes through quote(), whole commands are built from an argument
// vector with command().  Values are validated before (validate/); quoting
// is what makes even a validated value unable to become syntax.  Knows
// nothing of hosting.
#include <string>
#include <string_view>
#include <vector>

namespace hostingctl::shell {

// `word` as one word of a POSIX shell: left bare when it holds only
// characters no shell treats specially ([A-Za-z0-9_@%+=:,./-], not empty),
// otherwise in single quotes with each ' written as '\''.  A NUL cannot be
// passed to a command and is refused (Error(invalid)).
std::string quote(std::string_view word);

// A command that prints `message` and a newline on standard output (add
// " >&2" for standard error): how a script run on a server says why it
// stopped, in the user's language, the message quoted as one word.
std::string say(std::string_view message);

// The words of `argv`, each quoted, joined by spaces.  Error(invalid) for
// an empty vector.
std::string command(const std::vector<std::string>& argv);

// `data` in base64 (RFC 4648, no line breaks), the form in which file
// contents and standard input travel inside a script.
std::string base64(std::string_view data);

// Decodes base64 (whitespace ignored); Error(failure) when it is not.
std::string unbase64(std::string_view text);

} // namespace hostingctl::shell
