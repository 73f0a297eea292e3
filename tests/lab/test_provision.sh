#!/usr/bin/env bash
# request provision over SSH onto the lab (PRODUCT §6): a static site and a
# PHP site on nginx, as root and through the sudo user; afterwards the
# name resolves at the lab's BIND, the site answers with its placeholder
# page, a second run changes nothing, --dry-run leaves every file as it
# was, and an unknown host key stops everything before a command runs.
source "$(dirname "$0")/lib.sh"

provision_store
IP=$LAB_PUBLIC_IP

# The inventory: the lab's nginx on its own paths, commands and port, the
# static zone edited as a file on the same host.
{
    echo "schema: 1"
    echo "servers:"
    lab_server lab nginx root
    lab_server labsudo nginx sudo
    lab_server noreload nginx root web_reload="[/bin/true]"
    echo "dns:"
    lab_static_zone
} >"$HOSTINGCTL_STORE/servers.yaml"
expect_code 0 hc server list

request() { provision_request "$@"; }

NAME1=$(lab_name static)
NAME2=$(lab_name php)
ID1=$(request "$NAME1" static)
ID2=$(request "$NAME2" php)
FQDN1=$NAME1.$LAB_DNS_STATIC_ZONE
FQDN2=$NAME2.$LAB_DNS_STATIC_ZONE
# What the test made goes at the end, whatever happened: users, files, records.
on_cleanup reload_lab
forget_site "$ID1" "$FQDN1"
forget_site "$ID2" "$FQDN2"

# --- an unknown host key: nothing runs -----------------------------------------
before=$(site_files)
zs=$(zone_sum)
expect_code 10 hc request provision "$ID1" --server lab
expect_contains "$TMP/err" "server trust lab"
[[ $(site_files) == "$before" && $(zone_sum) == "$zs" ]] || fail "something changed with an unknown host key"
[[ $(hc --json request show "$ID1" | jq -r .status) == verified ]] || fail "$ID1 left verified"
expect_code 0 hc -y server trust lab
expect_contains "$TMP/out" "$LAB_SSH_HOST_FINGERPRINT"

# --- dry run: the plan and its files, nothing written -------------------------------
expect_code 0 hc request provision "$ID1" --server lab --dry-run
expect_contains "$TMP/out" "would apply"
expect_contains "$TMP/out" "server_name $FQDN1;"
expect_contains "$TMP/out" "Dry run: nothing was changed."
[[ $(site_files) == "$before" && $(zone_sum) == "$zs" ]] || fail "--dry-run changed a file"
id -u "$(site_user "$ID1")" >/dev/null 2>&1 && fail "--dry-run made the site user"

# In Indonesian the plan and the server's checks are named in Indonesian;
# --json keeps its English names and outcomes.
LANG=id_ID.UTF-8 expect_code 0 hc request provision "$ID1" --server lab --dry-run
expect_contains "$TMP/out" "pengguna situs $(site_user "$ID1")"
expect_contains "$TMP/out" "akan diterapkan"
expect_contains "$TMP/out" "Uji coba (dry run): tidak ada yang diubah."
LANG=id_ID.UTF-8 expect_code 0 hc --json request provision "$ID1" --server lab --dry-run
jq -e '[.actions[].action] | any(startswith("site user "))' "$TMP/out" >/dev/null ||
    fail "--json names the actions in Indonesian: $(head -c 400 "$TMP/out")"
LANG=id_ID.UTF-8 expect_code 0 hc server check lab
expect_contains "$TMP/out" "uji konfigurasi nginx"
LANG=id_ID.UTF-8 expect_code 0 hc --json server check lab
jq -e '[.checks[].what] | any(. == "nginx config test")' "$TMP/out" >/dev/null ||
    fail "--json server check names the checks in Indonesian: $(head -c 400 "$TMP/out")"
