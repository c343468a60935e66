#!/usr/bin/env bash
# Does a flood of unknown API keys slow valid callers? Valid-key latency at a steady rate, with and
# without a flood of well-formed keys that were never stored (each refused with a 401) at the same rate.
#   bench/flood.sh [rounds, default 3]
# The rate is half of what the public route serves under wrk (measured first; FLOOD_RATE sets it). Each
# round runs two phases of FLOOD_SECONDS (default 20), each with two paced wrk loads on CPU 1 beside
# nginx, the gateway alone on CPU 0:
#   quiet   valid warm keys to the gateway + the same rate of unknown keys to the nginx peer (which
#           refuses them too: the load generators' own work is the same in both phases);
#   flood   valid warm keys to the gateway + unknown keys to the gateway.
# Paced: each of PACE_CONNECTIONS (default 32) connections waits a fixed time before each request
# (creds.lua's PACE_MS), so a load keeps its rate while latency stays well below that time; a stall
# delays the next request on that connection, so the p99 is a lower bound once latency nears the pace.
# (A JVM open-loop generator, bench's ConstantRate, cannot send two loads of thousands a second on
# the shared CPU without its own pauses, 6-80 ms at p99, setting the figure.) Prints each phase's
# valid-key rate, p50 and p99, the p99 ratio flood ÷ quiet (target ≤ 1.20) and its median.
# Needs a previous bench/run.sh (database, data, nginx.conf).
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-3} SECONDS_EACH=${FLOOD_SECONDS:-20}
source bench/paths.sh
OUT=$PWD/bench/target/flood
mkdir -p "$OUT"
D=$W/data
bench_start "$OUT/gateway.log"
echo "== warming: 6 rounds of 8 s per path"
for _ in 1 2 3 4 5 6; do for path in pub key bad; do bench_load "$path" 8 >/dev/null; done; done
CAPACITY=$(bench_load pub 10)
RATE=${FLOOD_RATE:-$(awk -v c="$CAPACITY" 'BEGIN {printf "%d", c / 2}')}
CONNECTIONS=${PACE_CONNECTIONS:-32}
PACE_MS=$(awk -v c="$CONNECTIONS" -v r="$RATE" 'BEGIN {printf "%d", c * 1000 / r + 0.5}')
echo "== public route: $CAPACITY req/s under wrk; each load $CONNECTIONS connections, one request per $PACE_MS ms each (~$RATE req/s)"

# paced <url> <cred-file> <seconds>: one paced load's RESULT line.
paced() {
  CRED_FILE=$2 CRED_HEADER=x-api-key CRED_PREFIX="" WRK_THREADS=1 ONE_PASS=0 PACE_MS=$PACE_MS \
    taskset -c 1 wrk -t1 -c"$CONNECTIONS" -d"$3"s -s bench/wrk/creds.lua "$1" | grep '^RESULT'
}
field() { sed -n "s/.* $1=\([0-9]*\).*/\1/p" <<< "$2"; }
# phase <label> <flood url>: valid keys to the gateway while unknown keys go to <flood url>.
phase() {
  local flood_file=$OUT/flood.$$ valid
  paced "$2" "$D/unknown-keys.txt" $((SECONDS_EACH + 2)) > "$flood_file" &
  local flood_pid=$!
  sleep 1
  valid=$(paced "http://127.0.0.1:18080/api/hello" "$D/warm-keys.txt" "$SECONDS_EACH")
  wait "$flood_pid"
  [ "$(field non2xx "$valid")" = "0" ] || echo "WARNING: valid keys got non-2xx answers in phase $1: $valid" >&2
  printf '%s\t%.0f\t%.0f\t%s\t%s\n' "$1" \
    "$(awk -v n="$(field requests "$valid")" -v us="$(field duration_us "$valid")" 'BEGIN {print n * 1e6 / us}')" \
    "$(awk -v n="$(field requests "$(cat "$flood_file")")" -v us="$(field duration_us "$(cat "$flood_file")")" 'BEGIN {print n * 1e6 / us}')" \
    "$(field p50_us "$valid")" "$(field p99_us "$valid")"
}
printf 'round\tphase\tvalid req/s\tflood req/s\tvalid p50 µs\tvalid p99 µs\n' | tee "$OUT/flood.tsv"
for round in $(seq 1 "$ROUNDS"); do
  phase quiet "http://127.0.0.1:18091/api/hello" | sed "s/^/$round\t/"
  phase flood "http://127.0.0.1:18080/api/hello" | sed "s/^/$round\t/"
done | tee -a "$OUT/flood.tsv"
echo
awk -F '\t' 'NR > 1 { p99[$1, $2] = $6; p50[$1, $2] = $5; rate[$1, $2] = $3; rounds[$1] = 1 }
  END {
    n = 0
    for (r in rounds) { ratio[++n] = p99[r, "flood"] / p99[r, "quiet"]
      printf "round %s: valid keys at %d req/s, p99 %d µs quiet, %d µs in the flood: %.2f× (p50 %d → %d µs)\n", r,
        rate[r, "flood"], p99[r, "quiet"], p99[r, "flood"], ratio[n], p50[r, "quiet"], p50[r, "flood"] }
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (ratio[j] < ratio[i]) { t = ratio[i]; ratio[i] = ratio[j]; ratio[j] = t }
    m = n % 2 ? ratio[(n + 1) / 2] : (ratio[n / 2] + ratio[n / 2 + 1]) / 2
    printf "median valid-key p99 ratio, flood ÷ quiet: %.2f (target ≤ 1.20)\n", m
  }' "$OUT/flood.tsv" | tee "$OUT/flood-summary.txt"
