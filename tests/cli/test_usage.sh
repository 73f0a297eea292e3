#!/usr/bin/env bash
# Mistakes on the command line: a mistyped option is named with the closest
# real one (before anything it left missing), every missing required option
# is reported at once, and a mistyped command gets its suggestion.
source "$(dirname "$0")/lib.sh"
office_store

expect_code 2 hc staff add andi --name Andi --roles petugas_teknis
expect_contains "$TMP/err" "'--roles' is not an option of hostingctl staff add"
expect_contains "$TMP/err" "did you mean '--role'?"
grep -q "is required" "$TMP/err" && fail "a mistyped --roles is reported as a missing --role"

expect_code 2 hc staff add andi --name Andi --role petugas_teknis --unix-usr andi
expect_contains "$TMP/err" "'--unix-usr' is not an option of hostingctl staff add"
expect_contains "$TMP/err" "did you mean '--unix-user'?"
expect_code 2 hc staff add andi --name Andi --role petugas_teknis --unix-usr=andi
expect_contains "$TMP/err" "'--unix-usr' is not an option"
[[ $(hc --json staff list | jq '[.[] | select(.id == "andi")] | length') == 0 ]] ||
    fail "a refused staff add added andi"

# All missing required options in one message.
expect_code 2 hc request new
expect_contains "$TMP/err" "these are required: --agency, --letter-number, --letter-date, --subject, --domain"
expect_code 2 hc request new --agency dinkes --subject x
expect_contains "$TMP/err" "these are required: --letter-number, --letter-date, --domain"
expect_code 2 hc staff add andi --name Andi
expect_contains "$TMP/err" "hostingctl: error: --role is required"
expect_code 2 hc request show
expect_contains "$TMP/err" "ID is required"

# Mistyped commands.
expect_code 2 hc request lisst
expect_contains "$TMP/err" "did you mean 'hostingctl request list'?"
expect_code 2 hc request list --agncy dinkes
expect_contains "$TMP/err" "did you mean '--agency'?"
# A global option after the command is still an option.
expect_code 0 hc request list --json

# Wording: whole sentences and counts in the right number.
YEAR=$(TZ=Asia/Jakarta date +%Y)
NEW=(request new --agency dinkes --letter-number "400.7/9/$YEAR" --letter-date "$YEAR-01-02"
     --received-at "$YEAR-01-05T08:00" --subject "Permohonan hosting" --domain wording)
expect_code 5 hc "${NEW[@]}" --by kadis
expect_contains "$TMP/err" "kadis (Kepala Dinas) may not record a new request: that needs the role"
ID=$(hc --json "${NEW[@]}" | jq -r .id)
hc request show "$ID" >"$TMP/out"
expect_contains "$TMP/out" "(1 event; 'hostingctl request log $ID')"
hc request dispose "$ID" --by kadis --at "$YEAR-01-05T09:00" >/dev/null
expect_code 5 hc request assign "$ID" --by kadis --officer budi
expect_contains "$TMP/err" "may not take the step 'assign'"
hc request assign "$ID" --by kabid --officer budi --at "$YEAR-01-05T10:00" >/dev/null
hc request verify "$ID" --incomplete --missing "surat kuasa" --at "$YEAR-01-05T11:00" >/dev/null
hc request resume "$ID" --at "$YEAR-01-06T08:00" >"$TMP/out"
expect_contains "$TMP/out" "$ID wording.pekalongankota.go.id: resumed by budi (Budi Santoso)"
hc request show "$ID" >"$TMP/out"
grep -qE "\([0-9]+ events; " "$TMP/out" || fail "request show does not count events: $(cat "$TMP/out")"
hc store check >"$TMP/out"
expect_contains "$TMP/out" "read 1 request, 0 complaints, 0 survey responses"

# CLI11's own complaints, in our words: a word too many, a number that is
# not one, a number out of range.
expect_code 2 hc request show "$ID" extra
expect_contains "$TMP/err" "'extra' is one word too many for hostingctl request show"
expect_contains "$TMP/err" "in quotes"
expect_code 2 hc report quarterly --year "$YEAR" --quarter x
expect_contains "$TMP/err" "--quarter takes a number, not 'x'"
expect_code 2 hc request provision "$ID" --jobs 99
expect_contains "$TMP/err" "--jobs must be 1 to 64, not '99'"
# An empty --store (a script's unset variable) is refused, not taken for
# $HOSTINGCTL_STORE.
expect_code 2 hc --store "" request list
expect_contains "$TMP/err" "--store: give a directory, not an empty value"
expect_code 2 hc request new --agency dinkes --agency disdik
expect_contains "$TMP/err" "--agency is given more than once"
expect_code 2 hc request list --status
expect_contains "$TMP/err" "--status needs a value (TEXT)"
expect_code 2 hc calendar show --year "$YEAR" --month "$YEAR-01"
expect_contains "$TMP/err" "--month cannot be given with --year"
expect_code 2 hc request provision "$ID" --at "$YEAR-01-07T09:00"
expect_contains "$TMP/err" "--at is only for use with --manual"
LANG=id_ID.UTF-8 expect_code 2 hc request provision "$ID" --at "$YEAR-01-07T09:00"
expect_contains "$TMP/err" "--at hanya dipakai bersama --manual"

finish
