#!/usr/bin/env bash
# The definitions behind the figures of the quarterly report (man page,
# QUARTERLY REPORT), each on requests built for it and worked out by hand:
# the reason of a late request, the months, when a request is late, the
# 90th percentile, open requests measured when the report is made, and the
# time spent in each step apart from the time paused.
#
# Service hours (Asia/Jakarta): Mon-Thu 08:00-12:00 + 13:00-15:45 = 6.75 h,
# Fri 08:00-11:00 = 3 h.  July 2026 has no holiday: Wed 1, Mon 6/13/20/27 Jul,
# Mon 3 Aug.  June 2026: Mon 1 Jun and Tue 16 Jun are holidays.
source "$(dirname "$0")/lib.sh"

office_store

# new_request LABEL RECEIVED: prints the new id
new_request() {
    hc --json request new --agency dinkes --letter-number "400.7/$1/2026" \
        --letter-date "${2:0:10}" --received-at "$2" \
        --subject "Permohonan hosting $1" --domain "$1" | jq -er .id
}
# through_approval ID DISPOSE ASSIGN VERIFY PROVISION SUBMIT FORWARD APPROVE
through_approval() {
    local id=$1
    step dispose "$id" "$2" --by kadis
    step assign "$id" "$3" --by kabid --officer budi
    step verify "$id" "$4" --complete
    step provision "$id" "$5" --manual --server web01
    step submit "$id" "$6"
    step forward "$id" "$7" --by kabid
    step approve "$id" "$8" --by kadis
}

# --- 2026-Q3 --------------------------------------------------------------------
# A: late; the longest wait while the clock ran was the approval (SOP 7).
# Received Wed 1 Jul 08:00; due = 2, 3, 6, 7, 8 Jul -> Wed 8 Jul 15:45.
# Delivered the next Tuesday, 14 Jul 10:00: overrun = Thu 9 6.75 + Fri 10 3
#   + Mon 13 6.75 + Tue 14 08-10 2 = 18.5 h.
# waits:   received 1 Jul 08:00 - 2 Jul 08:00 = 6.75; disposed 08:00-13:00 = 4;
#          assigned 2 Jul 13:00 - 6 Jul 08:00 = 2.75 + 3 = 5.75; verified 6 Jul - 7 Jul 08:00
#          = 6.75; provisioned 7 Jul - 8 Jul 08:00 = 6.75; submitted 8 Jul 08:00 - 9 Jul 08:15
#          = 6.75 + 0.25 = 7; forwarded 9 Jul 08:15 - 13 Jul 13:00 = 6.5 + 3 + 4 = 13.5;
#          approved 13 Jul 13:00 - 14 Jul 10:00 = 2.75 + 2 = 4.75
# elapsed: the sum, 55.25 h.  After delivery (the clock stopped), the agency took
#          14 Jul 10:00 - 17 Jul 08:30 = 4.75 + 6.75 + 6.75 + 0.5 = 18.75 h to confirm:
#          longer than any wait of the office, but not a reason for being late.
A=$(new_request approval 2026-07-01T08:00)
through_approval "$A" 2026-07-02T08:00 2026-07-02T13:00 2026-07-06T08:00 2026-07-07T08:00 \
    2026-07-08T08:00 2026-07-09T08:15 2026-07-13T13:00
step deliver "$A" 2026-07-14T10:00 --via email
step complete "$A" 2026-07-17T08:30

# B: delivered at 18:25 on its due day, after service hours: no working time
# passed after the due time, so it is not late.
# Received Wed 15 Jul 09:00; due = 16, 17, 20, 21, 22 Jul -> Wed 22 Jul 15:45;
# target = 16, 17 -> Fri 17 Jul 11:00: missed.
# waits:   received 09-10 = 1; disposed 10-11 = 1; assigned 11:00-14:00 = 2; verified
#          14-15 = 1; provisioned 15 Jul 15:00 - 16 Jul 09:00 = 0.75 + 1 = 1.75;
#          submitted 09-10 = 1; forwarded 16 Jul 10:00 - 22 Jul 17:00 = 4.75 + 3
#          + 3 x 6.75 = 28; approved 22 Jul 17:00-18:25 = 0; after delivery
#          22 Jul 18:25 - 23 Jul 09:00 = 1
# elapsed: 35.75 h.
B=$(new_request evening 2026-07-15T09:00)
through_approval "$B" 2026-07-15T10:00 2026-07-15T11:00 2026-07-15T14:00 2026-07-15T15:00 \
    2026-07-16T09:00 2026-07-16T10:00 2026-07-22T17:00
