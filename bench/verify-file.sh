#!/usr/bin/env bash
# Peak memory of `audit verify --file` on a large export (issue: evidence without the store).
#
#   bench/verify-file.sh [ROWS]     ROWS users (and so ~ROWS audit rows), default 1000000
#
# Builds the release binary, builds a store through the CLI, exports it as CSV and as JSON
# lines, and measures the peak resident set size and wall time of `audit verify --file` (and
# of `--against` the same file) on each, at ROWS and at ROWS/10: a reader in constant memory
# has the same peak at both. Prints one line per measurement:
#   work | rows | peak RSS | wall s | target
# It is a benchmark, not a test: CI does not run it.
set -euo pipefail

ROWS="${1:-${ROWS:-1000000}}"
case "$ROWS" in '' | *[!0-9]*) echo "error: ROWS must be a number, got '$ROWS'" >&2; exit 2 ;; esac
if ((ROWS < 2000)); then echo "error: ROWS must be at least 2000" >&2; exit 2; fi
for tool in awk cargo; do
    command -v "$tool" >/dev/null || { echo "error: $tool not found" >&2; exit 1; }
done

# shellcheck source=bench/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
ERR="$WORK/stderr"
[[ -x /usr/bin/time ]] || log "/usr/bin/time not found (apt package 'time'); using python3 getrusage instead"

# users N FILE: a users CSV of N users, as bench/run.sh makes it.
users() {
    awk -v n="$1" 'BEGIN {
        print "email,name,groups,first_login_at,status,role,hr_scope"
        print "boss@big.test,Big Boss,hq,2026-01-01T00:00:00Z,active,super_admin,"
        for (i = 2; i <= n; i++)
            printf "u%07d@big.test,User %07d =\x27odd\x27 \"name\",eng;paris,2026-01-01T00:00:00Z,active,user,\n", i, i
    }' >"$2"
}

# store N: a store of N users in $WORK/N.db, exported to $WORK/N.csv and $WORK/N.jsonl.
store() {
    local n=$1 db="$WORK/$1.db"
    users "$n" "$WORK/users.csv"
    "$AP" --db "$db" init >/dev/null
    "$AP" --db "$db" operator add op@vendor.test --role program-architect >/dev/null
    "$AP" --db "$db" --actor op@vendor.test org create big --name Big >/dev/null
    "$AP" --db "$db" --actor op@vendor.test --org big users import "$WORK/users.csv" >/dev/null
    "$AP" --db "$db" --actor op@vendor.test --org big audit export --output "$WORK/$n.csv"
    "$AP" --db "$db" --actor op@vendor.test --org big --format jsonl audit export --output "$WORK/$n.jsonl"
    rm -f "$db" "$db-wal" "$db-shm" "$WORK/users.csv"
}

# measure ARGS...: "peak_kB seconds" of one run of the binary with ARGS, or "" on failure.
measure() {
    local t0 t1 kb
    t0=$EPOCHREALTIME
    if [[ -x /usr/bin/time ]]; then
        /usr/bin/time -v -o "$WORK/time.out" "$AP" "$@" >/dev/null 2>"$ERR" || { head -n 3 "$ERR" >&2; return 0; }
        kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$WORK/time.out")
    else
        kb=$(python3 - "$AP" "$@" <<'PY' 2>"$ERR"
import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
PY
        ) || { head -n 3 "$ERR" >&2; return 0; }
    fi
    t1=$EPOCHREALTIME
    echo "$kb $(awk -v a="${t0/./}" -v b="${t1/./}" 'BEGIN {printf "%.2f", (b-a)/1e6}')"
}
mb() { awk -v kb="$1" 'BEGIN {printf "%.1f MB", kb/1024}'; }

SMALL=$((ROWS / 10))
log "building stores of $SMALL and $ROWS users and their exports"
store "$SMALL"
store "$ROWS"
log "export sizes: $(du -h "$WORK/$ROWS.csv" | cut -f1) CSV, $(du -h "$WORK/$ROWS.jsonl" | cut -f1) JSON lines"

LINES=()
for format in csv jsonl; do
    for work in file against; do
        peaks=()
        for n in "$SMALL" "$ROWS"; do
            f="$WORK/$n.$format"
            args=(audit verify --file "$f")
            [[ $work == against ]] && args+=(--against "$f")
            log "verify --$work $format, $n rows"
            read -r kb secs <<<"$(measure "${args[@]}")" || true
            if [[ -z ${kb:-} ]]; then
                LINES+=("verify --$work ($format) | $n | FAILED | - | <= 64 MB, flat")
                continue
            fi
            peaks+=("$kb")
            LINES+=("verify --$work ($format) | $n | $(mb "$kb") | $secs | <= 64 MB, flat")
        done
        if ((${#peaks[@]} == 2)); then
            LINES+=("  flat? | $SMALL -> $ROWS | $(awk -v a="${peaks[1]}" -v b="${peaks[0]}" 'BEGIN {printf "%+.0f%%", (a-b)/b*100}') | - | within 20%")
        fi
    done
done

cpu=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)
echo
echo "admin-proxy: peak memory of audit verify --file"
echo "command: ROWS=$ROWS bench/verify-file.sh"
echo "machine: $(nproc) CPUs, ${cpu:-unknown CPU}, $(awk '/MemTotal/ {printf "%.0f GB RAM", $2/1048576}' /proc/meminfo)"
echo "binary built from: $BUILT_FROM"
echo
echo "work | rows | peak RSS | wall s | target"
printf '%s\n' "${LINES[@]}"
