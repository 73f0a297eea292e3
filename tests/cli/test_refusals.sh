#!/usr/bin/env bash
# Refused transitions, wrong roles, unknown people and the recording policy
# (PRODUCT §2, §4): each refusal has the documented exit code, a message that
# says why, and leaves the request file byte-identical.
source "$(dirname "$0")/lib.sh"

office_store
hc staff add tata --name "Tata Usaha" --role admin >/dev/null

ID=$(hc --json request new --agency dinkes --letter-number 400.7/1/2026 \
    --letter-date 2020-01-02 --subject "Permohonan hosting" --domain simpus | jq -r .id)
FILE=$(ls "$STORE"/requests/*/"$ID".yaml)

# refused CODE CMD...: CMD must exit CODE and leave the request file unchanged.
refused() {
    local code=$1; shift
    local before after
    before=$(sha256sum <"$FILE")
    expect_code "$code" "$@"
    after=$(sha256sum <"$FILE")
    [[ $before == "$after" ]] || fail "'$*' changed $FILE"
    [[ -s $TMP/out ]] && fail "'$*' printed on stdout although refused: $(head -c 200 "$TMP/out")"
    grep -q '^hostingctl: error: ' "$TMP/err" || fail "'$*': no 'hostingctl: error:' on stderr"
    return 0
}

# --- illegal transitions --------------------------------------------------
refused 5 hc request approve "$ID" --by kadis
expect_contains "$TMP/err" "'received'"
expect_contains "$TMP/err" "dispose"
expect_contains "$TMP/err" "allowed next steps"
refused 5 hc request complete "$ID"
expect_contains "$TMP/err" "'received'"
refused 5 hc request resume "$ID"
refused 5 hc request provision "$ID" --manual --server web01
refused 5 hc request verify "$ID" --complete
expect_contains "$TMP/err" "dispose (by kepala_dinas)"

hc request dispose "$ID" --by kadis >/dev/null
refused 5 hc request dispose "$ID" --by kadis
expect_contains "$TMP/err" "'disposed'"
expect_contains "$TMP/err" "assign"
refused 5 hc request deliver "$ID" --via email
expect_contains "$TMP/err" "'disposed'"

# The allowed steps are named as they are typed.
ID2=$(hc --json request new --agency dinkes --letter-number 400.7/2/2026 \
    --letter-date 2020-01-02 --subject "Permohonan hosting" --domain simpeg | jq -r .id)
hc request dispose "$ID2" --by kadis >/dev/null
hc request assign "$ID2" --by kabid --officer budi >/dev/null
expect_code 5 hc request submit "$ID2"
expect_contains "$TMP/err" "verify --complete (by petugas_teknis)"
expect_contains "$TMP/err" "verify --incomplete (by petugas_teknis)"
hc request verify "$ID2" --complete >/dev/null
expect_code 5 hc request verify "$ID2" --incomplete --missing "surat kuasa"
expect_contains "$TMP/err" "cannot verify --incomplete $ID2: its status is 'verified'"

# --- wrong role -----------------------------------------------------------
ID2=$(hc --json request new --agency dinkes --letter-number 400.7/2/2026 \
    --letter-date 2020-01-02 --subject "Permohonan hosting 2" --domain eoffice | jq -r .id)
FILE2=$FILE
FILE=$(ls "$STORE"/requests/*/"$ID2".yaml)
refused 5 hc request dispose "$ID2" --by budi
expect_contains "$TMP/err" "budi"
expect_contains "$TMP/err" "kepala_dinas"
refused 5 hc request dispose "$ID2" --by kabid
refused 5 hc request reject "$ID2" --by tata --reason "tidak lengkap"
FILE=$FILE2
refused 5 hc request assign "$ID" --by kadis --officer budi
refused 5 hc request assign "$ID" --by kabid --officer tata   # tata is no technical officer
expect_contains "$TMP/err" "petugas_teknis"

# --- unknown staff --------------------------------------------------------
refused 3 hc request assign "$ID" --by kabdi --officer budi
expect_contains "$TMP/err" "kabdi"
expect_contains "$TMP/err" "did you mean 'kabid'"
refused 3 hc request assign "$ID" --by kabid --officer bdui
expect_contains "$TMP/err" "did you mean 'budi'"
refused 3 hc request assign "$ID" --by zzzzzzzz --officer budi
grep -q "did you mean" "$TMP/err" && fail "a far-off name got a 'did you mean' hint: $(cat "$TMP/err")"
refused 3 hc request assign HST-2020-0999 --by kabid --officer budi
refused 3 hc request assign not-an-id --by kabid --officer budi
refused 4 hc request assign "$ID" --by 'Kabid;rm' --officer budi

# A step with no --by and no staff member mapped to the current user.
cp "$STORE/staff.yaml" "$TMP/staff.yaml.orig"
sed -i "/unix_user: $ME\$/d" "$STORE/staff.yaml"
[[ $(hc --json staff show budi | jq -r .unix_user) == null ]] || fail "could not unmap budi"
refused 3 hc request note "$ID" "siapa saya?"
expect_contains "$TMP/err" "$ME"
expect_contains "$TMP/err" "hint: "
cp "$TMP/staff.yaml.orig" "$STORE/staff.yaml"

