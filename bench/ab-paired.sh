#!/usr/bin/env bash
# Two gateway builds side by side, measured in alternation, to tell a change of a few per cent from
# the machine's noise (findings 19 and 21).
#   bench/ab-paired.sh <jar-a> <jar-b> [pairs, default 20] [paths, default "pub key jwt"]
# Both gateways run at once on CPU 0 (ports 18080 and 18082), only one of them under load at a time.
# After warming both (6 rounds of 8 s over every path), each pair measures every path on A and on B in
# short bursts (BURST seconds, default 3), back to back, the order alternating between pairs. What
# the machine does to one burst it does to the other, so the ratio B/A of a pair cancels the swings
# that move whole 10 s rows by ±20 % on a noisy machine. It does not cancel what each launch's JIT made
# of the code: two launches of the same jar differed by 10-16 % here (finding 21), so run it several
# times, with the builds' positions swapped, before believing a few per cent. Prints, per path, the
# median ratio B/A of req/s, how many pairs B won, and each build's median gateway CPU µs per request
# and throughput as a multiple of the first path's (its own pub burst of the same pair). Needs a previous bench/run.sh (its
# database, data and nginx.conf). Takes about 5 minutes plus pairs × paths × 2 × (BURST + 1) seconds.
# JVM_OPTIONS_A / JVM_OPTIONS_B: JVM options for each (default GATEWAY_JVM_OPTIONS), to compare settings
# of one jar. Raw rows: bench/target/ab/paired.tsv (pair, path, build, req/s, CPU µs per request).
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 2 ] || { echo "usage: bench/ab-paired.sh <jar-a> <jar-b> [pairs] [paths]" >&2; exit 2; }
JAR_A=$1 JAR_B=$2 PAIRS=${3:-20} BURST=${BURST:-3}
read -r -a PATHS <<< "${4:-pub key jwt}"
source bench/paths.sh
OUT=$PWD/bench/target/ab
mkdir -p "$OUT"
ROWS=$OUT/paired.tsv
: > "$ROWS"
# nginx and both gateways are stopped by bench/paths.sh's trap when this script ends.
bench_nginx
bench_gateway "$OUT/gateway-a.log" 18080 "$JAR_A" "${JVM_OPTIONS_A-${GATEWAY_JVM_OPTIONS:-}}"; GW_A=$GW
bench_gateway "$OUT/gateway-b.log" 18082 "$JAR_B" "${JVM_OPTIONS_B-${GATEWAY_JVM_OPTIONS:-}}"; GW_B=$GW

echo "== warming both gateways: 6 rounds of 8 s over ${PATHS[*]}"
for _ in 1 2 3 4 5 6; do
  for path in "${PATHS[@]}"; do bench_load "$path" 8 18080 >/dev/null; bench_load "$path" 8 18082 >/dev/null; done
done

burst() { # burst <pair> <path> <build>
  local port=18080 pid=$GW_A before after rate
  [ "$3" = B ] && port=18082 pid=$GW_B
  before=$(bench_ticks "$pid"); rate=$(bench_load "$2" "$BURST" "$port"); after=$(bench_ticks "$pid")
  # µs per request = ticks * µs per tick / (rate * BURST)
  printf '%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$rate" \
    "$(awk -v t=$((after - before)) -v us="$BENCH_TICK_US" -v r="$rate" -v s="$BURST" 'BEGIN{printf "%.1f", t * us / (r * s)}')" >> "$ROWS"
}
echo "== $PAIRS pairs of ${BURST} s bursts per path"
for pair in $(seq 1 "$PAIRS"); do
  for path in "${PATHS[@]}"; do
    if [ $((pair % 2)) -eq 1 ]; then burst "$pair" "$path" A; burst "$pair" "$path" B
    else burst "$pair" "$path" B; burst "$pair" "$path" A; fi
  done
done

awk -F '\t' -v paths="${PATHS[*]}" '
  function median(list,   n, a, i, j, t) {
    n = split(list, a, " ")
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  { rate[$1, $2, $3] = $4; cpu[$2, $3] = cpu[$2, $3] " " $5; if ($1 > pairs) pairs = $1 }
  END {
    np = split(paths, p, " ")
    printf "%-6s %12s %10s %14s %14s %10s %10s\n", "path", "B/A req/s", "B won", "A cpu µs/req", "B cpu µs/req",
      "A × " p[1], "B × " p[1]
    for (i = 1; i <= np; i++) {
      ratios = ""; won = 0; ra = ""; rb = ""
      for (k = 1; k <= pairs; k++) {
        ratios = ratios " " rate[k, p[i], "B"] / rate[k, p[i], "A"]
        if (rate[k, p[i], "B"] > rate[k, p[i], "A"]) won++
        ra = ra " " rate[k, p[i], "A"] / rate[k, p[1], "A"]
        rb = rb " " rate[k, p[i], "B"] / rate[k, p[1], "B"]
      }
      printf "%-6s %12.3f %7d/%-2d %14.1f %14.1f %10.3f %10.3f\n", p[i], median(ratios), won, pairs,
        median(cpu[p[i], "A"]), median(cpu[p[i], "B"]), median(ra), median(rb)
    }
  }' "$ROWS" | tee "$OUT/paired-summary.txt"
