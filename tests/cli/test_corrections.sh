#!/usr/bin/env bash
# Correcting mistakes without editing YAML: `request amend` (details, with
# before and after), `request revert` (takes back the last step as a new
# event; nothing is deleted) and `request attach` (documents added later).
# shellcheck source-path=SCRIPTDIR
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
YEAR=$(TZ=Asia/Jakarta date +%Y)
office_store
confirm_current_years
hc agency add disdik --name "Dinas Pendidikan" >/dev/null
hc staff add wati --name "Wati" --role petugas_teknis >/dev/null
FILE_OF() { echo "$STORE/requests/$YEAR/$1.yaml"; }

new() { # new LABEL [options]
    local label=$1; shift
    hc --json request new --agency dinkes --letter-number "400.7/$label/$YEAR" \
        --letter-date "$YEAR-01-02" --received-at "$YEAR-01-05T08:00" \
        --subject "Permohonan hosting $label" --domain "$label" "$@" | jq -r .id
}
A=$(new simpus --contact-name "Rina" --contact-email rina@dinkes.go.id)
B=$(new ppdb)

# --- amend ---------------------------------------------------------------------
expect_code 0 hc request amend "$A" --letter-number "400.7/12/$YEAR" --contact-email "" \
    --contact-phone 081234567890 --app php --reason "salah ketik"
expect_contains "$TMP/out" "$A simpus.pekalongankota.go.id: amended by budi at "
expect_contains "$TMP/out" "letter.number: 400.7/simpus/$YEAR → 400.7/12/$YEAR"
expect_contains "$TMP/out" "contact.email: rina@dinkes.go.id → -"
expect_contains "$TMP/out" "hosting.php_version: - → 8.2"
hc --json request show "$A" >"$TMP/a.json"
[[ $(jq -r .letter.number "$TMP/a.json") == "400.7/12/$YEAR" ]] || fail "the letter number was not amended"
[[ $(jq -r .contact.email "$TMP/a.json") == null ]] || fail "the contact e-mail was not cleared"
[[ $(jq -r .contact.phone "$TMP/a.json") == 081234567890 ]] || fail "the phone was not set"
[[ $(jq -r '.hosting.app + " " + .hosting.php_version' "$TMP/a.json") == "php 8.2" ]] ||
    fail "the application is not php 8.2: $(jq -c .hosting "$TMP/a.json")"
[[ $(jq -r .status "$TMP/a.json") == received ]] || fail "an amendment changed the status"
# The event holds each field with its value before and after, and the reason.
jq -e '.events[-1] | .action == "amend" and .note == "salah ketik"
    and .data["letter.number"].before == "400.7/simpus/'"$YEAR"'"
    and .data["letter.number"].after == "400.7/12/'"$YEAR"'"' "$TMP/a.json" >/dev/null ||
    fail "the amend event lacks before and after: $(jq -c '.events[-1]' "$TMP/a.json")"
hc request log "$A" >"$TMP/log"
expect_contains "$TMP/log" "letter.number: 400.7/simpus/$YEAR → 400.7/12/$YEAR"
grep -q "^schema: 3$" "$(FILE_OF "$A")" || fail "a request with an amend event is not schema 3"
grep -q "^schema: 2$" "$(FILE_OF "$B")" || fail "a request without new actions is no longer schema 2"

# The same values again change nothing and write nothing.
before=$(cat "$(FILE_OF "$A")")
expect_code 0 hc request amend "$A" --letter-number "400.7/12/$YEAR"
expect_contains "$TMP/out" "nothing to change"
[[ $(cat "$(FILE_OF "$A")") == "$before" ]] || fail "an amendment that changed nothing wrote the file"

