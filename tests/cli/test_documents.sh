#!/usr/bin/env bash
# The documents of the steps: made at dispose, submit, approve, deliver and
# complete, in HTML, Markdown and PDF (WeasyPrint); their numbers per kind
# and year, also under concurrent renders; the office's overrides and
# `template check`; hostile values printed literally; clear errors for a
# missing value, a step not yet taken and a missing PDF program.
source "$(dirname "$0")/lib.sh"

YEAR=$(TZ=Asia/Jakarta date +%Y)
command -v pdftotext >/dev/null || { echo "pdftotext (poppler-utils) is missing" >&2; exit 1; }
command -v weasyprint >/dev/null || { echo "weasyprint is missing" >&2; exit 1; }

ME=$(id -un)
hc init >/dev/null
hc staff add budi --name "Budi Santoso, A.Md." --nip 199001012015031001 --title "Pranata Komputer" \
    --role petugas_teknis --role admin --unix-user "$ME" >/dev/null
hc staff add kadis --name "Dr. Hj. Sri Wahyuni, M.Si." --nip 197001011990032001 \
    --title "Kepala Dinas" --role kepala_dinas >/dev/null
hc staff add kabid --name "Ir. Agus Prasetyo" --nip 197505052000031002 \
    --title "Kepala Bidang Infrastruktur dan Statistik" --role kepala_bidang >/dev/null
hc agency add dinkes --name "Dinas Kesehatan" --head "dr. Slamet Budiyanto, M.Kes." >/dev/null

# new_request LABEL SUBJECT: prints the new id
new_request() {
    hc --json request new --agency dinkes --letter-number "400.7/$1/Dinkes/$YEAR" \
        --letter-date "$YEAR-01-05" --subject "$2" --domain "$1" --app php --database yes \
        --quota 2G --received-at "$YEAR-01-05T09:00" | jq -er .id
}

# all_steps ID: through the nine steps, provisioning recorded by hand
all_steps() {
    hc request dispose "$1" --by kadis --note "Proses sesuai ketentuan" --at "$YEAR-01-05T10:00" &&
        hc request assign "$1" --by kabid --officer budi --at "$YEAR-01-05T11:00" &&
        hc request verify "$1" --complete --at "$YEAR-01-06T09:00" &&
        hc request provision "$1" --manual --server web01 --at "$YEAR-01-06T10:00" &&
        hc request submit "$1" --at "$YEAR-01-06T11:00" &&
        hc request forward "$1" --by kabid --at "$YEAR-01-06T13:00" &&
        hc request approve "$1" --by kadis --at "$YEAR-01-06T14:00" &&
        hc request deliver "$1" --via letter --at "$YEAR-01-07T09:00" &&
        hc request complete "$1" --at "$YEAR-01-08T09:00"
}

# --- the five documents of a request, made at their steps ---------------------
ID=$(new_request simpus "Permohonan hosting aplikasi SIMPUS")
all_steps "$ID" >"$TMP/steps" 2>"$TMP/steps.err" || fail "the steps failed: $(cat "$TMP/steps.err")"
[[ -s $TMP/steps.err ]] && fail "the steps warned: $(cat "$TMP/steps.err")"
expect_contains "$TMP/steps" "document: disposition 1/Disp/Diskominfo/$YEAR (pdf)"
hc --json doc list "$ID" >"$TMP/list" || fail "doc list failed"
DIR=$STORE/documents/$ID/issued
for kind in disposition hosting approval access receipt; do
    for f in html pdf; do
        jq -e --arg k "$kind" --arg f "$f" 'any(.[]; .kind == $k and .format == $f and (.path | endswith($k + "." + $f)))' \
            "$TMP/list" >/dev/null || fail "doc list has no $kind $f: $(cat "$TMP/list")"
        [[ -s $DIR/$kind.$f ]] || fail "no $DIR/$kind.$f"
    done
done
jq -e --arg y "$YEAR" '[.[] | select(.format == "pdf") | .number] ==
    ["1/Disp/Diskominfo/\($y)", "000.8/1/Hosting/Diskominfo/\($y)", "000.8/1/Setuju/Diskominfo/\($y)",
     "000.8/1/BAST/Diskominfo/\($y)", "000.8/1/Terima/Diskominfo/\($y)"]' "$TMP/list" >/dev/null ||
    fail "numbers: $(jq -c '[.[] | .number]' "$TMP/list")"
