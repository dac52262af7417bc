#!/usr/bin/env bash
# The access review against an export of the same period (SPEC §6).
#
#   bench/review.sh [ROWS]          ROWS users (and so ~ROWS audit rows), default 200000
#   RUNS=3 bench/review.sh 50000    RUNS timed runs per pair (default 5), medians reported
#
# Builds the release binary and a store through the CLI: ROWS users imported (one audit row
# each), then SESSIONS start/stop pairs by a few admins. Then times, alternately, over the
# same period:
#   review  `audit review --since D --until E`              (one pass, a few lines out)
#   export  `audit export --since D --until E > FILE`  (every row out, as CSV)
# and the peak memory of each (/usr/bin/time -v, when present). It is a benchmark, not a
# test: CI does not run it. Each export adds one audit.exported row; that does not matter.
set -euo pipefail

ROWS="${1:-${ROWS:-200000}}"
RUNS="${RUNS:-5}"
SESSIONS="${SESSIONS:-50}"
case "$ROWS$RUNS$SESSIONS" in *[!0-9]*) echo "error: ROWS, RUNS and SESSIONS are numbers" >&2; exit 2 ;; esac

# shellcheck source=bench/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
export ADMIN_PROXY_DB="$WORK/s.db"
SINCE="$(date -u +%F)"
UNTIL="$(date -u -d tomorrow +%F)"

log "building a store of $ROWS users and $SESSIONS sessions"
{
    echo "email,name,groups,first_login_at,role,hr_scope"
    echo "boss@big.test,Boss,Leadership,2026-01-01T00:00:00Z,super_admin,"
    echo "hr@big.test,Hr,HR,2026-01-01T00:00:00Z,hr_admin,*"
    awk -v n="$ROWS" 'BEGIN { for (i = 3; i <= n; i++)
        printf "u%06d@big.test,User %06d,G%d;H%d,2026-01-01T00:00:00Z,user,\n", i, i, i % 50, i % 7 }'
} >"$WORK/users.csv"
"$AP" operator add pa@vendor.test --role program-architect >/dev/null
"$AP" --actor pa@vendor.test org create big --name Big >/dev/null
"$AP" --actor pa@vendor.test --org big users import "$WORK/users.csv" >/dev/null
for i in $(seq 1 "$SESSIONS"); do
    who=boss@big.test; ((i % 2)) && who=hr@big.test
    "$AP" --actor "$who" --org big --yes start "$(printf 'u%06d@big.test' $((i % (ROWS - 2) + 3)))" >/dev/null
    "$AP" --actor "$who" --org big stop >/dev/null
done

run_review() { "$AP" --actor pa@vendor.test --org big audit review --since "$SINCE" --until "$UNTIL" >"$WORK/review.txt"; }
run_export() { "$AP" --actor pa@vendor.test --org big audit export --since "$SINCE" --until "$UNTIL" >"$WORK/export.csv"; }

US=0
timeit() { local t0=$EPOCHREALTIME; "$@"; local t1=$EPOCHREALTIME; US=$((${t1/./} - ${t0/./})); }
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
secs() { awk -v us="$1" 'BEGIN {printf "%.4f", us/1e6}'; }
peak() {
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -v "$@" 2>&1 >"$WORK/peak.out" | awk -F': ' '/Maximum resident/ {printf "%.1f MB", $2/1024}'
    else
        echo "n/a"
    fi
}

run_review; run_export
review=(); export_=()
for i in $(seq 1 "$RUNS"); do
    if ((i % 2)); then timeit run_review; review+=("$US"); timeit run_export; export_+=("$US")
    else timeit run_export; export_+=("$US"); timeit run_review; review+=("$US"); fi
    log "run $i: review $(secs "${review[-1]}") s, export $(secs "${export_[-1]}") s"
done
r=$(median "${review[@]}"); e=$(median "${export_[@]}")
echo "rows: $("$AP" --actor pa@vendor.test --org big --format json audit verify | awk -F'"rows": ' '/"rows"/ {print $2+0; exit}') in the store; period $SINCE to $UNTIL"
echo "review | $(secs "$r") s | peak $(peak "$AP" --actor pa@vendor.test --org big audit review --since "$SINCE" --until "$UNTIL")"
echo "export | $(secs "$e") s | peak $(peak "$AP" --actor pa@vendor.test --org big audit export --since "$SINCE" --until "$UNTIL")"
awk -v r="$r" -v e="$e" 'BEGIN {printf "review / export: %.2f\n", r/e}'
