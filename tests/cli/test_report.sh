#!/usr/bin/env bash
# The quarterly evaluation report (PRODUCT §9) over a hand-built quarter,
# 2026-Q3 (July-September 2026), with every figure worked out by hand below.
#
# Service hours (Asia/Jakarta): Mon-Thu 08:00-12:00 + 13:00-15:45 = 6.75 h,
# Fri 08:00-11:00 = 3 h.  Holidays in the quarter: Mon 17 Aug, Tue 25 Aug.
# Weekdays: Wed 1 Jul, Mon 6/13/20/27 Jul, Sat 1 Aug, Mon 3/10/17/24/31 Aug,
# Tue 1 Sep, Mon 7/14/21/28 Sep.
source "$(dirname "$0")/lib.sh"


office_store
hc staff add sari --name "Sari Wulandari" --role petugas_teknis --role admin >/dev/null
hc agency add disdik --name "Dinas Pendidikan" >/dev/null
hc agency add dpmptsp --name "Dinas Penanaman Modal dan PTSP" >/dev/null

# A second server, so that provisioning counts split by server.
awk '/^dns:/ { print "  - name: web02\n    host: 127.0.0.2\n    port: 22\n    user: root\n    public_ip: 203.0.113.11\n    web: nginx\n    php: \"8.2\"\n    capacity: 50\n" } { print }' \
    "$STORE/servers.yaml" >"$TMP/servers.yaml" && mv "$TMP/servers.yaml" "$STORE/servers.yaml"

# new_request AGENCY LABEL RECEIVED [extra options]: prints the new id
new_request() {
    local agency=$1 label=$2 received=$3; shift 3
    hc --json request new --agency "$agency" --letter-number "400.7/$label/2026" \
        --letter-date "${received:0:10}" --received-at "$received" \
        --subject "Permohonan hosting $label" --domain "$label" "$@" | jq -er .id
}

# --- R1: received in Q2, completed in July --------------------------------
# Not in the Q3 cohort: it counts in Q2 (June), also by month.
R1=$(new_request dinkes lama 2026-06-29T09:00)
step dispose "$R1" 2026-06-29T09:30 --by kadis
step assign "$R1" 2026-06-29T10:00 --by kabid --officer budi
step verify "$R1" 2026-06-29T10:30 --complete
step provision "$R1" 2026-06-29T11:00 --manual --server web01
step submit "$R1" 2026-06-29T13:00
step forward "$R1" 2026-06-29T14:00 --by kabid
step approve "$R1" 2026-06-30T09:00 --by kadis
step deliver "$R1" 2026-06-30T10:00 --via email
step complete "$R1" 2026-07-02T10:00

# --- R2: dinkes, budi; delivered within the 2-day target ------------------
# Received Wed 1 Jul 09:00 (in hours: the clock starts then).
# due    = close of the 5th working day after 1 Jul: 2,3,6,7,8 Jul -> Wed 8 Jul 15:45
# target = close of the 2nd: 2, 3 Jul -> Fri 3 Jul 11:00; delivered 2 Jul 14:30: within.
# elapsed: 1 Jul 09:00-12:00 3 + 13:00-15:45 2.75 = 5.75; 2 Jul 08:00-12:00 4
#          + 13:00-14:30 1.5 = 5.5; total 11.25 h
# waits:   received 09-10 = 1; disposed 10-11 = 1; assigned 11:00-14:00 = 1 + 1 = 2;
#          verified 1 Jul 14:00 - 2 Jul 09:00 = 1.75 + 1 = 2.75; provisioned 09-10 = 1;
#          submitted 10-11 = 1; forwarded 11:00-13:30 = 1 + 0.5 = 1.5;
#          approved 13:30-14:30 = 1; delivered 2 Jul 14:30 - 3 Jul 09:00 = 1.25 + 1 = 2.25
R2=$(new_request dinkes simpus 2026-07-01T09:00 --app php)
step dispose "$R2" 2026-07-01T10:00 --by kadis
step assign "$R2" 2026-07-01T11:00 --by kabid --officer budi
step verify "$R2" 2026-07-01T14:00 --complete
step provision "$R2" 2026-07-02T09:00 --manual --server web01
step submit "$R2" 2026-07-02T10:00
step forward "$R2" 2026-07-02T11:00 --by kabid
step approve "$R2" 2026-07-02T13:30 --by kadis
step deliver "$R2" 2026-07-02T14:30 --via email
step complete "$R2" 2026-07-03T09:00

