#!/usr/bin/env bash
# Finding requests: `request find`, the forms a request number may be typed
# in (any case, without its zeros, the sequence alone, the domain), and the
# list filters, which name what exists like every other option.
source "$(dirname "$0")/lib.sh"
YEAR=$(TZ=Asia/Jakarta date +%Y)
office_store
hc agency add disdik --name "Dinas Pendidikan" >/dev/null

new() { # new AGENCY LABEL SUBJECT [options]
    local agency=$1 label=$2 subject=$3; shift 3
    hc --json request new --agency "$agency" --letter-number "400.7/$label/$YEAR" \
        --letter-date "$YEAR-01-02" --received-at "$YEAR-01-05T08:00" \
        --subject "$subject" --domain "$label" "$@" | jq -r .id
}
A=$(new dinkes simpus "Permohonan hosting SIMPUS" --contact-name "Rina Marlina" --contact-phone 081234567890)
B=$(new disdik ppdb "Hosting aplikasi PPDB" --contact-email ppdb@disdik.pekalongankota.go.id)
C=$(new dinkes sipkes "Aplikasi SIPKES")
[[ $A == "HST-$YEAR-0001" && $B == "HST-$YEAR-0002" && $C == "HST-$YEAR-0003" ]] ||
    fail "unexpected numbers $A $B $C"

# 1. Every form of a number, and the domain, name the same request; the
#    tool says which request it took, on stderr, and not with -q.
for typed in "$A" "hst-$YEAR-0001" "HST-$YEAR-1" "hst-$YEAR-1" 1 0001 simpus simpus.pekalongankota.go.id SIMPUS; do
    got=$(hc --json request show "$typed" 2>"$TMP/err" | jq -r .id) || fail "request show $typed failed: $(cat "$TMP/err")"
    [[ $got == "$A" ]] || fail "request show $typed gave '$got', expected $A"
    if [[ $typed == "$A" ]]; then
        [[ ! -s $TMP/err ]] || fail "request show $A said: $(cat "$TMP/err")"
    else
        expect_contains "$TMP/err" "'$typed' is request $A (simpus.pekalongankota.go.id)"
    fi
done
hc -q request show 1 >/dev/null 2>"$TMP/err"
[[ ! -s $TMP/err ]] || fail "request show -q 1 said: $(cat "$TMP/err")"

# Steps, logs and documents take the short forms too.
hc request dispose 2 --by kadis --at "$YEAR-01-05T09:00" >"$TMP/out" 2>"$TMP/err" || fail "dispose 2 failed: $(cat "$TMP/err")"
expect_contains "$TMP/out" "$B"
[[ $(hc --json request show "$B" | jq -r .status) == disposed ]] || fail "dispose 2 did not dispose $B"
hc request assign ppdb --by kabid --officer budi --at "$YEAR-01-05T10:00" >/dev/null 2>&1 || fail "assign ppdb failed"
hc request log "hst-$YEAR-2" >"$TMP/out" 2>/dev/null || fail "log hst-$YEAR-2 failed"
expect_contains "$TMP/out" assign
hc doc list ppdb >"$TMP/out" 2>/dev/null || fail "doc list ppdb failed"
expect_contains "$TMP/out" disposition
hc complaint new --channel phone --from "Andi" --text "Situs lambat" --request sipkes >/dev/null 2>&1 ||
    fail "complaint new --request sipkes failed"
[[ $(hc --json complaint list | jq -r '.[0].request') == "$C" ]] || fail "the complaint is not about $C"

# 2. What names no request, or several, is a clear error.
expect_code 3 hc request show 99
expect_contains "$TMP/err" "no request '99'"
expect_code 3 hc request show "hst-$YEAR-x"
expect_code 3 hc request show simpuss
expect_contains "$TMP/err" "did you mean 'simpus"
expect_code 3 hc request show "HST-$((YEAR - 1))-0001"
# A rejected request's domain may be asked for again: the live one is meant;
# two requests that no longer hold it are ambiguous.
hc request reject "$C" --by kadis --reason "Salah alamat" >/dev/null 2>&1 || fail "reject $C failed"
D=$(new dinkes sipkes "Aplikasi SIPKES (ulang)")
[[ $(hc --json request show sipkes 2>/dev/null | jq -r .id) == "$D" ]] || fail "sipkes does not name the live $D"
hc request cancel "$D" --reason "Ditarik" >/dev/null 2>&1 || fail "cancel $D failed"
expect_code 4 hc request show sipkes
expect_contains "$TMP/err" "'sipkes' names 2 requests: $C (rejected), $D (cancelled)"

# 3. request find: domain, letter number, subject, agency code and name,
#    contact; any case; --json rows are those of request list.
found() { hc --json request find "$1" | jq -r '[.[].id] | join(" ")'; }
[[ $(found simpus) == "$A" ]] || fail "find simpus: $(found simpus)"
[[ $(found "400.7/ppdb") == "$B" ]] || fail "find by letter number: $(found 400.7/ppdb)"
[[ $(found "aplikasi") == "$B $C $D" ]] || fail "find by subject: $(found aplikasi)"
[[ $(found "PENDIDIKAN") == "$B" ]] || fail "find by agency name: $(found PENDIDIKAN)"
[[ $(found disdik) == "$B" ]] || fail "find by agency code: $(found disdik)"
[[ $(found "rina") == "$A" ]] || fail "find by contact name: $(found rina)"
[[ $(found "0812345") == "$A" ]] || fail "find by contact phone: $(found 0812345)"
[[ $(found "ppdb@disdik") == "$B" ]] || fail "find by contact e-mail: $(found ppdb@disdik)"
[[ $(found "nothing-like-this") == "" ]] || fail "find matched nothing-like-this"
hc request find nothing-like-this >"$TMP/out"
expect_contains "$TMP/out" "No requests match."
diff <(hc --json request find simpus | jq -S '.[0]') <(hc --json request list | jq -S ".[] | select(.id == \"$A\")") >/dev/null ||
    fail "a find row differs from the list row"
hc request find SIMPUS >"$TMP/out"
expect_contains "$TMP/out" "simpus.pekalongankota.go.id"
expect_code 4 hc request find "  "

# 4. List filters are validated like every option.
expect_code 3 hc request list --agency dinkess
expect_contains "$TMP/err" "did you mean 'dinkes'?"
expect_code 3 hc request list --officer bud
expect_code 4 hc request list --from "$YEAR-02-01" --to "$YEAR-01-01"
expect_contains "$TMP/err" "--from $YEAR-02-01 is after --to $YEAR-01-01"
[[ $(hc --json request list --domain ppd | jq -r '[.[].id] | join(" ")') == "$B" ]] ||
    fail "list --domain ppd did not give $B"
[[ $(hc --json request list --agency disdik | jq length) == 1 ]] || fail "list --agency disdik"

# 5. A damaged request typed short is reported as damaged, not as missing.
FB=$(ls "$STORE"/requests/*/"$B".yaml)
cp "$FB" "$TMP/b.yaml"
echo "garbage: [" >>"$FB"
SEQB=$((10#${B##*-}))
expect_code 7 hc request show "$SEQB"
expect_contains "$TMP/err" "damaged YAML"
expect_code 7 hc request note "$(tr 'A-Z' 'a-z' <<<"${B%-*}")-$SEQB" "catatan"
expect_contains "$TMP/err" "damaged YAML"
cmp -s <(head -c "$(stat -c %s "$TMP/b.yaml")" "$FB") "$TMP/b.yaml" || fail "the damaged file was rewritten"
cp "$TMP/b.yaml" "$FB"

finish
