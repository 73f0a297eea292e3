#!/usr/bin/env bash
# Calendar and SLA arithmetic of PRODUCT §5 through the real binary: due
# times and working time on the shipped 2026 calendar, importing holidays
# from an iCalendar file, refusing a damaged calendar.yaml without touching
# it, and the SLA clock shown by `request show` and `request list`.
# Standard hours: Mon-Thu 08:00-12:00, 13:00-15:45 (6.75 h); Fri 08:00-11:00
# (3 h); WIB.  All expectations are worked out by hand in the comments.
source "$(dirname "$0")/lib.sh"


office_store

# jq_is JSON FILTER EXPECTED: the jq -c result of FILTER must be EXPECTED.
jq_is() {
    local got
    got=$(jq -c "$2" <<<"$1") || { fail "jq '$2' failed on: $(head -c 300 <<<"$1")"; return; }
    [[ $got == "$3" ]] || fail "$2 is $got, expected $3"
}
# jq_true JSON FILTER: the jq filter must hold.
jq_true() {
    jq -e "$2" <<<"$1" >/dev/null || fail "not true: $2 on $(head -c 600 <<<"$1")"
}

# --- calendar due ------------------------------------------------------------
# Tue 17 Mar 09:30 is inside hours; the working days after it skip the whole
# 18-24 March block (Nyepi, Idul Fitri, cuti bersama): Wed 25, Thu 26, Fri 27,
# Mon 30, Tue 31 -> due Tue 31 March 15:45.
j=$(hc --json calendar due --from 2026-03-17T09:30) || fail "calendar due failed"
jq_is "$j" .start '"2026-03-17T09:30:00+07:00"'
jq_is "$j" .due '"2026-03-31T15:45:00+07:00"'
jq_is "$j" .days 5

# Sat 28 Nov: the clock starts Mon 30 08:00; Tue 1, Wed 2, Thu 3, Fri 4,
# Mon 7 Dec -> due Mon 7 Dec 15:45.
j=$(hc --json calendar due --from 2026-11-28T10:00) || fail "calendar due (Saturday) failed"
jq_is "$j" .start '"2026-11-30T08:00:00+07:00"'
jq_is "$j" .due '"2026-12-07T15:45:00+07:00"'

# Fri 27 Nov 10:00 with --days 2: Mon 30, Tue 1 Dec -> Tue 1 Dec 15:45.
j=$(hc --json calendar due --from 2026-11-27T10:00 --days 2) || fail "calendar due --days 2 failed"
jq_is "$j" .due '"2026-12-01T15:45:00+07:00"'

# Wed 23 Dec 10:00: Thu 24 (cuti bersama) and Fri 25 (Christmas) are listed;
# Mon 28, Tue 29, Wed 30, Thu 31, and Fri 1 Jan 2027 is New Year's Day by
# rule although the calendar lists only 2026 -> Mon 4 Jan 2027 15:45, with a
# warning that 2027 is provisional (more in test_calendar_years.sh).
j=$(hc --json calendar due --from 2026-12-23T10:00 2>"$TMP/err") || fail "calendar due (new year) failed"
jq_is "$j" .due '"2027-01-04T15:45:00+07:00"'
jq_is "$j" .provisional_years '[2027]'
expect_contains "$TMP/err" "the calendar year 2027 is provisional"

# Human output names both times.
hc calendar due --from 2026-03-17T09:30 >"$TMP/due" || fail "calendar due (text) failed"
expect_contains "$TMP/due" "2026-03-31T15:45:00+07:00"

expect_code 4 hc calendar due --from "not a time"
expect_code 4 hc calendar due --from 2026-03-17T09:30 --days 61
expect_code 4 hc calendar due --from 2026-03-17T09:30 --days 0
expect_contains "$TMP/err" "--days 0"

# --- calendar elapsed ---------------------------------------------------------
# Tue 24 Nov 11:00 -> 14:00: 11:00-12:00 + 13:00-14:00 = 2 h = 7200 s;
# 2/6.75 = 0.296 of a day -> 0.3.
j=$(hc --json calendar elapsed --from 2026-11-24T11:00 --to 2026-11-24T14:00) ||
    fail "calendar elapsed failed"
