#include "util/locale.hpp"

#include "util/error.hpp"
#include "util/i18n.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <fmt/format.h>
#include <utility>
#include <vector>

namespace hostingctl::locale {

namespace {

bool is_id(Lang l) {
    return l == Lang::id;
}

// Below twenty every word is its own; Indonesian "se-" (one) joins sepuluh
// and sebelas like seratus and seribu further up.
constexpr std::array<const char*, 20> id_small = {
    "nol",        "satu",       "dua",         "tiga",          "empat",
    "lima",       "enam",       "tujuh",       "delapan",       "sembilan",
    "sepuluh",    "sebelas",    "dua belas",   "tiga belas",    "empat belas",
    "lima belas", "enam belas", "tujuh belas", "delapan belas", "sembilan belas"};
constexpr std::array<const char*, 20> en_small = {
    "zero",     "one",     "two",     "three",     "four",     "five",    "six",
    "seven",    "eight",   "nine",    "ten",       "eleven",   "twelve",  "thirteen",
    "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"};
constexpr std::array<const char*, 10> en_tens = {"",      "",      "twenty",  "thirty", "forty",
                                                 "fifty", "sixty", "seventy", "eighty", "ninety"};

// 1..999.
std::string below_thousand(unsigned n, Lang l) {
    const auto& small = is_id(l) ? id_small : en_small;
    std::string out;
    auto add = [&out](std::string_view word, const char* sep = " ") {
        if (!out.empty())
            out += sep;
        out += word;
    };
    if (unsigned h = n / 100; h > 0) {
        if (is_id(l))
            add(h == 1 ? "seratus" : fmt::format("{} ratus", small[h]));
        else
            add(fmt::format("{} hundred", small[h]));
    }
    unsigned r = n % 100;
    if (r >= 20) {
        add(is_id(l) ? fmt::format("{} puluh", small[r / 10]) : en_tens[r / 10]);
        if (r % 10)
            add(small[r % 10], is_id(l) ? " " : "-");
    } else if (r > 0) {
        add(small[r]);
    }
    return out;
}

// "twenty-eight" -> "twenty-eighth"; used for the days of a month.
std::string en_ordinal(std::string cardinal) {
    size_t start = cardinal.find_last_of(" -") + 1; // npos + 1 == 0
    std::string_view last = std::string_view(cardinal).substr(start);
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 7> irregular = {{
        {"one", "first"},
        {"two", "second"},
        {"three", "third"},
        {"five", "fifth"},
        {"eight", "eighth"},
        {"nine", "ninth"},
        {"twelve", "twelfth"},
    }};
    for (const auto& [word, ordinal] : irregular)
        if (last == word)
            return cardinal.substr(0, start) + std::string(ordinal);
    if (last.ends_with('y'))
        return cardinal.substr(0, cardinal.size() - 1) + "ieth";
    return cardinal + "th";
}

// "1234567" -> "1.234.567".
std::string grouped(std::string_view digits, char sep) {
    std::string out;
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0)
            out += sep;
        out += digits[i];
    }
    return out;
}

// |n| without overflow for the most negative long long.
unsigned long long magnitude(long long n) {
    return n < 0 ? 0ULL - static_cast<unsigned long long>(n) : static_cast<unsigned long long>(n);
}

std::string zone_name(int offset_seconds) {
    switch (offset_seconds) {
    case 7 * 3600:
        return "WIB";
    case 8 * 3600:
        return "WITA";
    case 9 * 3600:
        return "WIT";
    }
    int off = offset_seconds < 0 ? -offset_seconds : offset_seconds;
    return fmt::format("UTC{}{:02}:{:02}", offset_seconds < 0 ? '-' : '+', off / 3600,
                       (off / 60) % 60);
}

} // namespace

std::optional<Lang> parse_lang(std::string_view s) {
    std::string l = text::lower(s);
    if (l == "id" || l == "indonesia")
        return Lang::id;
    if (l == "en" || l == "english")
        return Lang::en;
    return std::nullopt;
}

const char* to_string(Lang l) {
    return is_id(l) ? "id" : "en";
}

std::string month_name(unsigned month, Lang l) {
    static constexpr std::array<const char*, 12> id = {
        "Januari", "Februari", "Maret",     "April",   "Mei",      "Juni",
        "Juli",    "Agustus",  "September", "Oktober", "November", "Desember"};
    static constexpr std::array<const char*, 12> en = {
        "January", "February", "March",     "April",   "May",      "June",
        "July",    "August",   "September", "October", "November", "December"};
    if (month < 1 || month > 12)
        throw Error(Exit::failure, trf("month {} is not 1 to 12", month));
    return (is_id(l) ? id : en)[month - 1];
}

std::string day_name(const Date& d, Lang l) {
    static constexpr std::array<const char*, 7> id = {"Senin", "Selasa", "Rabu",  "Kamis",
                                                      "Jumat", "Sabtu",  "Minggu"};
    static constexpr std::array<const char*, 7> en = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                                      "Friday", "Saturday", "Sunday"};
    return (is_id(l) ? id : en)[d.weekday_iso0()];
}

std::string long_date(const Date& d, Lang l) {
    return fmt::format("{} {} {}", d.day, month_name(d.month, l), d.year);
}

std::string day_and_date(const Date& d, Lang l) {
    return fmt::format("{}, {}", day_name(d, l), long_date(d, l));
}

