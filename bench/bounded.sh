#!/usr/bin/env bash
# Benchmark: questions whose work must stay bounded (issue 9), time and peak memory.
#
#   path a b --all --max-hops 8 --limit 1      on a 300-company clique behind a hub
#   conflicts --sector-rivals --limit 10       with one investor funding 8,000 and 20,000
#                                              companies of one sector
#   import crunchbase                          of 20,000 rows of one permalink
#
# Builds the release binary and times it; with BEFORE=/path/to/old/dealgraph it times that
# binary too, in the same run, each question stopped after TIMEOUT seconds (default 120).
# Results go to target/bench-bounded/; the script ends with a Markdown table.
#
# Usage: bench/bounded.sh            BEFORE=/tmp/dealgraph-old bench/bounded.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
out=target/bench-bounded
mkdir -p "$out"
timeout_s=${TIMEOUT:-120}
python3 bench/bounded.py clique "$out/clique.json" --size 300 >/dev/null
python3 bench/bounded.py sector "$out/s8k.json" --companies 8000 >/dev/null
python3 bench/bounded.py sector "$out/s20k.json" --companies 20000 >/dev/null
mkdir -p "$out/repeated"
{
  echo "permalink,name,category_code,funding_total_usd,status,country_code,state_code,region,city,funding_rounds,founded_at,founded_month,founded_quarter,founded_year,first_funding_at,last_funding_at,last_milestone_at"
  for _ in $(seq 20000); do echo "/company/same,Same,web,,operating,USA,,,,,,,,,,,"; done
} >"$out/repeated/crunchbase-companies.csv"

export DEALGRAPH_NO_CACHE=1
# One timed run: prints seconds and peak resident kilobytes, or "stopped" past the timeout.
measure() {
  local start end status
  start=$(date +%s.%N)
  set +e
  /usr/bin/time -f "%M" -o "$out/mem" timeout "$timeout_s" "$@" >/dev/null 2>"$out/err"
  status=$?
  set -e
  end=$(date +%s.%N)
  if [ "$status" -eq 124 ]; then
    echo "stopped at ${timeout_s} s, $(tail -n 1 "$out/mem") KB"
  else
    printf '%.2f s, %s KB\n' "$(echo "$end - $start" | bc)" "$(tail -n 1 "$out/mem")"
  fi
}

questions=(
  "clique|path a b --all --max-hops 8 --limit 1 --graph $out/clique.json"
  "sector 8,000|conflicts --sector-rivals --limit 10 --graph $out/s8k.json"
  "sector 20,000|conflicts --sector-rivals --limit 10 --graph $out/s20k.json"
  "import 20,000 repeated|import crunchbase --from $out/repeated --out $out/imported --force"
)
echo "| question | before | after |"
echo "| --- | ---: | ---: |"
for entry in "${questions[@]}"; do
  name=${entry%%|*}
  args=${entry#*|}
  before="not run"
  if [ -n "${BEFORE:-}" ]; then
    # shellcheck disable=SC2086
    before=$(measure "$BEFORE" $args)
  fi
  # shellcheck disable=SC2086
  after=$(measure target/release/dealgraph $args)
  echo "| $name | $before | $after |"
done
