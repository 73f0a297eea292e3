#!/usr/bin/env bash
# CLI conventions (PRODUCT §10): help everywhere, "did you mean", errors on
# stderr with a hint, -q, --json that parses, colour only on a terminal and
# never with NO_COLOR/--no-color, no prompts without a terminal.
source "$(dirname "$0")/lib.sh"

ME=$(id -un)

# --- help and version -----------------------------------------------------
for cmd in "" init staff "staff add" "staff list" "staff show" "staff edit" "staff deactivate" "staff activate" audit agency "agency add" \
    "agency list" "agency show" request "request new" "request dispose" "request assign" \
    "request verify" "request resume" "request provision" "request submit" "request forward" \
    "request approve" "request deliver" "request complete" "request reject" "request cancel" \
    "request note" "request show" "request list" "request log"; do
    # shellcheck disable=SC2086
    expect_code 0 hc $cmd --help
    grep -qi "usage" "$TMP/out" || fail "'$cmd --help' prints no usage on stdout"
    [[ -s $TMP/err ]] && fail "'$cmd --help' wrote to stderr: $(head -c 200 "$TMP/err")"
done
expect_code 0 hc request new --help
for opt in --agency --letter-number --letter-date --subject --domain --app --attach; do
    expect_contains "$TMP/out" "$opt"
done
expect_code 0 hc --version
grep -qE '^hostingctl [0-9]+\.[0-9]+\.[0-9]+ \(commit ([0-9a-f]{7,}(-dirty)?|unknown)\)$' "$TMP/out" ||
    fail "--version prints '$(cat "$TMP/out")'"
# The commit is the one the source tree is at (when it is a git checkout).
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
if commit=$(git -C "$ROOT" rev-parse --short=7 HEAD 2>/dev/null); then
    grep -q "(commit $commit" "$TMP/out" || fail "--version names another commit than $commit: $(cat "$TMP/out")"
fi
v1=$(cat "$TMP/out")
expect_code 0 hc --no-color --version
[[ $(cat "$TMP/out") == "$v1" ]] || fail "--version differs with another option before it"

# --- usage errors ---------------------------------------------------------
# usage_error CMD...: exit 2, nothing on stdout, "hostingctl: error:" and a hint
usage_error() {
    expect_code 2 hc "$@"
    [[ -s $TMP/out ]] && fail "usage error '$*' printed on stdout: $(head -c 200 "$TMP/out")"
    grep -q '^hostingctl: error: ' "$TMP/err" || fail "'$*': no 'hostingctl: error:': $(cat "$TMP/err")"
    grep -q '^hint: ' "$TMP/err" || fail "'$*': no hint: $(cat "$TMP/err")"
    return 0
}
usage_error reqest list
expect_contains "$TMP/err" "did you mean 'hostingctl request'"
usage_error request lst
expect_contains "$TMP/err" "did you mean 'hostingctl request list'"
usage_error staf list
expect_contains "$TMP/err" "did you mean 'hostingctl staff'"
usage_error request aprove HST-2026-0001
expect_contains "$TMP/err" "did you mean 'hostingctl request approve'"
usage_error
usage_error request
usage_error request show
usage_error request verify HST-2026-0001
usage_error request verify HST-2026-0001 --incomplete
usage_error request verify HST-2026-0001 --complete --missing "KTP"
usage_error request verify HST-2026-0001 --complete --incomplete
usage_error request provision HST-2026-0001 --server web01 --manual --dry-run
usage_error request new --agency dinkes
usage_error --frobnicate request list
usage_error request list --frobnicate

# --- a store to work with -------------------------------------------------
expect_code 0 hc --json init
jq -e '.created == true and (.store | length > 0)' "$TMP/out" >/dev/null || fail "init --json: $(cat "$TMP/out")"
confirm_current_years # the stderr of request list is checked below
hc staff add budi --name "Budi Santoso" --role petugas_teknis --role admin --unix-user "$ME" >/dev/null
hc staff add kadis --name "Kepala Dinas" --role kepala_dinas --nip 197001011990031001 >/dev/null
hc staff add tata --name "Tata Usaha" --role admin >/dev/null
hc agency add dinkes --name "Dinas Kesehatan" --email dinkes@pekalongankota.go.id >/dev/null