step deliver "$B" 2026-07-22T18:25 --via email
step complete "$B" 2026-07-23T09:00

# C: delivered on the afternoon of its target day, after the Friday close:
# within the target.  Received Wed 15 Jul 10:00; target = 16, 17 -> Fri 17 Jul 11:00.
# waits:   received 10:00-10:30 = 0.5; disposed 10:30-11:00 = 0.5; assigned 11:00-13:30
#          = 1.5; verified 13:30-14:00 = 0.5; provisioned 15 Jul 14:00 - 16 Jul 08:30
#          = 1.75 + 0.5 = 2.25; submitted 08:30-09:00 = 0.5; forwarded 09-10 = 1;
#          approved 16 Jul 10:00 - 17 Jul 14:00 = 4.75 + 3 = 7.75; after delivery
#          17 Jul 14:00 - 20 Jul 09:00 = 1
# elapsed: 14.5 h.
C=$(new_request friday 2026-07-15T10:00)
through_approval "$C" 2026-07-15T10:30 2026-07-15T11:00 2026-07-15T13:30 2026-07-15T14:00 \
    2026-07-16T08:30 2026-07-16T09:00 2026-07-16T10:00
step deliver "$C" 2026-07-17T14:00 --via email
step complete "$C" 2026-07-20T09:00

# D: rejected after its due time.  Received Mon 6 Jul 09:00; due = 7, 8, 9, 10,
# 13 Jul -> Mon 13 Jul 15:45; rejected Tue 14 Jul 10:00.
# waits:   received 09-10 = 1; disposed 6 Jul 10:00 - 14 Jul 10:00 = 4.75 + 3 x 6.75
#          + 3 + 6.75 + 2 = 36.75
D=$(new_request refused 2026-07-06T09:00)
step dispose "$D" 2026-07-06T10:00 --by kadis
step reject "$D" 2026-07-14T10:00 --by kadis --reason "server tidak tersedia"

# E: cancelled after its due time.  Received Mon 6 Jul 10:00 (due Mon 13 Jul
# 15:45); cancelled Wed 15 Jul 09:00.
# waits:   received 6 Jul 10:00 - 15 Jul 09:00 = 4.75 + 20.25 + 3 + 6.75 + 6.75 + 1 = 42.5
E=$(new_request withdrawn 2026-07-06T10:00)
step cancel "$E" 2026-07-15T09:00 --reason "OPD menarik permohonan"

# P: paused for two weeks while the agency sent a missing document.
# Received Mon 20 Jul 09:00; incomplete Tue 21 Jul 09:00, resumed Mon 3 Aug 09:00:
#   paused Tue 21 5.75 + Wed-Thu 13.5 + Fri 3 + Mon 27-Thu 30 27 + Fri 31 3 + 3 Aug 1 = 53.25 h.
# target = 21, 22 Jul -> Wed 22 Jul 15:45, + 53.25 h -> Tue 4 Aug 15:45; delivered
#   Tue 4 Aug 09:00: within.
# waits:   received 09-10 = 1; disposed 10-11 = 1; assigned 20 Jul 11:00 - 21 Jul 09:00
#          = 3.75 + 1 = 4.75, and 3 Aug 09-10 after the resume = 1 -> 5.75;
#          incomplete 53.25 (paused); verified 10-11 = 1; provisioned 11-13 = 1;
#          submitted 13-14 = 1; forwarded 14-15 = 1; approved 3 Aug 15:00 - 4 Aug 09:00
#          = 0.75 + 1 = 1.75; after delivery 4 Aug 09-10 = 1
# elapsed: 13.5 h (66.75 h of service time less 53.25 paused).
P=$(new_request paused 2026-07-20T09:00)
step dispose "$P" 2026-07-20T10:00 --by kadis
step assign "$P" 2026-07-20T11:00 --by kabid --officer budi
step verify "$P" 2026-07-21T09:00 --incomplete --missing "surat kuasa"
step resume "$P" 2026-08-03T09:00
step verify "$P" 2026-08-03T10:00 --complete
step provision "$P" 2026-08-03T11:00 --manual --server web01
step submit "$P" 2026-08-03T13:00
step forward "$P" 2026-08-03T14:00 --by kabid
step approve "$P" 2026-08-03T15:00 --by kadis
step deliver "$P" 2026-08-04T09:00 --via email
step complete "$P" 2026-08-04T10:00