# What a failing check says comes from the server, in the user's language
# too: a server whose sites root and reload command are not there.
cp -p "$HOSTINGCTL_STORE/servers.yaml" "$TMP/servers.yaml"
lab_server missing nginx root sites_root="\"$TMP/no-sites\"" web_reload="[/no/such/reload]" |
    awk -v entry="$(cat)" '/^dns:/ { print entry } { print }' "$TMP/servers.yaml" \
        >"$HOSTINGCTL_STORE/servers.yaml"
LANG=id_ID.UTF-8 expect_code 9 hc server check missing
expect_contains "$TMP/out" "tidak ada direktori $TMP/no-sites"
expect_contains "$TMP/out" "tidak terpasang: /no/such/reload"
cp -p "$TMP/servers.yaml" "$HOSTINGCTL_STORE/servers.yaml"

# --- a static site as root ------------------------------------------------------------
expect_code 0 hc --json request provision "$ID1" --server lab
jq -e '.ok and .changed and ([.actions[] | select(.outcome == "failed")] | length == 0)
       and (.sftp_password | length == 20)' "$TMP/out" >/dev/null ||
    fail "provision $ID1: $(cat "$TMP/out" "$TMP/err")"
[[ $(hc --json request show "$ID1" | jq -r .status) == provisioned ]] || fail "$ID1 is not provisioned"
[[ $(dig +short @"$LAB_HOST" -p "$LAB_DNS_PORT" "$FQDN1" A) == "$IP" ]] || fail "$FQDN1 does not resolve to $IP"
page=$(curl -s --resolve "$FQDN1:$LAB_NGINX_HTTP_PORT:$LAB_HOST" "http://$FQDN1:$LAB_NGINX_HTTP_PORT/")
grep -qF "<h1>$FQDN1</h1>" <<<"$page" && grep -qF "Dinas Kesehatan" <<<"$page" ||
    fail "the placeholder page of $FQDN1: $page"
user1=$(site_user "$ID1")
[[ $(stat -c %U "$LAB_WWW_DIR/$FQDN1/public_html") == "$user1" ]] || fail "public_html is not $user1's"
[[ $(getent passwd "$user1" | cut -d: -f7) == /usr/sbin/nologin ]] || fail "$user1 has a login shell"
# The agency writes in public_html and tmp only: the site's top directory
# and its logs (written by the web server as root) are root's.
[[ $(stat -c %U:%a "$LAB_WWW_DIR/$FQDN1") == root:751 && $(stat -c %U "$LAB_WWW_DIR/$FQDN1/logs") == root ]] ||
    fail "the site's directory or its logs are not root's: $(stat -c '%n %U %a' "$LAB_WWW_DIR/$FQDN1" "$LAB_WWW_DIR/$FQDN1/logs")"

# A second run changes nothing, and says so.
before=$(site_files)
zs=$(zone_sum)
expect_code 0 hc request provision "$ID1" --server lab
expect_contains "$TMP/out" "nothing changed"
[[ $(site_files) == "$before" && $(zone_sum) == "$zs" ]] || fail "a second run changed a file"
hc --json request log "$ID1" >"$TMP/log.json"
jq -e '[.[] | select(.action == "provision_result") | .data.outcome] == ["failed", "changed", "unchanged"]' "$TMP/log.json" >/dev/null ||
    fail "provision_result events: $(jq -c '[.[] | select(.action == "provision_result") | .data]' "$TMP/log.json")"

# A virtual host changed since it was written: a dry run shows the change
# it would make as a diff, and changes nothing.
V1=$LAB_NGINX_SITES_DIR/$FQDN1.conf
cp -p "$V1" "$TMP/vhost.saved"
printf '# a line added by hand\n' >>"$V1"
before=$(site_files)
expect_code 0 hc request provision "$ID1" --server lab --dry-run
expect_contains "$TMP/out" "--- $V1 (now)"
expect_contains "$TMP/out" "+++ $V1 (nginx virtual host)"
expect_contains "$TMP/out" "-# a line added by hand"
[[ $(site_files) == "$before" ]] || fail "the dry run changed a file"
cp -p "$TMP/vhost.saved" "$V1"

