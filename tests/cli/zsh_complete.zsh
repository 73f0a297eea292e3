# Runs the zsh completion function outside an interactive shell, the way
# test_completion.sh drives the bash one: zsh -f zsh_complete.zsh FILE WORD...
# completes the last WORD after the others and prints the candidates, one a
# line.  compadd and compset, the builtins of completion widgets, are played
# by functions here (prefix matching, as zsh does with no matcher styles);
# the options are those compinit gives every completion function.
# A dump file in the test's scratch directory (ZCOMPDUMP) makes every run
# after the first read it instead of scanning $fpath again.
autoload -U compinit && compinit -u -d ${ZCOMPDUMP:-${TMPDIR:-/tmp}/hostingctl-test-zcompdump.$UID}

compadd() {
    while (($#)); do
        case $1 in
            (--) shift; break ;;
            (-[PSpsJVXxWFMrRqQ]) shift 2 ;;
            (-*) shift ;;
            (*) break ;;
        esac
    done
    local w
    for w in "$@"; do
        [[ $w == "$PREFIX"* ]] && print -r -- "$IPREFIX$w"
    done
    return 0
}
compset() {
    [[ $1 == -P ]] || return 1
    local m=${(M)PREFIX##$~2}
    [[ -n $m ]] || return 1
    IPREFIX+=$m
    PREFIX=${PREFIX#"$m"}
}
_groups() { compadd -- ${${(f)"$(getent group)"}%%:*}; }
_files() { :; }
_directories() { :; }
_message() { :; }
compdef() { :; }

source $1
shift
words=("$@")
CURRENT=$#
PREFIX=$words[CURRENT]
IPREFIX=''
SUFFIX=''
run() {
    emulate -L zsh
    setopt localoptions ${_comp_options[@]}
    _hostingctl
}
run