# --- R3: disdik, sari; within 5 working days, not within the target -------
# Received Thu 16 Jul 15:00.
# due    = 17, 20, 21, 22, 23 Jul -> Thu 23 Jul 15:45; delivered 22 Jul 10:00: within
# target = 17, 20 Jul -> Mon 20 Jul 15:45: missed
# elapsed: 16 Jul 15:00-15:45 0.75; Fri 17 Jul 3; 20 Jul 6.75; 21 Jul 6.75;
#          22 Jul 08:00-10:00 2; total 19.25 h
# waits:   received 16 Jul 15:00 - 17 Jul 08:30 = 0.75 + 0.5 = 1.25; disposed 08:30-09:00 = 0.5;
#          assigned Fri 09:00 - Mon 09:00 = 2 + 1 = 3; verified 20 Jul 09:00-13:00 = 3;
#          provisioned 20 Jul 13:00 - 21 Jul 08:00 = 2.75; submitted 08:00-10:00 = 2;
#          forwarded 21 Jul 10:00 - 22 Jul 09:00 = 2 + 2.75 + 1 = 5.75; approved 09-10 = 1;
#          delivered 22 Jul 10:00 - 23 Jul 08:00 = 2 + 2.75 = 4.75
R3=$(new_request disdik sipena 2026-07-16T15:00 --app static)
step dispose "$R3" 2026-07-17T08:30 --by kadis
step assign "$R3" 2026-07-17T09:00 --by kabid --officer sari
step verify "$R3" 2026-07-20T09:00 --by sari --complete
expect_code 2 hc request provision "$R3" --by sari --manual
expect_contains "$TMP/err" "which server was it made on: web01 or web02?"
step provision "$R3" 2026-07-20T13:00 --by sari --manual --server web02
step submit "$R3" 2026-07-21T08:00 --by sari
step forward "$R3" 2026-07-21T10:00 --by kabid
step approve "$R3" 2026-07-22T09:00 --by kadis
step deliver "$R3" 2026-07-22T10:00 --by sari --via letter
step complete "$R3" 2026-07-23T08:00 --by sari

# --- R4: dpmptsp, budi; documents incomplete, then resumed ----------------
# Received Fri 14 Aug 10:00.  Paused from Tue 18 Aug 09:00 to Thu 20 Aug 09:00:
#   18 Aug 09:00-12:00 3 + 2.75 = 5.75; 19 Aug 6.75; 20 Aug 08:00-09:00 1 -> 13.5 h paused.
# due    = close of the 5th working day after 14 Aug (17 Aug holiday): 18,19,20,21,24 Aug
#          -> 24 Aug 15:45, pushed back 13.5 working h: 25 Aug holiday, 26 Aug 6.75,
#          27 Aug 6.75 -> Thu 27 Aug 15:45
# target = 18, 19 Aug -> 19 Aug 15:45, + 13.5 h: 20 Aug 6.75, Fri 21 Aug 3, 24 Aug 3.75
#          -> Mon 24 Aug 11:45; delivered 24 Aug 11:00: within the target
# elapsed: Fri 14 Aug 10:00-11:00 1; 18,19,20 Aug 3 x 6.75 = 20.25; Fri 21 Aug 3;
#          24 Aug 08:00-11:00 3 -> 27.25, minus 13.5 paused = 13.75 h
# waits:   received 10:00-10:30 = 0.5; disposed 10:30-10:45 = 0.25;
#          assigned Fri 10:45-11:00 0.25 + 18 Aug 08-09 1 = 1.25, and again after the
#          resume 20 Aug 09:00-10:00 = 1 -> 2.25; incomplete 13.5;
#          verified 20 Aug 10:00-14:00 = 2 + 1 = 3; provisioned 20 Aug 14:00 - 21 Aug 08:00
#          = 1.75; submitted Fri 08-09 = 1; forwarded Fri 09:00 - Mon 09:00 = 2 + 1 = 3;
#          approved 24 Aug 09:00-11:00 = 2; delivered 24 Aug 11:00 - 26 Aug 09:00
#          = 1 + 2.75 + (25 Aug holiday) + 1 = 4.75
R4=$(new_request dpmptsp sicantik 2026-08-14T10:00)
step dispose "$R4" 2026-08-14T10:30 --by kadis
step assign "$R4" 2026-08-14T10:45 --by kabid --officer budi
step verify "$R4" 2026-08-18T09:00 --incomplete --missing "surat kuasa"
step resume "$R4" 2026-08-20T09:00
step verify "$R4" 2026-08-20T10:00 --complete
step provision "$R4" 2026-08-20T14:00 --manual --server web01
step submit "$R4" 2026-08-21T08:00
step forward "$R4" 2026-08-21T09:00 --by kabid
step approve "$R4" 2026-08-24T09:00 --by kadis
step deliver "$R4" 2026-08-24T11:00 --via email
step complete "$R4" 2026-08-26T09:00