jq_true "$j" '.working_hours == 2'
jq_true "$j" '.working_seconds == 7200'
jq_true "$j" '.working_days == 0.3'

# Fri 27 Nov 10:00 -> Mon 30 09:00: Fri 1 h + Mon 1 h = 2 h; the days are
# 1/3 of Friday + 1/6.75 of Monday = 0.333 + 0.148 = 0.48.
j=$(hc --json calendar elapsed --from 2026-11-27T10:00 --to 2026-11-30T09:00) ||
    fail "calendar elapsed (weekend) failed"
jq_true "$j" '.working_hours == 2'
jq_true "$j" '.working_days == 0.48'

# Tue 17 Mar 13:00 -> Wed 25 Mar 09:00: 2.75 h + (18-24 closed) + 1 h = 3.75 h.
j=$(hc --json calendar elapsed --from 2026-03-17T13:00 --to 2026-03-25T09:00) ||
    fail "calendar elapsed (March block) failed"
jq_true "$j" '.working_hours == 3.75'

expect_code 4 hc calendar elapsed --from 2026-11-24T14:00 --to 2026-11-24T11:00

# --- calendar show -------------------------------------------------------------
hc calendar show --month 2026-03 >"$TMP/march" || fail "calendar show failed"
grep -n " $" "$TMP/march" && fail "calendar show leaves blanks at the ends of lines: $(grep -n " $" "$TMP/march" | head -3)"
expect_contains "$TMP/march" "Idul Fitri"
expect_contains "$TMP/march" "Nyepi"
# March 2026 has 22 weekdays (Sun 1 Mar; 2-6, 9-13, 16-20, 23-27, 30-31);
# 18, 19, 20, 23 and 24 are weekday holidays -> 17 working days.
expect_contains "$TMP/march" "17 working days"
j=$(hc --json calendar show --month 2026-03) || fail "calendar show --json failed"
jq_is "$j" '.days | length' 31
jq_is "$j" '[.days[] | select(.working)] | length' 17
jq_is "$j" '.days[18] | [.date, .weekday, .working]' '["2026-03-19","Thu",false]'
jq_is "$j" '.days[16] | [.date, .working, .intervals]' '["2026-03-17",true,["08:00-12:00","13:00-15:45"]]'
jq_is "$j" '.days[19] | .intervals' '[]'
jq_true "$j" '.days[20].holiday | test("Idul Fitri")'
jq_is "$j" '.sla' '{"working_days":5,"target_days":2}'
expect_code 4 hc calendar show --month 2026-13

# --- the SLA clock of requests ---------------------------------------------------
# new_request LABEL RECEIVED_AT: prints the new id
new_request() {
    hc --json request new --agency dinkes --letter-number "400.7/$1/2026" \
        --letter-date 2026-11-13 --subject "Permohonan hosting $1" --domain "$1" \
        --received-at "$2" | jq -er .id
}
# to_approved ID T1 ... T7: dispose, assign, verify, provision, submit,
# forward, approve at the given times
to_approved() {
    local id=$1
    hc request dispose "$id" --by kadis --at "$2" >/dev/null || fail "$id: dispose failed"
    hc request assign "$id" --by kabid --officer budi --at "$3" >/dev/null || fail "$id: assign failed"
    hc request verify "$id" --complete --at "$4" >/dev/null || fail "$id: verify failed"
    hc request provision "$id" --manual --server web01 --at "$5" >/dev/null || fail "$id: provision failed"
    hc request submit "$id" --at "$6" >/dev/null || fail "$id: submit failed"
    hc request forward "$id" --by kabid --at "$7" >/dev/null || fail "$id: forward failed"
    hc request approve "$id" --by kadis --at "$8" >/dev/null || fail "$id: approve failed"
}

# A: received Mon 16 Nov 10:00 and never finished.  The 5 working days after
# Mon 16 are 17, 18, 19, 20, 23 -> due Mon 23 Nov 15:45; it is late now.
A=$(new_request late "2026-11-16T10:00") || fail "request A not created"
hc request dispose "$A" --by kadis --at 2026-11-16T10:30 >/dev/null || fail "A: dispose failed"
hc request assign "$A" --by kabid --officer budi --at 2026-11-16T11:00 >/dev/null ||
    fail "A: assign failed"
