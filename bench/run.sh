#!/usr/bin/env bash
# Load benchmark: what authentication costs, side by side with plain proxying and nginx.
#   bench/run.sh [quick|full]      (quick: a few minutes; full: longer runs, more keys and tokens)
# Needs wrk and nginx (Debian: apt-get install wrk nginx-light) and the PostgreSQL the tests use
# (DB_HOST/DB_PORT/DB_USER/DB_PASSWORD, default 127.0.0.1:5432 postgres). Everything runs on this
# machine, on loopback; the gateway is pinned to CPU 0, wrk and nginx to CPU 1 when there are two.
set -euo pipefail
MODE=${1:-quick}
cd "$(dirname "$0")/.."
ROOT=$PWD
WORK=$ROOT/bench/target/run
RESULTS=$ROOT/bench/results
DB_HOST=${DB_HOST:-127.0.0.1} DB_PORT=${DB_PORT:-5432} DB_USER=${DB_USER:-postgres}
DB_NAME=apigw_bench
GW_PORT=18080 UPSTREAM_PORT=18090 PEER_PORT=18091
CONNECTIONS=${CONNECTIONS:-32}
THREADS=2
WARM_KEYS=10000
case "$MODE" in
  quick) DURATION=10; ROUNDS=5; ROUND_SECONDS=6;  LEAD_IN=3; WARMUP_ROUNDS=10; COLD_KEYS=150000; DISTINCT_TOKENS=60000;  JMH_ARGS="-f 1 -wi 2 -i 3 -w 1 -r 1" ;;
  full)  DURATION=30; ROUNDS=18; ROUND_SECONDS=8; LEAD_IN=4; WARMUP_ROUNDS=16; COLD_KEYS=500000; DISTINCT_TOKENS=200000; JMH_ARGS="-f 1 -wi 3 -i 5 -w 2 -r 2" ;;
  *) echo "usage: bench/run.sh [quick|full]" >&2; exit 2 ;;
esac
LEAD_IN=${LEAD_IN_SECONDS:-$LEAD_IN}
for tool in wrk nginx java; do
  command -v "$tool" >/dev/null || { echo "bench needs $tool (Debian: apt-get install wrk nginx-light)" >&2; exit 1; }
done
if [ "$(nproc)" -ge 2 ]; then GW_CPU="taskset -c 0"; LOAD_CPU="taskset -c 1"; else GW_CPU=""; LOAD_CPU=""; fi

# nginx, the gateway and background wrk runs: stopped on exit, and INT or TERM exit through it.
PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "== building"
./mvnw -q -Pbench -DskipTests package
CP="$ROOT/bench/target/bench.jar:$(cat "$ROOT/bench/target/classpath.txt")"

rm -rf "$WORK"; mkdir -p "$WORK/data" "$RESULTS"
echo "== seeding $DB_NAME: $WARM_KEYS warm keys, $COLD_KEYS cold keys, $DISTINCT_TOKENS distinct tokens"
java -cp "$CP" dev.apigw.bench.BenchData "$DB_HOST" "$DB_PORT" "$DB_USER" "$DB_NAME" "$WORK/data" \
  "$WARM_KEYS" "$COLD_KEYS" 1000 "$DISTINCT_TOKENS"
# The latency rows run twice as long as a throughput row (more samples for a p99); the cold one needs a
# fresh key per request for the measurement and as many again for the generator's own warm-up.
LAT_RATE=${LAT_RATE:-500}
LAT_SECONDS=$((DURATION * 2))
LAT_KEYS=$((LAT_RATE * LAT_SECONDS * 2))
head -n 20000 "$WORK/data/cold-keys.txt" > "$WORK/data/cold-warmup.txt"
tail -n +20001 "$WORK/data/cold-keys.txt" | head -n -"$LAT_KEYS" > "$WORK/data/cold-measure.txt"
tail -n "$LAT_KEYS" "$WORK/data/cold-keys.txt" > "$WORK/data/cold-latency.txt"
head -n 10000 "$WORK/data/tokens-distinct.txt" > "$WORK/data/tokens-distinct-warmup.txt"
tail -n +10001 "$WORK/data/tokens-distinct.txt" > "$WORK/data/tokens-distinct-measure.txt"

