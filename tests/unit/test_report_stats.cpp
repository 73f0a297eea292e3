// Descriptive statistics of the quarterly report (PRODUCT §9): mean,
// median, percentile by nearest rank, and percentages rounded to 2
// decimals.  Every expectation is worked out by hand in the comments.
#include "report/stats.hpp"
#include "support.hpp"

#include <cmath>
#include <optional>
#include <vector>

using namespace hostingctl;

namespace {

// 1, 2, ..., n
std::vector<double> one_to(int n) {
    std::vector<double> v;
    for (int i = 1; i <= n; ++i)
        v.push_back(i);
    return v;
}

} // namespace

TEST_SUITE_BEGIN("report/stats");

TEST_CASE("stats mean") {
    CHECK_FALSE(stats::mean({}).has_value());
    CHECK(stats::mean({7.5}) == doctest::Approx(7.5));
    // (1 + 2 + 3 + 4) / 4 = 10 / 4 = 2.5
    CHECK(stats::mean({1, 2, 3, 4}) == doctest::Approx(2.5));
    // (11.25 + 19.25 + 13.75 + 44.5) / 4 = 88.75 / 4 = 22.1875
    CHECK(stats::mean({11.25, 19.25, 13.75, 44.5}) == doctest::Approx(22.1875));
    // 1 + ... + 10 = 55; 55 / 10 = 5.5
    CHECK(stats::mean(one_to(10)) == doctest::Approx(5.5));
}

TEST_CASE("stats median: odd, even, empty, unsorted input") {
    CHECK_FALSE(stats::median({}).has_value());
    CHECK(*stats::median({3}) == 3);
    // odd count: sorted 1, 2, 9 -> the middle value 2
    CHECK(*stats::median({9, 1, 2}) == 2);
    // 5 values sorted 1, 3, 4, 8, 20 -> 4
    CHECK(*stats::median({20, 4, 1, 8, 3}) == 4);
    // even count: sorted 11.25, 13.75, 19.25, 44.5 -> (13.75 + 19.25) / 2 = 16.5
    CHECK(*stats::median({44.5, 11.25, 19.25, 13.75}) == doctest::Approx(16.5));
    // two values: (2 + 5) / 2 = 3.5
    CHECK(*stats::median({5, 2}) == doctest::Approx(3.5));
    // 1..10: (5 + 6) / 2 = 5.5
    CHECK(*stats::median(one_to(10)) == doctest::Approx(5.5));
    // ties: 2, 2, 2, 7 -> (2 + 2) / 2 = 2
    CHECK(*stats::median({2, 7, 2, 2}) == 2);
}

TEST_CASE("stats percentile by nearest rank") {
    CHECK_FALSE(stats::percentile({}, 90).has_value());
    // One value is every percentile of itself.
    CHECK(*stats::percentile({42}, 90) == 42);
    CHECK(*stats::percentile({42}, 0) == 42);
    CHECK(*stats::percentile({42}, 100) == 42);
    // 1..10: rank = ceil(0.90 * 10) = 9 -> the 9th value, 9
    CHECK(*stats::percentile(one_to(10), 90) == 9);
    // 1..20: rank = ceil(0.90 * 20) = 18 -> 18
    CHECK(*stats::percentile(one_to(20), 90) == 18);
    // 4 values 11.25 13.75 19.25 44.5: rank = ceil(0.9 * 4) = ceil(3.6) = 4 -> 44.5
    CHECK(*stats::percentile({19.25, 44.5, 11.25, 13.75}, 90) == doctest::Approx(44.5));
    // 1..5: p50 rank ceil(2.5) = 3 -> 3; p20 rank ceil(1.0) = 1 -> 1; p21 rank ceil(1.05) = 2 -> 2
    CHECK(*stats::percentile(one_to(5), 50) == 3);
    CHECK(*stats::percentile(one_to(5), 20) == 1);
    CHECK(*stats::percentile(one_to(5), 21) == 2);
    // p100 is the largest, p0 the smallest (rank 0 is clamped to 1).
    CHECK(*stats::percentile(one_to(10), 100) == 10);
    CHECK(*stats::percentile(one_to(10), 0) == 1);
    // Unsorted input is sorted first: 30, 10, 20 -> 10, 20, 30; p90 rank ceil(2.7) = 3 -> 30
    CHECK(*stats::percentile({30, 10, 20}, 90) == 30);
    // Exact ranks must not be pushed up by floating-point error:
    // 1..100, p7: 7 values (7%) are <= 7, so rank 7 -> 7; likewise p14 -> 14,
    // p28 -> 28, p56 -> 56.
    CHECK(*stats::percentile(one_to(100), 7) == 7);
    CHECK(*stats::percentile(one_to(100), 14) == 14);
    CHECK(*stats::percentile(one_to(100), 28) == 28);
    CHECK(*stats::percentile(one_to(100), 56) == 56);
    // p90 of 1..100: rank 90 -> 90
    CHECK(*stats::percentile(one_to(100), 90) == 90);
}

TEST_CASE("stats percent and rounding to 2 decimals") {
    CHECK_FALSE(stats::percent(0, 0).has_value());
    CHECK_FALSE(stats::percent(3, 0).has_value());
    CHECK(*stats::percent(0, 4) == 0);
    CHECK(*stats::percent(4, 4) == 100);
    // 3 / 4 = 75 %; 2 / 4 = 50 %
    CHECK(*stats::percent(3, 4) == doctest::Approx(75.0));
    CHECK(*stats::percent(2, 4) == doctest::Approx(50.0));
    // 1 / 3 = 33.333... -> 33.33; 2 / 3 = 66.666... -> 66.67
    CHECK(*stats::percent(1, 3) == doctest::Approx(33.33));
    CHECK(*stats::percent(2, 3) == doctest::Approx(66.67));
    // 1 / 7 = 14.2857... -> 14.29; 6 / 7 = 85.714... -> 85.71
    CHECK(*stats::percent(1, 7) == doctest::Approx(14.29));
    CHECK(*stats::percent(6, 7) == doctest::Approx(85.71));
    // Halves (exact in binary) round away from zero:
    // 1 / 32 = 3.125 % -> 3.13; 3 / 32 = 9.375 % -> 9.38; 1 / 64 = 1.5625 % -> 1.56
    CHECK(*stats::percent(1, 32) == doctest::Approx(3.13));
    CHECK(*stats::percent(3, 32) == doctest::Approx(9.38));
    CHECK(*stats::percent(1, 64) == doctest::Approx(1.56));
    // The value itself is rounded, not only its printed form: 2/3 gives
    // 66.67 to double precision, not 66.666...
    CHECK(std::abs(*stats::percent(2, 3) - 66.67) < 1e-9);

    CHECK(stats::round2(22.1875) == doctest::Approx(22.19)); // 2218.75 -> 2219
    CHECK(stats::round2(6.625) == doctest::Approx(6.63));    // 662.5 -> 663
    CHECK(stats::round2(3.3125) == doctest::Approx(3.31));   // 331.25 -> 331
    CHECK(stats::round2(16.5) == 16.5);
    CHECK(stats::round2(0) == 0);
}

TEST_SUITE_END();