j=$(hc --json request show "$A") || fail "request show A failed"
for key in start due elapsed_working_hours remaining_working_hours paused_working_hours \
    breached within_target; do
    jq_true "$j" ".sla | has(\"$key\")"
done
jq_is "$j" .sla.start '"2026-11-16T10:00:00+07:00"'
jq_is "$j" .sla.due '"2026-11-23T15:45:00+07:00"'
jq_is "$j" .sla.breached true
jq_is "$j" .sla.within_target false
jq_is "$j" .sla.running true
jq_true "$j" '.sla.paused_working_hours == 0'
# As of Sat 28 Nov (or later) at least Mon 16 10:00-15:45 (4.75) + Tue-Thu
# (20.25) + Fri 20 (3) + Mon 23-Thu 26 (27) + Fri 27 (3) = 58 h have elapsed,
# of which start -> due is 4.75 + 20.25 + 3 + 6.75 = 34.75 h; so
# elapsed + remaining = 34.75 whatever the day.  Both are rounded to
# hundredths, so the sum is 34.75 to the cent, but adding the two binary
# fractions can miss 34.75 by a rounding step: compare within a thousandth.
jq_true "$j" '.sla.elapsed_working_hours >= 58'
jq_true "$j" '.sla.remaining_working_hours <= -23.25'
jq_true "$j" '(.sla.elapsed_working_hours + .sla.remaining_working_hours - 34.75) | (. < 0.001 and . > -0.001)'
hc request show "$A" >"$TMP/showA" || fail "request show A (text) failed"
expect_contains "$TMP/showA" "[late]"

# B: received Wed 18 Nov 10:00; incomplete Thu 19 14:00 -> resumed Tue 24 10:00
# (a pause across a weekend); delivered Thu 26 10:00.
# Paused: Thu 19 14:00-15:45 (1.75) + Fri 20 (3) + Mon 23 (6.75)
#   + Tue 24 08:00-10:00 (2) = 13.5 h.
# Due without pause: 19, 20, 23, 24, 25 -> Wed 25 15:45; + 13.5 h: Thu 26 (6.75)
#   + Fri 27 (3) + 3.75 h of Mon 30 -> Mon 30 Nov 11:45.
# Working time Wed 18 10:00 -> Thu 26 10:00: 4.75 + 6.75 + 3 + 6.75 + 6.75
#   + 6.75 + 2 = 36.75 h; elapsed 36.75 - 13.5 = 23.25 h.
# Remaining at delivery: Thu 26 10:00-15:45 (4.75) + Fri 27 (3) + Mon 30
#   08:00-11:45 (3.75) = 11.5 h.
# Target: Thu 19, Fri 20 -> Fri 20 11:00, + 13.5 h = Mon 23 + Tue 24 ->
#   Tue 24 15:45; delivered later -> not within target.
B=$(new_request jeda "2026-11-18T10:00") || fail "request B not created"
hc request dispose "$B" --by kadis --at 2026-11-18T10:15 >/dev/null || fail "B: dispose failed"
hc request assign "$B" --by kabid --officer budi --at 2026-11-18T10:30 >/dev/null ||
    fail "B: assign failed"
hc request verify "$B" --incomplete --missing "surat kuasa" --at 2026-11-19T14:00 >/dev/null ||
    fail "B: verify --incomplete failed"
j=$(hc --json request show "$B") || fail "request show B failed"
jq_is "$j" .sla.paused true
hc request resume "$B" --at 2026-11-24T10:00 >/dev/null || fail "B: resume failed"
j=$(hc --json request show "$B") || fail "request show B failed"
jq_true "$j" '.sla.paused_working_hours == 13.5'
jq_is "$j" .sla.paused false
hc request verify "$B" --complete --at 2026-11-24T11:00 >/dev/null || fail "B: verify failed"
hc request provision "$B" --manual --server web01 --at 2026-11-24T13:00 >/dev/null ||
    fail "B: provision failed"
