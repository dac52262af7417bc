# What every benchmark starts with; sourced by the scripts beside it, never run alone.
# Sets ROOT (the checkout), AP (the release binary, built now), BUILT_FROM (its commit) and
# WORK (a temporary folder, removed on exit unless the script sets its own EXIT trap after),
# and gives log MESSAGE (to stderr, timed). The real clock and no defaults from the caller.
# shellcheck shell=bash
export LC_ALL=C
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
unset ADMIN_PROXY_NOW ADMIN_PROXY_DB ADMIN_PROXY_ORG ADMIN_PROXY_ACTOR

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

log "cargo build --release"
(cd "$ROOT" && cargo build --release --quiet)
AP="$ROOT/target/release/admin-proxy"
# Which source the binary was built from (other work may be in progress in the tree).
BUILT_FROM="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
git -C "$ROOT" diff --quiet HEAD -- src 2>/dev/null || BUILT_FROM+=" + uncommitted changes in src/"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/admin-proxy-bench.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
