#!/usr/bin/env bash
# A/B of what the warm-key path costs beyond the public route, in gateway CPU µs per request:
#   pub  public route;  pubh  public route + 3 extra headers (what the key path injects);
#   pubk public route + a rotating x-api-key header (the key row's request bytes, no auth);  key  warm-key route.
# Needs a previous bench/run.sh (its seeded database, data files and nginx.conf). ~6 minutes.
set -u
cd "$(dirname "$0")/.."
source bench/paths.sh
bench_start "$W/ab-gateway.log"
for i in 1 2 3 4 5 6; do for path in pub pubh key pubk; do bench_load $path 8 >/dev/null; done; done
measure() { local b=$(bench_ticks $GW); local r=$(bench_load $1 10); local a=$(bench_ticks $GW); echo "$1 req/s=$r cpu_us_per_req=$(awk -v t=$((a-b)) -v r=$r 'BEGIN{printf "%.0f", t*10000/(r*10)}')"; }
for round in 1 2 3; do measure pub; measure pubh; measure pubk; measure key; done
kill $GW $NGX; wait 2>/dev/null
