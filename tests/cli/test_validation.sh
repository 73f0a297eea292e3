#!/usr/bin/env bash
# Hostile and malformed input: every refusal exits 4 (invalid), 3 (not found)
# or 6 (conflict) and writes nothing; accepted text is stored faithfully and
# never interpreted (PRODUCT §4; exit codes in lib/util/error.hpp).
source "$(dirname "$0")/lib.sh"

ME=$(id -un)
hc init >/dev/null
hc staff add budi --name "Budi Santoso" --role petugas_teknis --role admin --unix-user "$ME" >/dev/null
hc staff add kadis --name "Kepala Dinas" --role kepala_dinas >/dev/null
hc agency add dinkes --name "Dinas Kesehatan" >/dev/null

# A fingerprint of every record in the store (not the list cache or lock).
snapshot() {
    (cd "$STORE" && find . -path ./.cache -prune -o -type f ! -name .lock -print0 | sort -z |
        xargs -0 sha256sum)
}

n=0
# new_args ARGS...: "request new" with ARGS, plus defaults for the required
# options that ARGS lacks; the result is in the array $args.
new_args() {
    local -A have=()
    local a
    for a in "$@"; do [[ $a == --* ]] && have[${a%%=*}]=1; done
    n=$((n + 1))
    args=(request new)
    [[ -n ${have[--agency]-} ]] || args+=(--agency dinkes)
    [[ -n ${have[--letter-number]-} ]] || args+=(--letter-number "400.7/$n/2026")
    [[ -n ${have[--letter-date]-} ]] || args+=(--letter-date 2020-01-02)
    [[ -n ${have[--subject]-} ]] || args+=(--subject "Permohonan hosting $n")
    args+=("$@")
}
# dom DOMAIN: the --domain option for DOMAIN (a leading '-' needs the = form)
dom() { if [[ $1 == -* ]]; then echo "--domain=$1"; else printf '%s\n' --domain "$1"; fi; }
# new_ok DOMAIN [options]: request new must succeed; prints the JSON
new_ok() {
    local d=$1; shift
    local -a dopt
    mapfile -t dopt < <(dom "$d")
    new_args "${dopt[@]}" "$@"
    hc --json "${args[@]}"
}
# new_refused CODE DOMAIN [options]: request new must exit CODE and write nothing
new_refused() {
    local code=$1 d=$2; shift 2
    local before after
    local -a dopt
    mapfile -t dopt < <(dom "$d")
    new_args "${dopt[@]}" "$@"
    before=$(snapshot)
    expect_code "$code" hc "${args[@]}"
    after=$(snapshot)
    [[ $before == "$after" ]] || fail "refused 'request new --domain $d $*' changed the store"
    grep -q '^hostingctl: error: ' "$TMP/err" || fail "--domain $d $*: no error message"
    return 0
}

# --- domains --------------------------------------------------------------
new_refused 4 www
expect_contains "$TMP/err" "reserved"
new_refused 4 mail
new_refused 4 ns1.pekalongankota.go.id
new_refused 4 FTP
new_refused 4 simpus.example.com
expect_contains "$TMP/err" "not inside a parent zone"
new_refused 4 simpus.pekalongankota.go.id.evil.com
new_refused 4 pekalongankota.go.id
new_refused 4 ./simpus
new_refused 4 -simpus
new_refused 4 simpus-
new_refused 4 a..b
new_refused 4 'sim_pus'
new_refused 4 'sim pus'
new_refused 4 'simpus;reboot'
new_refused 4 ''
new_refused 4 '   '
new_refused 4 "$(printf 'a%.0s' {1..64})"
expect_contains "$TMP/err" "63"
new_refused 4 "$(printf 'a%.0s' {1..60}).$(printf 'b%.0s' {1..60}).$(printf 'c%.0s' {1..60}).$(printf 'd%.0s' {1..60}).pekalongankota.go.id"
expect_contains "$TMP/err" "253"
new_refused 4 'sim/../pus'
new_refused 4 $'sim\tpus'
new_refused 4 'simpus@evil'
new_refused 4 "sim'pus"
new_refused 4 'sim`id`pus'
new_refused 4 '*'
new_refused 4 '*.pekalongankota.go.id'
new_refused 4 '_dmarc'
new_refused 4 'simpus.evilpekalongankota.go.id'
expect_contains "$TMP/err" "not inside a parent zone"
new_refused 4 $'\xe2\x80\xaesimpus'   # a right-to-left override

