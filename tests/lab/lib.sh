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

finish() {
    lab_cleanup
    if ((FAILS > 0)); then echo "$FAILS check(s) failed" >&2; exit 1; fi
    echo "ok"
}

# --- request provision against the lab ----------------------------------------
# The set-up of the tests of `request provision`: a store, its people and an
# agency, servers.yaml entries for the lab's web servers and zones, verified
# requests, and snapshots of what provisioning changes.

hc() { "$HOSTINGCTL" "$@"; }

# provision_store [AGENCY...]: a new store in $TMP/store (exported as
# HOSTINGCTL_STORE) with the technical officer budi (this login, also
# admin), kadis, kabid, the agency dinkes (Dinas Kesehatan) and each AGENCY
# ("Dinas AGENCY")
provision_store() {
    local a
    export HOSTINGCTL_STORE=$TMP/store NO_COLOR=1
    hc init >/dev/null
    hc staff add budi --name "Budi Santoso" --role petugas_teknis --role admin --unix-user "$(id -un)" >/dev/null
    hc staff add kadis --name "Kepala Dinas" --role kepala_dinas >/dev/null
    hc staff add kabid --name "Kepala Bidang" --role kepala_bidang >/dev/null
    hc agency add dinkes --name "Dinas Kesehatan" >/dev/null
    for a in "$@"; do hc agency add "$a" --name "Dinas $a" >/dev/null; done
}

# SITE_PREFIX: the site_user_prefix of this test's servers: the lab's
# prefix and a letter of the test's own, since every test's store numbers
# its requests from HST-2026-0001 and the tests share the lab's users (a
# prefix has at most 12 characters, the lab's 11)
case $(basename "$0" .sh) in
test_apache_tls) SITE_PREFIX=${LAB_PREFIX}a ;;
test_batch) SITE_PREFIX=${LAB_PREFIX}b ;;
test_database) SITE_PREFIX=${LAB_PREFIX}d ;;
test_dynamic_zone) SITE_PREFIX=${LAB_PREFIX}y ;;
test_faults) SITE_PREFIX=${LAB_PREFIX}f ;;
test_isolation) SITE_PREFIX=${LAB_PREFIX}i ;;
test_provision) SITE_PREFIX=${LAB_PREFIX}p ;;
test_servers) SITE_PREFIX=${LAB_PREFIX}s ;;
*) SITE_PREFIX=${LAB_PREFIX}x ;;
esac

# TEST_SSH_KEY: this test's own key, accepted by the lab for root and the
# sudo user, used by lab_server: the tests share the lab's sshd and its log,
# and lab_logins counts the logins of this test alone.
TEST_SSH_KEY=$TMP/id_ed25519
ssh-keygen -q -t ed25519 -N '' -C "$(basename "$0" .sh)" -f "$TEST_SSH_KEY" </dev/null
for u in root "$LAB_SSH_SUDO_USER"; do
    cat "$TEST_SSH_KEY.pub" >>"$(dirname "$LAB_SSH_KEY")/authorized_keys/$u"
done
TEST_SSH_KEY_FP=$(ssh-keygen -lf "$TEST_SSH_KEY.pub" | awk '{print $2}')

# lab_logins: how many times this test's key has logged in to the lab's sshd
lab_logins() { grep -F -- "$TEST_SSH_KEY_FP" "$LAB_SSHD_LOG" | grep -c "Accepted publickey for" || true; }

# LAB_PUBLIC_IP: what the servers of lab_server give as public_ip
LAB_PUBLIC_IP=203.0.113.10

# lab_server NAME nginx|apache root|sudo [KEY=VALUE...]: a servers.yaml entry
# (under servers:) for the lab's nginx or Apache with its paths, commands and
# HTTP port, logged in to as root or as the sudo user with become: sudo;
# each KEY=VALUE adds a field or replaces one (web_reload=/bin/true)
lab_server() {
    local name=$1 web=$2 login=$3 kv
    shift 3
    local -a keys=() vals=()
    set_field() {
        local i
        for i in "${!keys[@]}"; do [[ ${keys[i]} == "$1" ]] && { vals[i]=$2; return; }; done
        keys+=("$1") vals+=("$2")
    }
    set_field host "\"$LAB_HOST\""
    set_field port "$LAB_SSH_PORT"
    if [[ $login == sudo ]]; then
        set_field user "\"$LAB_SSH_SUDO_USER\""
        set_field become sudo
    else
        set_field user root
    fi
    set_field identity_file "\"$TEST_SSH_KEY\""
    set_field public_ip "\"$LAB_PUBLIC_IP\""
    set_field web "$web"
    set_field php '"8.2"'
    set_field sites_root "\"$LAB_WWW_DIR\""
    set_field php_pool_dir "\"$LAB_PHP_FPM_POOL_DIR\""
    set_field php_socket_dir "\"$LAB_PHP_FPM_RUN_DIR\""
    set_field php_test "\"$LAB_PHP_FPM_TEST\""
    set_field php_reload "\"$LAB_PHP_FPM_RELOAD\""
    if [[ $web == apache ]]; then
        set_field vhost_dir "\"$LAB_APACHE_SITES_DIR\""
        set_field web_test "\"$LAB_APACHE_TEST\""
        set_field web_reload "\"$LAB_APACHE_RELOAD\""
        set_field listen_http "\"127.0.0.1:$LAB_APACHE_HTTP_PORT\""
        set_field listen_https "\"127.0.0.1:$LAB_APACHE_HTTPS_PORT\""
    else
        set_field vhost_dir "\"$LAB_NGINX_SITES_DIR\""
        set_field web_test "\"$LAB_NGINX_TEST\""
        set_field web_reload "\"$LAB_NGINX_RELOAD\""
        set_field listen_http "\"127.0.0.1:$LAB_NGINX_HTTP_PORT\""
        set_field listen_https "\"127.0.0.1:$LAB_NGINX_HTTPS_PORT\""
    fi
    set_field site_user_prefix "\"$SITE_PREFIX\""
    for kv in "$@"; do set_field "${kv%%=*}" "${kv#*=}"; done
    local i
    echo "  - name: $name"
    for i in "${!keys[@]}"; do echo "    ${keys[i]}: ${vals[i]}"; done
}

