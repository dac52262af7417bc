#!/usr/bin/env bash
# Benchmark admin-proxy against the sqlite3 shell on the same data (issue 7).
#
#   bench/run.sh [ROWS]          ROWS users (and so ~ROWS audit rows), default 1000000
#   RUNS=3 bench/run.sh 100000   RUNS timed runs per pair (default 5), medians reported
#
# Builds the release binary, builds the stores through the CLI itself, runs each pair
# alternately RUNS times after one untimed warm-up, and prints one line per pair:
#   work | admin-proxy median s | sqlite3 median s | ratio | target
# It is a benchmark, not a test: CI does not run it.
set -euo pipefail

ROWS="${1:-${ROWS:-1000000}}"
RUNS="${RUNS:-5}"
case "$ROWS" in '' | *[!0-9]*) echo "error: ROWS must be a number, got '$ROWS'" >&2; exit 2 ;; esac
case "$RUNS" in '' | *[!0-9]* | 0) echo "error: RUNS must be a positive number, got '$RUNS'" >&2; exit 2 ;; esac
if ((ROWS < 200)); then echo "error: ROWS must be at least 200" >&2; exit 2; fi
for tool in sqlite3 sha256sum awk cargo; do
    command -v "$tool" >/dev/null || { echo "error: $tool not found" >&2; exit 1; }
done

CMDLINE="ROWS=$ROWS RUNS=$RUNS bench/run.sh${*:+ $*}"
# shellcheck source=bench/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
CSV="$WORK/users.csv"
S="$WORK/big.db"      # the big store, kept from the last timed import
ERR="$WORK/stderr"

# ---------------------------------------------------------------- timing helpers
# timeit CMD...: runs CMD, sets US (wall time in microseconds). A failing command
# prints its stderr and returns 1.
US=0
timeit() {
    local t0 t1 rc=0
    t0=$EPOCHREALTIME
    "$@" 2>"$ERR" || rc=$?
    t1=$EPOCHREALTIME
    US=$((${t1/./} - ${t0/./}))
    if ((rc != 0)); then
        log "FAILED (exit $rc): $*"
        head -n 5 "$ERR" | sed 's/^/    /' >&2
        return 1
    fi
}
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
secs() { awk -v us="$1" 'BEGIN {printf "%.4f", us/1e6}'; }

LINES=()
# report WORK AP_SAMPLES SQ_SAMPLES TARGET_RATIO  (samples: space-separated µs, or FAILED)
report() {
    local work=$1 ap=$2 sq=$3 target=$4 apm sqm ratio verdict
    if [[ $ap == FAILED* || $sq == FAILED* ]]; then
        LINES+=("$work | ${ap%% *} | ${sq%% *} | - | <= ${target}x (not measured: a command failed)")
        return
    fi
    # shellcheck disable=SC2086
    apm=$(median $ap)
    # shellcheck disable=SC2086
    sqm=$(median $sq)
    ratio=$(awk -v a="$apm" -v b="$sqm" 'BEGIN {printf "%.2f", a/b}')
    log "$work: admin-proxy µs:$ap | sqlite3 µs:$sq"
    verdict=$(awk -v r="$ratio" -v t="$target" 'BEGIN {print (r <= t) ? "met" : "MISSED"}')
    LINES+=("$work | $(secs "$apm") | $(secs "$sqm") | ${ratio}x | <= ${target}x ($verdict)")
}

# pair NAME TARGET AP_FUNC SQ_FUNC: one untimed warm-up of each, then RUNS alternating runs
# (the order flips every run).
pair() {
    local name=$1 target=$2 apf=$3 sqf=$4 i ap="" sq="" failed=""
    log "$name: warm-up, then $RUNS runs of each"
    "$apf" 2>"$ERR" || { log "FAILED warm-up: $apf"; head -n 5 "$ERR" | sed 's/^/    /' >&2; failed=1; }
    "$sqf" 2>/dev/null || true
    for ((i = 1; i <= RUNS && !failed; i++)); do
        if ((i % 2)); then
            timeit "$apf" && ap+=" $US" || failed=1
            timeit "$sqf" && sq+=" $US" || failed=2
        else
            timeit "$sqf" && sq+=" $US" || failed=2
            timeit "$apf" && ap+=" $US" || failed=1
        fi
    done
    case $failed in
        1) report "$name" FAILED "${sq:-?}" "$target" ;;
        2) report "$name" "${ap:-?}" FAILED "$target" ;;
        *) report "$name" "$ap" "$sq" "$target" ;;
    esac
}

