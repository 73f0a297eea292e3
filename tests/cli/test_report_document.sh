#!/usr/bin/env bash
# The quarterly evaluation as the office's document (`report quarterly
# --format pdf|html|md`): Indonesian by default, the title with the quarter in
# Roman numerals, the summary's figures equal to those of --format json, A4
# pages, tables within the page's right margin (also the reason column of a
# late request with a long reason), the reviewing head of division's
# signature, an empty quarter said in words without charts, English on
# request, and the office's own quarterly.html before the built-in one.
source "$(dirname "$0")/lib.sh"

command -v pdftotext >/dev/null || { echo "pdftotext (poppler-utils) is missing" >&2; exit 1; }
command -v pdfinfo >/dev/null || { echo "pdfinfo (poppler-utils) is missing" >&2; exit 1; }
command -v weasyprint >/dev/null || { echo "weasyprint is missing" >&2; exit 1; }

office_store
hc staff deactivate kabid >/dev/null || fail "staff deactivate kabid failed"
hc staff add agus --name "Ir. Agus Prasetyo" --nip 197505052000031002 \
    --title "Kepala Bidang Infrastruktur dan Statistik" --role kepala_bidang >/dev/null
hc agency add dpmptsp --name "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu" >/dev/null

# new_request AGENCY LABEL RECEIVED: prints the new id
new_request() {
    hc --json request new --agency "$1" --letter-number "400.7/$2/2026" \
        --letter-date "${3:0:10}" --received-at "$3" \
        --subject "Permohonan hosting $2" --domain "$2" | jq -er .id
}
# through ID DAY: every step on one day (Mon-Thu), delivered the same day
through() {
    step dispose "$1" "$2T09:30" --by kadis
    step assign "$1" "$2T10:00" --by agus --officer budi
    step verify "$1" "$2T10:30" --complete
    step provision "$1" "$2T11:00" --manual --server web01
    step submit "$1" "$2T13:00"
    step forward "$1" "$2T13:30" --by agus
    step approve "$1" "$2T14:00" --by kadis
    step deliver "$1" "$2T14:30" --via email
    step complete "$1" "$2T15:00"
}

# --- 2026-Q3: four requests, one late with a long reason -----------------------
A=$(new_request dinkes simpus 2026-07-06T09:00)
through "$A" 2026-07-06
B=$(new_request dpmptsp sicantik 2026-08-03T09:00)
through "$B" 2026-08-04
# C: received Mon 10 Aug, due Mon 17 Aug is a holiday: due Wed 19 Aug 15:45 (11,
# 12, 13, 14, 18 Aug); approved only on Tue 25 Aug (a holiday too) -> 26 Aug: late.
C=$(new_request dpmptsp perizinan-terpadu-online 2026-08-10T09:00)
LONG="Menunggu tanda tangan Kepala Dinas yang sedang dinas luar kota selama satu minggu untuk rapat koordinasi tingkat provinsi, sehingga persetujuan dokumen hosting tertunda dan penyerahan hak akses kepada perangkat daerah pemohon ikut mundur"
step dispose "$C" 2026-08-10T09:30 --by kadis
step assign "$C" 2026-08-10T10:00 --by agus --officer budi
hc request note "$C" "$LONG" --at 2026-08-11T09:00 >/dev/null || fail "note on $C failed"
step verify "$C" 2026-08-11T10:00 --complete
step provision "$C" 2026-08-11T11:00 --manual --server web01
step submit "$C" 2026-08-11T13:00
step forward "$C" 2026-08-12T09:00 --by agus
step approve "$C" 2026-08-26T09:00 --by kadis
step deliver "$C" 2026-08-26T10:00 --via letter
D=$(new_request dinkes sikesling 2026-09-07T09:00)
step cancel "$D" 2026-09-08T09:00 --reason "OPD menarik permohonan"

C1=$(hc --json complaint new --channel phone --from "Pak Ahmad" --text "Situs tidak bisa dibuka" \
    --received-at 2026-08-12T09:00 | jq -er .id) || fail "complaint new failed"
