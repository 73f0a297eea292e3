#!/usr/bin/env bash
# A store written by the release before request schema 2 still reads as it
# did, is not rewritten by reading, and a file moves to schema 2 only when
# it is next changed.
source "$(dirname "$0")/lib.sh"
FIX=$(cd "$(dirname "$0")/../fixtures" && pwd)
cp -a "$FIX/store-schema1" "$STORE"
mkdir -p "$STORE/documents" "$STORE/reports" "$STORE/templates"

sums() { (cd "$STORE" && find . -path ./.cache -prune -o -type f -name '*.yaml' -print0 |
          sort -z | xargs -0 sha256sum); }
before=$(sums)

# The same answers as the release that wrote the files, in today's JSON
# convention (absent values null, request show with last_at): byte for
# byte once the keys added since are taken out (sla.provisional_years: the calendar
# confirms 2026, the year of every clock here, so it is empty; each
# event's taken_back: false, as no step was ever taken back then).
for id in HST-2026-0001 HST-2026-0003; do
    hc --json request show "$id" >"$TMP/$id.full.json" || fail "request show $id"
    [[ $(jq -c .sla.provisional_years "$TMP/$id.full.json") == '[]' ]] ||
        fail "request show $id: provisional_years is $(jq -c .sla.provisional_years "$TMP/$id.full.json")"
    jq -e '[.events[].taken_back] | all(. == false)' "$TMP/$id.full.json" >/dev/null ||
        fail "request show $id: a step reads as taken back"
    jq 'del(.sla.provisional_years, .events[].taken_back)' "$TMP/$id.full.json" >"$TMP/$id.json"
    cmp -s "$TMP/$id.json" "$FIX/store-schema1.expected/$id.json" ||
        fail "request show $id differs: $(diff "$FIX/store-schema1.expected/$id.json" "$TMP/$id.json" | head -20)"
done
hc --json complaint show ADU-2026-0001 >"$TMP/adu.json" || fail "complaint show"
cmp -s "$TMP/adu.json" "$FIX/store-schema1.expected/ADU-2026-0001.json" ||
    fail "complaint show differs: $(diff "$FIX/store-schema1.expected/ADU-2026-0001.json" "$TMP/adu.json" | head -20)"

# Everything lists and reports without complaint.
expect_code 0 hc request list
expect_contains "$TMP/out" "HST-2026-0004"
[[ -s $TMP/err ]] && fail "request list warned: $(cat "$TMP/err")"
expect_code 0 hc --json request list
[[ $(jq length "$TMP/out") == 4 ]] || fail "request list --json did not hold 4 requests"
[[ $(jq -r '.[] | select(.id == "HST-2026-0002") | .status' "$TMP/out") == assigned ]] ||
    fail "HST-2026-0002 is not assigned"
expect_code 0 hc request log HST-2026-0001
expect_code 0 hc complaint list
expect_code 0 hc survey list
expect_code 0 hc report quarterly --year 2026 --quarter 4 --format json --out "$TMP/q.json"

# Reading changed nothing.
[[ $(sums) == "$before" ]] || fail "reading the store rewrote files"
grep -q '^schema: 1$' "$STORE/requests/2026/HST-2026-0002.yaml" || fail "fixture not schema 1"

# A change writes that one file in schema 2, and it still reads.
expect_code 0 hc request note HST-2026-0002 "dokumen diterima" --by budi
grep -q '^schema: 2$' "$STORE/requests/2026/HST-2026-0002.yaml" ||
    fail "the changed file was not written as schema 2"
for other in HST-2026-0001 HST-2026-0003 HST-2026-0004; do
    grep -q '^schema: 1$' "$STORE/requests/2026/$other.yaml" || fail "$other was rewritten"
done
expect_code 0 hc --json request show HST-2026-0002
[[ $(jq -r .status "$TMP/out") == assigned ]] || fail "HST-2026-0002 changed status"
[[ $(jq -r '.events[-1].note' "$TMP/out") == "dokumen diterima" ]] || fail "the note is missing"
[[ $(jq -r '.events[2].data.officer' "$TMP/out") == budi ]] || fail "old event data lost"

finish