# ---------------------------------------------------------------- data
log "generating $CSV with $ROWS users"
awk -v n="$ROWS" 'BEGIN {
    split("Smith Garcia Nguyen Müller Okafor Rossi Tanaka Dubois Kowalski Silva", last, " ")
    split("eng sales support finance paris berlin tokyo remote", grp, " ")
    print "email,name,groups,first_login_at,status,role,hr_scope"
    print "boss@big.test,Big Boss,hq,2026-01-01T00:00:00Z,active,super_admin,"
    print "hr@big.test,Hannah Reyes,hq;eng,2026-01-01T00:00:00Z,active,hr_admin,*"
    for (i = 3; i <= n; i++)
        printf "u%06d@big.test,User %06d %s,%s;%s,2026-01-01T00:00:00Z,active,user,\n", \
            i, i, last[i % 10 + 1], grp[i % 4 + 1], grp[int(i / 4) % 4 + 5]
}' >"$CSV"

new_store() { # new_store PATH: init, operator, org (untimed setup)
    rm -f "$1" "$1-wal" "$1-shm"
    "$AP" --db "$1" init >/dev/null
    "$AP" --db "$1" operator add op@vendor.test --role program-architect >/dev/null
    "$AP" --db "$1" --actor op@vendor.test org create big --name Big >/dev/null
}

# ---------------------------------------------------------------- import
# Each run imports into a fresh store (and sqlite3 into a fresh empty db); the store of the
# last admin-proxy run is kept as the big store for the other pairs.
log "import: $RUNS runs of each (fresh stores, no warm-up beyond the first CSV read)"
cat "$CSV" >/dev/null # warm the page cache with the CSV
IMP_AP="" IMP_SQ="" imp_failed=""
# With GNU time the import's peak memory is read from the same runs (the last one counts).
ap_import() {
    if [[ -x /usr/bin/time ]]; then
        /usr/bin/time -v -o "$WORK/import.time" \
            "$AP" --db "$S" --actor op@vendor.test --org big users import "$CSV" >/dev/null
    else
        "$AP" --db "$S" --actor op@vendor.test --org big users import "$CSV" >/dev/null
    fi
}
# rss_kb FILE: the peak resident set size GNU time wrote to FILE, or nothing.
rss_kb() { awk -F': ' '/Maximum resident set size/ {print $2}' "$1" 2>/dev/null || true; }
sq_import() { sqlite3 "$WORK/plain.db" '.mode csv' ".import $CSV t"; }
for ((i = 1; i <= RUNS && !imp_failed; i++)); do
    new_store "$S"
    rm -f "$WORK/plain.db"
    if ((i % 2)); then
        timeit ap_import && IMP_AP+=" $US" || imp_failed=1
        timeit sq_import && IMP_SQ+=" $US" || imp_failed=2
    else
        timeit sq_import && IMP_SQ+=" $US" || imp_failed=2
        timeit ap_import && IMP_AP+=" $US" || imp_failed=1
    fi
