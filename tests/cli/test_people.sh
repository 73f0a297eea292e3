#!/usr/bin/env bash
# People, roles and audit: changes to staff and agencies need an admin and
# are audited; people are deactivated, never deleted, and ids are never
# reused; officer steps belong to the assigned officer.
source "$(dirname "$0")/lib.sh"
ME=$(id -un)
hc init >/dev/null

# --- the first admin, then nobody else ------------------------------------
# With no admin yet, only making yourself the first admin goes through.
expect_code 5 hc staff add kadis --name "Kepala Dinas" --role kepala_dinas
expect_contains "$TMP/err" "no admin yet"
expect_code 5 hc staff add boss --name "Boss" --role admin --unix-user someone-else
expect_code 0 hc staff add budi --name "Budi Santoso" --role petugas_teknis --role admin --unix-user "$ME"
expect_code 0 hc staff add kadis --name "Kepala Dinas" --role kepala_dinas
expect_code 0 hc staff add kabid --name "Kepala Bidang" --role kepala_bidang
expect_code 0 hc staff add sari --name "Sari Dewi" --role petugas_teknis
expect_code 0 hc agency add dinkes --name "Dinas Kesehatan"

# Ids are never given to another person, even after a hand edit.
expect_code 6 hc staff add kabid --name "Someone else" --role kepala_bidang
python3 - "$STORE/staff.yaml" <<'PY' 2>/dev/null || perl -0pi -e 's/  - id: kabid\n(    .*\n)*//' "$STORE/staff.yaml"
import re, sys
p = sys.argv[1]
s = open(p).read()
s = re.sub(r"  - id: kabid\n(    .*\n)*", "", s)
open(p, "w").write(s)
PY
grep -q 'id: kabid' "$STORE/staff.yaml" && fail "could not remove kabid by hand"
expect_code 6 hc staff add kabid --name "Someone else" --role kepala_bidang
expect_contains "$TMP/err" "was used before"
expect_code 0 hc staff add kabid2 --name "Kepala Bidang" --role kepala_bidang

# --- deactivated people cannot act but keep their name in old records -------
ID=$(hc --json request new --agency dinkes --letter-number 1/2026 --letter-date 2026-11-02 \
     --received-at 2026-11-02T09:00 --subject S --domain simpus --by budi | jq -r .id)
expect_code 0 hc request dispose "$ID" --by kadis --at 2026-11-02T10:00
expect_code 0 hc staff deactivate kadis
expect_code 5 hc request assign "$ID" --by kadis --officer budi
expect_contains "$TMP/err" "deactivated"
expect_code 0 hc --json request show "$ID"
[[ $(jq -r '.events[1].by' "$TMP/out") == kadis ]] || fail "kadis's old event lost its performer"
expect_code 0 hc --json staff show kadis
[[ $(jq -r '.name + " " + (.active|tostring)' "$TMP/out") == "Kepala Dinas false" ]] ||
    fail "kadis: $(cat "$TMP/out")"

expect_code 0 hc request assign "$ID" --by kabid2 --officer budi --at 2026-11-02T11:00

