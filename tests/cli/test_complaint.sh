#!/usr/bin/env bash
# Complaints (PRODUCT §8, service standard item 6) through the real binary:
# recorded from every channel; the officer responds, escalates to the
# complaints official, and only the official resolves what was escalated;
# refusals change nothing on disk; response and resolution times match
# working hours worked out by hand.
source "$(dirname "$0")/lib.sh"

ME=$(id -un)
YEAR=$(TZ=Asia/Jakarta date +%Y)

hc init >/dev/null
hc staff add budi --name "Budi Santoso" --role petugas_teknis --role admin --unix-user "$ME" >/dev/null
hc staff add kadis --name "Kepala Dinas" --role kepala_dinas >/dev/null
hc staff add ani --name "Ani Rahayu" --role admin >/dev/null
hc staff add wawan --name "Wawan Sugandi, A.Md" --role pejabat_pengaduan >/dev/null
hc agency add dinkes --name "Dinas Kesehatan" >/dev/null

# count_complaints: number of complaint files in the store
count_complaints() { find "$STORE/complaints" -name '*.yaml' 2>/dev/null | wc -l; }

# file_of ID: the complaint's file
file_of() { echo "$STORE/complaints/${1:4:4}/$1.yaml"; }

# --- a related request ------------------------------------------------------------
REQ=$(hc --json request new --agency dinkes --letter-number "400.7/1/Dinkes/2026" \
    --letter-date 2026-11-18 --received-at 2026-11-18T09:00 --subject "Permohonan hosting" \
    --domain simpus | jq -er .id) || fail "request new failed"

# --- one complaint per channel ----------------------------------------------------
# The lifecycle complaint: received Thursday 19 November 2026 at 11:00 WIB.
out=$(hc --json complaint new --channel phone --from "Pak Ahmad (Dinkes)" \
    --contact "0852 2683 3647" --request "$REQ" --text "Situs simpus tidak bisa dibuka" \
    --received-at 2026-11-19T11:00) || fail "complaint new (phone) failed"
ID=$(jq -r .id <<<"$out")
[[ $ID == ADU-2026-0001 ]] || fail "first complaint id is '$ID', expected ADU-2026-0001"
[[ $(jq -r '.status + " " + .channel + " " + .request + " " + .received_at' <<<"$out") == \
    "open phone $REQ 2026-11-19T11:00:00+07:00" ]] || fail "new complaint not as given: $out"
[[ $(jq -r '.events[0] | .action + " " + .by + " " + .recorded_by' <<<"$out") == "new budi $ME" ]] ||
    fail "the new event does not name budi and $ME: $out"
[[ -f $(file_of "$ID") ]] || fail "no file $(file_of "$ID")"
grep -q '^schema: 1$' "$(file_of "$ID")" || fail "the complaint file has no schema: 1"
grep -q '^from: "Pak Ahmad (Dinkes)"$' "$(file_of "$ID")" || fail "the name is not double-quoted"

declare -A CONTACT=([email]="warga@example.com" [web]="formulir kontak situs" \
    [twitter]="@warga_pkl" [instagram]="warga.pkl" [direct]="datang ke kantor")
declare -A STORED=([email]="warga@example.com" [web]="formulir kontak situs" \
    [twitter]="@warga_pkl" [instagram]="@warga.pkl" [direct]="datang ke kantor")
for ch in email web twitter instagram direct; do
    out=$(hc --json complaint new --channel "$ch" --from "Warga $ch" --contact "${CONTACT[$ch]}" \
        --text "Keluhan lewat $ch" --by ani) || { fail "complaint new --channel $ch failed"; continue; }
    [[ $(jq -r .channel <<<"$out") == "$ch" ]] || fail "channel $ch not recorded: $out"
    [[ $(jq -r .contact <<<"$out") == "${STORED[$ch]}" ]] ||
        fail "contact for $ch is $(jq -r .contact <<<"$out"), expected ${STORED[$ch]}"
    [[ $(jq -r .events[0].by <<<"$out") == ani ]] || fail "--by ani not recorded: $out"
done
[[ $(count_complaints) == 6 ]] || fail "expected 6 complaint files, found $(count_complaints)"