# --- R5: dinkes, sari; delivered late, with a hostile note ----------------
# Received Sat 1 Aug 10:00: the clock starts Mon 3 Aug 08:00 (month of receipt: August).
# due    = 4, 5, 6, 7, 10 Aug -> Mon 10 Aug 15:45; delivered Wed 12 Aug 09:00: late
# overrun = 10 Aug 15:45 -> 12 Aug 09:00 = 11 Aug 6.75 + 12 Aug 1 = 7.75 h
# elapsed: 3,4,5,6 Aug 4 x 6.75 = 27; Fri 7 Aug 3; 10, 11 Aug 13.5; 12 Aug 08-09 1 -> 44.5 h
# waits:   received (from the clock start) 3 Aug 08-09 = 1; disposed 09-10 = 1;
#          assigned 3 Aug 10:00 - 7 Aug 09:00 (the note of 4 Aug does not end it)
#            = 2 + 2.75 + 6.75 x 3 + 1 = 26; verified Fri 09:00 - Mon 09:00 = 2 + 1 = 3;
#          provisioned 09-10 = 1; submitted 10 Aug 10:00 - 11 Aug 09:00 = 2 + 2.75 + 1 = 5.75;
#          forwarded 11 Aug 09:00-13:00 = 3; approved 11 Aug 13:00 - 12 Aug 09:00 = 2.75 + 1
#            = 3.75; delivered 12 Aug 09:00 - 13 Aug 09:00 = 3 + 2.75 + 1 = 6.75
HOSTILE='<script>alert(1)</script>'
R5=$(hc --json request new --agency dinkes --letter-number "400.7/simrs/2026" \
    --letter-date 2026-07-31 --received-at 2026-08-01T10:00 \
    --subject "Hosting $HOSTILE" --domain simrs | jq -er .id)
step dispose "$R5" 2026-08-03T09:00 --by kadis
step assign "$R5" 2026-08-03T10:00 --by kabid --officer sari
hc request note "$R5" "$HOSTILE menunggu konfirmasi OPD" --at 2026-08-04T09:00 >/dev/null ||
    fail "note on $R5 failed"
step verify "$R5" 2026-08-07T09:00 --by sari --complete
step provision "$R5" 2026-08-10T09:00 --by sari --manual --server web02
step submit "$R5" 2026-08-10T10:00 --by sari
step forward "$R5" 2026-08-11T09:00 --by kabid
step approve "$R5" 2026-08-11T13:00 --by kadis
step deliver "$R5" 2026-08-12T09:00 --by sari --via hand
step complete "$R5" 2026-08-13T09:00 --by sari

# --- R6: disdik, budi; still open (submitted) and long past due ------------
# Received Tue 8 Sep 09:00; due = 9, 10, 11, 14, 15 Sep -> Tue 15 Sep 15:45.
# waits:   received 09-10 = 1; disposed 10-11 = 1; assigned 8 Sep 11:00 - 9 Sep 09:00
#          = 1 + 2.75 + 1 = 4.75; verified 9 Sep 09:00 - 10 Sep 09:00 = 3 + 2.75 + 1 = 6.75;
#          provisioned 09-10 = 1; submitted from 10 Sep 10:00 until now (grows).
R6=$(new_request disdik ppdb 2026-09-08T09:00)
step dispose "$R6" 2026-09-08T10:00 --by kadis
step assign "$R6" 2026-09-08T11:00 --by kabid --officer budi
step verify "$R6" 2026-09-09T09:00 --complete
step provision "$R6" 2026-09-10T09:00 --manual --server web01
step submit "$R6" 2026-09-10T10:00

# --- R7: dpmptsp, sari; rejected -------------------------------------------
# Received Mon 14 Sep 13:00.  waits: received 13-14 = 1; disposed 14-15 = 1;
# assigned 14 Sep 15:00 - 15 Sep 09:00 = 0.75 + 1 = 1.75.
R7=$(new_request dpmptsp sibakul 2026-09-14T13:00)
step dispose "$R7" 2026-09-14T14:00 --by kadis
step assign "$R7" 2026-09-14T15:00 --by kabid --officer sari
step reject "$R7" 2026-09-15T09:00 --by kabid --reason "aplikasi tidak memenuhi standar keamanan"

