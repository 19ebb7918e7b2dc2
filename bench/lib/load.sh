# Sourced by the benchmarks that need a labeled project (bench/agreement, bench/datasets): fills
# one through the HTTP API, as a user would, with bench/lib/labels_data.py's seeded data.
# load_through_api API_URL TOKEN SLUG N image|text WORK_DIR
load_through_api() {
  local api=$1 token=$2 slug=$3 n=$4 kind=$5 work=$6
  python3 "$(dirname "${BASH_SOURCE[0]}")/labels_data.py" "$work" "$n" "$kind" | sed 's/^/  /'
  local files=()
  if [ "$kind" = image ]; then
    for z in "$work"/pictures-*.zip; do files+=(-F "file=@$z"); done
    files+=(-F "file=@$work/metadata.csv;filename=metadata.csv")
  else
    files+=(-F "file=@$work/examples.csv")
  fi
  local t
  t=$(curl -fsS -H "Authorization: Bearer $token" "${files[@]}" -o "$work/imported.json" -w '%{time_total}' "$api/projects/$slug/examples")
  echo "  examples imported through the API in ${t} s: $(cat "$work/imported.json")"
  t=$(curl -fsS -H "Authorization: Bearer $token" -F "file=@$work/labels.csv" -o "$work/imported.json" -w '%{time_total}' "$api/projects/$slug/annotations")
  echo "  labels imported through the API in ${t} s: $(cat "$work/imported.json")"
  rm -f "$work"/pictures-*.zip "$work/metadata.csv" "$work/examples.csv" "$work/labels.csv"
}