# Bad input is refused before anything is written.
expect_code 2 hc request amend "$A"
expect_contains "$TMP/err" "name at least one detail"
expect_code 2 hc request amend "$A" --letter-nmber x
expect_contains "$TMP/err" "did you mean '--letter-number'?"
expect_code 4 hc request amend "$A" --upstream-port 8080
expect_contains "$TMP/err" "--upstream-port is only for --app proxy"
expect_code 4 hc request amend "$A" --app proxy
expect_contains "$TMP/err" "needs --upstream-port"
expect_code 4 hc request amend "$A" --letter-date "$YEAR-02-01"
expect_contains "$TMP/err" "was received on $YEAR-01-05"
expect_code 3 hc request amend "$A" --agency dinkess
expect_contains "$TMP/err" "did you mean 'dinkes'?"
expect_code 6 hc request amend "$A" --domain ppdb
expect_contains "$TMP/err" "already requested by $B"
expect_code 5 hc request amend "$A" --subject "x" --by kadis
[[ $(cat "$(FILE_OF "$A")") == "$before" ]] || fail "a refused amendment wrote the file"
# The domain, the application and the agency take the short forms of the options.
expect_code 0 hc request amend simpus --agency disdik --domain simpus2 --app proxy --upstream-port 8080
[[ $(hc --json request show "$A" | jq -r '.agency + " " + .hosting.domain + " " + .hosting.app + " " + (.hosting.upstream_port|tostring) + " " + (.hosting.php_version|tostring)') == \
    "disdik simpus2.pekalongankota.go.id proxy 8080 null" ]] ||
    fail "the amended request reads $(hc --json request show "$A" | jq -c '[.agency, .hosting]')"

# --- revert ----------------------------------------------------------------------
hc request dispose "$A" --by kadis >/dev/null || fail "dispose failed"
hc request assign "$A" --by kabid --officer budi >/dev/null || fail "assign failed"
hc request assign "$A" --by kabid --officer wati >/dev/null || fail "reassign failed"
[[ $(hc --json request show "$A" | jq -r .officer) == wati ]] || fail "not reassigned to wati"
# Only the performer of the step or an admin takes it back.
expect_code 5 hc request revert "$A" --by kadis --reason "bukan saya"
expect_code 2 hc request revert "$A" --by kabid
expect_code 0 hc request revert "$A" --by kabid --reason "salah petugas"
expect_contains "$TMP/out" "'assign' taken back by kabid"
expect_contains "$TMP/out" "the request is assigned again"
hc --json request show "$A" >"$TMP/a.json"
[[ $(jq -r .officer "$TMP/a.json") == budi ]] || fail "after the revert the officer is $(jq -r .officer "$TMP/a.json"), not budi"
jq -e '[.events[] | select(.action == "assign")] | .[0].taken_back == false and .[1].taken_back == true' \
    "$TMP/a.json" >/dev/null || fail "show --json does not mark the step taken back"
jq -e '.events[-1] | .action == "revert" and .data.step == "assign" and .data.reason == "salah petugas"' \
    "$TMP/a.json" >/dev/null || fail "the revert event: $(jq -c '.events[-1]' "$TMP/a.json")"
hc request log "$A" >"$TMP/log"
expect_contains "$TMP/log" "assign (taken back)"
# Again: the step before it (an admin may take back another's step).
expect_code 0 hc request revert "$A" --by budi --reason "disposisi ulang"
[[ $(hc --json request show "$A" | jq -r '.status + " " + .officer') == "disposed " ]] ||
    fail "two reverts left $(hc --json request show "$A" | jq -c '[.status, .officer]')"
expect_code 0 hc request revert "$A" --by kadis --reason "belum didisposisi"
[[ $(hc --json request show "$A" | jq -r .status) == received ]] || fail "three reverts do not lead back to received"
expect_code 5 hc request revert "$A" --reason "terlalu jauh"
expect_contains "$TMP/err" "no step to take back"
# The disposition document stays numbered: disposing again makes it anew under its number.
num=$(hc --json doc list "$A" | jq -r '.[] | select(.kind == "disposition") | .number' | head -n 1)
[[ -n $num ]] || fail "no disposition document was made"
hc request dispose "$A" --by kadis >/dev/null || fail "dispose after revert failed"
[[ $(hc --json doc list "$A" | jq -r '.[] | select(.kind == "disposition") | .number' | sort -u) == "$num" ]] ||
    fail "the disposition got another number: $(hc --json doc list "$A" | jq -c .)"