# A link where public_html belongs is refused, never followed.
mkdir "$TMP/elsewhere"
mv "$LAB_WWW_DIR/$FQDN1/public_html" "$TMP/public_html.saved"
ln -s "$TMP/elsewhere" "$LAB_WWW_DIR/$FQDN1/public_html"
expect_code 9 hc request provision "$ID1" --server lab
expect_contains "$TMP/err" "symbolic link"
[[ -z $(ls -A "$TMP/elsewhere") ]] || fail "provision wrote through a link: $(ls -A "$TMP/elsewhere")"
rm "$LAB_WWW_DIR/$FQDN1/public_html"
mv "$TMP/public_html.saved" "$LAB_WWW_DIR/$FQDN1/public_html"

# A site user without a password (a run stopped between making the user
# and setting its password) is given one by the next run, shown once; the
# run after that leaves it.
usermod -p '!' "$user1"
expect_code 0 hc --json request provision "$ID1" --server lab
jq -e '.ok and .changed and (.sftp_password | length == 20)
       and ([.actions[] | select(.outcome == "done") | .action
             | select(startswith("site answers") or contains(" resolves to ") | not)]
            == ["SFTP password '"$user1"'"])' "$TMP/out" >/dev/null ||
    fail "a site user without a password: $(cat "$TMP/out" "$TMP/err")"
pw=$(jq -r .sftp_password "$TMP/out")
hash=$(getent shadow "$user1" | cut -d: -f2)
[[ $(perl -e 'print crypt($ARGV[0], $ARGV[1])' "$pw" "$hash") == "$hash" ]] ||
    fail "the password shown is not $user1's"
expect_code 0 hc --json request provision "$ID1" --server lab
jq -e '.ok and (.changed | not) and (has("sftp_password") | not)' "$TMP/out" >/dev/null ||
    fail "a run after the password was set: $(cat "$TMP/out")"
[[ $(getent shadow "$user1" | cut -d: -f2) == "$hash" ]] || fail "the password was changed again"

# --- a PHP site through the sudo user ----------------------------------------------------
expect_code 0 hc -y server trust labsudo
# A virtual host someone wrote by hand for the name stays, and nothing runs.
printf 'server { listen 127.0.0.1:%s; server_name %s; }\n' "$LAB_NGINX_HTTP_PORT" "$FQDN2" >"$LAB_NGINX_SITES_DIR/$FQDN2.conf"
hand=$(sha256sum <"$LAB_NGINX_SITES_DIR/$FQDN2.conf")
expect_code 5 hc request provision "$ID2" --server labsudo
expect_contains "$TMP/err" "was not written by hostingctl for this request"
[[ $(sha256sum <"$LAB_NGINX_SITES_DIR/$FQDN2.conf") == "$hand" ]] || fail "a hand-written virtual host was replaced"
id -u "$(site_user "$ID2")" >/dev/null 2>&1 && fail "the site user was made although the plan stopped"
rm "$LAB_NGINX_SITES_DIR/$FQDN2.conf"
expect_code 0 hc request provision "$ID2" --server labsudo
expect_contains "$TMP/out" "is served at http://$FQDN2:$LAB_NGINX_HTTP_PORT/"
expect_contains "$TMP/out" "SFTP login $(site_user "$ID2") password"
user2=$(site_user "$ID2")
printf '<?php echo "php:", posix_getpwuid(posix_geteuid())["name"];\n' >"$LAB_WWW_DIR/$FQDN2/public_html/info.php"
got=$(curl -s --resolve "$FQDN2:$LAB_NGINX_HTTP_PORT:$LAB_HOST" "http://$FQDN2:$LAB_NGINX_HTTP_PORT/info.php")
[[ $got == "php:$user2" ]] || fail "PHP of $FQDN2 did not run as $user2: $got"
[[ $(dig +short @"$LAB_HOST" -p "$LAB_DNS_PORT" "$FQDN2" A) == "$IP" ]] || fail "$FQDN2 does not resolve"
# The other site still answers.
[[ $(curl -s -o /dev/null -w '%{http_code}' --resolve "$FQDN1:$LAB_NGINX_HTTP_PORT:$LAB_HOST" \
    "http://$FQDN1:$LAB_NGINX_HTTP_PORT/") == 200 ]] || fail "$FQDN1 stopped answering"

