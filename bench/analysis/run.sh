#!/usr/bin/env bash
# Error-analysis benchmark: the dataset benchmark's data (230,000 examples x 5 labelers, so that
# version 1 releases a little over 200,000), then 200,000 predictions on version 1 and
# GET .../predictions/{run}/analysis timed by metadata field, class and guide version
# (bar: under 2 s with -Xmx256m). Usage: bench/analysis/run.sh [examples]
set -euo pipefail
cd "$(dirname "$0")/../.."
BENCH_ANALYSIS=1 exec bench/datasets/run.sh "${1:-230000}"