hc complaint respond "$C1" --text "Sedang kami periksa" --at 2026-08-12T10:00 >/dev/null ||
    fail "complaint respond failed"
hc complaint resolve "$C1" --solution "Sudah dipulihkan" --at 2026-08-12T13:30 >/dev/null ||
    fail "complaint resolve failed"
hc complaint new --channel whatsapp --from "Bu Rina" --contact 081234567890 \
    --text "Pertanyaan kuota" --received-at 2026-09-01T09:00 >/dev/null || fail "complaint new (whatsapp) failed"
hc survey record "$A" --scores 4,4,4,4,4,4,4,4,4 --date 2026-07-10 >/dev/null || fail "survey $A"
hc survey record "$B" --scores 3,4,3,4,3,4,3,4,3 --date 2026-08-10 >/dev/null || fail "survey $B"

# --- the PDF and the JSON of the same quarter ------------------------------------
hc report quarterly --year 2026 --quarter 3 --format json --stdout >"$TMP/q3.json" ||
    fail "report quarterly --format json failed"
hc report quarterly --year 2026 --quarter 3 --format pdf,html,md --out "$TMP/rep" >"$TMP/out" 2>"$TMP/err" ||
    fail "report quarterly --format pdf failed: $(cat "$TMP/err")"
PDF=$TMP/rep/quarterly-2026-Q3.pdf
[[ -s $PDF ]] || fail "no $PDF"
expect_contains "$TMP/out" "quarterly-2026-Q3.pdf"
ls -A "$TMP/rep" | grep -q '^\.' && fail "temp files left in the report folder: $(ls -A "$TMP/rep")"
pdftotext -layout "$PDF" "$TMP/q3.txt"
# The text in reading order on one line, so that a sentence wrapped across
# lines (or a table cell across its lines) still matches.
pdftotext "$PDF" - | tr -s ' \n' ' ' >"$TMP/q3.flat"

# The figures of the summary are those of the JSON, written the Indonesian way.
j() { jq -r "$1" "$TMP/q3.json"; }
id_pct() { # 75 -> 75,0%
    LC_ALL=C printf '%.1f%%' "$1" | tr . ,
}
[[ $(j .volume.received) == 4 ]] || fail "the JSON counts $(j .volume.received) requests, expected 4"
expect_contains "$TMP/q3.flat" "diterima $(j .volume.received) permohonan hosting: $(j .volume.completed) telah selesai, $(j .volume.in_progress) masih dalam proses, $(j .volume.rejected) ditolak, dan $(j .volume.cancelled) dibatalkan"
[[ $(j .sla.pct_within_sla) != null ]] || fail "the JSON has no pct_within_sla"
PCT_SLA=$(id_pct "$(j .sla.pct_within_sla)")
PCT_TARGET=$(id_pct "$(j .sla.pct_within_target)")
[[ $PCT_SLA == "66,7%" ]] || fail "pct within SLA is $PCT_SLA, expected 66,7% (2 of 3)"
expect_contains "$TMP/q3.flat" "Dari $(j .sla.delivered) permohonan yang hak aksesnya telah diserahkan, $PCT_SLA diserahkan dalam 5 hari kerja"
expect_contains "$TMP/q3.flat" "$PCT_TARGET dalam target internal 1–2 hari kerja"
SCORE=$(LC_ALL=C printf '%.2f' "$(j .ikm.converted)" | tr . ,)
IKM=$(LC_ALL=C printf '%.2f' "$(j .ikm.ikm)" | tr . ,)
expect_contains "$TMP/q3.flat" "responden bernilai $IKM atau $SCORE setelah dikonversi, dengan mutu pelayanan $(j .ikm.grade) ($(j .ikm.grade_label))"
expect_contains "$TMP/q3.flat" "Pengaduan yang diterima sebanyak $(j .complaints.total), $(j .complaints.resolved) di antaranya telah diselesaikan"