j=$(new_ok "$(printf 'a%.0s' {1..63})") || fail "a 63-character label was refused"
j=$(new_ok SIMPUS) || fail "an uppercase label was refused"
[[ $(jq -r .domain <<<"$j") == simpus.pekalongankota.go.id ]] ||
    fail "SIMPUS was not lowercased: $(jq -r .domain <<<"$j")"
j=$(new_ok Lab.Dinkes.PekalonganKota.Go.Id) || fail "a full mixed-case name was refused"
[[ $(jq -r .domain <<<"$j") == lab.dinkes.pekalongankota.go.id ]] ||
    fail "full name not lowercased: $(jq -r .domain <<<"$j")"
j=$(new_ok "bücher") || fail "the IDN bücher was refused"
[[ $(jq -r .domain <<<"$j") == xn--bcher-kva.pekalongankota.go.id ]] ||
    fail "bücher became $(jq -r .domain <<<"$j")"
j=$(new_ok eoffice.pekalongankota.go.id.) || fail "a trailing dot was refused"
[[ $(jq -r .domain <<<"$j") == eoffice.pekalongankota.go.id ]] || fail "trailing dot kept: $(jq -r .domain <<<"$j")"
# A final dot makes a name absolute: "x." is the top-level name x, outside
# the zones, and must not become x.pekalongankota.go.id.
new_refused 4 x.
expect_contains "$TMP/err" "outside the parent zones"
expect_contains "$TMP/err" "hint: drop the final dot to ask for x.pekalongankota.go.id"
new_refused 4 Simpus.
new_refused 4 "bücher."
j=$(new_ok Arsip.Dinkes.PekalonganKota.Go.Id.) || fail "an absolute name inside the zone was refused"
[[ $(jq -r .domain <<<"$j") == arsip.dinkes.pekalongankota.go.id ]] ||
    fail "absolute name stored as $(jq -r .domain <<<"$j")"

# An xn-- label must be the IDNA2008 form of a real name.
new_refused 4 xn--zz
expect_contains "$TMP/err" "domain label 'xn--zz' starts with xn-- but does not decode"
new_refused 4 app.xn--zz.pekalongankota.go.id
new_refused 4 xn--ls8h        # an emoji
new_refused 4 xn--bcher-2pa   # bÜcher, which is written xn--bcher-kva
expect_contains "$TMP/err" "encodes as 'xn--bcher-kva'"
new_refused 4 ab--cd          # '--' in the third and fourth place is for xn--
expect_contains "$TMP/err" "third and fourth"

# --- duplicates -----------------------------------------------------------
new_refused 6 simpus
expect_contains "$TMP/err" "simpus.pekalongankota.go.id"
new_refused 6 xn--bcher-kva   # bücher, typed as its A-label
new_refused 6 Simpus.PekalonganKota.go.id
new_refused 6 "BÜCHER"
FIRST=$(hc --json request list | jq -r '.[] | select(.domain == "simpus.pekalongankota.go.id") | .id')
hc request cancel "$FIRST" --reason "diganti permohonan baru" >/dev/null || fail "cancel $FIRST failed"
j=$(new_ok simpus) || fail "a cancelled request's domain was not released"
SECOND=$(jq -r .id <<<"$j")
[[ $SECOND != "$FIRST" ]] || fail "the new request reused the id $FIRST"
new_refused 6 simpus

