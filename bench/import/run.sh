#!/usr/bin/env bash
# Import benchmark (issue 25). One command, from the project root:  bench/import/run.sh
# BENCH_DB=postgres bench/import/run.sh runs the same against the local PostgreSQL (127.0.0.1:5432,
# user postgres, a fresh database concord_import_bench; the app built with the postgres profile).
#
# The packaged app at -Xmx256m, everything through the HTTP API with an API token, one curl each:
#   1. 200,000 CSV rows (id, text, camera) into a text project       bar: under 10 s on H2
#   2. 200,000 JSON lines (the same rows) into another text project   bar: under 10 s on H2
#   3. 1,000,000 labels made elsewhere (200,000 examples x 5 labelers, overlap 5, so every round
#      completes and disagreements are flagged for review) into project 1; then the same file
#      again (every pair replaced by the same answer: nothing changes)  bar: under 10 s on H2
#   4. 10,000 small PNG pictures in one zip into an image project
# PostgreSQL's bar: within 2x of H2's times. Prints each time, the answer, and the heap in use.
# Environment: BENCH_PORT (8294), BENCH_ROWS (200000), BENCH_IMAGES (10000), BENCH_HEAP (256m).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
PORT=${BENCH_PORT:-8294}
ROWS=${BENCH_ROWS:-200000}
IMAGES=${BENCH_IMAGES:-10000}
HEAP=${BENCH_HEAP:-256m}
PASSWORD=bench-admin-password
DIR=$(mktemp -d /tmp/concord-import-bench.XXXXXX)
PID=""
cleanup() { [ -n "$PID" ] && kill "$PID" 2>/dev/null; wait 2>/dev/null || true; [ -n "${KEEP:-}" ] || rm -rf "$DIR"; }
trap cleanup EXIT

if [ "${BENCH_DB:-h2}" = postgres ]; then
  . .ci/lib/postgres.sh
  fresh_postgres_database concord_import_bench
  APP=$(build_for_postgres)
  export QUARKUS_PROFILE=postgres POSTGRES_URL="jdbc:postgresql://127.0.0.1:5432/concord_import_bench"
else
  [ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -q -B package -DskipTests
  APP=target/quarkus-app/quarkus-run.jar
fi
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "java: $(java -version 2>&1 | head -1); date: $(date -u +%Y-%m-%dT%H:%MZ); database: ${BENCH_DB:-h2}; heap: -Xmx$HEAP"

python3 - "$DIR" "$ROWS" "$IMAGES" <<'PY'
import csv, json, random, struct, sys, zipfile, zlib
out, rows, images = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
random.seed(25)
words = "the phone screen has a long scratch near the camera and a small dent on the left edge of its case".split()
labels = ["scratch", "dent", "pit", "none"]
with open(f"{out}/rows.csv", "w", newline="") as c, open(f"{out}/rows.jsonl", "w") as j:
    w = csv.writer(c)
    w.writerow(["id", "text", "camera"])
    for i in range(rows):
        row = {"id": f"ex-{i:07d}", "text": " ".join(random.choice(words) for _ in range(random.randint(6, 18))),
               "camera": f"line-{i % 4 + 1}"}
        w.writerow(row.values())
        j.write(json.dumps(row) + "\n")
with open(f"{out}/labels.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["example", "labeler", "label"])
    for i in range(rows):
        truth = random.choice(labels)
        for l in range(5):
            w.writerow([f"ex-{i:07d}", f"elsewhere-{l + 1}", truth if random.random() < 0.8 else random.choice(labels)])
def png(n):  # a 16 x 16 RGB picture, different for each n
    raw = b"".join(b"\x00" + bytes(v for x in range(16) for v in ((n + x + y) % 256, (n * 3 + y) % 256, x * 16)) for y in range(16))
    def chunk(t, d): return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 16, 16, 8, 2, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")
with zipfile.ZipFile(f"{out}/images.zip", "w", zipfile.ZIP_STORED) as z:
    for n in range(images):
        z.writestr(f"phones/img-{n:05d}.png", png(n))
print(f"  data: {rows} rows (CSV and JSON lines), {rows * 5} labels, {images} pictures in a zip")
PY
ls -l "$DIR" | awk 'NR > 1 { printf "    %-12s %6.1f MB\n", $9, $5 / 1e6 }'

EXTRA=()
[ -n "${BENCH_JDBC_URL:-}" ] && EXTRA=(QUARKUS_DATASOURCE_JDBC_URL="$BENCH_JDBC_URL")
(cd "$DIR" && exec env "${EXTRA[@]}" CONCORD_ADMIN_PASSWORD=$PASSWORD QUARKUS_HTTP_PORT=$PORT CONCORD_MAX_UPLOAD=500M \
   java -Xmx"$HEAP" ${BENCH_JAVA_OPTS:-} -jar "$ROOT/$APP" >>"$DIR/app.log" 2>&1) &
PID=$!
for _ in $(seq 1 120); do curl -fsS "http://127.0.0.1:$PORT/q/health/ready" >/dev/null 2>&1 && break; sleep 0.5; done
curl -fsS "http://127.0.0.1:$PORT/q/health/ready" >/dev/null || { cat "$DIR/app.log"; exit 1; }
API="http://127.0.0.1:$PORT/api"
TOKEN=$(curl -fsS -u admin:$PASSWORD -H 'Content-Type: application/json' -d '{"name":"bench"}' "$API/me/tokens" \
  | python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])')
project() {  # slug modality
  curl -fsS -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -o /dev/null \
    -d "{\"slug\":\"$1\",\"name\":\"$1\",\"modality\":\"$2\",\"labels\":[\"scratch\",\"dent\",\"pit\",\"none\"],\"overlap\":5}" "$API/projects"
}
heap() { jcmd "$PID" GC.heap_info | awk '/total/ && /used/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub(/K,?/, "", v); s += v } } END { printf "%.0f MiB", s / 1024 }'; }
upload() {  # what URL file
  T=$(curl -sS -H "Authorization: Bearer $TOKEN" -F "file=@$3" -o "$DIR/answer.json" -w '%{http_code} %{time_total}' "$2")
  printf '  %-44s %6.2f s  HTTP %s  %s  heap in use after: %s\n' "$1" "${T#* }" "${T%% *}" "$(head -c 200 "$DIR/answer.json")" "$(heap)"
}
project bench-csv text; project bench-jsonl text; project bench-images image
[ -n "${BENCH_PAUSE:-}" ] && { echo "  app on port $PORT, pid $PID; data in $DIR"; eval "$BENCH_PAUSE"; }
upload "$ROWS CSV rows" "$API/projects/bench-csv/examples" "$DIR/rows.csv"
upload "$ROWS JSON lines" "$API/projects/bench-jsonl/examples" "$DIR/rows.jsonl"
upload "$((ROWS * 5)) labels made elsewhere" "$API/projects/bench-csv/annotations" "$DIR/labels.csv"
upload "the same $((ROWS * 5)) labels again" "$API/projects/bench-csv/annotations" "$DIR/labels.csv"
upload "$IMAGES pictures in a zip" "$API/projects/bench-images/examples" "$DIR/images.zip"
curl -fsS -H "Authorization: Bearer $TOKEN" "$API/projects/bench-csv" -o "$DIR/stats.json" \
  && echo "  bench-csv after the labels: $(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["counts"])' "$DIR/stats.json")"
