// The satisfaction index of PermenPANRB 14/2017 (PRODUCT §8): NRR per
// element, weighted NRR, IKM, converted score and grade, checked against
// figures worked out by hand.
#include "support.hpp"
#include "survey/ikm.hpp"

#include <cmath>

using namespace hostingctl;

// Checks that `expr` throws hostingctl::Error with exit code `want`.
#define CHECK_FAILS_WITH(expr, want) CHECK(unit::error_from([&] { (void)(expr); }).code() == (want))
using ikm::Scores;

namespace {

char letter(double converted) {
    auto g = ikm::grade_for(converted);
    return g ? g->letter : '-';
}

// `count` copies of one respondent's answers.
std::vector<Scores> times(size_t count, const Scores& s) {
    return std::vector<Scores>(count, s);
}

} // namespace

TEST_SUITE_BEGIN("survey/ikm");

TEST_CASE("the nine elements, in questionnaire order, in English and Indonesian") {
    const auto& e = ikm::elements();
    REQUIRE(e.size() == 9);
    CHECK(std::string(e[0].code) == "U1");
    CHECK(std::string(e[0].key) == "u1");
    CHECK(std::string(e[0].name_id) == "Persyaratan");
    CHECK(std::string(e[1].name_id) == "Prosedur");
    CHECK(std::string(e[2].name_id) == "Waktu Pelayanan");
    CHECK(std::string(e[3].name_id) == "Biaya/Tarif");
    CHECK(std::string(e[4].name_id) == "Produk Spesifikasi Jenis Pelayanan");
    CHECK(std::string(e[5].name_id) == "Kompetensi Pelaksana");
    CHECK(std::string(e[6].name_id) == "Perilaku Pelaksana");
    CHECK(std::string(e[7].name_id) == "Sarana dan Prasarana");
    CHECK(std::string(e[8].name_id) == "Penanganan Pengaduan");
    CHECK(std::string(e[7].name) == "facilities");
    CHECK(std::string(e[8].name) == "complaint handling");
    CHECK(std::string(e[8].code) == "U9");
}

TEST_CASE("a worked example: four respondents, computed by hand") {
    // Element:        U1 U2 U3 U4 U5 U6 U7 U8 U9   row sum
    // respondent 1:    4  4  3  4  4  4  4  3  4   34
    // respondent 2:    3  3  3  4  3  4  4  3  3   30
    // respondent 3:    4  3  2  4  3  3  4  3  3   29
    // respondent 4:    3  4  3  4  4  3  3  2  3   29
    // column sum:     14 14 11 16 14 14 15 11 13   122 (= 34+30+29+29)
    //
    // NRR = column sum / 4:
    //   U1 3.50  U2 3.50  U3 2.75  U4 4.00  U5 3.50  U6 3.50  U7 3.75  U8 2.75  U9 3.25
    // weighted NRR = NRR x 1/9:
    //   3.50/9 = 0.38889   2.75/9 = 0.30556   4.00/9 = 0.44444
    //   3.75/9 = 0.41667   3.25/9 = 0.36111
    // IKM = sum of weighted = (14+14+11+16+14+14+15+11+13) / (4 x 9) = 122/36 = 3.38889
    // converted = 3.38889 x 25 = 3050/36 = 84.7222... -> 84.72
    // 84.72 lies in 76.61-88.30: grade B, Baik.
    std::vector<Scores> answers = {
        {4, 4, 3, 4, 4, 4, 4, 3, 4},
        {3, 3, 3, 4, 3, 4, 4, 3, 3},
        {4, 3, 2, 4, 3, 3, 4, 3, 3},
        {3, 4, 3, 4, 4, 3, 3, 2, 3},
    };
    ikm::Result r = ikm::compute_ikm(answers);
    CHECK(r.respondents == 4);
    const double nrr[9] = {3.50, 3.50, 2.75, 4.00, 3.50, 3.50, 3.75, 2.75, 3.25};
    double sum_weighted = 0;
    for (size_t i = 0; i < 9; ++i) {
        INFO("element U" << i + 1);
        CHECK(r.elements[i].nrr == doctest::Approx(nrr[i]));
        CHECK(r.elements[i].weighted == doctest::Approx(nrr[i] / 9));
        sum_weighted += r.elements[i].weighted;
    }
    CHECK(r.elements[0].weighted == doctest::Approx(0.38889).epsilon(1e-4));
    CHECK(r.elements[2].weighted == doctest::Approx(0.30556).epsilon(1e-4));
    CHECK(r.elements[6].weighted == doctest::Approx(0.41667).epsilon(1e-4));
    REQUIRE(r.ikm);
    CHECK(*r.ikm == doctest::Approx(122.0 / 36.0));
    CHECK(*r.ikm == doctest::Approx(sum_weighted)); // IKM is the sum of the weighted NRR
    REQUIRE(r.converted);
    CHECK(*r.converted == doctest::Approx(84.72));
    CHECK(r.converted_hundredths == 8472L);
    REQUIRE(r.grade);
    CHECK(r.grade->letter == 'B');
    CHECK(std::string(r.grade->label) == "Baik");
}