# --- R8: dinkes; cancelled before disposition ------------------------------
# Received Wed 23 Sep 10:00; waits: received 23 Sep 10:00 - 24 Sep 09:00 = 2 + 2.75 + 1 = 5.75.
R8=$(new_request dinkes sikesling 2026-09-23T10:00)
step cancel "$R8" 2026-09-24T09:00 --reason "OPD menarik permohonan"

# --- R9: received in Q2 (April), rejected after its due time ------------------
# Not in the Q3 cohort (and never completed); checked with the Q2 report below.
# Received Mon 13 Apr 09:00; due = 14, 15, 16, 17, 20 Apr -> Mon 20 Apr 15:45
# (no holiday in between).  Rejected Mon 27 Apr 09:00, 24.25 working h after
# it: a request that ends without a delivery is neither on time nor late.
R9=$(new_request dpmptsp silambat 2026-04-13T09:00)
step dispose "$R9" 2026-04-13T10:00 --by kadis
step reject "$R9" 2026-04-27T09:00 --by kadis --reason "server tidak tersedia"

# --- R10: received 30 Sep 17:30 UTC = Thu 1 Oct 00:30 WIB: Q4, not Q3 -----------
# The quarter of a request is that of its receipt in office time.
R10=$(hc --json request new --agency disdik --letter-number "400.7/sitengah/2026" \
    --letter-date 2026-09-30 --received-at 2026-09-30T17:30:00Z \
    --subject "Permohonan hosting sitengah" --domain sitengah | jq -er .id)

# --- survey responses -------------------------------------------------------
# In Q3:  R2 4,4,4,4,4,4,4,4,4 (sum 36)   R3 3,3,3,3,3,3,3,3,3 (sum 27)
#         R4 4,3,4,3,4,3,4,3,4 (sum 32)   R5 4,4,4,4,4,4,4,4,4 (sum 36), dated 30 Sep
# Outside: R1 1,1,1,1,1,1,1,1,1 dated 1 Oct (Q4).
# IKM = sum of NRR / 9 = (131 / 4) / 9 = 131 / 36 = 3.6388...
# score = 131 / 36 x 25 = 3275 / 36 = 90.9722... -> 90.97 -> grade A (88.31-100) Sangat Baik
# (were the 1 Oct answer counted: 140 / 45 x 25 = 77.78, grade B.)
# NRR U1 = (4 + 3 + 4 + 4) / 4 = 3.75; U2 = (4 + 3 + 3 + 4) / 4 = 3.5
hc survey record "$R2" --scores 4,4,4,4,4,4,4,4,4 --date 2026-09-01 >/dev/null || fail "survey $R2"
hc survey record "$R3" --scores 3,3,3,3,3,3,3,3,3 --date 2026-09-15 >/dev/null || fail "survey $R3"
hc survey record "$R4" --scores 4,3,4,3,4,3,4,3,4 --date 2026-09-16 >/dev/null || fail "survey $R4"
hc survey record "$R5" --scores 4,4,4,4,4,4,4,4,4 --date 2026-09-30 >/dev/null || fail "survey $R5"
hc survey record "$R1" --scores 1,1,1,1,1,1,1,1,1 --date 2026-10-01 >/dev/null || fail "survey $R1"

# --- the JSON report ----------------------------------------------------------
hc report quarterly --year 2026 --quarter 3 --format json --stdout >"$TMP/q3.json" ||
    fail "report quarterly --format json --stdout failed: $(cat "$TMP/q3.json")"
# check 'jq boolean' what: the report satisfies the jq expression
check() {
    jq -e "$1" "$TMP/q3.json" >/dev/null || fail "$2: $(jq -c "${3:-.}" "$TMP/q3.json" | head -c 600)"
}
# eq 'jq path' 'expected as jq -c prints it'
eq() {
    local got
    got=$(jq -c "$1" "$TMP/q3.json")
    [[ $got == "$2" ]] || fail "$1 is $got, expected $2"
}

eq .quarter '"2026-Q3"'
eq .from '"2026-07-01"'
eq .to '"2026-09-30"'

