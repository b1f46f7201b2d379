#!/usr/bin/env bash
# Start-up: how long `./azdo emulator` takes from the JVM's start to its URL line, and
# `./azdo --version` end to end, an `azdo export` and an `azdo sql` statement against an emulator,
# each STARTUP_REPEAT (5) times after the class-data-sharing archives are made. Prints the figures for BENCHMARKS.md on stdout, progress on stderr.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/azdo-bench-startup.XXXXXX")"
source "$root/bench/common.sh"
repeat="${STARTUP_REPEAT:-5}"
build_cli
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq "$repeat"); do
  start=$(date +%s%N)
  azdo --version >/dev/null
  end=$(date +%s%N)
  echo "azdo --version, round $i: $(( (end - start) / 1000000 )) ms"
done
for i in $(seq "$repeat"); do
  start=$(date +%s%N)
  AZDO_JAR="$jar" "$root/azdo" emulator --port 0 --org bench >"$work/out.$i" 2>/dev/null &
  pid=$!
  until grep -q "listening on" "$work/out.$i" 2>/dev/null; do
    kill -0 "$pid" 2>/dev/null || { echo "bench: the emulator exited" >&2; exit 1; }
    sleep 0.02
  done
  end=$(date +%s%N)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "azdo emulator to its URL line, round $i: $(( (end - start) / 1000000 )) ms"
done
# One command of each side against an emulator started once: an export (of no items: the start,
# option parsing, connection and the query, not the fetching) and a one-row SQL statement (the
# JDBC driver and its planner; the first run makes `azdo sql`'s own archive and is not timed).
start_emulator
connection=(--org-url "$org_url" --pat-file "$work/pat" --project Demo)
timed() { # $1: label; the rest: the command
  local label="$1" start end
  shift
  start=$(date +%s%N)
  "$@" >/dev/null
  end=$(date +%s%N)
  echo "$label: $(( (end - start) / 1000000 )) ms"
}
for i in $(seq "$repeat"); do
  timed "azdo export (no items), round $i" azdo export "${connection[@]}" --progress none \
    --wiql "SELECT [System.Id] FROM WorkItems WHERE [System.Id] = -1" --out "$work/out.csv"
done
azdo sql "${connection[@]}" "SELECT Id FROM WorkItems WHERE Id = 1" >/dev/null
for i in $(seq "$repeat"); do
  timed "azdo sql (one statement), round $i" azdo sql "${connection[@]}" \
    "SELECT Id FROM WorkItems WHERE Id = 1"
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
rm -rf "$work"