# The number is in the log as a document event.
hc --json request log "$ID" >"$TMP/log"
[[ $(jq '[.[] | select(.action == "document")] | length' "$TMP/log") == 5 ]] ||
    fail "the log does not hold five document events: $(jq -c '[.[] | .action]' "$TMP/log")"

# pdftext KIND: the PDF's text, lines joined
pdftext() { pdftotext "$DIR/$1.pdf" - | tr -s ' \n' ' '; }
# A value a narrow cell wraps is still there: compared without white space.
squeezed() { tr -d ' \n' <<<"$1"; }
KADIS_NIP="19700101 199003 2 001"
for kind in disposition hosting approval access receipt; do
    text=$(pdftext "$kind")
    number=$(jq -r --arg k "$kind" '.[] | select(.kind == $k and .format == "pdf") | .number' "$TMP/list")
    for want in simpus.pekalongankota.go.id "400.7/simpus/Dinkes/$YEAR" "$number" \
        "PEMERINTAH KOTA PEKALONGAN" "DINAS KOMUNIKASI DAN INFORMATIKA"; do
        [[ $(squeezed "$text") == *"$(squeezed "$want")"* ]] || fail "the $kind PDF does not say '$want'"
    done
    case $kind in
    receipt) signer="Budi Santoso, A.Md." nip="19900101 201503 1 001" ;;
    *) signer="Dr. Hj. Sri Wahyuni, M.Si." nip=$KADIS_NIP ;;
    esac
    [[ $text == *"$signer"* && $text == *"NIP. $nip"* ]] ||
        fail "the $kind PDF does not name $signer with NIP. $nip"
    pdfinfo "$DIR/$kind.pdf" | grep -q '^Page size: *595.276 x 841.89 pts (A4)' ||
        fail "the $kind PDF is not A4: $(pdfinfo "$DIR/$kind.pdf" | grep 'Page size')"
done
text=$(pdftext disposition)
[[ $text == *"Pekalongan, 5 Januari $YEAR"* ]] || fail "the disposition is not dated 'Pekalongan, 5 Januari $YEAR'"
[[ $text == *"Proses sesuai ketentuan"* ]] || fail "the disposition lacks the instruction"
text=$(pdftext hosting)
for want in "Aplikasi PHP" "PHP 8.2" "203.0.113.10" "2 GB" "nginx" "simpus.pekalongankota.go.id. A 203.0.113.10"; do
    [[ $text == *"$want"* ]] || fail "the hosting PDF lacks '$want'"
done
# The handover is dated in words.
[[ $(pdftext access) == *"tanggal tujuh bulan Januari tahun dua ribu"* ]] ||
    fail "the access document's date is not in words"
[[ $(stat -c %a "$DIR/access.html") == 600 && $(stat -c %a "$DIR/access.pdf") == 600 ]] ||
    fail "the access document is not mode 0600: $(stat -c '%a %n' "$DIR"/access.*)"

# Every kind in Markdown too: its number, the domain, the letter number.
for kind in disposition hosting approval access receipt; do
    number=$(jq -r --arg k "$kind" '.[] | select(.kind == $k and .format == "pdf") | .number' "$TMP/list")
    hc doc render "$ID" "$kind" --format md --out - >"$TMP/$kind.md" || fail "$kind in Markdown failed"
    for want in "$number" simpus.pekalongankota.go.id "400.7/simpus/Dinkes/$YEAR"; do
        grep -qF -- "$want" "$TMP/$kind.md" || fail "the $kind Markdown lacks '$want'"
    done
done
# Markdown, rendered again: the same number, nothing new numbered.
expect_code 0 hc doc render "$ID" hosting --format md --out -
expect_contains "$TMP/out" "000.8/1/Hosting/Diskominfo/$YEAR"
expect_contains "$TMP/out" "# DOKUMEN PERMOHONAN HOSTING"
[[ $(hc --json request log "$ID" | jq '[.[] | select(.action == "document")] | length') == 5 ]] ||
    fail "rendering again added a document event"

# --- refusals ------------------------------------------------------------------
ID2=$(new_request sipkd "Permohonan hosting SIPKD")
expect_code 5 hc doc render "$ID2" approval
expect_contains "$TMP/err" "step 'approve' has not been recorded"
expect_code 2 hc doc render "$ID2" aproval
expect_contains "$TMP/err" "did you mean 'approval'"
expect_code 2 hc doc render "$ID2" disposition --format docx
[[ -e $STORE/numbers/$YEAR.yaml ]] && grep -q '^approval: 1$' "$STORE/numbers/$YEAR.yaml" ||
    fail "numbers/$YEAR.yaml: $(cat "$STORE/numbers/$YEAR.yaml")"

