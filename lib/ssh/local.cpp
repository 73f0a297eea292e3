#include "ssh/local.hpp"

#include "util/error.hpp"
#include "util/i18n.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

namespace hostingctl::ssh {

namespace {

// `what` is the system call that failed (not translated), or a message.
[[noreturn]] void sys_error(const char* what) {
    throw Error(Exit::remote, fmt::format("{}: {}", what, std::strerror(errno)));
}

int ms_until(std::chrono::steady_clock::time_point deadline) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    return static_cast<int>(std::max<long>(0, std::min<long>(left.count(), 1000)));
}

} // namespace

std::string LocalShell::where() const {
    // TRANSLATORS: where a shell runs, in messages such as "the shell on
    // this machine ended unexpectedly".
    return tr("this machine");
}

LocalShell::LocalShell() {
    // Standard input is a socket so a write to a dead shell fails with
    // EPIPE (MSG_NOSIGNAL) instead of killing us with SIGPIPE.
    int in[2], out[2], err[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, in) != 0)
        sys_error("socketpair");
    if (::pipe2(out, O_CLOEXEC) != 0 || ::pipe2(err, O_CLOEXEC) != 0)
        sys_error("pipe");
    pid_ = ::fork();
    if (pid_ < 0)
        sys_error("fork");
    if (pid_ == 0) {
        ::dup2(in[1], 0);
        ::dup2(out[1], 1);
        ::dup2(err[1], 2);
        ::setenv("LC_ALL", "C", 1);
        ::execl("/bin/bash", "bash", "--noprofile", "--norc", "-s", static_cast<char*>(nullptr));
        ::_exit(127);
    }
    ::close(in[1]);
    ::close(out[1]);
    ::close(err[1]);
    in_ = in[0];
    out_ = out[0];
    err_ = err[0];
    ::fcntl(out_, F_SETFL, O_NONBLOCK);
    ::fcntl(err_, F_SETFL, O_NONBLOCK);
}

LocalShell::~LocalShell() {
    if (in_ >= 0)
        ::close(in_); // bash ends at end of input
    if (out_ >= 0)
        ::close(out_);
    if (err_ >= 0)
        ::close(err_);
    if (pid_ > 0) {
        int status = 0;
        ::waitpid(pid_, &status, 0);
    }
}

void LocalShell::send(std::string_view data, Clock::time_point) {
    while (!data.empty()) {
        ssize_t n = ::send(in_, data.data(), data.size(), MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            sys_error(tr("writing to the local shell"));
        }
        data.remove_prefix(static_cast<size_t>(n));
    }
}

bool LocalShell::receive(std::string& out, std::string& err, Clock::time_point deadline) {
    struct pollfd fds[2] = {{out_, POLLIN, 0}, {err_, POLLIN, 0}};
    int r = ::poll(fds, 2, ms_until(deadline));
    if (r < 0 && errno != EINTR)
        sys_error("poll");
    bool open = false;
    char buf[65536];
    for (int i = 0; i < 2; ++i) {
        std::string& to = i == 0 ? out : err;
        ssize_t n = ::read(fds[i].fd, buf, sizeof buf);
        if (n > 0) {
            to.append(buf, static_cast<size_t>(n));
            open = true;
        } else if (n < 0 && (errno == EAGAIN || errno == EINTR)) {
            open = true;
        }
    }
    return open;
}

void LocalShell::abort() noexcept {
    if (pid_ > 0)
        ::kill(pid_, SIGKILL);
}

} // namespace hostingctl::ssh
