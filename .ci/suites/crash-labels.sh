#!/usr/bin/env bash
# Every acknowledged label, resolution and dataset version survives kill -9 of the app on H2: the
# packaged app runs under write load (8 labelers, and an SME resolving reviews and releasing datasets)
# is killed with SIGKILL at a random moment, restarted, and everything the clients saw acknowledged
# (HTTP 200/201) must be there: each label with its value, each resolution, each dataset version
# with files matching its manifest's SHA-256 (see label_load.py verify).
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
# Kill at a random moment once enough has been acknowledged to prove something (however slow the
# machine): 100 labels, 3 resolutions and a dataset version, then 0-3 s more of load.
for _ in $(seq 1 240); do
  LABELS=0; [ -f "$WORK/acked.log" ] && LABELS=$(wc -l < "$WORK/acked.log")
  RESOLVED=$(grep -c '^resolution' "$WORK/sme.log" 2>/dev/null || true)
  RELEASED=$(grep -c '^dataset' "$WORK/sme.log" 2>/dev/null || true)
  [ "${LABELS:-0}" -ge 100 ] && [ "${RESOLVED:-0}" -ge 3 ] && [ "${RELEASED:-0}" -ge 1 ] && break
  sleep 0.5
done
sleep "$(python3 -c 'import random; print(round(random.uniform(0, 3), 2))')"
kill -9 "$PID"
echo "killed the app with SIGKILL"
wait "$LOAD" || true
PID=""
start
python3 .ci/suites/label_load.py verify "http://localhost:$PORT" "$WORK"