# A pause recorded by mistake, taken back: the SLA clock has no pause.
hc request assign "$A" --by kabid --officer budi >/dev/null
hc request verify "$A" --incomplete --missing "KTP" >/dev/null || fail "incomplete failed"
sleep 1
expect_code 0 hc request revert "$A" --reason "dokumen sudah ada"
hc --json request show "$A" >"$TMP/a.json"
[[ $(jq -r .status "$TMP/a.json") == assigned ]] || fail "revert of incomplete gives $(jq -r .status "$TMP/a.json")"
[[ $(jq -r .sla.paused "$TMP/a.json") == false ]] || fail "the SLA is still paused: $(jq -c .sla "$TMP/a.json")"

# Hosting details are fixed once provisioned (recorded by hand here).
hc request verify "$A" --complete >/dev/null
hc server add web01 --host 127.0.0.1 --web nginx >/dev/null 2>&1 || true
if hc request provision "$A" --manual --server web01 >/dev/null 2>"$TMP/perr"; then
    expect_code 5 hc request amend "$A" --quota 2G
    expect_contains "$TMP/err" "cannot change: its status is 'provisioned'"
    expect_code 0 hc request amend "$A" --subject "Hosting SIMPUS (perbaikan)"
    # A provisioning recorded by hand may be taken back (nothing was made by the tool).
    expect_code 0 hc request revert "$A" --reason "server salah"
    [[ $(hc --json request show "$A" | jq -r .status) == verified ]] || fail "provision was not taken back"
else
    fail "manual provision failed: $(cat "$TMP/perr")"
fi

# A cancellation taken back claims the domain again, if it is still free.
hc request cancel "$B" --reason "ditarik" >/dev/null || fail "cancel failed"
C=$(new ppdb)
[[ -n $C ]] || fail "the cancelled request's domain was not free"
expect_code 6 hc request revert "$B" --reason "salah batal"
expect_contains "$TMP/err" "already requested by $C"
hc request cancel "$C" --reason "dobel" >/dev/null
expect_code 0 hc request revert "$B" --reason "salah batal"
[[ $(hc --json request show "$B" | jq -r .status) == received ]] || fail "the cancellation was not taken back"

# --- attach ----------------------------------------------------------------------
printf 'scan of the KTP\n' >"$TMP/ktp.pdf"
printf 'surat kuasa\n' >"$TMP/kuasa.pdf"
expect_code 0 hc request attach "$B" "$TMP/ktp.pdf" "$TMP/kuasa.pdf" --note "susulan"
expect_contains "$TMP/out" "documents/$B/letter/ktp.pdf"
cmp -s "$TMP/ktp.pdf" "$STORE/documents/$B/letter/ktp.pdf" || fail "ktp.pdf is not in the store"
[[ $(hc --json request show "$B" | jq -r '[.letter.attachments[].name] | join(" ")') == "ktp.pdf kuasa.pdf" ]] ||
    fail "the letter's attachments: $(hc --json request show "$B" | jq -c .letter.attachments)"
expect_code 6 hc request attach "$B" "$TMP/ktp.pdf"
expect_code 3 hc request attach "$B" "$TMP/nothing.pdf"
expect_code 2 hc request attach "$B"
expect_code 5 hc request attach "$B" "$TMP/kuasa.pdf" --by kadis
[[ $(hc --json request show "$B" | jq '.letter.attachments | length') == 2 ]] || fail "a refused attach added a file"
# A file left by a killed attach (in the folder, not in the record) is set aside, not overwritten.
printf 'left behind\n' >"$STORE/documents/$B/letter/foto.jpg"
printf 'foto\n' >"$TMP/foto.jpg"
expect_code 0 hc request attach "$B" "$TMP/foto.jpg"
cmp -s "$TMP/foto.jpg" "$STORE/documents/$B/letter/foto.jpg" || fail "foto.jpg was not attached"
grep -rqx "left behind" "$STORE/.trash" || fail "the leftover file was not set aside to .trash/"
[[ -z $(ls -A "$STORE/documents/.staging" 2>/dev/null) ]] || fail "a staging folder was left"

# The store is whole after all of it.
expect_code 0 hc store check

finish
