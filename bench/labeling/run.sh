#!/usr/bin/env bash
# Labeling benchmark: the packaged app on H2 (durable commits), 64 concurrent labelers doing
# queue/next + label submit; saturation throughput, steady 1,000 labels/s latency, a trivial
# endpoint in the same run, and the raw commit rate of the same database.
# Usage: bench/labeling/run.sh [labelers] [seconds] [rate]
#        BENCH_DB=postgres bench/labeling/run.sh ...   the same against PostgreSQL (127.0.0.1:5432,
#        user postgres, a fresh database concord_bench; the app built with the postgres profile)
#        BENCH_QUICK=1 bench/labeling/run.sh ...   after the warm-up only the saturation with one
#        request per label and GET /api/me (about 2 minutes: for comparing two builds back to back)
#        BENCH_WARMUP=<seconds> each of the two warm-up phases (default 40)
# With wrk on the PATH (apt-get install -y wrk) the phases run once more with wrk as the load
# generator (bench/labeling/labelers.lua), which takes less of the two cores than the Java client.
set -euo pipefail
cd "$(dirname "$0")/../.."
LABELERS=${1:-64}; SECONDS_PER_RUN=${2:-20}; RATE=${3:-1000}
WORK=$(mktemp -d)
PORT=18341
if [ "${BENCH_DB:-h2}" = postgres ]; then
  . .ci/lib/postgres.sh
  PGDB=concord_bench
  fresh_postgres_database $PGDB
  APP=$(build_for_postgres)
  export QUARKUS_PROFILE=postgres POSTGRES_URL="jdbc:postgresql://127.0.0.1:5432/$PGDB"
  DRIVER=$(find ~/.m2/repository/org/postgresql/postgresql -name 'postgresql-*.jar' | sort | tail -1)
  RAW="jdbc:postgresql://127.0.0.1:5432/$PGDB?user=postgres"
else
  [ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -q -B package -DskipTests
  APP=target/quarkus-app/quarkus-run.jar
  DRIVER=$(find ~/.m2/repository/com/h2database/h2 -name 'h2-*.jar' | sort | tail -1)
  RAW="$WORK/raw"
fi
CONCORD_ADMIN_PASSWORD=bench-admin-pw CONCORD_DATA_DIR="$WORK/data" QUARKUS_HTTP_PORT=$PORT \
  java -Xmx1g -XX:+UseParallelGC ${BENCH_JAVA_OPTS:-} -jar "$APP" > "$WORK/app.log" 2>&1 &
PID=$!
# BENCH_APP_LOG=file keeps the app's log. -XX:+UseParallelGC as README's "Running the packaged jar"
# recommends on two cores (until the fourth session: G1 with -XX:MaxTenuringThreshold=1); BENCH_JAVA_OPTS adds or overrides JVM options, BENCH_CLIENT_OPTS those of the load generator.
trap 'kill $PID 2>/dev/null; [ -z "${BENCH_APP_LOG:-}" ] || cp "$WORK/app.log" "$BENCH_APP_LOG"; rm -rf "$WORK"' EXIT
for _ in $(seq 1 60); do curl -sf "localhost:$PORT/q/health/ready" >/dev/null && break; sleep 1; done
curl -sf "localhost:$PORT/q/health/ready" >/dev/null || { cat "$WORK/app.log"; exit 1; }
echo "date: $(date -u +%Y-%m-%dT%H:%MZ); host: $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB; database: ${BENCH_DB:-h2}"
java ${BENCH_CLIENT_OPTS:-} -cp "$DRIVER" bench/labeling/LabelBench.java "http://localhost:$PORT" "$LABELERS" "$SECONDS_PER_RUN" "$RATE" "$RAW"
