#!/usr/bin/env bash
# SIGKILL during `request new --attach` (PRODUCT §3): a killed run must never
# leave its letter where the next request of the same number finds it.  Each
# attempt attaches a letter that names its attempt number, under a name of
# its own, and asks with a letter number carrying the same number; afterwards
# every file under documents/<id>/letter/ must belong to request <id>.
source "$(dirname "$0")/lib.sh"

ROUNDS=${KILL_ATTACH_ROUNDS:-150}
office_store
# Most of a run is starting up; a scan of a few hundred kB makes the copy
# long enough for kills to land on either side of the record's write.
head -c 300000 /dev/urandom >"$TMP/noise"

# Kills land anywhere in a run: up to 1.2 times as long as a whole one
# takes on this machine (a build with sanitizers runs several times slower).
{ printf 'letter of attempt 0\n'; cat "$TMP/noise"; } >"$TMP/surat-0.pdf"
run_ms=$(millis "$HOSTINGCTL" request new --agency dinkes --letter-number "400.7/0/2026" \
    --letter-date 2020-01-02 --subject "Permohonan 0" --domain "k0" --attach "$TMP/surat-0.pdf")
window=$((run_ms * 12 / 10 + 1))

start=$SECONDS
for i in $(seq 1 "$ROUNDS"); do
    { printf 'letter of attempt %d\n' "$i"; cat "$TMP/noise"; } >"$TMP/surat-$i.pdf"
    "$HOSTINGCTL" request new --agency dinkes --letter-number "400.7/$i/2026" \
        --letter-date 2020-01-02 --subject "Permohonan $i" --domain "k$i" \
        --attach "$TMP/surat-$i.pdf" >/dev/null 2>&1 &
    pid=$!
    sleep_ms $((RANDOM % window))
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
done

# The attempt number of each request, from its letter number.
hc --json request list >"$TMP/list.json" || fail "request list fails after the kills"
declare -A attempt
while IFS=$'\t' read -r id number; do
    n=${number#400.7/}
    attempt[$id]=${n%/2026}
done < <(jq -r '.[] | "\(.id)\t\(.letter.number)"' "$TMP/list.json")

folders=0 misfiled=0 orphans=0
for d in "$STORE"/documents/*/; do
    [[ -d $d ]] || continue
    id=$(basename "$d")
    if [[ -z ${attempt[$id]:-} ]]; then
        orphans=$((orphans + 1)) # no record: belongs to no request, names no one's letter
        continue
    fi
    folders=$((folders + 1))
    bad=0
    for f in "$d"letter/*; do
        [[ -e $f ]] || continue
        [[ $(head -n 1 "$f") == "letter of attempt ${attempt[$id]}" &&
            $(basename "$f") == "surat-${attempt[$id]}.pdf" ]] || bad=1
    done
    if ((bad)); then
        misfiled=$((misfiled + 1))
        fail "documents/$id/letter/ holds another request's letter: $(ls "$d"letter/ | paste -sd' ')" \
            "(the request's letter is number ${attempt[$id]})"
    fi
done

# Every attachment a record names is in place, in full.
for id in ${attempt[@]+"${!attempt[@]}"}; do
    hc --json request show "$id" | jq -r '.letter.attachments[] | "\(.path)\t\(.size)"'
done | while IFS=$'\t' read -r path size; do
    [[ -f $STORE/$path && $(stat -c %s "$STORE/$path") == "$size" ]] ||
        echo "FAIL: $path is missing or not $size bytes" >&2
done 2>"$TMP/att.err"
[[ -s $TMP/att.err ]] && fail "$(cat "$TMP/att.err")"

staged=0
[[ -d $STORE/documents/.staging ]] && staged=$(find "$STORE/documents/.staging" -mindepth 1 -maxdepth 1 | wc -l)
echo "kill-attach: $ROUNDS rounds in $((SECONDS - start)) s (a whole run: $run_ms ms); ${#attempt[@]} requests;" \
    "$folders letter folder(s) of a request, $misfiled holding another request's letter;" \
    "$orphans folder(s) without a record; $staged staging folder(s) left"

# What the kills left is no request's, and store check clears it away.
hc store check --repair >"$TMP/repair" 2>"$TMP/repair.err" ||
    fail "store check --repair after the kills: $(cat "$TMP/repair" "$TMP/repair.err")"
expect_code 0 hc store check
for d in "$STORE"/documents/*/; do
    if [[ -d $d && -z ${attempt[$(basename "$d")]:-} ]]; then
        fail "store check --repair left $d, which has no record"
    fi
done
[[ -z $(find "$STORE/documents/.staging" -mindepth 1 2>/dev/null) ]] ||
    fail "store check --repair left staging folders"
finish
