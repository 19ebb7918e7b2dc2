#!/usr/bin/env bash
# Renders sample-data/speech-commands/clips/*.wav from sample-data/generator/audio-plan.csv
# (written by SampleData.java): espeak-ng speaks the word, sox trims the silence, resamples to
# 16 kHz mono 16-bit, places the word in a 1.0 s window and mixes in noise.
# Deterministic: fixed parameters per clip, and sox -R ("repeatable") seeds its noise generator
# the same way every run; each clip takes its noise from its own offset in a 60 s noise bed.
# Needs: apt-get install -y espeak-ng sox
set -euo pipefail
export LC_ALL=C
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PLAN="$ROOT/sample-data/generator/audio-plan.csv"
OUT="$ROOT/sample-data/speech-commands/clips"
for tool in espeak-ng sox soxi; do
  command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install -y espeak-ng sox" >&2; exit 1; }
done
[ -f "$PLAN" ] || { echo "missing $PLAN: run java sample-data/generator/SampleData.java first" >&2; exit 1; }

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
rm -rf "$OUT"
mkdir -p "$OUT"

for colour in white pink brown; do
  sox -R -n -r 16000 -c 1 -b 16 "$TMP/$colour.wav" synth 60 "${colour}noise"
done

count=0
tail -n +2 "$PLAN" | while IFS=, read -r key word voice speed pitch noise ntype nvol noff lead keep; do
  espeak-ng -v "$voice" -s "$speed" -p "$pitch" -w "$TMP/raw.wav" "$word"
  # trim leading/trailing silence, convert to 16 kHz mono 16-bit
  sox -R "$TMP/raw.wav" -r 16000 -c 1 -b 16 "$TMP/word.wav" \
      silence 1 0.01 0.5% reverse silence 1 0.01 0.5% reverse
  if [ "$keep" != "1.00" ]; then
    # the recording was cut off: keep only the first part of the word
    len=$(soxi -D "$TMP/word.wav")
    cut=$(awk -v l="$len" -v k="$keep" 'BEGIN { printf "%.3f", l * k }')
    sox -R "$TMP/word.wav" "$TMP/cut.wav" trim 0 "$cut" fade t 0 -0 0.02
    mv "$TMP/cut.wav" "$TMP/word.wav"
  fi
  # the word starts after $lead seconds; the clip is exactly 1.0 s
  sox -R "$TMP/word.wav" "$TMP/padded.wav" norm -3 pad "$lead" 1.0
  sox -R "$TMP/padded.wav" "$TMP/clip.wav" trim 0 1.0
  if [ "$noise" = "none" ]; then
    cp "$TMP/clip.wav" "$OUT/$key"
  else
    sox -R "$TMP/$ntype.wav" "$TMP/noise.wav" trim "$noff" 1.0 vol "$nvol"
    sox -R -m -v 0.85 "$TMP/clip.wav" -v 1 "$TMP/noise.wav" -b 16 "$OUT/$key" gain -n -1
  fi
done
echo "wrote $(ls "$OUT" | wc -l) clips to $OUT"
