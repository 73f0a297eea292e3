#!/usr/bin/env bash
# request provision in the lab's dynamic zone, changed by nsupdate with its
# TSIG key: the site's name resolves afterwards, and a run that fails after
# its record was added takes the record away again.
source "$(dirname "$0")/lib.sh"

provision_store
{
    echo "schema: 1"
    echo "servers:"
    lab_server lab nginx root
    lab_server noreload nginx root web_reload="[/bin/true]"
    echo "dns:"
    echo "  - zone: $LAB_DNS_DYNAMIC_ZONE"
    echo "    kind: nsupdate"
    echo "    server: lab"
    echo "    nameserver: \"$LAB_HOST\""
    echo "    nameserver_port: $LAB_DNS_PORT"
    echo "    key_file: \"$LAB_DNS_TSIG_KEY_FILE\""
    echo "    ttl: 300"
} >"$HOSTINGCTL_STORE/servers.yaml"
on_cleanup reload_lab
expect_code 0 hc -y server trust lab

# dyn_site TAG: new_site in the dynamic zone, its record removed at the end
dyn_site() {
    new_site "$1" static "$LAB_DNS_DYNAMIC_ZONE"
    on_cleanup "printf 'server %s %s\nzone %s\nupdate delete %s. A\nsend\n' $LAB_HOST $LAB_DNS_PORT \
$LAB_DNS_DYNAMIC_ZONE $FQDN | nsupdate -k '$LAB_DNS_TSIG_KEY_FILE'"
}

# --- a site in the dynamic zone --------------------------------------------------
dyn_site dyn
[[ -z $(lab_dig "$FQDN" A) ]] || fail "$FQDN resolves before the run"
expect_code 0 hc request provision "$ID" --server lab
expect_contains "$TMP/out" "is served at http://$FQDN:$LAB_NGINX_HTTP_PORT/"
expect_eq "dig $FQDN" "$(lab_dig "$FQDN" A)" "$LAB_PUBLIC_IP"
served "$FQDN" "$LAB_NGINX_HTTP_PORT" || fail "$FQDN is not served"
# A second run changes nothing (the record is not added twice).
expect_code 0 hc request provision "$ID" --server lab
expect_contains "$TMP/out" "nothing changed"
expect_eq "dig $FQDN after a second run" "$(lab_dig "$FQDN" A)" "$LAB_PUBLIC_IP"

# --- a failure after the record was added: the record goes again ------------------
# nginx is not reloaded on this server, so the final check finds the default
# server, after the record was added.
dyn_site dynfail
"$HOSTINGCTL" request provision "$ID" --server noreload >"$TMP/run.out" 2>"$TMP/run.err" &
run=$!
# The record answers while the run waits for its site to answer.
retry 30 resolves "$FQDN" || fail "$FQDN never resolved during the run"
code=0
wait "$run" || code=$?
expect_eq "exit code of the failed run" "$code" 9
grep -qF "not the site's index.html" "$TMP/run.err" || fail "the failed run: $(cat "$TMP/run.err")"
[[ -z $(lab_dig "$FQDN" A) ]] || fail "$FQDN still resolves after the failed run: $(lab_dig "$FQDN" A)"
id -u "$(site_user "$ID")" >/dev/null 2>&1 && fail "the site user of the failed run is still there"

finish
