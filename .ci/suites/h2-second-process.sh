#!/usr/bin/env bash
# A second Concord process on the same H2 file must fail cleanly (exit, non-zero, a clear log
# line) while the first keeps serving. Uses the packaged jar built by ./mvnw verify.
set -euo pipefail
cd "$(dirname "$0")/../.."
JAR=target/quarkus-app/quarkus-run.jar
[ -f "$JAR" ] || ./mvnw -q -B package -DskipTests
WORK=$(mktemp -d)
PORT_A=18291; PORT_B=18292
cleanup() { [ -n "${PID_A:-}" ] && kill "$PID_A" 2>/dev/null || true; [ -n "${PID_B:-}" ] && kill -9 "$PID_B" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

CONCORD_ADMIN_PASSWORD=first-process-pw CONCORD_DATA_DIR="$WORK/data" QUARKUS_HTTP_PORT=$PORT_A \
  java -jar "$JAR" > "$WORK/a.log" 2>&1 &
PID_A=$!
for _ in $(seq 1 60); do curl -sf "localhost:$PORT_A/q/health/ready" >/dev/null && break; sleep 1; done
curl -sf "localhost:$PORT_A/q/health/ready" >/dev/null || { cat "$WORK/a.log"; echo "first process did not start"; exit 1; }

set +e
CONCORD_DATA_DIR="$WORK/data" QUARKUS_HTTP_PORT=$PORT_B timeout 60 java -jar "$JAR" > "$WORK/b.log" 2>&1 &
PID_B=$!
wait "$PID_B"; STATUS_B=$?
set -e
if [ "$STATUS_B" -eq 0 ] || [ "$STATUS_B" -eq 124 ]; then
  cat "$WORK/b.log"; echo "FAIL: the second process did not exit with an error (status $STATUS_B)"; exit 1
fi
grep -qiE "already in use|locked" "$WORK/b.log" || { cat "$WORK/b.log"; echo "FAIL: no clear 'in use/locked' message"; exit 1; }
curl -sf -u admin:first-process-pw "localhost:$PORT_A/api/projects" >/dev/null || { echo "FAIL: the first process stopped serving"; exit 1; }
echo "OK: second process exited with status $STATUS_B ($(grep -oiE 'database may be already in use[^.]*|file is locked[^.]*' "$WORK/b.log" | head -1)); the first keeps serving"
