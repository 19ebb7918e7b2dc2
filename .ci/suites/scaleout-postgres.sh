#!/usr/bin/env bash
# Scale-out: two app instances built for PostgreSQL share one database and no memory. Concurrent
# labelers spread over both never exceed the overlap; concurrent resolutions conflict with 409;
# concurrent dataset releases get distinct numbers; the database confirms the overlap rule.
set -euo pipefail
cd "$(dirname "$0")/../.."
. .ci/lib/postgres.sh
DB=concord_scaleout
fresh_postgres_database $DB
APP=$(build_for_postgres)
WORK=$(mktemp -d)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT
for port in 18321 18322; do
  QUARKUS_PROFILE=postgres POSTGRES_URL="jdbc:postgresql://127.0.0.1:5432/$DB" CONCORD_ADMIN_PASSWORD=scaleout-admin \
    CONCORD_DATA_DIR="$WORK/data" QUARKUS_HTTP_PORT=$port java -Xmx384m -jar "$APP" > "$WORK/app-$port.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 60); do curl -sf "localhost:$port/q/health/ready" >/dev/null && break; sleep 1; done
  curl -sf "localhost:$port/q/health/ready" >/dev/null || { cat "$WORK/app-$port.log"; echo "FAIL: instance $port did not start"; exit 1; }
done
python3 .ci/suites/scaleout.py http://localhost:18321 http://localhost:18322
over=$($PG -d $DB -c "select count(*) from (select example_id, label_round from label group by example_id, label_round having count(*) > 3) x")
twice=$($PG -d $DB -c "select count(*) from (select example_id, labeler_id, label_round from label group by 1, 2, 3 having count(*) > 1) x")
echo "database: $over examples over the overlap, $twice labeled twice by one labeler"
[ "$over" = "0" ] && [ "$twice" = "0" ] || { echo "FAIL"; exit 1; }
echo "OK: two instances on one PostgreSQL"