hc request submit "$B" --at 2026-11-24T13:30 >/dev/null || fail "B: submit failed"
hc request forward "$B" --by kabid --at 2026-11-24T14:00 >/dev/null || fail "B: forward failed"
hc request approve "$B" --by kadis --at 2026-11-24T14:30 >/dev/null || fail "B: approve failed"
hc request deliver "$B" --via email --at 2026-11-26T10:00 >/dev/null || fail "B: deliver failed"
j=$(hc --json request show "$B") || fail "request show B failed"
jq_is "$j" .sla.start '"2026-11-18T10:00:00+07:00"'
jq_is "$j" .sla.due '"2026-11-30T11:45:00+07:00"'
jq_is "$j" .sla.target_due '"2026-11-24T15:45:00+07:00"'
jq_true "$j" '.sla.paused_working_hours == 13.5'
jq_true "$j" '.sla.elapsed_working_hours == 23.25'
jq_true "$j" '.sla.remaining_working_hours == 11.5'
jq_is "$j" .sla.breached false
jq_is "$j" .sla.within_target false
jq_is "$j" .sla.running false
jq_is "$j" .sla.stopped_at '"2026-11-26T10:00:00+07:00"'

# C: received Wed 18 Nov 14:00, delivered Fri 20 10:00.  Target: Thu 19,
# Fri 20 -> Fri 20 11:00, so within target.  Due: 19, 20, 23, 24, 25 ->
# Wed 25 15:45.  Elapsed: Wed 14:00-15:45 (1.75) + Thu (6.75) + Fri
# 08:00-10:00 (2) = 10.5 h.
C=$(new_request cepat "2026-11-18T14:00") || fail "request C not created"
to_approved "$C" 2026-11-18T14:30 2026-11-18T15:00 2026-11-19T08:30 2026-11-19T10:00 \
    2026-11-19T11:00 2026-11-19T13:30 2026-11-19T15:00
hc request deliver "$C" --via hand --at 2026-11-20T10:00 >/dev/null || fail "C: deliver failed"
j=$(hc --json request show "$C") || fail "request show C failed"
jq_is "$j" .sla.due '"2026-11-25T15:45:00+07:00"'
jq_is "$j" .sla.target_due '"2026-11-20T11:00:00+07:00"'
jq_true "$j" '.sla.elapsed_working_hours == 10.5'
jq_true "$j" '.sla.paused_working_hours == 0'
jq_is "$j" .sla.breached false
jq_is "$j" .sla.within_target true

# E: received Mon 16 Nov 10:00 (due Mon 23 15:45), delivered Tue 24 09:00:
# late by Tue 08:00-09:00 = 1 h.  Elapsed: 4.75 + 20.25 + 3 + 6.75 + 1 = 35.75 h.
E=$(new_request telat "2026-11-16T10:00") || fail "request E not created"
to_approved "$E" 2026-11-16T10:30 2026-11-16T11:00 2026-11-17T09:00 2026-11-18T09:00 \
    2026-11-19T09:00 2026-11-20T09:00 2026-11-23T09:00
hc request deliver "$E" --via letter --at 2026-11-24T09:00 >/dev/null || fail "E: deliver failed"
j=$(hc --json request show "$E") || fail "request show E failed"
jq_is "$j" .sla.due '"2026-11-23T15:45:00+07:00"'
jq_is "$j" .sla.breached true
jq_is "$j" .sla.within_target false
jq_true "$j" '.sla.elapsed_working_hours == 35.75'
jq_true "$j" '.sla.remaining_working_hours == -1'

# D: received just now: 5 whole working days to go (each 3 h or more, so at
# least 15 h), never overdue.
D=$(hc --json request new --agency dinkes --letter-number "400.7/baru/2026" \
    --letter-date 2026-11-13 --subject "Permohonan hosting baru" --domain baru | jq -er .id) ||
    fail "request D not created"
j=$(hc --json request show "$D") || fail "request show D failed"
jq_is "$j" .sla.breached false
jq_true "$j" '.sla.remaining_working_hours >= 15'

