# shellcheck shell=bash disable=SC2034  # the variables are for the sourcing scripts
# Helpers shared by the benchmark scripts in bench/ (sourced, not run): the
# binary to measure, the temporary directory, the timer (hyperfine or a plain
# loop), peak memory and the formatting of the result tables.
#
# The sourcing script sets ROOT (the source tree) first.  Knobs read here:
#   HOSTINGCTL            binary to measure (when the script has no argument)
#   BENCH_RUNS_SCALE=F    multiply every run count by F (default 1)
#   BENCH_NO_HYPERFINE=1  time with the plain loop even if hyperfine exists
#   BENCH_KEEP=1          keep the temporary directory and print where it is

BENCH_NAME=bench/$(basename "$0")
SCALE=${BENCH_RUNS_SCALE:-1}

say() { printf '%s\n' "$*" >&2; }
die() { printf '%s: %s\n' "$BENCH_NAME" "$*" >&2; exit 1; }

# bench_setup [BINARY]
# Sets TMP (removed at exit unless BENCH_KEEP=1), BIN (absolute path; built
# into build-bench/ when neither BINARY nor $HOSTINGCTL is given), SOURCE
# (git describe of what was built, else empty) and STORE ($TMP/store, also
# exported as HOSTINGCTL_STORE).
bench_setup() {
    TMP=$(mktemp -d "${TMPDIR:-/tmp}/hostingctl-bench.XXXXXX")
    if [[ ${BENCH_KEEP:-0} == 1 ]]; then
        trap 'say "kept the store in $TMP/store"' EXIT
    else
        trap 'rm -rf "$TMP"' EXIT
    fi

    BIN=${1:-${HOSTINGCTL:-}}
    SOURCE=
    if [[ -z $BIN ]]; then
        say "building a Release binary in $ROOT/build-bench ..."
        (cd "$ROOT" &&
            cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DHOSTINGCTL_BUILD_TESTS=OFF &&
            cmake --build build-bench -j2) >"$TMP/build.log" 2>&1 ||
            { tail -n 40 "$TMP/build.log" >&2; die "the build failed"; }
        BIN=$ROOT/build-bench/cli/hostingctl
        SOURCE=$(git -C "$ROOT" describe --always --dirty 2>/dev/null || true)
    fi
    [[ -x $BIN ]] || die "$BIN is not an executable"
    BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")

    STORE=$TMP/store
    export HOSTINGCTL_STORE=$STORE LC_ALL=C
    unset XDG_DATA_HOME NO_COLOR   # the default path: colour decided by isatty
}

hc() { "$BIN" "$@"; }

# --- timing ---------------------------------------------------------------------

HYPERFINE=
if [[ ${BENCH_NO_HYPERFINE:-0} != 1 ]] && command -v hyperfine >/dev/null; then
    HYPERFINE=$(command -v hyperfine)
fi
TIMER="plain loop (\$EPOCHREALTIME / date +%s%N)"
if [[ -n $HYPERFINE ]]; then TIMER="$($HYPERFINE --version)"; fi

runs() { awk -v r="$1" -v s="$SCALE" 'BEGIN {r = int(r * s + 0.5); print r < 3 ? 3 : r}'; }

now_ns() {
    if [[ -n ${EPOCHREALTIME:-} ]]; then
        local t=${EPOCHREALTIME/[.,]/}
        echo "${t}000"
    else
        date +%s%N
    fi
}

