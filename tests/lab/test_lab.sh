#!/usr/bin/env bash
# The lab itself, as the tool will meet it: SSH with the key and the lab's
# known_hosts, sudo, the default web servers, a PHP site through PHP-FPM on
# nginx and Apache, a MariaDB user over TCP, and both DNS zones.  Everything
# is done over SSH as the tool would do it, and removed again.
. "$(dirname "$0")/lib.sh"

# --- SSH ------------------------------------------------------------------------
expect_eq "ssh as root: id -u" "$(lab_root id -u)" 0
expect_eq "ssh as $LAB_SSH_SUDO_USER: id -un" "$(lab_ssh "$LAB_SSH_SUDO_USER" id -un)" "$LAB_SSH_SUDO_USER"
expect_eq "ssh as $LAB_SSH_SUDO_USER: sudo -n id -u" "$(lab_sudo id -u)" 0
# shellcheck disable=SC2016 # $HOME is the remote one
expect_eq "the sudo user's home" "$(lab_ssh "$LAB_SSH_SUDO_USER" 'echo $HOME')" "$LAB_HOME_DIR/$LAB_SSH_SUDO_USER"

# The fingerprint in lab.env is the one in known_hosts.
ssh-keygen -l -E sha256 -f "$LAB_SSH_KNOWN_HOSTS" >"$TMP/fp"
expect_contains "$TMP/fp" "$LAB_SSH_HOST_FINGERPRINT"

# ssh_with KNOWN_HOSTS KEY USER CMD: ssh as in LAB_SSH_OPTS with another
# known_hosts or key (ssh keeps the first value of an option, so these are
# not appended to LAB_SSH_OPTS)
ssh_with() {
    ssh -F /dev/null -p "$LAB_SSH_PORT" -i "$2" -o IdentitiesOnly=yes -o IdentityAgent=none -o BatchMode=yes \
        -o StrictHostKeyChecking=yes -o UserKnownHostsFile="$1" -o GlobalKnownHostsFile=/dev/null \
        -o ConnectTimeout=10 "$3@$LAB_HOST" "${@:4}"
}
expect_code 0 ssh_with "$LAB_SSH_KNOWN_HOSTS" "$LAB_SSH_KEY" root true
# A known_hosts that names another key for the server: refused.
ssh-keygen -q -t ed25519 -N '' -f "$TMP/other_host_key"
read -r ktype kdata _ <"$TMP/other_host_key.pub"
printf '[%s]:%s %s %s\n' "$LAB_HOST" "$LAB_SSH_PORT" "$ktype" "$kdata" >"$TMP/wrong_known_hosts"
expect_code 255 ssh_with "$TMP/wrong_known_hosts" "$LAB_SSH_KEY" root true
expect_contains "$TMP/err" "Host key verification failed"
# One that does not know the server at all: refused too.
: >"$TMP/empty_known_hosts"
expect_code 255 ssh_with "$TMP/empty_known_hosts" "$LAB_SSH_KEY" root true
expect_contains "$TMP/err" "Host key verification failed"
# Another client key than the lab's: refused.
ssh-keygen -q -t ed25519 -N '' -f "$TMP/other_client_key"
expect_code 255 ssh_with "$LAB_SSH_KNOWN_HOSTS" "$TMP/other_client_key" "$LAB_SSH_SUDO_USER" true
expect_contains "$TMP/err" "Permission denied"

# --- the default web servers ------------------------------------------------------
expect_eq "nginx http" "$(lab_get -H 'Host: x' "http://$LAB_HOST:$LAB_NGINX_HTTP_PORT/")" "$LAB_NGINX_DEFAULT_TEXT"
expect_eq "nginx https" "$(lab_get -k -H 'Host: x' "https://$LAB_HOST:$LAB_NGINX_HTTPS_PORT/")" "$LAB_NGINX_DEFAULT_TEXT"
expect_eq "apache http" "$(lab_get -H 'Host: x' "http://$LAB_HOST:$LAB_APACHE_HTTP_PORT/")" "$LAB_APACHE_DEFAULT_TEXT"
expect_eq "apache https" "$(lab_get -k -H 'Host: x' "https://$LAB_HOST:$LAB_APACHE_HTTPS_PORT/")" "$LAB_APACHE_DEFAULT_TEXT"
# The certificate is good for any name under pekalongankota.go.id.
for port in "$LAB_NGINX_HTTPS_PORT" "$LAB_APACHE_HTTPS_PORT"; do
    expect_code 0 curl -sS --max-time 10 --cacert "$LAB_TLS_CERT" \
        --resolve "anything.pekalongankota.go.id:$port:$LAB_HOST" "https://anything.pekalongankota.go.id:$port/"
done

