#include "report/stats.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace hostingctl::stats {

std::optional<double> mean(const std::vector<double>& v) {
    if (v.empty())
        return std::nullopt;
    return std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
}

std::optional<double> median(std::vector<double> v) {
    if (v.empty())
        return std::nullopt;
    std::sort(v.begin(), v.end());
    size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
}

std::optional<double> percentile(std::vector<double> v, double p) {
    if (v.empty())
        return std::nullopt;
    std::sort(v.begin(), v.end());
    // p * n first: for whole p that product is exact, so an exact rank
    // (p7 of 100 values = 7) is not pushed up by the error of p / 100.
    auto rank = static_cast<size_t>(std::ceil(p * static_cast<double>(v.size()) / 100.0));
    rank = std::clamp<size_t>(rank, 1, v.size());
    return v[rank - 1];
}

double round2(double v) {
    return std::round(v * 100.0) / 100.0;
}

std::optional<double> percent(size_t part, size_t whole) {
    if (whole == 0)
        return std::nullopt;
    return round2(100.0 * static_cast<double>(part) / static_cast<double>(whole));
}

} // namespace hostingctl::stats
