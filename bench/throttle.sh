#!/usr/bin/env bash
# The throttle-bound benchmark of issue 15: imports against the emulator's TSTU budget, our
# importer (with and without --rate-share) and Microsoft's Node client (one by one, and with 8
# promises in flight) side by side, each measured by the emulator itself (bench/node/throttle-stats.js:
# the fullest window, 429s, delays, TSTUs charged per second against the budget's rate).
#
# Usage: bench/throttle.sh     (about 3 minutes)
#   THROTTLE_ROWS=4000 THROTTLE_TSTU=400 THROTTLE_WINDOW_S=4   the budget and the import
#   THROTTLE_BIG=1   also 20,000 rows against 2,000 TSTU / 20 s (about 7 more minutes)
#   BENCH_SKIP_NODE=1 (no Node peer)   MVN_OFFLINE=-o (set to "" to let Maven download)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
rows="${THROTTLE_ROWS:-4000}"
tstu="${THROTTLE_TSTU:-400}"
window_s="${THROTTLE_WINDOW_S:-4}"
latency_ms=20
work="$(mktemp -d "${TMPDIR:-/tmp}/azdo-throttle.XXXXXX")"
# shellcheck source=bench/common.sh
. "$here/common.sh"
build_cli
if [ -z "${BENCH_SKIP_NODE:-}" ]; then
  (cd "$here/node" && npm ci --no-audit --no-fund --prefer-offline >&2)
fi

echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'); machine: $(nproc) CPUs; load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"

# One create costs 1 TSTU (a request; --throttle-workitem-cost 0), so a $batch of 200 creates costs
# 200, as issue 15 measured (201 with its lookup); GETs cost 1. The pacer is told none of this.
start_emulator --latency-ms "$latency_ms" --throttle-tstu "$tstu" \
  --throttle-window-s "$window_s" --throttle-request-cost 1 --throttle-workitem-cost 0
control() { curl -sf -X "$1" -H "Authorization: Bearer emulator-admin" -H "Content-Type: application/json" \
  ${3:+--data "$3"} "$root_url/_emulator/$2" >/dev/null; }
# Forget usage and the request log between runs, so each is measured alone.
fresh() { control DELETE throttle; control DELETE requests || true; }
stats() { node "$here/node/throttle-stats.js" "$root_url"; }

import_args=(--org-url "$org_url" --pat-file "$work/pat" --project Demo --type Task
  --map Title=System.Title --map Description=System.Description --map Priority=Priority
  --map Tags=Tags --key Key --progress plain)

# One import of a fresh CSV with these extra options; prints its line for BENCHMARKS.md.
ours() {
  local name="$1" n="$2"
  shift 2
  node "$here/node/make-csv.js" "$work/$name.csv" "$n" "$name"
  fresh
  local start end out
  start="$(date +%s.%N)"
  out="$(azdo import "$work/$name.csv" "${import_args[@]}" "$@" --journal "$work/$name.journal" \
    --rejects "$work/$name.rejects.csv" 2>&1)" || { echo "$out" >&2; exit 1; }
  end="$(date +%s.%N)"
  echo "$out" | grep 'paced at' | tail -1 | sed 's/^/  last progress line: /' >&2
  echo "azdo import $n rows $*: wall $(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }') s;"\
    "$(echo "$out" | grep '^Done:' | sed 's/^Done: //')"
  echo "  emulator: $(stats)"
}

node_peer() {
  local n="$1" c="$2"
  node "$here/node/make-csv.js" "$work/node$c.csv" "$n" "node$c"
  fresh
  local out
  out="$(AZDO_ORG_URL="$org_url" AZDO_PAT="$(cat "$work/pat")" node "$here/node/create-throttled.js" \
    "$work/node$c.csv" "$c")"
  echo "node peer ($c in flight): $out"
  echo "  emulator: $(stats)"
}

echo "## throttle-bound: $rows work items, budget $tstu TSTU / $window_s s ($(awk -v t="$tstu" -v w="$window_s" 'BEGIN { print t / w }') TSTU/s), --latency-ms $latency_ms"
ours "f1" "$rows"
ours "f05" "$rows" --rate-share 0.5
if [ -z "${BENCH_SKIP_NODE:-}" ]; then
  node_peer "$rows" 1
  node_peer "$rows" 8
fi
if [ -n "${THROTTLE_BIG:-}" ]; then
  control PUT throttle '{"tstu":2000,"windowSeconds":20}'
  echo "## throttle-bound: 20000 work items, budget 2000 TSTU / 20 s"
  ours "big1" 20000
fi
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
