#include "ssh/session.hpp"

#include "util/error.hpp"
#include "util/i18n.hpp"
#include "util/text.hpp"

#include <fmt/format.h>
#include <libssh/libssh.h>

namespace hostingctl::ssh {

namespace {

// libssh's global state, set up once and torn down at exit.
struct Library {
    Library() { ssh_init(); }
    ~Library() { ssh_finalize(); }
};

void library() {
    static Library lib;
}

int ms_until(std::chrono::steady_clock::time_point deadline, int cap) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    return static_cast<int>(std::max<long>(0, std::min<long>(left.count(), cap)));
}

} // namespace

std::string Target::where() const {
    return fmt::format("{}@{}:{}", user, host, port);
}

// One libssh session (and, once the shell runs, its channel).
class Session {
  public:
    explicit Session(const Target& t) : target_(t) {
        library();
        s_ = ssh_new();
        if (!s_)
            throw Error(Exit::failure, tr("cannot create an SSH session"));
        const bool no = false;
        const int yes = 1;
        const long timeout = static_cast<long>(t.connect_timeout.count());
        const unsigned port = static_cast<unsigned>(t.port);
        const std::string known = t.known_hosts.string();
        // A constructor that throws runs no destructor: free the session here.
        try {
            connect(no, yes, timeout, port, known);
        } catch (...) {
            ssh_free(s_);
            throw;
        }
    }

    void connect(bool no, int yes, long timeout, unsigned port, const std::string& known) {
        const Target& t = target_;
        // Only the store's known_hosts: the global file is pointed at it too.
        if (ssh_options_set(s_, SSH_OPTIONS_PROCESS_CONFIG, &no) != SSH_OK ||
            ssh_options_set(s_, SSH_OPTIONS_HOST, t.host.c_str()) != SSH_OK ||
            ssh_options_set(s_, SSH_OPTIONS_PORT, &port) != SSH_OK ||
            ssh_options_set(s_, SSH_OPTIONS_USER, t.user.c_str()) != SSH_OK ||
            ssh_options_set(s_, SSH_OPTIONS_KNOWNHOSTS, known.c_str()) != SSH_OK ||
            ssh_options_set(s_, SSH_OPTIONS_GLOBAL_KNOWNHOSTS, known.c_str()) != SSH_OK ||
            ssh_options_set(s_, SSH_OPTIONS_TIMEOUT, &timeout) != SSH_OK ||
            ssh_options_set(s_, SSH_OPTIONS_NODELAY, &yes) != SSH_OK)
            fail(N_("cannot set up the SSH session for {}: {}"), Exit::invalid);
        if (ssh_connect(s_) != SSH_OK)
            fail(N_("cannot connect to {}: {}"));
    }

    ~Session() {
        if (ch_) {
            ssh_channel_send_eof(ch_);
            ssh_channel_close(ch_);
            ssh_channel_free(ch_);
        }
        ssh_disconnect(s_);
        ssh_free(s_);
    }

    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    // `message` (marked with N_) names the server, then libssh's error.
    [[noreturn]] void fail(const char* message, Exit code = Exit::remote) const {
        throw Error(code, trf(message, target_.where(), ssh_get_error(s_)));
    }

    KeyScan scan() const {
        KeyScan out;
        ssh_key key = nullptr;
        if (ssh_get_server_publickey(s_, &key) != SSH_OK)
            fail(N_("cannot read the host key of {}: {}"));
        unsigned char* hash = nullptr;
        size_t len = 0;
        if (ssh_get_publickey_hash(key, SSH_PUBLICKEY_HASH_SHA256, &hash, &len) == 0) {
            char* fp = ssh_get_fingerprint_hash(SSH_PUBLICKEY_HASH_SHA256, hash, len);
            if (fp) {
                out.key.fingerprint = fp;
                ssh_string_free_char(fp);
            }
            ssh_clean_pubkey_hash(&hash);
        }
        if (const char* type = ssh_key_type_to_char(ssh_key_type(key)))
            out.key.type = type;
        ssh_key_free(key);
        char* line = nullptr;
        if (ssh_session_export_known_hosts_entry(s_, &line) == SSH_OK && line) {
            out.key.known_hosts_line = text::trim(line);
            ssh_string_free_char(line);
        }
        switch (ssh_session_is_known_server(s_)) {
        case SSH_KNOWN_HOSTS_OK:
            out.state = KeyState::known;
            break;
        case SSH_KNOWN_HOSTS_CHANGED:
        case SSH_KNOWN_HOSTS_OTHER:
            out.state = KeyState::changed;
            break;
        case SSH_KNOWN_HOSTS_UNKNOWN:
        case SSH_KNOWN_HOSTS_NOT_FOUND:
            out.state = KeyState::unknown;
            break;
        case SSH_KNOWN_HOSTS_ERROR:
        default:
            fail(N_("cannot check the host key of {}: {}"));
        }
        return out;
    }

