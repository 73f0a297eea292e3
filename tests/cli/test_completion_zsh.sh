#!/usr/bin/env bash
# The zsh completion (cli/completion/_hostingctl): every check of
# test_completion.sh, run against it, and TAB in a real interactive zsh that
# found it in $fpath through compinit.
# shellcheck source-path=SCRIPTDIR
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
command -v zsh >/dev/null || { echo "zsh is not installed (./run installs it): skipped"; exit 77; }
HERE=$(cd "$(dirname "$0")" && pwd)

HOSTINGCTL_COMPLETION_SHELL=zsh bash "$HERE/test_completion.sh" ||
    fail "the checks of test_completion.sh fail with the zsh completion"

office_store
ID=$(hc --json request new --agency dinkes --letter-number 400.7/1/Dinkes \
    --letter-date 2026-01-05 --received-at 2026-01-06T09:00 --subject "Hosting SIMPUS" \
    --domain simpus | jq -er .id)

# tab LINE: types LINE and TAB into an interactive zsh whose $fpath holds
# the completion, and prints the line as it then stands.
tab() {
    LINE=$1 FPATH_DIR="$HERE/../../cli/completion" OUT="$TMP/line" zsh -f -c '
        zmodload zsh/zpty
        zpty -b z "HOME=$TMPDIR zsh -f -i"
        zpty -w z "PS1=; fpath=(${(q)FPATH_DIR} \$fpath); autoload -U compinit; compinit -u -D"
        zpty -w z "show() { print -r -- \"[\$BUFFER]\" >${(q)OUT}; }; zle -N show; bindkey ^X show"
        zpty -w -n z "$LINE"$'"'"'\t\x18'"'"'
        for i in {1..100}; do [[ -s $OUT ]] && break; sleep 0.05; done
        zpty -d z
        cat $OUT 2>/dev/null'
    rm -f "$TMP/line"
}
expect_line() {
    local got
    got=$(TMPDIR=$TMP tab "$1")
    [[ $got == "[$2]" ]] || fail "TAB after '$1' in zsh: got '$got', expected '[$2]'"
}
expect_line "hostingctl requ" "hostingctl request "
expect_line "hostingctl request show HST" "hostingctl request show $ID "
expect_line "hostingctl request list --status=inc" "hostingctl request list --status=incomplete "
expect_line "hostingctl request list --status verified,canc" \
    "hostingctl request list --status verified,cancelled "
expect_line "hostingctl request dispose $ID --by kad" "hostingctl request dispose $ID --by kadis "

finish
