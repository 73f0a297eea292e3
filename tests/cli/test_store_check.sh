#!/usr/bin/env bash
# `hostingctl store check [--repair]`: every kind of problem is listed with
# its file (and line, when there is one), on a terminal and in --json; the
# exit code is 0 only for a clean store; --repair moves leftover document
# folders to .trash/<date>/ and rebuilds a stale cache, says what it did,
# and never touches a record file.
source "$(dirname "$0")/lib.sh"

office_store
new() { # LABEL [options]: prints the new id
    hc --json request new --agency dinkes --letter-number "400.7/$1/2026" --letter-date 2020-01-02 \
        --subject "Permohonan $1" --domain "$1" "${@:2}" | jq -er .id
}
file_of() { ls "$STORE"/requests/*/"$1".yaml; }
records_sum() { find "$STORE/requests" -type f -name '*.yaml' -exec sha256sum {} + | sort; }
today=$(TZ=Asia/Jakarta date +%F)

# --- clean --------------------------------------------------------------------
expect_code 0 hc store check
expect_contains "$TMP/out" "clean"
echo scan >"$TMP/scan.pdf"
A=$(new simpus --attach "$TMP/scan.pdf")
B=$(new eoffice)
C=$(new sipd)
expect_code 0 hc --json store check
jq -e '.clean == true and .problems == [] and .repaired == [] and .checked.requests == 3' \
    "$TMP/out" >/dev/null || fail "--json store check of a clean store: $(cat "$TMP/out")"
expect_code 0 hc -q store check
[[ ! -s $TMP/out ]] || fail "-q store check of a clean store printed: $(cat "$TMP/out")"

# --- each kind of problem -----------------------------------------------------
# duplicate_domain: a fourth request edited by hand to hold B's domain
D=$(new simbada)
sed -i 's/domain: simbada\./domain: eoffice./' "$(file_of "$D")"
# event_order: a note dated (by hand) before the letter arrived
hc request note "$B" "catatan" >/dev/null
FB=$(file_of "$B")
cp "$FB" "$TMP/b.good"
tac "$TMP/b.good" | sed '0,/^    at: .*/s//    at: 2020-01-01T08:00:00+07:00/' | tac >"$FB"
grep -q '2020-01-01T08:00:00+07:00' "$FB" || fail "could not back-date the note"

# damaged: invalid YAML (with a line) and a newer schema
FA=$(file_of "$A")
FC=$(file_of "$C")
cp "$FA" "$TMP/a.good"
cp "$FC" "$TMP/c.good"
sed -i 's/^agency: .*/agency: [dinkes/' "$FA"
sed -i 's/^schema: .*/schema: 99/' "$FC"
# orphan_documents: a folder under a number no request holds
mkdir -p "$STORE/documents/HST-2026-0099/letter"
echo "left by a killed run" >"$STORE/documents/HST-2026-0099/letter/surat.pdf"
# staged_documents: a staging folder of a process that is gone
mkdir -p "$STORE/documents/.staging/999999999.0000abcd/letter"

sum=$(records_sum)
expect_code 7 hc store check
out=$TMP/out
grep -qE "damaged +requests/[0-9]+/$A\.yaml:[0-9]+ " "$out" || fail "bad YAML not listed with its line: $(cat "$out")"
grep -qE "damaged +requests/[0-9]+/$C\.yaml +schema 99 is newer" "$out" || fail "newer schema not listed: $(cat "$out")"
grep -qE "orphan documents +documents/HST-2026-0099 " "$out" || fail "orphan folder not listed: $(cat "$out")"
grep -qE "staged documents +documents/.staging/999999999.0000abcd " "$out" || fail "staging folder not listed: $(cat "$out")"
grep -qE "duplicate domain +requests/[0-9]+/$D\.yaml +eoffice\..* $B .* $D " "$out" ||
    fail "duplicate domain not listed: $(cat "$out")"
grep -qE "event order +requests/[0-9]+/$B\.yaml:[0-9]+ +event 2 \(note" "$out" ||
    fail "event out of order not listed: $(cat "$out")"
expect_contains "$TMP/err" "problem(s)"
expect_contains "$TMP/err" "--repair"
expect_code 7 hc -q store check
expect_contains "$TMP/out" "orphan documents"
# The kinds in the user's language; --json keeps their names (below).
LANG=id_ID.UTF-8 expect_code 7 hc store check
expect_contains "$TMP/out" "dokumen yatim"

expect_code 7 hc --json store check
jq -e '.clean == false and (.problems | length == 6) and .repaired == []
       and all(.problems[]; has("kind") and has("path") and has("line") and has("message") and has("repairable"))
       and ([.problems[] | select(.repairable) | .kind] | sort == ["orphan_documents", "staged_documents"])
       and ([.problems[] | select(.kind == "damaged" and .line != null)] | length == 1)' \
    "$TMP/out" >/dev/null || fail "--json store check: $(cat "$TMP/out")"
[[ $(records_sum) == "$sum" ]] || fail "store check changed a record"

# --- repair -------------------------------------------------------------------
expect_code 7 hc store check --repair
expect_contains "$TMP/out" "Repaired documents/HST-2026-0099 (orphan documents): moved to .trash/$today/documents/HST-2026-0099"
expect_contains "$TMP/out" "moved to .trash/$today/documents/.staging/999999999.0000abcd"
expect_contains "$TMP/err" "left after 2 repair(s)"
[[ -f $STORE/.trash/$today/documents/HST-2026-0099/letter/surat.pdf ]] || fail "the orphan is not in .trash"
[[ ! -e $STORE/documents/HST-2026-0099 && ! -e $STORE/documents/.staging/999999999.0000abcd ]] ||
    fail "the leftovers are still in documents/"
[[ -f $STORE/documents/$A/letter/scan.pdf ]] || fail "the repair moved a request's documents"
[[ $(records_sum) == "$sum" ]] || fail "store check --repair changed a record"
# What is left needs a person.
expect_code 7 hc --json store check --repair
jq -e '(.problems | length == 4) and .repaired == [] and all(.problems[]; .repairable == false)' \
    "$TMP/out" >/dev/null || fail "after the repair: $(cat "$TMP/out")"
cp "$TMP/a.good" "$FA"
cp "$TMP/c.good" "$FC"
cp "$TMP/b.good" "$FB"
hc request cancel "$D" --reason "dobel" >/dev/null || fail "cancel $D failed"
expect_code 0 hc store check

# --- missing attachment --------------------------------------------------------
mv "$STORE/documents/$A/letter/scan.pdf" "$TMP/scan.moved"
expect_code 7 hc store check
grep -qE "missing attachment +requests/[0-9]+/$A\.yaml +attachment documents/$A/letter/scan.pdf is missing" \
    "$TMP/out" || fail "missing attachment not listed: $(cat "$TMP/out")"
mv "$TMP/scan.moved" "$STORE/documents/$A/letter/scan.pdf"
expect_code 0 hc store check

# --- a row cache that disagrees with the files -----------------------------------
sleep 3 # files changed in the last two seconds are not cached
hc request list >/dev/null
[[ -f $STORE/.cache/requests.idx ]] || fail "request list wrote no cache"
# Same length, keys unchanged: a listing would trust the row.
sed -i "s/^\([^\t]*\t[^\t]*\t[^\t]*\t[^\t]*\trequests\/[0-9]*\/$C\.yaml\t$C\t\)received\t/\1disposed\t/" \
    "$STORE/.cache/requests.idx"
[[ $(hc --json request list | jq -r --arg c "$C" '.[] | select(.id == $c) | .status') == disposed ]] ||
    fail "could not make the cache disagree"
expect_code 7 hc store check
grep -qE "cache +\.cache/requests\.idx +requests/[0-9]+/$C\.yaml: .*'disposed'.*'received'" "$TMP/out" ||
    fail "stale cache row not listed: $(cat "$TMP/out")"
expect_code 0 hc store check --repair
expect_contains "$TMP/out" "Repaired .cache/requests.idx (cache)"
[[ $(hc --json request list | jq -r --arg c "$C" '.[] | select(.id == $c) | .status') == received ]] ||
    fail "the cache still disagrees after the repair"
expect_code 0 hc store check


# --- temp files of killed writers ------------------------------------------------
dead=$(sh -c 'echo $$') # a process id that no longer runs
FBDIR=$(dirname "$(file_of "$B")")
stale_tmp=${FBDIR#"$STORE"/}/.$B.yaml.tmp.$dead.9a9b
fresh_tmp=.staff.yaml.tmp.$dead.1c # brand new: perhaps a live writer on another host
trash_tmp=.trash/$today/.x.yaml.tmp.$dead.2d
mkdir -p "$STORE/.trash/$today"
for f in "$stale_tmp" "$fresh_tmp" "$trash_tmp"; do echo "half a write" >"$STORE/$f"; done
touch -d "1 hour ago" "$STORE/$stale_tmp" "$STORE/$trash_tmp"
expect_code 7 hc store check
grep -qF "temporary file" "$TMP/out" && grep -qF "$stale_tmp" "$TMP/out" ||
    fail "stale temp file not listed: $(cat "$TMP/out")"
! grep -qF "$fresh_tmp" "$TMP/out" || fail "a new temp file was listed: $(cat "$TMP/out")"
! grep -qF ".trash" "$TMP/out" || fail "a temp file in .trash was listed: $(cat "$TMP/out")"
[[ -f $STORE/$stale_tmp ]] || fail "store check without --repair deleted a temp file"
# No write's own sweep may get there first: the repair itself deletes it.
touch "$STORE/.cache/temp-sweep" "$STORE/.cache/temp-sweep-all"
expect_code 0 hc store check --repair
expect_contains "$TMP/out" "Repaired $stale_tmp (temporary file): deleted"
[[ ! -e $STORE/$stale_tmp ]] || fail "--repair left the stale temp file"
[[ -f $STORE/$fresh_tmp && -f $STORE/$trash_tmp ]] || fail "--repair deleted a temp file it must keep"
expect_code 0 hc store check

finish