# --- hostile values print literally ------------------------------------------------
EVIL='<script>alert(1)</script> {{office.name}} {{{x}}} }} [klik](http://evil.example) *tebal* שלום مرحبا 😀'
ID3=$(hc --json request new --agency dinkes --letter-number "400.7/9/Dinkes/$YEAR" \
    --letter-date "$YEAR-01-05" --subject "$EVIL" --domain evil --received-at "$YEAR-01-05T09:00" |
    jq -er .id)
hc request dispose "$ID3" --by kadis --note "$EVIL" --at "$YEAR-01-05T10:00" >/dev/null 2>"$TMP/err" ||
    fail "dispose with hostile values: $(cat "$TMP/err")"
H=$STORE/documents/$ID3/issued/disposition.html
grep -q '<script>' "$H" && fail "a value added a script element"
grep -qF '&lt;script&gt;alert(1)&lt;/script&gt; {{office.name}} {{{x}}} }} [klik](http://evil.example) *tebal* שלום مرحبا 😀' "$H" ||
    fail "the hostile subject is not printed literally in HTML"
hc doc render "$ID3" disposition --format md --out - >"$TMP/md"
grep -qF '\<script\>alert(1)\</script\> {{office.name}} {{{x}}} }} \[klik\](http://evil.example) \*tebal\* שלום مرحبا 😀' "$TMP/md" ||
    fail "the hostile subject is not escaped in Markdown: $(grep -F 'alert' "$TMP/md")"
text=$(pdftotext "$STORE/documents/$ID3/issued/disposition.pdf" - | tr -s ' \n' ' ')
[[ $text == *"<script>alert(1)</script> {{office.name}} {{{x}}}"* ]] ||
    fail "the hostile subject is not in the PDF as typed: $text"

# --- overrides and template check ------------------------------------------------
expect_code 0 hc template export access.html
[[ -f $STORE/templates/documents/access.html ]] || fail "template export wrote nothing"
expect_code 6 hc template export access.html
sed -i 's|<h1>{{l.access_title}}</h1>|<h1>{{l.access_title}}</h1><p>SALINAN KANTOR</p>|' "$STORE/templates/documents/access.html"
hc --json template list | jq -e '.[] | select(.name == "access.html") | .source == "store"' >/dev/null ||
    fail "template list does not show the override"
hc doc render "$ID" access --out "$TMP/access-copy.html" >/dev/null || fail "render with the override failed"
grep -q "SALINAN KANTOR" "$TMP/access-copy.html" || fail "the store's template did not take precedence"
expect_code 0 hc template check
# A typo and an unclosed section, each reported with its file and line.
printf 'line one\n{{letter.nomor}}\n{{#hosting}}\n' >>"$STORE/templates/documents/access.html"
L=$(grep -n 'letter.nomor' "$STORE/templates/documents/access.html" | cut -d: -f1)
expect_code 4 hc template check
expect_contains "$TMP/out" "templates/documents/access.html:$L: 'letter.nomor' is not a value hostingctl provides"
expect_contains "$TMP/out" "templates/documents/access.html:$((L + 1)): {{#hosting}} is never closed"
expect_code 4 hc doc render "$ID" access --out "$TMP/x.html"
expect_contains "$TMP/err" "access.html:$L"
[[ -e $TMP/x.html ]] && fail "a broken template wrote a file"
rm "$STORE/templates/documents/access.html"
# A value the template needs and the request lacks: an error, not a blank.
printf '{{>letterhead}}\nKontak: {{contact.email}}\n' >"$STORE/templates/documents/receipt.md"
expect_code 4 hc doc render "$ID" receipt --format md --out -
expect_contains "$TMP/err" "receipt.md:2: 'contact.email' has no value here"
printf '{{>letterhead}}\nKontak: {{#contact.email}}{{contact.email}}{{/contact.email}}{{^contact.email}}-{{/contact.email}}\n' \
    >"$STORE/templates/documents/receipt.md"
expect_code 0 hc doc render "$ID" receipt --format md --out -
expect_contains "$TMP/out" "Kontak: -"
rm "$STORE/templates/documents/receipt.md"

# --- the logo, embedded: the HTML is one self-contained file --------------------------
printf '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><circle r="5" cx="5" cy="5"/></svg>' \
    >"$STORE/lambang.svg"