# Volume: cohort R2..R8 = 7; completed R2 R3 R4 R5; in progress R6; rejected R7; cancelled R8.
eq .volume '{"received":7,"completed":4,"in_progress":1,"rejected":1,"cancelled":1}'
# By month of receipt: July R2 R3, August R4 R5 (R5 on Sat 1 Aug), September R6 R7 R8;
# of those, completed R2 R3 (July), R4 R5 (August); in September R6 is in progress,
# R7 rejected, R8 cancelled.  R1, received in June, is not counted in July.
eq '[.by_month[] | [.month, .received, .completed, .in_progress, .rejected, .cancelled]]' \
    '[["2026-07",2,2,0,0,0],["2026-08",2,2,0,0,0],["2026-09",3,0,1,1,1]]'
# By agency, most requests first, then by code:
#   dinkes R2 R5 (completed) R8 (cancelled); disdik R3 (completed) R6 (open);
#   dpmptsp R4 (completed) R7 (rejected)
eq '[.by_agency[] | [.agency, .received, .completed, .in_progress, .rejected, .cancelled]]' \
    '[["dinkes",3,2,0,0,1],["disdik",2,1,1,0,0],["dpmptsp",2,1,0,1,0]]'
eq '[.by_agency[].name]' '["Dinas Kesehatan","Dinas Pendidikan","Dinas Penanaman Modal dan PTSP"]'

# SLA: delivered R2 R3 R4 R5 = 4; within the 5 days: all but R5 = 3 -> 3/4 = 75 %;
# within the target: R2, R4 = 2 -> 50 %; still open and late: R6.
eq '.sla | [.delivered, .within_sla, .within_target, .open_late]' '[4,3,2,1]'
check '.sla.pct_within_sla == 75' "pct_within_sla" .sla
check '.sla.pct_within_target == 50' "pct_within_target" .sla

# Turnaround over the 4 delivered: 11.25, 13.75, 19.25, 44.5
#   mean = 88.75 / 4 = 22.1875 -> 22.19; median = (13.75 + 19.25) / 2 = 16.5;
#   p90 rank = ceil(0.9 x 4) = 4 -> 44.5
check '.turnaround.count == 4' "turnaround count" .turnaround
check '.turnaround.mean_working_hours == 22.19' "turnaround mean" .turnaround
check '.turnaround.median_working_hours == 16.5' "turnaround median" .turnaround
check '.turnaround.p90_working_hours == 44.5' "turnaround p90" .turnaround

# Time per status (sums of the waits listed with each request):
#   received:    R2 1, R3 1.25, R4 0.5, R5 1, R6 1, R7 1, R8 5.75 = 11.5 / 7 = 1.642.. -> 1.64
#   disposed:    1 + 0.5 + 0.25 + 1 + 1 + 1 = 4.75 / 6 = 0.7916.. -> 0.79
#   assigned:    2 + 3 + 2.25 + 26 + 4.75 + 1.75 = 39.75 / 6 = 6.625 -> 6.63
#   incomplete:  R4 13.5 / 1 = 13.5
#   verified:    2.75 + 3 + 3 + 3 + 6.75 = 18.5 / 5 = 3.7
#   provisioned: 1 + 2.75 + 1.75 + 1 + 1 = 7.5 / 5 = 1.5
#   forwarded:   1.5 + 5.75 + 3 + 3 = 13.25 / 4 = 3.3125 -> 3.31
#   approved:    1 + 1 + 2 + 3.75 = 7.75 / 4 = 1.9375 -> 1.94
#   delivered:   2.25 + 4.75 + 4.75 + 6.75 = 18.5 / 4 = 4.625 -> 4.63
#   submitted:   R2 1, R3 2, R4 1, R5 5.75 and R6's wait since 10 Sep, which alone is
#                hundreds of working hours: by far the slowest step.
steps_is() { # status requests total mean
    local got
    got=$(jq -c --arg s "$1" '[.steps[] | select(.status == $s) | [.requests, .total_working_hours, .mean_working_hours]]' "$TMP/q3.json")
    [[ $got == "[[$2,$3,$4]]" ]] || fail "steps[$1] is $got, expected [[$2,$3,$4]]"
}
steps_is received 7 11.5 1.64
steps_is disposed 6 4.75 0.79
steps_is assigned 6 39.75 6.63
steps_is incomplete 1 13.5 13.5
steps_is verified 5 18.5 3.7
steps_is provisioned 5 7.5 1.5
steps_is forwarded 4 13.25 3.31
steps_is approved 4 7.75 1.94
steps_is delivered 4 18.5 4.63
check '[.steps[] | select(.status == "submitted")][0] | .requests == 5 and .total_working_hours > 100' \
    "steps[submitted]" '.steps'