# --- 2026-Q2 --------------------------------------------------------------------
# H: received Tue 30 Jun 09:00 (Q2), delivered Wed 1 Jul 10:00, completed Thu 2 Jul.
# elapsed: 30 Jun 5.75 + 1 Jul 2 = 7.75 h; target = 1, 2 Jul -> Thu 2 Jul 15:45: within.
H=$(new_request lastday 2026-06-30T09:00)
through_approval "$H" 2026-06-30T10:00 2026-06-30T11:00 2026-06-30T13:00 2026-06-30T14:00 \
    2026-06-30T15:00 2026-07-01T08:00 2026-07-01T09:00
step deliver "$H" 2026-07-01T10:00 --via email
step complete "$H" 2026-07-02T10:00

# G1: still open (assigned) and late.  Received Mon 8 Jun 09:00; due = 9, 10, 11,
# 12, 15 Jun -> Mon 15 Jun 15:45.  Measured when the report is made.
G1=$(new_request running 2026-06-08T09:00)
step dispose "$G1" 2026-06-08T10:00 --by kadis
step assign "$G1" 2026-06-08T11:00 --by kabid --officer budi

# G2: open, late, and paused since: incomplete Wed 17 Jun 09:00, after its due
# time (Mon 15 Jun 15:45; Tue 16 Jun is a holiday): overrun 1 h, frozen while paused.
# waits:   received 10:00-10:30 = 0.5; disposed 10:30-11:00 = 0.5; assigned 8 Jun 11:00 -
#          17 Jun 09:00 = 3.75 + 3 x 6.75 + 3 + 6.75 + 1 = 34.75; then paused ever since.
G2=$(new_request waiting 2026-06-08T10:00)
step dispose "$G2" 2026-06-08T10:30 --by kadis
step assign "$G2" 2026-06-08T11:00 --by kabid --officer budi
step verify "$G2" 2026-06-17T09:00 --incomplete --missing "surat kuasa"

hc report quarterly --year 2026 --quarter 3 --format json --stdout >"$TMP/q3.json" ||
    fail "report quarterly 2026-Q3 failed"
hc report quarterly --year 2026 --quarter 2 --format json --stdout >"$TMP/q2.json" ||
    fail "report quarterly 2026-Q2 failed"
# eq FILE 'jq path' 'expected as jq -c prints it'
eq() {
    local got
    got=$(jq -c "$2" "$1")
    [[ $got == "$3" ]] || fail "$(basename "$1") $2 is $got, expected $3"
}
late_of() { jq -c --arg id "$2" '.late[] | select(.id == $id)' "$1"; }

# --- the reason of a late request: waits while the clock ran -----------------------
# A's longest wait with the clock running was the approval; the agency's
# confirmation came after delivery, when the clock had stopped.
late_of "$TMP/q3.json" "$A" >"$TMP/lateA"
eq "$TMP/lateA" '[.due, .delivered_at, .overrun_working_hours]' \
    '["2026-07-08T15:45:00+07:00","2026-07-14T10:00:00+07:00",18.5]'
expect_contains "$TMP/lateA" "longest wait: SOP 7 approval by the Head of Office (13.50 working h)"
grep -qF "confirmation" "$TMP/lateA" && fail "A's reason names the wait after delivery: $(cat "$TMP/lateA")"
# G2 waited 34.75 h for verification, then has been paused (far longer) ever
# since: the pause is named as missing documents, not as the longest wait.
late_of "$TMP/q2.json" "$G2" >"$TMP/lateG2"
eq "$TMP/lateG2" '[.status, .delivered_at, .overrun_working_hours]' '["incomplete",null,1]'
expect_contains "$TMP/lateG2" "longest wait: SOP 4 verification by the officer (34.75 working h)"
expect_contains "$TMP/lateG2" "documents missing: surat kuasa"

