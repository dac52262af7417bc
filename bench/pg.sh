#!/usr/bin/env bash
# PostgreSQL beside SQLite, in one run (issue 13):
#   1. 16 writer processes (start + stop in a loop), on 16 orgs and on one org, for each
#      store: rows/s, then `audit verify` (it must pass) and a check that seq has no gap.
#   2. `users import` of ROWS users into PostgreSQL against `psql \copy` of the same file.
#
#   bench/pg.sh                 CYCLES=50 start/stop cycles per writer, ROWS=100000
#   CYCLES=20 ROWS=20000 bench/pg.sh
#   PG_URL=postgres://... bench/pg.sh   use a server you have (a database is created in it)
#
# Without PG_URL it starts a throwaway PostgreSQL cluster (Debian's pg_createcluster, as
# root) and drops it on exit. A benchmark, not a test: CI does not run it.
set -euo pipefail
CYCLES="${CYCLES:-50}"
ROWS="${ROWS:-100000}"
WRITERS=16
# shellcheck source=bench/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
CLUSTER=""
cleanup() {
    [[ -n $CLUSTER ]] && pg_dropcluster --stop "$PGVER" "$CLUSTER" >/dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap cleanup EXIT

if [[ -z ${PG_URL:-} ]]; then
    PGVER=$(ls /usr/lib/postgresql | sort -n | tail -n 1)
    PORT=$((20000 + RANDOM % 20000))
    CLUSTER="bench_$$"
    pg_createcluster "$PGVER" "$CLUSTER" --port "$PORT" -- --auth-local=trust --no-sync >/dev/null
    for _ in 1 2 3 4 5; do
        pg_ctlcluster --skip-systemctl-redirect "$PGVER" "$CLUSTER" start && break
        sleep 1
    done
    PG_URL="postgres://postgres@%2Fvar%2Frun%2Fpostgresql:$PORT/postgres"
fi
psql_() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }
conninfo() { # a libpq conninfo for database $1 on the server of PG_URL
    local host port user
    host=$(sed -E 's|^[a-z]+://([^@]*@)?([^:/]*).*|\2|; s|%2F|/|g' <<<"$PG_URL")
    port=$(sed -nE 's|^[a-z]+://[^/]*:([0-9]+)/.*|\1|p' <<<"$PG_URL")
    user=$(sed -nE 's|^[a-z]+://([^:@]+)[:@].*|\1|p' <<<"$PG_URL")
    echo "host=$host ${port:+port=$port} ${user:+user=$user} dbname=$1"
}
new_pg() { # a fresh database: prints its URL
    psql_ "$(conninfo postgres)" -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1" 2>/dev/null
    sed -E "s|/[^/?]*(\?.*)?$|/$1\1|" <<<"$PG_URL"
}

