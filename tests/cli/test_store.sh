#!/usr/bin/env bash
# The store (PRODUCT §3): init, where the store is found, damaged and newer
# files are refused and never overwritten, hand edits are seen at once, and
# attachments are copied in.
source "$(dirname "$0")/lib.sh"

ME=$(id -un)

# --- init -----------------------------------------------------------------
hc init >"$TMP/out" || fail "init failed"
expect_contains "$TMP/out" "$STORE"
for f in hostingctl.yaml staff.yaml agencies.yaml servers.yaml calendar.yaml; do
    [[ -f $STORE/$f ]] || fail "init did not create $f"
done
[[ -d $STORE/requests ]] || fail "init did not create requests/"
cfg_before=$(sha256sum <"$STORE/hostingctl.yaml")
expect_code 6 hc init
expect_contains "$TMP/err" "already"
expect_code 6 hc init "$STORE"
[[ $(sha256sum <"$STORE/hostingctl.yaml") == "$cfg_before" ]] || fail "a second init touched hostingctl.yaml"

mkdir -p "$TMP/busy"
echo "tax records" >"$TMP/busy/notes.txt"
expect_code 6 hc init "$TMP/busy"
expect_contains "$TMP/err" "not empty"
[[ $(ls -A "$TMP/busy") == notes.txt ]] || fail "init wrote into a non-empty directory: $(ls -A "$TMP/busy")"
echo x >"$TMP/afile"
expect_code 6 hc init "$TMP/afile"
mkdir -p "$TMP/empty"
hc init "$TMP/empty" >/dev/null || fail "init refused an empty directory"
[[ -f $TMP/empty/hostingctl.yaml ]] || fail "init DIR did not create the store in DIR"
expect_code 3 hc --store "$TMP/nowhere" staff list
expect_contains "$TMP/err" "no hostingctl store"
expect_contains "$TMP/err" "hint:"

# --- which store ----------------------------------------------------------
# One agency in each store says which store a command used.
mark() {
    hc --store "$1" staff add me --name "Me" --role admin --unix-user "$(id -un)" >/dev/null
    hc --store "$1" agency add "$2" --name "Store $2" >/dev/null
}
which_store() { "$@" --json agency list | jq -r '[.[].code] | join(",")'; }
hc init "$TMP/flag" >/dev/null && mark "$TMP/flag" flagstore
hc init "$TMP/env" >/dev/null && mark "$TMP/env" envstore
env -u HOSTINGCTL_STORE XDG_DATA_HOME="$TMP/xdg" "$HOSTINGCTL" init >/dev/null ||
    fail "init in XDG_DATA_HOME failed"
[[ -f $TMP/xdg/hostingctl/hostingctl.yaml ]] || fail "init did not use \$XDG_DATA_HOME/hostingctl"
mark "$TMP/xdg/hostingctl" xdgstore

[[ $(which_store env HOSTINGCTL_STORE="$TMP/env" XDG_DATA_HOME="$TMP/xdg" "$HOSTINGCTL" --store "$TMP/flag") == flagstore ]] ||
    fail "--store does not beat HOSTINGCTL_STORE"
[[ $(which_store env HOSTINGCTL_STORE="$TMP/env" XDG_DATA_HOME="$TMP/xdg" "$HOSTINGCTL") == envstore ]] ||
    fail "HOSTINGCTL_STORE does not beat XDG_DATA_HOME"
[[ $(which_store env -u HOSTINGCTL_STORE XDG_DATA_HOME="$TMP/xdg" "$HOSTINGCTL") == xdgstore ]] ||
    fail "XDG_DATA_HOME/hostingctl is not used"
[[ $(which_store env HOSTINGCTL_STORE= XDG_DATA_HOME="$TMP/xdg" "$HOSTINGCTL") == xdgstore ]] ||
    fail "an empty HOSTINGCTL_STORE is not ignored"
mkdir -p "$TMP/home/.local/share"
hc init "$TMP/home/.local/share/hostingctl" >/dev/null && mark "$TMP/home/.local/share/hostingctl" homestore
[[ $(which_store env -u HOSTINGCTL_STORE -u XDG_DATA_HOME HOME="$TMP/home" "$HOSTINGCTL") == homestore ]] ||
    fail "\$HOME/.local/share/hostingctl is not the last resort"

