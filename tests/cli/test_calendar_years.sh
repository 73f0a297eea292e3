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

# --- calendar show --year ------------------------------------------------------------
# 2026 is confirmed, and its 25 listed dates hold the seven rule holidays.
expect_code 0 hc calendar show --year 2026
expect_contains "$TMP/out" "Holidays 2026 (Asia/Jakarta): confirmed"
expect_contains "$TMP/out" "2026-01-01  Thu  Tahun Baru 2026 Masehi"
expect_code 0 hc --json calendar show --year 2026
jq_is "$(cat "$TMP/out")" '[.year, .confirmed, .provisional_years, (.holidays | length)]' \
    '[2026,true,[],25]'
jq_is "$(cat "$TMP/out")" '[.holidays[].source] | unique' '["list"]'
# 2027 has no list: the seven holidays by rule (Easter 28 March 2027).
expect_code 0 hc calendar show --year 2027
expect_contains "$TMP/out" "Holidays 2027 (Asia/Jakarta): provisional"
expect_contains "$TMP/out" "hostingctl calendar import-ics"
[[ $(grep -c ' rule$' "$TMP/out") == 7 ]] || fail "calendar show --year 2027: $(cat "$TMP/out")"
expect_contains "$TMP/out" "2027-03-26  Fri  Wafat Yesus Kristus"
expect_code 0 hc --json calendar show --year 2027
j=$(cat "$TMP/out")
jq_is "$j" '[.year, .time_zone, .confirmed, .provisional_years]' '[2027,"Asia/Jakarta",false,[2027]]'
jq_is "$j" '[.holidays[] | .date]' \
    '["2027-01-01","2027-03-26","2027-05-01","2027-05-06","2027-06-01","2027-08-17","2027-12-25"]'
jq_is "$j" '.holidays[3]' \
    '{"date":"2027-05-06","weekday":"Thu","name":"Kenaikan Yesus Kristus","source":"rule"}'
expect_code 2 hc calendar show --year 2027 --month 2027-01
expect_code 4 hc calendar show --year 27

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
# A change of configuration: in the audit log once, with before and after
# (the second import changed nothing and left no entry).
expect_code 0 hc --json audit --target calendar
jq -e --arg f "$TMP/2027.ics" 'length == 1 and .[0].what == "calendar.import" and .[0].by == "budi"
       and .[0].before.confirmed_years == ["2026"] and .[0].after.confirmed_years == ["2026", "2027"]
       and (.[0].after.holidays | tonumber) == (.[0].before.holidays | tonumber) + 2
       and .[0].after.file == $f' "$TMP/out" >/dev/null ||
    fail "audit of import-ics: $(cat "$TMP/out")"
# calendar show --year 2027: confirmed, two listed dates among the rule ones.
j=$(hc --json calendar show --year 2027) || fail "calendar show --year 2027 after import failed"
jq_is "$j" '[.confirmed, .provisional_years, (.holidays | length)]' '[true,[],9]'
jq_is "$j" '[.holidays[] | select(.source == "list") | .date]' '["2027-02-05","2027-02-06"]'
# A due time in 2027 no longer warns.
expect_code 0 hc calendar due --from 2026-12-23T10:00
[[ -s $TMP/err ]] && fail "calendar due warned with 2027 confirmed: $(cat "$TMP/err")"
cp "$TMP/calendar.2026" "$STORE/calendar.yaml"

# --- calendar due and elapsed ------------------------------------------------------
# The observed case: Wed 23 Dec 2026 10:00.  Thu 24 (cuti bersama) and Fri 25
# (Christmas) are listed; Mon 28, Tue 29, Wed 30, Thu 31; Fri 1 Jan 2027 is
# New Year's Day by rule -> Mon 4 Jan 2027 15:45, and the answer depends on
# 2027, whose official list is not in.
WARN_2027="hostingctl: warning: the calendar year 2027 is provisional: only the fixed and Easter-based holidays are known; import the official list with 'hostingctl calendar import-ics'"
expect_code 0 hc calendar due --from 2026-12-23T10:00
expect_contains "$TMP/out" "due          2027-01-04T15:45:00+07:00"
expect_contains "$TMP/err" "$WARN_2027"
[[ $(wc -l <"$TMP/err") == 1 ]] || fail "calendar due warned more than once: $(cat "$TMP/err")"
expect_code 0 hc --json calendar due --from 2026-12-23T10:00
jq_is "$(cat "$TMP/out")" '[.due, .provisional_years]' '["2027-01-04T15:45:00+07:00",[2027]]'
expect_contains "$TMP/err" "$WARN_2027"
# Within 2026 nothing depends on a provisional year.
expect_code 0 hc --json calendar due --from 2026-03-17T09:30
jq_is "$(cat "$TMP/out")" .provisional_years '[]'
[[ -s $TMP/err ]] && fail "calendar due within 2026 warned: $(cat "$TMP/err")"
# Thu 25 Mar 2027 08:00 -> Mon 29 Mar 08:00: Thursday's 6.75 h; Fri 26 is
# Good Friday by rule.
expect_code 0 hc --json calendar elapsed --from 2027-03-25T08:00 --to 2027-03-29T08:00
jq_is "$(cat "$TMP/out")" '[.working_hours, .provisional_years]' '[6.75,[2027]]'
expect_code 0 hc --json calendar elapsed --from 2025-12-30T08:00 --to 2028-01-03T08:00
jq_is "$(cat "$TMP/out")" .provisional_years '[2025,2027,2028]'
expect_contains "$TMP/err" "the calendar years 2025, 2027 and 2028 are provisional"
# calendar show of a month in a provisional year.
expect_code 0 hc --json calendar show --month 2027-01
jq_is "$(cat "$TMP/out")" '[.provisional_years, .days[0].working, .days[0].holiday]' \
    '[[2027],false,"Tahun Baru Masehi"]'
