#!/usr/bin/env bash
# Agreement benchmark (issue 4). One command, from the project root:  bench/agreement/run.sh
#
# (a) The whole GET /api/projects/{slug}/agreement through HTTP, from the database: the packaged
#     app on its embedded H2 file, with a small heap (-Xmx128m by default) to show that memory
#     does not grow with the label count. For each size (default 20,000 and 200,000 examples x 5
#     labelers, ~10% missing: ~90,000 and ~900,000 labels) it creates an image project and fills it
#     through the API as a user would (pictures in zips with a metadata.csv of cameras, then the
#     labels as a file of labels made elsewhere: bench/lib/load.sh), restarts the app in each
#     configuration, warms up, and times sequential requests with curl.
# (b) The measures on the same kind of data already in memory, ours vs DKPro Statistics, same JVM
#     (src/test/java/dev/concord/agreement/bench/AgreementVsDkproBench.java).
#
# Environment: BENCH_PORT (8291), BENCH_HEAP (128m), BENCH_SIZES ("20000 200000"),
# BENCH_REQUESTS (15), BENCH_SKIP_DKPRO=1 to run (a) only, BENCH_BUILD=1 to rebuild the app.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
PORT=${BENCH_PORT:-8291}
HEAP=${BENCH_HEAP:-128m}
SIZES=${BENCH_SIZES:-"20000 200000"}
REQUESTS=${BENCH_REQUESTS:-15}
PASSWORD=bench-admin-password

if [ "${BENCH_BUILD:-0}" = 1 ] || [ ! -f target/quarkus-app/quarkus-run.jar ]; then
  echo "building the packaged app (./mvnw -q -B package -DskipTests)"
  ./mvnw -q -B package -DskipTests