# Errors: stderr only, prefixed, with a hint, distinct exit code.
expect_code 3 hc request show HST-2020-0042
[[ -s $TMP/out ]] && fail "an error printed on stdout: $(cat "$TMP/out")"
grep -q '^hostingctl: error: ' "$TMP/err" || fail "error not prefixed: $(cat "$TMP/err")"
grep -q '^hint: ' "$TMP/err" || fail "error without a hint line: $(cat "$TMP/err")"
expect_code 3 hc --json request show HST-2020-0042
[[ -s $TMP/out ]] && fail "an error printed on stdout with --json: $(cat "$TMP/out")"

# -q: a successful step prints nothing; errors still do.
expect_code 0 hc -q request new --agency dinkes --letter-number 400.7/1/2026 --letter-date 2020-01-02 \
    --subject "Permohonan hosting" --domain simpus
[[ -s $TMP/out ]] && fail "-q request new printed: $(cat "$TMP/out")"
ID=$(hc --json request list | jq -r '.[0].id')
expect_code 0 hc -q request dispose "$ID" --by kadis
[[ -s $TMP/out ]] && fail "-q request dispose printed: $(cat "$TMP/out")"
[[ -s $TMP/err ]] && fail "-q request dispose wrote to stderr: $(cat "$TMP/err")"
expect_code 0 hc request note "$ID" "tanpa -q"
[[ -s $TMP/out ]] || fail "a step without -q printed nothing"
expect_contains "$TMP/out" "$ID"
expect_code 5 hc -q request dispose "$ID" --by kadis
[[ -s $TMP/err ]] || fail "-q also silenced an error"

# --json of every data command parses and has the documented shape.
json() { hc --json "$@" >"$TMP/j" || fail "--json $* exited $?"; jq -e "$JQ" "$TMP/j" >/dev/null || fail "--json $*: '$JQ' is false for $(head -c 300 "$TMP/j")"; }
JQ='type == "array" and length == 3 and (.[0] | has("id") and has("roles") and has("unix_user"))' json staff list
JQ='.id == "kadis" and .nip == "197001011990031001" and .roles == ["kepala_dinas"]' json staff show kadis
JQ='type == "array" and .[0].code == "dinkes"' json agency list
JQ='.code == "dinkes" and (.requests | length) == 1 and (.requests[0].sla.due | type) == "string" and .requests[0].sla.running' json agency show dinkes
JQ='.id == "'"$ID"'" and .status == "disposed" and (.events | length) == 4' json request show "$ID"
JQ='type == "array" and .[0].id == "'"$ID"'" and .[0].next.step == "assign"' json request list
JQ='type == "array" and length == 4 and .[2].action == "document" and .[3].action == "note"' json request log "$ID"
JQ='.code == "tata"' json agency add tata --name "Tata Pemerintahan"
JQ='.id == "ani" and .roles == ["admin"]' json staff add ani --name Ani --role admin
JQ='.status == "disposed" and .events[-1].note == "json"' json request note "$ID" json
JQ='type == "array" and length == 0' json request list --status completed
# One JSON document on stdout, even with -v.
hc --json -v request show "$ID" 2>/dev/null | jq -e . >/dev/null || fail "--json -v is not one JSON document"

# --- colour ---------------------------------------------------------------
ESC=$'\033'
for cmd in "request list" "request show $ID" "request log $ID" "staff list"; do
    # shellcheck disable=SC2086
    hc $cmd >"$TMP/plain" 2>&1
    grep -q "$ESC" "$TMP/plain" && fail "'$cmd' to a pipe has escape sequences"
    # shellcheck disable=SC2086
    env -u NO_COLOR "$HOSTINGCTL" $cmd >"$TMP/plain" 2>&1
    grep -q "$ESC" "$TMP/plain" && fail "'$cmd' to a pipe without NO_COLOR has escape sequences"
