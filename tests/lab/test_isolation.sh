#!/usr/bin/env bash
# One agency's site cannot read another's: two PHP sites A and B on the
# lab's nginx and a static site C on its Apache, provisioned by request
# provision, then attacked the way an agency could (its PHP, its SFTP
# uploads, a .htaccess).  A's PHP gets neither B's config file nor
# /etc/passwd; a link uploaded into A or C to B's file is not served (a
# link to the agency's own file is); no dotfile is served; B's user cannot
# list A's directories; the directories have the designed owners and modes,
# a site of an older version is brought up to them on the next run, and a
# run after that changes nothing.
source "$(dirname "$0")/lib.sh" || exit 1

provision_store disdik

{
    echo "schema: 1"
    echo "servers:"
    lab_server lab nginx root
    lab_server labapache apache root
    echo "dns:"
    lab_static_zone
} >"$HOSTINGCTL_STORE/servers.yaml"
expect_code 0 hc -y server trust lab
expect_code 0 hc -y server trust labapache

NAME_A=$(lab_name isoa)
NAME_B=$(lab_name isob)
NAME_C=$(lab_name isoc)
ID_A=$(provision_request "$NAME_A" php "" dinkes)
ID_B=$(provision_request "$NAME_B" php "" disdik)
ID_C=$(provision_request "$NAME_C" static "" disdik)
A=$NAME_A.$LAB_DNS_STATIC_ZONE
B=$NAME_B.$LAB_DNS_STATIC_ZONE
C=$NAME_C.$LAB_DNS_STATIC_ZONE
UA=$(site_user "$ID_A")
UB=$(site_user "$ID_B")
UC=$(site_user "$ID_C")
RA=$LAB_WWW_DIR/$A
RB=$LAB_WWW_DIR/$B
RC=$LAB_WWW_DIR/$C
on_cleanup reload_lab
forget_site "$ID_A" "$A"
forget_site "$ID_B" "$B"
forget_site "$ID_C" "$C"

# get SITE PATH [nginx|apache]: the body in $TMP/body, prints the HTTP status
get() {
    local port=$LAB_NGINX_HTTP_PORT
    [[ ${3:-nginx} == nginx ]] || port=$LAB_APACHE_HTTP_PORT
    curl -s -o "$TMP/body" -w '%{http_code}' --max-time 10 --resolve "$1:$port:$LAB_HOST" "http://$1:$port/$2"
}
# as USER CMD...: runs CMD as the site user USER, as its PHP or an SFTP upload would
as() {
    local u=$1
    shift
    (cd / && umask 022 && runuser -u "$u" -- "$@")
}
# upload USER FILE DEST: DEST gets the content of FILE, written as USER
upload() { as "$1" sh -c 'cat >"$1"' sh "$3" <"$2"; }
# expect_modes DIR USER [php]: the designed owners and modes of a site's directories (and
# of its PHP log)
expect_modes() {
    expect_eq "$1" "$(stat -c '%U:%G %a' "$1")" "root:$2 751"
    expect_eq "$1/public_html" "$(stat -c '%U:%G %a' "$1/public_html")" "$2:www-data 2750"
    expect_eq "$1/logs" "$(stat -c '%U:%G %a' "$1/logs")" "root:$2 750"
    expect_eq "$1/tmp" "$(stat -c '%U:%G %a' "$1/tmp")" "$2:$2 700"
    [[ ${3:-} != php ]] || expect_eq "$1/logs/php-error.log" "$(stat -c '%U:%G %a' "$1/logs/php-error.log")" "$2:$2 640"
}

expect_code 0 hc request provision "$ID_A" --server lab
expect_code 0 hc request provision "$ID_B" --server lab
expect_code 0 hc request provision "$ID_C" --server labapache