std::string time_of_day(const Timestamp& t, Lang l) {
    int s = t.local_seconds_of_day();
    return fmt::format("{:02}{}{:02} {}", s / 3600, is_id(l) ? '.' : ':', (s / 60) % 60,
                       zone_name(t.offset_seconds));
}

std::string date_time(const Timestamp& t, Lang l) {
    return fmt::format("{}{}{}", long_date(t.local_date(), l), is_id(l) ? " pukul " : ", ",
                       time_of_day(t, l));
}

std::string number_in_words(long long n, Lang l) {
    if (n == 0)
        return is_id(l) ? id_small[0] : en_small[0];
    struct Scale {
        unsigned long long value;
        const char* id;
        const char* en;
    };
    static constexpr std::array<Scale, 7> scales = {{
        {1'000'000'000'000'000'000ULL, "kuintiliun", "quintillion"},
        {1'000'000'000'000'000ULL, "kuadriliun", "quadrillion"},
        {1'000'000'000'000ULL, "triliun", "trillion"},
        {1'000'000'000ULL, "miliar", "billion"},
        {1'000'000ULL, "juta", "million"},
        {1'000ULL, "ribu", "thousand"},
        {1ULL, "", ""},
    }};
    std::vector<std::string> words;
    if (n < 0)
        words.emplace_back("minus");
    unsigned long long rest = magnitude(n);
    for (const Scale& scale : scales) {
        auto group = static_cast<unsigned>(rest / scale.value);
        rest %= scale.value;
        if (group == 0)
            continue;
        if (scale.value == 1)
            words.push_back(below_thousand(group, l));
        else if (is_id(l) && scale.value == 1000 && group == 1)
            words.emplace_back("seribu");
        else
            words.push_back(
                fmt::format("{} {}", below_thousand(group, l), is_id(l) ? scale.id : scale.en));
    }
    return text::join(words, " ");
}

std::string date_in_words(const Date& d, Lang l) {
    std::string day = number_in_words(d.day, l);
    std::string year = number_in_words(d.year, l);
    if (is_id(l))
        return fmt::format("{} tanggal {} bulan {} tahun {}", day_name(d, l), day,
                           month_name(d.month, l), year);
    return fmt::format("{} the {} of {} {}", day_name(d, l), en_ordinal(day),
                       month_name(d.month, l), year);
}

std::string number(long long n, Lang l) {
    return (n < 0 ? "-" : "") + grouped(std::to_string(magnitude(n)), is_id(l) ? '.' : ',');
}

std::string decimal(double v, int decimals, Lang l) {
    if (!std::isfinite(v))
        throw Error(Exit::failure, trf("{} is not a number to write in a document", v));
    const auto places = static_cast<size_t>(std::max(decimals, 0));
    // The shortest decimal that reads back as v (2.675, not 2.67499999...),
    // so the rounding is the one a reader would do on the written number.
    std::array<char, 512> buf;
    auto [end, ec] =
        std::to_chars(buf.data(), buf.data() + buf.size(), std::fabs(v), std::chars_format::fixed);
    if (ec != std::errc())
        throw Error(Exit::failure, trf("cannot write {}", v));
    std::string_view written(buf.data(), static_cast<size_t>(end - buf.data()));
    size_t point = written.find('.');
    std::string whole(written.substr(0, point));
    std::string fraction(point == std::string_view::npos ? "" : written.substr(point + 1));
    bool round_up = fraction.size() > places && fraction[places] >= '5';
    fraction.resize(places, '0');
    std::string digits = whole + fraction;
    if (round_up) {
        size_t i = digits.size();
        while (i > 0 && digits[i - 1] == '9')
            digits[--i] = '0';
        if (i == 0)
            digits.insert(digits.begin(), '1');
        else
            ++digits[i - 1];
    }
    bool zero = digits.find_first_not_of('0') == std::string::npos;
    std::string out = v < 0 && !zero ? "-" : "";
    out +=
        grouped(std::string_view(digits).substr(0, digits.size() - places), is_id(l) ? '.' : ',');
    if (places > 0)
        out += (is_id(l) ? ',' : '.') + digits.substr(digits.size() - places);
    return out;
}

std::string percent(double v, int decimals, Lang l) {
    return decimal(v, decimals, l) + "%";
}

std::string roman(int n) {
    if (n < 1 || n > 3999)
        throw Error(Exit::failure, trf("{} has no Roman numeral (1 to 3999)", n));
    static constexpr std::array<std::pair<int, const char*>, 13> numerals = {{
        {1000, "M"},
        {900, "CM"},
        {500, "D"},
        {400, "CD"},
        {100, "C"},
        {90, "XC"},
        {50, "L"},
        {40, "XL"},
        {10, "X"},
        {9, "IX"},
        {5, "V"},
        {4, "IV"},
        {1, "I"},
    }};
    std::string out;
    for (const auto& [value, letters] : numerals)
        for (; n >= value; n -= value)
            out += letters;
    return out;
}

std::string nip(std::string_view digits) {
    bool all_digits =
        std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (digits.size() != 18 || !all_digits)
        return std::string(digits);
    return fmt::format("{} {} {} {}", digits.substr(0, 8), digits.substr(8, 6),
                       digits.substr(14, 1), digits.substr(15));
}

} // namespace hostingctl::locale