declare -A MEAN SD MIN CPU
# measure KEY RUNS WARMUP PREPARE(-|script) COMMAND...
# Sets MEAN, SD, MIN (wall clock) and CPU (user + system) in milliseconds.
measure() {
    local key=$1 n warm=$3 prep=$4
    n=$(runs "$2")
    shift 4
    say "  $key ($n runs)"
    if [[ -n $HYPERFINE ]]; then
        local cmd="" a args=(-N --style none --runs "$n" --warmup "$warm" --export-csv "$TMP/hf.csv")
        for a in "$@"; do cmd+="$(printf '%q' "$a") "; done
        [[ $prep != - ]] && args+=(--prepare "$prep")
        "$HYPERFINE" "${args[@]}" "$cmd" >/dev/null 2>"$TMP/hf.err" ||
            { cat "$TMP/hf.err" >&2; die "hyperfine failed on: $cmd"; }
        # command,mean,stddev,median,user,system,min,max (seconds).  The command
        # may hold commas (it is quoted then), so the columns count from the end.
        read -r MEAN[$key] SD[$key] MIN[$key] CPU[$key] < <(awk -F, '
            NR == 1 {for (i = 1; i <= NF; i++) end[$i] = NF - i}
            NR == 2 {printf "%.3f %.3f %.3f %.3f\n", $(NF - end["mean"]) * 1000, $(NF - end["stddev"]) * 1000,
                     $(NF - end["min"]) * 1000, ($(NF - end["user"]) + $(NF - end["system"])) * 1000}' "$TMP/hf.csv")
    else
        local i t0 t1 all=() TIMEFORMAT='%3U %3S'
        for ((i = 0; i < warm; i++)); do
            [[ $prep != - ]] && "$prep"
            "$@" >/dev/null 2>&1
        done
        : >"$TMP/cpu"
        for ((i = 0; i < n; i++)); do
            [[ $prep != - ]] && "$prep"
            t0=$(now_ns)
            { time "$@" >/dev/null 2>&1; } 2>>"$TMP/cpu"
            t1=$(now_ns)
            all+=($((t1 - t0)))
        done
        read -r MEAN[$key] SD[$key] MIN[$key] < <(printf '%s\n' "${all[@]}" | awk '
            {x = $1 / 1e6; s += x; ss += x * x; if (NR == 1 || x < m) m = x}
            END {mu = s / NR; v = NR > 1 ? (ss - NR * mu * mu) / (NR - 1) : 0
                 printf "%.3f %.3f %.3f\n", mu, (v > 0 ? sqrt(v) : 0), m}')
        CPU[$key]=$(awk '{s += $1 + $2} END {printf "%.3f", s * 1000 / NR}' "$TMP/cpu")
    fi
}

loadavg() { cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo n/a; }

# --- peak memory ------------------------------------------------------------------

HAVE_TIME_V=0
if [[ -x /usr/bin/time ]] && /usr/bin/time -v true >/dev/null 2>&1; then HAVE_TIME_V=1; fi

# rss COMMAND...: the maximum resident set size of one run ("21.4 MiB"),
# or "n/a" without GNU time.
rss() {
    if [[ $HAVE_TIME_V != 1 ]]; then
        echo n/a
        return
    fi
    /usr/bin/time -v -o "$TMP/time.out" "$@" >/dev/null 2>&1 || true
    awk -F': ' '/Maximum resident set size/ {printf "%.1f MiB", $2 / 1024}' "$TMP/time.out"
}

# --- instruction counts -----------------------------------------------------------

# Instruction counts do not depend on the load of the machine.  Knob:
#   BENCH_CALLGRIND=0     skip them (valgrind)
HAVE_CALLGRIND=0
if [[ ${BENCH_CALLGRIND:-1} == 1 ]] && command -v valgrind >/dev/null; then HAVE_CALLGRIND=1; fi

declare -A IR
# instructions KEY COMMAND...: the instructions one run executes, into IR[KEY].
instructions() {
    local key=$1
    shift
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" >/dev/null 2>"$TMP/vg.err"
    IR[$key]=$(sed -n 's/.*I *refs: *//p' "$TMP/vg.err" | tr -d ,)
}

# --- the result table -------------------------------------------------------------

ms() { awk -v x="$1" 'BEGIN {printf(x >= 100 ? "%.0f" : x >= 10 ? "%.1f" : "%.2f", x)}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf(a / b >= 10 ? "%.0fx" : "%.2fx", a / b)}'; }
verdict() { awk -v x="$1" -v t="$2" 'BEGIN {print (x < t ? "met" : "MISSED")}'; }

ROW_WIDTH=38
# The table of results: one row per command, its baseline beside it.  An
# extra column (e.g. the peak memory) is added when given.
row_header() {   # [extra column heading]
    local line
    line=$(printf "%-${ROW_WIDTH}s %11s %7s %11s  %-25s %11s %11s %7s  %-20s %s" "command" \
        "wall mean" "stddev" "cpu" "baseline" "wall mean" "cpu" "ratio" "target (wall)" "${1:-}")
    printf '%s\n' "${line%"${line##*[! ]}"}"
}
row() {   # name key base-name base-key [target-ms|-] [extra column]
    local target=${5:--} line
    line=$(printf "%-${ROW_WIDTH}s %8s ms %7s %8s ms  %-25s %8s ms %8s ms %7s  %-20s %s" "$1" \
        "$(ms "${MEAN[$2]}")" "±$(ms "${SD[$2]}")" "$(ms "${CPU[$2]}")" "$3" "$(ms "${MEAN[$4]}")" \
        "$(ms "${CPU[$4]}")" "$(ratio "${MEAN[$2]}" "${MEAN[$4]}")" \
        "$([[ $target == - ]] && echo - || echo "< $target ms: $(verdict "${MEAN[$2]}" "$target")")" \
        "${6:-}")
    printf '%s\n' "${line%"${line##*[! ]}"}"
}