# --- refused before anything is written --------------------------------------------
expect_code 4 hc complaint new --channel email --from X --contact "not-an-address" --text t
expect_contains "$TMP/err" "not a valid e-mail address"
expect_code 4 hc complaint new --channel phone --from X --contact "call me" --text t
expect_contains "$TMP/err" "not a valid phone number"
expect_code 4 hc complaint new --channel twitter --from X --contact "@bad handle" --text t
expect_contains "$TMP/err" "not a twitter handle"
expect_code 4 hc complaint new --channel fax --from X --text t
expect_contains "$TMP/err" "not a complaint channel"
expect_code 4 hc complaint new --channel phone --from X --text t --received-at 2099-01-01T08:00
expect_code 3 hc complaint new --channel phone --from X --text t --request HST-2026-0099
expect_contains "$TMP/err" "no request 'HST-2026-0099'"
expect_code 5 hc complaint new --channel phone --from X --text t --by kadis
expect_contains "$TMP/err" "admin or petugas_teknis"
expect_code 3 hc complaint new --channel phone --from X --text t --by nobody
expect_code 2 hc complaint new --channel phone --from X
[[ $(count_complaints) == 6 ]] || fail "a refused complaint wrote a file"

# --- a number typed short: its sequence, or in any case without zeros ------------------
SEQ=$((10#${ID##*-}))
YR=$(cut -d- -f2 <<<"$ID")
[[ $YR == $(TZ=Asia/Jakarta date +%Y) ]] && {
    expect_code 0 hc --json complaint show "$SEQ"
    [[ $(jq -r .id "$TMP/out") == "$ID" ]] || fail "complaint show $SEQ is not $ID"
    expect_contains "$TMP/err" "'$SEQ' is complaint $ID"
}
LOWER=$(tr 'A-Z' 'a-z' <<<"${ID%-*}")-$SEQ
expect_code 0 hc complaint log "$LOWER"
expect_contains "$TMP/err" "'$LOWER' is complaint $ID"
expect_code 3 hc complaint show 999
expect_contains "$TMP/err" "-0999 does not exist"
! grep -qF "'999' is complaint" "$TMP/err" || fail "a missing complaint was announced: $(cat "$TMP/err")"
expect_code 3 hc complaint show "no-such"

# --- the lifecycle: respond, escalate, the official resolves --------------------------
F=$(file_of "$ID")
hc complaint respond "$ID" --text "Sedang kami periksa" --at 2026-11-19T13:30 >/dev/null ||
    fail "respond failed"
expect_code 5 hc complaint respond "$ID" --text "x" --by kadis --at 2026-11-19T14:00
expect_code 4 hc complaint respond "$ID" --text "x" --at 2026-11-19T12:00
expect_contains "$TMP/err" "before the previous step"

cp "$F" "$TMP/before"
expect_code 5 hc complaint escalate "$ID" --to kadis --at 2026-11-20T10:00
expect_contains "$TMP/err" "not a complaints official (pejabat_pengaduan)"
expect_contains "$TMP/err" "escalate to wawan"
cmp -s "$F" "$TMP/before" || fail "a refused escalation changed $F"
expect_code 3 hc complaint escalate "$ID" --to nobody --at 2026-11-20T10:00
cmp -s "$F" "$TMP/before" || fail "an escalation to nobody changed $F"

hc complaint escalate "$ID" --to wawan --note "Perlu keputusan pejabat" --at 2026-11-20T10:00 \
    >/dev/null || fail "escalate failed"
[[ $(hc --json complaint show "$ID" | jq -r .status) == escalated ]] || fail "$ID is not escalated"
expect_code 5 hc complaint escalate "$ID" --to wawan --at 2026-11-20T10:30
expect_contains "$TMP/err" "escalated once"

cp "$F" "$TMP/before"
expect_code 5 hc complaint resolve "$ID" --solution "Sudah" --at 2026-11-23T09:00
expect_contains "$TMP/err" "only the complaints official"
cmp -s "$F" "$TMP/before" || fail "a refused resolution changed $F"
hc complaint resolve "$ID" --solution "Layanan web dijalankan ulang" --by wawan \
    --at 2026-11-23T09:00 >/dev/null || fail "resolve by the official failed"
expect_code 5 hc complaint respond "$ID" --text "lagi"
hc complaint note "$ID" "Pelapor mengucapkan terima kasih" >/dev/null || fail "note after resolve failed"

# --- show --json: keys and the hours worked out by hand -----------------------------------
# Received Thu 11:00.  First response Thu 13:30: 11:00-12:00 (1 h) + 13:00-13:30
# (0.5 h) = 1.5 h.  Resolved Mon 23 Nov 09:00: Thu 11:00-12:00 and 13:00-15:45
# (3.75 h) + Fri 08:00-11:00 (3 h) + weekend (0) + Mon 08:00-09:00 (1 h) = 7.75 h.
show=$(hc --json complaint show "$ID") || fail "show --json failed"
keys='["id","status","channel","from","contact","request","text","received_at",
       "first_response_at","escalated","escalated_to","escalated_at","resolved_at","solution",
       "response_working_hours","resolution_working_hours","allowed","events"]'
jq -e --argjson k "$keys" '. as $o | all($k[]; . as $key | $o | has($key))' <<<"$show" >/dev/null ||
    fail "show --json lacks keys: $(jq -c 'keys' <<<"$show")"
[[ $(jq -r '[.status, .escalated, .escalated_to, .first_response_at, .resolved_at,
            .response_working_hours, .resolution_working_hours, .solution] | map(tostring) | join("|")' \
    <<<"$show") == "resolved|true|wawan|2026-11-19T13:30:00+07:00|2026-11-23T09:00:00+07:00|1.5|7.75|Layanan web dijalankan ulang" ]] ||
    fail "show --json values: $(jq -c '{status, escalated, escalated_to, first_response_at, resolved_at, response_working_hours, resolution_working_hours, solution}' <<<"$show")"
[[ $(jq -r '[.events[].action] | join(",")' <<<"$show") == "new,respond,escalate,resolve,note" ]] ||
    fail "events: $(jq -c '[.events[].action]' <<<"$show")"
[[ $(jq -r '.events[2].data.to + " " + .events[2].by + " " + .events[3].by' <<<"$show") == \
    "wawan budi wawan" ]] || fail "escalation/resolution performers wrong: $show"
[[ $(jq -c .allowed <<<"$show") == "[]" ]] || fail "a resolved complaint allows steps: $show"
[[ $(hc --json complaint log "$ID" | jq length) == 5 ]] || fail "log --json does not hold 5 events"

# --- list --json: keys and filters ---------------------------------------------------
list=$(hc --json complaint list) || fail "list --json failed"
[[ $(jq length <<<"$list") == 6 ]] || fail "list holds $(jq length <<<"$list") complaints, expected 6"
rowkeys='["id","status","channel","from","request","text","received_at","first_response_at",
          "escalated","escalated_to","escalated_at","resolved_at","response_working_hours",
          "resolution_working_hours"]'
jq -e --argjson k "$rowkeys" 'all(.[]; . as $o | all($k[]; . as $key | $o | has($key)))' \
    <<<"$list" >/dev/null || fail "list --json rows lack keys: $(jq -c '.[0] | keys' <<<"$list")"
[[ $(jq -r '.[0].id' <<<"$list") == "$ID" ]] || fail "list is not sorted by receipt"
[[ $(hc --json complaint list --status resolved | jq -r '[.[].id] | join(",")') == "$ID" ]] ||
    fail "--status resolved"
[[ $(hc --json complaint list --open | jq length) == 5 ]] || fail "--open"
[[ $(hc --json complaint list --channel twitter | jq -r '.[0].from') == "Warga twitter" ]] ||
    fail "--channel twitter"
[[ $(hc --json complaint list --from 2026-11-19 --to 2026-11-19 | jq -r '[.[].id] | join(",")') == "$ID" ]] ||
    fail "--from/--to"
expect_code 4 hc complaint list --status closed
expect_code 4 hc complaint list --channel fax

# --- human output ------------------------------------------------------------------
hc complaint show "$ID" >"$TMP/show" || fail "show failed"
expect_contains "$TMP/show" "escalated  to wawan (Wawan Sugandi, A.Md)"
expect_contains "$TMP/show" "7.75 working h"
hc complaint list >"$TMP/list" || fail "list failed"
expect_contains "$TMP/list" "$ID"
expect_contains "$TMP/list" "RESOLUTION H"

# --- resolved without escalation by the officer; hostile text kept as typed ------------
TEXT=$'Kata "kutip" dan: [daftar]\n# bukan komentar\n$(id)'
out=$(hc --json complaint new --channel direct --from "key: value" --text "$TEXT" \
    --received-at 2026-11-20T14:00) || fail "complaint with odd text failed"
ID2=$(jq -r .id <<<"$out")
[[ $(jq -r .text <<<"$out") == "$TEXT" ]] || fail "text changed: $(jq .text <<<"$out")"
expect_code 5 hc complaint resolve "$ID2" --solution "x" --by wawan --at 2026-11-23T08:30
out=$(hc --json complaint resolve "$ID2" --solution "Dijelaskan langsung" --at 2026-11-23T08:30) ||
    fail "resolve by the officer failed"
# Received Friday 14:00 (after closing): the clock runs from Monday 08:00, so 0.5 h.
[[ $(jq -r '[.response_working_hours, .resolution_working_hours, .escalated] | map(tostring) | join(" ")' \
    <<<"$out") == "0.5 0.5 false" ]] || fail "hours for $ID2: $out"
[[ $(hc --json complaint show "$ID2" | jq -r '.from + "|" + .text') == "key: value|$TEXT" ]] ||
    fail "text did not read back unchanged"

# --- unknown and damaged -------------------------------------------------------------
expect_code 3 hc complaint show ADU-2026-0999
expect_code 3 hc complaint show simpus
F2=$(file_of "$ID2")
printf 'schema: 1\nid: [broken\n' >"$F2"
cp "$F2" "$TMP/before"
expect_code 7 hc complaint show "$ID2"
expect_contains "$TMP/err" "$F2"
expect_code 7 hc complaint note "$ID2" "x"
cmp -s "$F2" "$TMP/before" || fail "a damaged file was rewritten"
expect_code 7 hc --json complaint list
[[ $(jq length "$TMP/out") == 6 ]] || fail "list with a damaged file does not show the other 6"
sed -i 's/^schema: 1$/schema: 9/' "$F"
expect_code 7 hc complaint show "$ID"
expect_contains "$TMP/err" "newer"

# --- channels come from hostingctl.yaml ---------------------------------------
# WhatsApp by default, with a phone number as its contact.
W=$(hc --json complaint new --channel whatsapp --from "Bu Rina" --contact "0812-3456-7890" \
    --text "Situs tidak bisa dibuka" | jq -r .id) || fail "a WhatsApp complaint was refused"
[[ $(hc --json complaint show "$W" | jq -r .channel) == whatsapp ]] || fail "$W is not a WhatsApp complaint"
expect_code 4 hc complaint new --channel whatsapp --from X --contact "wa saya" --text t
expect_code 4 hc complaint new --channel whatsap --from X --text t
expect_contains "$TMP/err" "did you mean 'whatsapp'?"
TW=$(hc --json complaint new --channel twitter --from "Warga" --contact "@warga" --text "Lambat" | jq -r .id)
# An office adds SP4N-LAPOR! and drops Twitter: lapor takes any text as
# contact, twitter is refused for new complaints, old ones still read.
sed -i 's/^  channels: .*/  channels: [phone, whatsapp, email, web, instagram, direct, lapor]/' "$STORE/hostingctl.yaml"
L=$(hc --json complaint new --channel lapor --from "Warga" --contact "tiket #4411" --text "Lambat" | jq -r .id) ||
    fail "a complaint by the office's own channel lapor was refused"
[[ $(hc --json complaint list --channel lapor | jq -r '.[0].id') == "$L" ]] || fail "list --channel lapor"
expect_code 4 hc complaint new --channel twitter --from X --text t
expect_contains "$TMP/err" "complaints.channels in hostingctl.yaml"
[[ $(hc --json complaint show "$TW" | jq -r .channel) == twitter ]] || fail "a complaint by a dropped channel no longer reads"

# An answer to an escalated complaint says it stays escalated.
hc complaint escalate "$L" --to wawan >/dev/null || fail "escalate $L failed"
expect_code 0 hc complaint respond "$L" --text "Menunggu keputusan pejabat"
expect_contains "$TMP/out" "responded, still escalated by budi"
expect_code 4 hc complaint list --channel fax
sed -i 's/^  channels: .*/  channels: [phone, "Fax Machine"]/' "$STORE/hostingctl.yaml"
expect_code 7 hc complaint list
expect_contains "$TMP/err" "'Fax Machine' is not a channel name"

finish