# --- the layout ---------------------------------------------------------------
expect_modes "$RA" "$UA" php
expect_modes "$RB" "$UB" php
expect_modes "$RC" "$UC"
# The placeholder page is the agency's, readable by the web server's group.
expect_eq "A's index.html" "$(stat -c '%U:%G' "$RA/public_html/index.html")" "$UA:www-data"
for s in "$A nginx" "$B nginx" "$C apache"; do
    read -r site server <<<"$s"
    code=$(get "$site" "" "$server")
    [[ $code == 200 ]] && grep -qF "<h1>$site</h1>" "$TMP/body" ||
        fail "the placeholder page of $site on $server: HTTP $code $(head -c 300 "$TMP/body")"
done

# --- B's secret, uploaded by B ---------------------------------------------------
SECRET="db_password=$(lab_name pw)"
as "$UB" sh -c "printf '<?php // %s\n' '$SECRET' >'$RB/public_html/config.php'"
as "$UB" sh -c "printf 'seen:%s\n' '$SECRET' >'$RB/public_html/secret.txt'"
# B's site serves its own file (so the checks below can see a leak).
code=$(get "$B" secret.txt)
[[ $code == 200 ]] && grep -qF "$SECRET" "$TMP/body" || fail "B does not serve its own file: HTTP $code"

# --- A's PHP -------------------------------------------------------------------------
# A page that tries to read B's config file and /etc/passwd, and shows where
# PHP keeps its temporary files and sessions.
cat >"$TMP/read.php" <<PHP
<?php
session_start();
\$_SESSION['n'] = 1;
foreach (['b' => '$RB/public_html/config.php', 'passwd' => '/etc/passwd',
          'own' => __DIR__ . '/index.html'] as \$k => \$f) {
    \$d = @file_get_contents(\$f);
    echo \$k, ':', \$d === false ? 'denied' : (strpos(\$d, '$SECRET') !== false ? 'SECRET' : 'read'), "\n";
}
echo 'tmp:', sys_get_temp_dir(), "\n";
echo 'session:', session_save_path(), '/sess_', session_id(), "\n";
PHP
upload "$UA" "$TMP/read.php" "$RA/public_html/read.php"
code=$(get "$A" read.php)
[[ $code == 200 ]] || fail "A's read.php: HTTP $code $(head -c 300 "$TMP/body")"
expect_contains "$TMP/body" "b:denied"
expect_contains "$TMP/body" "passwd:denied"
expect_contains "$TMP/body" "own:read"
expect_contains "$TMP/body" "tmp:$RA/tmp"
grep -q "SECRET" "$TMP/body" && fail "A's PHP read B's config file: $(cat "$TMP/body")"
# The session was written in A's own tmp, as A.
sess=$(sed -n 's/^session://p' "$TMP/body")
[[ $sess == "$RA/tmp/sess_"* && $(stat -c %U "$sess" 2>&1) == "$UA" ]] ||
    fail "A's session is not A's in A's tmp: '$sess' $(stat -c %U "$sess" 2>&1)"
# The same page in B reads B's file: the page can tell.
upload "$UB" "$TMP/read.php" "$RB/public_html/read.php"
get "$B" read.php >/dev/null
expect_contains "$TMP/body" "b:SECRET"

# PHP's errors go to the site's own log, which the agency reads.
printf '<?php error_log("%s"); echo "logged";\n' "$SECRET" >"$TMP/log.php"
upload "$UA" "$TMP/log.php" "$RA/public_html/log.php"
get "$A" log.php >/dev/null
as "$UA" cat "$RA/logs/php-error.log" >"$TMP/phplog" 2>&1 || true
expect_contains "$TMP/phplog" "$SECRET"