# --- a PHP site through PHP-FPM, on nginx and on Apache -------------------------------
SITE=$(lab_name s)
FQDN=$SITE.pekalongankota.go.id
DOCROOT=$LAB_WWW_DIR/$SITE/public
SOCK=$LAB_PHP_FPM_RUN_DIR/$SITE.sock
POOL=$LAB_PHP_FPM_POOL_DIR/$SITE.conf
NGINX_SITE=$LAB_NGINX_SITES_DIR/$SITE.conf
APACHE_SITE=$LAB_APACHE_SITES_DIR/$SITE.conf
on_cleanup "lab_sudo bash -s <<'EOF' >/dev/null 2>&1
rm -f $NGINX_SITE $APACHE_SITE $POOL
$LAB_NGINX_RELOAD; $LAB_APACHE_RELOAD; $LAB_PHP_FPM_RELOAD
userdel $SITE; rm -rf $LAB_WWW_DIR/$SITE
EOF"
lab_sudo bash -s >"$TMP/provision.log" 2>&1 <<EOF || fail "provisioning $SITE over ssh failed: $(tail -5 "$TMP/provision.log")"
set -euo pipefail
useradd --home-dir $LAB_WWW_DIR/$SITE --no-create-home --shell /usr/sbin/nologin --user-group $SITE
mkdir -p $DOCROOT
cat >$DOCROOT/index.php <<'PHP'
<?php echo "php ok ", PHP_MAJOR_VERSION, ".", PHP_MINOR_VERSION, " ", posix_getpwuid(posix_geteuid())["name"], "\n";
PHP
chown -R $SITE: $LAB_WWW_DIR/$SITE
chmod 0755 $LAB_WWW_DIR/$SITE $DOCROOT
cat >$POOL <<CONF
[$SITE]
user = $SITE
group = $SITE
listen = $SOCK
listen.owner = www-data
listen.group = www-data
listen.mode = 0660
pm = ondemand
pm.max_children = 2
CONF
$LAB_PHP_FPM_TEST
$LAB_PHP_FPM_RELOAD
cat >$NGINX_SITE <<'CONF'
server {
    listen 127.0.0.1:$LAB_NGINX_HTTP_PORT;
    listen 127.0.0.1:$LAB_NGINX_HTTPS_PORT ssl;
    server_name $FQDN;
    root $DOCROOT;
    index index.php;
    location ~ \.php\$ {
        include snippets/fastcgi-php.conf;
        fastcgi_pass unix:$SOCK;
    }
}
CONF
$LAB_NGINX_TEST
$LAB_NGINX_RELOAD
cat >$APACHE_SITE <<'CONF'
<VirtualHost 127.0.0.1:$LAB_APACHE_HTTP_PORT>
    ServerName $FQDN
    DocumentRoot $DOCROOT
    <FilesMatch "\.php\$">
        SetHandler "proxy:unix:$SOCK|fcgi://localhost/"
    </FilesMatch>
</VirtualHost>
<VirtualHost 127.0.0.1:$LAB_APACHE_HTTPS_PORT>
    ServerName $FQDN
    DocumentRoot $DOCROOT
    SSLEngine on
    <FilesMatch "\.php\$">
        SetHandler "proxy:unix:$SOCK|fcgi://localhost/"
    </FilesMatch>
</VirtualHost>
CONF
$LAB_APACHE_TEST
$LAB_APACHE_RELOAD
EOF