# The title, the letterhead, the step names and the signature.
expect_contains "$TMP/q3.flat" "LAPORAN EVALUASI KINERJA PELAYANAN HOSTING"
expect_contains "$TMP/q3.flat" "TRIWULAN III TAHUN 2026"
expect_contains "$TMP/q3.flat" "PEMERINTAH KOTA PEKALONGAN"
expect_contains "$TMP/q3.flat" "Periode 1 Juli 2026 s.d. 30 September 2026"
expect_contains "$TMP/q3.flat" "SOP 7 persetujuan Kepala Dinas"
grep -qE '\b(forwarded|submitted|provisioned)\b' "$TMP/q3.txt" && fail "the PDF names internal statuses"
expect_contains "$TMP/q3.flat" "Menunggu tanda tangan Kepala Dinas"
expect_contains "$TMP/q3.flat" "penyerahan hak akses kepada perangkat daerah pemohon ikut mundur"
expect_contains "$TMP/q3.flat" "KEPALA BIDANG INFRASTRUKTUR DAN STATISTIK"
expect_contains "$TMP/q3.flat" "Ir. Agus Prasetyo"
expect_contains "$TMP/q3.flat" "NIP. 19750505 200003 1 002"
# Dated the day it was made (the report's generated_at, in office time).
DAY=$(j .generated_at | cut -c9-10 | sed 's/^0//')
expect_contains "$TMP/q3.flat" "Pekalongan, $DAY "
expect_contains "$TMP/q3.flat" "Pada triwulan III tahun 2026 diterima"
# The same words and numbers as the other rows: WhatsApp as it is written,
# every share with one decimal.
hc report quarterly --year 2026 --quarter 3 --format md --stdout >"$TMP/id.md" || fail "Markdown failed"
expect_contains "$TMP/id.md" "Saluran: WhatsApp"
expect_contains "$TMP/id.md" "| Hak akses diserahkan | $(j .sla.delivered) | 100,0% |"

# A4 pages, numbered after the first.
pdfinfo "$PDF" >"$TMP/info"
grep -q "^Page size: *595.276 x 841.89 pts (A4)" "$TMP/info" || fail "not A4: $(grep 'Page size' "$TMP/info")"
PAGES=$(awk '/^Pages:/ { print $2 }' "$TMP/info")
(( PAGES >= 2 )) || fail "the report has $PAGES page(s), expected at least 2"
expect_contains "$TMP/q3.flat" "Halaman 2 / $PAGES"

# No word beyond the right margin (2.5 cm = 70.87 pt) on any page: no table
# is wider than the page, the reason column is wrapped, not cut.  pdftotext
# counts a word's last glyph by its advance, which in justified text ends a
# point or two past the margin; a cut column would be far past it.
pdftotext -bbox-layout "$PDF" "$TMP/bbox.html"
WIDEST=$(grep '<word ' "$TMP/bbox.html" | grep -o 'xMax="[0-9.]*"' | tr -dc '0-9.\n' | sort -g | tail -1)
awk -v w="$WIDEST" 'BEGIN { exit !(w <= 595.276 - 70.87 + 3) }' ||
    fail "a word reaches x = $WIDEST pt, past the right margin at $(awk 'BEGIN { print 595.276 - 70.87 }') pt"
# The long domain is wrapped inside its column too.
expect_contains "$TMP/q3.flat" "perizinan"

# The HTML: charts as bars (no SVG), values escaped, self-contained.
HTML=$TMP/rep/quarterly-2026-Q3.html
(( $(grep -c 'class="bar' "$HTML") >= 10 )) || fail "the HTML has too few chart bars"
grep -q '<svg' "$HTML" && fail "the HTML draws SVG"
grep -qiE '<link|src="http' "$HTML" && fail "the HTML loads something from outside"
expect_contains "$HTML" "Grafik 2. Kepatuhan terhadap standar pelayanan"
expect_contains "$HTML" "Grafik 4."
# The Markdown: the same title and summary.
MD=$TMP/rep/quarterly-2026-Q3.md
expect_contains "$MD" "# Laporan Evaluasi Kinerja Pelayanan Hosting, Triwulan III Tahun 2026"
expect_contains "$MD" "$PCT_SLA diserahkan dalam 5 hari kerja"