# --- the users: each its own directories only --------------------------------------
as "$UA" cat "$RB/public_html/config.php" >/dev/null 2>&1 && fail "A's user reads B's config file"
as "$UB" ls "$RA/public_html" >/dev/null 2>&1 && fail "B's user lists A's public_html"
as "$UB" ls "$RA" >/dev/null 2>&1 && fail "B's user lists A's site directory"
as "$UB" ls "$RA/logs" >/dev/null 2>&1 && fail "B's user lists A's logs"
as "$UB" ls "$RA/tmp" >/dev/null 2>&1 && fail "B's user lists A's tmp"
# A lists its home (its SFTP chroot) and reads its own logs.
[[ $(as "$UA" ls "$RA" 2>&1 | tr '\n' ' ') == "logs public_html tmp " ]] ||
    fail "A's user does not list its own site directory: $(as "$UA" ls "$RA" 2>&1)"
as "$UA" cat "$RA/logs/access.log" >/dev/null || fail "A's user cannot read its own access log"
as "$UA" touch "$RA/logs/planted" 2>/dev/null && fail "A's user writes in its logs directory"
as "$UA" touch "$RA/planted" 2>/dev/null && fail "A's user writes in its site directory"

# --- links uploaded into A (nginx) ---------------------------------------------------------
as "$UA" ln -s "$RB/public_html/secret.txt" "$RA/public_html/steal.txt"
as "$UA" ln -s "$RB/public_html" "$RA/public_html/bdir"
as "$UA" ln -s /etc/passwd "$RA/public_html/passwd.txt"
as "$UA" sh -c "echo own-file >'$RA/public_html/mine.txt'"
as "$UA" ln -s "$RA/public_html/mine.txt" "$RA/public_html/mylink.txt"
for p in steal.txt bdir/secret.txt passwd.txt; do
    code=$(get "$A" "$p")
    [[ $code == 403 || $code == 404 ]] || fail "nginx answered $p in A with HTTP $code"
    grep -qE "$SECRET|root:" "$TMP/body" && fail "nginx served $p in A: $(head -c 200 "$TMP/body")"
done
code=$(get "$A" mylink.txt)
[[ $code == 200 ]] && grep -qx own-file "$TMP/body" || fail "a link to A's own file is not served: HTTP $code"

# --- dotfiles (nginx) ---------------------------------------------------------------------
as "$UA" mkdir -p "$RA/public_html/.git" "$RA/public_html/.well-known/acme-challenge"
as "$UA" sh -c "echo '[core]' >'$RA/public_html/.git/config'; echo 'DB_PASSWORD=x' >'$RA/public_html/.env'"
as "$UA" sh -c "echo token-a >'$RA/public_html/.well-known/acme-challenge/t'"
for p in .git/config .env; do
    code=$(get "$A" "$p")
    [[ $code == 403 || $code == 404 ]] || fail "nginx answered $p in A with HTTP $code"
done
code=$(get "$A" .well-known/acme-challenge/t)
[[ $code == 200 ]] && grep -qx token-a "$TMP/body" || fail "nginx does not serve .well-known: HTTP $code"

# --- the Apache site C ------------------------------------------------------------------------
as "$UC" ln -s "$RB/public_html/secret.txt" "$RC/public_html/steal.txt"
as "$UC" sh -c "echo own-file >'$RC/public_html/mine.txt'"
as "$UC" ln -s "$RC/public_html/mine.txt" "$RC/public_html/mylink.txt"
code=$(get "$C" steal.txt apache)
[[ $code == 403 || $code == 404 ]] || fail "Apache answered C's link to B's file with HTTP $code"
grep -qF "$SECRET" "$TMP/body" && fail "Apache served B's file through C's link"
code=$(get "$C" mylink.txt apache)
[[ $code == 200 ]] && grep -qx own-file "$TMP/body" || fail "a link to C's own file is not served: HTTP $code"
# A .htaccess that asks for FollowSymLinks (and would allow CGI) is ignored
# with a warning: the site still answers, and the link is still refused.
warned=$(grep -c "Options in .htaccess forbidden by AllowOverride" "$LAB_APACHE_ERROR_LOG" || true)
echo 'Options +FollowSymLinks +ExecCGI' >"$TMP/htaccess"
upload "$UC" "$TMP/htaccess" "$RC/public_html/.htaccess"
code=$(get "$C" "" apache)
[[ $code == 200 ]] && grep -qF "<h1>$C</h1>" "$TMP/body" || fail "C with a .htaccess asking for FollowSymLinks: HTTP $code"
code=$(get "$C" steal.txt apache)
[[ $code == 403 || $code == 404 ]] || fail "with Options +FollowSymLinks in .htaccess, Apache answered C's link with HTTP $code"
grep -qF "$SECRET" "$TMP/body" && fail "a .htaccess made Apache serve B's file through C's link"
(($(grep -c "Options in .htaccess forbidden by AllowOverride" "$LAB_APACHE_ERROR_LOG") > warned)) ||
    fail "Apache did not warn about the ignored Options line"
