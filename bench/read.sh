#!/usr/bin/env bash
# The read benchmark of issue 12: azdo export of 19,999 items of 10 fields at 20 ms latency vs the
# usual Node script (WIQL, then getWorkItems in sequential chunks of 200), side by side against one
# emulator; then the export's peak memory from 20,000 to 100,000 items. Prints BENCHMARKS.md's figures.
# Usage: bench/read.sh   (READ_COUNT=19999 READ_WARMUP=20 READ_ROUNDS=3 READ_MEM_COUNTS="20000 100000"
#   MVN_OFFLINE=-o)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
count="${READ_COUNT:-19999}"
mem_counts="${READ_MEM_COUNTS:-20000 100000}"
concurrency="${READ_CONCURRENCY:-8}"
work="$(mktemp -d "${TMPDIR:-/tmp}/azdo-read-bench.XXXXXX")"
# shellcheck source=bench/common.sh
. "$here/common.sh"
build_cli
javac -d "$work/classes" -cp "$jar" "$here"/java/dev/azdo/bench/SeededEmulator.java
(cd "$here/node" && npm ci --no-audit --no-fund --prefer-offline >&2)
printf 'emulator-pat\n' > "$work/pat"
start_emulator() { start_seeded_emulator "$@"; }
stop_emulator() { stop_seeded_emulator; }

echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'); load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "machine: $(nproc) CPUs, $(free -g | awk '/Mem:/ { print $2 }') GB RAM; java: $(java -version 2>&1 | head -1); node: $(node --version)"

start_emulator "$count"
export_once() { # $1: output file; prints the process seconds
  local t0 t1
  t0=$(date +%s.%N)
  AZDO_JAR="$jar" "$root/azdo" export --org-url "$url" --pat-file "$work/pat" --project Demo \
    --out "$1" --progress none --concurrency "$concurrency" > "$work/export.txt"
  t1=$(date +%s.%N)
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }'
}
# Untimed exports first: the emulator's JIT warms up on the same reads both readers make, so
# neither pays for it. One was not enough: the emulator's C2 was still compiling through the first
# rounds (export itself 1.3-1.5 s after one warm-up, 0.9-1.0 s after a dozen), on the two cores our
# export shares with it, while the Node peer, latency-bound, hardly noticed. Five still left the
# export at 1.05-1.19 s where twenty gave 0.75-0.82 s, with the same jar (2026-12-05).
for w in $(seq 1 "${READ_WARMUP:-20}"); do
  log "warm-up export $w (not timed) ..."
  export_once "$work/warm.csv" > /dev/null
done
echo "read speed, $count items of 10 fields, 20 ms latency, --concurrency $concurrency, emulator warmed up:"
for round in $(seq 1 "${READ_ROUNDS:-3}"); do
  log "round $round: export of $count items at 20 ms latency ..."
  ours=$(export_once "$work/out.csv")
  ours_items=$(($(wc -l < "$work/out.csv") - 1))
  phase=$(grep -o 'in [0-9.]* s' "$work/export.txt" | head -1 | tr -dc '0-9.')
  log "round $round: node peer ..."
  read -r node_items node_s < <(node "$here/node/wiql-then-get.js" "$url" emulator-pat Demo "$count")
  echo "  round $round (load average $(cut -d' ' -f1-3 /proc/loadavg)):"
  echo "    azdo export (process wall, JVM start included): $ours_items items in $ours s; $(cat "$work/export.txt")"
  echo "    node WIQL + getWorkItems by 200 in sequence:   $node_items items in $node_s s"
  echo "    ratio: $(awk -v a="$node_s" -v b="$ours" 'BEGIN { printf "%.1f", a / b }')x whole process,"\
    "$(awk -v a="$node_s" -v b="$phase" 'BEGIN { printf "%.1f", a / b }')x the export itself ($phase s)"
done
stop_emulator

echo "memory (azdo export, AZDO_JAVA_OPTS=-Xmx256m, peak RSS from GNU time):"
for n in $mem_counts; do
  start_emulator "$n"
  AZDO_JAR="$jar" AZDO_JAVA_OPTS="-Xmx256m -Xlog:gc:file=$work/gc-$n.log" /usr/bin/time -v \
    "$root/azdo" export --org-url "$url" --pat-file "$work/pat" --project Demo \
    --out "$work/mem-$n.ndjson" --progress none > "$work/mem-$n.txt" 2> "$work/time-$n.txt" || true
  stop_emulator
  rss=$(awk -F: '/Maximum resident/ { gsub(/ /, "", $2); print $2 }' "$work/time-$n.txt")
  heap=$(grep -o '[0-9]*M->[0-9]*M' "$work/gc-$n.log" | tail -1 || true)
  echo "  $n items: $(wc -l < "$work/mem-$n.ndjson") lines, peak RSS ${rss} kB, last GC $heap; $(cat "$work/mem-$n.txt")"
done
rm -rf "$work"