# lab_static_zone [KEY=VALUE...]: the dns: entry of the lab's static zone,
# edited as a file over the server lab; KEY=VALUE adds or replaces a field
# (reload="/path/to/script")
lab_static_zone() {
    local -A zf=([kind]=bind-zonefile [server]=lab [file]="\"$LAB_DNS_STATIC_ZONE_FILE\""
        [check]="[named-checkzone, -q]" [reload]="\"$LAB_RNDC reload\"" [nameserver]="\"$LAB_HOST\""
        [nameserver_port]=$LAB_DNS_PORT)
    local kv k
    for kv in "$@"; do zf[${kv%%=*}]=${kv#*=}; done
    echo "  - zone: $LAB_DNS_STATIC_ZONE"
    for k in "${!zf[@]}"; do echo "    $k: ${zf[$k]}"; done
}

# provision_request NAME APP [ZONE] [AGENCY]: a verified request for
# NAME.ZONE (the static zone by default) of AGENCY (dinkes), assigned to
# budi; prints its number
provision_request() {
    local id
    id=$(hc --json request new --agency "${4:-dinkes}" --letter-number "400.7/$1/2026" --letter-date 2026-11-02 \
        --subject "Permohonan hosting $1" --domain "$1.${3:-$LAB_DNS_STATIC_ZONE}" --app "$2" | jq -er .id) ||
        { fail "request new $1"; return; }
    hc request dispose "$id" --by kadis >/dev/null
    hc request assign "$id" --by kabid --officer budi >/dev/null
    hc request verify "$id" --complete >/dev/null
    echo "$id"
}

# site_user ID: the Unix user of the site of request ID on the lab's servers
site_user() { echo "${SITE_PREFIX}${1,,}"; }

# forget_site ID FQDN: what provisioning request ID as FQDN may leave goes
# when the test ends (user, files, record), whatever happened
forget_site() {
    # The files first: a PHP-FPM pool's workers keep running as the user
    # until the pool is gone (userdel -f does not wait for them).
    on_cleanup "rm -rf '$LAB_WWW_DIR/$2' '$LAB_NGINX_SITES_DIR/$2.conf' '$LAB_APACHE_SITES_DIR/$2.conf' \
'$LAB_PHP_FPM_POOL_DIR/$2.conf'; sed -i '/^$2\\./d' '$LAB_DNS_STATIC_ZONE_FILE'; userdel -f $(site_user "$1") 2>/dev/null"
}

# new_site TAG [APP] [ZONE]: a new verified request (static by default) for a
# fresh name in ZONE (the static zone by default), its leftovers cleaned up
# at the end; sets ID and FQDN
new_site() {
    local name zone=${3:-$LAB_DNS_STATIC_ZONE}
    name=$(lab_name "$1")
    FQDN=$name.$zone
    ID=$(provision_request "$name" "${2:-static}" "$zone")
    forget_site "$ID" "$FQDN"
}

# reload_lab: the reloads that make the servers forget removed sites
reload_lab() { $LAB_NGINX_RELOAD; $LAB_APACHE_RELOAD; $LAB_PHP_FPM_RELOAD; $LAB_DNS_STATIC_RELOAD >/dev/null; }

zone_sum() { sha256sum <"$LAB_DNS_STATIC_ZONE_FILE"; }
# site_files: every file of this lab's sites, their configs and pools (logs aside)
site_files() {
    find "$LAB_WWW_DIR" "$LAB_NGINX_SITES_DIR" "$LAB_APACHE_SITES_DIR" "$LAB_PHP_FPM_POOL_DIR" -type f \
        -path "*$LAB_PREFIX*" -not -path '*/logs/*' 2>/dev/null | sort | xargs -r sha256sum
}

# page_of FQDN PORT [http|https] [CURL ARGS...]: the page the lab serves for
# FQDN on PORT (of 127.0.0.1)
page_of() {
    local scheme=${3:-http}
    curl -sS --max-time 10 --cacert "$LAB_TLS_CERT" --resolve "$1:$2:$LAB_HOST" "${@:4}" "$scheme://$1:$2/"
}

# served FQDN PORT [http|https]: the site's own placeholder page answers
served() { page_of "$@" 2>/dev/null | grep -qF "<h1>$1</h1>"; }

# resolves FQDN: the lab's named answers FQDN with LAB_PUBLIC_IP
resolves() { [[ $(lab_dig "$1" A) == "$LAB_PUBLIC_IP" ]]; }