# --- an empty quarter: said in words, no chart -------------------------------------
hc report quarterly --year 2026 --quarter 1 --format pdf,html --out "$TMP/empty" >/dev/null 2>"$TMP/err" ||
    fail "the empty quarter failed: $(cat "$TMP/err")"
pdftotext "$TMP/empty/quarterly-2026-Q1.pdf" - | tr -s ' \n' ' ' >"$TMP/empty.txt"
expect_contains "$TMP/empty.txt" "Tidak ada permohonan hosting yang diterima pada triwulan ini."
expect_contains "$TMP/empty.txt" "TRIWULAN I TAHUN 2026"
grep -q "Grafik" "$TMP/empty.txt" && fail "the empty quarter draws a chart: $(cat "$TMP/empty.txt")"
grep -q 'class="bar' "$TMP/empty/quarterly-2026-Q1.html" && fail "the empty quarter's HTML has chart bars"
expect_contains "$TMP/empty.txt" "Ir. Agus Prasetyo"

# --- English, and the PDF program missing --------------------------------------------
sed -i 's/^  language: id$/  language: en/' "$STORE/hostingctl.yaml"
grep -q '^  language: en$' "$STORE/hostingctl.yaml" || fail "could not set documents.language: en"
hc report quarterly --year 2026 --quarter 3 --format md --stdout >"$TMP/en.md" || fail "English Markdown failed"
expect_contains "$TMP/en.md" "# Hosting Service Performance Evaluation Report, Quarter III 2026"
expect_contains "$TMP/en.md" "$(LC_ALL=C printf '%.1f%%' "$(j .sla.pct_within_sla)") were delivered within the service standard of 5 working days"
sed -i 's/^  language: en$/  language: id/' "$STORE/hostingctl.yaml"

cp "$STORE/hostingctl.yaml" "$TMP/hostingctl.yaml"
sed -i 's/^  pdf_command: .*/  pdf_command: [no-such-pdf-program]/' "$STORE/hostingctl.yaml"
grep -q 'no-such-pdf-program' "$STORE/hostingctl.yaml" || fail "could not set documents.pdf_command"
expect_code 1 hc report quarterly --year 2026 --quarter 3 --format pdf --out "$TMP/nopdf"
expect_contains "$TMP/err" "apt-get install weasyprint"
[[ -e $TMP/nopdf/quarterly-2026-Q3.pdf ]] && fail "a PDF appeared without the PDF program"
cp "$TMP/hostingctl.yaml" "$STORE/hostingctl.yaml"
expect_code 2 hc report quarterly --year 2026 --quarter 3 --format pdf --stdout

# --- the office's own quarterly.html comes first ------------------------------------------
hc template export quarterly.html >/dev/null || fail "template export quarterly.html failed"
sed -i 's|<h1 class="report">{{l.q_title}}</h1>|<h1 class="report">Laporan Triwulanan Diskominfo</h1>|' \
    "$STORE/templates/documents/quarterly.html"
hc report quarterly --year 2026 --quarter 3 --format html --stdout >"$TMP/over.html" ||
    fail "the overridden report failed"
expect_contains "$TMP/over.html" "Laporan Triwulanan Diskominfo"
hc template check >"$TMP/check" 2>&1 || fail "template check fails on the quarterly templates: $(cat "$TMP/check")"
# A name the values do not have is reported with its file and line.
echo '<p>{{no_such_value}}</p>' >>"$STORE/templates/documents/quarterly.html"
expect_code 4 hc template check
expect_contains "$TMP/out" "quarterly.html:"
expect_contains "$TMP/out" "no_such_value"

finish
