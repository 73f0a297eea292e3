#!/usr/bin/env bash
# `report sla` (PRODUCT §5, §9): the daily watch list and its exit codes.
# The tool measures against the real current time, so every request here is
# built to give the same answer on any day after 2026-11-28:
#   - F is received now: its due time is at least 5 working days away;
#   - S1, S2, S3 were received on Mon 2 Nov 2026, worked on for a while, then
#     paused (incomplete) until now: paused time pushes the due time back by
#     exactly the working time paused, so the working time left after the
#     resume is the 5-day allowance minus the working time used before the
#     pause, whatever the date;
#   - L was received on Mon 2 Nov 2026 and is never delivered: late forever.
# Service hours: Mon-Thu 08:00-12:00 + 13:00-15:45 = 6.75 h, Fri 08:00-11:00 = 3 h.
source "$(dirname "$0")/lib.sh"

office_store

# new_request LABEL [extra options]: prints the new id
new_request() {
    local label=$1; shift
    hc --json request new --agency dinkes --letter-number "400.7/$label/2026" \
        --letter-date 2026-11-02 --subject "Permohonan hosting $label" --domain "$label" "$@" |
        jq -er .id
}
step() {
    local verb=$1 id=$2; shift 2
    hc request "$verb" "$id" "$@" >/dev/null || fail "request $verb $id $* failed"
}
# quiet_report [options]: stdout of `-q report sla` into $TMP/q
quiet_report() { hc -q report sla "$@" >"$TMP/q" || true; }

# --- nothing open at all ------------------------------------------------------
expect_code 0 hc report sla --fail-on-breach
quiet_report
[[ ! -s $TMP/q ]] || fail "-q report sla on an empty store printed: $(cat "$TMP/q")"

# --- one fresh request: open, not late ----------------------------------------
F=$(new_request baru)
expect_code 0 hc report sla --fail-on-breach
quiet_report
[[ ! -s $TMP/q ]] || fail "-q report sla printed with nothing late: $(cat "$TMP/q")"
hc report sla >"$TMP/plain" || fail "report sla failed"
expect_contains "$TMP/plain" "$F"
j=$(hc --json report sla) || fail "--json report sla failed"
[[ $(jq -c '[.late, .due_soon, [.requests[].id]]' <<<"$j") == "[0,0,[\"$F\"]]" ]] ||
    fail "--json report sla with one fresh request: $(jq -c . <<<"$j")"
[[ $(jq -r '.requests[0].sla.breached' <<<"$j") == false ]] || fail "$F is breached"
# At least 5 working days (> 13.5 h) are left: not due within 2 days.
j=$(hc --json report sla --due-within 2d) || fail "--json report sla --due-within 2d failed"
[[ $(jq -c '[.late, .due_soon, (.requests | length)]' <<<"$j") == "[0,0,0]" ]] ||
    fail "$F counted as due within 2d: $(jq -c . <<<"$j")"

# --- three requests near the 2-day line ----------------------------------------
# Received Mon 2 Nov 08:00 (the clock starts then).  The allowance: due = close of
# the 5th working day after 2 Nov = 3, 4, 5, 6, 9 Nov -> Mon 9 Nov 15:45;
# working time from the start: 2, 3, 4, 5 Nov 4 x 6.75 = 27 + Fri 6 Nov 3
# + 9 Nov 6.75 = 36.75 h.
# Used before the pause (2, 3, 4 Nov = 20.25 h, plus Thu 5 Nov from 08:00):
#   S1 paused 5 Nov 12:00: 20.25 + 4 = 24.25 -> 36.75 - 24.25 = 12.5 h left
#   S3 paused 5 Nov 11:00: 20.25 + 3 = 23.25 -> 13.5 h left (exactly 2 x 6.75)
#   S2 paused 5 Nov 10:00: 20.25 + 2 = 22.25 -> 14.5 h left
# "2d" = 2 x the longest service day (6.75 h) = 13.5 working hours: S1 and S3
# are due within 2d, S2 is not.  (A few seconds pass between the resume and the
# report; when that is during service hours, the time left shrinks by as much.)
paused_request() { # VAR LABEL PAUSE_AT: sets VAR to the new id
    local id
    id=$(new_request "$2" --received-at 2026-11-02T08:00) || fail "request new $2 failed"
    step dispose "$id" --by kadis --at 2026-11-02T08:00
    step assign "$id" --by kabid --officer budi --at 2026-11-02T08:00
    step verify "$id" --incomplete --missing "surat kuasa" --at "$3"
    step resume "$id" # now
    printf -v "$1" '%s' "$id"
}
paused_request S1 sisatu 2026-11-05T12:00
paused_request S2 sidua 2026-11-05T10:00
paused_request S3 sitiga 2026-11-05T11:00

expect_code 0 hc report sla --fail-on-breach
expect_code 0 hc report sla --fail-on-breach --due-within 2d
# Without --due-within nothing needs attention, so -q stays silent.
quiet_report
[[ ! -s $TMP/q ]] || fail "-q report sla printed with nothing late: $(cat "$TMP/q")"
# With it, S1 and S3 need attention.
quiet_report --due-within 2d
expect_contains "$TMP/q" "$S1"
expect_contains "$TMP/q" "$S3"
grep -qF "$S2" "$TMP/q" && fail "-q report sla --due-within 2d lists $S2 (14.5 h left)"
grep -qF "$F" "$TMP/q" && fail "-q report sla --due-within 2d lists the fresh $F"