# --overdue lists the running late request only: B and C were on time, E's
# clock has stopped (delivered), D was just received.
got=$(hc --json request list --overdue | jq -r '[.[].id] | join(" ")') || fail "list --overdue failed"
[[ $got == "$A" ]] || fail "request list --overdue gave '$got', expected '$A'"
hc request list --overdue >"$TMP/overdue" || fail "list --overdue (text) failed"
expect_contains "$TMP/overdue" "$A"
for other in "$B" "$C" "$D" "$E"; do
    grep -qF -- "$other" "$TMP/overdue" && fail "list --overdue shows $other"
done
# --due-within 2d (13.5 working hours): A (late) only; D has 15 h or more left.
got=$(hc --json request list --due-within 2d | jq -r '[.[].id] | join(" ")') ||
    fail "list --due-within failed"
[[ $got == "$A" ]] || fail "request list --due-within 2d gave '$got', expected '$A'"
expect_code 4 hc request list --due-within soon

# --- import-ics ----------------------------------------------------------------
# Before: Thu 26 Nov 10:00 -> Fri 27, Mon 30, Tue 1, Wed 2, Thu 3 -> Thu 3 Dec 15:45.
j=$(hc --json calendar due --from 2026-11-26T10:00) || fail "calendar due failed"
jq_is "$j" .due '"2026-12-03T15:45:00+07:00"'
# A 2-day local holiday Mon 30 Nov - Tue 1 Dec (DTEND exclusive), Christmas
# (already listed) and a timed meeting (ignored).
printf '%s\r\n' "BEGIN:VCALENDAR" "VERSION:2.0" \
    "BEGIN:VEVENT" "DTSTART;VALUE=DATE:20261130" "DTEND;VALUE=DATE:20261202" \
    "SUMMARY:Libur daerah\\, Hari Jadi" "  Kota" "END:VEVENT" \
    "BEGIN:VEVENT" "DTSTART;VALUE=DATE:20261225" "SUMMARY:Natal" "END:VEVENT" \
    "BEGIN:VEVENT" "DTSTART:20261203T020000Z" "DTEND:20261203T030000Z" "SUMMARY:Rapat" "END:VEVENT" \
    "END:VCALENDAR" >"$TMP/daerah.ics"
j=$(hc --json calendar import-ics "$TMP/daerah.ics") || fail "calendar import-ics failed"
# 3 all-day dates (30 Nov, 1 Dec, 25 Dec); 2 new; 25 + 2 = 27 holidays.
jq_is "$j" .events 3
jq_is "$j" .added 2
jq_is "$j" .holidays 27
expect_contains "$STORE/calendar.yaml" "Libur daerah, Hari Jadi Kota"
# After: Fri 27, (Mon 30, Tue 1 closed), Wed 2, Thu 3, Fri 4, Mon 7 -> Mon 7 Dec 15:45.
j=$(hc --json calendar due --from 2026-11-26T10:00) || fail "calendar due after import failed"
jq_is "$j" .due '"2026-12-07T15:45:00+07:00"'
j=$(hc --json calendar show --month 2026-11) || fail "calendar show 2026-11 failed"
jq_is "$j" '.days[29] | [.date, .working, .holiday]' '["2026-11-30",false,"Libur daerah, Hari Jadi Kota"]'
# Importing the same file again adds nothing.
j=$(hc --json calendar import-ics "$TMP/daerah.ics") || fail "second import-ics failed"
jq_is "$j" .added 0
jq_is "$j" .holidays 27
# Christmas keeps the name it had.
j=$(hc --json calendar show --month 2026-12) || fail "calendar show 2026-12 failed"
jq_is "$j" '.days[24].holiday' '"Hari Raya Natal"'

# What is no calendar, or a broken one, is refused and changes nothing.
cp "$STORE/calendar.yaml" "$TMP/calendar.before"
echo hello >"$TMP/hello.ics"
expect_code 4 hc calendar import-ics "$TMP/hello.ics"
expect_contains "$TMP/err" "is not an iCalendar file"
expect_code 4 hc calendar import-ics /dev/zero
expect_contains "$TMP/err" "is not a regular file"
expect_code 4 hc calendar import-ics "$TMP"
head -c 6000000 /dev/zero >"$TMP/big.ics"
expect_code 4 hc calendar import-ics "$TMP/big.ics"
expect_contains "$TMP/err" "is larger than 5 MB"
printf '%s\r\n' "BEGIN:VCALENDAR" "BEGIN:VEVENT" "DTSTART;VALUE=DATE:20270105" "SUMMARY:Lupa" \
    >"$TMP/open.ics"
