#!/usr/bin/env bash
# The server inventory without a server (PRODUCT §6, §10): server add, edit,
# remove, list and show; every value that will reach a command or a config
# file on a server is checked strictly; changes need the admin role and are
# audited; a damaged servers.yaml is reported with its line, never rewritten.
# Logging in (trust, check) is tested against the lab (tests/lab).
source "$(dirname "$0")/lib.sh"

office_store
# The shipped sketch lists web01.
expect_code 0 hc --json server list
[[ $(jq -r '.[].name' "$TMP/out") == web01 ]] || fail "a new store does not list web01: $(cat "$TMP/out")"

# --- add, with Debian's defaults where nothing is given -----------------------
expect_code 0 hc server add web02 --host 10.20.0.12 --public-ip 203.0.113.12 --web apache --php 8.2 \
    --database mariadb --tls-certificate /etc/ssl/certs/wildcard.pem --tls-key /etc/ssl/private/wildcard.key
expect_contains "$TMP/out" "server trust web02"
expect_code 0 hc --json server show web02
jq -e '.server.web == "apache" and .server.php == "8.2" and (.server | has("vhost_dir") | not)
       and .resolved.vhost_dir == "/etc/apache2/sites-enabled"
       and .resolved.php_pool_dir == "/etc/php/8.2/fpm/pool.d"
       and .resolved.php_reload == ["systemctl", "reload", "php8.2-fpm"]
       and .resolved.database_client == ["mariadb"] and .trusted == false' "$TMP/out" >/dev/null ||
    fail "server show web02: $(cat "$TMP/out")"
expect_code 0 hc server show web02
expect_contains "$TMP/out" "/etc/apache2/sites-enabled  (default)"
expect_code 6 hc server add web02 --host 10.20.0.13
expect_code 3 hc server show web03
expect_contains "$TMP/err" "did you mean 'web0"

# --- values that would reach a shell or a config file --------------------------
before=$(sha256sum <"$STORE/servers.yaml")
expect_code 4 hc server add evil --host 'x;reboot'
expect_code 4 hc server add evil --host '$(id)'
expect_code 4 hc server add evil --host 10.0.0.1 --public-ip 203.0.113.300
expect_contains "$TMP/err" "public_ip '203.0.113.300' is not an IPv4 address"
# The sites' records are A records: an IPv6 public_ip is refused, and says why.
expect_code 4 hc server add v6 --host 10.0.0.1 --public-ip 2001:db8::10 --web nginx
expect_contains "$TMP/err" "is an IPv6 address; hostingctl makes A records"
expect_code 4 hc server add evil --host 10.0.0.1 --web nginx --sites-root /var/www/../../etc
expect_code 4 hc server add evil --host 10.0.0.1 --web nginx --sites-root 'var/www'
expect_code 4 hc server add evil --host 10.0.0.1 --web nginx --vhost-dir '/etc/nginx/$(id)'
expect_code 4 hc server add evil --host 10.0.0.1 --web nginx --php '8.2;id'
expect_code 4 hc server add evil --host 10.0.0.1 --web nginx --web-test $'nginx\n-t'
expect_code 4 hc server add evil --host 10.0.0.1 --web nginx --web-reload '$(reboot) now'
expect_code 4 hc server add evil --host 10.0.0.1 --user 'root;id'
expect_code 4 hc server add evil --host 10.0.0.1 --port 70000
expect_code 4 hc server add 'Evil Server' --host 10.0.0.1
expect_code 4 hc server add evil --host 10.0.0.1 --become sudo
expect_contains "$TMP/err" "become is for a non-root user"
expect_code 4 hc server add evil --host 10.0.0.1 --web nginx --tls-certificate /etc/ssl/c.pem
expect_code 2 hc server add evil --host 10.0.0.1 --php 8.2
[[ $(sha256sum <"$STORE/servers.yaml") == "$before" ]] || fail "a refused server add wrote servers.yaml"