expect_contains "$TMP/err" "$WARN_2027"

# --- requests whose clocks count days of a provisional year ---------------------------
# new_request LABEL RECEIVED_AT: prints the new id
new_request() {
    hc --json request new --agency dinkes --letter-number "400.7/$1/2025" \
        --letter-date 2025-12-19 --subject "Permohonan hosting $1" --domain "$1" \
        --received-at "$2" | jq -er .id
}
# deliver ID T1 ... T8: every step to delivery at the given times
deliver() {
    local id=$1
    hc request dispose "$id" --by kadis --at "$2" >/dev/null || fail "$id: dispose failed"
    hc request assign "$id" --by kabid --officer budi --at "$3" >/dev/null || fail "$id: assign failed"
    hc request verify "$id" --complete --at "$4" >/dev/null || fail "$id: verify failed"
    hc request provision "$id" --manual --server web01 --at "$5" >/dev/null || fail "$id: provision failed"
    hc request submit "$id" --at "$6" >/dev/null || fail "$id: submit failed"
    hc request forward "$id" --by kabid --at "$7" >/dev/null || fail "$id: forward failed"
    hc request approve "$id" --by kadis --at "$8" >/dev/null || fail "$id: approve failed"
    hc request deliver "$id" --via email --at "$9" >/dev/null || fail "$id: deliver failed"
}
WARN_2025="the calendar year 2025 is provisional"
# R1: received Mon 22 Dec 2025 10:00, delivered Mon 5 Jan 2026 09:00.  2025
# has no list: only Christmas (Thu 25) is known -> Tue 23, Wed 24, Fri 26,
# Mon 29, Tue 30 -> due Tue 30 Dec 2025 15:45.
R1=$(new_request akhir "2025-12-22T10:00") || fail "request R1 not created"
deliver "$R1" 2025-12-22T10:30 2025-12-22T11:00 2025-12-23T09:00 2025-12-23T10:00 \
    2025-12-23T11:00 2025-12-23T13:30 2025-12-23T14:00 2026-01-05T09:00
# R2: all in November 2026.
R2=$(hc --json request new --agency dinkes --letter-number "400.7/nov/2026" \
    --letter-date 2026-11-16 --subject "Permohonan hosting nov" --domain nov \
    --received-at 2026-11-18T14:00 | jq -er .id) || fail "request R2 not created"
deliver "$R2" 2026-11-18T14:30 2026-11-18T15:00 2026-11-19T08:30 2026-11-19T10:00 \
    2026-11-19T11:00 2026-11-19T13:30 2026-11-19T15:00 2026-11-20T10:00

expect_code 0 hc --json request show "$R1"
jq_is "$(cat "$TMP/out")" '[.sla.due, .sla.breached, .sla.provisional_years]' \
    '["2025-12-30T15:45:00+07:00",true,[2025]]'
expect_contains "$TMP/err" "$WARN_2025"
expect_code 0 hc request show "$R1"
expect_contains "$TMP/err" "$WARN_2025"
expect_code 0 hc --json request show "$R2"
jq_is "$(cat "$TMP/out")" .sla.provisional_years '[]'
[[ -s $TMP/err ]] && fail "request show of a 2026 request warned: $(cat "$TMP/err")"
expect_code 0 hc request list --status delivered
[[ $(wc -l <"$TMP/err") == 1 ]] || fail "request list did not warn once: $(cat "$TMP/err")"
expect_contains "$TMP/err" "$WARN_2025"
expect_code 0 hc --json request list
jq_is "$(cat "$TMP/out")" '[.[] | .sla.provisional_years]' '[[2025],[]]'
# Only the rows the list looked at count.
expect_code 0 hc request list --from 2026-01-01
[[ -s $TMP/err ]] && fail "request list of 2026 requests warned: $(cat "$TMP/err")"

