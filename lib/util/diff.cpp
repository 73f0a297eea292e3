#include "util/diff.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <string_view>
#include <vector>

namespace hostingctl::diff {

namespace {

// The lines of a text, each without its newline; a last line without one
// is marked, as diff does.
struct Lines {
    std::vector<std::string_view> line;
    bool no_final_newline = false;
};

Lines lines_of(const std::string& t) {
    Lines l;
    size_t start = 0;
    while (start < t.size()) {
        size_t nl = t.find('\n', start);
        if (nl == std::string::npos) {
            l.line.emplace_back(t.data() + start, t.size() - start);
            l.no_final_newline = true;
            break;
        }
        l.line.emplace_back(t.data() + start, nl - start);
        start = nl + 1;
    }
    return l;
}

enum class Op { same, removed, added };

struct Edit {
    Op op;
    int a, b; // line numbers (0-based) in before and after
};

// The shortest edit script (Myers' greedy algorithm), or nullopt beyond
// max_edits.
std::optional<std::vector<Edit>> script(const Lines& LA, const Lines& LB, int max_edits) {
    const auto& A = LA.line;
    const auto& B = LB.line;
    const int n = static_cast<int>(A.size()), m = static_cast<int>(B.size());
    // A last line without its newline is not the same line with one.
    const auto same = [&](int x, int y) {
        return A[x] == B[y] &&
               (LA.no_final_newline && x + 1 == n) == (LB.no_final_newline && y + 1 == m);
    };
    const int max = std::min(n + m, max_edits);
    const int off = max + 1;
    std::vector<int> v(2 * static_cast<size_t>(max) + 3, 0);
    std::vector<std::vector<int>> trace;
    int found = -1;
    for (int d = 0; d <= max && found < 0; ++d) {
        trace.push_back(v);
        for (int k = -d; k <= d; k += 2) {
            int x = (k == -d || (k != d && v[k - 1 + off] < v[k + 1 + off])) ? v[k + 1 + off]
                                                                             : v[k - 1 + off] + 1;
            int y = x - k;
            while (x < n && y < m && same(x, y))
                ++x, ++y;
            v[k + off] = x;
            if (x >= n && y >= m) {
                found = d;
                break;
            }
        }
    }
    if (found < 0)
        return std::nullopt;
    std::vector<Edit> out;
    int x = n, y = m;
    for (int d = found; d > 0; --d) {
        const std::vector<int>& pv = trace[d];
        const int k = x - y;
        const int pk = (k == -d || (k != d && pv[k - 1 + off] < pv[k + 1 + off])) ? k + 1 : k - 1;
        const int px = pv[pk + off], py = px - pk;
        while (x > px && y > py)
            out.push_back({Op::same, --x, --y});
        if (x == px)
            out.push_back({Op::added, x, --y});
        else
            out.push_back({Op::removed, --x, y});
    }
    while (x > 0 && y > 0)
        out.push_back({Op::same, --x, --y});
    std::reverse(out.begin(), out.end());
    // In each run of changes the removed lines come first, as diff prints them.
    for (auto it = out.begin(); it != out.end();) {
        if (it->op == Op::same) {
            ++it;
            continue;
        }
        auto end = std::find_if(it, out.end(), [](const Edit& e) { return e.op == Op::same; });
        std::stable_partition(it, end, [](const Edit& e) { return e.op == Op::removed; });
        it = end;
    }
    return out;
}

std::string range(int start, int count) {
    // diff -u: "l,s", "l" for one line, and the line before for none.
    if (count == 1)
        return std::to_string(start + 1);
    return fmt::format("{},{}", count == 0 ? start : start + 1, count);
}

} // namespace

std::optional<std::string> unified(const std::string& before, const std::string& after,
                                   const std::string& from, const std::string& to, int context,
                                   int max_edits) {
    if (before == after)
        return std::string();
    const Lines A = lines_of(before), B = lines_of(after);
    auto edits = script(A, B, max_edits);
    if (!edits)
        return std::nullopt;
    const auto& E = *edits;
    const auto line = [&](const Edit& e) {
        const bool from_a = e.op != Op::added;
        const Lines& L = from_a ? A : B;
        const int i = from_a ? e.a : e.b;
        std::string s = (e.op == Op::same      ? " "
                         : e.op == Op::removed ? "-"
                                               : "+") +
                        std::string(L.line[static_cast<size_t>(i)]) + "\n";
        if (L.no_final_newline && i + 1 == static_cast<int>(L.line.size()))
            s += "\\ No newline at end of file\n";
        return s;
    };
    std::string out = fmt::format("--- {}\n+++ {}\n", from, to);
    const int total = static_cast<int>(E.size());
    int i = 0;
    while (i < total) {
        while (i < total && E[i].op == Op::same)
            ++i;
        if (i == total)
            break;
        // A hunk: from `context` lines before this change to `context`
        // lines after the last change less than 2 * context apart.
        int start = std::max(0, i - context), end = i;
        for (;;) {
            while (end < total && E[end].op != Op::same)
                ++end;
            int same = 0;
            while (end + same < total && E[end + same].op == Op::same)
                ++same;
            if (end + same < total && same <= 2 * context) {
                end += same;
                continue;
            }
            end = std::min(total, end + context);
            break;
        }
        int a0 = -1, b0 = -1, na = 0, nb = 0;
        for (int j = start; j < end; ++j) {
            if (E[j].op != Op::added) {
                if (a0 < 0)
                    a0 = E[j].a;
                ++na;
            }
            if (E[j].op != Op::removed) {
                if (b0 < 0)
                    b0 = E[j].b;
                ++nb;
            }
        }
        if (a0 < 0)
            a0 = E[start].a;
        if (b0 < 0)
            b0 = E[start].b;
        out += fmt::format("@@ -{} +{} @@\n", range(a0, na), range(b0, nb));
        for (int j = start; j < end; ++j)
            out += line(E[j]);
        i = end;
    }
    return out;
}

} // namespace hostingctl::diff
