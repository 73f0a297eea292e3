#!/usr/bin/env bash
# request provision when things go wrong on the lab's servers: a second run
# of the same request while the first one runs, a virtual host that fails
# the config test, a zone that does not reload after the site is up, and a
# connection killed in the middle of the apply batch.  The slow or failing
# step is a hook in the inventory's reload commands, told by the test what
# to do, so every fault lands in a known phase without timing luck.
source "$(dirname "$0")/lib.sh"

provision_store

# hook NAME CMD...: the reload commands of the inventory.  With no
# $TMP/NAME.mode it runs CMD.  With "wait" in it (used once, then it is
# gone), it writes its pid to $TMP/NAME.waiting and waits for a line on
# the FIFO $TMP/NAME.fifo: "go" runs CMD, anything else fails the reload.
cat >"$TMP/hook" <<EOF
#!/bin/bash
name=\$1; shift
if [ "\$(cat "$TMP/\$name.mode" 2>/dev/null)" = wait ]; then
    rm -f "$TMP/\$name.mode"
    echo \$\$ >"$TMP/\$name.waiting"
    read -r answer <"$TMP/\$name.fifo"
    [ "\$answer" = go ] || { echo "\$name: the test made this reload fail" >&2; exit 1; }
fi
exec "\$@"
EOF
chmod 0755 "$TMP/hook"
mkfifo "$TMP/web.fifo" "$TMP/zone.fifo"
# hold NAME: the next reload NAME waits; reached NAME: it is waiting now
hold() { rm -f "$TMP/$1.waiting"; echo wait >"$TMP/$1.mode"; }
reached() { retry 60 test -s "$TMP/$1.waiting" || fail "the $1 reload was never reached"; }
# answer NAME go|fail: what the waiting reload does
answer() { echo "$2" >"$TMP/$1.fifo"; }

{
    echo "schema: 1"
    echo "servers:"
    lab_server lab nginx root web_reload="\"$TMP/hook web $LAB_NGINX_RELOAD\""
    echo "dns:"
    lab_static_zone reload="\"$TMP/hook zone $LAB_RNDC reload\""
} >"$HOSTINGCTL_STORE/servers.yaml"
on_cleanup reload_lab
expect_code 0 hc -y server trust lab

results() { hc --json request log "$1" | jq -c '[.[] | select(.action == "provision_result") | .data.outcome]'; }
nginx_serves() { retry 15 served "$1" "$LAB_NGINX_HTTP_PORT"; }
nginx_forgot() { retry 15 eval "! served $1 $LAB_NGINX_HTTP_PORT"; }

# --- two runs of one request at once: the second is refused, changes nothing ----
new_site same
ID_A=$ID FQDN_A=$FQDN
hold web
"$HOSTINGCTL" request provision "$ID_A" --server lab >"$TMP/first.out" 2>&1 &
first=$!
reached web
before=$(site_files)
zs=$(zone_sum)
expect_code 6 hc request provision "$ID_A" --server lab
expect_contains "$TMP/err" "$ID_A is being provisioned right now (process $first on"
[[ $(site_files) == "$before" && $(zone_sum) == "$zs" ]] || fail "the refused second run changed a file"
expect_eq "results while the first run runs" "$(results "$ID_A")" "[]"
answer web go
wait "$first" || fail "the first run of $ID_A failed: $(cat "$TMP/first.out")"
expect_eq "results after both runs" "$(results "$ID_A")" '["changed"]'
served "$FQDN_A" "$LAB_NGINX_HTTP_PORT" || fail "$FQDN_A is not served"
resolves "$FQDN_A" || fail "$FQDN_A does not resolve"

# --- a virtual host that fails the config test --------------------------------
# An override template in the store that nginx refuses.
mkdir -p "$HOSTINGCTL_STORE/templates/server"
cat >"$HOSTINGCTL_STORE/templates/server/nginx.conf" <<'EOF'
# {{domain}}: {{request}} ({{agency}}), written by hostingctl.  Broken on purpose.
server {
    listen {{listen_http}};
    server_name {{domain}};
    root {{web_root}};
    no_such_directive on;
}
EOF
new_site badconf
zs=$(zone_sum)
expect_code 9 hc request provision "$ID" --server lab
expect_contains "$TMP/err" "the config test failed"
expect_contains "$TMP/err" "no_such_directive"
[[ ! -e $LAB_NGINX_SITES_DIR/$FQDN.conf ]] || fail "the virtual host that failed its test was left"
[[ ! -e $LAB_WWW_DIR/$FQDN ]] || fail "the directories of the failed run were left"
id -u "$(site_user "$ID")" >/dev/null 2>&1 && fail "the site user of the failed run was left"
[[ $(zone_sum) == "$zs" ]] || fail "the zone changed although the virtual host failed"
$LAB_NGINX_TEST || fail "nginx's config test fails after the run"
[[ -d /proc/$LAB_NGINX_PID ]] || fail "nginx is gone"
served "$FQDN_A" "$LAB_NGINX_HTTP_PORT" || fail "$FQDN_A stopped answering"
# A site provisioned before: the broken file replaces its own only for the
# test, and its file is back byte for byte.
vhost_a=$(sha256sum <"$LAB_NGINX_SITES_DIR/$FQDN_A.conf")
expect_code 9 hc request provision "$ID_A" --server lab
expect_contains "$TMP/err" "the config test failed"
expect_eq "$FQDN_A's virtual host after a failed test" "$(sha256sum <"$LAB_NGINX_SITES_DIR/$FQDN_A.conf")" "$vhost_a"
$LAB_NGINX_TEST || fail "nginx's config test fails after the second run"
served "$FQDN_A" "$LAB_NGINX_HTTP_PORT" || fail "$FQDN_A stopped answering after a failed re-run"
rm -r "$HOSTINGCTL_STORE/templates/server"

