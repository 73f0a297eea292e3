#!/usr/bin/env bash
# The layering of lib/ as ARCHITECTURE.md draws it, checked against the
# #include lines of the sources.  The table is read from the ```layers block
# of ARCHITECTURE.md, so the document and the check cannot drift apart:
#   layer: the layers it may include (besides itself)
# A layer may only name layers listed above it, so the graph has no circles.
# Also: nothing in lib/ includes CLI11.
set -euo pipefail
root=${1:-$(cd "$(dirname "$0")/.." && pwd)}
doc="$root/ARCHITECTURE.md"
fails=0
fail() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }

declare -A allowed seen
order=()
while IFS= read -r line; do
    [[ $line =~ ^([a-z_]+):(.*)$ ]] || { fail "ARCHITECTURE.md: cannot read layer line '$line'"; continue; }
    layer=${BASH_REMATCH[1]}
    deps=" ${BASH_REMATCH[2]} "
    for d in ${BASH_REMATCH[2]}; do
        [[ -n ${seen[$d]:-} ]] || fail "layer $layer may include $d, which is not listed above it"
    done
    allowed[$layer]=$deps
    seen[$layer]=1
    order+=("$layer")
done < <(awk '/^```layers/{on=1; next} /^```/{on=0} on && NF' "$doc")
((${#order[@]} > 0)) || { echo "FAIL: no \`\`\`layers block in $doc" >&2; exit 1; }

for dir in "$root"/lib/*/; do
    layer=$(basename "$dir")
    if [[ -z ${seen[$layer]:-} ]]; then
        fail "lib/$layer is not in the layers table of ARCHITECTURE.md"
        continue
    fi
    while IFS=: read -r file lineno text; do
        [[ $text =~ \#include\ \"([a-z_]+)/ ]] || continue
        dep=${BASH_REMATCH[1]}
        [[ $dep == "$layer" || ${allowed[$layer]} == *" $dep "* ]] ||
            fail "${file#"$root"/}:$lineno: $layer may not include $dep (${text})"
    done < <(grep -Hn '^#include "' "$dir"*.hpp "$dir"*.cpp 2>/dev/null || true)
    if grep -Hn '#include <CLI/' "$dir"*.hpp "$dir"*.cpp 2>/dev/null; then
        fail "lib/$layer includes CLI11; only cli/ may"
    fi
done

if ((fails > 0)); then
    echo "$fails layering problem(s); see the layers table in ARCHITECTURE.md" >&2
    exit 1
fi
echo "ok: ${#order[@]} layers, every include points down"