sed -i 's/^  # logo: logo.png/  logo: lambang.svg/' "$STORE/hostingctl.yaml"
expect_code 0 hc doc render "$ID" disposition --out -
expect_contains "$TMP/out" '<img src="data:image/svg+xml;base64,PHN2ZyB4bWxucz0i'
sed -i 's/^  logo: lambang.svg/  logo: lambang.bmp/' "$STORE/hostingctl.yaml"
expect_code 4 hc doc render "$ID" disposition --out -
expect_contains "$TMP/err" "not a PNG, JPEG or SVG file"
sed -i 's/^  logo: lambang.bmp/  # logo: logo.png/' "$STORE/hostingctl.yaml"

# --- number formats: configurable, and two kinds may not share one -------------------
cp "$STORE/hostingctl.yaml" "$TMP/config"
sed -i 's|^    receipt: .*|    receipt: "TT-{seq:3}/{year}"|' "$STORE/hostingctl.yaml"
expect_code 0 hc doc list "$ID"
sed -i 's|^    receipt: .*|    receipt: "000.8/{seq}/Setuju/Diskominfo/{year}"|' "$STORE/hostingctl.yaml"
expect_code 7 hc doc list "$ID"
expect_contains "$TMP/err" "approval and receipt have the same format"
sed -i 's|^    receipt: .*|    receipt: "Terima/{year}"|' "$STORE/hostingctl.yaml"
expect_code 7 hc doc list "$ID"
expect_contains "$TMP/err" "documents.numbers.receipt: the format needs {seq}"
cp "$TMP/config" "$STORE/hostingctl.yaml"

# --- what an override or --out may not do ---------------------------------------------
# A template that is a link to a file elsewhere is refused.
ln -s /etc/hostname "$STORE/templates/documents/_style.html"
expect_code 4 hc doc render "$ID" receipt --out -
expect_contains "$TMP/err" "is a symbolic link"
rm "$STORE/templates/documents/_style.html"
# The PDF loads nothing but data: URLs: no file of this machine gets in.
hc template export receipt.html >/dev/null
sed -i 's|</body>|<img src="file:///etc/hostname"><a rel="attachment" href="file:///etc/passwd">x</a></body>|' \
    "$STORE/templates/documents/receipt.html"
expect_code 0 hc doc render "$ID" receipt --format pdf --out "$TMP/receipt.pdf"
[[ $(pdfdetach -list "$TMP/receipt.pdf" | head -1) == "0 embedded files" ]] ||
    fail "a template attached a local file to the PDF: $(pdfdetach -list "$TMP/receipt.pdf")"
[[ $(pdfimages -list "$TMP/receipt.pdf" | wc -l) == 2 ]] || fail "a template put a local file's image in the PDF"
rm "$STORE/templates/documents/receipt.html"
# --out never writes into the store, and replaces a link instead of following it.
expect_code 4 hc doc render "$ID" hosting --format md --out "$STORE/requests/$YEAR/$ID.yaml"
expect_contains "$TMP/err" "is inside the store"
expect_code 4 hc doc render "$ID" access --out "$DIR/access.html"
echo keep >"$TMP/victim"
ln -s "$TMP/victim" "$TMP/link.pdf"
expect_code 0 hc doc render "$ID" hosting --format pdf --out "$TMP/link.pdf"
[[ $(cat "$TMP/victim") == keep && ! -L $TMP/link.pdf ]] || fail "the PDF went through a link"
# A damaged numbers file is refused, not read as zero.
cp "$STORE/numbers/$YEAR.yaml" "$TMP/numbers"
sed -i '/^disposition:/d' "$STORE/numbers/$YEAR.yaml"
ID5=$(new_request dmg "Permohonan dmg")
hc request dispose "$ID5" --by kadis >/dev/null 2>"$TMP/err"
expect_contains "$TMP/err" "the last number of 'disposition' is missing"
cp "$TMP/numbers" "$STORE/numbers/$YEAR.yaml"

# --- English ------------------------------------------------------------------------
sed -i 's/^  language: id/  language: en/' "$STORE/hostingctl.yaml"
expect_code 0 hc doc render "$ID" disposition --out -
expect_contains "$TMP/out" "DISPOSITION SHEET"
expect_contains "$TMP/out" "Pekalongan, 5 January $YEAR"
sed -i 's/^  language: en/  language: id/' "$STORE/hostingctl.yaml"

