# shellcheck shell=bash
# Shared helpers for the lab tests (tests/lab/test_*.sh).  Each test sources
# this file, which sources the running lab's lab.env ($HOSTINGCTL_LAB, set by
# CTest) and gives a temporary directory $TMP, check helpers in the style of
# tests/cli/lib.sh, and ssh/curl/dig shorthands for talking to the lab.
#
# The lab is shared by every lab test of a run (ctest -j2): name everything a
# test creates with lab_name, which starts with the lab's $LAB_PREFIX, so
# tests never collide and tests/lab/down removes whatever a test left.
set -euo pipefail
: "${HOSTINGCTL_LAB:?set HOSTINGCTL_LAB to the lab.env of a running lab (tests/lab/up DIR writes DIR/lab.env)}"
if [[ ! -r $HOSTINGCTL_LAB ]]; then
    # lab.up skips the lab for a user other than root, and so do the tests
    [[ $(id -u) == 0 ]] || { echo "the lab needs root: skipped"; exit 77; }
    echo "no lab at $HOSTINGCTL_LAB: did lab.up run?" >&2
    exit 1
fi
# shellcheck source=/dev/null
. "$HOSTINGCTL_LAB"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/hostingctl-labtest.XXXXXX")
CLEANUPS=()
lab_cleanup() {
    local i
    for ((i = ${#CLEANUPS[@]} - 1; i >= 0; i--)); do eval "${CLEANUPS[i]}" || true; done
    CLEANUPS=()
}
trap 'lab_cleanup; rm -rf "$TMP"' EXIT
# on_cleanup CMD: runs CMD (a shell string) when the test ends, last first,
# whether it passed or not
on_cleanup() { CLEANUPS+=("$1"); }
FAILS=0

fail() { echo "FAIL: $*" >&2; FAILS=$((FAILS + 1)); }

# expect_eq WHAT GOT WANT
expect_eq() { [[ $2 == "$3" ]] || fail "$1: got '$2', expected '$3'"; }

# expect_code CODE CMD...: runs CMD, checks its exit code; output in $TMP/out, $TMP/err
expect_code() {
    local want=$1 got=0
    shift
    "$@" >"$TMP/out" 2>"$TMP/err" || got=$?
    [[ $got == "$want" ]] || fail "'$*' exited $got, expected $want; stderr: $(head -c 400 "$TMP/err")"
}

# expect_contains FILE TEXT
expect_contains() {
    grep -qF -- "$2" "$1" || fail "$1 does not contain '$2': $(head -c 400 "$1")"
}

# retry SECONDS CMD...: runs CMD until it succeeds or SECONDS have passed
# (reloads of nginx, Apache, PHP-FPM and named all finish after their
# command returns)
retry() {
    local end=$((SECONDS + $1))
    shift
    until "$@"; do
        ((SECONDS < end)) || return 1
        sleep 0.1
    done
}

# lab_name TAG: a fresh name for a test user, site, database or record:
# $LAB_PREFIX, TAG, and four random characters (keep TAG short: a Unix user
# name has at most 32 characters)
lab_name() {
    local alnum=abcdefghijklmnopqrstuvwxyz0123456789 name=$LAB_PREFIX$1 i
    for i in 1 2 3 4; do name+=${alnum:SRANDOM % 36:1}; done
    echo "$name"
}

read -r -a LAB_SSH_ARGS <<<"$LAB_SSH_OPTS"
# lab_ssh USER CMD...: runs CMD on the lab's sshd as USER (key, known_hosts
# and host key checking from lab.env; the user's own ~/.ssh is not read)
lab_ssh() {
    local user=$1
    shift
    # shellcheck disable=SC2029 # the command is for the remote shell
    ssh "${LAB_SSH_ARGS[@]}" "$user@$LAB_HOST" "$@"
}
# lab_root CMD...: as root; lab_sudo CMD...: as the sudo user through sudo -n
lab_root() { lab_ssh "$LAB_SSH_ROOT_USER" "$@"; }
lab_sudo() { lab_ssh "$LAB_SSH_SUDO_USER" sudo -n "$@"; }

# lab_dig ARGS...: dig at the lab's named, short answers
lab_dig() { dig +short +time=2 +tries=1 @"$LAB_HOST" -p "$LAB_DNS_PORT" "$@"; }

# lab_get [CURL ARGS...] URL: the body of a page, quietly
lab_get() { curl -sS --max-time 10 "$@"; }

# lab_office AGENCY...: a new store in $HOSTINGCTL_STORE with the office's
# people (budi, the technical officer and admin, is whoever runs the test)
# and the given agencies; $HOSTINGCTL must be the binary
lab_office() {
    local a
    "$HOSTINGCTL" init >/dev/null
    "$HOSTINGCTL" staff add budi --name "Budi Santoso" --role petugas_teknis --role admin --unix-user "$(id -un)" >/dev/null
    "$HOSTINGCTL" staff add kadis --name "Kepala Dinas" --role kepala_dinas >/dev/null
    "$HOSTINGCTL" staff add kabid --name "Kepala Bidang" --role kepala_bidang >/dev/null
    for a in "$@"; do "$HOSTINGCTL" agency add "$a" --name "Dinas $a" >/dev/null; done
}

# lab_web_server NAME nginx|apache: the servers.yaml entry (under servers:)
# of the lab's nginx with PHP-FPM, or of its Apache, logged in to as root,
# with the lab's paths, commands, port and prefix
lab_web_server() {
    local kind=$2 sites=$LAB_NGINX_SITES_DIR test=$LAB_NGINX_TEST reload=$LAB_NGINX_RELOAD port=$LAB_NGINX_HTTP_PORT
    if [[ $kind == apache ]]; then
        sites=$LAB_APACHE_SITES_DIR test=$LAB_APACHE_TEST reload=$LAB_APACHE_RELOAD port=$LAB_APACHE_HTTP_PORT
    fi
    cat <<YAML
  - name: $1
    host: "$LAB_HOST"
    port: $LAB_SSH_PORT
    user: root
    identity_file: "$LAB_SSH_KEY"
    public_ip: "203.0.113.10"
    web: $kind
    sites_root: "$LAB_WWW_DIR"
    vhost_dir: "$sites"
    web_test: "$test"
    web_reload: "$reload"
    listen_http: "127.0.0.1:$port"
    site_user_prefix: "$LAB_PREFIX"
YAML
    [[ $kind == apache ]] || cat <<YAML
    php: "8.2"
    php_pool_dir: "$LAB_PHP_FPM_POOL_DIR"
    php_socket_dir: "$LAB_PHP_FPM_RUN_DIR"
    php_test: "$LAB_PHP_FPM_TEST"
    php_reload: "$LAB_PHP_FPM_RELOAD"
YAML
}

# lab_static_zone SERVER: the servers.yaml entry (under dns:) of the lab's
# static zone, edited as a file on SERVER
lab_static_zone() {
    cat <<YAML
  - zone: $LAB_DNS_STATIC_ZONE
    kind: bind-zonefile
    server: $1
    file: "$LAB_DNS_STATIC_ZONE_FILE"
    check: [named-checkzone, -q]
    reload: "$LAB_RNDC reload"
    nameserver: "$LAB_HOST"
    nameserver_port: $LAB_DNS_PORT
YAML
}

# lab_request AGENCY NAME APP: prints the number of a new request of AGENCY
# for NAME.<static zone> (APP static, php or proxy), verified and assigned
# to budi, ready to provision
lab_request() {
    local id
    id=$("$HOSTINGCTL" --json request new --agency "$1" --letter-number "400.7/$2/2026" --letter-date 2026-11-02 \
        --subject "Permohonan hosting $2" --domain "$2" --app "$3" | jq -er .id) || { fail "request new $2"; return 1; }
    "$HOSTINGCTL" request dispose "$id" --by kadis >/dev/null
    "$HOSTINGCTL" request assign "$id" --by kabid --officer budi >/dev/null
    "$HOSTINGCTL" request verify "$id" --complete >/dev/null
    echo "$id"
}

finish() {
    lab_cleanup
    if ((FAILS > 0)); then echo "$FAILS check(s) failed" >&2; exit 1; fi
    echo "ok"
}
