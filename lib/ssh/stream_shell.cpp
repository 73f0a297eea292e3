#include "ssh/stream_shell.hpp"

#include "util/error.hpp"
#include "util/i18n.hpp"
#include "util/shell.hpp"
#include "util/text.hpp"

#include <charconv>
#include <fmt/format.h>
#include <random>

namespace hostingctl::ssh {

namespace {

std::string random_hex(size_t n) {
    std::random_device rd;
    std::string s;
    while (s.size() < n)
        s += fmt::format("{:08x}", rd());
    return s.substr(0, n);
}

// The position of "\n<mark>" + `tail` in `buf`, searched from `from`.
size_t find_mark(const std::string& buf, const std::string& mark, size_t from) {
    return buf.find("\n" + mark, from);
}

} // namespace

StreamShell::StreamShell() : nonce_(random_hex(24)) {}

Result StreamShell::batch(std::string_view script, std::chrono::milliseconds timeout) {
    if (broken_)
        throw Error(Exit::remote, trf("the connection to {} was lost earlier", where()));
    const auto deadline = Clock::now() + timeout;
    const std::string mark = fmt::format("__hostingctl_{}_{}", nonce_, ++batches_);
    const std::string frame =
        fmt::format("( eval {} ) </dev/null\n"
                    "__hostingctl_s=$?; printf '\\n%s\\n' {} >&2; printf '\\n%s %s\\n' {} "
                    "\"$__hostingctl_s\"\n",
                    shell::quote(script), mark, mark);
    std::string out, err;
    size_t out_mark = std::string::npos, err_mark = std::string::npos;
    size_t out_scan = 0, err_scan = 0;
    try {
        send(frame, deadline);
        for (;;) {
            if (out_mark == std::string::npos) {
                out_mark = find_mark(out, mark, out_scan);
                out_scan = out.size() > mark.size() + 1 ? out.size() - mark.size() - 1 : 0;
            }
            if (err_mark == std::string::npos) {
                err_mark = find_mark(err, mark, err_scan);
                err_scan = err.size() > mark.size() + 1 ? err.size() - mark.size() - 1 : 0;
            }
            // Done when both marks are there and the status line is whole.
            if (out_mark != std::string::npos && err_mark != std::string::npos &&
                out.find('\n', out_mark + 1) != std::string::npos &&
                err.find('\n', err_mark + 1) != std::string::npos)
                break;
            if (Clock::now() >= deadline)
                throw Error(Exit::remote,
                            trf("a batch of commands on {} took longer than {} s; the "
                                "connection was closed",
                                where(), timeout.count() / 1000),
                            tr("re-run once the server answers: every action checks first "
                               "whether it is already done"));
            if (!receive(out, err, deadline)) {
                std::string said(text::trim(err));
                std::string message = trf("the shell on {} ended unexpectedly", where());
                throw Error(Exit::remote, said.empty() ? message : message + ": " + said);
            }
        }
    } catch (...) {
        broken_ = true;
        abort();
        throw;
    }
    Result r;
    const size_t status_at = out_mark + 1 + mark.size() + 1;
    const size_t status_end = out.find('\n', status_at);
    std::string_view digits(out.data() + status_at, status_end - status_at);
    auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), r.status);
    if (ec != std::errc() || p != digits.data() + digits.size()) {
        broken_ = true;
        abort();
        throw Error(Exit::remote, trf("{} answered out of step", where()));
    }
    r.out = out.substr(0, out_mark);
    r.err = err.substr(0, err_mark);
    return r;
}

} // namespace hostingctl::ssh
