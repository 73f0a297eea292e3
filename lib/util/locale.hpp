#pragma once
// Dates, times and numbers as official Indonesian government documents write
// them, with English as the second language: month and day names, numbers in
// words (for handover minutes), thousands and decimal separators, Roman
// numerals and the grouping of a NIP.  Knows nothing about hosting.
#include "util/time.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace hostingctl::locale {

enum class Lang { id, en };

// "id" / "en", or "indonesia" / "english", in any case; nullopt otherwise.
std::optional<Lang> parse_lang(std::string_view s);
// "id" / "en".
const char* to_string(Lang l);

// 1..12: "Januari".."Desember" / "January".."December".  Any other month is a
// bug of the caller: throws Error(failure).
std::string month_name(unsigned month, Lang l);
// "Senin".."Minggu" / "Monday".."Sunday".
std::string day_name(const Date& d, Lang l);
// "1 Januari 2026" / "1 January 2026": the day without a leading zero.
std::string long_date(const Date& d, Lang l);
// "Sabtu, 28 November 2026" / "Saturday, 28 November 2026".
std::string day_and_date(const Date& d, Lang l);

// The wall-clock time of `t` in its own offset, with the zone it was in:
// "14.30 WIB" (Indonesian writes a period) / "14:30 WIB".  +07:00 is WIB,
// +08:00 WITA, +09:00 WIT; any other offset is written "UTC+hh:mm".
std::string time_of_day(const Timestamp& t, Lang l);
// "28 November 2026 pukul 14.30 WIB" / "28 November 2026, 14:30 WIB".
std::string date_time(const Timestamp& t, Lang l);

// A whole number in words, over the whole range of long long: "dua ribu dua
// puluh enam" / "two thousand twenty-six"; negative numbers start "minus".
std::string number_in_words(long long n, Lang l);
// A date as the opening of handover minutes writes it: "Sabtu tanggal dua
// puluh delapan bulan November tahun dua ribu dua puluh enam" / "Saturday the
// twenty-eighth of November two thousand twenty-six".
std::string date_in_words(const Date& d, Lang l);

// Thousands grouped: "12.888" / "12,888".
std::string number(long long n, Lang l);
// `decimals` digits after the separator (none when 0 or less), rounded half
// away from zero as the number is written in decimal (2.675 -> "2,68"):
// "12.888,50" / "12,888.50".  A value that rounds to zero has no sign.
// Infinities and NaN have no place in a document: throws Error(failure).
std::string decimal(double v, int decimals, Lang l);
// decimal() followed by "%": "92,5%" / "92.5%".
std::string percent(double v, int decimals, Lang l);

// 1..3999 in Roman numerals: "IV", "MMXXVI".  Any other number throws
// Error(failure).
std::string roman(int n);

// An 18-digit NIP (civil servant number) grouped as its parts are read: date
// of birth, month of appointment, sex, sequence: "19700101 199003 2 001".
// Anything else is returned unchanged.
std::string nip(std::string_view digits);

} // namespace hostingctl::locale
