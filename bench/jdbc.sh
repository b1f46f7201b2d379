#!/usr/bin/env bash
# The SQL benchmark of issue 14: SELECT Id, Title FROM WorkItems WHERE State = 'Active' through the
# driver (azdo sql, so JVM start is included) against the same query on Microsoft's Node client,
# once fetching every item and filtering client-side (what a driver without pushdown does) and once
# with the filter in WIQL, side by side on one emulator at 20 ms latency. The emulator is seeded
# with SQL_COUNT items of which exactly SQL_ACTIVE are Active (evenly apart); each run's requests are
# counted from the emulator's log, and the driver's query/read calls are checked against
# 1 + ceil(SQL_ACTIVE / 200) (one WIQL, then workitemsbatch of 200 ids). The driver runs twice: as
# azdo sql (a process per query) and in one JVM (bench/java/.../JdbcSelect: the first query, then
# four more on the warm connection), as a long-lived tool uses it.
# Usage: bench/jdbc.sh   (SQL_COUNT=20000 SQL_ACTIVE=1000 ROUNDS=2 MVN_OFFLINE=-o)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
count="${SQL_COUNT:-20000}"
active="${SQL_ACTIVE:-1000}"
rounds="${ROUNDS:-2}"
work="$(mktemp -d "${TMPDIR:-/tmp}/azdo-sql-bench.XXXXXX")"
# shellcheck source=bench/common.sh
. "$here/common.sh"
build_cli
javac -d "$work/classes" -cp "$jar" "$here"/java/dev/azdo/bench/SeededEmulator.java \
  "$here"/java/dev/azdo/bench/JdbcSelect.java
(cd "$here/node" && npm ci --no-audit --no-fund --prefer-offline >&2)
printf 'emulator-pat\n' > "$work/pat"

seed0=$(date +%s.%N)
start_seeded_emulator "$count" "$active"
seed1=$(date +%s.%N)
root_url="${url%/*}"
trap stop_seeded_emulator EXIT

control() { curl -s -X "$1" -H 'Authorization: Bearer emulator-admin' "$root_url/_emulator/$2"; }
limit=$((1 + (active + 199) / 200))
requests() { # prints the requests since the last clear of N queries (default 1): query/read calls
  # against N x the limit, and the others
  control GET 'requests?top=10000' | node -e '
    const n = Number(process.argv[2]); const limit = n * Number(process.argv[1]);
    let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => {
      const v = JSON.parse(s).value;
      const w = v.filter((e) => e.path.endsWith("/wiql")).length;
      const r = v.filter((e) => /workitems(batch)?$/i.test(e.path)).length;
      const others = {};
      for (const e of v) {
        if (!e.path.endsWith("/wiql") && !/workitems(batch)?$/i.test(e.path)) {
          const p = e.path.replace(/^.*?_apis\//, ""); others[p] = (others[p] || 0) + 1;
        }
      }
      const q = w + r;
      console.log(v.length + " requests: " + w + " wiql + " + r + " item reads = " + q
        + " query/read calls (" + (q <= limit ? "within" : "OVER") + " " + (n > 1 ? n + " x " : "")
        + "(1 + ceil(matches/200)) = " + limit + "); others: "
        + (Object.entries(others).map(([p, k]) => k + " " + p).join(", ") || "none"));
    });' "$limit" "${1:-1}"
}
timed() { # runs a command with its output in $work/out; sets took to "W s wall, U+S s CPU"
  /usr/bin/time -f '%e %U %S' -o "$work/time" "$@" > "$work/out"
  took=$(awk '{ printf "%.2f s wall, %.2f s CPU", $1, $2 + $3 }' "$work/time")
}
sql="SELECT Id, Title FROM WorkItems WHERE State = 'Active'"
# azdo sql makes its own class-data-sharing archive on first use (a training run of its own); this
# untimed run makes it, so the rounds time what a user's every later call costs.
azdo sql "SELECT Id FROM WorkItems WHERE Id = 1" --org-url "$url" --pat-file "$work/pat" \
  --project Demo --format csv > /dev/null
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'); load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "machine: $(nproc) CPUs; java: $(java -version 2>&1 | head -1); node: $(node --version)"
echo "emulator seeded with $count items ($active Active) in $(awk -v a="$seed0" -v b="$seed1" 'BEGIN { printf "%.1f", b - a }') s (JVM start included)"
echo "$sql over $count items, $active Active, 20 ms latency:"
for round in $(seq 1 "$rounds"); do
  echo "  round $round (load average $(cut -d' ' -f1-3 /proc/loadavg)):"
  control DELETE requests > /dev/null
  timed env AZDO_JAR="$jar" "$root/azdo" sql "$sql" --org-url "$url" --pat-file "$work/pat" \
    --project Demo --format csv
  echo "    azdo sql, filter pushed into WIQL (whole process, JVM start included): $(($(wc -l < "$work/out") - 1)) rows in $took"
  echo "      $(requests)"
  control DELETE requests > /dev/null
  timed java -XX:+UseParallelGC -cp "$jar:$work/classes" dev.azdo.bench.JdbcSelect \
    "jdbc:azdo:$url;project=Demo" "$work/pat" "$sql" 5
  echo "    driver in one JVM (DriverManager, JdbcSelect): 1st query from the connection's opening $(sed -n 1p "$work/out" | awk '{ print $1 " rows in " $2 " s" }'), then on the warm connection $(sed -n '2,$p' "$work/out" | awk '{ printf "%s%s s", (NR > 1 ? ", " : ""), $2 }'); process $took"
  echo "      5 queries: $(requests 5)"
  for mode in all wiql; do
    control DELETE requests > /dev/null
    timed node "$here/node/select-active.js" "$url" emulator-pat Demo "$mode"
    read -r n _ < "$work/out"
    case "$mode" in
      all) what="node, fetch all $count and filter client-side" ;;
      wiql) what="node, filter in WIQL" ;;
    esac
    echo "    $what: $n rows in $took (script's own clock $(cut -d' ' -f2 "$work/out") s)"
    echo "      $(requests)"
  done
done