# --- no PDF program: HTML and Markdown still work, PDF is a clear error -------------
sed -i 's/^  pdf_command: .*/  pdf_command: [no-such-pdf-maker]/' "$STORE/hostingctl.yaml"
expect_code 1 hc doc render "$ID" hosting --format pdf --out "$TMP/h.pdf"
expect_contains "$TMP/err" "the PDF program 'no-such-pdf-maker' is not installed"
expect_contains "$TMP/err" "apt-get install weasyprint"
expect_code 0 hc doc render "$ID" hosting --format html --out "$TMP/h.html"
sed -i 's/^  pdf_command: .*/  pdf_command: [\/bin\/true]/' "$STORE/hostingctl.yaml"
expect_code 1 hc doc render "$ID" hosting --format pdf --out "$TMP/h.pdf"
expect_contains "$TMP/err" "made no PDF"
[[ -e $TMP/h.pdf ]] && fail "a PDF program that made nothing left a file"
# The nature of the letter and the division it goes to, on the disposition.
expect_code 4 hc request dispose "$ID2" --by kadis --urgency segra
expect_contains "$TMP/err" "did you mean 'segera'"
expect_code 4 hc request dispose "$ID2" --by kadis --division "Bidang Aplikasi Informatik"
expect_contains "$TMP/err" "did you mean 'Bidang Aplikasi Informatika'"
expect_code 0 hc request dispose "$ID2" --by kadis --urgency segera --division "Bidang Aplikasi Informatika"
expect_contains "$TMP/err" "no PDF of the disposition document"
H=$STORE/documents/$ID2/issued/disposition.html
[[ -f $H ]] || fail "no HTML without the PDF program"
grep -q '<td class="c">:</td><td>Segera</td>' "$H" || fail "the disposition does not say Segera"
grep -q '☒</span> Bidang Aplikasi Informatika' "$H" || fail "the division asked for is not ticked"
grep -q '☒</span> Bidang Infrastruktur' "$H" && fail "the default division is ticked too"

# --- numbers: sequential per kind and year, unique under concurrent renders ---------
sed -i 's/^  generate: true/  generate: false/' "$STORE/hostingctl.yaml"
IDS=()
for i in $(seq 1 10); do
    id=$(new_request "con$i" "Permohonan $i")
    hc request dispose "$id" --by kadis >/dev/null 2>&1
    IDS+=("$id")
done
[[ -e $STORE/documents/${IDS[0]}/issued/disposition.html ]] && fail "generate: false still made a document"
for id in "${IDS[@]}"; do
    hc --json doc render "$id" disposition --format md >"$TMP/render.$id" 2>&1 &
done
wait
numbers=$(for id in "${IDS[@]}"; do jq -r .number "$TMP/render.$id"; done | sort -t/ -k1,1n)
# Three dispositions were numbered before (simpus, the hostile one, sipkd).
want=$(for i in $(seq 4 13); do echo "$i/Disp/Diskominfo/$YEAR"; done)
[[ $numbers == "$want" ]] || fail "concurrent numbers: $(echo $numbers)"
grep -q '^disposition: 13$' "$STORE/numbers/$YEAR.yaml" || fail "numbers file: $(cat "$STORE/numbers/$YEAR.yaml")"
# A lost numbers file is rebuilt from the logs: no number is given twice.
rm "$STORE/numbers/$YEAR.yaml"
ID4=$(new_request lost "Permohonan lost")
hc request dispose "$ID4" --by kadis >/dev/null 2>&1
[[ $(hc --json doc render "$ID4" disposition --format md | jq -r .number) == "14/Disp/Diskominfo/$YEAR" ]] ||
    fail "after the numbers file was lost, a number was reused"

# --- a signer with no title on record signs as what the role makes them -----------
hc staff edit kadis --title "" >/dev/null
hc staff edit kabid --title "" >/dev/null
hc doc render "$ID" access --format md --out - >"$TMP/access.md" 2>/dev/null || fail "render access failed"
expect_contains "$TMP/access.md" "M.Si.: KEPALA DINAS KOMUNIKASI DAN INFORMATIKA KOTA PEKALONGAN, NIP"
hc doc render "$ID" hosting --format md --out - >"$TMP/hosting.md" 2>/dev/null || fail "render hosting failed"
expect_contains "$TMP/hosting.md" "KEPALA DINAS KOMUNIKASI DAN INFORMATIKA KOTA PEKALONGAN"

finish
