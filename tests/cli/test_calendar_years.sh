#!/usr/bin/env bash
# A calendar that never runs out (PRODUCT §5): the holidays known by rule in
# every year, confirmed and provisional years, and the warnings of answers
# that depend on a provisional year.  The store's calendar lists and confirms
# 2026 only.  Standard hours: Mon-Thu 08:00-12:00, 13:00-15:45; Fri
# 08:00-11:00; WIB.
source "$(dirname "$0")/lib.sh"

office_store

# jq_is JSON FILTER EXPECTED: the jq -c result of FILTER must be EXPECTED.
jq_is() {
    local got
    got=$(jq -c "$2" <<<"$1") || { fail "jq '$2' failed on: $(head -c 300 <<<"$1")"; return; }
    [[ $got == "$3" ]] || fail "$2 is $got, expected $3"
}

# --- import-ics confirms the years it imports ------------------------------------
grep -qx 'confirmed_years: \[2026\]' "$STORE/calendar.yaml" ||
    fail "a new store's calendar.yaml does not confirm 2026"
# The 2027 list (two dates of it are enough here): Imlek Sat 6 Feb, cuti
# bersama Fri 5 Feb.
printf '%s\r\n' "BEGIN:VCALENDAR" "VERSION:2.0" \
    "BEGIN:VEVENT" "DTSTART;VALUE=DATE:20270205" "SUMMARY:Cuti bersama Tahun Baru Imlek" "END:VEVENT" \
    "BEGIN:VEVENT" "DTSTART;VALUE=DATE:20270206" "SUMMARY:Tahun Baru Imlek 2578 Kongzili" "END:VEVENT" \
    "END:VCALENDAR" >"$TMP/2027.ics"
cp "$STORE/calendar.yaml" "$TMP/calendar.2026"
j=$(hc --json calendar import-ics "$TMP/2027.ics") || fail "calendar import-ics 2027 failed"
jq_is "$j" .added 2
jq_is "$j" .confirmed_years '[2027]'
grep -qx 'confirmed_years: \[2026, 2027\]' "$STORE/calendar.yaml" ||
    fail "import-ics did not confirm 2027: $(grep confirmed_years "$STORE/calendar.yaml")"
hc calendar import-ics "$TMP/2027.ics" >"$TMP/out" || fail "second import-ics failed"
expect_contains "$TMP/out" "years confirmed: 2027"
cp "$TMP/calendar.2026" "$STORE/calendar.yaml"

finish
