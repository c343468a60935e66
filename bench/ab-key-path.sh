#!/usr/bin/env bash
# A/B of what the warm-key path costs beyond the public route, in gateway CPU µs per request:
#   pub  public route;  pubh  public route + 3 extra headers (what the key path injects);
#   pubk public route + a rotating x-api-key header (the key row's request bytes, no auth);  key  warm-key route.
# Needs a previous bench/run.sh (its seeded database, data files and nginx.conf). ~6 minutes.
set -u
cd "$(dirname "$0")/.."
W=$PWD/bench/target/run
taskset -c 1 nginx -p "$W" -e "$W/nginx-error.log" -c "$W/nginx.conf" &
NGX=$!
DB_NAME=apigw_bench PORT=18080 MANAGEMENT_PORT=19080 BACKEND_URI=http://127.0.0.1:18090 JWKS_URI=http://127.0.0.1:18090/jwks.json \
  taskset -c 0 java -Xms512m -Xmx512m -jar gateway/target/gateway.jar --spring.config.additional-location=file:bench/gateway-bench.yml > "$W/ab-gateway.log" 2>&1 &
GW=$!
for _ in $(seq 1 120); do curl -fs http://127.0.0.1:19080/actuator/health >/dev/null 2>&1 && break; sleep 0.5; done
ticks() { awk '{print $14 + $15}' /proc/$GW/stat; }
H1="X-Extra-One: 8f32d6ae-b663-4120-82b9-ecedc40b35a6"; H2="X-Extra-Two: api_key"; H3="X-Extra-Three: f5635db6-bd48-4533-9fba-62e00c96dbbb"
pub()  { taskset -c 1 wrk -t2 -c32 -d$1s "http://127.0.0.1:18080/public/hello" | awk '/Requests\/sec/{print $2}'; }
pubh() { taskset -c 1 wrk -t2 -c32 -d$1s -H "$H1" -H "$H2" -H "$H3" "http://127.0.0.1:18080/public/hello" | awk '/Requests\/sec/{print $2}'; }
key()  { CRED_FILE=$W/data/warm-keys.txt CRED_HEADER=x-api-key CRED_PREFIX= WRK_THREADS=2 ONE_PASS=0 taskset -c 1 wrk -t2 -c32 -d$1s -s bench/wrk/creds.lua "http://127.0.0.1:18080/api/hello" | awk '/Requests\/sec/{print $2}'; }
pubk() { CRED_FILE=$W/data/warm-keys.txt CRED_HEADER=x-api-key CRED_PREFIX= WRK_THREADS=2 ONE_PASS=0 taskset -c 1 wrk -t2 -c32 -d$1s -s bench/wrk/creds.lua "http://127.0.0.1:18080/public/hello" | awk '/Requests\/sec/{print $2}'; }
for i in 1 2 3 4 5 6; do pub 8 >/dev/null; pubh 8 >/dev/null; key 8 > /dev/null; pubk 8 >/dev/null; done
measure() { local b=$(ticks); local r=$($1 10); local a=$(ticks); echo "$1 req/s=$r cpu_us_per_req=$(awk -v t=$((a-b)) -v r=$r 'BEGIN{printf "%.0f", t*10000/(r*10)}')"; }
for round in 1 2 3; do measure pub; measure pubh; measure pubk; measure key; done
kill $GW $NGX; wait 2>/dev/null