# --- the recording policy -------------------------------------------------
grep -q '^  recording: proxy' "$STORE/hostingctl.yaml" || fail "a new store's policy is not 'recording: proxy'"
sed -i 's/^  recording: proxy/  recording: self/' "$STORE/hostingctl.yaml"
grep -q '^  recording: self' "$STORE/hostingctl.yaml" || fail "could not switch the policy to self"
# kabid has no Unix user: another person may not record in their name.
refused 5 hc request assign "$ID" --by kabid --officer budi
expect_contains "$TMP/err" "self"
expect_contains "$TMP/err" "$ME"
refused 5 hc request note "$ID" "dicatat atas nama kadis" --by kadis
# budi is the current user: budi may record his own steps.
hc request note "$ID" "catatan budi sendiri" >/dev/null || fail "self: budi's own note was refused"
[[ $(hc --json request show "$ID" | jq -r '.events[-1].by') == budi ]] || fail "self: note not recorded by budi"
# A Head of Division mapped to this Unix user may record his own assignment.
# (The login moves from budi to kabid2 by hand: staff edit would need an
# admin mapped to the login on both sides of the move.)
hc staff add kabid2 --name "Kepala Bidang (login)" --role kepala_bidang --role admin >/dev/null
perl -0pi -e "s/\n    unix_user: \Q$ME\E\n/\n/; s/(  - id: kabid2\n(?:    .*\n)*?    roles: .*\n)/\${1}    unix_user: $ME\n/" \
    "$STORE/staff.yaml"
[[ $(hc --json staff show kabid2 | jq -r .unix_user) == "$ME" && $(hc --json staff show budi | jq -r .unix_user) == null ]] ||
    fail "could not move the login to kabid2: $(cat "$STORE/staff.yaml")"
hc request assign "$ID" --by kabid2 --officer budi >/dev/null || fail "self: kabid2's own assignment was refused"
[[ $(hc --json request show "$ID" | jq -r .status) == assigned ]] || fail "self: not assigned"
# ... and budi, no longer mapped to this login, may not.
refused 5 hc request verify "$ID" --complete --by budi
expect_contains "$TMP/err" "(none mapped)"

# Back to proxy: the officer records what the Head of Office did on paper.
sed -i 's/^  recording: self/  recording: proxy/' "$STORE/hostingctl.yaml"
hc request note "$ID" "dicatat atas nama kadis" --by kadis >/dev/null || fail "proxy: note --by kadis refused"
j=$(hc --json request show "$ID")
[[ $(jq -r '.events[-1].by + "/" + .events[-1].recorded_by' <<<"$j") == "kadis/$ME" ]] ||
    fail "proxy: by/recorded_by is $(jq -r '.events[-1].by + "/" + .events[-1].recorded_by' <<<"$j")"

# An invalid policy value is a damaged configuration, not silently 'proxy'.
sed -i 's/^  recording: proxy/  recording: anyone/' "$STORE/hostingctl.yaml"
refused 7 hc request note "$ID" "kebijakan rusak"
expect_contains "$TMP/err" "hostingctl.yaml"
sed -i 's/^  recording: anyone/  recording: proxy/' "$STORE/hostingctl.yaml"

# --- closed requests refuse everything but notes ----------------------------
hc request reject "$ID2" --by kadis --reason "duplikat" >/dev/null
FILE=$(ls "$STORE"/requests/*/"$ID2".yaml)
refused 5 hc request dispose "$ID2" --by kadis
expect_contains "$TMP/err" "'rejected'"
expect_contains "$TMP/err" "closed"
refused 5 hc request cancel "$ID2" --reason "lagi"
refused 5 hc request reject "$ID2" --by kadis --reason "lagi"

# --- people in use --------------------------------------------------------
# budi is the officer of the open request $ID: he cannot be deactivated.
hc --json request show "$ID" | jq -e '.officer == "budi"' >/dev/null || fail "$ID is not budi's"
expect_code 5 hc staff deactivate budi
expect_contains "$TMP/err" "$ID"
[[ $(hc --json staff list | jq '[.[] | select(.id == "budi")] | length') == 1 ]] ||
    fail "the officer of an open request was removed"
[[ $(hc --json staff show budi | jq .active) == true ]] || fail "the officer of an open request was deactivated"
# kadis may not record letters (new needs admin or petugas_teknis).
before=$(find "$STORE/requests" -type f | sort)
expect_code 5 hc request new --agency dinkes --letter-number 400.7/3/2026 --letter-date 2020-01-02 \
    --subject "Permohonan hosting 3" --domain sipd --by kadis
[[ $(find "$STORE/requests" -type f | sort) == "$before" ]] || fail "a refused request new wrote a file"

# --- steps in the future or before the previous step ------------------------
FILE=$(ls "$STORE"/requests/*/"$ID".yaml)
refused 4 hc request note "$ID" "dari masa depan" --at 2999-01-01T09:00
refused 4 hc request note "$ID" "sebelum surat diterima" --at 2019-06-01T09:00
expect_contains "$TMP/err" "before the previous step"
refused 4 hc request note "$ID" "bukan waktu" --at kemarin

finish
