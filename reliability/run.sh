#!/usr/bin/env bash
# Fault and load scenarios: scale-out revocation, lost notifications, database outage, random-key
# flood, a shared rate limit with Redis cut off, and a soak, against three real gateway processes on
# this machine's PostgreSQL and Redis (REDIS_HOST/REDIS_PORT, default 127.0.0.1:6379; loopback only).
#   reliability/run.sh [quick|full] [scenario,...]
#     quick: a few minutes; full: ~35 minutes, with a 20-minute soak. Scenarios (all by default):
#     revocation, lost, outage, flood, limits, soak, e.g. `reliability/run.sh quick flood`.
# Uses DB_HOST/DB_PORT/DB_USER/DB_PASSWORD (default 127.0.0.1:5432 postgres) and creates database
# apigw_reliability there. The quick, deterministic parts also run in ./mvnw verify.
set -euo pipefail
MODE=${1:-quick}
cd "$(dirname "$0")/.."
SCENARIOS=${2:-revocation,lost,outage,flood,limits,soak}
USAGE="usage: reliability/run.sh [quick|full] [scenario,...]"
case "$MODE" in
  quick|full) ;;
  -h|--help) echo "$USAGE"; exit 0 ;;
  *) echo "$USAGE" >&2; exit 2 ;;
esac
echo "== building the reliability module (and the gateway and bench it uses)"
./mvnw -q -Preliability -pl reliability -am -DskipTests package
CP="$PWD/reliability/target/reliability.jar:$(cat reliability/target/classpath.txt)"
OUT="$PWD/reliability/results/reliability-$MODE-$(date -u +%Y-%m-%dT%H%M%SZ).md"
exec java -cp "$CP" dev.apigw.reliability.ReliabilitySuite "$MODE" "$PWD" "${DB_HOST:-127.0.0.1}" \
  "${DB_PORT:-5432}" "${DB_USER:-postgres}" "$OUT" "$SCENARIOS"
