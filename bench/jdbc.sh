#!/usr/bin/env bash
# The SQL benchmark of issue 14: SELECT Id, Title FROM WorkItems WHERE State = 'Active' through the
# driver (azdo sql, so JVM start is included) against the same query on Microsoft's Node client,
# once with the filter in WIQL and once fetching every item and filtering client-side (what a
# driver without pushdown does), side by side on one emulator at 20 ms latency; counts each one's
# requests from the emulator's log. The seeded items are Active one in three.
# Usage: bench/jdbc.sh   (SQL_COUNT=3000 MVN_OFFLINE=-o)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
count="${SQL_COUNT:-3000}"
work="$(mktemp -d "${TMPDIR:-/tmp}/azdo-sql-bench.XXXXXX")"
# shellcheck source=bench/common.sh
. "$here/common.sh"
build_cli
javac -d "$work/classes" -cp "$jar" "$here"/java/dev/azdo/bench/SeededEmulator.java
(cd "$here/node" && npm ci --no-audit --no-fund --prefer-offline >&2)
printf 'emulator-pat\n' > "$work/pat"

start_seeded_emulator "$count"
root_url="${url%/*}"
trap stop_seeded_emulator EXIT

control() { curl -s -X "$1" -H 'Authorization: Bearer emulator-admin' "$root_url/_emulator/$2"; }
requests() { # prints "N requests (W wiql, B workitemsbatch/workitems reads)"
  control GET 'requests?top=10000' | node -e '
    let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => {
      const v = JSON.parse(s).value; const w = v.filter((e) => e.path.endsWith("/wiql")).length;
      const r = v.filter((e) => /workitems(batch)?$/i.test(e.path)).length;
      console.log(v.length + " requests (" + w + " wiql, " + r + " item reads)"); });'
}
sql="SELECT Id, Title FROM WorkItems WHERE State = 'Active'"
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'); load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "machine: $(nproc) CPUs; java: $(java -version 2>&1 | head -1); node: $(node --version)"
echo "$sql over $count items ($((count / 3)) Active), 20 ms latency:"
for round in 1 2; do
  control DELETE requests > /dev/null
  t0=$(date +%s.%N)
  AZDO_JAR="$jar" "$root/azdo" sql "$sql" --org-url "$url" --pat-file "$work/pat" --project Demo \
    --format csv > "$work/sql.csv"
  t1=$(date +%s.%N)
  ours=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')
  echo "  round $round (load average $(cut -d' ' -f1-3 /proc/loadavg)):"
  echo "    azdo sql (process wall, JVM start included): $(($(wc -l < "$work/sql.csv") - 1)) rows in $ours s; $(requests)"
  for mode in wiql all; do
    control DELETE requests > /dev/null
    read -r n s < <(node "$here/node/select-active.js" "$url" emulator-pat Demo "$mode")
    echo "    node, $mode: $n rows in $s s; $(requests)"
  done
done
