# Shared by the benchmarks that import into a standalone emulator (run.sh, throttle.sh): the work
# folder and its clean-up, the CLI built once into a private copy, and the emulator started in the
# background. Source it after setting `work`; it defines log, build_cli, azdo and start_emulator.

emulator_pid=""
bench_cleanup() {
  if [ -n "$emulator_pid" ] && kill -0 "$emulator_pid" 2>/dev/null; then
    kill "$emulator_pid" 2>/dev/null || true
    wait "$emulator_pid" 2>/dev/null || true
  fi
}
trap bench_cleanup EXIT

log() { echo "bench: $*" >&2; }

# Builds the CLI and copies it: a rebuild of cli/target/azdo.jar during the run (a shared working
# tree) must not swap classes under the running emulator. Sets jar.
build_cli() {
  log "building the CLI (mvn ${MVN_OFFLINE--o} package -pl cli -am) ..."
  # maven.test.skip rather than skipTests: the benchmarks need no test classes, and not compiling
  # them keeps a half-edited test elsewhere in the tree from stopping the build.
  (cd "$root" && mvn -B -q ${MVN_OFFLINE--o} -Dmaven.test.skip=true -Dskip.npm package -pl cli -am >&2)
  cp "$root/cli/target/azdo.jar" "$work/azdo.jar"
  jar="$work/azdo.jar"
  azdo --version >/dev/null # makes the copy's class-data-sharing archive before anything is timed
}

# The launcher itself, on the private copy: the same class-data-sharing archive and options.
azdo() { AZDO_JAR="$jar" "$root/azdo" "$@"; }

# Starts `azdo emulator --port 0` with the given options; sets emulator_pid, org_url, root_url and
# writes the emulator's PAT to $work/pat.
start_emulator() {
  java -jar "$jar" emulator --port 0 "$@" >"$work/emulator.out" 2>"$work/emulator.err" &
  emulator_pid=$!
  local deadline=$((SECONDS + 60))
  until grep -q "listening on" "$work/emulator.out" 2>/dev/null; do
    if ! kill -0 "$emulator_pid" 2>/dev/null || [ $SECONDS -ge $deadline ]; then
      cat "$work/emulator.err" >&2
      echo "bench: the emulator did not start" >&2
      exit 1
    fi
    sleep 0.1
  done
  org_url="$(head -1 "$work/emulator.out" | sed 's/.* listening on //')"
  root_url="${org_url%/*}"
  echo emulator-pat >"$work/pat"
  chmod 600 "$work/pat"
}

# Starts bench/java's SeededEmulator with COUNT work items at 20 ms latency, ACTIVE of them Active
# (optional; default one in three), its stdin a fifo (closing it stops the emulator:
# stop_seeded_emulator); sets emulator_pid and url. Needs SeededEmulator compiled into $work/classes.
start_seeded_emulator() {
  rm -f "$work/in" "$work/url" && mkfifo "$work/in"
  java -Xmx2g -cp "$jar:$work/classes" dev.azdo.bench.SeededEmulator "$1" 20 ${2:+"$2"} \
    < "$work/in" > "$work/url" &
  emulator_pid=$!
  exec 3> "$work/in"
  while [ ! -s "$work/url" ]; do sleep 0.2; done
  url="$(head -1 "$work/url")"
}
stop_seeded_emulator() { exec 3>&-; wait "$emulator_pid" 2>/dev/null || true; }
