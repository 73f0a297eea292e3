#!/usr/bin/env bash
# The nine SOP steps of PRODUCT §1 end to end, the side paths of §4, and the
# filters of `request list`.
source "$(dirname "$0")/lib.sh"

YEAR=$(TZ=Asia/Jakarta date +%Y)
LAST=$((YEAR - 1))

office_store
hc staff add sari --name "Sari Wulandari" --role petugas_teknis >/dev/null
hc agency add disdik --name "Dinas Pendidikan" >/dev/null

grep -qE '^[[:space:]]*-?[[:space:]]*name:[[:space:]]*web01' "$STORE/servers.yaml" ||
    fail "servers.yaml of a new store does not list web01"

# new_request AGENCY LABEL [extra options]: prints the new id
new_request() {
    local agency=$1 label=$2; shift 2
    hc --json request new --agency "$agency" --letter-number "400.7/1/$label" \
        --letter-date "$LAST-01-02" --subject "Permohonan hosting $label" \
        --domain "$label" "$@" | jq -er .id
}

# show_is ID STATUS NEXT_STEP NEXT_ROLES(comma list, or "null" for next: null)
show_is() {
    local id=$1 status=$2 step=$3 roles=$4 j
    j=$(hc --json request show "$id") || { fail "request show $id failed"; return; }
    local got_status got_next
    got_status=$(jq -r .status <<<"$j")
    [[ $got_status == "$status" ]] || fail "$id: status '$got_status', expected '$status'"
    if [[ $step == null ]]; then
        got_next=$(jq -c .next <<<"$j")
        [[ $got_next == null ]] || fail "$id: next is $got_next, expected null"
    else
        got_next=$(jq -r '.next.step + " " + (.next.roles | join(","))' <<<"$j")
        [[ $got_next == "$step $roles" ]] ||
            fail "$id ($status): next is '$got_next', expected '$step $roles'"
    fi
}

# --- the nine steps -------------------------------------------------------
out=$(hc --json request new --agency dinkes --letter-number "400.7/123/Dinkes/$YEAR" \
    --letter-date "$(TZ=Asia/Jakarta date +%F)" --subject "Permohonan hosting SIMPUS" \
    --domain simpus --app php) || fail "request new failed"
ID=$(jq -r .id <<<"$out")
[[ $ID == "HST-$YEAR-0001" ]] || fail "first id is '$ID', expected HST-$YEAR-0001"
[[ $(jq -r .domain <<<"$out") == simpus.pekalongankota.go.id ]] ||
    fail "domain not completed with the parent zone: $(jq -r .domain <<<"$out")"
[[ $(jq -r .hosting.php_version <<<"$out") == 8.2 ]] || fail "default PHP version is not 8.2"
[[ -f $STORE/requests/$YEAR/$ID.yaml ]] || fail "no file requests/$YEAR/$ID.yaml"
show_is "$ID" received dispose kepala_dinas

hc request dispose "$ID" --by kadis >/dev/null || fail "dispose failed"
show_is "$ID" disposed assign kepala_bidang
hc request assign "$ID" --by kabid --officer budi >/dev/null || fail "assign failed"
show_is "$ID" assigned verify petugas_teknis
[[ $(hc --json request show "$ID" | jq -r .officer) == budi ]] || fail "officer is not budi"
hc request verify "$ID" --complete >/dev/null || fail "verify --complete (default --by) failed"
show_is "$ID" verified provision petugas_teknis
hc request provision "$ID" --manual --server web01 >/dev/null || fail "provision failed"
show_is "$ID" provisioned submit petugas_teknis
hc request submit "$ID" >/dev/null || fail "submit failed"
show_is "$ID" submitted forward kepala_bidang
hc request forward "$ID" --by kabid >/dev/null || fail "forward failed"
show_is "$ID" forwarded approve kepala_dinas
hc request approve "$ID" --by kadis >/dev/null || fail "approve failed"
show_is "$ID" approved deliver petugas_teknis,admin
hc request deliver "$ID" --via email >/dev/null || fail "deliver failed"
show_is "$ID" delivered complete petugas_teknis,admin
hc request complete "$ID" >/dev/null || fail "complete failed"
show_is "$ID" completed null null