# --- the letter, times and contacts --------------------------------------
new_refused 4 ok1 --letter-date 2026-13-01
new_refused 4 ok1 --letter-date 2026-02-30
new_refused 4 ok1 --letter-date 01-20-2026
new_refused 4 ok1 --letter-date kemarin
new_refused 4 ok1 --received-at 2999-01-01T09:00
expect_contains "$TMP/err" "future"
new_refused 4 ok1 --received-at "$(date -d '+2 days' +%FT%H:%M)"
new_refused 4 ok1 --received-at 2019-12-31T09:00   # before the letter's date
new_refused 4 ok1 --received-at 'yesterday'
new_refused 4 ok1 --contact-email 'budi at dinkes'
new_refused 4 ok1 --contact-email 'a@b'
new_refused 4 ok1 --contact-email 'a@@b.id'
new_refused 4 ok1 --contact-email 'budi@-dinkes.go.id'
new_refused 4 ok1 --contact-email '"x"@dinkes.go.id'
new_refused 4 ok1 --contact-email '`reboot`@dinkes.go.id'
new_refused 4 ok1 --contact-email "budi'@dinkes.go.id"
new_refused 4 ok1 --contact-email '../../x@dinkes.go.id'
new_refused 4 ok1 --contact-email=-X/tmp/log@dinkes.go.id
expect_contains "$TMP/err" "letters, digits and . _ % + - before the @"
new_refused 4 ok1 --contact-phone 'call me'
new_refused 4 ok1 --contact-phone '12'
new_refused 4 ok1 --contact-phone '0285-421243; rm -rf /'
new_refused 4 ok1 --app ruby
new_refused 4 ok1 --app php --php 8
new_refused 4 ok1 --app proxy
expect_contains "$TMP/err" "a proxy application needs --upstream-port"
new_refused 4 ok1 --app proxy --upstream-port 70000
new_refused 4 ok1 --app static --upstream-port 8080
new_refused 4 ok1 --app proxy --upstream-port 0x50
new_refused 4 ok1 --app static --upstream-port 0
new_refused 4 ok1 --quota 2TB
new_refused 4 ok1 --quota -5
new_refused 4 ok1 --database maybe
new_refused 3 ok1 --agency dinkess
expect_contains "$TMP/err" "did you mean 'dinkes'"
new_refused 3 ok1 --agency disdik
new_refused 4 ok1 --agency 'Dinkes;rm'
new_refused 3 ok1 --attach "$TMP/no-such-scan.pdf"
new_refused 4 ok1 --attach "$TMP"
new_refused 4 ok1 --letter-number 'nomor tanpa angka'
new_refused 4 ok1 --letter-number '400.7/1;rm -rf /'
new_refused 4 ok1 --subject $'baris satu\nbaris dua'
new_refused 4 ok1 --subject $'bell\a'
new_refused 4 ok1 --subject '   '
new_refused 4 ok1 --note $'escape \e[31mred'
new_refused 4 ok1 --note $'escape \xc2\x9b31mred'      # U+009B, an 8-bit ESC [
new_refused 4 ok1 --subject $'baris satu\xe2\x80\xa8baris dua'   # U+2028
expect_contains "$TMP/err" "line break"
new_refused 4 ok1 --contact-name $'Andi\xc2\x85Budi'       # U+0085, next line
new_refused 4 ok1 --subject "$(printf 'x%.0s' {1..201})"

j=$(new_ok proxyapp --app proxy --upstream-port 8080 --quota 2G --database yes \
    --contact-name "Andi" --contact-phone "+62 285 421243" --contact-email Andi@Dinkes.Pekalongankota.go.id) ||
    fail "a valid proxy request was refused"
[[ $(jq -c '[.hosting.app, .hosting.upstream_port, .hosting.disk_quota_mb, .hosting.database]' <<<"$j") == \
    '["proxy",8080,2048,true]' ]] || fail "hosting fields: $(jq -c .hosting <<<"$j")"

# --- hostile text is stored faithfully and never interpreted --------------
k=0
for s in "it's \"quoted\" and 'single'" \
         "\$(touch $TMP/pwned)" \
         "\`touch $TMP/pwned\`" \
         "{{x}} {% if %} \${HOME}" \
         "key: [a, {b: c}]" \
         "- item" \
         "&anchor *alias !!python/object:os.system" \
         "# not a comment" \
         "yes" \
         "null" \
         "0x1F" \
         "  leading and trailing  " \
         "Tab	inside" \
         'back\slash \n \u0041' \
         "Permohonan — ünïcödé 日本語 🙂"; do
    k=$((k + 1))
    j=$(new_ok "t$k" --subject "$s" --note "$s") || { fail "text '$s' was refused"; continue; }
    id=$(jq -r .id <<<"$j")
    want=$s
    [[ $s == "  leading and trailing  " ]] && want="leading and trailing"
    got=$(hc --json request show "$id" | jq -r .letter.subject)
    [[ $got == "$want" ]] || fail "subject '$s' came back as '$got'"
    got=$(hc --json request show "$id" | jq -r '.events[0].note')
    [[ $got == "$want" ]] || fail "note '$s' came back as '$got'"
    got=$(hc --json request list | jq -r --arg id "$id" '.[] | select(.id == $id) | .letter.subject')
    [[ $got == "$want" ]] || fail "list shows subject '$s' as '$got'"
    hc request note "$id" "$s" >/dev/null || fail "request note '$s' was refused"
    got=$(hc --json request log "$id" | jq -r '.[-1].note')
    [[ $got == "$want" ]] || fail "request note '$s' came back as '$got'"
