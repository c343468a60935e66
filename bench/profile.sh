#!/usr/bin/env bash
# CPU profiles of the gateway on two paths, and which frames the first path spends more time in.
#   bench/profile.sh [path-a] [path-b] [seconds]     paths as in bench/paths.sh (default: key pubk 15)
# PROFILE_EVENT=alloc profiles allocation instead: bytes allocated per request, by frame (finding 27).
# Takes about 5 minutes. Needs a previous bench/run.sh (its seeded database, data files and
# nginx.conf). async-profiler comes from Maven Central (tools.profiler:async-profiler) and is attached
# to the running gateway with jcmd;
# it samples every millisecond of CPU, so the profiled figures run slower than the harness's: compare
# shares, not absolute times. Writes bench/target/profile/<path>.collapsed (<path>.alloc.collapsed
# with alloc; flame-graph input) and
# prints the frames with the largest difference in inclusive time per request (µs; bytes with alloc).
set -euo pipefail
cd "$(dirname "$0")/.."
A=${1:-key} B=${2:-pubk} SECONDS_EACH=${3:-15}
case ${PROFILE_EVENT:-cpu} in
  cpu) EVENT=event=cpu,interval=1ms DUMP=collapsed UNIT="µs" PER_COUNT=1000 SUFFIX="" ;;  # a count: a 1 ms sample
  alloc) EVENT=event=alloc DUMP=collapsed,total UNIT=bytes PER_COUNT=1 SUFFIX=.alloc ;;   # a count: bytes
  *) echo "PROFILE_EVENT is cpu or alloc" >&2; exit 2 ;;
esac
source bench/paths.sh
OUT=$PWD/bench/target/profile AP_VERSION=3.0
mkdir -p "$OUT"
JAR=$HOME/.m2/repository/tools/profiler/async-profiler/$AP_VERSION/async-profiler-$AP_VERSION.jar
[ -f "$JAR" ] || ./mvnw -q dependency:get -Dartifact=tools.profiler:async-profiler:$AP_VERSION
(cd "$OUT" && jar xf "$JAR" linux-x64/libasyncProfiler.so)
LIB=$OUT/linux-x64/libasyncProfiler.so

bench_start "$OUT/gateway.log" # nginx and the gateway: stopped by bench/paths.sh's trap at exit
echo "== warming both paths for 3 minutes"
for _ in $(seq 1 9); do bench_load "$A" 10 >/dev/null; bench_load "$B" 10 >/dev/null; done
# Attaching the profiler can set off recompilation (the first path profiled once carried 8 µs per
# request of C2 time, finding 22): both paths run 40 s more with it attached before anything is recorded.
# Frames of the JIT compilers in the output are the JVM still compiling, not the path's own work.
echo "== attaching the profiler, then both paths again unrecorded"
jcmd "$GW" JVMTI.agent_load "$LIB" "\"start,$EVENT,file=$OUT/unused.txt\"" >/dev/null
for _ in 1 2; do bench_load "$A" 10 >/dev/null; bench_load "$B" 10 >/dev/null; done
jcmd "$GW" JVMTI.agent_load "$LIB" "\"stop,file=$OUT/unused.txt\"" >/dev/null
for path in "$A" "$B"; do
  jcmd "$GW" JVMTI.agent_load "$LIB" "\"start,$EVENT,file=$OUT/unused.txt\"" >/dev/null
  rate=$(bench_load "$path" "$SECONDS_EACH")
  jcmd "$GW" JVMTI.agent_load "$LIB" "\"stop,file=$OUT/$path$SUFFIX.collapsed,$DUMP\"" >/dev/null
  echo "$rate" > "$OUT/$path.rate"
  echo "== $path: $rate req/s while profiled"
done
# Inclusive µs (or bytes) per request of every frame, then A minus B, largest first.
inclusive() { # inclusive <path> -> "frame per-request" (µs, or bytes)
  awk -v per="$PER_COUNT" -v reqs="$(awk -v s="$SECONDS_EACH" '{printf "%d", $1 * s}' "$OUT/$1.rate")" '{
      n = $NF; sub(/ [0-9]+$/, ""); split($0, frames, ";"); delete seen
      for (i in frames) if (!(frames[i] in seen)) { seen[frames[i]] = 1; total[frames[i]] += n }
    } END { for (f in total) printf "%s\t%.2f\n", f, total[f] * per / reqs }' "$OUT/$1$SUFFIX.collapsed" | sort
}
echo "== frames where $A spends more than $B (inclusive $UNIT per request: difference, $A, $B)"
join -t $'\t' -a 1 -a 2 -e 0 -o 0,1.2,2.2 <(inclusive "$A") <(inclusive "$B") \
  | awk -F '\t' '{printf "%+8.2f %8.2f %8.2f  %s\n", $2 - $3, $2, $3, $1}' | sort -rn | head -40