done
if script -qec true /dev/null >/dev/null 2>&1; then
    # on_tty CMD: runs CMD with a terminal on stdout, output in $TMP/tty
    on_tty() { script -qec "$1" /dev/null >"$TMP/tty" 2>&1 </dev/null || true; }
    q() { printf '%q' "$1"; }
    base="env HOSTINGCTL_STORE=$(q "$STORE") TERM=xterm $(q "$HOSTINGCTL")"
    on_tty "env -u NO_COLOR $base request list"
    expect_contains "$TMP/tty" "$ID"
    grep -q "$ESC\[" "$TMP/tty" || fail "no colour on a terminal without NO_COLOR: $(cat -v "$TMP/tty")"
    on_tty "env NO_COLOR=1 $base request list"
    expect_contains "$TMP/tty" "$ID"
    grep -q "$ESC" "$TMP/tty" && fail "NO_COLOR=1 on a terminal still has escapes: $(cat -v "$TMP/tty")"
    on_tty "env -u NO_COLOR $base --no-color request show $ID"
    expect_contains "$TMP/tty" "$ID"
    grep -q "$ESC" "$TMP/tty" && fail "--no-color on a terminal still has escapes: $(cat -v "$TMP/tty")"
    on_tty "env -u NO_COLOR $base --json request show $ID"
    grep -q "$ESC" "$TMP/tty" && fail "--json on a terminal has escapes: $(cat -v "$TMP/tty")"
    on_tty "env -u NO_COLOR $base request show HST-2020-0042"
    grep -q "$ESC" "$TMP/tty" && fail "an error message on a terminal has escapes: $(cat -v "$TMP/tty")"
else
    echo "note: 'script' cannot make a terminal here; colour on a TTY not checked" >&2
fi
# Hostile text cannot colour or move the terminal either.
hc staff add eve --name 'Eve' --role admin --title "$(printf 'x\033[2Jy')" >/dev/null 2>&1 &&
    fail "a title with an escape sequence was accepted"

# --- -v says on stderr what it used; stdout stays the same ---------------------
hc request list >"$TMP/plain" 2>"$TMP/plain.err"
[[ -s $TMP/plain.err ]] && fail "request list without -v wrote to stderr: $(cat "$TMP/plain.err")"
hc -v request list >"$TMP/verbose" 2>"$TMP/verbose.err" || fail "-v request list failed"
cmp -s "$TMP/plain" "$TMP/verbose" || fail "-v changed the output of request list"
expect_contains "$TMP/verbose.err" "hostingctl: store $STORE"
grep -qE '^hostingctl: [0-9]+ request\(s\): [0-9]+ from the index cache, [0-9]+ file\(s\) parsed$' \
    "$TMP/verbose.err" || fail "-v request list: $(cat "$TMP/verbose.err")"
rm -rf "$STORE/.cache"
hc -v request list 2>&1 >/dev/null | grep -q ': 0 from the index cache, ' ||
    fail "-v does not tell that every file was parsed without a cache"

# --- a record number as people type it ---------------------------------------
# HST-YYYY-1 is taken for HST-YYYY-0001, and the tool says so (test_find.sh
# has the other forms).
expect_code 0 hc request show "${ID%-*}-$((10#${ID##*-}))"
expect_contains "$TMP/err" "is request $ID"

# --- repeatable options take one word per use ---------------------------------
# The id after --role stays the id; roles come repeated or as a comma list.
expect_code 0 hc staff add --role admin --role petugas_teknis rina --name "Rina Wati"
[[ $(hc --json staff show rina | jq -c .roles) == '["admin","petugas_teknis"]' ]] ||
    fail "rina's roles: $(hc --json staff show rina | jq -c .roles)"
expect_code 0 hc staff add --role admin,pejabat_pengaduan sigit --name Sigit
[[ $(hc --json staff show sigit | jq -c .roles) == '["admin","pejabat_pengaduan"]' ]] ||
    fail "sigit's roles: $(hc --json staff show sigit | jq -c .roles)"
# A stray word after a list option is an error, not another value.
usage_error request list --status received extra
usage_error staff add --role admin

# --- people are deactivated, never deleted --------------------------------
expect_code 2 hc staff remove tata
expect_code 0 hc staff deactivate tata
[[ $(hc --json staff show tata | jq .active) == false ]] || fail "tata is still active"
expect_code 6 hc staff add tata --name "Someone else" --role admin
expect_contains "$TMP/err" "never given to another person"
[[ $(hc --json staff show tata | jq -r .name) == "Tata Usaha" ]] || fail "tata's record changed"
expect_code 0 hc staff activate tata
expect_code 0 hc --json audit --target tata
[[ $(jq -r 'map(select(.what | startswith("staff.")) | .what) | join(" ")' "$TMP/out") == "staff.add staff.deactivate staff.activate" ]] ||
    fail "audit of tata: $(cat "$TMP/out")"

finish