fi
. bench/lib/load.sh
WORK=$(mktemp -d /tmp/concord-agreement-bench.XXXXXX)
APP_PID=""
cleanup() {
  if [ -n "$APP_PID" ] && kill -0 "$APP_PID" 2>/dev/null; then kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

start_app() {  # $1 = working directory (holds ./data), $2 = heap, $3 = extra JDBC URL options
  (cd "$1" && exec env CONCORD_ADMIN_PASSWORD=$PASSWORD QUARKUS_HTTP_PORT=$PORT \
     QUARKUS_DATASOURCE_JDBC_URL="jdbc:h2:file:./data/concord;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE$3" \
     java $([ "$2" = default ] || echo "-Xmx$2") -XX:+UseSerialGC -jar "$ROOT/target/quarkus-app/quarkus-run.jar" >>"$1/app.log" 2>&1) &
  APP_PID=$!
  for _ in $(seq 1 120); do
    curl -fsS "http://127.0.0.1:$PORT/q/health/ready" >/dev/null 2>&1 && return 0
    kill -0 "$APP_PID" 2>/dev/null || { cat "$1/app.log"; echo "the app died" >&2; exit 1; }
    sleep 0.5
  done
  echo "the app did not become ready" >&2; exit 1
}

stop_app() {
  kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; APP_PID=""
}

live_heap_mib() {  # heap in use after a full GC: what the app keeps, not garbage
  jcmd "$APP_PID" GC.run >/dev/null
  jcmd "$APP_PID" GC.heap_info | awk '/total/ && /used/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub(/K,?/, "", v); s += v } } END { printf "%.0f", s / 1024 }'
}

time_requests() {  # $1 = label for the line, $2 = URL
  for _ in 1 2 3 4 5; do curl -fsS -H "Authorization: Bearer $TOKEN" -o "$DIR/out.json" "$2"; done
  TIMES=()
  for _ in $(seq 1 "$REQUESTS"); do
    TIMES+=("$(curl -fsS -H "Authorization: Bearer $TOKEN" -o "$DIR/out.json" -w '%{time_total}' "$2")")
  done
  printf '%s\n' "${TIMES[@]}" | sort -n | awk -v what="$1" '
    { t[NR] = $1 * 1000 }
    END { m = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2;
          printf "    %-34s median %5.0f ms, min %5.0f, max %5.0f (%d requests)\n", what, m, t[1], t[NR], NR }'
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "java: $(java -version 2>&1 | head -1); date: $(date -u +%Y-%m-%dT%H:%MZ)"
echo
echo "(a) GET /api/projects/bench/agreement over HTTP: packaged app, H2 file, API token, sequential requests"
echo "    load average before: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine inflates timings)"
# configurations, "name|heap|extra JDBC URL options", separated by '^'
# ("as shipped": concord.h2-options in application.properties)
# "as shipped" at the default heap (a quarter of the machine's memory; H2's cache a thirty-second of
# it, at most 256 MiB) and at -Xmx$HEAP (cache 8 MiB)
CONFIGS=${BENCH_CONFIGS:-"as shipped, default heap|default|;QUERY_CACHE_SIZE=64;OPTIMIZE_REUSE_RESULTS=FALSE^as shipped|$HEAP|;QUERY_CACHE_SIZE=64;OPTIMIZE_REUSE_RESULTS=FALSE"}
for N in $SIZES; do
  DIR="$WORK/$N"; mkdir -p "$DIR"
  start_app "$DIR" 256m ""
  curl -fsS -u admin:$PASSWORD -H 'Content-Type: application/json' -o /dev/null \
    -d '{"slug":"bench","name":"Agreement benchmark","modality":"image","labels":["scratch","dent","pit","none"],"overlap":5}' \
    "http://127.0.0.1:$PORT/api/projects"
  TOKEN=$(curl -fsS -u admin:$PASSWORD -H 'Content-Type: application/json' -d '{"name":"bench"}' \
    "http://127.0.0.1:$PORT/api/me/tokens" | python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])')
  load_through_api "http://127.0.0.1:$PORT/api" "$TOKEN" bench "$N" image "$DIR"
  stop_app
  IFS='^' read -r -a CONFIG_LIST <<<"$CONFIGS"
  for CONFIG in "${CONFIG_LIST[@]}"; do
    IFS='|' read -r NAME CONFIG_HEAP URL_OPTIONS <<<"$CONFIG"
    start_app "$DIR" "$CONFIG_HEAP" "$URL_OPTIONS"
    echo "  $N examples, $NAME, -Xmx$CONFIG_HEAP:"
    URL="http://127.0.0.1:$PORT/api/projects/bench/agreement"
    time_requests "default (slices by first field)" "$URL"
    python3 - "$DIR/out.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print("      -> examples %d, labels %d, labelers %d, alpha %.4f CI [%.4f, %.4f], percent %.4f, hlp %.4f (%s), slices by %s: %d"
      % (r["examples"], r["labels"], r["labelers"], r["krippendorffAlpha"], r["krippendorffAlphaCI95"][0],
         r["krippendorffAlphaCI95"][1], r["percentAgreement"], r["hlp"]["value"], r["hlp"]["method"], r["slice"], len(r["slices"])))
assert r["labels"] > 0 and r["labelers"] == 5 and r["krippendorffAlphaCI95"] and len(r["slices"]) == 4, "unexpected response"
PY
    time_requests "?slice= (no slices)" "$URL?slice="
    time_requests "trend (one guide version)" "$URL/trend"
    echo "    live heap after full GC: $(live_heap_mib) MiB"
    stop_app
  done
done

if [ "${BENCH_SKIP_DKPRO:-0}" != 1 ]; then
  echo
  echo "(b) measures in memory, ours vs DKPro Statistics 2.2.1, same JVM"
  ./mvnw -q -B test-compile
  DKPRO=$(ls ~/.m2/repository/org/dkpro/statistics/dkpro-statistics-agreement/2.2.1/dkpro-statistics-agreement-2.2.1.jar)
  java -Xmx4g -cp "target/test-classes:target/classes:$DKPRO" dev.concord.agreement.bench.AgreementVsDkproBench 5 | sed 's/^/  /'
fi
