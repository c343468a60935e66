#!/usr/bin/env bash
# This gateway against the peers a Spring user would otherwise run, in one run, by the figures that
# hold still on a shared machine: gateway CPU µs per request and KB allocated per request.
#   bench/peers.sh [rounds, default 5]
# Three gateways run at once on CPU 0, only one of them under load at a time (wrk and the nginx
# upstream on CPU 1): this gateway (:18080), stock Spring Cloud Gateway (:18082, bench/peers/scg-stock)
# and Spring Cloud Gateway with Spring Security's OAuth2 resource server (:18084,
# bench/peers/scg-security), all with the same heap and the same upstream. After warming each for 6 × 8 s
# per path, each round measures every row below for SECONDS_EACH (default 8) after a 3 s lead-in, and
# reads the process's CPU time and heap counters (jstat -gc) around it, as bench/alloc.sh does. Prints
# one line per round and row, then the median of each row and the target ratios. Needs a previous
# bench/run.sh (database, data, nginx.conf) and the peers built (bench/run.sh builds them with -Pbench).
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-5} SECONDS_EACH=${SECONDS_EACH:-8}
source bench/paths.sh
OUT=$PWD/bench/target/peers
mkdir -p "$OUT"
STOCK_JAR=bench/peers/scg-stock/target/scg-stock.jar SECURITY_JAR=bench/peers/scg-security/target/scg-security.jar
for jar in "$STOCK_JAR" "$SECURITY_JAR"; do
  [ -f "$jar" ] || { echo "missing $jar: ./mvnw -Pbench -DskipTests package" >&2; exit 1; }
done
# Rows: label, port, path. "bad" is a flood of well-formed unknown keys (401s, no upstream call).
ROWS=("ours-public 18080 pub" "ours-key 18080 key" "ours-key-limited 18080 lim" "ours-jwt 18080 jwt"
      "ours-unknown-key 18080 bad"
      "stock-scg-public 18082 pub" "scg-security-public 18084 pub" "scg-security-jwt 18084 jwt")
bench_nginx
bench_gateway "$OUT/ours.log" 18080; declare -A PID=([18080]=$GW)
bench_gateway "$OUT/stock.log" 18082 "$STOCK_JAR"; PID[18082]=$GW
bench_gateway "$OUT/security.log" 18084 "$SECURITY_JAR"; PID[18084]=$GW

echo "== warming: 6 rounds of 8 s per row"
for _ in 1 2 3 4 5 6; do
  for row in "${ROWS[@]}"; do read -r _ port path <<< "$row"; bench_load "$path" 8 "$port" >/dev/null; done
done

counters() { # <pid>: eden capacity and use (KB), young collections, CPU ticks
  taskset -c 1 jstat -gc "$1" | awk 'NR == 2 {print $5, $6, $13}'
  bench_ticks "$1"
}
printf 'round\trow\treq/s\tCPU µs/request\tKB/request\n' | tee "$OUT/peers.tsv"
for round in $(seq 1 "$ROUNDS"); do
  for row in "${ROWS[@]}"; do
    read -r label port path <<< "$row"
    pid=${PID[$port]}
    bench_load "$path" 3 "$port" >/dev/null
    read -r -d '' eden used0 young0 ticks0 < <(counters "$pid") || true
    rate=$(bench_load "$path" "$SECONDS_EACH" "$port")
    read -r -d '' _ used1 young1 ticks1 < <(counters "$pid") || true
    awk -v round="$round" -v label="$label" -v rate="$rate" -v s="$SECONDS_EACH" -v eden="$eden" \
        -v used0="$used0" -v used1="$used1" -v young=$((young1 - young0)) -v ticks=$((ticks1 - ticks0)) \
        -v tick_us="$BENCH_TICK_US" 'BEGIN { n = rate * s
      printf "%d\t%s\t%.0f\t%.1f\t%.2f\n", round, label, rate, ticks * tick_us / n, (used1 - used0 + young * eden) / n }'
  done | tee -a "$OUT/peers.tsv"
done

echo
echo "== medians over $ROUNDS rounds, and the targets (issue: faster than stock SCG while authenticating)"
awk -F '\t' 'NR > 1 { rate[$2] = rate[$2] " " $3; cpu[$2] = cpu[$2] " " $4; kb[$2] = kb[$2] " " $5; rows[$2] = 1 }
  function median(list,   n, a, i, j, t) {
    n = split(list, a, " ")
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  END {
    printf "%-22s %10s %16s %12s\n", "row", "req/s", "CPU µs/request", "KB/request"
    for (r in rows) { R[r] = median(rate[r]); C[r] = median(cpu[r]); K[r] = median(kb[r])
      printf "%-22s %10.0f %16.1f %12.2f\n", r, R[r], C[r], K[r] }
    printf "\nwarm key ÷ stock SCG: CPU %.2f (target ≤ 0.80), bytes %.2f (target ≤ 0.70)\n", C["ours-key"] / C["stock-scg-public"], K["ours-key"] / K["stock-scg-public"]
    printf "repeated JWT ÷ stock SCG: CPU %.2f (target ≤ 0.80), bytes %.2f (target ≤ 0.70)\n", C["ours-jwt"] / C["stock-scg-public"], K["ours-jwt"] / K["stock-scg-public"]
    printf "repeated JWT ÷ SCG + Spring Security JWT: CPU %.2f (target ≤ 0.50)\n", C["ours-jwt"] / C["scg-security-jwt"]
    printf "unknown key ÷ warm key: CPU %.2f (target ≤ 0.30)\n", C["ours-unknown-key"] / C["ours-key"]
    printf "rate limit on (Redis) − warm key: CPU %+.1f µs (target ≤ 10), %+.2f KB\n", C["ours-key-limited"] - C["ours-key"], K["ours-key-limited"] - K["ours-key"]
  }' "$OUT/peers.tsv" | tee "$OUT/peers-summary.txt"
