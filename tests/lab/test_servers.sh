#!/usr/bin/env bash
# Several web servers (PRODUCT §6): without --server, new requests go to the
# web server with the most room (its capacity less the sites it holds), also
# within one command; when every one is full a request is refused, and
# --server to a full one warns; a site is never made a second time on
# another server.
source "$(dirname "$0")/lib.sh"

provision_store
{
    echo "schema: 1"
    echo "servers:"
    lab_server lab nginx root capacity=1
    lab_server labap apache root capacity=3
    echo "dns:"
    lab_static_zone
} >"$HOSTINGCTL_STORE/servers.yaml"
expect_code 0 hc -y server trust lab
expect_code 0 hc -y server trust labap
on_cleanup reload_lab

port_of() { if [[ $1 == lab ]]; then echo "$LAB_NGINX_HTTP_PORT"; else echo "$LAB_APACHE_HTTP_PORT"; fi; }
server_of() { hc --json request show "$1" | jq -r '[.events[] | select(.action == "provision_result")] | last | .data.server'; }

declare -A FQDN_OF
for n in 1 2 3; do
    new_site "sp$n"
    FQDN_OF[$ID]=$FQDN
done
IDS=("${!FQDN_OF[@]}")
mapfile -t IDS < <(printf '%s\n' "${IDS[@]}" | sort)

# --- spread: every verified request, no --server -----------------------------------
# Room: lab 1, labap 3.  The first two go to labap (3, then 2 > 1); the third
# finds 1 and 1 and takes the first in servers.yaml.
expect_code 0 hc --json request provision --all-verified
jq -e '.ok and (.requests | length == 3)' "$TMP/out" >/dev/null || fail "--all-verified over two servers: $(head -c 800 "$TMP/out") $(cat "$TMP/err")"
want=(labap labap lab)
for i in 0 1 2; do
    id=${IDS[i]}
    got=$(jq -r --arg id "$id" '.requests[] | select(.request == $id) | .server' "$TMP/out")
    expect_eq "the server of $id" "$got" "${want[i]}"
    retry 10 served "${FQDN_OF[$id]}" "$(port_of "${want[i]}")" || fail "${FQDN_OF[$id]} is not served by ${want[i]}"
done
[[ ! -e $LAB_NGINX_SITES_DIR/${FQDN_OF[${IDS[0]}]}.conf ]] || fail "a site of labap has a virtual host on lab too"

# --- the last room, then full ----------------------------------------------------------
new_site sp4
ID4=$ID FQDN4=$FQDN
expect_code 0 hc request provision "$ID4"
expect_eq "the server of $ID4" "$(server_of "$ID4")" labap
new_site sp5
ID5=$ID FQDN5=$FQDN
before=$(site_files)
expect_code 5 hc request provision "$ID5"
expect_contains "$TMP/err" "every web server that could take $ID5 is full (lab, labap)"
expect_contains "$TMP/err" "--capacity"
[[ $(site_files) == "$before" ]] || fail "a refused request changed a file"
# Named, a full server takes it, and says so.
expect_code 0 hc request provision "$ID5" --server lab
expect_contains "$TMP/err" "warning: $ID5: lab holds 1 sites already, its capacity is 1"
retry 10 served "$FQDN5" "$LAB_NGINX_HTTP_PORT" || fail "$FQDN5 is not served after --server lab"

# --- a site is not made again on another server --------------------------------------
ID1=${IDS[0]}
before=$(site_files)
zs=$(zone_sum)
expect_code 5 hc request provision "$ID1" --server lab
expect_contains "$TMP/err" "$ID1 has its site on labap already; it is not made again on lab"
[[ $(site_files) == "$before" && $(zone_sum) == "$zs" ]] || fail "--server to another server changed something"
# Without --server it goes where its site is, and finds it complete.
expect_code 0 hc request provision "$ID1"
expect_contains "$TMP/out" "nothing changed"

finish
