#!/usr/bin/env bash
# The satisfaction survey (IKM, PRODUCT §8) through the real binary: a
# response is recorded only for a completed request and only once, a CSV
# import writes all of its rows or none, and the summary's numbers match
# figures worked out by hand.
source "$(dirname "$0")/lib.sh"

TODAY=$(TZ=Asia/Jakarta date +%F)
YEAR=${TODAY%%-*}
LAST=$((YEAR - 1))

office_store
hc staff add ani --name "Ani Rahayu" --role admin >/dev/null

# new_request LABEL: records a letter received today, prints the new id
new_request() {
    hc --json request new --agency dinkes --letter-number "400.7/$1/Dinkes/$YEAR" \
        --letter-date "$TODAY" --subject "Permohonan hosting $1" --domain "$1" | jq -er .id
}

# count_surveys: number of response files in the store
count_surveys() { find "$STORE/surveys" -name '*.yaml' 2>/dev/null | wc -l; }

ID=$(new_request simpus) || fail "request new failed"
OPEN=$(new_request sipd) || fail "request new failed"

# --- record: refused before completion ----------------------------------------
expect_code 5 hc survey record "$ID" --scores 4,4,3,4,4,4,4,3,4
expect_contains "$TMP/err" "is received, not completed"
[[ $(count_surveys) == 0 ]] || fail "a refused record wrote a file"

# --- the request through the nine steps -----------------------------------------
hc request dispose "$ID" --by kadis >/dev/null || fail "dispose failed"
hc request assign "$ID" --by kabid --officer budi >/dev/null || fail "assign failed"
hc request verify "$ID" --complete >/dev/null || fail "verify failed"
hc request provision "$ID" --manual --server web01 >/dev/null || fail "provision failed"
hc request submit "$ID" >/dev/null || fail "submit failed"
hc request forward "$ID" --by kabid >/dev/null || fail "forward failed"
hc request approve "$ID" --by kadis >/dev/null || fail "approve failed"
hc request deliver "$ID" --via email >/dev/null || fail "deliver failed"
hc request complete "$ID" >/dev/null || fail "complete failed"
[[ $(hc --json request show "$ID" | jq -r .status) == completed ]] || fail "$ID is not completed"

# --- record: bad input and the wrong people ----------------------------------------
expect_code 4 hc survey record "$ID" --scores 4,4,3,4,4,4,4,3,5
expect_contains "$TMP/err" "U9 (complaint handling) is 5"
expect_code 4 hc survey record "$ID" --scores 4,4,3
expect_contains "$TMP/err" "expected 9 scores"
expect_code 4 hc survey record "$ID" --scores 4,4,3,4,four,4,4,3,4
expect_code 4 hc survey record "$ID" --scores 4,4,3,4,4,4,4,3,4 --date 2099-01-01
expect_code 4 hc survey record "$ID" --scores 4,4,3,4,4,4,4,3,4 --date 1-2-2026
expect_code 5 hc survey record "$ID" --scores 4,4,3,4,4,4,4,3,4 --by kadis
expect_contains "$TMP/err" "admin or petugas_teknis"
expect_code 3 hc survey record "$ID" --scores 4,4,3,4,4,4,4,3,4 --by nobody
expect_code 3 hc survey record "HST-$YEAR-0099" --scores 4,4,3,4,4,4,4,3,4
expect_code 2 hc survey record "$ID"
[[ $(count_surveys) == 0 ]] || fail "a refused record wrote a file"

# --- record: the response, then a second one for the same request ------------------
out=$(hc --json survey record "$ID" --scores 4,4,3,4,4,4,4,3,4) || fail "survey record failed"
SID=$(jq -r .id <<<"$out")
[[ $SID == "IKM-$YEAR-0001" ]] || fail "first survey id is '$SID', expected IKM-$YEAR-0001"
[[ $(jq -r .request <<<"$out") == "$ID" ]] || fail "response does not name $ID: $out"
[[ $(jq -r .date <<<"$out") == "$TODAY" ]] || fail "response is not dated today: $out"
[[ $(jq -c '[.scores.u1, .scores.u3, .scores.u8, .scores.u9]' <<<"$out") == "[4,3,3,4]" ]] ||
    fail "scores not as given: $(jq -c .scores <<<"$out")"