# --- the months: the cohort by month of receipt --------------------------------------
# Q3: all six received in July; completed A B C P, rejected D, cancelled E.  H,
# received on 30 Jun and completed on 2 Jul, belongs to Q2 (June), not to July.
eq "$TMP/q3.json" .volume '{"received":6,"completed":4,"in_progress":0,"rejected":1,"cancelled":1}'
eq "$TMP/q3.json" '[.by_month[] | [.month, .received, .completed, .in_progress, .rejected, .cancelled]]' \
    '[["2026-07",6,4,0,1,1],["2026-08",0,0,0,0,0],["2026-09",0,0,0,0,0]]'
# Q2: H completed, G1 G2 still open, all received in June.
eq "$TMP/q2.json" .volume '{"received":3,"completed":1,"in_progress":2,"rejected":0,"cancelled":0}'
eq "$TMP/q2.json" '[.by_month[] | [.month, .received, .completed, .in_progress, .rejected, .cancelled]]' \
    '[["2026-04",0,0,0,0,0],["2026-05",0,0,0,0,0],["2026-06",3,1,2,0,0]]'
# Whatever the requests, the months add up to the volume.
for q in q2 q3; do
    for key in received completed in_progress rejected cancelled; do
        jq -e --arg k "$key" '([.by_month[][$k]] | add) == .volume[$k]' "$TMP/$q.json" >/dev/null ||
            fail "$q: the months' $key do not add up to the volume's"
    done
done

# --- late: working time over the limit; only a delivery or an open clock -----------
# Q3: A is late (18.5 h).  B, delivered at 18:25 on its due day, is on time.
# D (rejected) and E (cancelled) ended after their due time without a
# delivery: neither on time nor late.
eq "$TMP/q3.json" '[.late[].id]' "[\"$A\"]"
# delivered A B C P; on time B C P -> 3 / 4 = 75 %; within the target C (delivered
# after the Friday close of its target day) and P -> 2 / 4 = 50 %.
eq "$TMP/q3.json" '.sla | [.delivered, .within_sla, .within_target, .open_late, .pct_within_sla, .pct_within_target]' \
    '[4,3,2,0,75,50]'
# Q2: G1 and G2 are open and late; G1 (late since 15 Jun) before G2 (1 h).
eq "$TMP/q2.json" '[.late[].id]' "[\"$G1\",\"$G2\"]"
eq "$TMP/q2.json" '.sla | [.delivered, .within_sla, .within_target, .open_late]' '[1,1,1,2]'
# Every late request has an overrun above 0, and the late list is the late
# deliveries and the open late requests.
for q in q2 q3; do
    jq -e '[.late[].overrun_working_hours > 0] | all' "$TMP/$q.json" >/dev/null ||
        fail "$q: a late request without an overrun: $(jq -c .late "$TMP/$q.json")"
    jq -e '(.late | length) == .sla.delivered - .sla.within_sla + .sla.open_late' "$TMP/$q.json" >/dev/null ||
        fail "$q: the late list does not match the SLA figures"
done
hc report quarterly --year 2026 --quarter 3 --format csv --stdout >"$TMP/q3.csv" || fail "Q3 CSV failed"
grep -q "^$A,.*,55.25,yes,no$" "$TMP/q3.csv" || fail "CSV row of A: $(grep "^$A," "$TMP/q3.csv")"
grep -q "^$B,.*,35.75,no,no$" "$TMP/q3.csv" || fail "CSV row of B: $(grep "^$B," "$TMP/q3.csv")"
grep -q "^$C,.*,14.50,no,yes$" "$TMP/q3.csv" || fail "CSV row of C: $(grep "^$C," "$TMP/q3.csv")"
grep -q "^$D,.*,rejected,.*,no,$" "$TMP/q3.csv" || fail "CSV row of D: $(grep "^$D," "$TMP/q3.csv")"
grep -q "^$E,.*,cancelled,.*,no,$" "$TMP/q3.csv" || fail "CSV row of E: $(grep "^$E," "$TMP/q3.csv")"
grep -q "^$P,.*,13.50,no,yes$" "$TMP/q3.csv" || fail "CSV row of P: $(grep "^$P," "$TMP/q3.csv")"
# The request itself says the same.
j=$(hc --json request show "$B") || fail "request show B failed"
[[ $(jq -c '.sla | [.breached, .remaining_working_hours]' <<<"$j") == '[false,0]' ]] ||
    fail "B's clock: $(jq -c .sla <<<"$j")"