# --- edit and remove ---------------------------------------------------------------
expect_code 0 hc server edit web02 --user deploy --become sudo --vhost-dir /srv/apache/sites
expect_code 0 hc --json server show web02
jq -e '.server.user == "deploy" and .server.become == "sudo" and .resolved.vhost_dir == "/srv/apache/sites"
       and .server.php == "8.2"' "$TMP/out" >/dev/null || fail "after edit: $(cat "$TMP/out")"
expect_code 4 hc server edit web02 --sites-root ../x
expect_code 3 hc server edit nosuch --port 2222
# Nothing to change, or nothing that changes: nothing written, nothing audited.
sums=$(sha256sum "$STORE/servers.yaml" "$STORE/audit.yaml")
expect_code 2 hc server edit web02
expect_contains "$TMP/err" "nothing to change"
expect_code 0 hc server edit web02 --user deploy
expect_contains "$TMP/out" "No change: server web02 is already as given"
[[ $(sha256sum "$STORE/servers.yaml" "$STORE/audit.yaml") == "$sums" ]] || fail "a no-op server edit wrote"
expect_code 0 hc server edit web02 --web none
expect_code 0 hc --json server show web02
jq -e '(.server | has("web") | not) and (.server | has("php") | not)' "$TMP/out" >/dev/null ||
    fail "--web none left the web server: $(cat "$TMP/out")"
# The zone of the sketch is changed on ns1: add it, and it cannot go while the zone is on it.
expect_code 0 hc server add ns1 --host 10.20.0.53
expect_code 5 hc server remove ns1
expect_contains "$TMP/err" "zone pekalongankota.go.id"
expect_code 0 hc server remove web02
expect_code 3 hc server show web02

# --- a damaged servers.yaml -----------------------------------------------------------
cp "$STORE/servers.yaml" "$TMP/servers.good"
line=$(grep -n 'host: ' "$STORE/servers.yaml" | head -1 | cut -d: -f1)
sed -i "${line}s/host: .*/host: \"10.0.0.1; reboot\"/" "$STORE/servers.yaml"
cp "$STORE/servers.yaml" "$TMP/servers.bad"
expect_code 7 hc server list
expect_contains "$TMP/err" "servers.yaml:$line"
expect_code 7 hc server add web05 --host 10.20.0.15
cmp -s "$STORE/servers.yaml" "$TMP/servers.bad" || fail "a damaged servers.yaml was rewritten"
expect_code 7 hc store check
expect_contains "$TMP/out" "servers.yaml"
cp "$TMP/servers.good" "$STORE/servers.yaml"
expect_code 0 hc server list

# --- admin only, audited --------------------------------------------------------------
expect_code 0 hc --json audit
jq -e '[.[] | select(.what | startswith("server.")) | "\(.what) \(.target)"] ==
       ["server.add web02", "server.edit web02", "server.edit web02", "server.add ns1", "server.remove web02"]' \
    "$TMP/out" >/dev/null || fail "audit of server changes: $(jq -c '[.[] | .what + " " + .target]' "$TMP/out")"
jq -e '[.[] | select(.what == "server.edit")][0] | .before.user == "root" and .after.user == "deploy"' \
    "$TMP/out" >/dev/null || fail "before/after of server edit: $(cat "$TMP/out")"
hc staff add sari --name "Sari" --role admin --role petugas_teknis --unix-user sari >/dev/null
hc staff edit budi --role petugas_teknis >/dev/null
before=$(sha256sum <"$STORE/servers.yaml")
expect_code 5 hc server add web09 --host 10.20.0.19
expect_contains "$TMP/err" "not an active admin"
expect_code 5 hc server edit web01 --port 2222
expect_code 5 hc server remove web01
expect_code 5 hc -y server trust web01
[[ $(sha256sum <"$STORE/servers.yaml") == "$before" ]] || fail "a refused change wrote servers.yaml"

finish
