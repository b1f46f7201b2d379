#!/usr/bin/env bash
# The insert benchmark of issue 14: INSERT_ROWS (2,000) new Tasks of six fields through the JDBC
# driver (jdbc/target/azdo-jdbc.jar, one PreparedStatement.executeBatch: java/.../JdbcBatchInsert)
# against Microsoft's Node client creating them one by one (node/create-one-by-one.js, the import
# benchmark's peer, the same rows from node/make-csv.js), side by side on one emulator at 20 ms
# latency, INSERT_REPEAT (2) rounds each. Checks each run created exactly INSERT_ROWS items (the
# emulator's /_emulator/counts) and counts its $batch and single-create requests from the log.
# Usage: bench/jdbc-insert.sh   (INSERT_ROWS=2000 INSERT_REPEAT=2 MVN_OFFLINE=-o)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
rows="${INSERT_ROWS:-2000}"
repeat="${INSERT_REPEAT:-2}"
work="$(mktemp -d "${TMPDIR:-/tmp}/azdo-insert-bench.XXXXXX")"
# shellcheck source=bench/common.sh
. "$here/common.sh"
trap 'bench_cleanup; rm -rf "$work"' EXIT
build_cli # also packages the driver's shaded jar (the CLI depends on the jdbc module)
driver="$work/azdo-jdbc.jar"
cp "$root/jdbc/target/azdo-jdbc.jar" "$driver"
javac -d "$work/classes" "$here"/java/dev/azdo/bench/JdbcBatchInsert.java
(cd "$here/node" && npm ci --no-audit --no-fund --prefer-offline >&2)
node "$here/node/make-csv.js" "$work/rows.csv" "$rows" I

start_emulator --latency-ms 20
control() { curl -s -X "$1" -H 'Authorization: Bearer emulator-admin' "$root_url/_emulator/$2"; }
count() { node "$here/node/count.js" "$root_url"; }
requests() { # prints "N requests (B $batch, C single creates)"
  control GET 'requests?top=10000' | node -e '
    let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => {
      const v = JSON.parse(s).value;
      const b = v.filter((e) => e.method === "POST" && e.path.endsWith("/$batch")).length;
      const c = v.filter((e) => e.method === "POST" && /workitems\/\$/i.test(e.path)).length;
      console.log(v.length + " requests (" + b + " $batch, " + c + " single creates)"); });'
}
check() { # $1 = the count before; fails unless exactly $rows items were created
  local now
  now="$(count)"
  if [ "$((now - $1))" -ne "$rows" ]; then
    echo "bench: expected $rows new work items, the emulator counts $((now - $1))" >&2
    exit 1
  fi
}

echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'); load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "machine: $(nproc) CPUs; java: $(java -version 2>&1 | head -1); node: $(node --version)"
echo "$rows new Tasks (6 fields each), 20 ms latency:"
for round in $(seq 1 "$repeat"); do
  echo "  round $round (load average $(cut -d' ' -f1-3 /proc/loadavg)):"
  control DELETE requests > /dev/null
  before="$(count)"
  out="$(java -cp "$driver:$work/classes" dev.azdo.bench.JdbcBatchInsert \
    "jdbc:azdo:$org_url;project=Demo" "$work/pat" "$rows")"
  check "$before"
  echo "    JDBC executeBatch: $out; $(requests)"
  control DELETE requests > /dev/null
  before="$(count)"
  out="$(AZDO_ORG_URL="$org_url" AZDO_PAT=emulator-pat node "$here/node/create-one-by-one.js" "$work/rows.csv")"
  check "$before"
  echo "    Node client, one by one: $out; $(requests)"
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