# ---------------------------------------------------------------- writers
# setup STORE ORGS: an operator, ORGS orgs, WRITERS super admins spread over them, each
# with a user of their own to impersonate.
setup() {
    local db=$1 orgs=$2 i org
    "$AP" --db "$db" init >/dev/null
    "$AP" --db "$db" operator add op@vendor.test --role program-architect >/dev/null
    for ((i = 0; i < orgs; i++)); do
        "$AP" --db "$db" --actor op@vendor.test org create "o$i" --name "Org $i" >/dev/null
    done
    for ((i = 0; i < WRITERS; i++)); do
        org="o$((i % orgs))"
        printf 'email,name,first_login_at,role\na%s@x.test,Admin %s,2026-01-01T00:00:00Z,super_admin\nu%s@x.test,User %s,2026-01-01T00:00:00Z,user\n' \
            "$i" "$i" "$i" "$i" >"$WORK/w$i.csv"
        "$AP" --db "$db" --actor op@vendor.test --org "$org" users import "$WORK/w$i.csv" >/dev/null
    done
}
writer() { # writer STORE ORGS I: CYCLES start/stop cycles
    local db=$1 orgs=$2 i=$3 c org
    org="o$((i % orgs))"
    for ((c = 0; c < CYCLES; c++)); do
        "$AP" --db "$db" --org "$org" --actor "a$i@x.test" --yes start "u$i@x.test" >/dev/null
        "$AP" --db "$db" --org "$org" --actor "a$i@x.test" stop >/dev/null
    done
}
run_writers() { # run_writers LABEL STORE ORGS
    local label=$1 db=$2 orgs=$3 i t0 t1 us rows pids=()
    setup "$db" "$orgs"
    t0=$EPOCHREALTIME
    for ((i = 0; i < WRITERS; i++)); do writer "$db" "$orgs" "$i" & pids+=($!); done
    for p in "${pids[@]}"; do wait "$p"; done
    t1=$EPOCHREALTIME
    us=$((${t1/./} - ${t0/./}))
    rows=$((WRITERS * CYCLES * 2))
    local v0 v1 verify
    v0=$EPOCHREALTIME
    verify=$("$AP" --db "$db" --actor op@vendor.test --format json audit verify)
    v1=$EPOCHREALTIME
    local ok total last
    ok=$(grep -c '"ok": true' <<<"$verify" || true)
    total=$(grep -o '"rows": [0-9]*' <<<"$verify" | tail -n 1 | grep -o '[0-9]*$')
    last=$(grep -o '"head_seq": [0-9]*' <<<"$verify" | grep -o '[0-9]*$' | sort -n | tail -n 1)
    printf '| %s | %d | %.2f s | %.0f rows/s | %s | %s |\n' "$label" "$rows" \
        "$(awk -v u="$us" 'BEGIN {print u/1e6}')" "$(awk -v u="$us" -v r="$rows" 'BEGIN {print r/(u/1e6)}')" \
        "$([[ $ok == 1 ]] && echo "ok, $(awk -v a="$v0" -v b="$v1" 'BEGIN {printf "%.2f s", b-a}')" || echo FAILED)" \
        "$([[ $total == "$last" ]] && echo "gap-free ($total)" || echo "GAPS: $total rows, last seq $last")"
}

echo "admin-proxy $(git -C "$ROOT" rev-parse --short HEAD), $WRITERS writers x $CYCLES start/stop cycles"
echo
echo "| store, orgs | audit rows written | wall | rate | audit verify | seq |"
echo "| --- | --- | --- | --- | --- | --- |"
run_writers "SQLite, 16 orgs" "$WORK/w16.db" 16
run_writers "SQLite, 1 org" "$WORK/w1.db" 1
run_writers "PostgreSQL, 16 orgs" "$(new_pg bench_w16)" 16
run_writers "PostgreSQL, 1 org" "$(new_pg bench_w1)" 1

# ---------------------------------------------------------------- import against \copy
log "import of $ROWS users"
CSV="$WORK/users.csv"
{
    echo "email,name,groups,first_login_at,status,role,hr_scope"
    echo "boss@big.test,Boss,Leadership,2026-01-01T00:00:00Z,active,super_admin,"
    for ((i = 2; i <= ROWS; i++)); do
        printf 'u%06d@big.test,User %06d Smith,Team%d;Site%d,2026-01-01T00:00:00Z,active,user,\n' "$i" "$i" $((i % 50)) $((i % 7))
    done
} >"$CSV"
DB=$(new_pg bench_import)
"$AP" --db "$DB" init >/dev/null
"$AP" --db "$DB" operator add op@vendor.test --role program-architect >/dev/null
"$AP" --db "$DB" --actor op@vendor.test org create big --name Big >/dev/null
t0=$EPOCHREALTIME
"$AP" --db "$DB" --actor op@vendor.test --org big users import "$CSV" >/dev/null
t1=$EPOCHREALTIME
ap_us=$((${t1/./} - ${t0/./}))
psql_ "$(conninfo bench_import)" -c "CREATE TABLE raw (email text, name text, groups text, first_login_at text, status text, role text, hr_scope text)"
t0=$EPOCHREALTIME
psql_ "$(conninfo bench_import)" -c "\\copy raw FROM '$CSV' WITH (FORMAT csv, HEADER true)"
t1=$EPOCHREALTIME
pq_us=$((${t1/./} - ${t0/./}))
echo
echo "| work | admin-proxy | psql | ratio |"
echo "| --- | --- | --- | --- |"
printf '| users import of %d users vs \\copy into a bare table | %.2f s | %.2f s | %.1fx |\n' "$ROWS" \
    "$(awk -v u="$ap_us" 'BEGIN {print u/1e6}')" "$(awk -v u="$pq_us" 'BEGIN {print u/1e6}')" \
    "$(awk -v a="$ap_us" -v b="$pq_us" 'BEGIN {print a/b}')"
