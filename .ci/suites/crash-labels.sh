#!/usr/bin/env bash
# Every acknowledged label survives kill -9 of the app on H2: the packaged app runs under label
# load from 8 client threads, is killed with SIGKILL at a random moment, restarted, and every
# label the clients saw acknowledged (HTTP 200/201) must be there with its value.
set -euo pipefail
cd "$(dirname "$0")/../.."
JAR=target/quarkus-app/quarkus-run.jar
[ -f "$JAR" ] || ./mvnw -q -B package -DskipTests
WORK=$(mktemp -d)
PORT=18301
PID=""
cleanup() { [ -n "$PID" ] && kill -9 "$PID" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

start() {
  CONCORD_ADMIN_PASSWORD=crash-test-admin CONCORD_DATA_DIR="$WORK/data" QUARKUS_HTTP_PORT=$PORT \
    java -Xmx512m -jar "$JAR" >> "$WORK/app.log" 2>&1 &
  PID=$!
  for _ in $(seq 1 60); do curl -sf "localhost:$PORT/q/health/ready" >/dev/null && return 0; sleep 1; done
  cat "$WORK/app.log"; echo "FAIL: the app did not start"; exit 1
}

start
python3 .ci/suites/label_load.py setup "http://localhost:$PORT" "$WORK"
python3 .ci/suites/label_load.py load "http://localhost:$PORT" "$WORK" &
LOAD=$!
sleep "$(python3 -c 'import random; print(round(random.uniform(3, 7), 2))')"
kill -9 "$PID"
echo "killed the app with SIGKILL"
wait "$LOAD" || true
PID=""
start
python3 .ci/suites/label_load.py verify "http://localhost:$PORT" "$WORK"
