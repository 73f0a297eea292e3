// Dates, times and numbers as Indonesian government documents write them,
// and in English: names, numbers in words, separators, Roman numerals, NIP.
#include "support.hpp"
#include "util/locale.hpp"

#include <climits>
#include <limits>

using namespace hostingctl;
using locale::Lang;

namespace {

Date date(std::string_view iso) {
    auto d = parse_date(iso);
    REQUIRE(d);
    return *d;
}

// The offset is always written, so the zone only satisfies the signature.
Timestamp at(std::string_view iso) {
    auto t = parse_timestamp(iso, TimeZone("UTC"));
    REQUIRE(t);
    return *t;
}

struct InWords {
    long long n;
    const char* words;
};

} // namespace

TEST_CASE("parse_lang takes codes and names in any case") {
    CHECK(locale::parse_lang("id") == Lang::id);
    CHECK(locale::parse_lang("en") == Lang::en);
    CHECK(locale::parse_lang("ID") == Lang::id);
    CHECK(locale::parse_lang("Indonesia") == Lang::id);
    CHECK(locale::parse_lang("INDONESIA") == Lang::id);
    CHECK(locale::parse_lang("English") == Lang::en);
    CHECK_FALSE(locale::parse_lang(""));
    CHECK_FALSE(locale::parse_lang("fr"));
    CHECK_FALSE(locale::parse_lang("bahasa"));
    CHECK_FALSE(locale::parse_lang(" id"));
    CHECK(std::string(locale::to_string(Lang::id)) == "id");
    CHECK(std::string(locale::to_string(Lang::en)) == "en");
    CHECK(locale::parse_lang(locale::to_string(Lang::en)) == Lang::en);
}

TEST_CASE("month names") {
    CHECK(locale::month_name(1, Lang::id) == "Januari");
    CHECK(locale::month_name(2, Lang::id) == "Februari");
    CHECK(locale::month_name(3, Lang::id) == "Maret");
    CHECK(locale::month_name(5, Lang::id) == "Mei");
    CHECK(locale::month_name(8, Lang::id) == "Agustus");
    CHECK(locale::month_name(10, Lang::id) == "Oktober");
    CHECK(locale::month_name(12, Lang::id) == "Desember");
    CHECK(locale::month_name(1, Lang::en) == "January");
    CHECK(locale::month_name(5, Lang::en) == "May");
    CHECK(locale::month_name(12, Lang::en) == "December");
    // A month out of range is a bug of the caller, not text for a document.
    CHECK_THROWS_AS(locale::month_name(0, Lang::id), Error);
    CHECK_THROWS_AS(locale::month_name(13, Lang::en), Error);
}

TEST_CASE("day names of known dates") {
    CHECK(locale::day_name(date("2026-11-28"), Lang::id) == "Sabtu");
    CHECK(locale::day_name(date("2026-11-28"), Lang::en) == "Saturday");
    CHECK(locale::day_name(date("2026-11-29"), Lang::id) == "Minggu");
    CHECK(locale::day_name(date("2026-11-29"), Lang::en) == "Sunday");
    CHECK(locale::day_name(date("2026-11-23"), Lang::id) == "Senin");
    CHECK(locale::day_name(date("2026-11-24"), Lang::id) == "Selasa");
    CHECK(locale::day_name(date("2026-11-25"), Lang::id) == "Rabu");
    CHECK(locale::day_name(date("2026-01-01"), Lang::id) == "Kamis");
    CHECK(locale::day_name(date("1945-08-17"), Lang::id) == "Jumat");
    CHECK(locale::day_name(date("1945-08-17"), Lang::en) == "Friday");
    CHECK(locale::day_name(date("2000-02-29"), Lang::en) == "Tuesday");
}

TEST_CASE("long dates have no leading zero on the day") {
    CHECK(locale::long_date(date("2026-11-28"), Lang::id) == "28 November 2026");
    CHECK(locale::long_date(date("2026-11-28"), Lang::en) == "28 November 2026");
    CHECK(locale::long_date(date("2026-01-01"), Lang::id) == "1 Januari 2026");
    CHECK(locale::long_date(date("2026-01-01"), Lang::en) == "1 January 2026");
    CHECK(locale::long_date(date("2026-08-09"), Lang::id) == "9 Agustus 2026");
    CHECK(locale::day_and_date(date("2026-11-28"), Lang::id) == "Sabtu, 28 November 2026");
    CHECK(locale::day_and_date(date("2026-11-28"), Lang::en) == "Saturday, 28 November 2026");
    CHECK(locale::day_and_date(date("1945-08-17"), Lang::id) == "Jumat, 17 Agustus 1945");
}