done
[[ -e $TMP/pwned ]] && fail "a command substitution in the input was executed"
# Multi-line notes are allowed and kept.
j=$(new_ok multiline --note $'baris satu\nbaris dua') || fail "a two-line note was refused"
[[ $(hc --json request show "$(jq -r .id <<<"$j")" | jq -r '.events[0].note') == $'baris satu\nbaris dua' ]] ||
    fail "a two-line note was not kept"

# --- oversized input ------------------------------------------------------
# Linux limits one argument to 128 KiB (MAX_ARG_STRLEN), so a 1 MB value
# cannot reach any program; 120 KiB is the largest that can.
ID=$(hc --json request list | jq -r '.[0].id')
big=$(head -c $((120 * 1024)) /dev/zero | tr '\0' 'x')
before=$(snapshot)
expect_code 4 hc request note "$ID" "$big"
expect_contains "$TMP/err" "limit"
expect_code 4 hc request new --agency dinkes --letter-number 400.7/1/2026 --letter-date 2020-01-02 \
    --subject "besar" --domain bignote --note "$big"
expect_code 4 hc request new --agency dinkes --letter-number 400.7/1/2026 --letter-date 2020-01-02 \
    --subject "$big" --domain bigsubject
expect_code 4 hc request new --agency dinkes --letter-number 400.7/1/2026 --letter-date 2020-01-02 \
    --subject "besar" --domain "$big"
[[ $(wc -c <"$TMP/err") -lt 2000 ]] || fail "the error for a huge domain echoes it back ($(wc -c <"$TMP/err") bytes)"
after=$(snapshot)
[[ $before == "$after" ]] || fail "an oversized value changed the store"
mega=$(head -c $((1024 * 1024)) /dev/zero | tr '\0' 'x')
rc=0; "$HOSTINGCTL" request note "$ID" "$mega" >/dev/null 2>&1 || rc=$?
[[ $rc != 0 ]] || fail "a 1 MB note was accepted"
[[ $before == "$(snapshot)" ]] || fail "a 1 MB note changed the store"

# --- other commands -------------------------------------------------------
before=$(snapshot)
expect_code 4 hc staff add 'Budi Santoso' --name "Budi" --role petugas_teknis
expect_code 4 hc staff add ani --name "Ani" --role petugas
expect_contains "$TMP/err" "did you mean 'petugas_teknis'"
expect_code 4 hc staff add ani --name "Ani" --role admin --nip 1234
expect_code 4 hc staff add ani --name "Ani" --role admin --nip 199913451234561001
expect_code 4 hc staff add ani --name "Ani" --role admin --unix-user 'Root Admin'
expect_code 4 hc staff add ani --name $'Ani\nBaris' --role admin
expect_code 6 hc staff add budi --name "Budi Lagi" --role admin
expect_code 6 hc staff add ani --name "Ani" --role admin --unix-user "$ME"
expect_contains "$TMP/err" "budi"
expect_code 4 hc agency add 'Dinas Kesehatan' --name "Dinkes"
expect_code 4 hc agency add disdik --name "Dinas Pendidikan" --email nope
expect_code 4 hc agency add disdik --name "Dinas Pendidikan" --email 'a|b@disdik.go.id'
expect_code 4 hc agency add disdik --name "Dinas Pendidikan" --phone abc
expect_code 6 hc agency add dinkes --name "Dinas Kesehatan 2"
expect_code 4 hc agency add dukcapil --name $'Dinas Kependudukan\xe2\x80\xa9(Disdukcapil)'
after=$(snapshot)
[[ $before == "$after" ]] || fail "a refused staff or agency command changed the store"
hc staff add kabid --name "Kepala Bidang INS" --role kepala_bidang >/dev/null
hc request dispose "$ID" --by kadis >/dev/null
hc request assign "$ID" --by kabid --officer budi >/dev/null
hc request verify "$ID" --complete >/dev/null
before=$(snapshot)
expect_code 4 hc request deliver "$ID" --via pigeon
# A message that echoes a value shows control characters as '?', C1 ones too.
expect_code 4 hc request deliver "$ID" --via $'pi\xc2\x9b2Jgeon'
expect_contains "$TMP/err" "'pi?2Jgeon'"
expect_code 3 hc request provision "$ID" --manual --server web99
expect_contains "$TMP/err" "web01"
expect_code 3 hc request provision "$ID" --manual --server web02
expect_contains "$TMP/err" "did you mean 'web01'"
expect_code 4 hc request provision "$ID" --manual --server 'web01;reboot'
expect_code 4 hc request verify "$ID" --incomplete --missing $'\e]0;title\a'
expect_code 3 hc request show HST-2020-9999
expect_code 3 hc request show '../../etc/passwd'
expect_code 3 hc staff show nobody
expect_code 3 hc agency show nobody
after=$(snapshot)
[[ $before == "$after" ]] || fail "a refused command changed the store"
# --manual without --server: the only web server, as without --manual.
hc --json request provision "$ID" --manual >"$TMP/out" || fail "provision --manual without --server failed"
[[ $(jq -r '.events[-1].data.server' "$TMP/out") == web01 ]] ||
    fail "provision --manual did not record the only web server: $(cat "$TMP/out")"
