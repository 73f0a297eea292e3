# shellcheck shell=bash disable=SC2034  # ELAPSED, TAG, IDS... are for the sourcing script
# The variants of bench/provision (sourced, not run): hostingctl and its two
# baselines, each as prepare_V (untimed: a store, a script, a playbook),
# run_V [again] (timed), plus the checks every variant must pass and the undo
# that puts the lab back before the next variant.
#
# The sourcing script has loaded lab.env and sets TMP, BIN and SSH_ARGS.
# make_sites TAG N sets the batch: SITES (the names), and each prepare_V sets
# USERS (the site users, in the same order).

IP=203.0.113.10        # the public address in the DNS records (TEST-NET-3)
AGENCY_NAME="Dinas Kesehatan"
OFFICE="Dinas Komunikasi dan Informatika"

# --- tools ----------------------------------------------------------------------

# ensure_ansible: prints the version of ansible-playbook, installing Debian's
# ansible-core with apt-get if it is missing (not with BENCH_NO_APT=1); fails
# when there is none.
ensure_ansible() {
    if ! command -v ansible-playbook >/dev/null && [[ ${BENCH_NO_APT:-0} != 1 ]]; then
        say "installing Debian's ansible-core (apt-get) ..."
        DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ansible-core \
            >"$TMP/apt.log" 2>&1 || { tail -n 5 "$TMP/apt.log" >&2; say "ansible-core could not be installed"; }
    fi
    command -v ansible-playbook >/dev/null || return 1
    LC_ALL=C.UTF-8 ansible-playbook --version | head -n 1
}

# multi_request_provision: whether the binary provisions several requests in
# one command (`request provision ID...` or `--all-verified`).
multi_request_provision() {
    local help
    help=$("$BIN" request provision --help 2>&1) || return 1
    grep -Eq -- '--all-verified|ID ?\.\.\.|TEXT \.\.\.' <<<"$help"
}

# timed FUNCTION ARGS...: runs it, output in $TMP/out; ELAPSED = its wall time
# in seconds.  Returns its status.
ELAPSED=
timed() {
    local t0 t1 rc=0
    t0=$(now_ns)
    "$@" >"$TMP/out" 2>&1 || rc=$?
    t1=$(now_ns)
    ELAPSED=$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.2f", (b - a) / 1e9}')
    if ((rc != 0)); then
        say "  $1 failed ($rc):"
        tail -n 15 "$TMP/out" >&2
    fi
    return "$rc"
}

# phases VARIANT RUN: what the run said of its phases (the bash script
# times its own), and the ansible recap, on standard error
phases() {
    sed -n "s/^phases: /  $1 $2: /p; s/^lab  *: /  $1 $2: /p; s/^ *\([0-9.]* s  .*\)/  $1 $2: \1/p" "$TMP/out" >&2
}

# secs VALUE: "12.34 s", or the word (FAILED, skipped) as it is
secs() { if [[ $1 =~ ^[0-9.]+$ ]]; then echo "$1 s"; else echo "${1:-n/a}"; fi; }

# ratio_of KEY_A KEY_B ARRAY TARGET le|ge: A / B, and whether it meets the target
ratio_of() {
    local -n arr=$3
    local a=${arr[$1]:-} b=${arr[$2]:-}
    [[ $a =~ ^[0-9.]+$ && $b =~ ^[0-9.]+$ ]] || { echo n/a; return; }
    awk -v a="$a" -v b="$b" -v t="$4" -v op="$5" 'BEGIN {
        r = a / b; ok = op == "le" ? r <= t : r >= t
        printf "%s %s\n", sprintf(r >= 10 ? "%.0fx" : "%.2fx", r), ok ? "met" : "MISSED"
    }'
}

# --- the batch ------------------------------------------------------------------

