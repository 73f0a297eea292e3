#pragma once
// A minimal JSON value for --json output: objects keep insertion order so the
// documented keys come out in a stable, readable order.  Writing only.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace hostingctl {

class Json {
  public:
    using Array = std::vector<Json>;
    using Object = std::vector<std::pair<std::string, Json>>;

    Json() : v_(nullptr) {}
    Json(std::nullptr_t) : v_(nullptr) {}
    Json(bool b) : v_(b) {}
    Json(int i) : v_(static_cast<int64_t>(i)) {}
    Json(long i) : v_(static_cast<int64_t>(i)) {}
    Json(long long i) : v_(static_cast<int64_t>(i)) {}
    Json(unsigned i) : v_(static_cast<int64_t>(i)) {}
    Json(unsigned long i) : v_(static_cast<int64_t>(i)) {}
    Json(double d) : v_(d) {}
    Json(const char* s) : v_(std::string(s)) {}
    Json(std::string s) : v_(std::move(s)) {}
    Json(std::string_view s) : v_(std::string(s)) {}
    Json(Array a) : v_(std::move(a)) {}
    Json(Object o) : v_(std::move(o)) {}

    static Json object() { return Json(Object{}); }
    static Json array() { return Json(Array{}); }

    // Object access: sets or appends key (keeps first position on overwrite).
    Json& operator[](std::string_view key);
    // Array append.
    void push(Json v);

    bool is_null() const { return std::holds_alternative<std::nullptr_t>(v_); }

    // Serialises; indent < 0 gives one line.
    std::string dump(int indent = 2) const;

  private:
    void write(std::string& out, int indent, int depth) const;
    std::variant<std::nullptr_t, bool, int64_t, double, std::string, Array, Object> v_;
};

// The JSON convention of every --json output (hostingctl(1), JSON OUTPUT):
// a value that is absent is null, never "".  A text that may be empty goes
// out through text_or_null; a figure that may be absent through
// number_or_null, rounded to `decimals`.
Json text_or_null(std::string_view s);
Json number_or_null(const std::optional<double>& v, int decimals);
// A figure rounded to `decimals` places, as every --json figure is.
double rounded(double v, int decimals);

// JSON string literal with escapes (quotes included).
std::string json_quote(std::string_view s);

} // namespace hostingctl
