#!/usr/bin/env bash
# Bytes allocated per request on each path of one gateway, with its CPU time and collections per request.
#   bench/alloc.sh [paths, default "pub key jwt"] [rounds, default 5]
# Allocation per request is the steadiest figure this machine gives: it does not move with the
# machine's speed, so a change of 1 KB per request shows in one launch where a change of a few per cent
# of throughput needs many (finding 27). Needs a previous bench/run.sh (its database, data and
# nginx.conf). After warming every path (6 rounds of 8 s), each round runs every path for 8 s after a 3 s
# lead-in and reads the gateway's heap counters (jstat -gc) before and after: bytes allocated = growth
# of eden + eden's size times the young collections in between (eden is full when one starts). Prints
# one line per path and round: req/s, gateway CPU µs per request, KB allocated per request, young
# collections, and collection time in ms per 1,000 requests. Takes about 4 minutes plus
# rounds × paths × 12 s. GATEWAY_JAR and GATEWAY_JVM_OPTIONS as in bench/paths.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
read -r -a PATHS <<< "${1:-pub key jwt}"
ROUNDS=${2:-5} SECONDS_EACH=8
source bench/paths.sh
OUT=$PWD/bench/target/alloc
mkdir -p "$OUT"
bench_start "$OUT/gateway.log" # nginx and the gateway: stopped by bench/paths.sh's trap at exit
echo "== warming ${PATHS[*]}: 6 rounds of 8 s"
for _ in 1 2 3 4 5 6; do for path in "${PATHS[@]}"; do bench_load "$path" 8 >/dev/null; done; done

counters() { # eden capacity and use (KB), young collections, collection seconds (young + full), CPU ticks
  taskset -c 1 jstat -gc "$GW" | awk 'NR == 2 {print $5, $6, $13, $14 + $16}'
  bench_ticks "$GW"
}
printf 'round\tpath\treq/s\tCPU µs/request\tKB/request\tyoung GCs\tGC ms/1000 requests\n'
for round in $(seq 1 "$ROUNDS"); do
  for path in "${PATHS[@]}"; do
    bench_load "$path" 3 >/dev/null
    read -r -d '' eden used0 young0 gc0 ticks0 < <(counters) || true
    rate=$(bench_load "$path" "$SECONDS_EACH")
    read -r -d '' _ used1 young1 gc1 ticks1 < <(counters) || true
    awk -v round="$round" -v path="$path" -v rate="$rate" -v s="$SECONDS_EACH" -v eden="$eden" \
        -v used0="$used0" -v used1="$used1" -v young=$((young1 - young0)) -v gc0="$gc0" -v gc1="$gc1" \
        -v ticks=$((ticks1 - ticks0)) -v tick_us="$BENCH_TICK_US" 'BEGIN {
      n = rate * s
      printf "%d\t%s\t%.0f\t%.1f\t%.2f\t%d\t%.3f\n", round, path, rate, ticks * tick_us / n,
        (used1 - used0 + young * eden) / n, young, (gc1 - gc0) * 1e6 / n }'
  done
done | tee "$OUT/alloc.tsv"