j=$(hc --json request show "$ID")
# The steps, and the document each of five steps made (numbered, in between).
[[ $(jq -c '[.events[] | select(.action == "document") | .data.kind]' <<<"$j") == \
    '["disposition","hosting","approval","access","receipt"]' ]] ||
    fail "document events: $(jq -c '[.events[].action]' <<<"$j")"
steps=$(jq -c '{events: [.events[] | select(.action != "document")]}' <<<"$j")
[[ $(jq '.events | length' <<<"$steps") == 10 ]] || fail "expected 10 steps: $(jq -c '[.events[].action]' <<<"$j")"
[[ $(jq -c '[.events[].action]' <<<"$steps") == \
    '["new","dispose","assign","verify","provision","submit","forward","approve","deliver","complete"]' ]] ||
    fail "event actions: $(jq -c '[.events[].action]' <<<"$j")"
[[ $(jq -c '[.events[].by]' <<<"$steps") == \
    '["budi","kadis","kabid","budi","budi","budi","kabid","kadis","budi","budi"]' ]] ||
    fail "event performers: $(jq -c '[.events[].by]' <<<"$j")"
jq -e 'all(.events[]; has("action") and has("at") and has("by") and has("recorded_by"))' \
    <<<"$j" >/dev/null || fail "an event lacks action/at/by/recorded_by"
jq -e --arg me "$ME" 'all(.events[]; .recorded_by == $me)' <<<"$j" >/dev/null ||
    fail "recorded_by is not the current user: $(jq -c '[.events[].recorded_by]' <<<"$j")"
jq -e 'all(.events[]; .at | test("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}[+-][0-9]{2}:[0-9]{2}$"))' \
    <<<"$j" >/dev/null || fail "event times are not ISO 8601 with offset: $(jq -c '[.events[].at]' <<<"$j")"
[[ $(jq -r '.events[2].data.officer' <<<"$steps") == budi ]] || fail "assign event lacks officer=budi"
[[ $(jq -r '.events[4].data.server' <<<"$steps") == web01 ]] || fail "provision event lacks server=web01"
[[ $(jq -r '.events[8].data.via' <<<"$steps") == email ]] || fail "deliver event lacks via=email"
[[ $(jq -c .allowed <<<"$j") == '[]' ]] || fail "a completed request still allows $(jq -c .allowed <<<"$j")"

# Human views name the request.
hc request log "$ID" >"$TMP/log" || fail "request log failed"
expect_contains "$TMP/log" "approve"
expect_contains "$TMP/log" "kadis"
[[ $(grep -c . "$TMP/log") == 16 ]] ||
    fail "request log: expected a header and 15 rows (10 steps, 5 documents), got: $(cat "$TMP/log")"
hc request show "$ID" >"$TMP/show" || fail "request show failed"
expect_contains "$TMP/show" "$ID"
expect_contains "$TMP/show" "completed"
hc request list >"$TMP/list" || fail "request list failed"
expect_contains "$TMP/list" "$ID"
[[ $(hc --json request log "$ID" | jq length) == 15 ]] || fail "request log --json has not 15 events"

# --- side paths -----------------------------------------------------------
# verify --incomplete, then resume
S=$(new_request dinkes sidepath --received-at "$LAST-02-03T09:00")
hc request dispose "$S" --by kadis >/dev/null
hc request assign "$S" --by kabid --officer budi >/dev/null
hc request verify "$S" --incomplete --missing "surat kuasa dan KTP" >/dev/null || fail "verify --incomplete failed"
show_is "$S" incomplete resume petugas_teknis
[[ $(hc --json request show "$S" | jq -r '.events[-1].data.missing') == "surat kuasa dan KTP" ]] ||
    fail "the missing documents were not recorded"
hc request resume "$S" >/dev/null || fail "resume failed"
show_is "$S" assigned verify petugas_teknis
# note: status unchanged
hc request note "$S" "telepon ke Pak Andi, dokumen menyusul" >/dev/null || fail "note failed"
show_is "$S" assigned verify petugas_teknis
[[ $(hc --json request show "$S" | jq -r '.events[-1] | .action + "|" + .note') == \
    "note|telepon ke Pak Andi, dokumen menyusul" ]] || fail "the note was not recorded"
hc request reject "$S" --by kabid --reason "aplikasi tidak memenuhi standar keamanan" >/dev/null ||
    fail "reject failed"