eq '[.steps[].status] | sort' \
    '["approved","assigned","delivered","disposed","forwarded","incomplete","provisioned","received","submitted","verified"]'
eq .slowest_step '"SOP 6 request for approval"'

# Late: R6 (open, overrun grows) before R5 (7.75 h).
eq '[.late[].id]' "[\"$R6\",\"$R5\"]"
eq '.late[1] | [.agency, .domain, .status, .due, .delivered_at, .overrun_working_hours]' \
    '["dinkes","simrs.pekalongankota.go.id","completed","2026-08-10T15:45:00+07:00","2026-08-12T09:00:00+07:00",7.75]'
check '.late[1].reason | contains("SOP 4 verification by the officer (26.00 working h)")' \
    "R5's reason names its longest wait" '.late[1]'
check '.late[1].reason | contains("note: <script>alert(1)</script> menunggu konfirmasi OPD")' \
    "R5's reason quotes the note" '.late[1]'
eq '.late[0] | [.status, .due, .delivered_at]' '["submitted","2026-09-15T15:45:00+07:00",null]'
check '.late[0].overrun_working_hours > 100' "R6's overrun" '.late[0]'

# Provisioning in the cohort: web01 R2 R4 R6, web02 R3 R5 (R1 is not in the cohort).
eq '[.provisioning[] | [.server, .mode, .count]]' '[["web01","manual",3],["web02","manual",2]]'

# Officers: budi R2 R4 (completed) R6 (open); mean turnaround (11.25 + 13.75) / 2 = 12.5
#           sari R3 R5 (completed) R7 (rejected: neither); (19.25 + 44.5) / 2 = 31.875 -> 31.88
eq '[.officers[] | [.officer, .name, .assigned, .completed, .open]]' \
    '[["budi","Budi Santoso",3,2,1],["sari","Sari Wulandari",3,2,0]]'
check '.officers[0].mean_turnaround_working_hours == 12.5' "budi's mean turnaround" .officers
check '.officers[1].mean_turnaround_working_hours == 31.88' "sari's mean turnaround" .officers

# IKM: 4 respondents in Q3 (the 1 Oct answer is outside).
check '.ikm.respondents == 4' "ikm respondents" .ikm
check '.ikm.converted == 90.97' "ikm converted score" .ikm
check '.ikm.ikm == 3.639' "ikm index (131/36, to 3 decimals)" .ikm
eq '[.ikm.grade, .ikm.grade_label]' '["A","Sangat Baik"]'
check '.ikm.elements[0].nrr == 3.75 and .ikm.elements[1].nrr == 3.5' "ikm NRR U1 U2" .ikm.elements

# No complaints were recorded; no file was damaged.
check '.complaints.total == 0' "complaints total" .complaints
eq .problems '[]'

# --- the files ----------------------------------------------------------------
REPORTS=$STORE/reports
hc report quarterly --year 2026 --quarter 3 --format md,html,json,csv >"$TMP/out" 2>"$TMP/err" ||
    fail "report quarterly --format md,html,json,csv failed: $(cat "$TMP/err")"
for ext in md html json csv; do
    [[ -s $REPORTS/quarterly-2026-Q3.$ext ]] || fail "no $REPORTS/quarterly-2026-Q3.$ext"
    expect_contains "$TMP/out" "quarterly-2026-Q3.$ext"
done
[[ $(ls -A "$REPORTS" | sort | paste -sd' ') == \
    "quarterly-2026-Q3.csv quarterly-2026-Q3.html quarterly-2026-Q3.json quarterly-2026-Q3.md" ]] ||
    fail "reports/ holds: $(ls -A "$REPORTS")"
# The JSON file is the same report as --stdout (apart from generated_at).
# (R6's open wait may have grown by a few seconds between the two runs.)
STABLE='del(.generated_at, .late[0].overrun_working_hours, .late[0].reason, .steps)'
[[ $(jq -S "$STABLE" "$REPORTS/quarterly-2026-Q3.json") == "$(jq -S "$STABLE" "$TMP/q3.json")" ]] ||
    fail "the JSON file differs from --stdout"

# Rerunning replaces the files under the same names and leaves no temp files.
for ext in md html json csv; do echo "stale" >"$REPORTS/quarterly-2026-Q3.$ext"; done
hc report quarterly --year 2026 --quarter 3 --format md,html,json,csv >/dev/null || fail "rerun failed"
for ext in md html json csv; do
    grep -qx stale "$REPORTS/quarterly-2026-Q3.$ext" && fail "quarterly-2026-Q3.$ext was not rewritten"
