#!/usr/bin/env bash
# Extracts every marked message of cli/ and lib/ into a template (.pot):
#   po/extract.sh [OUT]      (default: po/hostingctl.pot)
# The keywords are those of lib/util/i18n.hpp (tr, trf, ntrf and N_) and the
# descriptions of CLI11's add_subcommand, add_option and add_flag, which
# cli/app.cpp translates.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-po/hostingctl.pot}
mapfile -t sources < <(find cli lib -name '*.cpp' -o -name '*.hpp' | LC_ALL=C sort)
xgettext --language=C++ --from-code=UTF-8 --add-comments=TRANSLATORS: \
  --keyword=tr --keyword=trf --keyword=ntrf:1,2 --keyword=N_ \
  --keyword=add_subcommand:2 --keyword=add_option:3,3t --keyword=add_flag:2,2t \
  --keyword=add_flag:3,3t \
  --flag=trf:1:no-c-format --flag=ntrf:1:no-c-format --flag=ntrf:2:no-c-format \
  --package-name=hostingctl --msgid-bugs-address=hostingctl@localhost \
  --sort-by-file -o "$out" "${sources[@]}"