# --- reports -------------------------------------------------------------------------
# R3: received Mon 22 Dec 2025 10:00 and still open: report sla looks at it.
R3=$(new_request terbuka "2025-12-22T10:00") || fail "request R3 not created"
hc request dispose "$R3" --by kadis --at 2025-12-22T10:30 >/dev/null || fail "R3: dispose failed"
expect_code 0 hc --json report sla
jq_is "$(cat "$TMP/out")" '.provisional_years | index(2025)' 0
expect_contains "$TMP/err" "$WARN_2025"
expect_code 0 hc report sla
expect_contains "$TMP/out" "Note: the calendar year"
expect_contains "$TMP/out" "provisional: only the fixed and Easter-based holidays are known"
expect_code 0 hc report quarterly --year 2025 --quarter 4 --format json --stdout
jq_is "$(cat "$TMP/out")" '.provisional_years | index(2025)' 0
expect_contains "$TMP/err" "$WARN_2025"
expect_code 0 hc report quarterly --year 2025 --quarter 4 --format md --stdout
# The document says so in its own words (Indonesian by default).
expect_contains "$TMP/out" "> Kalender hari libur tahun 2025 belum resmi"
expect_contains "$TMP/err" "$WARN_2025"
expect_code 0 hc report quarterly --year 2025 --quarter 4 --format html --stdout
expect_contains "$TMP/out" '<p class="note">Kalender hari libur tahun 2025 belum resmi'
# Q4 2026: R2 only, counted over 2026 alone.
expect_code 0 hc report quarterly --year 2026 --quarter 4 --format json --stdout
jq_is "$(cat "$TMP/out")" .provisional_years '[]'
[[ -s $TMP/err ]] && fail "report quarterly of 2026 warned: $(cat "$TMP/err")"
expect_code 0 hc report quarterly --year 2026 --quarter 4 --format md --stdout
grep -q "Provisional" "$TMP/out" && fail "the 2026 report has a provisional note"

# --- importing the 2025 list -----------------------------------------------------------
# With Fri 26 Dec 2025 as cuti bersama, R1's working days after Mon 22 are
# Tue 23, Wed 24, Mon 29, Tue 30, Wed 31 -> due Wed 31 Dec 2025 15:45, and
# nothing depends on a provisional year any more.
printf '%s\r\n' "BEGIN:VCALENDAR" "VERSION:2.0" \
    "BEGIN:VEVENT" "DTSTART;VALUE=DATE:20251226" "SUMMARY:Cuti bersama Hari Raya Natal" "END:VEVENT" \
    "END:VCALENDAR" >"$TMP/2025.ics"
hc calendar import-ics "$TMP/2025.ics" >/dev/null || fail "calendar import-ics 2025 failed"
expect_code 0 hc --json request show "$R1"
jq_is "$(cat "$TMP/out")" '[.sla.due, .sla.provisional_years]' '["2025-12-31T15:45:00+07:00",[]]'
[[ -s $TMP/err ]] && fail "request show warned after the import: $(cat "$TMP/err")"
cp "$TMP/calendar.2026" "$STORE/calendar.yaml"

# --- a calendar.yaml written before confirmed_years ----------------------------------
# Without the key, the years with listed holidays (2026) are confirmed.
grep -v '^confirmed_years:' "$TMP/calendar.2026" >"$STORE/calendar.yaml"
grep -q '^confirmed_years:' "$STORE/calendar.yaml" && fail "could not remove confirmed_years"
expect_code 0 hc --json calendar due --from 2026-03-17T09:30
jq_is "$(cat "$TMP/out")" .provisional_years '[]'
[[ -s $TMP/err ]] && fail "an old calendar.yaml: a 2026 answer warned: $(cat "$TMP/err")"
expect_code 0 hc calendar due --from 2026-12-23T10:00
expect_contains "$TMP/err" "$WARN_2027"
expect_code 0 hc --json calendar show --year 2026
jq_is "$(cat "$TMP/out")" '[.confirmed, (.holidays | length)]' '[true,25]'
expect_code 0 hc --json calendar show --year 2027
jq_is "$(cat "$TMP/out")" .confirmed false
cp "$TMP/calendar.2026" "$STORE/calendar.yaml"

finish
