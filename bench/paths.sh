# Sourced by bench/ab-paired.sh, bench/alloc.sh and bench/profile.sh: bench gateways (CPU 0) behind the
# nginx upstream (CPU 1) that a previous bench/run.sh set up, and wrk load on one request path at a time.
# Every process it starts is stopped when the sourcing script ends, however it ends (the trap below).
#   pub  public route;  pubh  public route + 3 extra headers (what the key path injects);
#   pubk public route + a rotating x-api-key header (the key row's request bytes, no auth);
#   key  warm-key route (10,000 keys in rotation);  lim  the same keys on a route with a rate limit that
#   never refuses (counted in Redis unless RATE_LIMIT_STORE=local);  keyN  (key1, key100, ...) the first N of those keys;
#   jwt  repeated-JWT route;  bad  well-formed keys that were never stored (each refused with a 401).
set -euo pipefail
W=$PWD/bench/target/run
[ -f "$W/nginx.conf" ] || { echo "run bench/run.sh first (it seeds the database and writes $W)" >&2; exit 1; }
# Microseconds per clock tick of /proc/<pid>/stat's utime and stime (USER_HZ, usually 100).
BENCH_TICK_US=$((1000000 / $(getconf CLK_TCK)))

# The nginx and gateways started here; stopped on exit, and INT or TERM exit through it.
BENCH_PIDS=()
bench_stop() {
  if [ ${#BENCH_PIDS[@]} -gt 0 ]; then kill "${BENCH_PIDS[@]}" 2>/dev/null || true; fi
  wait 2>/dev/null || true
}
trap bench_stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# bench_start <gateway log file>: sets NGX and GW (pids) once the gateway answers its health check.
# GATEWAY_JAR picks the gateway to start (default: the one this checkout built; a peer's jar from
# bench/peers/*/target/ starts that peer instead).
bench_start() {
  bench_nginx
  bench_gateway "$1" 18080
}

# bench_nginx: starts the upstream (and the nginx peer) on CPU 1; sets NGX.
bench_nginx() {
  taskset -c 1 nginx -p "$W" -e "$W/nginx-error.log" -c "$W/nginx.conf" &
  NGX=$!
  BENCH_PIDS+=("$NGX")
}

# bench_gateway <log file> <port> [jar [JVM options]]: a gateway on CPU 0 (management port: port + 1000);
# sets GW once it answers its health check. The JVM options default to GATEWAY_JVM_OPTIONS.
bench_gateway() {
  local jvm_options
  read -r -a jvm_options <<< "${4-${GATEWAY_JVM_OPTIONS:-}}"
  # Rate limits (the lim path) count in this machine's Redis, under a prefix of this run's own.
  RATE_LIMIT_STORE=${RATE_LIMIT_STORE:-redis} GATEWAY_RATELIMIT_KEYPREFIX="bench-$$-$2:" \
  DB_NAME=apigw_bench PORT=$2 MANAGEMENT_PORT=$(($2 + 1000)) BACKEND_URI=http://127.0.0.1:18090 \
  JWKS_URI=http://127.0.0.1:18090/jwks.json taskset -c 0 java -Xms512m -Xmx512m "${jvm_options[@]}" \
    -jar "${3:-${GATEWAY_JAR:-gateway/target/gateway.jar}}" \
    --spring.config.additional-location=file:bench/gateway-bench.yml > "$1" 2>&1 &
  GW=$!
  BENCH_PIDS+=("$GW")
  # The peers (bench/peers/) serve health on their own port, as Spring Boot does by default.
  for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$(($2 + 1000))/actuator/health" >/dev/null 2>&1 && break
    curl -fs "http://127.0.0.1:$2/actuator/health" >/dev/null 2>&1 && break
    sleep 0.5
  done
}

# bench_load <path> <seconds> [gateway port, default 18080]: prints the requests per second wrk reached.
bench_load() {
  local base=http://127.0.0.1:${3:-18080} creds=() extra=()
  local url=$base/api/hello
  case $1 in
    pub) url=$base/public/hello ;;
    pubh) url=$base/public/hello
      extra=(-H "X-Extra-One: 8f32d6ae-b663-4120-82b9-ecedc40b35a6" -H "X-Extra-Two: api_key"
             -H "X-Extra-Three: f5635db6-bd48-4533-9fba-62e00c96dbbb") ;;
    pubk) url=$base/public/hello; creds=("$W/data/warm-keys.txt" x-api-key "") ;;
    key) creds=("$W/data/warm-keys.txt" x-api-key "") ;;
    lim) url=$base/limited/hello; creds=("$W/data/warm-keys.txt" x-api-key "") ;;
    key[0-9]*) local n=${1#key}
      [ -f "$W/data/warm-keys-$n.txt" ] || head -n "$n" "$W/data/warm-keys.txt" > "$W/data/warm-keys-$n.txt"
      creds=("$W/data/warm-keys-$n.txt" x-api-key "") ;;
    jwt) creds=("$W/data/tokens-repeated.txt" Authorization "Bearer ") ;;
    bad) creds=("$W/data/unknown-keys.txt" x-api-key "") ;;
    *) echo "unknown path $1 (pub pubh pubk key lim keyN jwt bad)" >&2; exit 2 ;;
  esac
  CRED_FILE=${creds[0]:-} CRED_HEADER=${creds[1]:-} CRED_PREFIX=${creds[2]:-} WRK_THREADS=2 ONE_PASS=0 \
    taskset -c 1 wrk -t2 -c32 -d"$2"s "${extra[@]}" -s bench/wrk/creds.lua "$url" | awk -v path="$1" '
      /Requests\/sec/ {print $2}
      /Non-2xx/ && path != "bad" {print "WARNING: " $NF " responses on path " path " were not 2xx: the figures measure refusals" > "/dev/stderr"}'
}

# bench_ticks <pid>: CPU time (user + system) the process has used so far, in clock ticks of
# BENCH_TICK_US microseconds each.
bench_ticks() {
  awk '{print $14 + $15}' "/proc/$1/stat"
}