TEST_CASE("time of day in the timestamp's own offset, with its zone") {
    CHECK(locale::time_of_day(at("2026-11-28T14:30:00+07:00"), Lang::id) == "14.30 WIB");
    CHECK(locale::time_of_day(at("2026-11-28T14:30:00+07:00"), Lang::en) == "14:30 WIB");
    CHECK(locale::time_of_day(at("2026-11-28T09:05:59+08:00"), Lang::id) == "09.05 WITA");
    CHECK(locale::time_of_day(at("2026-11-28T00:00:00+09:00"), Lang::en) == "00:00 WIT");
    CHECK(locale::time_of_day(at("2026-11-28T23:59:00+09:00"), Lang::id) == "23.59 WIT");
    // The same instant in another offset is written as that offset shows it.
    CHECK(locale::time_of_day(at("2026-11-28T07:30:00Z"), Lang::id) == "07.30 UTC+00:00");
    CHECK(locale::time_of_day(at("2026-11-28T02:30:00-05:00"), Lang::en) == "02:30 UTC-05:00");
    CHECK(locale::time_of_day(at("2026-11-28T13:00:00+05:30"), Lang::en) == "13:00 UTC+05:30");
    CHECK(locale::time_of_day(at("2026-11-28T17:30:00+10:00"), Lang::id) == "17.30 UTC+10:00");
}

TEST_CASE("date and time together") {
    CHECK(locale::date_time(at("2026-11-28T14:30:00+07:00"), Lang::id) ==
          "28 November 2026 pukul 14.30 WIB");
    CHECK(locale::date_time(at("2026-11-28T14:30:00+07:00"), Lang::en) ==
          "28 November 2026, 14:30 WIB");
    // The date is the one of the offset: one instant, two days.
    CHECK(locale::date_time(at("2026-12-31T23:30:00Z"), Lang::id) ==
          "31 Desember 2026 pukul 23.30 UTC+00:00");
    CHECK(locale::date_time(at("2027-01-01T07:30:00+08:00"), Lang::id) ==
          "1 Januari 2027 pukul 07.30 WITA");
}

TEST_CASE("numbers in words, Indonesian") {
    const std::vector<InWords> rows = {
        {0, "nol"},
        {1, "satu"},
        {9, "sembilan"},
        {10, "sepuluh"},
        {11, "sebelas"},
        {12, "dua belas"},
        {19, "sembilan belas"},
        {20, "dua puluh"},
        {21, "dua puluh satu"},
        {28, "dua puluh delapan"},
        {99, "sembilan puluh sembilan"},
        {100, "seratus"},
        {101, "seratus satu"},
        {110, "seratus sepuluh"},
        {111, "seratus sebelas"},
        {119, "seratus sembilan belas"},
        {200, "dua ratus"},
        {999, "sembilan ratus sembilan puluh sembilan"},
        {1000, "seribu"},
        {1001, "seribu satu"},
        {1011, "seribu sebelas"},
        {1100, "seribu seratus"},
        {1945, "seribu sembilan ratus empat puluh lima"},
        {2000, "dua ribu"},
        {2026, "dua ribu dua puluh enam"},
        {11000, "sebelas ribu"},
        {100000, "seratus ribu"},
        {101000, "seratus satu ribu"},
        {1000000, "satu juta"},
        {1001000, "satu juta seribu"},
        {1000001, "satu juta satu"},
        {2500000, "dua juta lima ratus ribu"},
        {1000000000, "satu miliar"},
        {1000000000000, "satu triliun"},
        {999999999999,
         "sembilan ratus sembilan puluh sembilan miliar sembilan ratus sembilan puluh sembilan "
         "juta sembilan ratus sembilan puluh sembilan ribu sembilan ratus sembilan puluh "
         "sembilan"},
        {-5, "minus lima"},
        {-1000, "minus seribu"},
    };
    for (const InWords& r : rows) {
        INFO(r.n);
        CHECK(locale::number_in_words(r.n, Lang::id) == r.words);
    }
}

