#!/usr/bin/env bash
# Dates and times typed in Indonesian order (20-11-2026, 20/11/2026 14.30)
# on options and in CSV imports; everything printed and stored stays ISO.
source "$(dirname "$0")/lib.sh"
YEAR=$(TZ=Asia/Jakarta date +%Y)
office_store

ID=$(hc --json request new --agency dinkes --letter-number "400.7/1/$YEAR" --letter-date "02/01/$YEAR" \
    --received-at "05-01-$YEAR 08.15" --subject "Permohonan hosting" --domain tanggal | jq -r .id)
j=$(hc --json request show "$ID")
[[ $(jq -r .letter.date <<<"$j") == "$YEAR-01-02" ]] || fail "letter date: $(jq -r .letter.date <<<"$j")"
[[ $(jq -r .letter.received_at <<<"$j") == "$YEAR-01-05T08:15:00+07:00" ]] ||
    fail "received at: $(jq -r .letter.received_at <<<"$j")"
grep -q "date: $YEAR-01-02" "$STORE"/requests/*/"$ID.yaml" || fail "the stored letter date is not ISO"

step dispose "$ID" "5/1/$YEAR 09:00" --by kadis
step assign "$ID" "05/01/$YEAR 10.30" --by kabid --officer budi
[[ $(hc --json request show "$ID" | jq -r '.events[-1].at') == "$YEAR-01-05T10:30:00+07:00" ]] ||
    fail "--at 05/01/$YEAR 10.30 was not read as 10:30 office time"

# Impossible or ambiguous dates are refused, nothing written.
expect_code 4 hc request verify "$ID" --complete --at "31/02/$YEAR 09:00"
expect_code 4 hc request verify "$ID" --complete --at "01/13/$YEAR 09:00"
expect_code 4 hc request new --agency dinkes --letter-number "400.7/2/$YEAR" --letter-date "1/2/26" \
    --subject x --domain tanggal2
# The hint names both forms it takes.
expect_contains "$TMP/err" "write YYYY-MM-DD or DD-MM-YYYY"
expect_code 4 hc request list --from "2026/01/01"
expect_contains "$TMP/err" "write YYYY-MM-DD or DD-MM-YYYY"
[[ $(hc --json request list | jq length) == 1 ]] || fail "a refused date wrote a request"

# Filters.
[[ $(hc --json request list --from "01/01/$YEAR" --to "31-01-$YEAR" | jq -r '.[0].id') == "$ID" ]] ||
    fail "list --from/--to in Indonesian order"

# The survey: --date and a CSV file as a spreadsheet with Indonesian
# settings saves it (';' separated, day/month/year).
for s in "verify --complete" "provision --manual --server web01" submit "forward --by kabid" \
         "approve --by kadis" "deliver --via email" complete; do
    # shellcheck disable=SC2086 # the step and its options
    hc request $s "$ID" >/dev/null 2>&1 || fail "request $s failed"
done
TODAY=$(TZ=Asia/Jakarta date +%d/%m/%Y)
printf 'request;date;u1;u2;u3;u4;u5;u6;u7;u8;u9\r\n;%s;4;4;3;4;4;4;4;3;4\r\n' "$TODAY" >"$TMP/ikm.csv"
hc survey import "$TMP/ikm.csv" >/dev/null 2>"$TMP/err" || fail "survey import with $TODAY failed: $(cat "$TMP/err")"
hc survey record "$ID" --scores 4,4,4,4,4,4,4,4,4 --date "$TODAY" >/dev/null 2>"$TMP/err" ||
    fail "survey record --date $TODAY failed: $(cat "$TMP/err")"
[[ $(hc --json survey list | jq -r '[.[].date] | unique | join(" ")') == "$(TZ=Asia/Jakarta date +%Y-%m-%d)" ]] ||
    fail "survey dates are not stored as ISO: $(hc --json survey list | jq -c '[.[].date]')"

finish
