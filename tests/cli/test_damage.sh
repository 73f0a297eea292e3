#!/usr/bin/env bash
# A record that cannot be read (PRODUCT §3) is never taken for an absent one:
#   - a check over all records ("is this domain taken?", "has this request a
#     survey response?") refuses with exit 7, naming the file, and writes
#     nothing;
#   - a list or report prints what it could, names the file, and exits 7, so
#     a script or cron job never takes a partial answer for a whole one.
# Each kind of damage is tried in turn: invalid YAML, a newer schema, a
# folder where the file should be, and (not as root) an unreadable file.
source "$(dirname "$0")/lib.sh"

office_store
new_request() { # LABEL [options]: prints the new id
    local label=$1; shift
    hc --json request new --agency dinkes --letter-number "400.7/$label/2026" \
        --letter-date 2026-11-02 --subject "Permohonan $label" --domain "$label" "$@" | jq -er .id
}
# L was received on Mon 2 Nov 2026 and is never delivered: late forever.
L=$(new_request dom4 --received-at 2026-11-02T08:00)
F=$(new_request fresh)
FL=$(ls "$STORE"/requests/*/"$L".yaml)
cp "$FL" "$TMP/good.yaml"
hc request list >/dev/null # a warm row cache must not hide the damage

# Before any damage: one late request.
expect_code 11 hc report sla --fail-on-breach
expect_code 6 hc request new --agency dinkes --letter-number 400.7/x/2026 --letter-date 2026-11-02 \
    --subject x --domain dom4

damages=(yaml schema folder)
(($(id -u) != 0)) && damages+=(unreadable) # root reads any file
damage() {
    case $1 in
    yaml) printf 'schema: 2\nid: %s\nagency: [\n' "$L" >"$FL" ;;
    schema) sed 's/^schema: .*/schema: 99/' "$TMP/good.yaml" >"$FL" ;;
    folder) rm "$FL" && mkdir "$FL" ;;
    unreadable) chmod 000 "$FL" ;;
    esac
}
repair() {
    chmod 644 "$FL" 2>/dev/null || true
    rm -rf "$FL"
    cp "$TMP/good.yaml" "$FL"
}
snapshot() { (cd "$STORE" && find . -path ./.cache -prune -o -printf '%p %s\n' | sort); }

for kind in "${damages[@]}"; do
    damage "$kind"
    before=$(snapshot)

    # --- a check over all records refuses --------------------------------
    for domain in dom4 other; do
        expect_code 7 hc request new --agency dinkes --letter-number 400.7/x/2026 \
            --letter-date 2026-11-02 --subject x --domain "$domain"
        expect_contains "$TMP/err" "$L.yaml"
        expect_contains "$TMP/err" "could not be read"
        expect_contains "$TMP/err" "store check"
    done
    [[ $(snapshot) == "$before" ]] || fail "$kind: a refused request new changed the store"

    # --- lists and reports print what they could, then exit 7 ------------
    expect_code 7 hc report sla --fail-on-breach
    expect_contains "$TMP/out" "$F"
    expect_contains "$TMP/out" "could not be read"
    expect_contains "$TMP/err" "$L.yaml"
    expect_contains "$TMP/err" "hint:"
    expect_code 7 hc -q report sla
    expect_contains "$TMP/out" "could not be read"
    expect_code 7 hc --json report sla --fail-on-breach
    jq -e --arg f "$F" '(.requests | map(.id) == [$f]) and (.problems | length == 1)' \
        "$TMP/out" >/dev/null || fail "$kind: --json report sla: $(head -c 400 "$TMP/out")"

    rm -f "$STORE/reports/quarterly-2026-Q4.md"
    expect_code 7 hc report quarterly --year 2026 --quarter 4
    [[ -f $STORE/reports/quarterly-2026-Q4.md ]] || fail "$kind: the quarterly report was not written"
    expect_contains "$STORE/reports/quarterly-2026-Q4.md" "$L.yaml"
    expect_contains "$TMP/err" "could not be read"
    expect_code 7 hc report quarterly --year 2026 --quarter 4 --stdout --format json
    jq -e '.problems | length == 1' "$TMP/out" >/dev/null ||
        fail "$kind: quarterly --stdout --format json: $(head -c 300 "$TMP/out")"

    expect_code 7 hc agency show dinkes
    expect_contains "$TMP/out" "$F"
    expect_contains "$TMP/err" "$L.yaml"
    expect_code 7 hc --json agency show dinkes
    jq -e --arg f "$F" '.requests | map(.id) == [$f]' "$TMP/out" >/dev/null ||
        fail "$kind: --json agency show: $(head -c 300 "$TMP/out")"

    expect_code 7 hc request list
    expect_contains "$TMP/out" "$F"
    expect_contains "$TMP/err" "store check"

    repair