show_is "$S" rejected null null
[[ $(hc --json request show "$S" | jq -r '.events[-1].data.reason') == \
    "aplikasi tidak memenuhi standar keamanan" ]] || fail "the rejection reason was not recorded"

C=$(new_request disdik cancelme --received-at "$LAST-03-04T10:00")
hc request cancel "$C" --reason "OPD menarik permohonan" >/dev/null || fail "cancel failed"
show_is "$C" cancelled null null

# --- list filters ---------------------------------------------------------
# A: dinkes, received LAST-04-10, assigned to sari (open)
A=$(new_request dinkes alpha --received-at "$LAST-04-10T09:00")
hc request dispose "$A" --by kadis >/dev/null
hc request assign "$A" --by kabid --officer sari >/dev/null
# B: disdik, received LAST-05-20, disposed (open)
B=$(new_request disdik beta --received-at "$LAST-05-20T09:00")
hc request dispose "$B" --by kadis >/dev/null
# D: disdik, received LAST-06-30, received (open)
D=$(new_request disdik delta --received-at "$LAST-06-30T15:00")

# list_ids [filters...]: ids of `request list --json`, space separated, sorted
list_ids() { hc --json request list "$@" | jq -r '[.[].id] | sort | join(" ")'; }
sorted() { printf '%s\n' "$@" | sort | paste -sd' '; }

[[ $(list_ids) == "$(sorted "$ID" "$S" "$C" "$A" "$B" "$D")" ]] || fail "list: $(list_ids)"
[[ $(list_ids --status assigned) == "$A" ]] || fail "--status assigned: $(list_ids --status assigned)"
[[ $(list_ids --status completed) == "$ID" ]] || fail "--status completed: $(list_ids --status completed)"
[[ $(list_ids --status rejected,cancelled) == "$(sorted "$S" "$C")" ]] ||
    fail "--status rejected,cancelled: $(list_ids --status rejected,cancelled)"
[[ $(list_ids --status disposed --status received) == "$(sorted "$B" "$D")" ]] ||
    fail "--status repeated: $(list_ids --status disposed --status received)"
[[ $(list_ids --agency disdik) == "$(sorted "$C" "$B" "$D")" ]] || fail "--agency disdik: $(list_ids --agency disdik)"
[[ $(list_ids --officer sari) == "$A" ]] || fail "--officer sari: $(list_ids --officer sari)"
[[ $(list_ids --officer budi) == "$(sorted "$ID" "$S")" ]] || fail "--officer budi: $(list_ids --officer budi)"
[[ $(list_ids --open) == "$(sorted "$A" "$B" "$D")" ]] || fail "--open: $(list_ids --open)"
[[ $(list_ids --from "$LAST-04-10" --to "$LAST-05-20") == "$(sorted "$A" "$B")" ]] ||
    fail "--from/--to inclusive: $(list_ids --from "$LAST-04-10" --to "$LAST-05-20")"
[[ $(list_ids --from "$LAST-06-01") == "$(sorted "$ID" "$D")" ]] || fail "--from: $(list_ids --from "$LAST-06-01")"
[[ $(list_ids --to "$LAST-02-03") == "$S" ]] || fail "--to: $(list_ids --to "$LAST-02-03")"
[[ $(list_ids --open --agency disdik) == "$(sorted "$B" "$D")" ]] || fail "--open --agency: $(list_ids --open --agency disdik)"
expect_code 3 hc request list --agency nosuch
expect_contains "$TMP/err" "no agency 'nosuch'"
[[ $(list_ids --domain nosuch) == "" ]] || fail "--domain nosuch lists something"
hc request list --domain nosuch >"$TMP/none" || fail "an empty list should exit 0"
expect_contains "$TMP/none" "No requests match"
hc request list --status assigned >"$TMP/list" || fail "request list --status failed"
expect_contains "$TMP/list" "$A"
grep -qF "$B" "$TMP/list" && fail "human list --status assigned shows $B"
expect_code 4 hc request list --status asigned
expect_contains "$TMP/err" "did you mean 'assigned'"
expect_code 4 hc request list --from "$LAST-13-01"

# The per-year sequence: the first request of last year is -0001.
[[ $S == "HST-$LAST-0001" ]] || fail "first request of $LAST is $S"
[[ $D == "HST-$LAST-0005" ]] || fail "fifth request of $LAST is $D"

finish
