#!/usr/bin/env bash
# The store lock (PRODUCT §3) holds even when its file is deleted: with
# another process deleting .lock over and over, notes written at once on one
# request all succeed and all are kept.  (Locking only the file, a second
# writer locked a fresh .lock while the first still ran: 50 reported
# success, 23 notes were lost.)
source "$(dirname "$0")/lib.sh"

N=${LOCK_NOTES:-50}
office_store
# Fifty writers queue for the lock on a busy machine: no one may give up.
sed -i 's/^  lock_timeout_seconds: .*/  lock_timeout_seconds: 300/' "$STORE/hostingctl.yaml"
ID=$(hc --json request new --agency dinkes --letter-number 400.7/1/2026 --letter-date 2020-01-02 \
    --subject "Permohonan hosting" --domain simpus | jq -er .id)

(while :; do rm -f "$STORE/.lock"; done) >/dev/null 2>&1 &
deleter=$!
pids=()
for i in $(seq 1 "$N"); do
    "$HOSTINGCTL" request note "$ID" "catatan $i" >/dev/null 2>"$TMP/n.$i.err" &
    pids+=($!)
done
ok=0
for pid in "${pids[@]}"; do
    if wait "$pid"; then ok=$((ok + 1)); fi
done
kill "$deleter"
wait "$deleter" 2>/dev/null || true

notes=$(hc --json request show "$ID" | jq -r '.events[] | select(.action == "note") | .note' | sort -V)
kept=$(grep -c . <<<"$notes" || true)
echo "lock: $ok of $N notes reported success, $kept kept, with .lock deleted in a loop"
[[ $ok == "$N" ]] || fail "$((N - ok)) note command(s) failed: $(cat "$TMP"/n.*.err | sort | uniq -c | head -3)"
[[ $notes == "$(for i in $(seq 1 "$N"); do echo "catatan $i"; done)" ]] ||
    fail "notes lost: $kept of $N kept; missing: $(comm -13 <(echo "$notes" | sort) \
        <(for i in $(seq 1 "$N"); do echo "catatan $i"; done | sort) | paste -sd, | head -c 300)"

# After all that the store still takes writes and the lock file is back.
expect_code 0 hc request note "$ID" "sesudah"
[[ -f $STORE/.lock ]] || fail "no .lock after a write"

finish