# page URL: the page at URL (http or https://$FQDN:PORT/...), with $FQDN
# resolved to the lab and the lab's certificate trusted
page() {
    local port=${1#*://*:}
    port=${port%%/*}
    lab_get --cacert "$LAB_TLS_CERT" --resolve "$FQDN:$port:$LAB_HOST" "$1" 2>&1
}
page_is() { [[ $(page "$2") == "$1" ]]; } # WANT URL
WANT_PHP="php ok 8.2 $SITE"
for url in "http://$FQDN:$LAB_NGINX_HTTP_PORT/" "https://$FQDN:$LAB_NGINX_HTTPS_PORT/" \
    "http://$FQDN:$LAB_APACHE_HTTP_PORT/" "https://$FQDN:$LAB_APACHE_HTTPS_PORT/index.php"; do
    retry 10 page_is "$WANT_PHP" "$url" || fail "$url: got '$(page "$url")', expected '$WANT_PHP'"
done

# Taken away again: the names fall back to the default servers.
lab_cleanup
retry 10 page_is "$LAB_NGINX_DEFAULT_TEXT" "http://$FQDN:$LAB_NGINX_HTTP_PORT/" ||
    fail "nginx still serves $FQDN after its site was removed"
retry 10 page_is "$LAB_APACHE_DEFAULT_TEXT" "http://$FQDN:$LAB_APACHE_HTTP_PORT/" ||
    fail "apache still serves $FQDN after its site was removed"
expect_code 2 getent passwd "$SITE"

# --- MariaDB: a user made over the socket logs in over TCP ------------------------------
DB=$(lab_name d)
PASSWORD=pw-$SRANDOM-$SRANDOM
# sql STATEMENTS: runs them as MariaDB's root, over SSH as the tool would
sql() { lab_root "$LAB_MARIADB_CLIENT -N -B" <<<"$1"; }
on_cleanup "sql \"DROP DATABASE IF EXISTS $DB; DROP USER IF EXISTS '$DB'@'localhost'\" >/dev/null 2>&1"
expect_code 0 sql "CREATE DATABASE $DB; CREATE USER '$DB'@'localhost' IDENTIFIED BY '$PASSWORD';
GRANT ALL ON $DB.* TO '$DB'@'localhost'"
got=$(mariadb --no-defaults --protocol=TCP -h "$LAB_HOST" -P "$LAB_MARIADB_PORT" -u "$DB" -p"$PASSWORD" -N -B \
    -e 'SELECT CURRENT_USER(), DATABASE()' "$DB" 2>&1) || true
expect_eq "mariadb over tcp" "$got" "$DB@localhost	$DB"
expect_code 1 mariadb --no-defaults --protocol=TCP -h "$LAB_HOST" -P "$LAB_MARIADB_PORT" -u "$DB" -pwrong -e 'SELECT 1'
lab_cleanup
expect_eq "the database is gone" "$(sql "SHOW DATABASES LIKE '$DB'")" ""
expect_eq "the user is gone" "$(sql "SELECT user FROM mysql.user WHERE user = '$DB'")" ""

# --- DNS ------------------------------------------------------------------------
serial() { lab_dig SOA "$1" | awk '{print $3}'; }
for zone in "$LAB_DNS_STATIC_ZONE" "$LAB_DNS_DYNAMIC_ZONE"; do
    [[ $(serial "$zone") =~ ^20[0-9]{8}$ ]] || fail "no SOA with a YYYYMMDDnn serial for $zone: '$(lab_dig SOA "$zone")'"
done
expect_eq "ns1" "$(lab_dig A "ns1.$LAB_DNS_STATIC_ZONE")" "127.0.0.1"
# shellcheck disable=SC2086 # the command lines of lab.env are split into words
expect_code 0 $LAB_RNDC status
# No recursion: a name outside the lab's zones is refused.
expect_code 0 dig +time=2 +tries=1 @"$LAB_HOST" -p "$LAB_DNS_PORT" A example.org
expect_contains "$TMP/out" "status: REFUSED"

# The static zone: edit the file (with a serial bump), check it, rndc reload.
HOST=$(lab_name h)
# edit_zone SED-EXPR: on the server, applies SED-EXPR to the static zone
# file, adds one to its serial, checks it and reloads the zone, holding a
# lock on the zone directory (lab tests share the zone)
edit_zone() {
    local f=$LAB_DNS_STATIC_ZONE_FILE
    lab_sudo bash -s <<EOF
set -euo pipefail
exec 9<${f%/*}
flock 9
sed -e '$1' $f | awk '/; serial/ && !done { sub(/[0-9]+/, sprintf("%.0f", \$1 + 1)); done = 1 } { print }' >$f.new
mv $f.new $f
$LAB_DNS_STATIC_CHECK
$LAB_DNS_STATIC_RELOAD
EOF
}
before=$(serial "$LAB_DNS_STATIC_ZONE")
on_cleanup "edit_zone '/^$HOST /d' >/dev/null 2>&1"
edit_zone "\$a $HOST IN A 127.0.0.31" >"$TMP/edit.log" 2>&1 || fail "editing the static zone failed: $(cat "$TMP/edit.log")"
retry 10 test "$(lab_dig A "$HOST.$LAB_DNS_STATIC_ZONE")" == 127.0.0.31 ||
    fail "$HOST.$LAB_DNS_STATIC_ZONE does not resolve to 127.0.0.31 after rndc reload"
after=$(serial "$LAB_DNS_STATIC_ZONE")
((after > before)) || fail "the serial went from $before to $after"
lab_cleanup
retry 10 test -z "$(lab_dig A "$HOST.$LAB_DNS_STATIC_ZONE")" ||
    fail "$HOST.$LAB_DNS_STATIC_ZONE still resolves after its record was removed"

# The dynamic zone: nsupdate with the TSIG key.
DYN=$(lab_name y).$LAB_DNS_DYNAMIC_ZONE
nsupdate_lab() { # KEYFILE|- COMMANDS...
    local key=$1
    shift
    {
        echo "server $LAB_HOST $LAB_DNS_PORT"
        echo "zone $LAB_DNS_DYNAMIC_ZONE"
        printf '%s\n' "$@"
        echo send
    } | if [[ $key == - ]]; then nsupdate -t 5; else nsupdate -t 5 -k "$key"; fi
}
on_cleanup "nsupdate_lab $LAB_DNS_TSIG_KEY_FILE 'update delete $DYN A' >/dev/null 2>&1"
expect_code 0 nsupdate_lab "$LAB_DNS_TSIG_KEY_FILE" "update add $DYN 300 A 127.0.0.32"
expect_eq "$DYN after nsupdate" "$(lab_dig A "$DYN")" "127.0.0.32"
# Without the key: refused.
expect_code 2 nsupdate_lab - "update add x$DYN 300 A 127.0.0.33"
expect_contains "$TMP/err" "REFUSED"
lab_cleanup
expect_eq "$DYN after its deletion" "$(lab_dig A "$DYN")" ""

finish