[[ $(jq -r '.source + " " + .by + " " + .recorded_by' <<<"$out") == "cli budi $ME" ]] ||
    fail "source/by/recorded_by wrong: $out"
[[ -f $STORE/surveys/$YEAR/$SID.yaml ]] || fail "no file surveys/$YEAR/$SID.yaml"
grep -q '^schema: 1$' "$STORE/surveys/$YEAR/$SID.yaml" || fail "the response file has no schema: 1"
# The completion the agency answered for is not taken back.
before=$(sha256sum "$STORE"/requests/*/"$ID".yaml)
expect_code 5 hc request revert "$ID" --reason "salah"
expect_contains "$TMP/err" "has survey response $SID"
[[ $(sha256sum "$STORE"/requests/*/"$ID".yaml) == "$before" ]] || fail "a refused revert changed $ID"

expect_code 6 hc survey record "$ID" --scores 1,1,1,1,1,1,1,1,1 --by ani
expect_contains "$TMP/err" "already has survey response $SID"
[[ $(count_surveys) == 1 ]] || fail "a duplicate response was written"

# --- import: one bad row and nothing is written --------------------------------------
cat >"$TMP/bad.csv" <<CSV
request,date,u1,u2,u3,u4,u5,u6,u7,u8,u9
,$LAST-01-10,4,4,4,4,4,4,4,4,4
,$LAST-02-11,3,3,3,4,3,3,4,3,7
$ID,$TODAY,4,4,4,4,4,4,4,4,4
$OPEN,$TODAY,4,4,4,4,4,4,4,4,4
,$LAST-03-12,3,4,2,4,3,4,4
,$LAST-03-13,3,4,2,4,3,4,4,2,3
CSV
before=$(count_surveys)
expect_code 4 hc survey import "$TMP/bad.csv"
expect_contains "$TMP/err" "4 bad rows; nothing was imported"
expect_contains "$TMP/err" "line 3: U9 (complaint handling) is 7"
expect_contains "$TMP/err" "line 4: request $ID already has survey response $SID"
expect_contains "$TMP/err" "line 5: request $OPEN is received, not completed"
expect_contains "$TMP/err" "line 6: 9 fields instead of 11"
grep -q "line 2:" "$TMP/err" && fail "the good line 2 was reported"
grep -q "line 7:" "$TMP/err" && fail "the good line 7 was reported"
[[ $(count_surveys) == "$before" ]] || fail "a rejected import wrote files"

# --- import: the good file ------------------------------------------------------------
# Three forms in the first quarter of last year and one in the second.
cat >"$TMP/paper.csv" <<CSV
request,date,u1,u2,u3,u4,u5,u6,u7,u8,u9
,$LAST-01-10,4,4,4,4,4,4,4,4,4
,$LAST-02-11,3,3,3,4,3,3,4,3,3
,$LAST-03-12,3,4,2,4,3,4,4,2,3
,$LAST-04-01,1,1,1,1,1,1,1,1,1
CSV
out=$(hc --json survey import "$TMP/paper.csv") || fail "survey import failed: $(cat "$TMP/err" 2>/dev/null)"
[[ $(jq -r .imported <<<"$out") == 4 ]] || fail "imported is not 4: $out"
[[ $(jq -r '.responses[0].id' <<<"$out") == "IKM-$LAST-0001" ]] ||
    fail "forms of last year are not numbered in last year: $(jq -c '[.responses[].id]' <<<"$out")"
[[ $(jq -r '[.responses[].request] | unique | .[0]' <<<"$out") == null ]] ||
    fail "anonymous forms name a request: $out"
[[ $(jq -r '.responses[0].source' <<<"$out") == "import:paper.csv" ]] || fail "source is not import:paper.csv"
[[ $(count_surveys) == $((before + 4)) ]] || fail "expected $((before + 4)) response files"

# The same file again would count every form twice.
expect_code 4 hc survey import "$TMP/paper.csv"
expect_contains "$TMP/err" "already imported from paper.csv"
[[ $(count_surveys) == $((before + 4)) ]] || fail "a repeated import wrote files"

