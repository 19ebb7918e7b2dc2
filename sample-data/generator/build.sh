#!/usr/bin/env bash
# Rebuilds every sample project from the seed: images, CSVs, demo labels, then the audio.
#   sample-data/generator/build.sh [--seed N]
# Needs JDK 17+ and Debian's espeak-ng and sox (apt-get install -y espeak-ng sox).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
java sample-data/generator/SampleData.java "$@"
sample-data/generator/make-audio.sh
