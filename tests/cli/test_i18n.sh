#!/usr/bin/env bash
# Messages in Indonesian: the catalog compiles, translates every message the
# sources mark and holds none they no longer have, the language follows the
# locale or hostingctl.yaml's `language:`, and a whole request taken through
# the steps in Indonesian prints none of its messages in English.
source "$(dirname "$0")/lib.sh"
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
unset LC_ALL LC_MESSAGES LANGUAGE
export LANG=C.UTF-8

# 1. Every marked message of cli/ and lib/ has an Indonesian translation,
#    none is fuzzy, and the catalog compiles.
bash "$ROOT/po/extract.sh" "$TMP/hostingctl.pot"
shopt -s nullglob
PARTS=("$ROOT"/po/id.d/*.po)
shopt -u nullglob
CATALOG=$TMP/id.po
msgcat --use-first -o "$CATALOG" "$ROOT/po/id.po" "${PARTS[@]}"
msgcmp --use-untranslated "$TMP/hostingctl.pot" "$CATALOG" 2>"$TMP/stale" ||
    fail "po/ translates messages the sources no longer have: $(head -c 600 "$TMP/stale")"
msgcmp "$CATALOG" "$TMP/hostingctl.pot" 2>"$TMP/msgcmp" ||
    fail "po/id.po lacks translations: $(grep -c 'this message' "$TMP/msgcmp") messages, e.g. $(head -c 600 "$TMP/msgcmp")"
msgfmt --check --statistics -o /dev/null "$CATALOG" 2>"$TMP/stats" ||
    fail "po/id.po does not compile: $(cat "$TMP/stats")"
grep -qE 'fuzzy' "$TMP/stats" && fail "po/id.po: $(cat "$TMP/stats")"

# 2. The language: the locale, unless hostingctl.yaml names one.
office_store
LANG=id_ID.UTF-8 hc request show HST-1999-0001 >/dev/null 2>"$TMP/err" || true
expect_contains "$TMP/err" "hostingctl: galat:"
hc request show HST-1999-0001 >/dev/null 2>"$TMP/err" || true
expect_contains "$TMP/err" "hostingctl: error:"
LANG=in_ID hc --help >"$TMP/out"
expect_contains "$TMP/out" "Perintah:"
LANGUAGE=id LANG=en_US.UTF-8 hc --help >"$TMP/out"
expect_contains "$TMP/out" "Perintah:"
sed -i 's/^# language: id$/language: id/' "$STORE/hostingctl.yaml"
hc --help >"$TMP/out"
expect_contains "$TMP/out" "Perintah:"
hc --store "$STORE" --help >"$TMP/out"
expect_contains "$TMP/out" "Perintah:"
sed -i 's/^language: id$/language: en/' "$STORE/hostingctl.yaml"
LANG=id_ID.UTF-8 hc --help >"$TMP/out"
expect_contains "$TMP/out" "Commands:"
sed -i 's/^language: en$/language: jawa/' "$STORE/hostingctl.yaml"
expect_code 7 hc request list
expect_contains "$TMP/err" "language must be 'id' (Indonesian) or 'en'"
sed -i 's/^language: jawa$/# language: id/' "$STORE/hostingctl.yaml"

# 3. A request through every step, with its help, listings, reports and
#    mistakes, in Indonesian: nothing it prints is an English message.
export LANG=id_ID.UTF-8
YEAR=$(TZ=Asia/Jakarta date +%Y)
ALL=$TMP/all
run() { { printf '$ hostingctl %s\n' "$*"; hc "$@" 2>&1 || true; } >>"$ALL"; }
run --help
for g in staff agency request complaint calendar report survey audit store server doc; do
    run "$g" --help
done
run request new --help
run request new --agency dinkes
run request new --agency dinkess --letter-number 400.7/1/2026 --letter-date "$YEAR-01-02" \
    --subject "Permohonan hosting SIMPUS" --domain simpus
ID=$(hc --json request new --agency dinkes --letter-number "400.7/1/$YEAR" \
    --letter-date "$YEAR-01-02" --received-at "$YEAR-01-05T08:00" \
    --subject "Permohonan hosting SIMPUS" --domain simpus --app php | jq -r .id)
run request show "$ID"
run request assign "$ID" --by kabid --officer budi --at "$YEAR-01-05T09:00"
run request dispose "$ID" --by kadis --at "$YEAR-01-05T09:00"
run request assign "$ID" --by kabid --officer budi --at "$YEAR-01-05T10:00"
run request verify "$ID" --at "$YEAR-01-05T11:00"
run request verify "$ID" --incomplete --missing "surat kuasa" --at "$YEAR-01-05T11:00"
run request resume "$ID" --at "$YEAR-01-06T08:00"
run request verify "$ID" --complete --at "$YEAR-01-06T08:30"
run request provision "$ID" --manual --server web01 --at "$YEAR-01-06T09:00"
run request submit "$ID" --at "$YEAR-01-06T10:00"
run request forward "$ID" --by kabid --at "$YEAR-01-06T11:00"
run request approve "$ID" --by kadis --at "$YEAR-01-06T12:00"
run request deliver "$ID" --via email --at "$YEAR-01-06T13:00"
run request complete "$ID" --at "$YEAR-01-06T14:00"
run request complete "$ID"
run request show "$ID"
run request log "$ID"
run request list
run doc list "$ID"
run doc render "$ID" approval --format md --out -
run doc render "$ID" receipt --format html --out -
run doc render "$ID" letter
run request find simpus
run request show "$ID" extra
run report quarterly --year "$YEAR" --quarter x
run request provision "$ID" --jobs 99
run request note "$ID" ""
run request new --agency dinkes --letter-number 400.7/9/2026 --letter-date "$YEAR-01-02" \
    --subject "" --domain simpeg
run server list
run complaint new --channel phone --from "Andi" --text "Situs tidak bisa dibuka" --request "$ID"
run complaint list
run survey record "$ID" --scores 4,4,3,4,4,3,4,4,4 --date "$YEAR-01-07"
run survey record "$ID" --scores 4,4,9,4,4,3,4,4,4 --date "$YEAR-01-07"
run survey record "$ID" --scores 4,4,x,4,4,3,4,4,4 --date "$YEAR-01-07"
run survey record "$ID" --scores 4,4,3,4,4,3,4,4,4 --date "$YEAR-01-07"
printf '%s\n' "request,date,u1,u2,u3,u4,u5,u6,u7,u8,u9" "$ID,07-01-$YEAR,4,4,4,4,4,4,4,4,4" \
    '"x"y,1' >"$TMP/survey.csv"
run survey import "$TMP/survey.csv"
expect_contains "$ALL" "baris 3: ada teks setelah kolom bertanda kutip"
run survey summary --year "$YEAR"
run survey summary --year "$((YEAR + 1))"
run report sla
run report quarterly --year "$YEAR" --quarter 1 --stdout --format md
run calendar show --year "$YEAR"
run staff list
run agency list
run store check
run request amend "$ID" --subject "Permohonan hosting SIMPUS baru"
run request revert "$ID" --reason "salah catat"
run request attach "$ID" /nonexistent/surat.pdf
[[ -s $ALL ]] || fail "nothing was printed"
# Short English words the check below cannot see, in the sentences they
# were seen in.
expect_contains "$ALL" "U3 (Waktu Pelayanan)"
expect_contains "$ALL" "catatan tidak boleh kosong"
expect_contains "$ALL" "perihal tidak boleh kosong"
ENGLISH="[0-9] to [0-9]|completion time|line [0-9]+:|At Most|excludes --|requires --| or (admin|petugas|kepala)|not expected|Could not|not in range"
if grep -qE "$ENGLISH" "$ALL"; then
    fail "printed in English: $(grep -E "$ENGLISH" "$ALL" | head -3)"
fi

# Every English message of the catalog that the Indonesian one words
# differently: its literal parts (between placeholders) of three words or
# more must not appear in what was printed.
msgattrib --translated --no-fuzzy --no-wrap --no-location --no-obsolete "$CATALOG" |
    LANG=C.UTF-8 perl -ne '
        sub unq { my $s = shift; $s =~ s/\\n/\n/g; $s =~ s/\\"/"/g; $s =~ s/\\\\/\\/g; $s }
        if (/^msgid(?:_plural)? "(.*)"$/) { push @ids, unq($1) }
        elsif (/^msgstr(?:\[\d+\])? "(.*)"$/) { $str .= unq($1) . "\n" }
        elsif (/^$/) { flush() }
        END { flush() }
        sub flush {
            for my $id (@ids) {
                for my $part (split /\{[^{}]*\}/, $id) {
                    $part =~ s/^\s+|\s+$//g;
                    my @w = split /\s+/, $part;
                    print "$part\n" if @w >= 3 && index($str, $part) < 0;
                }
            }
            @ids = (); $str = "";
        }' | sort -u >"$TMP/english"
while IFS= read -r part; do
    if grep -qF -- "$part" "$ALL"; then
        fail "printed in English: '$part'"
    fi
done <"$TMP/english"
(($(wc -l <"$TMP/english") > 0)) || fail "the catalog has no translated messages to look for"

finish
