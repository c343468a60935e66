#!/usr/bin/env bash
# Does a flood of unknown API keys slow valid callers? Valid-key latency at a constant rate, with and
# without a flood of well-formed keys that were never stored (each refused with a 401) at the same rate.
#   bench/flood.sh [rounds, default 3]
# The rate is half of what the public route serves under wrk (measured first; FLOOD_RATE sets it). Each
# round runs two 20 s phases (FLOOD_SECONDS), each with two open-loop generators (ConstantRate, over
# GENERATOR_CONNECTIONS kept-alive connections each, default 16) on CPU 1
# beside nginx, the gateway alone on CPU 0:
#   quiet   valid warm keys to the gateway + the same rate of unknown keys to nginx (so the generators'
#           own work is the same in both phases: only the gateway's load differs);
#   flood   valid warm keys to the gateway + unknown keys to the gateway.
# Prints each phase's valid-key p50/p99 and the p99 ratio flood ÷ quiet (target ≤ 1.20), and the
# medians. Needs a previous bench/run.sh (database, data, nginx.conf) and its build.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-3} SECONDS_EACH=${FLOOD_SECONDS:-20}
source bench/paths.sh
OUT=$PWD/bench/target/flood
mkdir -p "$OUT"
CP="$PWD/bench/target/bench.jar:$(cat bench/target/classpath.txt)"
D=$W/data
bench_start "$OUT/gateway.log"
echo "== warming: 6 rounds of 8 s per path"
for _ in 1 2 3 4 5 6; do for path in pub key bad; do bench_load "$path" 8 >/dev/null; done; done
CAPACITY=$(bench_load pub 10)
RATE=${FLOOD_RATE:-$(awk -v c="$CAPACITY" 'BEGIN {printf "%d", c / 2}')}
echo "== public route: $CAPACITY req/s under wrk; both generators at $RATE req/s"

# gen <url> <cred-file> <seconds>: one generator's RESULT line (2 s of its own warm-up).
gen() {
  WARMUP_SECONDS=2 GENERATOR_CONNECTIONS=${GENERATOR_CONNECTIONS:-16} taskset -c 1 java -cp "$CP" dev.apigw.bench.ConstantRate "$1" "$RATE" "$3" "$2" x-api-key "" \
    | grep '^RESULT'
}
field() { sed -n "s/.* $1=\([0-9]*\).*/\1/p" <<< "$2"; }
# phase <label> <flood url>: valid keys to the gateway while the other generator sends unknown keys to <flood url>.
phase() {
  local flood_file=$OUT/flood.$$ valid
  gen "$2" "$D/unknown-keys.txt" $((SECONDS_EACH + 2)) > "$flood_file" &
  local flood_pid=$!
  sleep 1
  valid=$(gen "http://127.0.0.1:18080/api/hello" "$D/warm-keys.txt" "$SECONDS_EACH")
  wait "$flood_pid"
  [ "$(field non2xx "$valid")" = "0" ] || echo "WARNING: valid keys got non-2xx answers in phase $1: $valid" >&2
  printf '%s\t%s\t%s\n' "$1" "$(field p50_us "$valid")" "$(field p99_us "$valid")"
}
printf 'round\tphase\tvalid p50 µs\tvalid p99 µs\n' | tee "$OUT/flood.tsv"
for round in $(seq 1 "$ROUNDS"); do
  phase quiet "http://127.0.0.1:18091/api/hello" | sed "s/^/$round\t/"
  phase flood "http://127.0.0.1:18080/api/hello" | sed "s/^/$round\t/"
done | tee -a "$OUT/flood.tsv"
echo
awk -F '\t' -v rate="$RATE" 'NR > 1 { p99[$1, $2] = $4; p50[$1, $2] = $3; rounds[$1] = 1 }
  END {
    n = 0
    for (r in rounds) { ratio[++n] = p99[r, "flood"] / p99[r, "quiet"]
      printf "round %s: valid p99 %d µs quiet, %d µs in the flood: %.2f× (p50 %d → %d µs)\n", r, p99[r, "quiet"],
        p99[r, "flood"], ratio[n], p50[r, "quiet"], p50[r, "flood"] }
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (ratio[j] < ratio[i]) { t = ratio[i]; ratio[i] = ratio[j]; ratio[j] = t }
    m = n % 2 ? ratio[(n + 1) / 2] : (ratio[n / 2] + ratio[n / 2 + 1]) / 2
    printf "median p99 ratio, flood ÷ quiet, at %d req/s each: %.2f (target ≤ 1.20)\n", rate, m
  }' "$OUT/flood.tsv" | tee "$OUT/flood-summary.txt"
