#!/usr/bin/env bash
# Builds the system and runs it locally: demo backend, key-admin-service and gateway against the
# PostgreSQL in DB_HOST/DB_PORT/DB_USER/DB_PASSWORD (default 127.0.0.1:5432, postgres). Ctrl-C stops it.
set -euo pipefail
cd "$(dirname "$0")"
echo "Building (tests skipped; run ./mvnw verify for those)..."
./mvnw -q -DskipTests package
exec java -jar local-run/target/local-run-exec.jar "$@"