TEST_CASE("everyone answering 4 gives 100.00, grade A") {
    // NRR 4 everywhere; IKM = 9 x 4/9 = 4; converted 4 x 25 = 100.00.
    ikm::Result r = ikm::compute_ikm(times(7, {4, 4, 4, 4, 4, 4, 4, 4, 4}));
    REQUIRE(r.converted);
    CHECK(*r.ikm == doctest::Approx(4.0));
    CHECK(r.converted_hundredths == 10000L);
    CHECK(*r.converted == 100.00);
    REQUIRE(r.grade);
    CHECK(r.grade->letter == 'A');
    CHECK(std::string(r.grade->label) == "Sangat Baik");
}

TEST_CASE("everyone answering 1 gives 25.00, grade D") {
    // NRR 1 everywhere; IKM = 9 x 1/9 = 1; converted 1 x 25 = 25.00.
    ikm::Result r = ikm::compute_ikm(times(3, {1, 1, 1, 1, 1, 1, 1, 1, 1}));
    REQUIRE(r.converted);
    CHECK(*r.ikm == doctest::Approx(1.0));
    CHECK(r.converted_hundredths == 2500L);
    CHECK(*r.converted == 25.00);
    REQUIRE(r.grade);
    CHECK(r.grade->letter == 'D');
    CHECK(std::string(r.grade->label) == "Tidak Baik");
}

TEST_CASE("grade boundaries of the conversion table") {
    CHECK(letter(100.00) == 'A');
    CHECK(letter(88.31) == 'A');
    CHECK(letter(88.30) == 'B');
    CHECK(letter(76.61) == 'B');
    CHECK(letter(76.60) == 'C');
    CHECK(letter(65.00) == 'C');
    CHECK(letter(64.99) == 'D');
    CHECK(letter(25.00) == 'D');
    // The labels of the regulation.
    CHECK(std::string(ikm::grade_for(95)->label) == "Sangat Baik");
    CHECK(std::string(ikm::grade_for(80)->label) == "Baik");
    CHECK(std::string(ikm::grade_for(70)->label) == "Kurang Baik");
    CHECK(std::string(ikm::grade_for(50)->label) == "Tidak Baik");
    // The same boundaries given in hundredths.
    CHECK(ikm::grade_for_hundredths(8831)->letter == 'A');
    CHECK(ikm::grade_for_hundredths(8830)->letter == 'B');
    CHECK(ikm::grade_for_hundredths(7661)->letter == 'B');
    CHECK(ikm::grade_for_hundredths(7660)->letter == 'C');
    CHECK(ikm::grade_for_hundredths(6500)->letter == 'C');
    CHECK(ikm::grade_for_hundredths(6499)->letter == 'D');
}

TEST_CASE("the score is rounded to 2 decimals before it is graded") {
    CHECK(letter(88.306) == 'A'); // 88.31
    CHECK(letter(88.304) == 'B'); // 88.30
    CHECK(letter(76.606) == 'B'); // 76.61
    CHECK(letter(76.604) == 'C'); // 76.60
    CHECK(letter(64.996) == 'C'); // 65.00
    CHECK(letter(64.994) == 'D'); // 64.99
    CHECK(letter(99.999) == 'A'); // 100.00
}

TEST_CASE("scores outside 25.00-100.00 have no grade") {
    CHECK_FALSE(ikm::grade_for(24.99));
    CHECK_FALSE(ikm::grade_for(100.01));
    CHECK_FALSE(ikm::grade_for(0));
    CHECK_FALSE(ikm::grade_for(-5));
    CHECK_FALSE(ikm::grade_for(std::nan("")));
    CHECK(letter(24.996) == 'D'); // rounds to 25.00
}

