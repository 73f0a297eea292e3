#!/usr/bin/env bash
# One JSON convention (hostingctl(1), JSON OUTPUT): every --json output is
# checked against man/hostingctl.schema.json; absent values are null, never
# ""; a row of `request list` has the key paths of `request show`; the IKM
# has the same names in `survey summary` and the quarterly report; the
# quarterly CSV and the JSON agree on within_target; --json is never
# silently ignored.
# shellcheck source-path=SCRIPTDIR
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
python3 -c 'import jsonschema' 2>/dev/null ||
    { echo "python3-jsonschema is not installed (./run installs it)"; exit 1; }
HERE=$(cd "$(dirname "$0")" && pwd)
SCHEMA="$HERE/../../man/hostingctl.schema.json"
YEAR=$(TZ=Asia/Jakarta date +%Y)
office_store
confirm_current_years
hc staff add rina --name "Rina" --role pejabat_pengaduan >/dev/null
hc agency add disdik --name "Dinas Pendidikan" --head "Drs. Suyanto" --phone 0285421000 >/dev/null

# check DEFINITION CMD...: runs CMD (with --json), checks its output.
N=0
check() {
    local def=$1; shift
    N=$((N + 1))
    local out="$TMP/out.$N.json"
    hc --json "$@" >"$out" 2>"$TMP/err.$N" || { fail "'$*' failed: $(head -c 300 "$TMP/err.$N")"; return; }
    python3 "$HERE/json_check.py" "$SCHEMA" "$def" "$out" >"$TMP/why.$N" ||
        fail "'hostingctl --json $*' breaks the convention: $(head -n 5 "$TMP/why.$N")"
}

# A past request through every step, one open, one cancelled, one with
# corrections; a complaint; survey responses.
new() { # new LABEL [options]
    local label=$1; shift
    hc --json request new --agency dinkes --letter-number "400.7/$label/$YEAR" \
        --letter-date "$YEAR-01-02" --received-at "$YEAR-01-05T08:00" \
        --subject "Permohonan hosting $label" --domain "$label" "$@" | jq -r .id
}
A=$(new simpus --contact-name "Andi" --app php)
B=$(new ppdb)
C=$(new sipkes)
step dispose "$A" "$YEAR-01-05T09:00" --by kadis
step assign "$A" "$YEAR-01-05T10:00" --by kabid --officer budi
step verify "$A" "$YEAR-01-05T11:00" --complete
check request request provision "$A" --manual --server web01 --at "$YEAR-01-05T13:00"
step submit "$A" "$YEAR-01-05T14:00"
step forward "$A" "$YEAR-01-06T08:30" --by kabid
step approve "$A" "$YEAR-01-06T09:00" --by kadis
step deliver "$A" "$YEAR-01-06T10:00" --via email
step complete "$A" "$YEAR-01-07T10:00"
hc request cancel "$C" --reason "ditarik" >/dev/null
printf 'ktp\n' >"$TMP/ktp.pdf"
check request request amend "$B" --contact-phone 081234567890 --reason "nomor baru"
check request request attach "$B" "$TMP/ktp.pdf"
check request request dispose "$B" --by kadis
check request request revert "$B" --by kadis --reason "salah"
check request request note "$B" "menunggu"
check complaint complaint new --channel whatsapp --from "Pak Joko" --text "Situs lambat" --request "$A"
check survey_response survey record "$A" --scores 4,3,4,3,4,4,3,3,4 --date "$YEAR-01-08"
printf 'request,date,u1,u2,u3,u4,u5,u6,u7,u8,u9\n,%s-01-09,3,3,3,3,3,3,3,3,3\n,%s-01-09,4,4,4,4,3,3,4,3,4\n' \
    "$YEAR" "$YEAR" >"$TMP/forms.csv"
hc survey import "$TMP/forms.csv" >/dev/null || fail "survey import failed"

for id in "$A" "$B" "$C"; do
    check request request show "$id"
    check request_log request log "$id"
done
check request_rows request list
check request_rows request list --status completed,cancelled
check request_rows request find simpus
check staff staff show budi
check staff_list staff list
check agency agency show dinkes
check agency_list agency list
check complaint complaint show ADU-$YEAR-0001
check complaint_log complaint log ADU-$YEAR-0001
check complaint_rows complaint list
check report_sla report sla
check survey_list survey list
check survey_summary survey summary --year "$YEAR" --quarter 1
check survey_summary survey summary --year "$YEAR" --quarter 3
check quarterly report quarterly --stdout --year "$YEAR" --quarter 1
check quarterly report quarterly --stdout --format json --year "$YEAR" --quarter 1
check store_check store check
check calendar_due calendar due --from "$YEAR-01-05T08:00" --days 5
check calendar_elapsed calendar elapsed --from "$YEAR-01-05T08:00" --to "$YEAR-01-06T08:00"
check calendar_show calendar show --month "$YEAR-01"
check server_list server list
check server_show server show web01
check server server edit web01 --capacity 40
check audit audit

