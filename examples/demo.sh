#!/usr/bin/env bash
# A walk through the service standard with a throwaway store: the health
# agency (Dinas Kesehatan) asks for hosting of its SIMPUS application and the
# request goes through all nine steps.  Usage: examples/demo.sh [HOSTINGCTL]
set -euo pipefail
HC=${1:-hostingctl}
HC=$(command -v "$HC" || echo "$HC")
STORE=$(mktemp -d "${TMPDIR:-/tmp}/hostingctl-demo.XXXXXX")
rmdir "$STORE"
export HOSTINGCTL_STORE=$STORE
ME=$(id -un)

# Headings in bold on a terminal only, like hostingctl's own colours.
if [[ -t 1 && -z ${NO_COLOR:-} ]]; then
    step() { printf '\n\033[1m## %s\033[0m\n' "$*"; }
else
    step() { printf '\n## %s\n' "$*"; }
fi
run() { printf '$ hostingctl %s\n' "$*"; "$HC" "$@"; }

HERE=$(cd "$(dirname "$0")" && pwd)
# Step 5 runs over SSH on a throwaway lab of real servers on loopback
# (tests/lab: sshd, nginx, PHP-FPM, MariaDB, BIND), which needs root; as
# another user, or with HOSTINGCTL_DEMO_MANUAL=1, it is recorded by hand.
LAB=
if [[ $(id -u) == 0 && -z ${HOSTINGCTL_DEMO_MANUAL:-} && -x $HERE/../tests/lab/up ]]; then
    LAB=$(mktemp -d "${TMPDIR:-/tmp}/hostingctl-demo-lab.XXXXXX")
    trap '"$HERE/../tests/lab/down" "$LAB" >/dev/null 2>&1 || true; rm -rf "$LAB"' EXIT
fi

step "Set up the office: a store, the people and the agency"
run init "$STORE"
# The technical officer runs the service and is the store's first admin.
run staff add budi --name "Budi Santoso, A.Md." --nip 199001012015031001 \
    --title "Pranata Komputer" --role petugas_teknis --role admin --unix-user "$ME"
run staff add kadis --name "Dr. Hj. Sri Wahyuni, M.Si." --nip 197001011990032001 \
    --title "Kepala Dinas" --role kepala_dinas
run staff add kabid --name "Ir. Agus Prasetyo" --nip 197505052000031002 \
    --title "Kepala Bidang Infrastruktur dan Statistik" --role kepala_bidang
run agency add dinkes --name "Dinas Kesehatan" --head "dr. Slamet Budiyanto, M.Kes." \
    --email dinkes@pekalongankota.go.id

if [[ -n $LAB ]]; then
    step "The servers: a throwaway lab on loopback, described in servers.yaml"
    printf '$ tests/lab/up %s\n' "$LAB"
    "$HERE/../tests/lab/up" "$LAB" >/dev/null
    # shellcheck source=/dev/null
    . "$LAB/lab.env"
    # The lab's web server with the city's wildcard certificate (the lab's
    # own), PHP-FPM, MariaDB and the zone, on the lab's paths and ports.
    cat >"$STORE/servers.yaml" <<YAML
schema: 1
servers:
  - name: web01
    host: "$LAB_HOST"
    port: $LAB_SSH_PORT
    user: root
    identity_file: "$LAB_SSH_KEY"
    public_ip: 203.0.113.10
    web: nginx
    php: "8.2"
    sites_root: "$LAB_WWW_DIR"
    vhost_dir: "$LAB_NGINX_SITES_DIR"
    php_pool_dir: "$LAB_PHP_FPM_POOL_DIR"
    php_socket_dir: "$LAB_PHP_FPM_RUN_DIR"
    web_test: "$LAB_NGINX_TEST"
    web_reload: "$LAB_NGINX_RELOAD"
    php_test: "$LAB_PHP_FPM_TEST"
    php_reload: "$LAB_PHP_FPM_RELOAD"
    listen_http: "127.0.0.1:$LAB_NGINX_HTTP_PORT"
    listen_https: "127.0.0.1:$LAB_NGINX_HTTPS_PORT"
    tls_certificate: "$LAB_TLS_CERT"
    tls_key: "$LAB_TLS_KEY"
    site_user_prefix: "$LAB_PREFIX"
    database: mariadb
    database_client: "$LAB_MARIADB_CLIENT"
