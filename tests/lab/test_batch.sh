#!/usr/bin/env bash
# Several requests in one `request provision` (PRODUCT §6): one SSH session
# for the server, one serial bump for the zone, every site served and
# resolving; a request whose checks fail is left out and the others go on;
# --all-verified takes what waits; a second run changes nothing.
source "$(dirname "$0")/lib.sh"

provision_store
IP=$LAB_PUBLIC_IP
{
    echo "schema: 1"
    echo "servers:"
    lab_server lab nginx root
    echo "dns:"
    lab_static_zone
} >"$HOSTINGCTL_STORE/servers.yaml"
expect_code 0 hc -y server trust lab

serial() { sed 's/;.*//' "$LAB_DNS_STATIC_ZONE_FILE" | tr -s ' \t()' '\n\n\n\n' | awk 'f && /^[0-9]+$/ { print; exit } toupper($0) == "SOA" { f = 1 }'; }
serves() { served "$1" "$LAB_NGINX_HTTP_PORT"; }

IDS=() FQDNS=()
on_cleanup reload_lab
for app in static static php static; do
    new_site bat "$app"
    IDS+=("$ID") FQDNS+=("$FQDN")
done
# One more, whose virtual host someone wrote by hand: its check fails.
new_site hand
IDE=$ID FE=$FQDN
printf 'server { listen 127.0.0.1:%s; server_name %s; }\n' "$LAB_NGINX_HTTP_PORT" "$FE" >"$LAB_NGINX_SITES_DIR/$FE.conf"

# --- a dry run of everything that waits: the plan, nothing written ---------------
zs=$(sha256sum <"$LAB_DNS_STATIC_ZONE_FILE")
expect_code 5 hc request provision --all-verified --dry-run
for id in "${IDS[@]}"; do grep -q "^$id .*would change" "$TMP/out" || fail "dry run: $id is not to change: $(cat "$TMP/out")"; done
grep -q "^$IDE .*failed" "$TMP/out" || fail "dry run: $IDE is not refused: $(cat "$TMP/out")"
expect_contains "$TMP/err" "1 of 5 requests was not provisioned"
[[ $(sha256sum <"$LAB_DNS_STATIC_ZONE_FILE") == "$zs" ]] || fail "--dry-run changed the zone"
# The zone file is shown once, with all four records.
[[ $(grep -c "^--- $LAB_DNS_STATIC_ZONE_FILE " "$TMP/out") == 1 ]] ||
    fail "the dry run shows the zone file $(grep -c "^--- $LAB_DNS_STATIC_ZONE_FILE " "$TMP/out") times"
# ... as a diff from the zone file as it is: the four records added.
expect_contains "$TMP/out" "+++ $LAB_DNS_STATIC_ZONE_FILE (DNS 4 A records in $LAB_DNS_STATIC_ZONE)"
for f in "${FQDNS[@]}"; do expect_contains "$TMP/out" "+$f. 3600 IN A $IP ; hostingctl"; done
for f in "${FQDNS[@]}"; do [[ -e $LAB_WWW_DIR/$f ]] && fail "--dry-run made $LAB_WWW_DIR/$f"; done

# --- a number that is no request stops the command before anything is done ------
expect_code 3 hc request provision "${IDS[0]}" HST-2026-0999 --server lab
expect_contains "$TMP/err" "HST-2026-0999"
id -u "$(site_user "${IDS[0]}")" >/dev/null 2>&1 && fail "a command with an unknown request number made a site user"

# --- five requests at once: four provisioned, one refused alone ------------------
s0=$(serial)
l0=$(lab_logins)
expect_code 5 hc --json request provision "${IDS[@]}" "$IDE" --server lab
jq -e --arg e "$IDE" '(.ok | not) and (.requests | length == 5)
    and ([.requests[] | select(.request != $e) | .ok and .changed and (.sftp_password | length == 20)] | all)
    and ([.requests[] | select(.request == $e) | (.ok | not) and (.error | test("not written by hostingctl"))] | all)' \
    "$TMP/out" >/dev/null || fail "the batch's JSON: $(head -c 1500 "$TMP/out")"
# The four passwords were set with one chpasswd: each is its own user's.
while read -r id pw; do
    u=$(site_user "$id")
    hash=$(getent shadow "$u" | cut -d: -f2)
    [[ -n $hash && $(perl -e 'print crypt($ARGV[0], $ARGV[1])' "$pw" "$hash") == "$hash" ]] ||
        fail "the password shown for $id is not $u's"