# --- a store with requests ------------------------------------------------
hc staff add budi --name "Budi Santoso" --role petugas_teknis --role admin --unix-user "$ME" >/dev/null
hc staff add kadis --name "Kepala Dinas" --role kepala_dinas >/dev/null
hc agency add dinkes --name "Dinas Kesehatan" >/dev/null
new() {
    hc --json request new --agency dinkes --letter-number "400.7/$1/2026" --letter-date 2020-01-02 \
        --subject "Permohonan $1" --domain "$1" "${@:2}" | jq -r .id
}
R1=$(new simpus)
R2=$(new eoffice)
R3=$(new sipd)
F1=$(ls "$STORE"/requests/*/"$R1".yaml)
F2=$(ls "$STORE"/requests/*/"$R2".yaml)
F3=$(ls "$STORE"/requests/*/"$R3".yaml)
hc request list >/dev/null || fail "request list failed"   # fills the list cache

# Hand edits show up at once, whatever the cache holds.
sed -i 's/domain: simpus.pekalongankota.go.id/domain: simpeg.pekalongankota.go.id/' "$F1"
[[ $(hc --json request list | jq -r --arg id "$R1" '.[] | select(.id == $id) | .domain') == \
    simpeg.pekalongankota.go.id ]] || fail "a sed edit of the domain is not seen by request list"
hc request list >"$TMP/list"
expect_contains "$TMP/list" simpeg.pekalongankota.go.id
# In place, same size, mtime put back: still seen.
touch -r "$F1" "$TMP/mtime.ref"
perl -e 'open(my $f, "+<", $ARGV[0]) or die; local $/; my $d = <$f>;
         $d =~ s/simpeg\.pekalongan/simpel.pekalongan/; seek($f, 0, 0); print $f $d; close $f' "$F1" ||
    fail "could not edit $F1 in place"
touch -r "$TMP/mtime.ref" "$F1"
want=simpel.pekalongankota.go.id
grep -q "domain: $want" "$F1" || fail "the in-place edit did not happen"
[[ $(hc --json request list | jq -r --arg id "$R1" '.[] | select(.id == $id) | .domain') == "$want" ]] ||
    fail "an in-place edit (same size and mtime) is not seen by request list"
# The domain check of request new uses the edited value too.
expect_code 6 hc request new --agency dinkes --letter-number 400.7/1/2026 --letter-date 2020-01-02 \
    --subject x --domain "${want%%.*}"
# A garbage cache does not matter.
if [[ -d $STORE/.cache ]]; then
    for f in "$STORE"/.cache/*; do printf 'garbage\n1\t2\n' >"$f"; done
fi
[[ $(hc --json request list | jq -r '[.[].id] | join(" ")') == "$R1 $R2 $R3" ]] ||
    fail "request list is wrong with a garbage cache"
# A removed file disappears from the list.
mv "$F3" "$TMP/r3.yaml"
[[ $(hc --json request list | jq -r '[.[].id] | join(" ")') == "$R1 $R2" ]] ||
    fail "a removed request is still listed"
mv "$TMP/r3.yaml" "$F3"
[[ $(hc --json request list | jq length) == 3 ]] || fail "a restored request is not listed"

# --- damaged files --------------------------------------------------------
cp "$F2" "$TMP/r2.good"
# Line 6 of the file becomes invalid YAML.
awk 'NR == 6 { print "  subject: \"unterminated [ {" ; next } { print }' "$TMP/r2.good" >"$F2"
sum=$(sha256sum <"$F2")
expect_code 7 hc request show "$R2"
expect_contains "$TMP/err" "$F2"
grep -qE "$(basename "$F2"):[0-9]+" "$TMP/err" || fail "the error does not name the line: $(cat "$TMP/err")"
expect_contains "$TMP/err" "hint:"
expect_code 7 hc request list
expect_contains "$TMP/err" "warning"
expect_contains "$TMP/err" "$(basename "$F2")"
expect_contains "$TMP/out" "$R1"
expect_contains "$TMP/out" "$R3"
expect_code 7 hc --json request list
jq -e --arg a "$R1" --arg b "$R3" '[.[].id] == [$a, $b]' "$TMP/out" >/dev/null ||
    fail "request list --json with a damaged file: $(cat "$TMP/out")"
expect_code 7 hc request log "$R2"
expect_code 7 hc request dispose "$R2" --by kadis
expect_code 7 hc request note "$R2" "perbaiki"
expect_code 7 hc request cancel "$R2" --reason "rusak"
# agency show lists what it can read, then says a file could not be read.
expect_code 7 hc agency show dinkes
expect_contains "$TMP/out" "$R1"
# Its requests line up: the status starts at the same column on each line.
[[ $(grep -E '^ +HST-' "$TMP/out" | awk '{ print index($0, " " $3) }' | sort -u | wc -l) == 1 ]] ||
    fail "agency show: the requests' statuses do not line up: $(cat "$TMP/out")"
expect_contains "$TMP/err" "$(basename "$F2")"
hc request dispose "$R1" --by kadis >/dev/null || fail "a damaged file blocks steps on other requests"
# The damaged file may hold the domain asked for: request new cannot check
# it, so it refuses and writes nothing (tests/cli/test_damage.sh).
n=$(find "$STORE/requests" -name '*.yaml' | wc -l)
expect_code 7 hc request new --agency dinkes --letter-number 400.7/4/2026 --letter-date 2020-01-02 \
    --subject x --domain sippn
expect_contains "$TMP/err" "$(basename "$F2")"
[[ $(find "$STORE/requests" -name '*.yaml' | wc -l) == "$n" ]] || fail "a refused request new wrote a file"
[[ $(sha256sum <"$F2") == "$sum" ]] || fail "the damaged file was modified"

# An event log that does not replay is damage too.
cp "$TMP/r2.good" "$F2"
sed -i 's/action: new/action: approve/' "$F2"
sum=$(sha256sum <"$F2")
expect_code 7 hc request show "$R2"
expect_contains "$TMP/err" "approve"
expect_code 7 hc request dispose "$R2" --by kadis
[[ $(sha256sum <"$F2") == "$sum" ]] || fail "a file with an impossible log was modified"

# A file of a newer schema is refused, named and left alone.
cp "$TMP/r2.good" "$F2"
sed -i 's/^schema: [0-9]*$/schema: 99/' "$F2"
grep -q '^schema: 99$' "$F2" || fail "could not set schema 99"
sum=$(sha256sum <"$F2")
expect_code 7 hc request show "$R2"
expect_contains "$TMP/err" "newer"
expect_contains "$TMP/err" "$F2"
expect_code 7 hc request dispose "$R2" --by kadis
expect_code 7 hc request list
[[ $(sha256sum <"$F2") == "$sum" ]] || fail "the schema-99 file was modified"
cp "$TMP/r2.good" "$F2"
hc request show "$R2" >/dev/null || fail "the restored file does not load"
hc request list >/dev/null || fail "request list fails after the file was restored"

# A file whose id does not match its name.
sed -i "s/^id: $R2\$/id: $R1/" "$F2"
expect_code 7 hc request show "$R2"
cp "$TMP/r2.good" "$F2"

# Damaged staff.yaml and hostingctl.yaml: refused with the file named, not rewritten.
cp "$STORE/staff.yaml" "$TMP/staff.good"
printf 'schema: 1\nstaff:\n  - id: budi\n    name: [unclosed\n' >"$STORE/staff.yaml"
sum=$(sha256sum <"$STORE/staff.yaml")
expect_code 7 hc staff list
expect_contains "$TMP/err" "staff.yaml"
expect_code 7 hc staff add ani --name Ani --role admin
expect_code 7 hc request note "$R1" "x"
[[ $(sha256sum <"$STORE/staff.yaml") == "$sum" ]] || fail "a damaged staff.yaml was modified"
cp "$TMP/staff.good" "$STORE/staff.yaml"
cp "$STORE/agencies.yaml" "$TMP/agencies.good"
sed -i 's/^schema: 1$/schema: 2/' "$STORE/agencies.yaml"
expect_code 7 hc agency list
expect_contains "$TMP/err" "newer"
expect_code 7 hc agency add disdik --name "Dinas Pendidikan"
grep -q '^schema: 2$' "$STORE/agencies.yaml" || fail "agencies.yaml of a newer schema was rewritten"
cp "$TMP/agencies.good" "$STORE/agencies.yaml"

# --- attachments ----------------------------------------------------------
head -c 20000 /dev/urandom >"$TMP/surat permohonan.pdf"
# What a request new killed after copying its scan leaves behind: a document
# under the next id, which has no record.  It must not block that id.
last=$(hc --json request list | jq -r '[.[].id] | max')
next=$(printf '%s-%04d' "${last%-*}" $((10#${last##*-} + 1)))
mkdir -p "$STORE/documents/$next/letter"
echo "left by a killed process" >"$STORE/documents/$next/letter/surat_permohonan.pdf"
R5=$(new simbada --attach "$TMP/surat permohonan.pdf") || fail "request new --attach failed"
[[ $R5 == "$next" ]] || fail "expected the new request to be $next, got $R5"
j=$(hc --json request show "$R5")
path=$(jq -r '.letter.attachments[0].path' <<<"$j")
[[ $path == documents/$R5/letter/* ]] || fail "attachment stored at '$path'"
[[ -f $STORE/$path ]] || fail "the attachment was not copied to $STORE/$path"
cmp -s "$TMP/surat permohonan.pdf" "$STORE/$path" || fail "the copied attachment differs"
[[ $(jq -r '.letter.attachments[0].size' <<<"$j") == 20000 ]] || fail "attachment size is wrong"
[[ $(jq -r '.letter.attachments[0].name' <<<"$j") == "surat permohonan.pdf" ]] ||
    fail "attachment name: $(jq -r '.letter.attachments[0].name' <<<"$j")"
hc request show "$R5" >"$TMP/show"
expect_contains "$TMP/show" "documents/$R5/letter/"
rm "$TMP/surat permohonan.pdf"
[[ -f $STORE/$path ]] || fail "the attachment depends on the original file"
# A refused request copies nothing.
echo scan >"$TMP/scan.pdf"
expect_code 6 hc request new --agency dinkes --letter-number 400.7/9/2026 --letter-date 2020-01-02 \
    --subject x --domain simbada --attach "$TMP/scan.pdf"
mkdir -p "$TMP/other"
echo scan2 >"$TMP/other/scan.pdf"
expect_code 4 hc request new --agency dinkes --letter-number 400.7/9/2026 --letter-date 2020-01-02 \
    --subject x --domain sipkd --attach "$TMP/scan.pdf" --attach "$TMP/other/scan.pdf"
expect_contains "$TMP/err" "scan.pdf"
[[ $(hc --json request list | jq '[.[] | select(.domain | startswith("sipkd."))] | length') == 0 ]] ||
    fail "a request with two attachments of one name was recorded"
[[ $(find "$STORE/documents" -type f | wc -l) == 1 ]] ||
    fail "a refused request left documents: $(find "$STORE/documents" -type f)"
# --attach is repeatable, one file per use; a comma belongs to the file name,
# and the words after it stay what they are.
echo one >"$TMP/laporan,final.pdf"
echo two >"$TMP/lampiran.pdf"
R6=$(hc --json request new --attach "$TMP/laporan,final.pdf" --attach "$TMP/lampiran.pdf" \
    --agency dinkes --letter-number 400.7/10/2026 --letter-date 2020-01-02 --subject x \
    --domain sipkd | jq -r .id) || fail "request new with two --attach failed"
[[ $(hc --json request show "$R6" | jq -c '[.letter.attachments[].name]') == \
    '["laporan,final.pdf","lampiran.pdf"]' ]] ||
    fail "attachments: $(hc --json request show "$R6" | jq -c '[.letter.attachments[].name]')"

# Files are plain YAML that other tools can read.
if python3 -c 'import yaml' 2>/dev/null; then
    python3 -c 'import sys, yaml; d = yaml.safe_load(open(sys.argv[1])); assert d["id"] == sys.argv[2], d' \
        "$F1" "$R1" || fail "a request file is not plain YAML for other tools"
fi

finish
