#include "util/json.hpp"

#include <cmath>
#include <fmt/format.h>

namespace hostingctl {

Json& Json::operator[](std::string_view key) {
    if (!std::holds_alternative<Object>(v_))
        v_ = Object{};
    auto& obj = std::get<Object>(v_);
    for (auto& [k, v] : obj)
        if (k == key)
            return v;
    obj.emplace_back(std::string(key), Json());
    return obj.back().second;
}

void Json::push(Json v) {
    if (!std::holds_alternative<Array>(v_))
        v_ = Array{};
    std::get<Array>(v_).push_back(std::move(v));
}

std::string json_quote(std::string_view s) {
    std::string out;
    out.reserve(s.size() + 2);
    out += '"';
    for (unsigned char c : s) {
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\b':
            out += "\\b";
            break;
        case '\f':
            out += "\\f";
            break;
        default:
            if (c < 0x20 || c == 0x7f)
                out += fmt::format("\\u{:04x}", c);
            else
                out += static_cast<char>(c);
        }
    }
    out += '"';
    return out;
}

std::string Json::dump(int indent) const {
    std::string out;
    write(out, indent, 0);
    return out;
}

void Json::write(std::string& out, int indent, int depth) const {
    auto newline = [&](int d) {
        if (indent >= 0) {
            out += '\n';
            out.append(static_cast<size_t>(indent * d), ' ');
        }
    };
    std::visit(
        [&](const auto& val) {
            using T = std::decay_t<decltype(val)>;
            if constexpr (std::is_same_v<T, std::nullptr_t>) {
                out += "null";
            } else if constexpr (std::is_same_v<T, bool>) {
                out += val ? "true" : "false";
            } else if constexpr (std::is_same_v<T, int64_t>) {
                out += fmt::format("{}", val);
            } else if constexpr (std::is_same_v<T, double>) {
                if (!std::isfinite(val))
                    out += "null";
                else
                    out += fmt::format("{}", val);
            } else if constexpr (std::is_same_v<T, std::string>) {
                out += json_quote(val);
            } else if constexpr (std::is_same_v<T, Array>) {
                if (val.empty()) {
                    out += "[]";
                    return;
                }
                out += '[';
                for (size_t i = 0; i < val.size(); ++i) {
                    if (i)
                        out += indent >= 0 ? "," : ", ";
                    newline(depth + 1);
                    val[i].write(out, indent, depth + 1);
                }
                newline(depth);
                out += ']';
            } else {
                if (val.empty()) {
                    out += "{}";
                    return;
                }
                out += '{';
                for (size_t i = 0; i < val.size(); ++i) {
                    if (i)
                        out += indent >= 0 ? "," : ", ";
                    newline(depth + 1);
                    out += json_quote(val[i].first);
                    out += ": ";
                    val[i].second.write(out, indent, depth + 1);
                }
                newline(depth);
                out += '}';
            }
        },
        v_);
}

Json text_or_null(std::string_view s) {
    return s.empty() ? Json() : Json(s);
}

double rounded(double v, int decimals) {
    const double f = std::pow(10.0, decimals);
    return std::round(v * f) / f;
}

Json number_or_null(const std::optional<double>& v, int decimals) {
    return v ? Json(rounded(*v, decimals)) : Json();
}

} // namespace hostingctl
