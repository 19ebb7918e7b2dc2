#!/usr/bin/env bash
# The course lab's side: the packaged app (H2) seeds the demo comment-spam project; an SME token
# releases a version in the lab's CSV layout (CLASS = 1/0); examples/python/pull_and_train.py pulls
# `latest`, checks its SHA-256 against the manifest, and trains and scores a model; then
# examples/python/error_analysis.py trains the lab's model, sends its predictions and prints the
# slices ranked by what there is to gain.
set -euo pipefail
cd "$(dirname "$0")/../.."
if ! /usr/bin/python3 -c "import pandas, sklearn, requests" 2>/dev/null; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-pandas python3-sklearn python3-requests >/dev/null)
fi
JAR=target/quarkus-app/quarkus-run.jar
[ -f "$JAR" ] || ./mvnw -q -B package -DskipTests
WORK=$(mktemp -d)
PORT=18311
PID=""
cleanup() { [ -n "$PID" ] && kill "$PID" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
CONCORD_DEMO=true CONCORD_DATA_DIR="$WORK/data" QUARKUS_HTTP_PORT=$PORT java -jar "$JAR" > "$WORK/app.log" 2>&1 &
PID=$!
for _ in $(seq 1 90); do curl -sf "localhost:$PORT/q/health/ready" >/dev/null && break; sleep 1; done
curl -sf "localhost:$PORT/q/health/ready" >/dev/null || { cat "$WORK/app.log"; echo "FAIL: app did not start"; exit 1; }
TOKEN=$(curl -sf -u sam:concord-demo -H 'Content-Type: application/json' -d '{"name":"ci"}' "localhost:$PORT/api/me/tokens" \
  | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
curl -sf -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d '{"splits":{"train":0.8,"test":0.2},"seed":42,"labelColumn":"CLASS"}' \
  "localhost:$PORT/api/projects/comment-spam/datasets" > "$WORK/release.json"
/usr/bin/python3 -c 'import json,sys; m=json.load(open(sys.argv[1])); print("released version", m["version"], "with", m["examples"], "examples; left out:", m["leftOut"])' "$WORK/release.json"
CONCORD_URL="http://localhost:$PORT" CONCORD_TOKEN="$TOKEN" /usr/bin/python3 examples/python/pull_and_train.py comment-spam | tee "$WORK/client.log"
grep -q "verified" "$WORK/client.log" && grep -q "test accuracy" "$WORK/client.log" || { echo "FAIL: the client did not verify and score"; exit 1; }
CONCORD_URL="http://localhost:$PORT" CONCORD_TOKEN="$TOKEN" /usr/bin/python3 examples/python/error_analysis.py comment-spam | tee "$WORK/analysis.log"
grep -q "^sent [0-9]* predictions as run" "$WORK/analysis.log" && grep -q "ranked by potential" "$WORK/analysis.log" \
  || { echo "FAIL: the error analysis did not send predictions and rank the slices"; exit 1; }
echo "OK: the Python client pulled, verified and trained, and its predictions were analysed"
