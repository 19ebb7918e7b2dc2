#!/usr/bin/env bash
# Labeling benchmark: the packaged app on H2 (durable commits), 64 concurrent labelers doing
# queue/next + label submit; saturation throughput, steady 1,000 labels/s latency, a trivial
# endpoint in the same run, and the raw H2 commit rate. Usage: bench/labeling/run.sh [labelers] [seconds] [rate]
set -euo pipefail
cd "$(dirname "$0")/../.."
LABELERS=${1:-64}; SECONDS_PER_RUN=${2:-20}; RATE=${3:-1000}
[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -q -B package -DskipTests
H2=$(find ~/.m2/repository/com/h2database/h2 -name 'h2-*.jar' | sort | tail -1)
WORK=$(mktemp -d)
PORT=18341
CONCORD_ADMIN_PASSWORD=bench-admin-pw CONCORD_DATA_DIR="$WORK/data" QUARKUS_HTTP_PORT=$PORT \
  java -Xmx1g ${BENCH_JAVA_OPTS:-} -jar target/quarkus-app/quarkus-run.jar > "$WORK/app.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 1 60); do curl -sf "localhost:$PORT/q/health/ready" >/dev/null && break; sleep 1; done
echo "date: $(date -u +%Y-%m-%dT%H:%MZ); host: $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB"
java -cp "$H2" bench/labeling/LabelBench.java "http://localhost:$PORT" "$LABELERS" "$SECONDS_PER_RUN" "$RATE" "$WORK/raw"