hc request show "$B" >"$TMP/showB" || fail "request show B (text) failed"
grep -qF "[late]" "$TMP/showB" && fail "request show marks B late: $(cat "$TMP/showB")"
j=$(hc --json request show "$C") || fail "request show C failed"
[[ $(jq -c '.sla.within_target' <<<"$j") == true ]] || fail "C's clock: $(jq -c .sla <<<"$j")"
j=$(hc --json request show "$D") || fail "request show D failed"
[[ $(jq -c '.sla | [.breached, .remaining_working_hours]' <<<"$j") == '[false,-2]' ]] ||
    fail "D's clock: $(jq -c .sla <<<"$j")"

# --- turnaround: mean, median, p90 by nearest rank -----------------------------------
# Delivered in Q3, sorted: P 13.5, C 14.5, B 35.75, A 55.25.
#   mean = 119 / 4 = 29.75; median = (14.5 + 35.75) / 2 = 25.125 -> 25.13;
#   p90: nearest rank ceil(0.9 x 4) = 4 -> 55.25 (interpolating between ranks
#   would give 35.75 + 0.7 x 19.5 = 49.4).
eq "$TMP/q3.json" '.turnaround' \
    '{"count":4,"mean_working_hours":29.75,"median_working_hours":25.13,"p90_working_hours":55.25}'
# Q2: H alone, 7.75 h.
eq "$TMP/q2.json" '.turnaround' \
    '{"count":1,"mean_working_hours":7.75,"median_working_hours":7.75,"p90_working_hours":7.75}'

# --- open requests are measured at generated_at ----------------------------------------
# G1 (due Mon 15 Jun 15:45) is late by the working time from its due time to
# the instant the report prints; its assigned wait, from 8 Jun 11:00, runs to
# the same instant (besides H's 1 h and G2's 34.75 h).
GEN=$(jq -r .generated_at "$TMP/q2.json")
[[ $GEN == 20[0-9][0-9]-* ]] || fail "generated_at is '$GEN'"
over=$(hc --json calendar elapsed --from 2026-06-15T15:45 --to "$GEN" | jq .working_seconds) ||
    fail "calendar elapsed failed"
waited=$(hc --json calendar elapsed --from 2026-06-08T11:00 --to "$GEN" | jq .working_seconds) ||
    fail "calendar elapsed failed"
late_of "$TMP/q2.json" "$G1" >"$TMP/lateG1"
jq -e --argjson s "$over" '.overrun_working_hours == (($s / 36 | round) / 100)' "$TMP/lateG1" >/dev/null ||
    fail "G1's overrun is not measured at $GEN ($over working s): $(cat "$TMP/lateG1")"
jq -e --argjson s "$waited" \
    '.steps[] | select(.status == "assigned") | (.total_working_hours - (1 + 34.75 + $s / 3600) | fabs) < 0.006' \
    "$TMP/q2.json" >/dev/null ||
    fail "the assigned wait of G1 is not measured at $GEN ($waited working s): $(jq -c .steps "$TMP/q2.json")"

# --- time in each step: the office's steps apart from the pause -----------------------
# Q3, the sums of the waits listed with each request (mean = total / requests):
#   received    A 6.75 B 1 C 0.5 D 1 E 42.5 P 1 = 52.75 / 6 = 8.79
#   disposed    A 4 B 1 C 0.5 D 36.75 P 1      = 43.25 / 5 = 8.65
#   assigned    A 5.75 B 2 C 1.5 P 5.75        = 15 / 4    = 3.75
#   incomplete  P 53.25 (paused)               = 53.25 / 1
#   verified    6.75 + 1 + 0.5 + 1             = 9.25 / 4  = 2.3125 -> 2.31
#   provisioned 6.75 + 1.75 + 2.25 + 1         = 11.75 / 4 = 2.9375 -> 2.94
#   submitted   7 + 1 + 0.5 + 1                = 9.5 / 4   = 2.375 -> 2.38
#   forwarded   13.5 + 28 + 1 + 1              = 43.5 / 4  = 10.875 -> 10.88
#   approved    4.75 + 0 + 7.75 + 1.75         = 14.25 / 4 = 3.5625 -> 3.56
#   delivered   18.75 + 1 + 1 + 1 (clock stopped) = 21.75 / 4 = 5.4375 -> 5.44
# The pause is the longest, but it is the agency's time: the slowest step is
# the slowest with the clock running, the approval.
eq "$TMP/q3.json" '[.steps[] | [.status, .step, .clock, .requests, .total_working_hours, .mean_working_hours]]' \
    '[["received","SOP 2 disposition","running",6,52.75,8.79],["disposed","SOP 3 assignment","running",5,43.25,8.65],["assigned","SOP 4 verification","running",4,15,3.75],["incomplete","paused: missing documents","paused",1,53.25,53.25],["verified","SOP 5 preparation","running",4,9.25,2.31],["provisioned","SOP 5 report","running",4,11.75,2.94],["submitted","SOP 6 approval request","running",4,9.5,2.38],["forwarded","SOP 7 approval","running",4,43.5,10.88],["approved","SOP 8 delivery","running",4,14.25,3.56],["delivered","SOP 9 confirmation","stopped",4,21.75,5.44]]'