# --- list -------------------------------------------------------------------------------
[[ $(hc --json survey list | jq length) == 5 ]] || fail "survey list does not show 5 responses"
[[ $(hc --json survey list --from "$LAST-01-01" --to "$LAST-03-31" | jq length) == 3 ]] ||
    fail "survey list --from/--to does not filter by date"
hc survey list >"$TMP/list" || fail "survey list failed"
expect_contains "$TMP/list" "$SID"
expect_contains "$TMP/list" "4,4,3,4,4,4,4,3,4"
expect_code 4 hc survey list --from "$LAST-13-01"

# --- summary, against figures worked out by hand -----------------------------------------
# First quarter of last year, three respondents:
#   element:   U1 U2 U3 U4 U5 U6 U7 U8 U9   row sum
#   form 1:     4  4  4  4  4  4  4  4  4   36
#   form 2:     3  3  3  4  3  3  4  3  3   29
#   form 3:     3  4  2  4  3  4  4  2  3   29
#   column:    10 11  9 12 10 11 12  9 10   94
# NRR = column / 3: U1 3.3333, U2 3.6667, U3 3.0000, U4 4.0000, ...
# weighted U1 = 3.3333 / 9 = 0.37037
# IKM = 94 / (3 x 9) = 94/27 = 3.48148
# converted = 3.48148 x 25 = 2350/27 = 87.037 -> 87.04: grade B (Baik)
j=$(hc --json survey summary --year "$LAST" --quarter 1) || fail "survey summary failed"
check() { # check JQ_EXPR EXPECTED
    local got
    got=$(jq -r "$1" <<<"$j")
    [[ $got == "$2" ]] || fail "summary: $1 is '$got', expected '$2'"
}
check .respondents 3
check .from "$LAST-01-01"
check .to "$LAST-03-31"
check '.elements | length' 9
check '.elements[0].code + " " + .elements[0].name_id' "U1 Persyaratan"
check '.elements[8].code + " " + .elements[8].name' "U9 complaint handling"
# (JSON rounds nrr, weighted and the index to 3 decimals, converted to 2,
# the converted score from the unrounded index.)
check '.elements[0].nrr' 3.333
check '.elements[1].nrr' 3.667
check '.elements[2].nrr' 3
check '.elements[3].nrr' 4
check '.elements[7].nrr' 3
check '.elements[0].weighted' 0.37
check '.ikm' 3.481
check .converted 87.04
check .grade B
check .grade_label Baik

# The same period given by dates.
j=$(hc --json survey summary --from "$LAST-01-01" --to "$LAST-03-31")
check .respondents 3
check .converted 87.04

# The whole of last year adds the all-1 form: total 94 + 9 = 103 over 4
# respondents; converted = 25 x 103 / 36 = 2575/36 = 71.528 -> 71.53: C.
j=$(hc --json survey summary --year "$LAST")
check .respondents 4
check .converted 71.53
check .grade C
check .grade_label "Kurang Baik"

# Today: the one response recorded above, 4,4,3,4,4,4,4,3,4, total 34;
# converted = 25 x 34 / 9 = 94.444 -> 94.44: A (Sangat Baik).
j=$(hc --json survey summary --from "$TODAY" --to "$TODAY")
check .respondents 1
check .converted 94.44
check .grade A
check .grade_label "Sangat Baik"

# A period without answers has no index and no grade.
j=$(hc --json survey summary --year 2001)
check .respondents 0
check .ikm null
check .converted null
check .grade null
check '.elements[0].nrr' null
hc survey summary --year 2001 >"$TMP/none" || fail "summary of an empty period failed"
expect_contains "$TMP/none" "no IKM and no grade"

# The table a person reads.
hc survey summary --year "$LAST" --quarter 1 >"$TMP/sum" || fail "survey summary failed"
expect_contains "$TMP/sum" "Persyaratan"
expect_contains "$TMP/sum" "Penanganan Pengaduan"
expect_contains "$TMP/sum" "3.481"
expect_contains "$TMP/sum" "87.04"
expect_contains "$TMP/sum" "B — Baik"
expect_contains "$TMP/sum" "respondents                 3"

expect_code 2 hc survey summary --quarter 1
expect_code 2 hc survey summary --year "$LAST" --from "$LAST-01-01"
expect_code 4 hc survey summary --year "$LAST" --quarter 5
expect_code 0 hc survey --help

finish