# --- a hand-edited request file with hostile values: refused before any login ---------
NAME6=$(lab_name evil)
ID6=$(request "$NAME6" static)
F6=$(ls "$HOSTINGCTL_STORE"/requests/*/"$ID6".yaml)
cp "$F6" "$TMP/evil.good"
logins=$(lab_logins)
((logins > 0)) || fail "sshd's log does not show the earlier logins: this check could not see one"
for bad in "$NAME6;reboot" '$(touch /tmp/owned).x' "../../etc" "a'b" 'a b'; do
    cp "$TMP/evil.good" "$F6"
    sed -i "s|^\(  domain: \).*|\1\"$bad.$LAB_DNS_STATIC_ZONE\"|" "$F6"
    grep -qF -- "$bad" "$F6" || { fail "could not put '$bad' in $F6"; continue; }
    expect_code 4 hc request provision "$ID6" --server lab
done
[[ $(lab_logins) == "$logins" ]] ||
    fail "provision logged in to the server for a hostile request file"
[[ ! -e /tmp/owned ]] || fail "a hostile domain ran a command"
cp "$TMP/evil.good" "$F6"

# --- two officers at once, two requests in one zone: both sites come up ------------
NAME3=$(lab_name para)
NAME4=$(lab_name parb)
ID3=$(request "$NAME3" static)
ID4=$(request "$NAME4" static)
forget_site "$ID3" "$NAME3.$LAB_DNS_STATIC_ZONE"
forget_site "$ID4" "$NAME4.$LAB_DNS_STATIC_ZONE"
hc request provision "$ID3" --server lab >"$TMP/p3" 2>&1 &
p3=$!
hc request provision "$ID4" --server lab >"$TMP/p4" 2>&1 &
p4=$!
wait "$p3" || fail "provision $ID3 beside $ID4: $(cat "$TMP/p3")"
wait "$p4" || fail "provision $ID4 beside $ID3: $(cat "$TMP/p4")"
for n in "$NAME3" "$NAME4"; do
    [[ $(dig +short @"$LAB_HOST" -p "$LAB_DNS_PORT" "$n.$LAB_DNS_STATIC_ZONE" A) == "$IP" ]] ||
        fail "$n.$LAB_DNS_STATIC_ZONE does not resolve after two runs at once"
done

# --- a reload that does nothing: the final check sees the default server, and
# everything is undone ------------------------------------------------------------
NAME5=$(lab_name norel)
ID5=$(request "$NAME5" static)
FQDN5=$NAME5.$LAB_DNS_STATIC_ZONE
forget_site "$ID5" "$FQDN5"
expect_code 0 hc -y server trust noreload
zs=$(zone_sum)
expect_code 9 hc request provision "$ID5" --server noreload
expect_contains "$TMP/err" "not the site's index.html"
id -u "$(site_user "$ID5")" >/dev/null 2>&1 && fail "the site user of a failed run is still there"
[[ ! -e $LAB_WWW_DIR/$FQDN5 && ! -e $LAB_NGINX_SITES_DIR/$FQDN5.conf ]] ||
    fail "the files of a failed run are still there: $(ls -laR "$LAB_WWW_DIR/$FQDN5" "$LAB_NGINX_SITES_DIR/$FQDN5.conf" 2>&1 | head -20) $(cat "$TMP/out")"
grep -q "^$FQDN5\." "$LAB_DNS_STATIC_ZONE_FILE" && fail "the record of a failed run is still in the zone"
[[ $(hc --json request show "$ID5" | jq -r .status) == verified ]] || fail "$ID5 is not verified after the failed run"
# The other sites still answer.
[[ $(curl -s -o /dev/null -w '%{http_code}' --resolve "$FQDN1:$LAB_NGINX_HTTP_PORT:$LAB_HOST" \
    "http://$FQDN1:$LAB_NGINX_HTTP_PORT/") == 200 ]] || fail "$FQDN1 stopped answering after a failed run"

finish