done
[[ $(ls -A "$REPORTS" | wc -l) == 4 ]] || fail "after a rerun reports/ holds: $(ls -A "$REPORTS")"

# HTML: self-contained, four charts drawn as bars (the months, SLA
# compliance, the steps, the IKM), the hostile note escaped.
HTML=$REPORTS/quarterly-2026-Q3.html
[[ $(grep -c '<table class="bars">' "$HTML") == 4 ]] ||
    fail "the HTML has $(grep -c '<table class="bars">' "$HTML") charts, expected 4"
grep -q '<svg' "$HTML" && fail "the HTML draws SVG"
expect_contains "$HTML" '&lt;script&gt;alert(1)&lt;/script&gt;'
grep -qi '<script' "$HTML" && fail "the HTML contains an unescaped <script"
grep -qiE '<link|src="http' "$HTML" && fail "the HTML loads something from outside"
expect_contains "$HTML" "$R5"
# Markdown: the note cannot become markup either.
grep -qF '<script>' "$REPORTS/quarterly-2026-Q3.md" && fail "the Markdown contains a raw <script>"
expect_contains "$REPORTS/quarterly-2026-Q3.md" "Tahap terlama: SOP 6 pengajuan persetujuan"

# CSV: a header and one row per cohort request (R2..R8), none for R1.
CSV=$REPORTS/quarterly-2026-Q3.csv
[[ $(head -1 "$CSV") == "id,agency,domain,app,status,officer,received_at,due,delivered_at,completed_at,elapsed_working_hours,breached,within_target" ]] ||
    fail "CSV header: $(head -1 "$CSV")"
[[ $(wc -l <"$CSV") == 8 ]] || fail "CSV has $(wc -l <"$CSV") lines, expected 1 + 7"
[[ $(tail -n +2 "$CSV" | cut -d, -f1 | sort | paste -sd' ') == \
    "$(printf '%s\n' "$R2" "$R3" "$R4" "$R5" "$R6" "$R7" "$R8" | sort | paste -sd' ')" ]] ||
    fail "CSV ids: $(tail -n +2 "$CSV" | cut -d, -f1 | paste -sd' ')"
grep -q "^$R1," "$CSV" && fail "the CSV lists $R1, received in Q2"
# R5: 44.5 working h, late, not within target; R4: 13.75 h, within target.
grep -q "^$R5,dinkes,simrs.pekalongankota.go.id,.*,44.50,yes,no$" "$CSV" || fail "CSV row of $R5: $(grep "^$R5," "$CSV")"
grep -q "^$R4,dpmptsp,sicantik.pekalongankota.go.id,.*,13.75,no,yes$" "$CSV" || fail "CSV row of $R4: $(grep "^$R4," "$CSV")"

# R7 (rejected) and R8 (cancelled) were not delivered: neither late nor within target.
# A rejected or cancelled request delivered nothing: within_target is empty.
grep -q "^$R7,dpmptsp,.*,rejected,sari,.*,no,$" "$CSV" || fail "CSV row of $R7: $(grep "^$R7," "$CSV")"
grep -q "^$R8,dinkes,.*,cancelled,,.*,no,$" "$CSV" || fail "CSV row of $R8: $(grep "^$R8," "$CSV")"
grep -q "^$R9," "$CSV" && fail "the CSV lists $R9, received in Q2"
grep -q "^$R10," "$CSV" && fail "the CSV lists $R10, received on 1 Oct office time"

# --- 2026-Q2: R1 (delivered in 7.75 h) and R9 (rejected late) -----------------
# R1: 29 Jun 09:00-12:00 3 + 2.75 = 5.75; 30 Jun 08:00-10:00 2 -> 7.75 h, within target.
hc report quarterly --year 2026 --quarter 2 --format json --stdout >"$TMP/q2.json" ||
    fail "report quarterly Q2 failed"
q2() { jq -c "$1" "$TMP/q2.json"; }
# Volume is the cohort's status now: R1 completed (on 2 Jul), R9 rejected; by
# month of receipt the same: R9 in April, R1 in June.
[[ $(q2 .volume) == '{"received":2,"completed":1,"in_progress":0,"rejected":1,"cancelled":0}' ]] ||
    fail "Q2 volume: $(q2 .volume)"
[[ $(q2 '[.by_month[] | [.month, .received, .completed, .in_progress, .rejected, .cancelled]]') == \
    '[["2026-04",1,0,0,1,0],["2026-05",0,0,0,0,0],["2026-06",1,1,0,0,0]]' ]] ||
    fail "Q2 by_month: $(q2 .by_month)"
