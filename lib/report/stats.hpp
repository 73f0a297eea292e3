#pragma once
// Descriptive statistics for reports.  Knows nothing about hosting.
#include <optional>
#include <vector>

namespace hostingctl::stats {

std::optional<double> mean(const std::vector<double>& v);
// Median: the middle value, or the mean of the two middle values.
std::optional<double> median(std::vector<double> v);
// Percentile by the nearest-rank method (p in 0-100): the smallest value
// with at least p% of the values at or below it.
std::optional<double> percentile(std::vector<double> v, double p);
// Rounds to 2 decimals.
double round2(double v);
// 100 * part / whole rounded to 2 decimals; nullopt when whole is 0.
std::optional<double> percent(size_t part, size_t whole);

} // namespace hostingctl::stats