eq "$TMP/q3.json" '[.steps[] | select(.status == "incomplete") | .waiting_for]' '["documents from the agency (SLA paused)"]'
eq "$TMP/q3.json" .slowest_step '"SOP 7 approval by the Head of Office"'

hc report quarterly --year 2026 --quarter 3 --format md,html --out "$TMP/q3" >/dev/null || fail "Q3 files failed"
MD=$TMP/q3/quarterly-2026-Q3.md
HTML=$TMP/q3/quarterly-2026-Q3.html
# Markdown (the office's document, in Indonesian): the office's steps in one
# table, the time without the clock in another, each row named as a step or
# as paused, never by a status name.
sed -n '/^## Waktu pada Setiap Tahap/,/^## Permohonan yang Melewati/p' "$MD" >"$TMP/md-steps"
expect_contains "$TMP/md-steps" "| SOP 7 persetujuan Kepala Dinas | 4 | 10,88 | 43,50 |"
expect_contains "$TMP/md-steps" "| Menunggu kelengkapan berkas (waktu dihentikan) | 1 | 53,25 | 53,25 |"
expect_contains "$TMP/md-steps" "| SOP 9 konfirmasi perangkat daerah (setelah penyerahan) | 4 | 5,44 | 21,75 |"
expect_contains "$TMP/md-steps" "Tahap terlama: SOP 7 persetujuan Kepala Dinas, rata-rata 10,88 jam kerja."
grep -E '^\| (received|disposed|assigned|incomplete|verified|provisioned|submitted|forwarded|approved|delivered) ' \
    "$TMP/md-steps" && fail "the Markdown step tables name a status"
# The pause and the confirmation come after the office's steps, under their own heading.
[[ $(grep -n "SOP 8 penyerahan hak akses" "$TMP/md-steps" | cut -d: -f1) -lt \
    $(grep -n "Waktu di luar waktu pelayanan" "$TMP/md-steps" | cut -d: -f1) ]] ||
    fail "the Markdown does not set the pause apart: $(cat "$TMP/md-steps")"
# HTML: the step chart has a bar for each of the eight steps with the clock
# running, named by the step; the pause is not one of its bars.
sed -n '/<h2>Waktu pada Setiap Tahap/,/Grafik 3\./p' "$HTML" |
    sed -n '/<table class="bars">/,$p' >"$TMP/step-chart"
[[ $(grep -c 'class="bar ' "$TMP/step-chart") == 8 ]] ||
    fail "the step chart has $(grep -c 'class="bar ' "$TMP/step-chart") bars, expected 8"
grep -q 'SOP 7 persetujuan Kepala Dinas</td><td class="track"><div class="line"><span class="bar a" style="width: 85.0%"></span><span class="v">10,88</span>' \
    "$TMP/step-chart" || fail "the step chart's longest bar is not the approval: $(cat "$TMP/step-chart")"
expect_contains "$TMP/step-chart" ">SOP 2 disposisi Kepala Dinas<"
grep -qE '>(received|incomplete|delivered|forwarded)<|Menunggu kelengkapan' "$TMP/step-chart" &&
    fail "the step chart shows a status name or the pause: $(cat "$TMP/step-chart")"
sed -n '/<h2>Waktu pada Setiap Tahap/,/<h2>Permohonan yang Melewati/p' "$HTML" >"$TMP/html-steps"
expect_contains "$TMP/html-steps" '<tr><td>Menunggu kelengkapan berkas (waktu dihentikan)</td><td class="n">1</td><td class="n">53,25</td>'

finish
