#!/usr/bin/env bash
# A record this login may not read is not "damaged": the file may be fine.
# Listings say "for want of permission" and exit 1 (not 7, whose hint is to
# repair or restore the file), store check calls it *unreadable*, and a
# damaged file next to it still makes the answer exit 7.  The reader must
# not be root (root reads every file): as root the commands run as nobody.
source "$(dirname "$0")/lib.sh"

as_reader=()
if [[ $(id -u) == 0 ]]; then
    if ! id nobody >/dev/null 2>&1 || ! command -v runuser >/dev/null; then
        echo "skip: running as root without a 'nobody' user or runuser"
        exit 0
    fi
    as_reader=(runuser -u nobody --)
    if ! "${as_reader[@]}" test -x "$HOSTINGCTL"; then
        echo "skip: nobody cannot run $HOSTINGCTL"
        exit 0
    fi
    chmod 0755 "$TMP"
fi
# reader CMD...: hostingctl run by a login that cannot read 0000 files
reader() { "${as_reader[@]}" env HOSTINGCTL_STORE="$STORE" NO_COLOR=1 "$HOSTINGCTL" "$@"; }

office_store
new() {
    hc --json request new --agency dinkes --letter-number "400.7/$1/2026" --letter-date 2020-01-02 \
        --subject "Permohonan $1" --domain "$1" | jq -er .id
}
A=$(new simpus)
B=$(new eoffice)
C=$(new sipd)
FA=$(ls "$STORE"/requests/*/"$A".yaml)
FC=$(ls "$STORE"/requests/*/"$C".yaml)
chmod -R a+rX "$STORE"
expect_code 0 reader request list
expect_contains "$TMP/out" "$B"

# --- a request file the login may not read --------------------------------------
chmod 0000 "$FA"
expect_code 1 reader request list
expect_contains "$TMP/out" "$B"
expect_contains "$TMP/err" "$FA"
expect_contains "$TMP/err" "Permission denied"
expect_contains "$TMP/err" "could not be read for want of permission"
expect_contains "$TMP/err" "read access"
grep -q "restore" "$TMP/err" && fail "a permission problem was called damage: $(cat "$TMP/err")"
expect_code 1 reader report sla
expect_contains "$TMP/err" "for want of permission"
expect_code 1 reader request show "$A"
expect_contains "$TMP/err" "Permission denied"
expect_code 7 reader store check
grep -qE "unreadable +requests/[0-9]+/$A\.yaml +.*Permission denied" "$TMP/out" ||
    fail "store check did not call the file unreadable: $(cat "$TMP/out")"
grep -qE "^damaged" "$TMP/out" && fail "store check called an unreadable file damaged: $(cat "$TMP/out")"
expect_contains "$TMP/err" "read access"

# --- a folder of requests the login may not read --------------------------------
chmod 0644 "$FA"
YDIR=$(dirname "$FA")
chmod 0700 "$YDIR"
expect_code 1 reader request list
expect_contains "$TMP/err" "$YDIR: cannot be read: Permission denied"
expect_code 7 reader store check
grep -qE "unreadable +requests/[0-9]+ " "$TMP/out" ||
    fail "store check did not call the folder unreadable: $(cat "$TMP/out")"
chmod 0755 "$YDIR"

# --- damage next to it: the damage decides (exit 7) ------------------------------
chmod 0000 "$FA"
sed -i 's/^agency: .*/agency: [dinkes/' "$FC"
expect_code 7 reader request list
expect_contains "$TMP/err" "2 request file(s) could not be read"
expect_code 7 reader store check
grep -qE "^damaged +requests/[0-9]+/$C\.yaml:" "$TMP/out" || fail "damaged file not listed: $(cat "$TMP/out")"
grep -qE "^unreadable +requests/[0-9]+/$A\.yaml" "$TMP/out" || fail "unreadable file not listed: $(cat "$TMP/out")"

finish
