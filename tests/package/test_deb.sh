#!/usr/bin/env bash
# The Debian package (cpack -G DEB): lintian finds no error, it installs on
# this machine with the dependencies dpkg-shlibdeps found, the installed
# tool runs a short request flow (in English and Indonesian), and it is
# removed without a trace.  Needs root and a machine without hostingctl
# installed (CI's throwaway machine); skipped otherwise.
# Usage: test_deb.sh BUILD_DIR
set -euo pipefail
BUILD=${1:?usage: test_deb.sh BUILD_DIR}
[[ $(id -u) == 0 ]] || { echo "the package test installs into /usr and needs root: skipped"; exit 77; }
if dpkg-query -W -f='${Status}' hostingctl 2>/dev/null | grep -q "install ok installed"; then
    echo "hostingctl is installed on this machine already: skipped, to leave it alone"
    exit 77
fi
TMP=$(mktemp -d "${TMPDIR:-/tmp}/hostingctl-deb.XXXXXX")
INSTALLED=
cleanup() {
    [[ -z $INSTALLED ]] || dpkg --purge hostingctl >/dev/null 2>&1 || true
    rm -rf "$TMP"
}
trap cleanup EXIT
FAILS=0
fail() { echo "FAIL: $*" >&2; FAILS=$((FAILS + 1)); }

# 1. Build the package from the build directory.
cpack -G DEB -B "$TMP/pkg" --config "$BUILD/CPackConfig.cmake" >"$TMP/cpack.log" 2>&1 ||
    { cat "$TMP/cpack.log" >&2; fail "cpack failed"; exit 1; }
DEB=$(ls "$TMP"/pkg/hostingctl_*.deb)
dpkg-deb -f "$DEB" Depends | grep -q "libssh-4" || fail "Depends lacks libssh-4: $(dpkg-deb -f "$DEB" Depends)"
dpkg-deb -f "$DEB" Depends | grep -q "libyaml-cpp" || fail "Depends lacks yaml-cpp"
dpkg-deb -c "$DEB" >"$TMP/contents"
for f in ./usr/bin/hostingctl ./usr/share/man/man1/hostingctl.1.gz \
         ./usr/share/bash-completion/completions/hostingctl ./usr/share/zsh/vendor-completions/_hostingctl \
         ./usr/share/locale/id/LC_MESSAGES/hostingctl.mo ./usr/share/doc/hostingctl/copyright \
         ./usr/share/hostingctl/templates/documents/access.html ./usr/share/doc/hostingctl/examples/demo.sh; do
    grep -q " $f\$" "$TMP/contents" || fail "the package lacks $f"
done

# 2. lintian: no errors.
if command -v lintian >/dev/null; then
    lintian --tag-display-limit 0 "$DEB" >"$TMP/lintian" 2>&1 || true
    if grep -q "^E:" "$TMP/lintian"; then fail "lintian errors: $(grep "^E:" "$TMP/lintian")"; fi
else
    fail "lintian is not installed (./run installs it)"
fi

# 3. Install, use, remove.
INSTALLED=yes
dpkg -i "$DEB" >"$TMP/dpkg.log" 2>&1 || { cat "$TMP/dpkg.log" >&2; fail "dpkg -i failed"; exit 1; }
HC=/usr/bin/hostingctl
"$HC" --version | grep -qE '^hostingctl [0-9.]+ \(commit ' || fail "--version: $("$HC" --version)"
export HOSTINGCTL_STORE=$TMP/store NO_COLOR=1 LANG=C.UTF-8
unset LC_ALL LC_MESSAGES LANGUAGE
"$HC" init >/dev/null
"$HC" staff add budi --name "Budi" --role petugas_teknis --role admin --unix-user "$(id -un)" >/dev/null
"$HC" staff add kadis --name "Kepala Dinas" --role kepala_dinas >/dev/null
"$HC" agency add dinkes --name "Dinas Kesehatan" >/dev/null
sed -i "s/^  pdf_at_steps: true/  pdf_at_steps: false/" "$HOSTINGCTL_STORE/hostingctl.yaml"
Y=$(TZ=Asia/Jakarta date +%Y)
ID=$("$HC" --json request new --agency dinkes --letter-number "400.7/1/$Y" --letter-date "$Y-01-02" \
    --subject "Permohonan hosting" --domain paket | jq -r .id)
"$HC" request dispose 1 --by kadis >/dev/null 2>&1 || fail "request dispose 1 failed"
[[ $("$HC" --json request show paket | jq -r .status) == disposed ]] || fail "$ID was not disposed"
[[ -s $HOSTINGCTL_STORE/documents/$ID/issued/disposition.html ]] || fail "no disposition document"
# zsh finds the completion where Debian's zsh looks, through compinit.
if command -v zsh >/dev/null; then
    [[ $(HOME=$TMP zsh -fc 'fpath=(/usr/share/zsh/vendor-completions $fpath); autoload -U compinit
        compinit -u -D; print -r -- $_comps[hostingctl]') == _hostingctl ]] ||
        fail "zsh does not find the installed completion"
fi
LANG=id_ID.UTF-8 "$HC" request --help | grep -q "Perintah:" || fail "the installed tool does not speak Indonesian"
dpkg --purge hostingctl >"$TMP/purge.log" 2>&1 || fail "dpkg --purge failed: $(cat "$TMP/purge.log")"
INSTALLED=
[[ ! -e $HC ]] || fail "$HC is left after purge"
for d in /usr/share/hostingctl /usr/share/doc/hostingctl; do
    [[ ! -e $d ]] || fail "$d is left after purge"
done
dpkg-query -W hostingctl >/dev/null 2>&1 && fail "dpkg still knows hostingctl"

if ((FAILS > 0)); then echo "$FAILS check(s) failed" >&2; exit 1; fi
echo ok