TEST_CASE("numbers in words, English") {
    const std::vector<InWords> rows = {
        {0, "zero"},
        {1, "one"},
        {10, "ten"},
        {11, "eleven"},
        {19, "nineteen"},
        {20, "twenty"},
        {21, "twenty-one"},
        {99, "ninety-nine"},
        {100, "one hundred"},
        {101, "one hundred one"},
        {110, "one hundred ten"},
        {111, "one hundred eleven"},
        {1000, "one thousand"},
        {1001, "one thousand one"},
        {1100, "one thousand one hundred"},
        {2026, "two thousand twenty-six"},
        {1000000, "one million"},
        {1000000000, "one billion"},
        {1000000000000, "one trillion"},
        {-42, "minus forty-two"},
    };
    for (const InWords& r : rows) {
        INFO(r.n);
        CHECK(locale::number_in_words(r.n, Lang::en) == r.words);
    }
}

TEST_CASE("numbers in words over the whole range of long long") {
    CHECK(locale::number_in_words(LLONG_MAX, Lang::en) ==
          "nine quintillion two hundred twenty-three quadrillion three hundred seventy-two "
          "trillion thirty-six billion eight hundred fifty-four million seven hundred "
          "seventy-five thousand eight hundred seven");
    CHECK(locale::number_in_words(LLONG_MIN, Lang::id) ==
          "minus sembilan kuintiliun dua ratus dua puluh tiga kuadriliun tiga ratus tujuh puluh "
          "dua triliun tiga puluh enam miliar delapan ratus lima puluh empat juta tujuh ratus "
          "tujuh puluh lima ribu delapan ratus delapan");
}

TEST_CASE("dates in words for handover minutes") {
    CHECK(locale::date_in_words(date("2026-11-28"), Lang::id) ==
          "Sabtu tanggal dua puluh delapan bulan November tahun dua ribu dua puluh enam");
    CHECK(locale::date_in_words(date("2026-11-28"), Lang::en) ==
          "Saturday the twenty-eighth of November two thousand twenty-six");
    CHECK(locale::date_in_words(date("2026-01-01"), Lang::id) ==
          "Kamis tanggal satu bulan Januari tahun dua ribu dua puluh enam");
    // English ordinals of every kind of day.
    struct Row {
        const char* date;
        const char* ordinal;
    };
    const std::vector<Row> rows = {
        {"2026-03-01", "first"},        {"2026-03-02", "second"},
        {"2026-03-03", "third"},        {"2026-03-04", "fourth"},
        {"2026-03-05", "fifth"},        {"2026-03-08", "eighth"},
        {"2026-03-09", "ninth"},        {"2026-03-10", "tenth"},
        {"2026-03-11", "eleventh"},     {"2026-03-12", "twelfth"},
        {"2026-03-13", "thirteenth"},   {"2026-03-20", "twentieth"},
        {"2026-03-21", "twenty-first"}, {"2026-03-22", "twenty-second"},
        {"2026-03-23", "twenty-third"}, {"2026-03-29", "twenty-ninth"},
        {"2026-03-30", "thirtieth"},    {"2026-03-31", "thirty-first"},
    };
    for (const Row& r : rows) {
        INFO(r.date);
        std::string words = locale::date_in_words(date(r.date), Lang::en);
        CHECK(words.find(std::string(" the ") + r.ordinal + " of March ") != std::string::npos);
    }
}

TEST_CASE("whole numbers with thousands separators") {
    CHECK(locale::number(0, Lang::id) == "0");
    CHECK(locale::number(999, Lang::id) == "999");
    CHECK(locale::number(1000, Lang::id) == "1.000");
    CHECK(locale::number(12888, Lang::id) == "12.888");
    CHECK(locale::number(12888, Lang::en) == "12,888");
    CHECK(locale::number(123456, Lang::en) == "123,456");
    CHECK(locale::number(1234567, Lang::id) == "1.234.567");
    CHECK(locale::number(-1234567, Lang::en) == "-1,234,567");
    CHECK(locale::number(-5, Lang::id) == "-5");
    CHECK(locale::number(LLONG_MIN, Lang::en) == "-9,223,372,036,854,775,808");
}