# The attack that was seen: under recording: self, a non-admin removed and
# re-added themselves with more roles.  Take budi's admin role away (sari
# becomes the admin first, so the store keeps one).
expect_code 0 hc staff edit sari --role petugas_teknis --role admin
# An admin with no login cannot act: it does not keep the store's last one.
expect_code 5 hc staff edit budi --role petugas_teknis
expect_contains "$TMP/err" "without an active admin"
expect_code 0 hc staff edit sari --unix-user sari
# An edit to what is already there changes and audits nothing.
audit_before=$(sha256sum <"$STORE/audit.yaml")
expect_code 0 hc staff edit sari --name "Sari Dewi"
expect_contains "$TMP/out" "No change: sari (Sari Dewi) is already as given"
[[ $(sha256sum <"$STORE/audit.yaml") == "$audit_before" ]] || fail "a no-op staff edit was audited"
expect_code 0 hc staff edit budi --role petugas_teknis
# A mistyped key of hostingctl.yaml is refused, not ignored (the policy
# would silently stay proxy).
cp "$STORE/hostingctl.yaml" "$TMP/config.good"
sed -i 's/^  recording: proxy/  recordin: self/' "$STORE/hostingctl.yaml"
expect_code 7 hc staff list
expect_contains "$TMP/err" "'recordin' is not a key of policy; did you mean 'recording'?"
cp "$TMP/config.good" "$STORE/hostingctl.yaml"
sed -i 's/^  recording: proxy/  recording: self/' "$STORE/hostingctl.yaml"
grep -q 'recording: self' "$STORE/hostingctl.yaml" || fail "could not set recording: self"
before=$(sha256sum <"$STORE/staff.yaml")
expect_code 5 hc staff deactivate budi
expect_contains "$TMP/err" "not an active admin"
expect_code 5 hc staff add budi2 --name "Budi Santoso" --role kepala_dinas --unix-user nobody
expect_code 5 hc staff edit budi --role petugas_teknis --role kepala_dinas --role kepala_bidang
expect_code 5 hc staff edit budi --role admin
expect_code 5 hc agency add disdik --name "Dinas Pendidikan"
expect_code 2 hc staff remove budi
# The calendar is configuration too.
printf '%s\r\n' "BEGIN:VCALENDAR" "VERSION:2.0" \
    "BEGIN:VEVENT" "DTSTART;VALUE=DATE:20270205" "SUMMARY:Cuti bersama" "END:VEVENT" \
    "END:VCALENDAR" >"$TMP/2027.ics"
cal_before=$(sha256sum <"$STORE/calendar.yaml")
expect_code 5 hc calendar import-ics "$TMP/2027.ics"
expect_contains "$TMP/err" "not an active admin"
[[ $(sha256sum <"$STORE/calendar.yaml") == "$cal_before" ]] || fail "a refused import-ics wrote calendar.yaml"
[[ $(sha256sum <"$STORE/staff.yaml") == "$before" ]] || fail "a refused change wrote staff.yaml"
sed -i 's/^  recording: self/  recording: proxy/' "$STORE/hostingctl.yaml"

# --- the audit log: who, when, before -> after ------------------------------
expect_code 0 hc --json audit
[[ $(jq length "$TMP/out") == 10 ]] || fail "audit holds $(jq length "$TMP/out") entries, expected 10"
[[ $(jq -r '.[0] | "\(.what) \(.target) \(.by) \(.login)"' "$TMP/out") == "staff.add budi null $ME" ]] ||
    fail "first entry: $(jq -c '.[0]' "$TMP/out")"
[[ $(jq -r '.[9] | "\(.what) \(.target) \(.by)"' "$TMP/out") == "staff.edit budi budi" ]] ||
    fail "budi's edit: $(jq -c '.[9]' "$TMP/out")"
[[ $(jq -c '.[9].before.roles' "$TMP/out") == '["petugas_teknis","admin"]' &&
   $(jq -c '.[9].after.roles' "$TMP/out") == '["petugas_teknis"]' ]] ||
    fail "before/after of budi's edit: $(jq -c '.[9]' "$TMP/out")"
# An absent value is null, as everywhere in --json, and left out of the table.
[[ $(jq -c '.[0].after | [.nip, .title]' "$TMP/out") == '[null,null]' ]] ||
    fail "absent nip and title of the first entry: $(jq -c '.[0].after' "$TMP/out")"
expect_code 0 hc audit --target budi
! grep -qF "nip={}" "$TMP/out" || fail "the audit table shows an absent nip as {}: $(cat "$TMP/out")"
expect_contains "$TMP/out" "staff.edit"
expect_contains "$TMP/out" "roles: [petugas_teknis, admin] -> [petugas_teknis]"

# --- officer steps belong to the assigned officer -------------------------
# budi, no longer an admin, records a step as sari: refused, she is not the
# assigned officer.
expect_code 5 hc request verify "$ID" --complete --by sari
expect_contains "$TMP/err" "is assigned to budi"
# Without --by the step defaults to the assigned officer.
expect_code 0 hc --json request verify "$ID" --complete --at 2026-11-02T13:00
[[ $(jq -r '.events[-1].by' "$TMP/out") == budi ]] || fail "verify was not recorded for budi"

finish

