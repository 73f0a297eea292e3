#include "store/ids.hpp"

#include "util/error.hpp"
#include "util/i18n.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <cctype>
#include <fmt/format.h>
#include <utility>
#include <vector>

namespace hostingctl {

namespace {

struct Piece {
    enum Kind { literal, year, seq } kind;
    std::string text; // literal text
    int width = 0;    // seq padding
};

std::vector<Piece> pieces(std::string_view format) {
    std::vector<Piece> out;
    std::string lit;
    size_t i = 0;
    while (i < format.size()) {
        if (format[i] == '{') {
            size_t close = format.find('}', i);
            if (close == std::string_view::npos)
                throw Error(Exit::invalid, trf("id format '{}' has an unclosed '{{'", format));
            std::string_view name = format.substr(i + 1, close - i - 1);
            if (!lit.empty())
                out.push_back({Piece::literal, std::exchange(lit, {}), 0});
            if (name == "year") {
                out.push_back({Piece::year, {}, 4});
            } else if (name == "seq") {
                out.push_back({Piece::seq, {}, 1});
            } else if (name.starts_with("seq:") && name.size() == 5 &&
                       std::isdigit(static_cast<unsigned char>(name[4]))) {
                out.push_back({Piece::seq, {}, name[4] - '0'});
            } else {
                throw Error(Exit::invalid,
                            trf("id format '{}': unknown placeholder '{{{}}}'", format, name),
                            tr("use {year} and {seq} or {seq:4}"));
            }
            i = close + 1;
        } else {
            char c = format[i];
            if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.'))
                throw Error(Exit::invalid,
                            trf("id format '{}' contains '{}', unsafe in a file name", format, c),
                            tr("use letters, digits, '-', '_' and '.'"));
            lit += c;
            ++i;
        }
    }
    if (!lit.empty())
        out.push_back({Piece::literal, lit, 0});
    return out;
}

} // namespace

void check_id_format(std::string_view format) {
    bool y = false, s = false;
    for (const auto& p : pieces(format)) {
        y |= p.kind == Piece::year;
        s |= p.kind == Piece::seq;
    }
    if (!y || !s)
        throw Error(Exit::invalid, trf("id format '{}' needs both {{year}} and {{seq}}", format));
    // A sequence running straight into the year ("{seq}{year}") cannot be
    // split again, so the files written under it could never be found.
    for (long seq : {7L, 12345L}) {
        auto rn = parse_id(format, format_id(format, 2026, seq));
        if (!rn || rn->year != 2026 || rn->seq != seq)
            throw Error(Exit::invalid,
                        trf("id format '{}' writes numbers that cannot be read back", format),
                        tr("put a separator such as '-' between {seq} and {year}"));
    }
}

std::string format_id(std::string_view format, int year, long seq) {
    std::string out;
    for (const auto& p : pieces(format)) {
        switch (p.kind) {
        case Piece::literal:
            out += p.text;
            break;
        case Piece::year:
            out += fmt::format("{:04}", year);
            break;
        case Piece::seq:
            out += fmt::format("{:0{}}", seq, p.width);
            break;
        }
    }
    return out;
}

std::optional<RecordNumber> parse_id(std::string_view format, std::string_view id, bool loose) {
    auto ps = pieces(format);
    RecordNumber rn;
    size_t pos = 0;
    for (size_t k = 0; k < ps.size(); ++k) {
        const Piece& p = ps[k];
        if (p.kind == Piece::literal) {
            std::string_view got = id.substr(pos, p.text.size());
            if (loose ? text::lower(got) != text::lower(p.text) : got != p.text)
                return std::nullopt;
            pos += p.text.size();
            continue;
        }
        size_t start = pos;
        size_t limit = p.kind == Piece::year ? 4 : 9;
        while (pos < id.size() && pos - start < limit &&
               std::isdigit(static_cast<unsigned char>(id[pos])))
            ++pos;
        if (pos == start || (p.kind == Piece::year && pos - start != 4))
            return std::nullopt;
        long v = std::stol(std::string(id.substr(start, pos - start)));
        if (p.kind == Piece::year)
            rn.year = static_cast<int>(v);
        else
            rn.seq = v;
    }
    if (pos != id.size() || rn.seq < 1)
        return std::nullopt;
    // Only the spelling the format writes: HST-2026-7 would name a file
    // other than HST-2026-0007's, so it is not taken for it.
    if (!loose && format_id(format, rn.year, rn.seq) != id)
        return std::nullopt;
    return rn;
}

std::optional<std::string> typed_id(std::string_view format, std::string_view typed, int year) {
    const std::string_view t = text::trim(typed);
    if (auto rn = parse_id(format, t, true))
        return format_id(format, rn->year, rn->seq);
    const bool digits = !t.empty() && t.size() <= 9 && std::all_of(t.begin(), t.end(), [](char c) {
        return std::isdigit(static_cast<unsigned char>(c));
    });
    if (digits && std::stol(std::string(t)) > 0)
        return format_id(format, year, std::stol(std::string(t)));
    return std::nullopt;
}

} // namespace hostingctl