# A .htaccess may still rewrite (FileInfo).
printf '%s\n' 'RewriteEngine On' 'RewriteRule ^old\.txt$ mine.txt [L]' >"$TMP/htaccess"
upload "$UC" "$TMP/htaccess" "$RC/public_html/.htaccess"
code=$(get "$C" old.txt apache)
[[ $code == 200 ]] && grep -qx own-file "$TMP/body" || fail "a RewriteRule in C's .htaccess does not work: HTTP $code"
# Dotfiles: none served, .well-known is.
as "$UC" mkdir -p "$RC/public_html/.git" "$RC/public_html/.well-known/acme-challenge"
as "$UC" sh -c "echo '[core]' >'$RC/public_html/.git/config'; echo token-c >'$RC/public_html/.well-known/acme-challenge/t'"
for p in .htaccess .git/config; do
    code=$(get "$C" "$p" apache)
    [[ $code == 403 || $code == 404 ]] || fail "Apache answered $p in C with HTTP $code"
done
code=$(get "$C" .well-known/acme-challenge/t apache)
[[ $code == 200 ]] && grep -qx token-c "$TMP/body" || fail "Apache does not serve .well-known: HTTP $code"

# --- runs again -------------------------------------------------------------------------------
expect_code 0 hc request provision "$ID_A" --server lab
expect_contains "$TMP/out" "nothing changed"
expect_code 0 hc request provision "$ID_C" --server labapache
expect_contains "$TMP/out" "nothing changed"

# A site as an older version left it (everything 0755, public_html the
# agency's group, no tmp) is brought up to date by the next run, and says so.
chown root:root "$RA" "$RA/logs" && chmod 0755 "$RA" "$RA/logs"
chown "$UA:$UA" "$RA/public_html" && chmod 00755 "$RA/public_html"
rm -rf "${RA:?}/tmp" "$RA/logs/php-error.log"
expect_code 0 hc --json request provision "$ID_A" --server lab
jq -e '.ok and .changed' "$TMP/out" >/dev/null || fail "the run on A's old layout: $(cat "$TMP/out" "$TMP/err")"
detail=$(jq -r '.actions[] | select(.action | startswith("directories")) | .outcome + ": " + .detail' "$TMP/out")
[[ $detail == "done: brought up to date: $RA root:root 755 -> root:$UA 751, public_html $UA:$UA 755 -> $UA:www-data 2750, logs root:root 755 -> root:$UA 750, tmp made, logs/php-error.log made" ]] ||
    fail "the directories action on A's old layout: $detail"
expect_modes "$RA" "$UA" php
as "$UB" ls "$RA/public_html" >/dev/null 2>&1 && fail "B's user lists A's public_html after the update"
code=$(get "$A" read.php)
[[ $code == 200 ]] && grep -q "b:denied" "$TMP/body" && grep -q "own:read" "$TMP/body" ||
    fail "A's PHP after the update: HTTP $code $(head -c 300 "$TMP/body")"
expect_code 0 hc request provision "$ID_A" --server lab
expect_contains "$TMP/out" "nothing changed"

finish