# A row has the key paths of request show, with the same values (the SLA
# clock of an open request moves between the two commands; its due time
# does not).
hc --json request list >"$TMP/rows.json"
for id in "$A" "$B" "$C"; do
    hc --json request show "$id" >"$TMP/show.json"
    jq --arg id "$id" --slurpfile show "$TMP/show.json" -e '
        (.[] | select(.id == $id)) as $row
        | [$row | paths(scalars, nulls) | select(.[0] != "sla" or .[1] == "due")] as $paths
        | ($paths | length) > 8
          and all($paths[]; . as $p | ($row | getpath($p)) == ($show[0] | getpath($p)))' \
        "$TMP/rows.json" >/dev/null ||
        fail "the row of $id is not a subset of request show: $(jq -c --arg id "$id" '.[] | select(.id == $id)' "$TMP/rows.json")"
done
[[ $(jq -r --arg id "$A" '.[] | select(.id == $id) | .letter.received_at' "$TMP/rows.json") == \
    "$(hc --json request show "$A" | jq -r .letter.received_at)" ]] || fail "jq .letter.received_at differs"

# The IKM: one name per figure, rounded as documented.
hc --json survey summary --year "$YEAR" --quarter 1 >"$TMP/sum.json"
hc --json report quarterly --stdout --year "$YEAR" --quarter 1 >"$TMP/q.json"
[[ $(jq -cS 'del(.from, .to)' "$TMP/sum.json") == "$(jq -cS .ikm "$TMP/q.json")" ]] ||
    fail "survey summary and the quarterly report name the IKM differently: $(jq -c 'del(.from, .to, .elements)' "$TMP/sum.json") vs $(jq -c '.ikm | del(.elements)' "$TMP/q.json")"
# (4+3+4)/3 = 3.667 for U1; converted 3 respondents -> 2 decimals.
[[ $(jq -r '.elements[0].nrr' "$TMP/sum.json") == 3.667 ]] || fail "U1's NRR is $(jq -r '.elements[0].nrr' "$TMP/sum.json"), not 3.667"
jq -e '([.ikm, .elements[].nrr, .elements[].weighted] | all(tostring | test("^[0-9]+(\\.[0-9]{1,3})?$")))
    and (.converted | tostring | test("^[0-9]+(\\.[0-9]{1,2})?$"))' "$TMP/sum.json" >/dev/null ||
    fail "the IKM figures are not rounded to 3 (converted: 2) decimals: $(jq -c '[.ikm, .converted, .elements[0]]' "$TMP/sum.json")"

# within_target: the same answer in request show, the quarterly JSON rows
# of late requests and the CSV -- unknown (null, empty) for a request
# still open and not yet past its target, and for a cancelled one.
D=$(hc --json request new --agency dinkes --letter-number "400.7/baru/$YEAR" --letter-date "$YEAR-01-02" \
    --subject "Baru" --domain baru | jq -r .id)
[[ $(hc --json request show "$D" | jq -r .sla.within_target) == null ]] ||
    fail "an open request not past its target reads within_target $(hc --json request show "$D" | jq -r .sla.within_target)"
[[ $(hc --json request show "$C" | jq -r .sla.within_target) == null ]] || fail "a cancelled request has a within_target"
[[ $(hc --json request show "$A" | jq -r .sla.within_target) == true ]] || fail "a delivery within the target is not true"
Q=$(( ($(TZ=Asia/Jakarta date +%-m) - 1) / 3 + 1 ))
hc report quarterly --stdout --format csv --year "$YEAR" --quarter "$Q" >"$TMP/q.csv"
row=$(grep "^$D," "$TMP/q.csv")
[[ ${row##*,} == "" ]] || fail "the CSV says within_target '${row##*,}' for the open request $D"
hc report quarterly --stdout --format csv --year "$YEAR" --quarter 1 >"$TMP/q1.csv"
[[ $(grep "^$A," "$TMP/q1.csv" | awk -F, '{print $NF}') == yes ]] || fail "the CSV does not say yes for $A"
[[ $(grep "^$C," "$TMP/q1.csv" | awk -F, '{print $NF}') == "" ]] || fail "the CSV judges the cancelled $C"

# --json is never silently ignored.
expect_code 2 hc --json report quarterly --stdout --format md --year "$YEAR" --quarter 1
expect_contains "$TMP/err" "--json prints the report in JSON"

echo "$N outputs checked"
finish