echo "== starting nginx (upstream :$UPSTREAM_PORT, peer :$PEER_PORT) and the gateway (:$GW_PORT)"
sed -e "s#@WORK@#$WORK#g" -e "s#@UPSTREAM_PORT@#$UPSTREAM_PORT#g" -e "s#@PEER_PORT@#$PEER_PORT#g" \
  bench/nginx/nginx.conf.template > "$WORK/nginx.conf"
$LOAD_CPU nginx -p "$WORK" -e "$WORK/nginx-error.log" -c "$WORK/nginx.conf" &
PIDS+=($!)
# Rate limits count in Redis when one answers at REDIS_HOST:REDIS_PORT (the limited row), else in memory.
RATE_LIMIT_STORE=$( (exec 3<>"/dev/tcp/${REDIS_HOST:-127.0.0.1}/${REDIS_PORT:-6379}" && printf 'PING\r\n' >&3 \
  && timeout 1 head -c5 <&3 | grep -q PONG) 2>/dev/null && echo redis || echo local)
echo "== rate limits counted in: $RATE_LIMIT_STORE"
RATE_LIMIT_STORE=$RATE_LIMIT_STORE GATEWAY_RATELIMIT_KEYPREFIX="bench-$$:" \
DB_HOST=$DB_HOST DB_PORT=$DB_PORT DB_USER=$DB_USER DB_NAME=$DB_NAME PORT=$GW_PORT MANAGEMENT_PORT=19080 \
BACKEND_URI=http://127.0.0.1:$UPSTREAM_PORT JWKS_URI=http://127.0.0.1:$UPSTREAM_PORT/jwks.json \
  $GW_CPU java -Xms512m -Xmx512m -jar gateway/target/gateway.jar \
  --spring.config.additional-location=file:bench/gateway-bench.yml > "$WORK/gateway.log" 2>&1 &
GW_PID=$!
PIDS+=($GW_PID)
for _ in $(seq 1 120); do
  curl -fs http://127.0.0.1:19080/actuator/health >/dev/null 2>&1 && break; sleep 0.5
done
curl -fs http://127.0.0.1:19080/actuator/health >/dev/null || { echo "gateway did not start; see $WORK/gateway.log" >&2; exit 1; }
curl -fs "http://127.0.0.1:$UPSTREAM_PORT/jwks.json" >/dev/null || { echo "nginx did not start" >&2; exit 1; }

# run <seconds> <url> [cred-file header prefix] -> prints the RESULT line
run() {
  local seconds=$1 url=$2 file=${3:-} header=${4:-} prefix=${5:-}
  CRED_FILE=$file CRED_HEADER=$header CRED_PREFIX=$prefix WRK_THREADS=$THREADS ONE_PASS=0 \
    $LOAD_CPU wrk -t$THREADS -c$CONNECTIONS -d${seconds}s --latency -s bench/wrk/creds.lua "$url" | grep '^RESULT'
}