[[ $(q2 '.sla | [.delivered, .within_sla, .within_target, .open_late, .pct_within_sla]') == '[1,1,1,0,100]' ]] ||
    fail "Q2 sla: $(q2 .sla)"
[[ $(q2 '.turnaround | [.count, .mean_working_hours, .median_working_hours, .p90_working_hours]') == '[1,7.75,7.75,7.75]' ]] ||
    fail "Q2 turnaround: $(q2 .turnaround)"
[[ $(q2 .late) == '[]' ]] || fail "Q2 late: $(q2 .late)"
# No survey answer is dated in Q2: no index, no grade (never a 0).
[[ $(q2 '.ikm | [.respondents, .ikm, .score, .grade]') == '[0,null,null,null]' ]] || fail "Q2 ikm: $(q2 .ikm)"
# The rejected request is not among the late ones.
hc report quarterly --year 2026 --quarter 2 --format md,html --out "$TMP/q2" >/dev/null || fail "Q2 files failed"
sed -n '/^## Permohonan yang Melewati/,/^## Penyiapan/p' "$TMP/q2/quarterly-2026-Q2.md" >"$TMP/late-md"
grep -qx "Tidak ada permohonan yang melewati standar pelayanan." "$TMP/late-md" ||
    fail "the Q2 Markdown lists late requests: $(cat "$TMP/late-md")"
grep -qF "$R9" "$TMP/q2/quarterly-2026-Q2.html" && fail "the Q2 HTML lists $R9"

# --out DIR and --json list the files written.
out=$(hc --json report quarterly --year 2026 --quarter 3 --format csv --out "$TMP/elsewhere") ||
    fail "report quarterly --out failed"
[[ $(jq -r .quarter <<<"$out") == 2026-Q3 ]] || fail "--json quarter: $out"
[[ $(jq -r '.files[0]' <<<"$out") == "$TMP/elsewhere/quarterly-2026-Q3.csv" ]] || fail "--json files: $out"
[[ -f $TMP/elsewhere/quarterly-2026-Q3.csv ]] || fail "--out did not write the CSV"

# --- choosing the quarter; refusals ------------------------------------------
# --previous: the quarter before the one containing today (office time).
Y=$(TZ=Asia/Jakarta date +%Y)
M=$(TZ=Asia/Jakarta date +%-m)
CURQ=$(( (M - 1) / 3 + 1 ))
if (( CURQ == 1 )); then PREV="$((Y - 1))-Q4"; else PREV="$Y-Q$((CURQ - 1))"; fi
out=$(hc report quarterly --previous --format json --stdout) || fail "report quarterly --previous failed"
[[ $(jq -r .quarter <<<"$out") == "$PREV" ]] || fail "--previous gave $(jq -r .quarter <<<"$out"), expected $PREV"
out=$(hc report quarterly --format json --stdout) || fail "report quarterly (current) failed"
[[ $(jq -r .quarter <<<"$out") == "$Y-Q$CURQ" ]] || fail "the default quarter is $(jq -r .quarter <<<"$out"), expected $Y-Q$CURQ"

# Markdown is the default format.
hc report quarterly --year 2026 --quarter 3 --stdout >"$TMP/md" || fail "report quarterly --stdout failed"
grep -qx "# Laporan Evaluasi Kinerja Pelayanan Hosting, Triwulan III Tahun 2026" "$TMP/md" ||
    fail "the default format is not Markdown: $(head -c 400 "$TMP/md")"

expect_code 2 hc report quarterly --year 2026
expect_code 2 hc report quarterly --quarter 3
expect_code 2 hc report quarterly --previous --year 2026 --quarter 3
expect_code 4 hc report quarterly --year 2026 --quarter 5
expect_code 4 hc report quarterly --year 2026 --quarter 0
expect_contains "$TMP/err" "quarter 0"
expect_code 4 hc report quarterly --year 0 --quarter 1
expect_code 2 hc report quarterly --year 0
expect_code 4 hc report quarterly --year 2026 --quarter 3 --format pdfx
expect_code 4 hc report quarterly --year 2026 --quarter 3 --format md,docx
expect_code 2 hc report quarterly --year 2026 --quarter 3 --format md,json --stdout
# Nothing was written by the refusals.
[[ $(ls -A "$REPORTS" | wc -l) == 4 ]] || fail "a refused run wrote into reports/: $(ls -A "$REPORTS")"

finish