dns:
  - zone: $LAB_DNS_STATIC_ZONE
    kind: bind-zonefile
    server: web01
    file: "$LAB_DNS_STATIC_ZONE_FILE"
    check: [named-checkzone, -q]
    reload: "$LAB_RNDC reload"
    nameserver: "$LAB_HOST"
    nameserver_port: $LAB_DNS_PORT
YAML
    run server list
    # The host key is shown and recorded once, after confirmation (--yes here).
    run --yes server trust web01
    run server check web01
fi

step "1. The agency's letter arrives and is recorded"
ID=$("$HC" --json request new --agency dinkes --letter-number 400.7/123/Dinkes/2026 \
      --letter-date "$(date +%F)" --subject "Permohonan hosting aplikasi SIMPUS" \
      --domain simpus --app php --php 8.2 --database yes --quota 2G \
      --contact-name "Rina" --contact-phone "0852 2683 3647" | sed -n 's/^  "id": "\(.*\)",$/\1/p')
printf '$ hostingctl request new --agency dinkes ... --domain simpus --app php\n'
"$HC" request show "$ID"

step "2. The Head of Office writes the disposition"
run request dispose "$ID" --by kadis --note "Proses sesuai ketentuan"
step "3. The Head of Division forwards it to a technical officer"
run request assign "$ID" --by kabid --officer budi
step "4. The officer verifies the documents (--by defaults to the login's staff member)"
run request verify "$ID" --complete
step "5. The officer prepares the domain and the server, and reports"
if [[ -n $LAB ]]; then
    FQDN=simpus.$LAB_DNS_STATIC_ZONE
    run request provision "$ID" --server web01 --dry-run | head -n 20
    printf '...\n'
    run request provision "$ID" --server web01
    printf '\n$ curl --resolve %s https://%s:%s/\n' "$FQDN:$LAB_NGINX_HTTPS_PORT:127.0.0.1" \
        "$FQDN" "$LAB_NGINX_HTTPS_PORT"
    curl -sS --max-time 10 --cacert "$LAB_TLS_CERT" --resolve "$FQDN:$LAB_NGINX_HTTPS_PORT:127.0.0.1" \
        "https://$FQDN:$LAB_NGINX_HTTPS_PORT/" | sed -n 's/^ *//; /<h1>\|<p>/p'
    printf '$ curl -sI -H "Host: %s" http://127.0.0.1:%s/   (plain HTTP goes to HTTPS)\n' \
        "$FQDN" "$LAB_NGINX_HTTP_PORT"
    curl -sSI --max-time 10 -H "Host: $FQDN" "http://127.0.0.1:$LAB_NGINX_HTTP_PORT/" |
        grep -i '^HTTP\|^location'
    printf '$ dig +short @127.0.0.1 -p %s %s\n' "$LAB_DNS_PORT" "$FQDN"
    dig +short @127.0.0.1 -p "$LAB_DNS_PORT" "$FQDN"
    printf '\nA second run checks, and changes nothing:\n'
    run request provision "$ID" | tail -n 2
else
    run request provision "$ID" --manual --server web01 --note "vhost and A record created"
fi
run request submit "$ID"
step "6. The Head of Division asks for approval"
run request forward "$ID" --by kabid
step "7. The Head of Office approves the hosting document"
run request approve "$ID" --by kadis
step "8. The access-rights document goes to the agency"
run request deliver "$ID" --via email
step "9. The agency has access: done"
run request complete "$ID"

step "The documents: one made at each of five steps, numbered, in the store"
run doc list "$ID"
[[ -z $LAB ]] || printf '(the access document holds the passwords made in step 5 and is readable by its owner only)\n'
run template list

step "The record"
run request show "$ID"
run request log "$ID"
run request list
step "A step out of order is refused"
run request approve "$ID" --by kadis || true

printf '\nThe demo store is in %s (remove it with: rm -rf %s)\n' "$STORE" "$STORE"
printf 'Its documents: %s/documents/%s/issued/\n' "$STORE" "$ID"
