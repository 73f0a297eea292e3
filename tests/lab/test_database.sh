#!/usr/bin/env bash
# request provision of a request that asks for a database (issue 8) onto the
# lab: a PHP site on nginx gets a MariaDB database and user, marked as
# hostingctl's; the site's PHP connects with the credentials shown once
# (mysqli and PDO, host "localhost": the socket); a second run changes
# nothing and keeps the password; --dry-run leaves MariaDB as it was; a run
# that fails after the database was made drops it and its user again; a
# database someone else made is left alone; a server without a database is
# refused before anything runs; and the passwords are kept (0600) only
# until the access document of the delivery takes them, then only in it.
source "$(dirname "$0")/lib.sh"

provision_store
IP=$LAB_PUBLIC_IP

# The sites' users, and so their databases, start with the lab's prefix and
# this test's own letter (SITE_PREFIX, see lib.sh).
# The inventory: the lab's nginx and PHP-FPM with the lab's MariaDB (its
# root over the lab's socket); the same without a database; and one whose
# reload does nothing, so the final check fails after the database was made.
DB_FIELDS=(database=mariadb "database_client=\"$LAB_MARIADB_CLIENT\"")
{
    echo "schema: 1"
    echo "servers:"
    lab_server lab nginx root "${DB_FIELDS[@]}"
    lab_server nodb nginx root
    lab_server noreload nginx root "web_reload=[/bin/true]" "${DB_FIELDS[@]}"
    echo "dns:"
    lab_static_zone
} >"$HOSTINGCTL_STORE/servers.yaml"
expect_code 0 hc server list
for s in lab nodb noreload; do expect_code 0 hc -y server trust "$s"; done

