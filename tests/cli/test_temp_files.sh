#!/usr/bin/env bash
# Temp files of killed writers (PRODUCT §3): a write clears those a dead
# process left anywhere in the store (complaint temp files are full copies
# with personal data), and keeps those of a live process and brand-new ones.
source "$(dirname "$0")/lib.sh"

office_store
head -c 3000 /dev/urandom >"$TMP/scan.pdf"
ID=$(hc --json request new --agency dinkes --letter-number 400.7/1/2026 --letter-date 2020-01-02 \
    --subject "Permohonan hosting" --domain simpus --attach "$TMP/scan.pdf" | jq -er .id)
CID=$(hc --json complaint new --channel phone --from "Pak Ahmad" --contact "0852 2683 3647" \
    --text "Situs tidak bisa dibuka" | jq -er .id)
Y=${ID:4:4}
CY=${CID:4:4}

# A process id that no longer runs: a child that has exited and been reaped.
dead=$(sh -c 'echo $$')
# plant REL AGE: a temp file at REL, last written AGE ago ("" for now)
plant() {
    mkdir -p "$(dirname "$STORE/$1")"
    echo "nama: Pak Ahmad, telepon 0852 2683 3647" >"$STORE/$1"
    [[ -z $2 ]] || touch -d "$2 ago" "$STORE/$1"
}
stale=(
    "requests/$Y/.$ID.yaml.tmp.$dead.1a2b"
    "requests/$Y/.HST-$Y-0999.yaml.tmp.$dead.3c"
    "complaints/$CY/.$CID.yaml.tmp.$dead.4d"
    ".staff.yaml.tmp.$dead.5e"
    "documents/$ID/letter/.scan.pdf.tmp.$dead.6f"
)
kept=(
    ".agencies.yaml.tmp.$$.7a"          # its writer (this script) runs
    "complaints/$CY/.x.yaml.tmp.$$.7b"  # likewise
    ".calendar.yaml.tmp.$dead.8c"       # brand new: perhaps a live writer elsewhere
    "requests/$Y/.notes.tmp.txt"        # not a temp file name
)
plant_all() {
    local f
    for f in "${stale[@]}"; do plant "$f" "2 hours"; done
    for f in "${kept[@]::2}"; do plant "$f" "2 hours"; done
    plant "${kept[2]}" ""
    plant "${kept[3]}" "2 hours"
}
# check_swept WHEN: the stale files are gone, the others are all there
check_swept() {
    local f
    for f in "${stale[@]}"; do [[ ! -e $STORE/$f ]] || fail "$1: $f was left behind"; done
    for f in "${kept[@]}"; do [[ -e $STORE/$f ]] || fail "$1: $f was removed"; done
}

# The store is swept at most every ten minutes, and the writes above have
# just swept it; when it was last swept is kept in .cache/, which may always
# be deleted.
plant_all
rm -rf "$STORE/.cache"
expect_code 0 hc request note "$ID" "catatan"
check_swept "after request note"
hc --json request show "$ID" | jq -e '[.events[] | select(.action == "note")] | length == 1' >/dev/null ||
    fail "the note was not written"

# Within ten minutes of a sweep a write does not walk the store again...
plant "${stale[2]}" "2 hours"
expect_code 0 hc staff add sari --name "Sari Lestari" --role admin
[[ -e $STORE/${stale[2]} ]] || fail "a write swept the store twice within ten minutes"
# ... but still clears what was left of the file it writes.
plant "${stale[3]}" "2 hours"
expect_code 0 hc staff add rudi --name "Rudi Hermawan" --role admin
[[ ! -e $STORE/${stale[3]} ]] || fail "writing staff.yaml left ${stale[3]}"

# Any locked write sweeps: here a new complaint.
plant_all
rm -rf "$STORE/.cache"
expect_code 0 hc complaint new --channel web --from "Warga" --text "Lambat"
check_swept "after complaint new"
expect_code 0 hc request list

finish