done < <(jq -r --arg e "$IDE" '.requests[] | select(.request != $e) | "\(.request) \(.sftp_password)"' "$TMP/out")
# One session for the web server and its zone (both on the lab's host).
[[ $(($(lab_logins) - l0)) == 1 ]] || fail "the batch logged in $(($(lab_logins) - l0)) times, not once"
# One serial bump for the four records.
today=$(TZ=Asia/Jakarta date +%Y%m%d)00
want=$((s0 + 1)); ((want < today)) && want=$today
[[ $(serial) == "$want" ]] || fail "the serial went from $s0 to $(serial), not $want"
for f in "${FQDNS[@]}"; do
    retry 10 serves "$f" || fail "$f is not served after the batch"
    [[ $(lab_dig "$f" A) == "$IP" ]] || fail "$f does not resolve to $IP after the batch"
done
id -u "$(site_user "$IDE")" >/dev/null 2>&1 && fail "the refused request's user was made"
grep -q "^$FE\." "$LAB_DNS_STATIC_ZONE_FILE" && fail "the refused request's record is in the zone"
for id in "${IDS[@]}"; do
    [[ $(hc --json request show "$id" | jq -r .status) == provisioned ]] || fail "$id is not provisioned"
done
[[ $(hc --json request show "$IDE" | jq -r .status) == verified ]] || fail "$IDE is not left verified"
# The refused request's record says it failed, and the batch's reload is not its own.
hc --json request log "$IDE" >"$TMP/log.json"
jq -e '[.[] | select(.action == "provision_result")] | last | .data.outcome == "failed"
    and ([.data.actions[] | select(.action == "nginx reload") | .outcome] == ["skipped"])' "$TMP/log.json" >/dev/null ||
    fail "the refused request's provision_result: $(jq -c '[.[] | select(.action == "provision_result")] | last | .data' "$TMP/log.json")"
# request show says what was made where.
expect_code 0 hc request show "${IDS[2]}"
expect_contains "$TMP/out" "site      http://${FQDNS[2]}:$LAB_NGINX_HTTP_PORT/ on lab, user $(site_user "${IDS[2]}")"
expect_contains "$TMP/out" "files $LAB_WWW_DIR/${FQDNS[2]}, virtual host $LAB_NGINX_SITES_DIR/${FQDNS[2]}.conf"
expect_contains "$TMP/out" "PHP-FPM pool $LAB_PHP_FPM_POOL_DIR/${FQDNS[2]}.conf"
expect_contains "$TMP/out" "DNS in zone $LAB_DNS_STATIC_ZONE on lab"

# --- --all-verified takes what still waits --------------------------------------
rm "$LAB_NGINX_SITES_DIR/$FE.conf"
expect_code 0 hc request provision --all-verified
grep -q "^$IDE .*provisioned" "$TMP/out" || fail "--all-verified: $(cat "$TMP/out")"
for id in "${IDS[@]}"; do grep -q "^$id " "$TMP/out" && fail "--all-verified took $id, provisioned already"; done
expect_contains "$TMP/out" "SFTP login $(site_user "$IDE") password"
retry 10 serves "$FE" || fail "$FE is not served"
expect_code 0 hc request provision --all-verified
expect_contains "$TMP/out" "No verified request is waiting for provisioning."
expect_code 0 hc --json request provision --all-verified --dry-run
jq -e '.ok and .dry_run and .requests == []' "$TMP/out" >/dev/null || fail "nothing to do, --json: $(cat "$TMP/out")"

# --- a reload that fails without a word: the message says so, in plain words -----
{
    echo "schema: 1"
    echo "servers:"
    lab_server lab nginx root
    lab_server badreload nginx root web_reload="[/bin/false]"
    echo "dns:"
    lab_static_zone
} >"$HOSTINGCTL_STORE/servers.yaml"
expect_code 0 hc -y server trust badreload
new_site quiet
expect_code 9 hc request provision "$ID" --server badreload
expect_contains "$TMP/err" "'nginx reload' on badreload failed: it exited 1 and said nothing"
grep -q "@@hctl" "$TMP/err" "$TMP/out" && fail "the failure shows the batch's marks: $(cat "$TMP/err")"
id -u "$(site_user "$ID")" >/dev/null 2>&1 && fail "the failed run's site user is still there"

# --- a second run of all changes nothing ------------------------------------------
zs=$(sha256sum <"$LAB_DNS_STATIC_ZONE_FILE")
expect_code 0 hc request provision "${IDS[@]}" "$IDE"
[[ $(grep -c " no change " "$TMP/out") == 5 ]] || fail "a second run changed something: $(cat "$TMP/out")"
[[ $(sha256sum <"$LAB_DNS_STATIC_ZONE_FILE") == "$zs" ]] || fail "a second run changed the zone"
grep -q "SFTP" "$TMP/out" && fail "a second run made logins again"

finish
