#pragma once
// Record numbers such as HST-2026-0007, from a configurable format with the
// placeholders {year} and {seq} or {seq:N} (zero-padded to N digits).
#include <optional>
#include <string>
#include <string_view>

namespace hostingctl {

struct RecordNumber {
    int year = 0;
    long seq = 0;
};

// Throws Error(invalid) when the format lacks {year} or {seq}, or holds
// characters unsafe in a file name.
void check_id_format(std::string_view format);
std::string format_id(std::string_view format, int year, long seq);
// Parses an id written in `format`; nullopt when it does not match.  Only
// the exact spelling the format writes is an id (HST-2026-7 would name
// another file than HST-2026-0007); `loose` accepts what a person types
// for one: any letter case and the sequence without its zeros.
std::optional<RecordNumber> parse_id(std::string_view format, std::string_view id,
                                     bool loose = false);
// The id a person means by `typed`: the format's spelling of a loosely
// typed id (hst-2026-7 -> HST-2026-0007), or the sequence alone (7, 0007)
// as a number of `year`; nullopt for anything else.
std::optional<std::string> typed_id(std::string_view format, std::string_view typed, int year);

} // namespace hostingctl
