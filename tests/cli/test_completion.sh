#!/usr/bin/env bash
# The bash completion (cli/completion/hostingctl.bash): groups, verbs and
# options agree with the binary's --help, fixed values (statuses, roles, ...)
# agree with what the binary accepts, and names come from the right store.
# shellcheck source-path=SCRIPTDIR
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

# With HOSTINGCTL_COMPLETION_SHELL=zsh the same checks run against the zsh
# completion (cli/completion/_hostingctl; test_completion_zsh.sh).
ZSH_MODE=
[[ ${HOSTINGCTL_COMPLETION_SHELL:-bash} == zsh ]] && ZSH_MODE=1
COMPLETION="$(cd "$(dirname "$0")/../.." && pwd)/cli/completion/hostingctl.bash"
[[ -n $ZSH_MODE ]] && COMPLETION="$(dirname "$COMPLETION")/_hostingctl"
[[ -r $COMPLETION ]] || { echo "FAIL: $COMPLETION is missing" >&2; exit 1; }
ZSH_DRIVER="$(cd "$(dirname "$0")" && pwd)/zsh_complete.zsh"

# --- a store with people, agencies and two requests -------------------------
ME=$(id -un)
hc init >/dev/null
hc staff add budi --name "Budi Santoso" --role petugas_teknis,admin --unix-user "$ME" >/dev/null
hc staff add kadis --name "Kepala Dinas" --role kepala_dinas >/dev/null
hc staff add kabid --name "Kepala Bidang INS" --role kepala_bidang >/dev/null
hc staff add bayu --name "Bayu Pratama" --role petugas_teknis >/dev/null
hc agency add dinkes --name "Dinas Kesehatan" >/dev/null
hc agency add disdik --name "Dinas Pendidikan" >/dev/null
ID1=$(hc --json request new --agency dinkes --letter-number 400.7/1/Dinkes \
    --letter-date 2026-01-05 --received-at 2026-01-06T09:00 --subject "Hosting SIMPUS" \
    --domain simpus | jq -er .id)
ID2=$(hc --json request new --agency disdik --letter-number 421/7/Disdik \
    --letter-date 2026-01-05 --received-at 2026-01-07T10:00 --subject "Hosting PPDB" \
    --domain ppdb | jq -er .id)
[[ $ID1 == HST-2026-0001 && $ID2 == HST-2026-0002 ]] || fail "unexpected ids $ID1 $ID2"

# A second store, named only with --store, holding other names and a staff
# entry that would run a command if the completion expanded what it reads.
OTHER="$TMP/other"
hc --store "$OTHER" init >/dev/null
hc --store "$OTHER" staff add wati --name "Wati" --role admin --unix-user "$ME" >/dev/null
# shellcheck disable=SC2016 # the $(...) must reach the file unexpanded
printf '  - id: $(touch${IFS}%s/pwned)\n    name: "x"\n    roles: [admin]\n' "$TMP" \
    >>"$OTHER/staff.yaml"
mkdir -p "$OTHER/requests/2025"
: >"$OTHER/requests/2025/HST-2025-0042.yaml"
: >"$OTHER/requests/2025/.HST-2025-0043.yaml.tmp.123.abc" # an atomic write in flight

if [[ -n $ZSH_MODE ]]; then
    [[ $(head -n 1 "$COMPLETION") == "#compdef hostingctl" ]] || fail "$COMPLETION: no #compdef line"
else
    # shellcheck source=../../cli/completion/hostingctl.bash
    source "$COMPLETION"
    [[ $(complete -p hostingctl) == *"-F _hostingctl"* ]] || fail "no completion registered"
fi