done

# Repaired, the file holds its domain and its lateness again.
expect_code 6 hc request new --agency dinkes --letter-number 400.7/x/2026 --letter-date 2026-11-02 \
    --subject x --domain dom4
expect_code 11 hc report sla --fail-on-breach
expect_code 0 hc agency show dinkes
expect_code 0 hc report quarterly --year 2026 --quarter 4

# --- complaints and survey responses ---------------------------------------
hc complaint new --channel phone --from "Pak Ahmad" --text "Situs lambat" >/dev/null
C=$(hc --json complaint list | jq -r '.[0].id')
Y=${C#*-}; Y=${Y%%-*}
# A folder named like a complaint, and a stray file where a year folder belongs.
mkdir "$STORE/complaints/$Y/${C%-*}-9999.yaml"
expect_code 7 hc complaint list
expect_contains "$TMP/out" "$C"
expect_contains "$TMP/err" "9999.yaml"
expect_code 7 hc report quarterly --year "$Y" --quarter 4 --stdout
expect_contains "$TMP/out" "9999.yaml"
rmdir "$STORE/complaints/$Y/${C%-*}-9999.yaml"
echo "not a folder" >"$STORE/complaints/1999"
expect_code 7 hc complaint list
expect_contains "$TMP/err" "complaints/1999"
rm "$STORE/complaints/1999"
expect_code 0 hc complaint list

# A completed request answers the survey once; a response file that cannot be
# read might be its answer.
for s in dispose:--by=kadis assign:--by=kabid verify: provision: submit: forward:--by=kabid \
    approve:--by=kadis deliver: complete:; do
    verb=${s%%:*} by=${s#*:}
    args=()
    [[ -n $by ]] && args+=("$by")
    case $verb in
    assign) args+=(--officer budi) ;;
    verify) args+=(--complete) ;;
    provision) args+=(--manual --server web01) ;;
    deliver) args+=(--via email) ;;
    esac
    hc request "$verb" "$F" "${args[@]}" >/dev/null || fail "request $verb $F failed"
done
mkdir -p "$STORE/surveys/$Y"
mkdir "$STORE/surveys/$Y/IKM-$Y-0001.yaml"
expect_code 7 hc survey record "$F" --scores 4,4,4,4,4,4,4,4,4
expect_contains "$TMP/err" "IKM-$Y-0001.yaml"
expect_contains "$TMP/err" "one response per request"
[[ -z $(find "$STORE/surveys" -type f) ]] || fail "a refused survey record wrote a file"
expect_code 7 hc survey list
expect_contains "$TMP/err" "IKM-$Y-0001.yaml"
rmdir "$STORE/surveys/$Y/IKM-$Y-0001.yaml"
expect_code 0 hc survey record "$F" --scores 4,4,4,4,4,4,4,4,4
# A damaged response: the quarterly report is still written, naming it.
S=$(ls "$STORE"/surveys/*/IKM-*.yaml)
sed -i 's/^schema: .*/schema: 99/' "$S"
Q=$(( ($(date +%-m) - 1) / 3 + 1 ))
expect_code 7 hc report quarterly --year "$(date +%Y)" --quarter "$Q" --stdout
expect_contains "$TMP/out" "$(basename "$S")"

finish
