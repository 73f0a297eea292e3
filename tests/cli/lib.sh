# Shared helpers for the black-box tests.  Each test sources this file, gets
# a fresh temporary store in $STORE, and runs the real binary as $HOSTINGCTL.
set -euo pipefail
: "${HOSTINGCTL:?set HOSTINGCTL to the hostingctl binary}"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/hostingctl-test.XXXXXX")
trap '[[ -n ${KEEP_TMP:-} ]] || rm -rf "$TMP"' EXIT
export STORE="$TMP/store"
export HOSTINGCTL_STORE="$STORE"
export NO_COLOR=1
FAILS=0

hc() { "$HOSTINGCTL" "$@"; }

fail() { echo "FAIL: $*" >&2; FAILS=$((FAILS + 1)); }

# expect_code CODE CMD...: runs CMD, checks its exit code; stderr kept in $TMP/err
expect_code() {
    local want=$1; shift
    local got=0
    "$@" >"$TMP/out" 2>"$TMP/err" || got=$?
    if [[ $got != "$want" ]]; then
        fail "'$*' exited $got, expected $want; stderr: $(head -c 400 "$TMP/err")"
    fi
}

# expect_contains FILE TEXT
expect_contains() {
    grep -qF -- "$2" "$1" || fail "$1 does not contain '$2': $(head -c 400 "$1")"
}

# office_store: a new store with the three officials of the standard (kadis,
# kabid, and budi, the technical officer who is the user running the tests)
# and the health agency.  Sets ME.
office_store() {
    ME=$(id -un)
    hc init >/dev/null
    # A PDF of every step's document takes a second each; test_documents.sh makes them.
    sed -i "s/^  pdf_at_steps: true/  pdf_at_steps: false/" "$STORE/hostingctl.yaml"
    hc staff add budi --name "Budi Santoso" --role petugas_teknis --role admin --unix-user "$ME" >/dev/null
    hc staff add kadis --name "Kepala Dinas" --role kepala_dinas >/dev/null
    hc staff add kabid --name "Kepala Bidang INS" --role kepala_bidang >/dev/null
    hc agency add dinkes --name "Dinas Kesehatan" >/dev/null
}

# step VERB ID AT [options]: one workflow step at a given time
step() {
    local verb=$1 id=$2 at=$3; shift 3
    hc request "$verb" "$id" --at "$at" "$@" >/dev/null || fail "request $verb $id --at $at $* failed"
}

# confirm_current_years: counts every year from 2026 to the next one as
# confirmed in the store's calendar.yaml.  The shipped calendar confirms 2026
# only, so a request received "now" would warn of a provisional year when the
# tests run late in 2026 or later; tests that expect a quiet stderr call this.
confirm_current_years() {
    local years
    years=$(seq -s ', ' 2026 $(($(date +%Y) + 1)))
    sed -i "s/^confirmed_years: .*/confirmed_years: [$years]/" "$STORE/calendar.yaml"
    grep -q "^confirmed_years: \[$years\]$" "$STORE/calendar.yaml" ||
        fail "could not confirm the years $years in calendar.yaml"
}

# millis CMD...: runs CMD, its output dropped, and prints how many
# milliseconds it took (kill tests aim their kills inside a run this long).
millis() {
    local t0
    t0=$(date +%s%N)
    "$@" >/dev/null 2>&1 || true
    echo $((($(date +%s%N) - t0) / 1000000))
}

# sleep_ms N: sleeps N milliseconds.
sleep_ms() { sleep "$(printf '%d.%03d' $(($1 / 1000)) $(($1 % 1000)))"; }

finish() {
    if (( FAILS > 0 )); then echo "$FAILS check(s) failed" >&2; exit 1; fi
    echo "ok"
}