# --- the zone does not reload, after the site is up: everything is undone ----------
new_site zonefail
cp -p "$LAB_DNS_STATIC_ZONE_FILE" "$TMP/zone.before"
hold zone
"$HOSTINGCTL" request provision "$ID" --server lab >"$TMP/run.out" 2>"$TMP/run.err" &
run=$!
reached zone
# Half-way: the user, the directories and the virtual host are there, nginx
# serves the site, the record is in the zone file.
id -u "$(site_user "$ID")" >/dev/null 2>&1 || fail "half-way: no site user"
[[ -f $LAB_NGINX_SITES_DIR/$FQDN.conf && -d $LAB_WWW_DIR/$FQDN/public_html ]] || fail "half-way: no site files"
nginx_serves "$FQDN" || fail "half-way: nginx does not serve $FQDN"
grep -q "^$FQDN\." "$LAB_DNS_STATIC_ZONE_FILE" || fail "half-way: the record is not in the zone file"
answer zone fail
code=0
wait "$run" || code=$?
expect_eq "exit code of a run whose zone did not reload" "$code" 9
grep -qF "the zone did not reload" "$TMP/run.err" || fail "no word of the zone reload: $(cat "$TMP/run.err")"
id -u "$(site_user "$ID")" >/dev/null 2>&1 && fail "the site user is still there"
[[ ! -e $LAB_WWW_DIR/$FQDN ]] || fail "the site's directories are still there: $(ls -R "$LAB_WWW_DIR/$FQDN")"
[[ ! -e $LAB_NGINX_SITES_DIR/$FQDN.conf ]] || fail "the virtual host is still there"
cmp -s "$TMP/zone.before" "$LAB_DNS_STATIC_ZONE_FILE" ||
    fail "the zone file is not as before: $(diff "$TMP/zone.before" "$LAB_DNS_STATIC_ZONE_FILE")"
nginx_forgot "$FQDN" || fail "nginx still serves $FQDN after the undo"
[[ -z $(lab_dig "$FQDN" A) ]] || fail "$FQDN resolves after the undo"
expect_eq "results of the failed run" "$(results "$ID")" '["undone"]'
[[ $(hc --json request show "$ID" | jq -r .status) == verified ]] || fail "$ID is not verified after the undo"

# --- the connection killed in the middle of the apply batch --------------------------
# kill_run_in HOOK: provisions $ID and kills the run while its batch waits in
# the reload HOOK: hostingctl dies (its lease stays behind) and so does
# everything the connection ran on the server, as when the link drops.
kill_run_in() {
    local run hook_pid remote mine
    hold "$1"
    "$HOSTINGCTL" request provision "$ID" --server lab >"$TMP/killed.out" 2>&1 &
    run=$!
    reached "$1"
    hook_pid=$(cat "$TMP/$1.waiting")
    remote=$(ps -o pgid= -p "$hook_pid" | tr -d ' ')
    mine=$(ps -o pgid= -p $$ | tr -d ' ')
    kill -9 "$run"
    if [[ -z $remote || $remote == "$mine" || $(ps -o sid= -p "$hook_pid" | tr -d ' ') != "$remote" ]]; then
        fail "the server side of the run is not a session of its own ($remote)"
        answer "$1" fail
    else
        kill -9 -- "-$remote"
    fi
    wait "$run" 2>/dev/null || true
    [[ -e $HOSTINGCTL_STORE/.leases/$ID ]] || fail "the killed run left no lease (the test did not kill it in time)"
}
# completed: a re-run takes the lease over and completes the site
completed() {
    expect_code 0 hc request provision "$ID" --server lab
    nginx_serves "$FQDN" || fail "$FQDN is not served after the re-run: $(cat "$TMP/out" "$TMP/err")"
    resolves "$FQDN" || fail "$FQDN does not resolve after the re-run: $(cat "$TMP/out" "$TMP/err")"
    expect_eq "records of $FQDN" "$(grep -c "^$FQDN\." "$LAB_DNS_STATIC_ZONE_FILE")" 1
    [[ ! -e $HOSTINGCTL_STORE/.leases/$ID ]] || fail "the re-run left its lease"
    [[ $(hc --json request show "$ID" | jq -r .status) == provisioned ]] || fail "$ID is not provisioned after the re-run"
}

# Killed in nginx's reload: the virtual host is written, nginx does not serve it.
new_site killweb
kill_run_in web
[[ -f $LAB_NGINX_SITES_DIR/$FQDN.conf ]] || fail "the killed run stopped before the virtual host"
completed

# Killed in the zone's reload, after the record went into the zone file.
new_site killdns
kill_run_in zone
grep -q "^$FQDN\." "$LAB_DNS_STATIC_ZONE_FILE" || fail "the killed run stopped before the record"
completed

finish