# make_sites TAG N: N site names for this variant and size, under the lab's
# prefix (tests/lab/down removes whatever is left), and a password each
make_sites() {
    local i j pw chars=ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789
    TAG=$1
    SITES=() PASSWORDS=() USERS=()
    for ((i = 1; i <= $2; i++)); do
        SITES+=("$(printf '%s%s-s%03d.%s' "$LAB_PREFIX" "$TAG" "$i" "$LAB_DNS_STATIC_ZONE")")
        pw=
        for ((j = 0; j < 20; j++)); do pw+=${chars:SRANDOM % ${#chars}:1}; done
        PASSWORDS+=("$pw")
    done
}

# The users the baselines make: the prefix, the tag and the site's number.
baseline_users() {
    local i
    USERS=()
    for ((i = 1; i <= ${#SITES[@]}; i++)); do USERS+=("$(printf '%s%s-s%03d' "$LAB_PREFIX" "$TAG" "$i")"); done
}

# assert_sites: every site of the batch answers with its own page and
# resolves to IP, and its user and directories are there.
assert_sites() {
    local i d u body bad=0
    for i in "${!SITES[@]}"; do
        d=${SITES[i]} u=${USERS[i]}
        body=$(curl -sS --max-time 5 --resolve "$d:$LAB_NGINX_HTTP_PORT:$LAB_HOST" \
            "http://$d:$LAB_NGINX_HTTP_PORT/" 2>&1) || true
        [[ $body == *"<h1>$d</h1>"* ]] || { say "  $d does not answer with its page: ${body:0:120}"; bad=1; }
        [[ $(dig +short +time=2 +tries=2 @"$LAB_HOST" -p "$LAB_DNS_PORT" "$d" A) == "$IP" ]] ||
            { say "  $d does not resolve to $IP"; bad=1; }
        [[ $(getent passwd "$u" | cut -d: -f7) == /usr/sbin/nologin ]] ||
            { say "  user $u is missing or has a login shell"; bad=1; }
        [[ $(stat -c %U:%G:%a "$LAB_WWW_DIR/$d" "$LAB_WWW_DIR/$d/public_html" "$LAB_WWW_DIR/$d/logs" \
            "$LAB_WWW_DIR/$d/tmp" 2>&1 | tr '\n' ' ') == "root:$u:751 $u:www-data:2750 root:$u:750 $u:$u:700 " ]] ||
            { say "  the directories of $d are not as they should be"; bad=1; }
        ((bad == 0)) || return 1
    done
}

# snapshot: what a no-change re-run must leave as it was: the sites' files
# (their logs aside), virtual hosts, the zone file and the users' entries.
snapshot() {
    local d u
    for d in "${SITES[@]}"; do
        find "$LAB_WWW_DIR/$d" "$LAB_NGINX_SITES_DIR/$d.conf" -not -path '*/logs/*' -printf '%p %U %G %m %T@\n'
        find "$LAB_WWW_DIR/$d" "$LAB_NGINX_SITES_DIR/$d.conf" -type f -not -path '*/logs/*' -exec sha256sum {} +
    done
    sha256sum "$LAB_DNS_STATIC_ZONE_FILE"
    for u in "${USERS[@]}"; do getent passwd "$u"; getent shadow "$u"; done
}

# undo_sites: removes the batch (users, directories, virtual hosts, records)
# and reloads, so the next variant starts from the lab as it came up.
undo_sites() {
    local u d serial
    while read -r u; do
        [[ $u == "$LAB_SSH_SUDO_USER" ]] || userdel "$u" || die "cannot remove user $u"
    done < <(getent passwd | awk -F: -v p="$LAB_PREFIX" 'index($1, p) == 1 {print $1}')
    for d in "${SITES[@]}"; do rm -rf "${LAB_WWW_DIR:?}/$d" "$LAB_NGINX_SITES_DIR/$d.conf"; done
    # The zone as it came up, with a serial above the last one.
    serial=$(awk '/; serial/ {print $1; exit}' "$LAB_DNS_STATIC_ZONE_FILE")
    sed -E "s/^([[:space:]]*)[0-9]+( *; serial)/\1$((serial + 1))\2/" "$TMP/zone.pristine" >"$LAB_DNS_STATIC_ZONE_FILE"
    { $LAB_DNS_STATIC_CHECK && $LAB_DNS_STATIC_RELOAD && $LAB_NGINX_TEST && $LAB_NGINX_RELOAD; } >"$TMP/undo.log" 2>&1 ||
        { cat "$TMP/undo.log" >&2; die "could not put the lab back after $TAG"; }
    d=${SITES[-1]}
    retry_for 15 gone "$d" || die "$d still resolves or answers after the undo"
    sleep 1   # the old nginx workers finish
}
gone() {
    [[ -z $(dig +short +time=2 +tries=1 @"$LAB_HOST" -p "$LAB_DNS_PORT" "$1" A) ]] &&
        [[ $(curl -s --max-time 5 --resolve "$1:$LAB_NGINX_HTTP_PORT:$LAB_HOST" "http://$1:$LAB_NGINX_HTTP_PORT/") != *"<h1>$1</h1>"* ]]
}
retry_for() {
    local end=$((SECONDS + $1))
    shift
    until "$@"; do
        ((SECONDS < end)) || return 1
        sleep 0.2
    done
}

# --- hostingctl ------------------------------------------------------------------

# A fresh store with N verified requests for static sites, the lab's server
# (as root) and static zone in servers.yaml, and its host key trusted, as in
# tests/lab/test_provision.sh.
prepare_hostingctl() {
    local d id i
    export HOSTINGCTL_STORE=$TMP/store-$TAG
    hc init >/dev/null
    hc staff add budi --name "Budi Santoso" --role petugas_teknis --role admin --unix-user "$(id -un)" >/dev/null
    hc staff add kadis --name "Kepala Dinas" --role kepala_dinas >/dev/null
    hc staff add kabid --name "Kepala Bidang" --role kepala_bidang >/dev/null
    hc agency add dinkes --name "$AGENCY_NAME" >/dev/null
    cat >"$HOSTINGCTL_STORE/servers.yaml" <<YAML
schema: 1
servers:
  - name: lab
    host: "$LAB_HOST"
    port: $LAB_SSH_PORT
    user: root
    identity_file: "$LAB_SSH_KEY"
    public_ip: "$IP"
    web: nginx
    sites_root: "$LAB_WWW_DIR"
    vhost_dir: "$LAB_NGINX_SITES_DIR"
    web_test: "$LAB_NGINX_TEST"
    web_reload: "$LAB_NGINX_RELOAD"
    listen_http: "127.0.0.1:$LAB_NGINX_HTTP_PORT"
    site_user_prefix: "${LAB_PREFIX}h"
dns:
  - zone: $LAB_DNS_STATIC_ZONE
    kind: bind-zonefile
    server: lab
    file: "$LAB_DNS_STATIC_ZONE_FILE"
    check: [named-checkzone, -q]
    reload: "$LAB_RNDC reload"
    nameserver: "$LAB_HOST"
    nameserver_port: $LAB_DNS_PORT
YAML
    hc -y server trust lab >/dev/null
    IDS=() USERS=()
    for i in "${!SITES[@]}"; do
        d=${SITES[i]}
        id=$(hc --json request new --agency dinkes --letter-number "400.7/$((i + 1))/$(date +%Y)" --letter-date "$(date +%F)" \
            --subject "Permohonan hosting ${d%%.*}" --domain "$d" --app static | jq -er .id) ||
            die "request new $d failed"
        hc request dispose "$id" --by kadis >/dev/null
        hc request assign "$id" --by kabid --officer budi >/dev/null
        hc request verify "$id" --complete >/dev/null
        IDS+=("$id")
        USERS+=("${LAB_PREFIX}h${id,,}")
    done
}

# run_hostingctl [again]: every request of the batch in one command, or one
# command per request when the binary takes one request at a time.
run_hostingctl() {
    local id
    if ((MULTI)); then
        hc -v request provision "${IDS[@]}" --server lab
        return
    fi
    local t0 t1 took=()
    for id in "${IDS[@]}"; do
        t0=${EPOCHREALTIME/[.,]/}
        hc request provision "$id" --server lab || return 1
        t1=${EPOCHREALTIME/[.,]/}
        took+=($((t1 - t0)))
    done
    # How the time of one command grows along the batch.
    printf '%s\n' "${took[@]}" | awk '{t[NR] = $1 / 1e6} END {
        n = NR; k = int(n / 5); if (k < 1) k = 1
        for (i = 1; i <= k; i++) { a += t[i]; b += t[n - k + i] }
        printf "phases: one command per request: %.2f s each for the first %d, %.2f s each for the last %d\n", a / k, k, b / k, k
    }'
}

# --- bash over one ssh session ---------------------------------------------------

# The script a practical administrator would write for the batch: for each
# site, check before each change (so a re-run changes nothing), then one
# nginx test and reload, the records appended to the zone with a serial
# bump, named-checkzone and rndc reload, and a curl and a dig per site.  It
# reaches the server as standard input of one ssh session: the passwords go
# to chpasswd through a pipe from printf (a builtin), never on a command line.
prepare_bash() {
    local i
    baseline_users
    {
        printf 'set -u\n'
        printf 'WWW=%q VHOSTS=%q ZONE=%q ZONE_FILE=%q IP=%q\n' "$LAB_WWW_DIR" "$LAB_NGINX_SITES_DIR" \
            "$LAB_DNS_STATIC_ZONE" "$LAB_DNS_STATIC_ZONE_FILE" "$IP"
        printf 'HTTP_PORT=%q DNS_PORT=%q AGENCY=%q OFFICE=%q\n' "$LAB_NGINX_HTTP_PORT" "$LAB_DNS_PORT" \
            "$AGENCY_NAME" "$OFFICE"
        printf 'nginx_test() { %s; }\nnginx_reload() { %s; }\nzone_reload() { %s; }\n' \
            "$LAB_NGINX_TEST" "$LAB_NGINX_RELOAD" "$LAB_DNS_STATIC_RELOAD"
        cat <<'EOF'
changed=0 vhosts_changed=0 failed=0 new_records= domains=()
t0=$EPOCHREALTIME
nl=$'\n'
zone_text=$nl$(<"$ZONE_FILE")

# dir PATH OWNER GROUP MODE: a directory with that owner, group and mode
# (the layout hostingctl gives a site: see its man page, Isolation)
dir() {
    if [ -L "$1" ]; then echo "$1 is a symbolic link" >&2; return 1; fi
    [ -d "$1" ] && [ "$(stat -c %U:%G:%a "$1")" = "$2:$3:$4" ] && return 0
    install -d -m "0$4" -o "$2" -g "$3" "$1" && changed=$((changed + 1))
}
index_page() {
    cat <<HTML
<!DOCTYPE html>
<html lang="id">
<head>
<meta charset="utf-8">
<title>$1</title>
</head>
<body>
<h1>$1</h1>
<p>Situs ini disiapkan untuk $AGENCY oleh $OFFICE.</p>
<p>This site is hosted for $AGENCY. Its content will appear here once it is uploaded.</p>
</body>
</html>
HTML
}
vhost() {
    cat <<CONF
# $2: $1 (dinkes), written by the provisioning script.
server {
    listen 127.0.0.1:$HTTP_PORT;
    server_name $2;
    root $WWW/$2/public_html;
    index index.php index.html;
    access_log $WWW/$2/logs/access.log;
    error_log $WWW/$2/logs/error.log;

    location / {
        try_files \$uri \$uri/ =404;
    }
}
CONF
}
# site USER DOMAIN PASSWORD
site() {
    local u=$1 d=$2 root=$WWW/$2 conf=$VHOSTS/$2.conf f has_index=0 text
    domains+=("$d")
    if ! getent passwd "$u" >/dev/null; then
        useradd --home-dir "$root" --no-create-home --shell /usr/sbin/nologin --user-group "$u" || return 1
        printf '%s:%s\n' "$u" "$3" | chpasswd || return 1
        changed=$((changed + 1))
    fi
    dir "$root" root "$u" 751 && dir "$root/public_html" "$u" www-data 2750 &&
        dir "$root/logs" root "$u" 750 && dir "$root/tmp" "$u" "$u" 700 || return 1
    for f in "$root/public_html"/index.*; do [ -e "$f" ] && has_index=1; done
    if [ $has_index = 0 ]; then
        index_page "$d" >"$root/public_html/index.html" && chown "$u:www-data" "$root/public_html/index.html" &&
            chmod 0644 "$root/public_html/index.html" || return 1
        changed=$((changed + 1))
    fi
    text=$(vhost "$u" "$d")
    if [ ! -f "$conf" ] || [ "$(<"$conf")" != "$text" ]; then
        printf '%s\n' "$text" >"$conf" || return 1
        vhosts_changed=1 changed=$((changed + 1))
    fi
    case $zone_text in
        *"$nl$d. "*) ;;
        *) new_records+="$d. 300 IN A $IP$nl" ;;
    esac
}

while read -r u d pw; do
    site "$u" "$d" "$pw" || { echo "site $d failed" >&2; exit 1; }
done <<'SITES'
EOF
        for i in "${!SITES[@]}"; do printf '%s %s %s\n' "${USERS[i]}" "${SITES[i]}" "${PASSWORDS[i]}"; done
        cat <<'EOF'
SITES
t1=$EPOCHREALTIME

if [ $vhosts_changed = 1 ]; then
    nginx_test && nginx_reload || { echo "nginx: the test or the reload failed" >&2; exit 1; }
fi
if [ -n "$new_records" ]; then
    old=$(awk '/; serial/ {print $1; exit}' "$ZONE_FILE")
    today=$(date +%Y%m%d)00
    new=$((old < today ? today : old + 1))
    t=$(mktemp "$ZONE_FILE.XXXXXX") || exit 1
    { sed -E "s/^([[:space:]]*)$old( *; serial)/\1$new\2/" "$ZONE_FILE" && printf '%s' "$new_records"; } >"$t" &&
        chmod --reference="$ZONE_FILE" "$t" && named-checkzone -q "$ZONE" "$t" && mv -f "$t" "$ZONE_FILE" &&
        zone_reload >/dev/null || { rm -f "$t"; echo "the zone did not take the records" >&2; exit 1; }
    changed=$((changed + 1))
fi
t2=$EPOCHREALTIME

# The reloads return before they are done: ask again for up to 15 s.
for d in "${domains[@]}"; do
    ok=0
    for i in $(seq 75); do
        body=$(curl -s --max-time 5 --resolve "$d:$HTTP_PORT:127.0.0.1" "http://$d:$HTTP_PORT/")
        case $body in *"<h1>$d</h1>"*) ok=1; break ;; esac
        sleep 0.2
    done
    [ $ok = 1 ] || { echo "$d does not answer with its page" >&2; failed=$((failed + 1)); }
    ok=0
    for i in $(seq 75); do
        [ "$(dig +short +norec +time=2 @127.0.0.1 -p "$DNS_PORT" "$d" A)" = "$IP" ] && { ok=1; break; }
        sleep 0.2
    done
    [ $ok = 1 ] || { echo "$d does not resolve to $IP" >&2; failed=$((failed + 1)); }
done
t3=$EPOCHREALTIME
echo "changed $changed, failed checks $failed"
awk -v a="$t0" -v b="$t1" -v c="$t2" -v d="$t3" \
    'BEGIN {printf "phases: sites %.2f s, nginx test, reload and zone %.2f s, checks %.2f s\n", b - a, c - b, d - c}'
[ $failed = 0 ]
EOF
    } >"$TMP/provision-$TAG.sh"
    chmod 0600 "$TMP/provision-$TAG.sh"
}

run_bash() {
    ssh "${SSH_ARGS[@]}" "$LAB_SSH_ROOT_USER@$LAB_HOST" bash -s <"$TMP/provision-$TAG.sh"
}

# --- ansible-playbook ------------------------------------------------------------

# bench/ansible/site.yml with its templates, an inventory for the lab's sshd
# (its key, its known_hosts, strict host key checking), ansible.cfg with
# pipelining, and vars.yml naming the batch.  Ansible's temporary files go
# to this run's directory (local) and into the lab (remote).
prepare_ansible() {
    local i a=$TMP/ansible-$TAG
    baseline_users
    mkdir -p "$a" "$LAB_ROOT/ansible-tmp"
    chmod 0700 "$a"
    cp -r "$ROOT/bench/ansible/site.yml" "$ROOT/bench/ansible/templates" "$a/"
    cat >"$a/inventory.ini" <<EOF
[web]
lab ansible_host=$LAB_HOST ansible_port=$LAB_SSH_PORT ansible_user=$LAB_SSH_ROOT_USER ansible_ssh_private_key_file=$LAB_SSH_KEY ansible_python_interpreter=/usr/bin/python3
EOF
    cat >"$a/ansible.cfg" <<EOF
[defaults]
inventory = inventory.ini
host_key_checking = True
retry_files_enabled = False
local_tmp = $a/local-tmp
remote_tmp = $LAB_ROOT/ansible-tmp
nocows = True

[ssh_connection]
pipelining = True
control_path_dir = $a/cp
ssh_args = -F /dev/null -o IdentitiesOnly=yes -o BatchMode=yes -o ControlMaster=auto -o ControlPersist=60s -o StrictHostKeyChecking=yes -o UserKnownHostsFile=$LAB_SSH_KNOWN_HOSTS -o GlobalKnownHostsFile=/dev/null
EOF
    {
        printf 'batch: %s\n' "$LAB_PREFIX$TAG"
        printf 'www_dir: %s\nnginx_sites_dir: %s\nzone_file: %s\n' "$LAB_WWW_DIR" "$LAB_NGINX_SITES_DIR" "$LAB_DNS_STATIC_ZONE_FILE"
        printf 'http_address: "127.0.0.1:%s"\npublic_ip: %s\n' "$LAB_NGINX_HTTP_PORT" "$IP"
        printf 'dns_server: %s\ndns_port: %s\n' "$LAB_HOST" "$LAB_DNS_PORT"
        printf 'nginx_test: "%s"\nnginx_reload: "%s"\n' "$LAB_NGINX_TEST" "$LAB_NGINX_RELOAD"
        printf 'zone_check: "%s"\nzone_reload: "%s"\n' "$LAB_DNS_STATIC_CHECK" "$LAB_DNS_STATIC_RELOAD"
        printf 'agency_name: "%s"\noffice: "%s"\n' "$AGENCY_NAME" "$OFFICE"
        printf 'sites:\n'
        for i in "${!SITES[@]}"; do
            printf '  - { name: %s, user: %s, password: %s }\n' "${SITES[i]}" "${USERS[i]}" "${PASSWORDS[i]}"
        done
    } >"$a/vars.yml"
    chmod 0600 "$a/vars.yml"
}

# run_ansible [again]: the playbook; a re-run must report changed=0.
run_ansible() {
    local a=$TMP/ansible-$TAG
    (cd "$a" && LC_ALL=C.UTF-8 ANSIBLE_CONFIG=$a/ansible.cfg ansible-playbook site.yml) || return 1
    if [[ ${1:-} == again ]]; then
        grep -Eq '^lab +: .*changed=0 ' "$TMP/out" || { echo "the re-run changed something" >&2; return 1; }
    fi
}