# Display names are free text: Indonesian names with spaces, dots, commas,
# parentheses and apostrophes are kept as typed.
hc agency add dukcapil --name "Dinas Kependudukan dan Pencatatan Sipil (Disdukcapil)" \
    --head "Drs. H. Ma'ruf Amin, M.Si." --address "Jl. Sriwijaya No. 44, Pekalongan" >/dev/null ||
    fail "an agency with an ordinary Indonesian name was refused"
[[ $(hc --json agency show dukcapil | jq -r '.name + "|" + .head + "|" + .address') == \
    "Dinas Kependudukan dan Pencatatan Sipil (Disdukcapil)|Drs. H. Ma'ruf Amin, M.Si.|Jl. Sriwijaya No. 44, Pekalongan" ]] ||
    fail "the agency's names came back as $(hc --json agency show dukcapil | jq -c .)"
hc staff add siti --name "Dr. Siti Nur'aini, S.Kom., M.T." --role admin >/dev/null ||
    fail "a staff name with degrees was refused"
[[ $(hc --json staff show siti | jq -r .name) == "Dr. Siti Nur'aini, S.Kom., M.T." ]] ||
    fail "the staff name came back as $(hc --json staff show siti | jq -r .name)"
hc staff add ani --name "Ani" --role admin --nip "1999 0101 2020 1210 01" >/dev/null ||
    fail "a valid NIP with spaces was refused"
[[ $(hc --json staff show ani | jq -r .nip) == 199901012020121001 ]] || fail "NIP not normalised"

# --- the zones of hostingctl.yaml -----------------------------------------
# A second zone that holds the first: the first zone's own name is still not
# a host, though it lies inside go.id.
sed -i 's/^  - pekalongankota.go.id$/  - pekalongankota.go.id\n  - go.id/' "$STORE/hostingctl.yaml"
grep -q '^  - go.id$' "$STORE/hostingctl.yaml" || fail "could not add the zone go.id"
new_refused 4 pekalongankota.go.id
expect_contains "$TMP/err" "parent zone itself"
new_refused 4 PekalonganKota.Go.Id.
new_refused 4 go.id
j=$(new_ok diskominfo.go.id) || fail "a name in the second zone was refused"
[[ $(jq -r .domain <<<"$j") == diskominfo.go.id ]] || fail "diskominfo.go.id became $(jq -r .domain <<<"$j")"
j=$(new_ok sipd) || fail "a single label was refused with two zones"
[[ $(jq -r .domain <<<"$j") == sipd.pekalongankota.go.id ]] || fail "sipd went to $(jq -r .domain <<<"$j")"

# --- reserved names of hostingctl.yaml in capitals -------------------------
sed -i 's/^reserved_names: \[www, /reserved_names: [WWW, Portal, /' "$STORE/hostingctl.yaml"
grep -q '^reserved_names: \[WWW, Portal, ' "$STORE/hostingctl.yaml" || fail "could not edit reserved_names"
new_refused 4 www
expect_contains "$TMP/err" "reserved"
new_refused 4 portal
new_refused 4 Portal.PekalonganKota.go.id

finish
