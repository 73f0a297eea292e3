#!/usr/bin/env bash
# SIGKILL at random moments (PRODUCT §3): a killed process never leaves a
# half-written record, and its temp files are never taken for records.
source "$(dirname "$0")/lib.sh"

ROUNDS=${KILL_ROUNDS:-200}
office_store
head -c 300000 /dev/urandom >"$TMP/scan.pdf"
hc request new --agency dinkes --letter-number 400.7/0/2026 --letter-date 2020-01-02 \
    --subject "Permohonan awal" --domain awal >/dev/null

ids() { find "$STORE/requests" -name 'HST-*.yaml' ! -name '.*' -printf '%f\n' | sed 's/\.yaml$//' | sort; }

# check_store: every record loads, temp files are ignored, config loads.
check_store() {
    local id n=0
    for id in $(ids); do
        n=$((n + 1))
        hc request show "$id" >/dev/null 2>"$TMP/show.err" ||
            fail "after SIGKILL, $id does not load: $(head -c 300 "$TMP/show.err")"
    done
    hc --json request list >"$TMP/list.json" 2>"$TMP/list.err" ||
        fail "after SIGKILL, request list fails: $(head -c 300 "$TMP/list.err")"
    [[ $(jq length "$TMP/list.json") == "$n" ]] ||
        fail "request list shows $(jq length "$TMP/list.json") requests, the store holds $n files"
    jq -e 'all(.[]; .id | test("^HST-[0-9]{4}-[0-9]{4}$"))' "$TMP/list.json" >/dev/null ||
        fail "request list shows something that is not a record: $(jq -c '[.[].id]' "$TMP/list.json")"
    hc staff list >/dev/null 2>&1 || fail "after SIGKILL, staff.yaml does not load"
    hc agency list >/dev/null 2>&1 || fail "after SIGKILL, agencies.yaml does not load"
}

start=$SECONDS
for i in $(seq 1 "$ROUNDS"); do
    mapfile -t all < <(ids)
    id=${all[RANDOM % ${#all[@]}]}
    case $((RANDOM % 6)) in
    0 | 1) set -- request new --agency dinkes --letter-number "400.7/$i/2026" --letter-date 2020-01-02 \
               --subject "Permohonan $i" --domain "k$i" --note "nomor $i" ;;
    2) set -- request new --agency dinkes --letter-number "400.7/$i/2026" --letter-date 2020-01-02 \
           --subject "Permohonan $i" --domain "k$i" --attach "$TMP/scan.pdf" ;;
    3) set -- request note "$id" "catatan $i" ;;
    4) set -- request dispose "$id" --by kadis ;;
    5) if ((RANDOM % 2)); then set -- staff add "s$i" --name "Staf $i" --role admin
       else set -- agency add "a$i" --name "Agency $i"; fi ;;
    esac
    "$HOSTINGCTL" "$@" >/dev/null 2>&1 &
    pid=$!
    # Starting the binary takes ~20 ms on a slow machine and a write
    # ~50 ms more, so kill anywhere in the first 80 ms.
    sleep "$(printf '0.%03d' $((RANDOM % 81)))"
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    ((i % 50 == 0)) && check_store
done
check_store

# The lock is not left held: the store still takes writes, with attachments
# too, whatever a killed process left under documents/.
hc request new --agency dinkes --letter-number 400.7/9999/2026 --letter-date 2020-01-02 \
    --subject "Setelah badai" --domain setelah --attach "$TMP/scan.pdf" >/dev/null ||
    fail "the store takes no writes after the kills"
check_store
# Every attachment that a record names exists in full.
for id in $(ids); do
    hc --json request show "$id" | jq -r '.letter.attachments[] | "\(.path)\t\(.size)"'
done | while IFS=$'\t' read -r path size; do
    [[ -f $STORE/$path && $(stat -c %s "$STORE/$path") == "$size" ]] ||
        echo "FAIL: $path is missing or not $size bytes" >&2
done 2>"$TMP/att.err"
[[ -s $TMP/att.err ]] && fail "$(cat "$TMP/att.err")"

orphans=0
for d in "$STORE"/documents/*/; do
    [[ -d $d ]] || continue
    id=$(basename "$d")
    [[ -n $(find "$STORE/requests" -name "$id.yaml") ]] || orphans=$((orphans + 1))
done
temps=$(find "$STORE" -name '.*.tmp.*' | wc -l)
echo "kill: $ROUNDS rounds in $((SECONDS - start)) s; $(ids | wc -l) requests;" \
    "$orphans document folder(s) without a record;" \
    "$temps temp file(s) left behind:" \
    "$(find "$STORE" -name '.*.tmp.*' -printf '%h\n' | sed "s|^$STORE/*||" | sort | uniq -c | paste -sd,)"
finish
