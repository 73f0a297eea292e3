#!/usr/bin/env bash
# Writers at once (PRODUCT §3): ids are allocated under the store lock, no
# update is lost, and a domain can be taken only once.
source "$(dirname "$0")/lib.sh"

ME=$(id -un)
N=20
hc init >/dev/null
hc staff add budi --name "Budi Santoso" --role petugas_teknis --role admin --unix-user "$ME" >/dev/null
hc staff add kadis --name "Kepala Dinas" --role kepala_dinas >/dev/null
hc agency add dinkes --name "Dinas Kesehatan" >/dev/null

# new_bg I DOMAIN: one request new in the background, output in $TMP/c.I.*
new_bg() {
    "$HOSTINGCTL" --json request new --agency dinkes --letter-number "400.7/$1/2026" \
        --letter-date 2020-01-02 --subject "Permohonan $1" --domain "$2" \
        >"$TMP/c.$1.out" 2>"$TMP/c.$1.err" &
}
# wait_all: waits for the background jobs in $pids; $codes becomes a
# summary of their exit codes such as "0x1 6x19" (code x count)
wait_all() {
    local pid rc
    : >"$TMP/codes"
    for pid in "${pids[@]}"; do
        rc=0
        wait "$pid" || rc=$?
        echo "$rc" >>"$TMP/codes"
    done
    codes=$(sort -n "$TMP/codes" | uniq -c | awk '{print $2 "x" $1}' | paste -sd' ')
}

# --- round 1: distinct domains --------------------------------------------
pids=()
for i in $(seq 1 $N); do
    new_bg "$i" "app$i"
    pids+=($!)
done
wait_all
[[ $codes == "0x$N" ]] || fail "round 1 exit codes: $codes; $(cat "$TMP"/c.*.err | sort | uniq -c | head -5)"
ids=$(cat "$TMP"/c.*.out | jq -r .id | sort)
[[ $(wc -l <<<"$ids") == "$N" ]] || fail "round 1 printed $(wc -l <<<"$ids") ids"
[[ $(uniq <<<"$ids" | wc -l) == "$N" ]] || fail "round 1 handed out an id twice: $(uniq -d <<<"$ids")"
year=$(head -1 <<<"$ids" | cut -d- -f2)
[[ $ids == "$(for i in $(seq 1 $N); do printf 'HST-%s-%04d\n' "$year" "$i"; done)" ]] ||
    fail "round 1 ids are not 0001..$N: $(paste -sd' ' <<<"$ids")"
files=$(find "$STORE/requests" -name 'HST-*.yaml' | wc -l)
[[ $files == "$N" ]] || fail "round 1 left $files request files"
for id in $ids; do
    j=$(hc --json request show "$id") || { fail "request $id does not load"; continue; }
    n=$(jq -r '.letter.number | split("/")[1]' <<<"$j")
    [[ $(jq -r .domain <<<"$j") == "app$n.pekalongankota.go.id" ]] ||
        fail "$id holds $(jq -r .domain <<<"$j") but letter $n"
done
[[ $(hc --json request list | jq length) == "$N" ]] || fail "request list does not show $N requests"

# --- round 2: everyone wants the same domain ------------------------------
rm -f "$TMP"/c.*
pids=()
for i in $(seq 1 $N); do
    new_bg "$i" simpus
    pids+=($!)
done
wait_all
[[ $codes == "0x1 6x$((N - 1))" ]] || fail "round 2 exit codes: $codes (want one 0 and $((N - 1)) times 6)"
[[ $(hc --json request list --status received | jq '[.[] | select(.domain == "simpus.pekalongankota.go.id")] | length') == 1 ]] ||
    fail "simpus.pekalongankota.go.id is held by more than one request"
[[ $(find "$STORE/requests" -name 'HST-*.yaml' | wc -l) == $((N + 1)) ]] || fail "round 2 wrote more than one file"

# --- round 3: steps and notes on one request at once lose nothing ---------
ID=$(hc --json request list | jq -r '.[0].id')
pids=()
for i in $(seq 1 $N); do
    "$HOSTINGCTL" request note "$ID" "catatan $i" >/dev/null 2>"$TMP/n.$i.err" &
    pids+=($!)
done
"$HOSTINGCTL" request dispose "$ID" --by kadis >/dev/null 2>"$TMP/d.err" &
pids+=($!)
wait_all
[[ $codes == "0x$((N + 1))" ]] || fail "round 3 exit codes: $codes; $(cat "$TMP"/n.*.err "$TMP/d.err" | head -3)"
j=$(hc --json request show "$ID")
[[ $(jq '[.events[] | select(.action == "note")] | length' <<<"$j") == "$N" ]] ||
    fail "round 3 lost notes: $(jq '[.events[] | select(.action == "note")] | length' <<<"$j") of $N kept"
[[ $(jq -r .status <<<"$j") == disposed ]] || fail "round 3 lost the disposition"

# --- a store held too long -------------------------------------------------
# Another process holds the lock: writers give up with exit 8 after
# policy.lock_timeout_seconds and write nothing; readers are not blocked.
if command -v flock >/dev/null; then
    sed -i 's/^  lock_timeout_seconds: .*/  lock_timeout_seconds: 1/' "$STORE/hostingctl.yaml"
    # The holder is the process that sleeps (exec), so killing it frees the lock.
    ( exec 9>>"$STORE/.lock"; flock 9; exec sleep 120 ) &
    holder=$!
    for _ in $(seq 50); do
        flock -n "$STORE/.lock" true || break
        sleep 0.1
    done
    sum=$(find "$STORE/requests" -type f | sort | xargs sha256sum)
    expect_code 8 hc request new --agency dinkes --letter-number 400.7/99/2026 --letter-date 2020-01-02 \
        --subject "Terkunci" --domain locked
    expect_contains "$TMP/err" "locked"
    expect_contains "$TMP/err" "hint:"
    expect_code 8 hc request note "$ID" "terkunci"
    # They gave up on their own: the lock is still held.
    kill -0 "$holder" 2>/dev/null || fail "the writers waited until the holder let go"
    expect_code 0 hc request show "$ID"
    expect_code 0 hc request list
    [[ $(find "$STORE/requests" -type f | sort | xargs sha256sum) == "$sum" ]] ||
        fail "a writer that timed out on the lock changed the store"
    kill "$holder"
    wait "$holder" 2>/dev/null || true
    expect_code 0 hc request note "$ID" "lepas"
else
    echo "note: no flock(1); lock timeout not checked" >&2
fi

finish