TEST_CASE("decimals: separators and rounding half away from zero") {
    CHECK(locale::decimal(92.5, 1, Lang::id) == "92,5");
    CHECK(locale::decimal(92.5, 1, Lang::en) == "92.5");
    CHECK(locale::decimal(12888.5, 2, Lang::id) == "12.888,50");
    CHECK(locale::decimal(12888.5, 2, Lang::en) == "12,888.50");
    CHECK(locale::decimal(3, 2, Lang::id) == "3,00");
    CHECK(locale::decimal(0, 1, Lang::en) == "0.0");
    // No decimals: no separator, rounded to a whole number.
    CHECK(locale::decimal(92.5, 0, Lang::id) == "93");
    CHECK(locale::decimal(92.4, 0, Lang::id) == "92");
    CHECK(locale::decimal(92.5, -1, Lang::en) == "93");
    // Half rounds away from zero, on both sides.
    CHECK(locale::decimal(0.25, 1, Lang::en) == "0.3");
    CHECK(locale::decimal(-0.25, 1, Lang::en) == "-0.3");
    CHECK(locale::decimal(2.5, 0, Lang::en) == "3");
    CHECK(locale::decimal(-2.5, 0, Lang::en) == "-3");
    CHECK(locale::decimal(0.24999, 1, Lang::en) == "0.2");
    // The number as written is rounded, not its nearest binary fraction
    // (1.005 is stored as 1.00499999999999989...).
    CHECK(locale::decimal(1.005, 2, Lang::id) == "1,01");
    CHECK(locale::decimal(2.675, 2, Lang::en) == "2.68");
    // A carry runs through the whole number and its groups.
    CHECK(locale::decimal(9.96, 1, Lang::en) == "10.0");
    CHECK(locale::decimal(999999.95, 1, Lang::id) == "1.000.000,0");
    CHECK(locale::decimal(-99.5, 0, Lang::id) == "-100");
    // Negative numbers keep their sign, unless they round to zero.
    CHECK(locale::decimal(-1234.56, 1, Lang::id) == "-1.234,6");
    CHECK(locale::decimal(-0.04, 1, Lang::en) == "0.0");
    CHECK(locale::decimal(-0.0, 2, Lang::en) == "0.00");
    CHECK(locale::decimal(-0.05, 1, Lang::en) == "-0.1");
    // Small and large magnitudes are never written with an exponent.
    CHECK(locale::decimal(1e-7, 2, Lang::en) == "0.00");
    CHECK(locale::decimal(1e15, 0, Lang::en) == "1,000,000,000,000,000");
    CHECK_THROWS_AS(locale::decimal(std::numeric_limits<double>::quiet_NaN(), 1, Lang::id), Error);
    CHECK_THROWS_AS(locale::decimal(std::numeric_limits<double>::infinity(), 1, Lang::en), Error);
}

TEST_CASE("percentages") {
    CHECK(locale::percent(92.5, 1, Lang::id) == "92,5%");
    CHECK(locale::percent(92.5, 1, Lang::en) == "92.5%");
    CHECK(locale::percent(100, 0, Lang::id) == "100%");
    CHECK(locale::percent(87.456, 2, Lang::id) == "87,46%");
    CHECK(locale::percent(-3.25, 1, Lang::en) == "-3.3%");
}

TEST_CASE("Roman numerals") {
    CHECK(locale::roman(1) == "I");
    CHECK(locale::roman(4) == "IV");
    CHECK(locale::roman(9) == "IX");
    CHECK(locale::roman(11) == "XI");
    CHECK(locale::roman(12) == "XII");
    CHECK(locale::roman(40) == "XL");
    CHECK(locale::roman(90) == "XC");
    CHECK(locale::roman(400) == "CD");
    CHECK(locale::roman(1994) == "MCMXCIV");
    CHECK(locale::roman(2026) == "MMXXVI");
    CHECK(locale::roman(3999) == "MMMCMXCIX");
    CHECK_THROWS_AS(locale::roman(0), Error);
    CHECK_THROWS_AS(locale::roman(-1), Error);
    CHECK_THROWS_AS(locale::roman(4000), Error);
}

TEST_CASE("NIP grouped as its parts, anything else unchanged") {
    CHECK(locale::nip("197001011990032001") == "19700101 199003 2 001");
    CHECK(locale::nip("198512312010011002") == "19851231 201001 1 002");
    CHECK(locale::nip("") == "");
    CHECK(locale::nip("19700101199003200") == "19700101199003200");     // 17 digits
    CHECK(locale::nip("1970010119900320012") == "1970010119900320012"); // 19 digits
    CHECK(locale::nip("19700101 199003 2 001") == "19700101 199003 2 001");
    CHECK(locale::nip("19700101199003200x") == "19700101199003200x");
}