j=$(hc --json report sla --due-within 2d) || fail "--json report sla --due-within 2d failed"
# Most urgent first: S1 (12.5 h) then S3 (13.5 h).
[[ $(jq -c '[.late, .due_soon, [.requests[].id]]' <<<"$j") == "[0,2,[\"$S1\",\"$S3\"]]" ]] ||
    fail "--due-within 2d: $(jq -c '[.late, .due_soon, [.requests[] | [.id, .sla.remaining_working_hours]]]' <<<"$j")"
jq -e '.requests[0].sla | .remaining_working_hours > 12.4 and .remaining_working_hours <= 12.5
       and .breached == false and .running == true and .paused == false
       and .elapsed_working_hours >= 24.25 and .elapsed_working_hours < 24.35' <<<"$j" >/dev/null ||
    fail "S1's clock: $(jq -c '.requests[0].sla' <<<"$j")"
jq -e '.requests[1].sla | .remaining_working_hours > 13.4 and .remaining_working_hours <= 13.5
       and .elapsed_working_hours == 23.25' <<<"$j" >/dev/null ||
    fail "S3's clock: $(jq -c '.requests[1].sla' <<<"$j")"
# 14.5 h is outside 2d but inside 15h.
j=$(hc --json report sla --due-within 15h) || fail "--due-within 15h failed"
[[ $(jq -c '[.due_soon, [.requests[].id]]' <<<"$j") == "[3,[\"$S1\",\"$S3\",\"$S2\"]]" ]] ||
    fail "--due-within 15h: $(jq -c '[.requests[] | [.id, .sla.remaining_working_hours]]' <<<"$j")"
expect_code 4 hc report sla --due-within soon
expect_code 4 hc report sla --due-within 2w

# --- a late request ----------------------------------------------------------------
# Received Mon 2 Nov 09:00, disposed, never delivered: due 9 Nov 15:45, late ever since.
L=$(new_request telat --received-at 2026-11-02T09:00)
step dispose "$L" --by kadis --at 2026-11-02T10:00

expect_code 11 hc report sla --fail-on-breach
expect_contains "$TMP/err" "1 request is past its SLA due time"
expect_code 11 hc report sla --fail-on-breach --due-within 2d
expect_code 0 hc report sla # without --fail-on-breach
quiet_report
expect_contains "$TMP/q" "$L"
expect_contains "$TMP/q" "late"

j=$(hc --json report sla) || fail "--json report sla failed"
[[ $(jq -r .late <<<"$j") == 1 ]] || fail "--json late is $(jq -r .late <<<"$j"), expected 1"
# The late one is the most urgent (negative time left), so it comes first.
[[ $(jq -r '.requests[0].id' <<<"$j") == "$L" ]] || fail "the late request is not listed first"
jq -e --arg id "$L" '.requests[] | select(.id == $id) | .sla.breached == true and .mark == "late"
       and .sla.due == "2026-11-09T15:45:00+07:00" and .sla.remaining_working_hours < 0
       and .status == "disposed"' <<<"$j" >/dev/null ||
    fail "$L in --json report sla: $(jq -c --arg id "$L" '.requests[] | select(.id == $id)' <<<"$j")"
[[ $(jq '[.requests[] | select(.sla.breached)] | length' <<<"$j") == 1 ]] ||
    fail "other requests are marked breached: $(jq -c '[.requests[] | [.id, .sla.breached]]' <<<"$j")"
# --fail-on-breach still prints the JSON before it exits 11.
hc --json report sla --fail-on-breach >"$TMP/j" 2>/dev/null && fail "--fail-on-breach exited 0"
[[ $(jq -r .late "$TMP/j") == 1 ]] || fail "--json --fail-on-breach printed: $(head -c 300 "$TMP/j")"

# Delivered, rejected or cancelled requests are not on the watch list.
hc request cancel "$L" --reason "OPD menarik permohonan" >/dev/null || fail "cancel $L failed"
expect_code 0 hc report sla --fail-on-breach
[[ $(hc --json report sla | jq -c '[.requests[].id] | sort') == \
    "$(printf '"%s"\n' "$F" "$S1" "$S2" "$S3" | sort | paste -sd, | sed 's/^/[/; s/$/]/')" ]] ||
    fail "after cancelling $L: $(hc --json report sla | jq -c '[.requests[].id]')"

# --- who must act next is named, not only the role ---------------------------
# F waits for the head of office's disposition (kadis); once assigned to
# budi, for budi; a step whose role nobody holds says so.
hc --json report sla >"$TMP/j"
[[ $(jq -r --arg id "$F" '.requests[] | select(.id == $id) | .next | "\(.step) \([.people[].id] | join(","))"' "$TMP/j") == "dispose kadis" ]] ||
    fail "report sla --json does not name kadis for $F: $(jq -c --arg id "$F" '.requests[] | select(.id == $id) | .next' "$TMP/j")"
hc report sla >"$TMP/h"
grep -E "^$F .*dispose by kadis" "$TMP/h" >/dev/null || fail "report sla does not name kadis for $F: $(grep "$F" "$TMP/h")"
step dispose "$F" --by kadis
step assign "$F" --by kabid --officer budi
[[ $(hc --json report sla | jq -r --arg id "$F" '.requests[] | select(.id == $id) | [.next.people[].id] | join(",")') == budi ]] ||
    fail "report sla does not name budi, the assigned officer of $F"
hc staff deactivate kadis >/dev/null 2>&1 || fail "staff deactivate kadis failed"
G=$(new_request tanpakadis)
hc report sla >"$TMP/h"
grep -E "^$G .*dispose \(nobody holds kepala_dinas\)" "$TMP/h" >/dev/null ||
    fail "report sla does not say nobody can dispose $G: $(grep "$G" "$TMP/h")"

finish