# preload <url> <cred-file> <header>: every credential once, as fast as the gateway answers, and no
# longer. wrk's main thread sleeps for all of -d even after every worker thread has stopped at the end of
# its slice, so the pass is ended with SIGINT (wrk then reports and exits) once only that thread is left.
# Waiting out -d instead left the keys unused for most of a minute, and the row meant to measure them
# warm found many past their ttl: a database lookup on the request's path (finding 20).
preload() {
  CRED_FILE=$2 CRED_HEADER=$3 CRED_PREFIX= WRK_THREADS=$THREADS ONE_PASS=1 \
    $LOAD_CPU wrk -t$THREADS -c$CONNECTIONS -d120s -s bench/wrk/creds.lua "$1" >/dev/null &
  local pid=$! seen=0 threads
  PIDS+=("$pid")
  for _ in $(seq 1 1200); do
    kill -0 "$pid" 2>/dev/null || break
    threads=$(ls "/proc/$pid/task" 2>/dev/null | wc -l)
    [ "$threads" -gt 1 ] && seen=1
    [ "$seen" = 1 ] && [ "$threads" -le 1 ] && break
    sleep 0.1
  done
  kill -INT "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

# CPU time (user + system, in clock ticks) the gateway process has used so far.
gateway_ticks() { awk '{print $14 + $15}' "/proc/$GW_PID/stat"; }
TICK_US=$((1000000 / $(getconf CLK_TCK)))
ROWS=()
# The same by kind of thread, in ticks: "loop db jit gc" (Reactor Netty's event loops, which serve the
# requests and proxy them; R2DBC's connections to PostgreSQL; the JIT compilers; the garbage collector
# and the VM thread, which runs the serial collector a JVM pinned to one CPU chooses). The rest of the
# process's time (other threads, threads that ended) is the total minus these.
thread_ticks() {
  for t in /proc/"$GW_PID"/task/*; do
    printf '%s %s\n' "$(tr ' ' _ < "$t/comm")" "$(awk '{print $14 + $15}' "$t/stat")"
  done 2>/dev/null | awk '{k = "other"} $1 ~ /^reactor-http/ {k = "loop"} $1 ~ /^reactor-tcp/ {k = "db"}
    $1 ~ /^C[12]_Compiler/ {k = "jit"} $1 ~ /^(GC_|G1_|VM_Thread)/ {k = "gc"} {s[k] += $2}
    END {printf "%d %d %d %d", s["loop"], s["db"], s["jit"], s["gc"]}'
}
measure() { # measure <url> [cred-file header prefix] -> the RESULT line with the gateway's CPU time added
  local before threads result; before=$(gateway_ticks); threads=$(thread_ticks)
  result=$(run "${SECONDS_EACH:-$DURATION}" "$@")
  echo "$result gateway_cpu_us=$(( ($(gateway_ticks) - before) * TICK_US ))" \
    "$(echo "$threads $(thread_ticks)" | awk -v us="$TICK_US" '{printf "cpu_loop_us=%d cpu_db_us=%d cpu_jit_us=%d cpu_gc_us=%d", ($5-$1)*us, ($6-$2)*us, ($7-$3)*us, ($8-$4)*us}')"
}
row() { # row <label> <url> [cred-file header prefix]
  local label=$1; shift
  echo "== $label"
  local result; result=$(measure "$@")
  echo "   $result"
  ROWS+=("$label|$result")
}
median() { # median <RESULT lines...> -> the line with the median req/s
  printf '%s\n' "$@" | awk '{for(i=1;i<=NF;i++){split($i,a,"=");v[a[1]]=a[2]} printf "%.3f %s\n", v["requests"]/v["duration_us"], $0}' \
    | sort -n | awk '{lines[NR]=$0} END{line=lines[int((NR+1)/2)]; sub(/^[^ ]+ /, "", line); print line}'
}
GW=http://127.0.0.1:$GW_PORT
D=$WORK/data
# The JIT needs a minute or more of traffic on one core before the gateway reaches its steady state
# (measured: ~800 req/s in the first 10 s, ~7,000 after 60 s). WARMUP=mixed (default): every path at
# once, one wrk per path, as a gateway in service sees its traffic, so the code is compiled from
# profiles of all of it. WARMUP=rounds: the paths one after another in 5 s turns, as before finding 23.
# Same total time either way; either way the JIT still recompiles some code in the measured rows,
# which alternate paths (finding 23), and the report's thread table shows how much.
WARMUP=${WARMUP:-mixed}
warm_one() { # warm_one <seconds> <url> [cred-file header prefix]: one wrk on one path, in the background
  CRED_FILE=${3:-} CRED_HEADER=${4:-} CRED_PREFIX=${5:-} WRK_THREADS=1 ONE_PASS=0 \
    $LOAD_CPU wrk -t1 -c$((CONNECTIONS / 4)) -d"$1"s -s bench/wrk/creds.lua "$2" >/dev/null &
  WARM_PIDS+=($!); PIDS+=($!)
}
WARM_PIDS=()
case "$WARMUP" in
  mixed)
    echo "== JIT warm-up: every path at once for $((WARMUP_ROUNDS * 25)) s"
    warm_one $((WARMUP_ROUNDS * 25)) "$GW/public/hello"
    warm_one $((WARMUP_ROUNDS * 25)) "$GW/api/hello" "$D/warm-keys.txt" x-api-key
    warm_one $((WARMUP_ROUNDS * 25)) "$GW/api/hello" "$D/cold-warmup.txt" x-api-key
    warm_one $((WARMUP_ROUNDS * 25)) "$GW/api/hello" "$D/tokens-repeated.txt" Authorization "Bearer "
    warm_one $((WARMUP_ROUNDS * 25)) "$GW/api/hello" "$D/tokens-distinct-warmup.txt" Authorization "Bearer "
    wait "${WARM_PIDS[@]}" ;;
  rounds)
    echo "== JIT warm-up: $WARMUP_ROUNDS rounds over every path"
    for round in $(seq 1 "$WARMUP_ROUNDS"); do
      run 5 "$GW/public/hello" >/dev/null
      run 5 "$GW/api/hello" "$D/warm-keys.txt" x-api-key >/dev/null
      run 5 "$GW/api/hello" "$D/cold-warmup.txt" x-api-key >/dev/null
      run 5 "$GW/api/hello" "$D/tokens-repeated.txt" Authorization "Bearer " >/dev/null
      run 5 "$GW/api/hello" "$D/tokens-distinct-warmup.txt" Authorization "Bearer " >/dev/null
    done ;;
  *) echo "WARMUP must be mixed or rounds" >&2; exit 2 ;;
esac
run 3 "http://127.0.0.1:$UPSTREAM_PORT/warm" >/dev/null
row "upstream direct (nginx), the floor" "http://127.0.0.1:$UPSTREAM_PORT/api/hello"
# The rows the targets compare (no authentication, warm key, repeated JWT) are measured in interleaved
# rounds of ROUND_SECONDS each, so that JIT drift and background noise fall on all three alike; a single
# run of each put whichever came first after a change of path at a disadvantage. Each is reported by its
# median round, and its ratio is the median over the rounds of its req/s over the same round's
# unauthenticated run: the machine's swings from one minute to the next (±10 % and more here) move
# both runs of a round together, so they cancel in the ratio more than in a ratio of medians.
# Each of these runs follows LEAD_IN seconds of the same path at the same load, not counted (but kept
# and reported: the *_LEAD runs): after a change of path the JIT recompiles what the last path's
# profiles left, and the keys that fell due while idle are re-checked at once. A gateway in service
# with steady traffic does neither all the time (finding 25).
PUBLIC_RUNS=() WARM_RUNS=() JWT_RUNS=() PUBLIC_LEAD=() WARM_LEAD=() JWT_LEAD=()
lead_in() { # lead_in <array name> <url> [cred-file header prefix]
  local -n into=$1; shift
  if [ "$LEAD_IN" -gt 0 ]; then into+=("$(SECONDS_EACH=$LEAD_IN measure "$@")"); fi
}
for round in $(seq 1 "$ROUNDS"); do
  echo "== round $round of $ROUNDS: no authentication, warm API key, repeated JWT (each after ${LEAD_IN}s of lead-in)"
  lead_in PUBLIC_LEAD "$GW/public/hello"
  PUBLIC_RUNS+=("$(SECONDS_EACH=$ROUND_SECONDS measure "$GW/public/hello")")
  # Every warm key once more, so that all 10,000 are cached (and fresh) when measuring.
  preload "$GW/api/hello" "$D/warm-keys.txt" x-api-key
  lead_in WARM_LEAD "$GW/api/hello" "$D/warm-keys.txt" x-api-key
  WARM_RUNS+=("$(SECONDS_EACH=$ROUND_SECONDS measure "$GW/api/hello" "$D/warm-keys.txt" x-api-key)")
  lead_in JWT_LEAD "$GW/api/hello" "$D/tokens-repeated.txt" Authorization "Bearer "
  JWT_RUNS+=("$(SECONDS_EACH=$ROUND_SECONDS measure "$GW/api/hello" "$D/tokens-repeated.txt" Authorization "Bearer ")")
  if [ "$LEAD_IN" -gt 0 ]; then printf '   lead-in %s\n' "${PUBLIC_LEAD[-1]}" "${WARM_LEAD[-1]}" "${JWT_LEAD[-1]}"; fi
  printf '   %s\n' "${PUBLIC_RUNS[-1]}" "${WARM_RUNS[-1]}" "${JWT_RUNS[-1]}"
done
rate() { echo "$1" | awk '{for(i=1;i<=NF;i++){split($i,a,"=");v[a[1]]=a[2]} printf "%.1f", v["requests"]/(v["duration_us"]/1e6)}'; } # req/s of a RESULT line
round_ratios() { # round_ratios <array of runs> [base array, default PUBLIC_RUNS] [measure, default rate] -> each round's measure ÷ the base's in that round, sorted
  local -n runs=$1 base=${2:-PUBLIC_RUNS}
  local of=${3:-rate} i
  for i in "${!runs[@]}"; do echo "$($of "${runs[$i]}") $($of "${base[$i]}")"; done \
    | awk '{printf "%.3f\n", $1 / $2}' | sort -n | paste -sd ' '
}
cpu_rate() { echo "$1" | awk '{for(i=1;i<=NF;i++){split($i,a,"=");v[a[1]]=a[2]} printf "%.1f", v["requests"]/(v["gateway_cpu_us"]/1e6)}'; } # requests per second of gateway CPU
jit_per_request() { # RESULT lines on stdin -> the JIT compilers' CPU per request over all of them
  awk '{for(i=1;i<=NF;i++){split($i,a,"=");v[a[1]]=a[2]} jit += v["cpu_jit_us"]; n += v["requests"]} END {printf "%.1f", n ? jit / n : 0}'
}
middle() { echo "$@" | awk '{print (NF % 2) ? $((NF + 1) / 2) : ($(NF / 2) + $(NF / 2 + 1)) / 2}'; }
# verdict <target> <sorted ratios...> -> their median, a distribution-free confidence interval for the median
# ratio of a round ([x(k), x(n+1-k)] of the sorted rounds, the narrowest such pair with >= 95 % coverage,
# or min-max: 94 % for 5 rounds, 97 % for 18) and whether the target is met, missed, or not decided by
# this run because the interval spans it. Assumes rounds independent of each other; a machine whose speed
# drifts makes them less so, and the interval is then if anything too narrow.
verdict() {
  local target=$1; shift
  printf 'median %.3f, ' "$(middle "$@")"
  echo "$@" | awk -v t="$target" '{
    n = NF; p = 0.5 ^ n; k = 1; below = 1; binom = 1; cover = 1 - 2 * below * p
    while (k + 1 <= n / 2) {
      binom = binom * (n - k + 1) / k
      if (1 - 2 * (below + binom) * p < 0.95) break
      below += binom; k++; cover = 1 - 2 * below * p
    }
    lo = $k; hi = $(n + 1 - k)
    printf "%.0f %% interval %.3f-%.3f: %s", cover * 100, lo, hi,
      lo >= t ? "met" : hi < t ? "missed" : "not decided (the interval spans " t ")"
  }'
}
WARM_RATIOS=$(round_ratios WARM_RUNS) JWT_RATIOS=$(round_ratios JWT_RUNS)
ROWS+=("gateway, no authentication (public route)|$(median "${PUBLIC_RUNS[@]}") ratio=1")
ROWS+=("gateway, API key, warm cache (10,000 keys)|$(median "${WARM_RUNS[@]}") ratio=$(middle $WARM_RATIOS)")
# Latency below saturation, at a constant rate (open loop: measured from when each request was due).
# Measured before the cold and distinct-token throughput rows, which load tens of thousands of new keys
# whose last_used writes would otherwise land on these rows; each row first waits until the gateway has
# no key use left to write and no lookup in flight (settle), the cold row last.
LATENCY=()
metric() { curl -fs http://127.0.0.1:19080/actuator/prometheus | awk -v m="$1" '$1 == m {print $2}'; }
settle() {
  for _ in $(seq 1 60); do
    local pending inflight
    pending=$(metric gateway_auth_apikey_last_used_pending); inflight=$(metric gateway_auth_apikey_lookups_in_flight)
    [ "${pending%.*}" = "0" ] && [ "${inflight%.*}" = "0" ] && break
    sleep 1
  done
  sleep 3
}
lat() { # lat <label> <url> [cred-file header prefix]   (the generator's warm-up: WARMUP_SECONDS, WARMUP_CREDS)
  local label=$1; shift
  settle
  echo "== latency at $LAT_RATE req/s: $label"
  local result; result=$($LOAD_CPU java -cp "$CP" dev.apigw.bench.ConstantRate "$1" "$LAT_RATE" "$LAT_SECONDS" "${@:2}" | grep '^RESULT')
  echo "   $result"
  LATENCY+=("$label|$result")
}
lat "gateway, no authentication" "$GW/public/hello"
# Warm keys in steady use: the generator first sends the same keys, in the same order and at the same
# rate, for one key-cache ttl (60 s), so every key is used every 20 s before and while it is measured. A
# pass at full speed followed by a pause left some keys unused for longer than half the ttl, and their
# next use waited for the database: that is a key used less often, not a warm one.
WARMUP_SECONDS=60 WARMUP_CREDS=all lat "gateway, API key, warm cache" "$GW/api/hello" "$D/warm-keys.txt" x-api-key
lat "gateway, JWT RS256, repeated tokens" "$GW/api/hello" "$D/tokens-repeated.txt" Authorization "Bearer "
# (the generator warms up on the second half of the file, then measures from the first: still each key once)
lat "gateway, API key, cold (each key once)" "$GW/api/hello" "$D/cold-latency.txt" x-api-key

row "gateway, API key, warm cache, rate limit on ($RATE_LIMIT_STORE, never refusing)" "$GW/limited/hello" "$D/warm-keys.txt" x-api-key
row "gateway, API key, cold (each key once, database lookup)" "$GW/api/hello" "$D/cold-measure.txt" x-api-key
ROWS+=("gateway, JWT RS256, repeated tokens (1,000)|$(median "${JWT_RUNS[@]}") ratio=$(middle $JWT_RATIOS)")
row "gateway, JWT RS256, distinct tokens (each once)" "$GW/api/hello" "$D/tokens-distinct-measure.txt" Authorization "Bearer "
run 3 "http://127.0.0.1:$PEER_PORT/api/hello" "$D/warm-keys.txt" x-api-key >/dev/null
row "nginx peer: x-api-key map + user header" "http://127.0.0.1:$PEER_PORT/api/hello" "$D/warm-keys.txt" x-api-key

echo "== JMH microbenchmarks of the hot path"
java -cp "$CP" org.openjdk.jmh.Main HotPathBenchmark $JMH_ARGS -rf text -rff "$WORK/jmh.txt" > "$WORK/jmh.log" 2>&1

STAMP=$(date -u +%Y-%m-%dT%H%M%SZ)
OUT=$RESULTS/bench-$MODE-$STAMP.md
{
  echo "# Benchmark ($MODE), $STAMP"
  echo
  echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GiB;"
  echo "$(java -version 2>&1 | head -1); $(nginx -v 2>&1); $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2)."
  if [ "$WARMUP" = mixed ]; then warmed="$((WARMUP_ROUNDS * 25))s of JIT warm-up on every path at once"
  else warmed="$WARMUP_ROUNDS rounds of JIT warm-up over every path in turn"; fi
  echo "Load: wrk -t$THREADS -c$CONNECTIONS, ${DURATION}s per row after $warmed; the"
  echo "no-authentication, warm-key and repeated-JWT rows are the median of $ROUNDS interleaved rounds of ${ROUND_SECONDS}s (each"
  echo "after ${LEAD_IN}s of lead-in on its own path, not counted), their ratio"
  echo "the median of each round's ratio to the same round's no-authentication run (closed loop:"
  echo "latency percentiles are wrk's, coordinated omission not corrected). Gateway -Xmx512m pinned to CPU 0;"
  echo "wrk and nginx pinned to CPU 1; PostgreSQL unpinned. Gateway defaults otherwise (logging WARN)."
  echo "Gateway CPU per request: the gateway process's user + system time during the row over its requests"
  echo "(background work such as key re-checks and last_used writes included)."
  echo
  echo "| row | req/s | × no-auth gateway | p50 ms | p99 ms | gateway CPU µs/request | non-2xx | socket errors |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  for entry in "${ROWS[@]}"; do
    label=${entry%%|*}; result=${entry#*|}
    echo "$label|$(rate "$result")|$result"
  done | while IFS='|' read -r label rps result; do
    base=$(rate "$(printf '%s\n' "${ROWS[@]}" | grep '^gateway, no authentication' | cut -d'|' -f2)")
    echo "$result" | awk -v label="$label" -v rps="$rps" -v base="$base" '{for(i=1;i<=NF;i++){split($i,a,"=");v[a[1]]=a[2]}
      cpu = label ~ /^gateway/ ? sprintf("%.0f", v["gateway_cpu_us"]/v["requests"]) : "—"
      printf "| %s | %d | %.2f | %.2f | %.2f | %s | %d | %d |\n", label, rps, v["ratio"] != "" ? v["ratio"] : rps/base, v["p50_us"]/1000, v["p99_us"]/1000, cpu, v["non2xx"], v["socket_errors"]}'
  done
  echo
  echo "Each round's ratio to the same round's no-authentication run, sorted: warm key $WARM_RATIOS;"
  echo "repeated JWT $JWT_RATIOS."
  echo "Against the throughput targets (≥ 0.95×), from the rounds' ratios: warm key $(verdict 0.95 $WARM_RATIOS);"
  echo "repeated JWT $(verdict 0.95 $JWT_RATIOS)."
  echo "The same by the gateway's CPU time per request (the public route's ÷ the row's; not the target's measure,"
  echo "but blind to time the gateway's core spent on anything else), sorted: warm key $(round_ratios WARM_RUNS PUBLIC_RUNS cpu_rate);"
  echo "repeated JWT $(round_ratios JWT_RUNS PUBLIC_RUNS cpu_rate)."
  if [ "$LEAD_IN" -gt 0 ]; then
    echo
    echo "The ${LEAD_IN}s lead-in before each of those runs (same path and load, not counted), each round's ratio to the"
    echo "public route's lead-in, sorted: warm key $(round_ratios WARM_LEAD PUBLIC_LEAD); repeated JWT $(round_ratios JWT_LEAD PUBLIC_LEAD)."
    echo "JIT compiler threads, µs per request, lead-in / measured, summed over the rounds: $(for name in PUBLIC WARM JWT; do
      lead="${name}_LEAD[@]" runs="${name}_RUNS[@]"
      printf '%s %s\n' "$(printf '%s\n' "${!lead}" | jit_per_request)" "$(printf '%s\n' "${!runs}" | jit_per_request)"
    done | paste -sd ' ' | awk '{printf "no authentication %s / %s, warm key %s / %s, repeated JWT %s / %s", $1, $2, $3, $4, $5, $6}')."
  fi
  echo
  echo "Where the gateway's CPU went, µs per request (event loops: serving and proxying the requests;"
  echo "database: R2DBC's connections, i.e. lookups, re-checks, last_used writes; other: everything else)."
  echo
  echo "| row | total | event loops | database | JIT compilers | GC + VM thread | other |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
  for entry in "${ROWS[@]}"; do
    label=${entry%%|*}; result=${entry#*|}
    [[ "$label" == gateway* ]] || continue
    echo "$result" | awk -v label="$label" '{for(i=1;i<=NF;i++){split($i,a,"=");v[a[1]]=a[2]} r = v["requests"]
      named = v["cpu_loop_us"] + v["cpu_db_us"] + v["cpu_jit_us"] + v["cpu_gc_us"]
      printf "| %s | %.0f | %.0f | %.1f | %.1f | %.1f | %.1f |\n", label, v["gateway_cpu_us"]/r, v["cpu_loop_us"]/r,
        v["cpu_db_us"]/r, v["cpu_jit_us"]/r, v["cpu_gc_us"]/r, (v["gateway_cpu_us"] - named)/r}'
  done
  echo
  echo "Latency below saturation: $LAT_RATE req/s at a constant rate for ${LAT_SECONDS}s (open loop, JDK HttpClient on CPU 1;"
  echo "latency from when each request was due). 'added' is the difference to the unauthenticated gateway."
  echo
  echo "| row | p50 ms | p99 ms | p99 added ms | max ms | non-2xx |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: |"
  LBASE=$(printf '%s\n' "${LATENCY[@]}" | grep '^gateway, no authentication' | cut -d'|' -f2 | awk '{for(i=1;i<=NF;i++){split($i,a,"=");v[a[1]]=a[2]} print v["p99_us"]}')
  for entry in "${LATENCY[@]}"; do
    label=${entry%%|*}; result=${entry#*|}
    echo "$result" | awk -v label="$label" -v base="$LBASE" '{for(i=1;i<=NF;i++){split($i,a,"=");v[a[1]]=a[2]}
      printf "| %s | %.2f | %.2f | %+.2f | %.2f | %d |\n", label, v["p50_us"]/1000, v["p99_us"]/1000, (v["p99_us"]-base)/1000, v["max_us"]/1000, v["non2xx"]}'
  done
  echo
  echo "JMH (in-process, average time per operation):"
  echo
  echo '```'
  cat "$WORK/jmh.txt"
  echo '```'
} > "$OUT"
cat "$OUT"
echo
echo "Written to $OUT"
