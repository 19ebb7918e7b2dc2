#!/usr/bin/env bash
# Smoke run of the agreement benchmark (bench/agreement/run.sh) at a small size: builds the
# packaged app if needed, bulk-loads 20,000 examples x 5 labelers into a throwaway H2 file, and
# checks that GET /api/projects/bench/agreement answers with sane figures under -Xmx128m.
# Fails loudly on any error; cleans up its app process and files (run.sh's trap). ~1 minute.
set -euo pipefail
cd "$(dirname "$0")/../.."
BENCH_SIZES=20000 BENCH_REQUESTS=3 BENCH_SKIP_DKPRO=1 BENCH_PORT=${BENCH_PORT:-8293} \
  BENCH_CONFIGS="as shipped|128m|" bench/agreement/run.sh