expect_code 4 hc calendar import-ics "$TMP/open.ics"
expect_contains "$TMP/err" "has no END:VEVENT"
printf '%s\r\n' "BEGIN:VCALENDAR" "BEGIN:VEVENT" "DTSTART;VALUE=DATE:20270105" \
    "DTEND;VALUE=DATE:20270103" "SUMMARY:Terbalik" "END:VEVENT" "END:VCALENDAR" >"$TMP/back.ics"
expect_code 4 hc calendar import-ics "$TMP/back.ics"
expect_contains "$TMP/err" "ends before it starts"
printf '%s\r\n' "BEGIN:VCALENDAR" "BEGIN:VEVENT" "SUMMARY:Tanpa tanggal" "END:VEVENT" \
    "END:VCALENDAR" >"$TMP/nodate.ics"
expect_code 4 hc calendar import-ics "$TMP/nodate.ics"
expect_contains "$TMP/err" "has no valid DTSTART"
cmp -s "$STORE/calendar.yaml" "$TMP/calendar.before" || fail "a refused import changed calendar.yaml"

# --- a damaged calendar.yaml ------------------------------------------------------
# Monday's afternoon interval made to overlap the morning one.
cp "$STORE/calendar.yaml" "$TMP/calendar.good"
line=$(grep -n '^[[:space:]]*monday:' "$STORE/calendar.yaml" | cut -d: -f1)
[[ -n $line ]] || fail "no monday: line in calendar.yaml"
sed -i "${line}s/13:00-15:45/11:00-15:45/" "$STORE/calendar.yaml"
grep -q '11:00-15:45' "$STORE/calendar.yaml" || fail "could not damage calendar.yaml"
cp "$STORE/calendar.yaml" "$TMP/calendar.bad"
expect_code 7 hc calendar due --from 2026-11-26T10:00
expect_contains "$TMP/err" "calendar.yaml:$line"
expect_contains "$TMP/err" "overlap"
cmp -s "$STORE/calendar.yaml" "$TMP/calendar.bad" || fail "calendar due changed a damaged calendar.yaml"
expect_code 7 hc request show "$A"
expect_contains "$TMP/err" "calendar.yaml"
expect_code 7 hc calendar import-ics "$TMP/daerah.ics"
expect_code 7 hc calendar show --month 2026-03
cmp -s "$STORE/calendar.yaml" "$TMP/calendar.bad" || fail "a damaged calendar.yaml was rewritten"
# A mistyped key is refused, not ignored (the holidays would be lost).
sed 's/^holidays:/holiday:/' "$TMP/calendar.good" >"$STORE/calendar.yaml"
expect_code 7 hc calendar due --from 2026-11-26T10:00
expect_contains "$TMP/err" "'holiday' is not a key of calendar.yaml; did you mean 'holidays'?"
# Restored, everything works again.
cp "$TMP/calendar.good" "$STORE/calendar.yaml"
hc calendar due --from 2026-11-26T10:00 >/dev/null || fail "calendar due after restore failed"

# One office, one zone: a calendar in another zone than hostingctl.yaml would
# count a letter on another day than the one it was stored on.
sed -i 's|^time_zone: .*|time_zone: Asia/Makassar|' "$STORE/calendar.yaml"
cp "$STORE/calendar.yaml" "$TMP/calendar.bad"
expect_code 7 hc request list
expect_contains "$TMP/err" "Asia/Makassar"
expect_contains "$TMP/err" "hostingctl.yaml"
expect_code 7 hc calendar show --month 2026-03
cmp -s "$STORE/calendar.yaml" "$TMP/calendar.bad" || fail "calendar.yaml in another zone was rewritten"
cp "$TMP/calendar.good" "$STORE/calendar.yaml"
hc request list >/dev/null || fail "request list after restoring the zone failed"

finish
