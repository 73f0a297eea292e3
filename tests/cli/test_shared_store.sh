#!/usr/bin/env bash
# A store shared by a group of officers (PRODUCT §3): a rewrite keeps the
# mode and group of the file it replaces, and `init --group` sets up a store
# whose directories and files stay usable by the group whoever writes.
source "$(dirname "$0")/lib.sh"

# A group to share with other than our own: as root any group, else one of
# our supplementary groups.
G=
if [[ $(id -u) == 0 ]]; then
    for g in users staff adm daemon; do
        if getent group "$g" >/dev/null; then G=$g; break; fi
    done
else
    for g in $(id -Gn); do
        if [[ $g != "$(id -gn)" ]]; then G=$g; break; fi
    done
fi
if [[ -z $G ]]; then
    echo "skip: no group to share a store with (run as root, or as a member of a second group)"
    exit 0
fi

# perms PATH: "MODE GROUP" as stat prints them, e.g. "2770 users"
perms() { stat -c '%a %G' "$1"; }

# --- a rewrite keeps mode, group (and, for root, owner) ----------------------
office_store
chgrp "$G" "$STORE/staff.yaml"
chmod 0640 "$STORE/staff.yaml"
hc staff add sari --name "Sari Lestari" --role admin >/dev/null
[[ $(perms "$STORE/staff.yaml") == "640 $G" ]] ||
    fail "staff add turned a 0640 staff.yaml of group $G into $(perms "$STORE/staff.yaml")"
ID=$(hc --json request new --agency dinkes --letter-number 400.7/1/2026 --letter-date 2020-01-02 \
    --subject "Permohonan hosting" --domain simpus | jq -er .id)
REQ=$STORE/requests/${ID:4:4}/$ID.yaml
chmod 0600 "$REQ"
hc request note "$ID" "catatan" >/dev/null
[[ $(stat -c %a "$REQ") == 600 ]] || fail "request note turned a 0600 request file into $(stat -c %a "$REQ")"
if [[ $(id -u) == 0 ]] && id daemon >/dev/null 2>&1; then
    chown daemon:"$G" "$REQ"
    hc request note "$ID" "catatan lagi" >/dev/null
    [[ $(stat -c '%U %G' "$REQ") == "daemon $G" ]] ||
        fail "a rewrite by root took over the file: $(stat -c '%U %G' "$REQ")"
fi
# A new file in a plain store is as before.
[[ $(stat -c %a "$STORE/agencies.yaml") == 644 ]] || fail "agencies.yaml is $(stat -c %a "$STORE/agencies.yaml")"

# --- init --group: an unknown group is refused and nothing is created -----
expect_code 4 hc init --group "no-such-group-$$" "$TMP/nogroup"
expect_contains "$TMP/err" "no-such-group-$$"
expect_contains "$TMP/err" "hint:"
[[ ! -e $TMP/nogroup ]] || fail "init --group with an unknown group created $TMP/nogroup"
mkdir "$TMP/empty"
expect_code 4 hc init --group "" "$TMP/empty"
expect_code 4 hc init --group "no-such-group-$$" "$TMP/empty"
[[ -z $(ls -A "$TMP/empty") && $(stat -c %a "$TMP/empty") == 755 ]] ||
    fail "init --group with an unknown group changed $TMP/empty"

# --- init --group: setgid directories and group files ---------------------
# check_tree DIR DIRMODE FILEMODE: below DIR, every directory has DIRMODE,
# every file is readable and writable by the group and has no permission
# FILEMODE lacks (an attachment is 660 where other files are 664), and all
# belong to group G
check_tree() {
    local bad
    bad=$(find "$1" -type d ! -perm "$2" -printf '%p %m %g\n'
        find "$1" ! -group "$G" -printf '%p %m %g\n'
        find "$1" -type f \( ! -perm -060 -o -perm /"$(printf %o $((0777 & ~0$3)))" \) \
            -printf '%p %m %g\n')
    [[ -z $bad ]] || fail "in $1, not $2/$3 $G: $(head -c 600 <<<"$bad")"
}
(umask 002 && hc init --group "$G" "$TMP/open") >/dev/null || fail "init --group $G failed"
check_tree "$TMP/open" 2775 664
[[ $(perms "$TMP/open") == "2775 $G" && $(perms "$TMP/open/requests") == "2775 $G" &&
    $(perms "$TMP/open/hostingctl.yaml") == "664 $G" ]] ||
    fail "init --group $G under umask 002: $(perms "$TMP/open") $(perms "$TMP/open/hostingctl.yaml")"

out=$( (umask 077 && hc --json init --group "$G" "$TMP/closed")) || fail "init --group $G (umask 077) failed"
[[ $(jq -r .group <<<"$out") == "$G" ]] || fail "init --json does not name the group: $out"
check_tree "$TMP/closed" 2770 660
[[ $(perms "$TMP/closed") == "2770 $G" && $(perms "$TMP/closed/.cache") == "2770 $G" &&
    $(perms "$TMP/closed/staff.yaml") == "660 $G" ]] ||
    fail "init --group $G under umask 077: $(perms "$TMP/closed") $(perms "$TMP/closed/staff.yaml")"

# --- working in a shared store under an officer's own umask ----------------
# What any command creates (year folders, request and complaint files,
# attachments, the index cache, the lock) stays the group's.
work() {
    local s=$1
    hc --store "$s" staff add budi --name "Budi" --role petugas_teknis --role admin --unix-user "$(id -un)" >/dev/null &&
        hc --store "$s" staff add kadis --name "Kepala Dinas" --role kepala_dinas >/dev/null &&
        hc --store "$s" agency add dinkes --name "Dinas Kesehatan" >/dev/null &&
        hc --store "$s" request new --agency dinkes --letter-number 400.7/2/2026 --letter-date 2020-01-02 \
            --subject "Permohonan" --domain app2 --attach "$TMP/scan.pdf" >/dev/null &&
        hc --store "$s" complaint new --channel phone --from "Warga" --text "Lambat" >/dev/null &&
        hc --store "$s" request list >/dev/null
}
head -c 2000 /dev/urandom >"$TMP/scan.pdf"
(umask 022 && work "$TMP/closed") || fail "commands in the shared store (umask 022) failed"
check_tree "$TMP/closed" 2770 660
[[ -n $(find "$TMP/closed/documents" -type f) && -f $TMP/closed/.lock &&
    -f $TMP/closed/.cache/requests.idx ]] || fail "the shared store lacks an attachment, .lock or the index"
(umask 077 && work "$TMP/open") || fail "commands in the shared store (umask 077) failed"
check_tree "$TMP/open" 2775 664
# An attachment stays private to the group even where others may read.
[[ -z $(find "$TMP/open/documents" -type f -perm /o=rwx) ]] ||
    fail "others may read an attachment: $(find "$TMP/open/documents" -type f -printf '%p %m\n')"

finish