    void verify_host_key() const {
        const std::string& server_name = target_.name.empty() ? target_.host : target_.name;
        KeyScan k = scan();
        if (k.state == KeyState::known)
            return;
        if (k.state == KeyState::unknown)
            throw Error(Exit::host_key,
                        // TRANSLATORS: the server, its key type and fingerprint.
                        trf("the host key of {} is not known ({} {}); nothing was run",
                            target_.where(), k.key.type, k.key.fingerprint),
                        trf("check the fingerprint with the server's administrator, then "
                            "'hostingctl server trust {}'",
                            server_name));
        throw Error(Exit::host_key,
                    // TRANSLATORS: the server, its key type and fingerprint, and the
                    // known_hosts file.  Written in capitals to stand out.
                    trf("THE HOST KEY OF {} HAS CHANGED: it now offers {} {}, which is "
                        "not the key recorded in {}; someone may be intercepting the "
                        "connection. Nothing was run",
                        target_.where(), k.key.type, k.key.fingerprint,
                        target_.known_hosts.string()),
                    trf("if the server was reinstalled, confirm the new fingerprint with "
                        "its administrator, remove its line from {} and run 'hostingctl "
                        "server trust {}'",
                        target_.known_hosts.string(), server_name));
    }

    void authenticate() {
        int rc = SSH_AUTH_ERROR;
        if (!target_.identity_file.empty()) {
            ssh_key key = nullptr;
            if (ssh_pki_import_privkey_file(target_.identity_file.c_str(), nullptr, nullptr,
                                            nullptr, &key) != SSH_OK)
                throw Error(Exit::invalid,
                            trf("cannot read the private key {} (for {})", target_.identity_file,
                                target_.where()),
                            tr("give a readable key without passphrase, or leave identity_file "
                               "out to use the SSH agent"));
            rc = ssh_userauth_publickey(s_, nullptr, key);
            ssh_key_free(key);
        } else {
            rc = ssh_userauth_agent(s_, nullptr);
        }
        if (rc != SSH_AUTH_SUCCESS)
            throw Error(
                Exit::remote,
                target_.identity_file.empty()
                    ? trf("{} did not accept the key of the SSH agent", target_.where())
                    : trf("{} did not accept the key {}", target_.where(), target_.identity_file),
                tr("add the public key to the user's authorized_keys on the server"));
    }

    void start_shell() {
        ch_ = ssh_channel_new(s_);
        if (!ch_ || ssh_channel_open_session(ch_) != SSH_OK)
            fail(N_("cannot open a channel on {}: {}"));
        const char* cmd = target_.become_sudo
                              ? "exec sudo -n -- env LC_ALL=C /bin/bash --noprofile --norc -s"
                              : "exec env LC_ALL=C /bin/bash --noprofile --norc -s";
        if (ssh_channel_request_exec(ch_, cmd) != SSH_OK)
            fail(N_("cannot start a shell on {}: {}"));
    }

    void send(std::string_view data) {
        while (!data.empty()) {
            int n = ssh_channel_write(
                ch_, data.data(), static_cast<uint32_t>(std::min<size_t>(data.size(), 1 << 20)));
            if (n == SSH_ERROR)
                fail(N_("cannot send to {}: {}"));
            data.remove_prefix(static_cast<size_t>(n));
        }
    }

    bool receive(std::string& out, std::string& err,
                 std::chrono::steady_clock::time_point deadline) {
        char buf[65536];
        bool got = false;
        for (int is_err = 0; is_err < 2; ++is_err) {
            int n = ssh_channel_read_nonblocking(ch_, buf, sizeof buf, is_err);
            if (n == SSH_ERROR)
                fail(N_("lost the connection to {}: {}"));
            if (n > 0) {
                (is_err ? err : out).append(buf, static_cast<size_t>(n));
                got = true;
            }
        }
        if (got)
            return true;
        if (ssh_channel_is_eof(ch_) || ssh_channel_is_closed(ch_))
            return false;
        // Wait for output; the marks come last on standard output, so a
        // wait on it never sleeps while the batch is done.
        if (ssh_channel_poll_timeout(ch_, ms_until(deadline, 200), 0) == SSH_ERROR)
            fail(N_("lost the connection to {}: {}"));
        return true;
    }

    void abort() noexcept {
        if (ch_) {
            ssh_channel_close(ch_);
            ssh_channel_free(ch_);
            ch_ = nullptr;
        }
        ssh_disconnect(s_);
    }

  private:
    Target target_;
    ssh_session s_ = nullptr;
    ssh_channel ch_ = nullptr;
};

KeyScan scan_host_key(const Target& t) {
    Session s(t);
    return s.scan();
}

SshShell::SshShell(std::unique_ptr<Session> s, std::string where)
    : session_(std::move(s)), where_(std::move(where)) {}

SshShell::~SshShell() = default;

std::unique_ptr<SshShell> SshShell::open(const Target& t) {
    auto s = std::make_unique<Session>(t);
    s->verify_host_key();
    s->authenticate();
    s->start_shell();
    std::unique_ptr<SshShell> shell(new SshShell(std::move(s), t.where()));
    try {
        Result r = shell->run_script("printf ready", std::chrono::seconds(30));
        if (r.out == "ready")
            return shell;
    } catch (const Error& e) {
        if (!t.become_sudo)
            throw;
        throw Error(Exit::remote, e.what(),
                    trf("become: sudo needs passwordless sudo for {} on the server "
                        "(a NOPASSWD rule), or log in as root",
                        t.user));
    }
    throw Error(Exit::remote, trf("the shell on {} did not start", t.where()));
}

void SshShell::send(std::string_view data, Clock::time_point) {
    session_->send(data);
}

bool SshShell::receive(std::string& out, std::string& err, Clock::time_point deadline) {
    return session_->receive(out, err, deadline);
}

void SshShell::abort() noexcept {
    session_->abort();
}

} // namespace hostingctl::ssh
