#!/usr/bin/env bash
# Dataset release benchmark: 200,000 examples x 5 labelers (~900,000 labels after 10% missing,
# imported through the API as a user would: bench/lib/load.sh), the packaged app on H2 limited to -Xmx256m, one
# POST /api/projects/bench/datasets through HTTP (consensus, splits, the version's snapshot, data.csv,
# data.jsonl and manifest.json written with their SHA-256). Target (PRODUCT.md): under 2.5 s for the first release. Each release's phases
# (wall/CPU ms of the request thread) are printed from the app's DEBUG log.
# Usage: bench/datasets/run.sh [examples]
# BENCH_ANALYSIS=1 (what bench/analysis/run.sh does): then 200,000 predictions on version 1 are sent
# and GET .../predictions/{run}/analysis is timed (bar: under 2 s).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
N=${1:-200000}
PORT=${BENCH_PORT:-8292}
PASSWORD=bench-admin-password
[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -q -B package -DskipTests
. bench/lib/load.sh
DIR=$(mktemp -d /tmp/concord-dataset-bench.XXXXXX)
PID=""
cleanup() { [ -n "$PID" ] && kill "$PID" 2>/dev/null; wait 2>/dev/null || true; [ -n "${KEEP:-}" ] || rm -rf "$DIR"; }
trap cleanup EXIT
start() {
  (cd "$DIR" && exec env CONCORD_ADMIN_PASSWORD=$PASSWORD QUARKUS_HTTP_PORT=$PORT java -Xmx256m ${BENCH_JAVA_OPTS:-} -Dquarkus.log.category.\"dev.concord.dataset\".level=DEBUG -jar "$ROOT/target/quarkus-app/quarkus-run.jar" >>"$DIR/app.log" 2>&1) &
  PID=$!
  for _ in $(seq 1 120); do curl -fsS "http://127.0.0.1:$PORT/q/health/ready" >/dev/null 2>&1 && return 0; sleep 0.5; done
  cat "$DIR/app.log"; exit 1
}
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo); java: $(java -version 2>&1 | head -1); date: $(date -u +%Y-%m-%dT%H:%MZ)"
start
curl -fsS -u admin:$PASSWORD -H 'Content-Type: application/json' -o /dev/null \
  -d '{"slug":"bench","name":"Dataset benchmark","modality":"text","labels":["scratch","dent","pit","none"],"overlap":4,"agreementThreshold":0.5}' \
  "http://127.0.0.1:$PORT/api/projects"
TOKEN=$(curl -fsS -u admin:$PASSWORD -H 'Content-Type: application/json' -d '{"name":"bench"}' "http://127.0.0.1:$PORT/api/me/tokens" \
  | python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])')
load_through_api "http://127.0.0.1:$PORT/api" "$TOKEN" bench "$N" text "$DIR"
# a fresh process for the releases, as the first release after a start is the bar
kill "$PID"; wait "$PID" 2>/dev/null || true
start
for v in 1 2; do
  T=$(curl -fsS -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -o "$DIR/manifest.json" -w '%{time_total}' \
    -d '{"splits":{"train":0.8,"dev":0.1,"test":0.1},"seed":42}' "http://127.0.0.1:$PORT/api/projects/bench/datasets")
  python3 - "$DIR/manifest.json" "$T" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
files = ", ".join(f"{k} {v['size'] / 1e6:.1f} MB" for k, v in m["files"].items())
print(f"  release v{m['version']}: {float(sys.argv[2]):.2f} s through HTTP with -Xmx256m; {m['examples']} examples released,"
      f" left out {m['leftOut']}; files: {files}")
PY
done
grep -o 'released bench.*' "$DIR/app.log" | sed 's/^/  /' || true
echo "  heap after: $(jcmd "$PID" GC.heap_info | grep -m1 'total' | sed 's/^ *//')"
if [ -n "${BENCH_ANALYSIS:-}" ]; then
  curl -fsS -H "Authorization: Bearer $TOKEN" -o "$DIR/v1.csv" "http://127.0.0.1:$PORT/api/projects/bench/datasets/1/data.csv"
  python3 - "$DIR/v1.csv" "$DIR/predictions.csv" <<'PY'
import csv, random, sys
random.seed(7)
labels = ["scratch", "dent", "pit", "none"]
with open(sys.argv[1], newline="") as f, open(sys.argv[2], "w", newline="") as out:
    w = csv.writer(out)
    w.writerow(["key", "prediction", "score"])
    n = 0
    for row in csv.DictReader(f):
        if n == 200000:
            break
        right = random.random() < 0.9
        w.writerow([row["key"], row["label"] if right else random.choice([l for l in labels if l != row["label"]]), round(random.random(), 3)])
        n += 1
print(f"  predictions: {n} rows")
PY
  T=$(curl -fsS -H "Authorization: Bearer $TOKEN" -F "file=@$DIR/predictions.csv;type=text/csv" -o "$DIR/run.json" -w '%{time_total}' \
    "http://127.0.0.1:$PORT/api/projects/bench/datasets/1/predictions?model=bench")
  RUN=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["run"])' "$DIR/run.json")
  echo "  upload of the predictions: ${T} s ($(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["predictions"])' "$DIR/run.json") stored)"
  for slice in "" "class" "guide-version"; do
    for attempt in 1 2; do
      T=$(curl -fsS -H "Authorization: Bearer $TOKEN" -o "$DIR/analysis.json" -w '%{time_total}' \
        "http://127.0.0.1:$PORT/api/projects/bench/datasets/1/predictions/$RUN/analysis?slice=$slice")
      python3 - "$DIR/analysis.json" "$T" "$attempt" <<'PY'
import json, sys
a = json.load(open(sys.argv[1]))
print(f"  analysis by {a['sliceField']} (request {sys.argv[3]}): {float(sys.argv[2]):.2f} s through HTTP with -Xmx256m;"
      f" {a['examples']} examples, {len(a['slices'])} slices, accuracy {a['accuracy']:.3f}, HLP {a['hlp']:.3f}")
PY
    done
  done
  echo "  heap after the analyses: $(jcmd "$PID" GC.heap_info | grep -m1 'total' | sed 's/^ *//')"
fi