done
rm -f "$WORK/plain.db"
case $imp_failed in
    1) report "import $ROWS users" FAILED "${IMP_SQ:-?}" 3 ;;
    2) report "import $ROWS users" "${IMP_AP:-?}" FAILED 3 ;;
    *)
        report "import $ROWS users" "$IMP_AP" "$IMP_SQ" 3
        # Filled in once the 100k-user store is built for the export's memory, below.
        IMP_KB_BIG=$(rss_kb "$WORK/import.time")
        IMP_KB_SMALL=""
        IMP_LINE=${#LINES[@]}
        LINES+=("import peak RSS")
        ;;
esac
if [[ -n $imp_failed ]]; then
    log "import failed: cannot build the big store, stopping"
    printf '%s\n' "${LINES[@]}"
    exit 1
fi
AUDIT_ROWS=$(sqlite3 "$S" 'select count(*) from audit_log')
log "big store: $AUDIT_ROWS audit rows, $(du -h "$S" | cut -f1)"

# ---------------------------------------------------------------- export
# Both write to a file: admin-proxy refuses an export to /dev/null, which reaches no reader.
ap_export() { "$AP" --db "$S" --org big --actor op@vendor.test audit export >"$WORK/export.csv"; }
sq_export() { sqlite3 -header -csv "$S" 'select * from audit_log' >"$WORK/export.csv"; }
pair "export $AUDIT_ROWS audit rows (CSV)" 0.5 ap_export sq_export

# ---------------------------------------------------------------- peak memory of the export
# peak_kb STORE: maximum resident set size (kB) of one export, or "" on failure.
peak_kb() {
    local store=$1
    if [[ -x /usr/bin/time ]]; then
        /usr/bin/time -v -o "$WORK/time.out" \
            "$AP" --db "$store" --org big --actor op@vendor.test audit export >"$WORK/export.csv" 2>"$ERR" || return 0
        awk -F': ' '/Maximum resident set size/ {print $2}' "$WORK/time.out"
    else # fallback without GNU time: getrusage of the child
        python3 - "$AP" "$store" <<'PY' 2>"$ERR" || true
import resource, subprocess, sys
with open(sys.argv[2] + ".export.csv", "wb") as out:
    subprocess.run([sys.argv[1], "--db", sys.argv[2], "--org", "big", "--actor", "op@vendor.test",
                    "audit", "export"], stdout=out, check=True)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
PY
    fi
}
mb() { awk -v kb="$1" 'BEGIN {printf "%.1f MB", kb/1024}'; }
[[ -x /usr/bin/time ]] || log "/usr/bin/time not found (apt package 'time'); using python3 getrusage instead"
log "peak memory of the export"
KB_BIG=$(peak_kb "$S")
if ((ROWS > 100000)); then
    log "building a 100000-user store for the memory comparison"
    S100="$WORK/small.db"
    new_store "$S100"
    head -n 100001 "$CSV" >"$WORK/users100k.csv"
    if [[ -x /usr/bin/time ]]; then
        /usr/bin/time -v -o "$WORK/import100k.time" \
            "$AP" --db "$S100" --actor op@vendor.test --org big users import "$WORK/users100k.csv" >/dev/null
        IMP_KB_SMALL=$(rss_kb "$WORK/import100k.time")
    else
        "$AP" --db "$S100" --actor op@vendor.test --org big users import "$WORK/users100k.csv" >/dev/null
    fi
    KB_SMALL=$(peak_kb "$S100")
    rm -f "$S100" "$S100-wal" "$S100-shm" "$WORK/users100k.csv"
    if [[ -n $KB_BIG && -n $KB_SMALL ]]; then
        flat=$(awk -v a="$KB_BIG" -v b="$KB_SMALL" 'BEGIN {d=(a>b?a-b:b-a)/b; print (d <= 0.2) ? "flat" : sprintf("NOT flat (%+.0f%%)", (a-b)/b*100)}')
        mem_cmp="100k rows: $(mb "$KB_SMALL"), $flat"
    else
        mem_cmp="100k rows: n/a"
    fi
else
    mem_cmp="(no 100k comparison: ROWS <= 100000)"
fi
if [[ -n $KB_BIG ]]; then
    verdict=$(awk -v kb="$KB_BIG" 'BEGIN {print (kb <= 64*1024) ? "met" : "MISSED"}')
    LINES+=("export peak RSS | $(mb "$KB_BIG") | - | $mem_cmp | <= 64 MB, flat ($verdict)")
else
    LINES+=("export peak RSS | FAILED | - | - | <= 64 MB, flat (not measured)")
fi

# The import's peak memory, at ROWS users and at 100k: under 256 MB, growing far slower than
# the file.
if [[ -n $IMP_KB_BIG ]]; then
    verdict=$(awk -v kb="$IMP_KB_BIG" 'BEGIN {print (kb <= 256*1024) ? "met" : "MISSED"}')
    small="(no 100k comparison: ROWS <= 100000)"
    [[ -n $IMP_KB_SMALL ]] && small="100k users: $(mb "$IMP_KB_SMALL")"
    LINES[IMP_LINE]="import peak RSS | $(mb "$IMP_KB_BIG") | - | $small | <= 256 MB ($verdict)"
else
    LINES[IMP_LINE]="import peak RSS | not measured (needs /usr/bin/time) | - | - | <= 256 MB"
fi

# ---------------------------------------------------------------- start + stop
sqlite3 "$S" 'create table if not exists bench_t(x)'
ap_startstop() {
    "$AP" --db "$S" --actor boss@big.test --org big --yes start u000123@big.test >/dev/null &&
        "$AP" --db "$S" --actor boss@big.test --org big stop >/dev/null
}
sq_startstop() {
    sqlite3 "$S" 'insert into bench_t values(1)' && sqlite3 "$S" 'insert into bench_t values(1)'
}
pair "start + stop (2 processes)" 1.5 ap_startstop sq_startstop

# ---------------------------------------------------------------- list users --search
ap_list() { "$AP" --db "$S" --actor boss@big.test --org big list users --search 'user 0001' --limit 20 >/dev/null; }
sq_list() {
    sqlite3 "$S" "select email,name,role,groups from users where org_id=1 and (name like '%user 0001%' or email like '%user 0001%') order by name limit 20" >/dev/null
}
pair "list users --search (early match) --limit 20" 0.2 ap_list sq_list

# Needles met only at the end of name order (the last name of all), or nowhere: a walk in
# name order would read the whole org; the trigram index finds them at once.
LATE=$(tail -n +2 "$CSV" | cut -d, -f2 | sort | tail -n 1 | tr '[:upper:]' '[:lower:]')
NONE='zz nobody'
ap_search() { "$AP" --db "$S" --actor boss@big.test --org big list users --search "$1" --limit 20 >/dev/null; }
sq_search() {
    sqlite3 "$S" "select email,name,role,groups from users where org_id=1 and (name like '%$1%' or email like '%$1%') order by name limit 20" >/dev/null
}
ap_late() { ap_search "$LATE"; }
sq_late() { sq_search "$LATE"; }
ap_none() { ap_search "$NONE"; }
sq_none() { sq_search "$NONE"; }
pair "list users --search (late match: $LATE) --limit 20" 0.2 ap_late sq_late
pair "list users --search (no match) --limit 20" 0.2 ap_none sq_none

# ---------------------------------------------------------------- audit verify
sqlite3 -header -csv "$S" 'select * from audit_log' >"$WORK/audit.csv"
ap_verify() { "$AP" --db "$S" --actor op@vendor.test --org big audit verify >/dev/null; }
sq_verify() { sha256sum "$WORK/audit.csv" >/dev/null; }
pair "audit verify vs sha256sum of CSV" 1.5 ap_verify sq_verify

# ---------------------------------------------------------------- report
cpu=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)
echo
echo "admin-proxy benchmark against sqlite3 $(sqlite3 --version | cut -d' ' -f1)"
echo "command: $CMDLINE"
echo "machine: $(nproc) CPUs, ${cpu:-unknown CPU}, $(awk '/MemTotal/ {printf "%.0f GB RAM", $2/1048576}' /proc/meminfo), load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "binary built from: $BUILT_FROM"
echo "store: $ROWS users, $AUDIT_ROWS audit rows before the timed pairs; medians of $RUNS runs, wall time"
echo
echo "work | admin-proxy median s | sqlite3 median s | ratio | target"
printf '%s\n' "${LINES[@]}"