# complete WORD... : the last word is the one being completed; prints the
# candidates sorted, on one line
complete_words() {
    if [[ -n $ZSH_MODE ]]; then
        ZCOMPDUMP=$TMP/zcompdump zsh -f "$ZSH_DRIVER" "$COMPLETION" "$@" | sort | tr '\n' ' ' | sed 's/ $//'
        return
    fi
    COMP_WORDS=("$@")
    COMP_CWORD=$(($# - 1))
    COMP_LINE="$*"
    COMP_POINT=${#COMP_LINE}
    _hostingctl
    printf '%s\n' ${COMPREPLY[@]+"${COMPREPLY[@]}"} | sort | tr '\n' ' ' | sed 's/ $//'
}

# expect_reply "EXPECTED WORDS" WORD... : the candidates are exactly these
expect_reply() {
    local want got
    # shellcheck disable=SC2086 # split the expected words
    want=$(printf '%s\n' $1 | sort | tr '\n' ' ' | sed 's/ $//')
    shift
    got=$(complete_words "$@")
    [[ $got == "$want" ]] || fail "completing '$*': got [$got], expected [$want]"
}

sorted() { tr -s ' ,' '\n' | sed '/^$/d' | sort | tr '\n' ' ' | sed 's/ $//'; }

# The subcommands listed by "--help" of a command.
help_commands() {
    hc "$@" --help | sed -n '/^Subcommands:/,$p' | sed -n 's/^  \([a-z][a-z-]*\) .*/\1/p'
}

# The long options listed by "--help" of a command.
help_options() {
    hc "$@" --help | grep -oE '^  (-[a-z],)?--[a-z][a-z-]*' | sed 's/^  //; s/^-[a-z],//' || true
}

# The completion must offer everything the binary has (so it never lags
# behind the CLI), and offer nothing the CLI sources do not name (so a typo
# in it is caught even when it runs against an older build).
SOURCES="$(dirname "$COMPLETION")/.."
in_sources() {
    case $1 in -h | --help | --version) return 0 ;; esac
    grep -qE "\"(-[a-z],)?$1\"" "$SOURCES"/*.cpp "$SOURCES"/../lib/model/action.cpp && return 0
    # Step verbs and their data options come from the action table.
    [[ $1 == --* ]] && grep -qF "{\"${1#--}\"," "$SOURCES"/../lib/model/action.cpp
}

# check_set WHAT "BINARY WORDS" "COMPLETED WORDS"
check_set() {
    local w
    for w in $2; do
        [[ " $3 " == *" $w "* ]] || fail "$1: the binary has '$w', the completion lacks it"
    done
    for w in $3; do
        in_sources "$w" || fail "$1: the completion offers '$w', unknown to cli/*.cpp"
    done
}

# A group the completion knows but this binary lacks is checked no further:
# the completion may be ahead of an older build.
expect_groups() {
    local w
    for w in $1; do
        [[ " $2 " == *" $w "* ]] || fail "groups: the binary has '$w', the completion lacks it"
    done
}

GLOBAL_LONG=$(help_options | sorted)

# --- groups, verbs and options, as the binary and the sources have them -------
expect_groups "$(help_commands)" "$(complete_words hostingctl "")"
check_set "global options" "$GLOBAL_LONG" "$(complete_words hostingctl --)"
for group in $(help_commands); do
    verbs=$(help_commands "$group")
    [[ -z $verbs ]] && continue # init
    check_set "verbs of $group" "$verbs" "$(complete_words hostingctl "$group" "")"
    for verb in $verbs; do
        check_set "options of $group $verb" "$(help_options "$group" "$verb")" \
            "$(complete_words hostingctl "$group" "$verb" --)"
    done
done

# expect_verb_options "EXPECTED" WORD... : the options offered after WORD...,
# without the global ones
expect_verb_options() {
    local want=$1 got o
    shift
    got=" $(complete_words "$@" --) "
    for o in $GLOBAL_LONG; do got=${got// $o / }; done
    got=$(echo "$got" | sorted)
    want=$(echo "$want" | sorted)
    [[ $got == "$want" ]] || fail "options after '$*': got [$got], expected [$want]"
}

expect_reply "request report" hostingctl re
expect_reply "request" hostingctl req
expect_reply "new dispose assign verify resume provision submit forward approve deliver complete
    reject cancel note amend revert attach show list find log" hostingctl request ""
expect_reply "dispose deliver" hostingctl request d
expect_reply "assign attach amend approve" hostingctl request a
# request attach ID FILE...: files after the request number (zsh: _files, not played by the driver).
: >"$TMP/ktp-scan.pdf"
[[ -n $ZSH_MODE ]] || expect_reply "$TMP/ktp-scan.pdf" hostingctl request attach X "$TMP/ktp-s"
expect_reply "add list show edit deactivate activate" hostingctl staff ""
expect_reply "add list show" hostingctl agency ""
expect_reply "note new" hostingctl --json -q request n
expect_reply "--officer --open --overdue" hostingctl request list --o
expect_reply "--complete" hostingctl request verify "$ID1" --inc --c
expect_reply "--name --nip --no-color" hostingctl staff add x --n
expect_verb_options "--by --at --note --reason" hostingctl request reject "$ID1" --by kadis
expect_verb_options "--by --at" hostingctl request note "$ID1"
expect_verb_options "--by --at --note --officer" hostingctl request assign "$ID1"
expect_verb_options "--by --at --note --complete --incomplete --missing" hostingctl request verify X
expect_verb_options "--by --at --note --manual --server --dry-run --keep-partial --all-verified --jobs" hostingctl request provision X
expect_verb_options "--by --at --note --via" hostingctl request deliver X
expect_verb_options "--by --at --note" hostingctl request complete X
expect_verb_options "" hostingctl request show X
expect_verb_options "--name --nip --title --role --unix-user" hostingctl staff add x
expect_verb_options "--group" hostingctl init
expect_reply "root" hostingctl init --group roo
expect_reply "$(compgen -g s | sort -u)" hostingctl init x --group s
expect_verb_options "--name --head --phone --email --address" hostingctl agency add x
expect_verb_options "" hostingctl staff list
expect_reply "show import-ics due elapsed" hostingctl calendar ""
expect_verb_options "--from --days" hostingctl calendar due
expect_verb_options "--month --year" hostingctl calendar show
# Dates and times are offered in the office's zone (Asia/Jakarta), not the
# machine's: a completed --at of 01:56 UTC is 08:56 WIB.
expect_reply "$(TZ=Asia/Jakarta date +%Y-%m)" hostingctl calendar show --month ""
expect_reply "$(TZ=Asia/Jakarta date +%Y-%m-%d)" hostingctl request list --from ""
before=$(TZ=Asia/Jakarta date +%Y-%m-%dT%H:%M)
got=$(TZ=UTC complete_words hostingctl request verify "$ID1" --at "")
after=$(TZ=Asia/Jakarta date +%Y-%m-%dT%H:%M)
[[ $got == "$before" || $got == "$after" ]] || fail "--at offers '$got', not the office time $after"
expect_reply "new respond escalate resolve note show log list" hostingctl complaint ""
expect_reply "phone whatsapp email web twitter instagram direct" hostingctl complaint new --channel ""
expect_reply "open responded escalated resolved" hostingctl complaint list --status ""
expect_reply "" hostingctl complaint new --from ""
expect_reply "$ID1 $ID2" hostingctl complaint new --request ""
expect_reply "" hostingctl complaint escalate X --to ""
expect_reply "sla quarterly" hostingctl report ""
expect_reply "md,html md,json md,csv" hostingctl report quarterly --format md,
expect_reply "1 2 3 4" hostingctl report quarterly --quarter ""
expect_reply "$ID1 $ID2" hostingctl survey record ""
expect_reply "server staff store survey" hostingctl s
expect_reply "check" hostingctl store ""
expect_verb_options "--repair" hostingctl store check
expect_reply "$(TZ=Asia/Jakarta date +%Y-%m-%d)" hostingctl request list --to ""

# --- fixed values --------------------------------------------------------------
# The statuses the binary names when it refuses an unknown one.
expect_code 4 hc request list --status nosuchstatus
STATUSES=$(sed -n 's/^hint: statuses: //p' "$TMP/err" | sorted)
[[ -n $STATUSES ]] || fail "no status list in: $(cat "$TMP/err")"
expect_reply "$STATUSES" hostingctl request list --status ""
expect_reply "verified" hostingctl request list --status ver
expect_reply "verified,completed verified,cancelled" hostingctl request list --status verified,c
expect_reply "received,verified,provisioned" hostingctl request list --status received,verified,p
# bash splits "--opt=value" at "=" into three words; zsh keeps it whole.
[[ -n $ZSH_MODE ]] || expect_reply "incomplete" hostingctl request list --status = inc
expect_reply "--status=incomplete" hostingctl request list --status=inc
expect_reply "$STATUSES" hostingctl --json request list --open --status ""

# The roles the binary names in the help of "staff add".
ROLES=$(hc staff add --help | sed -n 's/.*role (repeatable or comma list): //p' | sorted)
[[ -n $ROLES ]] || fail "no role list in 'staff add --help'"
expect_reply "$ROLES" hostingctl staff add x --name X --role ""
expect_reply "kepala_dinas kepala_bidang" hostingctl staff add x --role kepala_
expect_reply "petugas_teknis,admin" hostingctl staff add x --role petugas_teknis,a

expect_reply "static php proxy" hostingctl request new --app ""
expect_reply "email letter hand" hostingctl request deliver "$ID1" --via ""
expect_reply "yes no" hostingctl request new --database ""
expect_reply "" hostingctl request new --subject ""
expect_reply "" hostingctl request reject "$ID1" --reason ""

# --- names from the store --------------------------------------------------------
expect_reply "$ID1 $ID2" hostingctl request show ""
expect_reply "$ID1 $ID2" hostingctl request dispose HST-2026
expect_reply "$ID2" hostingctl request log HST-2026-0002
expect_reply "$ID1 $ID2" hostingctl request verify --by budi ""
expect_reply "" hostingctl request note "$ID1" ""
expect_reply "" hostingctl request list ""
expect_reply "kadis kabid budi bayu" hostingctl request dispose "$ID1" --by ""
expect_reply "budi bayu" hostingctl request assign "$ID1" --by kabid --officer b
expect_reply "budi bayu" hostingctl request list --officer b
expect_reply "kadis kabid budi bayu" hostingctl staff show ""
expect_reply "kabid kadis" hostingctl staff deactivate ka
expect_reply "dinkes disdik" hostingctl request new --agency ""
expect_reply "dinkes disdik" hostingctl agency show d
expect_reply "web01" hostingctl request provision "$ID1" --manual --server ""

# --store on the command line wins over HOSTINGCTL_STORE, in either spelling;
# hostile names are neither run nor offered, temporary files are not ids.
expect_reply "wati" hostingctl --store "$OTHER" staff show ""
expect_reply "wati" hostingctl --store="$OTHER" request dispose X --by ""
[[ -n $ZSH_MODE ]] || expect_reply "wati" hostingctl --store = "$OTHER" request dispose X --by ""
expect_reply "HST-2025-0042" hostingctl --store "$OTHER" request show ""
expect_reply "" hostingctl --store "$OTHER" agency show ""
[[ ! -e $TMP/pwned ]] || fail "completion ran a command found in staff.yaml"

# Without HOSTINGCTL_STORE: $XDG_DATA_HOME/hostingctl, else ~/.local/share/hostingctl.
mkdir -p "$TMP/xdg" "$TMP/home/.local/share"
ln -s "$OTHER" "$TMP/xdg/hostingctl"
ln -s "$STORE" "$TMP/home/.local/share/hostingctl"
(
    unset HOSTINGCTL_STORE
    export XDG_DATA_HOME="$TMP/xdg"
    expect_reply "wati" hostingctl staff show ""
    unset XDG_DATA_HOME
    export HOME="$TMP/home"
    expect_reply "kadis kabid budi bayu" hostingctl staff show ""
    exit "$FAILS"
) || FAILS=$((FAILS + $?))

# A missing store offers nothing and does not fail.
expect_reply "" hostingctl --store "$TMP/nowhere" request show ""
expect_reply "" hostingctl --store "$TMP/nowhere" request dispose X --by ""

# --officer offers active technical officers only, escalate --to the
# complaints officials only.
hc staff add dewi --name "Dewi" --role pejabat_pengaduan >/dev/null
hc staff add eko --name "Eko" --role petugas_teknis >/dev/null
hc staff deactivate eko >/dev/null 2>&1 || fail "staff deactivate eko failed"
expect_reply "budi bayu" hostingctl request assign "$ID1" --officer ""
expect_reply "budi bayu" hostingctl request list --officer ""
expect_reply "dewi" hostingctl complaint escalate X --to ""

finish