# request NAME APP: a verified request for NAME.<zone> with a database
request() {
    local id
    id=$(hc --json request new --agency dinkes --letter-number "400.7/$1/2026" --letter-date 2026-11-02 \
        --subject "Permohonan hosting $1" --domain "$1" --app "$2" --database yes | jq -er .id) ||
        { fail "request new $1"; return; }
    hc request dispose "$id" --by kadis >/dev/null
    hc request assign "$id" --by kabid --officer budi >/dev/null
    hc request verify "$id" --complete >/dev/null
    echo "$id"
}
# sql STATEMENTS: runs them as MariaDB's root, over SSH as the tool does
# (the statements on standard input)
sql() { lab_root "$LAB_MARIADB_CLIENT -N -B" <<<"$1"; }
# what MariaDB holds: its databases and its accounts
mariadb_state() { sql "SHOW DATABASES; SELECT user, host FROM mysql.user ORDER BY user, host"; }
# drop_site_user USER: removes USER once no process of it is left
drop_site_user() { ! id -u "$1" >/dev/null 2>&1 || userdel "$1" 2>/dev/null; }
# forget ID FQDN: at the end, everything a request of this test may have
# left (run last first: its files, the reloads that stop its PHP-FPM pool,
# then its user, its database)
forget() {
    local fqdn=$2 u=${SITE_PREFIX}${1,,}
    local db=${u//-/_}
    on_cleanup "sql \"DROP DATABASE IF EXISTS \\\`$db\\\`; DROP USER IF EXISTS '$db'@'localhost'\" >/dev/null 2>&1"
    on_cleanup "retry 20 drop_site_user $u || echo 'could not remove $u' >&2"
    on_cleanup "$LAB_NGINX_RELOAD; $LAB_PHP_FPM_RELOAD; $LAB_DNS_STATIC_RELOAD >/dev/null"
    on_cleanup "rm -rf '$LAB_WWW_DIR/$fqdn' '$LAB_NGINX_SITES_DIR/$fqdn.conf' '$LAB_PHP_FPM_POOL_DIR/$fqdn.conf'"
    on_cleanup "sed -i '/^$fqdn\\./d' '$LAB_DNS_STATIC_ZONE_FILE'"
}

# --- server check: the admin login answers, MariaDB 10.5 or later -----------------
expect_code 0 hc --json server check lab
jq -e '.checks[] | select(.what == "mariadb admin login") | .ok' "$TMP/out" >/dev/null ||
    fail "server check lab has no passing 'mariadb admin login': $(cat "$TMP/out")"

NAME=$(lab_name db)
ID=$(request "$NAME" php)
FQDN=$NAME.$LAB_DNS_STATIC_ZONE
forget "$ID" "$FQDN"
USER_=${SITE_PREFIX}${ID,,}
DB=${USER_//-/_}

# --- a server without a database: refused before anything runs --------------------
before=$(mariadb_state)
logins=$(lab_logins)
expect_code 5 hc request provision "$ID" --server nodb
expect_contains "$TMP/err" "server nodb has no database"
expect_contains "$TMP/err" "hostingctl server edit nodb --database mariadb"
[[ $(lab_logins) == "$logins" ]] ||
    fail "a plan refused for want of a database logged in"
id -u "$USER_" >/dev/null 2>&1 && fail "the site user was made for a refused plan"

# --- dry run: the action is shown, MariaDB stays byte for byte ------------------------
expect_code 0 hc request provision "$ID" --server lab --dry-run
expect_contains "$TMP/out" "database $DB"
expect_contains "$TMP/out" "Dry run: nothing was changed."
expect_code 0 hc --json request provision "$ID" --server lab --dry-run
jq -e --arg db "$DB" '.dry_run and (.actions[] | select(.action == "database " + $db) | .outcome == "to do")
    and .database.name == $db and .database.user == $db and .database.host == "localhost"
    and (has("database_password") | not)' "$TMP/out" >/dev/null ||
    fail "the dry run's JSON: $(cat "$TMP/out")"
[[ $(mariadb_state) == "$before" ]] || fail "--dry-run changed MariaDB: $(diff <(echo "$before") <(mariadb_state))"

# --- the site and its database --------------------------------------------------------
expect_code 0 hc --json request provision "$ID" --server lab
cp "$TMP/out" "$TMP/first.json"
jq -e --arg db "$DB" '.ok and .changed and .database == {name: $db, user: $db, host: "localhost"}
    and (.database_password | test("^[A-Za-z0-9]{20}$"))
    and (.actions[] | select(.action == "database " + $db) | .outcome == "done")' "$TMP/first.json" >/dev/null ||
    fail "provision $ID: $(cat "$TMP/first.json" "$TMP/err")"
expect_code 0 hc request show "$ID"
expect_contains "$TMP/out" "database $DB, user $DB@localhost"
PW=$(jq -r .database_password "$TMP/first.json")
HOST=$(jq -r .database.host "$TMP/first.json")
expect_eq "the database's mark" \
    "$(sql "SELECT SCHEMA_COMMENT, DEFAULT_CHARACTER_SET_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = '$DB'")" \
    "hostingctl $ID	utf8mb4"
expect_eq "the MariaDB user" "$(sql "SELECT CONCAT(user, '@', host) FROM mysql.user WHERE user = '$DB'")" "$DB@localhost"
# The grant names this database only ('_' is no wildcard in it).
lab_root "$LAB_MARIADB_CLIENT -N -B --raw" <<<"SHOW GRANTS FOR '$DB'@'localhost'" >"$TMP/grants"
expect_contains "$TMP/grants" "GRANT ALL PRIVILEGES ON \`${DB//_/\\_}\`.* TO \`$DB\`@\`localhost\`"

# A page the agency would write: mysqli and PDO with the credentials shown,
# host "localhost" (the server's socket), through the site's PHP-FPM pool.
PAGE=$LAB_WWW_DIR/$FQDN/public_html/db.php
cat >"$PAGE" <<PHP
<?php
mysqli_report(MYSQLI_REPORT_ERROR | MYSQLI_REPORT_STRICT);
try {
    \$db = new mysqli('$HOST', '$DB', '$PW', '$DB');
    \$db->query('CREATE TABLE IF NOT EXISTS visits (n INT)');
    \$db->query('INSERT INTO visits VALUES (1)');
    \$row = \$db->query('SELECT CURRENT_USER(), DATABASE(), COUNT(*) FROM visits')->fetch_row();
    \$pdo = new PDO('mysql:host=$HOST;dbname=$DB', '$DB', '$PW');
    echo 'mysqli:', implode(' ', \$row), ' pdo:', \$pdo->query('SELECT COUNT(*) FROM visits')->fetchColumn();
} catch (Throwable \$e) {
    echo 'error: ', \$e->getMessage();
}
PHP
chown "$USER_:$USER_" "$PAGE"
# page: the page in $got, once PHP answers it (the reloads are asynchronous)
got=
page() {
    got=$(curl -s --max-time 10 --resolve "$FQDN:$LAB_NGINX_HTTP_PORT:$LAB_HOST" "http://$FQDN:$LAB_NGINX_HTTP_PORT/db.php")
    [[ $got == mysqli:* || $got == error:* ]]
}
retry 15 page
expect_eq "the site's PHP in its database" "$got" "mysqli:$DB@localhost $DB 1 pdo:1"

# --- a second run: nothing changes, the password stays --------------------------------
before=$(mariadb_state)
expect_code 0 hc --json request provision "$ID" --server lab
jq -e --arg db "$DB" '.ok and (.changed | not) and (has("database_password") | not)
    and (.actions[] | select(.action == "database " + $db) | .outcome == "already done")' "$TMP/out" >/dev/null ||
    fail "the second run: $(cat "$TMP/out")"
expect_code 0 hc request provision "$ID" --server lab
expect_contains "$TMP/out" "nothing changed"
expect_contains "$TMP/out" "Database $DB user $DB host localhost (made before"
grep -qF "$PW" "$TMP/out" && fail "the second run showed the password"
[[ $(mariadb_state) == "$before" ]] || fail "a second run changed MariaDB"
retry 15 page
expect_eq "the page after a second run" "$got" "mysqli:$DB@localhost $DB 2 pdo:2"

# The event keeps the database's name, user and host, never its password.
hc --json request log "$ID" >"$TMP/log.json"
jq -e --arg db "$DB" '[.[] | select(.action == "provision_result") | .data.database]
    == [{name: $db, user: $db, host: "localhost"}, {name: $db, user: $db, host: "localhost"},
        {name: $db, user: $db, host: "localhost"}]' "$TMP/log.json" >/dev/null ||
    fail "provision_result events: $(jq -c '[.[] | select(.action == "provision_result") | .data]' "$TMP/log.json")"

# --- a run that fails after the database was made: both are dropped again -------------
NAME2=$(lab_name dbfail)
ID2=$(request "$NAME2" static)
FQDN2=$NAME2.$LAB_DNS_STATIC_ZONE
forget "$ID2" "$FQDN2"
DB2=${SITE_PREFIX}${ID2,,}
DB2=${DB2//-/_}
before=$(mariadb_state)
expect_code 9 hc --json request provision "$ID2" --server noreload
jq -e --arg db "$DB2" '(.ok | not) and (.actions[] | select(.action == "database " + $db) | .outcome == "undone")
    and (has("database_password") | not)' "$TMP/out" >/dev/null ||
    fail "the failed run: $(cat "$TMP/out" "$TMP/err")"
[[ $(mariadb_state) == "$before" ]] ||
    fail "a failed run left MariaDB changed: $(diff <(echo "$before") <(mariadb_state))"
expect_eq "the failed run's database" "$(sql "SHOW DATABASES LIKE '$DB2'")" ""
id -u "${SITE_PREFIX}${ID2,,}" >/dev/null 2>&1 && fail "the site user of a failed run is still there"

# --- a database someone else made is left as it is ----------------------------------
NAME3=$(lab_name dbown)
ID3=$(request "$NAME3" php)
FQDN3=$NAME3.$LAB_DNS_STATIC_ZONE
forget "$ID3" "$FQDN3"
DB3=${SITE_PREFIX}${ID3,,}
DB3=${DB3//-/_}
sql "CREATE DATABASE \`$DB3\`; CREATE TABLE \`$DB3\`.keep (n INT)"
expect_code 5 hc request provision "$ID3" --server lab
expect_contains "$TMP/err" "database $DB3 on lab is there already and was not made by hostingctl for this request"
expect_eq "the other database" "$(sql "SHOW TABLES FROM \`$DB3\`")" "keep"
id -u "${SITE_PREFIX}${ID3,,}" >/dev/null 2>&1 && fail "the site user was made although the plan stopped"
# ...and so is a MariaDB user of that name without our database.
on_cleanup "sql \"DROP USER IF EXISTS '$DB3'@'%'\" >/dev/null 2>&1"
sql "DROP DATABASE \`$DB3\`; CREATE USER '$DB3'@'%' IDENTIFIED BY 'x'"
expect_code 5 hc request provision "$ID3" --server lab
expect_contains "$TMP/err" "MariaDB user $DB3 on lab is there already"
expect_eq "the other user" "$(sql "SELECT host FROM mysql.user WHERE user = '$DB3'")" "%"

# --- the passwords: kept for the access document, then only in it ------------------
# Until the delivery they wait in one file of mode 0600 ...
SFTP_PW=$(jq -r .sftp_password "$TMP/first.json")
KEPT=$HOSTINGCTL_STORE/documents/$ID/issued/.passwords
[[ $(stat -c %a "$KEPT" 2>/dev/null) == 600 ]] || fail "the kept passwords are not in a 0600 file"
grep -rlF -- "$PW" "$HOSTINGCTL_STORE" >"$TMP/found" || true
[[ $(cat "$TMP/found") == "$KEPT" ]] || fail "before delivery the password is in: $(cat "$TMP/found")"
# ... which the access document of the delivery takes.
for step in submit "forward --by kabid" "approve --by kadis" "deliver --via letter"; do
    # shellcheck disable=SC2086
    expect_code 0 hc request $step "$ID"
done
ACCESS=$HOSTINGCTL_STORE/documents/$ID/issued/access
[[ -e $KEPT ]] && fail "the kept passwords outlived the access document"
for f in "$ACCESS.html" "$ACCESS.pdf"; do
    [[ $(stat -c %a "$f" 2>/dev/null) == 600 ]] || fail "$f is not mode 0600"
done
for pw in "$PW" "$SFTP_PW"; do
    grep -qF -- "$pw" "$ACCESS.html" || fail "the access document lacks a password"
    pdftotext "$ACCESS.pdf" - | grep -qF -- "$pw" || fail "the access PDF lacks a password"
    grep -rlF -- "$pw" "$HOSTINGCTL_STORE" >"$TMP/found" || true
    [[ $(cat "$TMP/found") == "$ACCESS.html" ]] ||
        fail "a password is in other files of the store: $(cat "$TMP/found")"
    hc --json request log "$ID" | grep -qF -- "$pw" && fail "a password is in the event log"
done
grep -qF -- "$PW" "$LAB_MARIADB_ERROR_LOG" && fail "the database password is in MariaDB's log"
# Made again, the access document has no passwords, and does not replace the first.
expect_code 6 hc doc render "$ID" access
expect_contains "$TMP/err" "holds the passwords handed over"
expect_code 0 hc doc render "$ID" access --out "$TMP/copy.html"
grep -qF -- "$PW" "$TMP/copy.html" && fail "a copy of the access document shows the password"
expect_contains "$TMP/copy.html" "disampaikan terpisah"
grep -qF -- "$PW" "$ACCESS.html" || fail "rendering again changed the first access document"

finish