TEST_CASE("real survey totals that sit next to a boundary") {
    // 19 respondents: 11 answer U1 = 4 and 3 elsewhere (row sum 28), 8 answer
    // 3 everywhere (row sum 27).  Total 11 x 28 + 8 x 27 = 524.
    // IKM = 524 / (19 x 9) = 524/171 = 3.06433; converted = 13100/171 =
    // 76.6082 -> 76.61: grade B, although the unrounded score is below 76.61.
    std::vector<Scores> a = times(11, {4, 3, 3, 3, 3, 3, 3, 3, 3});
    for (const auto& s : times(8, {3, 3, 3, 3, 3, 3, 3, 3, 3}))
        a.push_back(s);
    ikm::Result r = ikm::compute_ikm(a);
    CHECK(*r.ikm == doctest::Approx(524.0 / 171.0));
    CHECK(r.converted_hundredths == 7661L);
    CHECK(r.grade->letter == 'B');

    // 19 respondents: 15 with row sum 32 (4,4,4,4,4,3,3,3,3), 4 with row sum 31
    // (4,4,4,4,3,3,3,3,3).  Total 15 x 32 + 4 x 31 = 604.
    // converted = 25 x 604 / 171 = 15100/171 = 88.3041 -> 88.30: grade B.
    std::vector<Scores> b = times(15, {4, 4, 4, 4, 4, 3, 3, 3, 3});
    for (const auto& s : times(4, {4, 4, 4, 4, 3, 3, 3, 3, 3}))
        b.push_back(s);
    r = ikm::compute_ikm(b);
    CHECK(r.converted_hundredths == 8830L);
    CHECK(r.grade->letter == 'B');

    // Two respondents: all 3 and all 2.  NRR 2.5 each; IKM 2.5; converted
    // 62.50: grade D.
    r = ikm::compute_ikm({{3, 3, 3, 3, 3, 3, 3, 3, 3}, {2, 2, 2, 2, 2, 2, 2, 2, 2}});
    CHECK(*r.converted == 62.50);
    CHECK(r.grade->letter == 'D');

    // One respondent, all 3 but U9 = 2: total 26; converted 25 x 26/9 =
    // 72.222 -> 72.22: grade C.
    r = ikm::compute_ikm({{3, 3, 3, 3, 3, 3, 3, 3, 2}});
    CHECK(r.converted_hundredths == 7222L);
    CHECK(r.grade->letter == 'C');
}

TEST_CASE("no respondents: no index and no grade") {
    ikm::Result r = ikm::compute_ikm({});
    CHECK(r.respondents == 0);
    CHECK_FALSE(r.ikm);
    CHECK_FALSE(r.converted);
    CHECK_FALSE(r.converted_hundredths);
    CHECK_FALSE(r.grade);
}

TEST_CASE("scores outside 1-4 are refused, naming the element") {
    auto e = unit::error_from([] { ikm::compute_ikm({{4, 4, 4, 4, 4, 4, 4, 4, 5}}); });
    CHECK(e.code() == Exit::invalid);
    CHECK_CONTAINS(e.what(), "U9 (complaint handling) is 5");
    e = unit::error_from([] { ikm::check_scores({4, 4, 0, 4, 4, 4, 4, 4, 4}); });
    CHECK(e.code() == Exit::invalid);
    CHECK_CONTAINS(e.what(), "U3");
}

TEST_CASE("parsing --scores") {
    Scores s = ikm::parse_scores("4,4,3,4,4,4,4,3,4");
    CHECK(s == Scores{4, 4, 3, 4, 4, 4, 4, 3, 4});
    CHECK(ikm::parse_scores(" 1, 2 ,3,4,1,2,3,4 , 1 ") == Scores{1, 2, 3, 4, 1, 2, 3, 4, 1});
    CHECK(ikm::scores_text(s) == "4,4,3,4,4,4,4,3,4");

    for (const char* bad : {"", "4,4,4,4,4,4,4,4", "4,4,4,4,4,4,4,4,4,4", "4,4,4,4,4,4,4,4,x",
                            "4,4,4,4,4,4,4,4,3.5", "4,4,4,4,4,4,4,4,", "4;4;4;4;4;4;4;4;4",
                            "4,4,4,4,4,4,4,4,+4", "0,4,4,4,4,4,4,4,4", "4,4,4,4,4,4,4,4,-1"}) {
        INFO("scores: '" << bad << "'");
        CHECK_FAILS_WITH(ikm::parse_scores(bad), Exit::invalid);
    }
    CHECK_CONTAINS(unit::error_from([] { ikm::parse_scores("4,4"); }).what(), "expected 9 scores");
    CHECK_CONTAINS(unit::error_from([] { ikm::parse_scores("4,4,4,4,x,4,4,4,4"); }).what(),
                   "U5 (product)");
}

TEST_SUITE_END();
