#!/usr/bin/env bash
# The interactive map at size: for each graph, the time and peak memory of `dealgraph html`
# writing the page, then in headless Chromium (tests/browser/bench-map.mjs, RUNS runs, medians)
# the time until the map's first frame is painted, and until a relation-type filter, the date
# slider and a search have been painted.
#
# Usage: bench/map.sh [RUNS]            RUNS: browser runs per map (default 3)
#
# The graphs: `dealgraph generate` at 5,000 and 20,000 relations (1,000 and 4,000 companies;
# 20,000 relations is the most a map holds), the 25,000-relation one filtered to under 20,000,
# and, when the 2013 Crunchbase exports are at ../shared/data, their import as of 2009-03
# (4,875 companies: a sparser shape, investors and their portfolios). Needs Chromium, Node.js
# and tests/browser's packages (cd tests/browser && npm ci); installs GNU time if missing.
# Results go to standard output and bench/out/map/results.md.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${1:-3}
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
cargo build --release --quiet
bin=target/release/dealgraph
out=bench/out/map
mkdir -p "$out"
export DEALGRAPH_CACHE_DIR="$out/cache"

generated() {
  local relations=$1
  [ -d "$out/g$relations" ] || "$bin" generate --relations "$relations" --seed 1 --out "$out/g$relations" >/dev/null
  echo "$out/g$relations"
}

results="$out/results.md"
{
  echo "| map | companies | relations | write (s) | write peak (MB) | first render (ms) | type filter (ms) | date slider (ms) | search (ms) |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
} >"$results"

measure() {
  local name=$1 graph=$2
  shift 2
  local page="$out/$name.html"
  "$bin" --graph "$graph" html "$@" -o "$page" # warms the snapshot cache
  local timing
  timing=$( { /usr/bin/time -f '%e %M' "$bin" --graph "$graph" html "$@" -o "$page"; } 2>&1 | tail -n 1)
  local counts
  counts=$(python3 -c "
import json, sys
text = open(sys.argv[1]).read()
start = text.index('id=\"data\">') + 10
data = json.loads(text[start:text.index('</script>', start)])
print(len(data['companies']), len(data['relations']))" "$page")
  local browser
  browser=$(node tests/browser/bench-map.mjs "$page" "$RUNS")
  python3 - "$name" "$counts" "$timing" "$browser" >>"$results" <<'PY'
import json, sys
name, counts, timing, browser = sys.argv[1:]
companies, relations = counts.split()
seconds, peak_kb = timing.split()
b = json.loads(browser)
print(f"| {name} | {int(companies):,} | {int(relations):,} | {float(seconds):.2f} | {int(peak_kb) / 1024:.0f} | "
      f"{b['first_render_ms']:,} | {b['filter_type_ms']:,} | {b['slider_ms']:,} | {b['search_ms']:,} |")
PY
}

measure generated-1k "$(generated 5000)"
measure generated-4k "$(generated 20000)"
measure generated-25k-filtered "$(generated 25000)" --exclude competitor --min-status reported
if [ -d ../shared/data ]; then
  [ -d "$out/crunchbase" ] || "$bin" import crunchbase --from ../shared/data --out "$out/crunchbase" 2>/dev/null
  measure crunchbase-2009-03 "$out/crunchbase" --as-of 2009-03
fi
cat "$results"
