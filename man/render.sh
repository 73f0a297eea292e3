#!/bin/sh
# Renders the man page from its Markdown source.  The rendered page is kept in
# the repository, so building and installing need no pandoc; run this after
# editing man/hostingctl.1.md and commit both files.
set -eu
cd "$(dirname "$0")/.."
pandoc -s -t man man/hostingctl.1.md -o man/hostingctl.1
# A quick check that groff reads the result without complaint.
if command -v groff >/dev/null 2>&1; then
    groff -t -man -Tutf8 -ww man/hostingctl.1 >/dev/null
fi
