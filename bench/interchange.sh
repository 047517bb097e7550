#!/usr/bin/env bash
# Exports and imports at scale (issue 13): `dealgraph export graphml`, `export neo4j`,
# `export csv` and `import csv` (of what `export csv` wrote) on the generated graph of N
# relations, each a whole process from the JSON files (no snapshot cache), timed with its peak
# memory, beside networkx's write_graphml of the same graph in the same run
# (bench/nx_graphml.py: load, make lists text, write).
#
# Usage: bench/interchange.sh [N]        N: relations (default 1000000)
#
# Environment: SEED (1). The graph is bench/out/gN, as bench/compare.sh makes it (8 files at 1M
# and above, seed 1), generated when missing. Installs GNU time (apt-get) and networkx
# (bench/.venv) if missing. Results go to standard output and bench/out/interchange-N/results.md.

set -euo pipefail
cd "$(dirname "$0")/.."

N=${1:-1000000}
SEED=${SEED:-1}
say() { printf '%s\n' "$*" >&2; }

[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
PY=bench/.venv/bin/python
[ -x "$PY" ] || python3 -m venv bench/.venv
"$PY" -c 'import networkx' 2>/dev/null || bench/.venv/bin/pip install -q --disable-pip-version-check networkx

say "building dealgraph (release)"
cargo build --release -q
DG=$PWD/target/release/dealgraph
if [ "$N" -ge 1000000 ]; then files=8; elif [ "$N" -ge 100000 ]; then files=4; else files=2; fi
graph=bench/out/g$N
if [ ! -d "$graph" ]; then
  say "generating $graph"
  "$DG" generate --relations "$N" --seed "$SEED" --files "$files" --out "$graph" >/dev/null
fi
out=bench/out/interchange-$N
rm -rf "$out"
mkdir -p "$out"

# Runs a command once under /usr/bin/time; prints "WALL_S PEAK_MB".
measure() {
  local stats
  stats=$(mktemp)
  DEALGRAPH_NO_CACHE=1 /usr/bin/time -f '%e %M' -o "$stats" "$@" >"$out/last.out" 2>"$out/last.err" ||
    { cat "$out/last.err" >&2; rm -f "$stats"; exit 1; }
  awk '{ printf "%.2f %.0f\n", $1, $2 / 1024 }' "$stats"
  rm -f "$stats"
}

rows=()
row() { rows+=("| $1 | $2 | $3 |"); say "$1: $2 s, $3 MB"; }

say "dealgraph export graphml"
read -r s mb < <(measure "$DG" export graphml --graph "$graph" -o "$out/dealgraph.graphml"); row "dealgraph export graphml" "$s" "$mb"
dg_graphml=$s dg_graphml_mb=$mb
say "networkx: load, make lists text, write_graphml"
read -r s mb < <(measure "$PY" bench/nx_graphml.py "$graph" "$out/networkx.graphml"); row "networkx write_graphml (whole process)" "$s" "$mb"
nx_steps=$(cat "$out/last.out")
nx_graphml=$s nx_graphml_mb=$mb
say "dealgraph export neo4j"
read -r s mb < <(measure "$DG" export neo4j --graph "$graph" -o "$out/neo4j"); row "dealgraph export neo4j" "$s" "$mb"
say "dealgraph export csv"
read -r s mb < <(measure "$DG" export csv --graph "$graph" -o "$out/csv"); row "dealgraph export csv" "$s" "$mb"
csv_rows=$(($(wc -l <"$out/csv/relations.csv") - 1))
say "dealgraph import csv ($csv_rows relation rows)"
read -r s mb < <(measure "$DG" import csv "$out/csv/companies.csv" "$out/csv/relations.csv" "$out/csv/sources.csv" \
  --mapping "$out/csv/mapping.toml" --out "$out/back"); row "dealgraph import csv ($csv_rows relation rows, with companies and sources)" "$s" "$mb"

machine="$(nproc) CPUs, $(lscpu | sed -n 's/^Model name: *//p' | head -n1), $(free -g | awk '/^Mem:/ { print $2 }') GB RAM; rustc $(rustc --version | cut -d' ' -f2), networkx $("$PY" -c 'import networkx; print(networkx.__version__)'); commit $(git describe --always --dirty)"
{
  echo "Graph: bench/out/g$N ($N relations, $(cat "$graph"/*.json | wc -c) bytes of JSON in $files files). Machine: $machine."
  echo
  echo "| run (whole process, from the JSON files) | wall s | peak MB |"
  echo "| --- | ---: | ---: |"
  printf '%s\n' "${rows[@]}"
  echo
  echo "networkx's steps: $nx_steps. GraphML: dealgraph $(awk -v a="$nx_graphml" -v b="$dg_graphml" 'BEGIN { printf "%.1f", a / b }') times faster than networkx, with $(awk -v a="$nx_graphml_mb" -v b="$dg_graphml_mb" 'BEGIN { printf "%.1f", a / b }') times less memory."
} | tee "$out/results.md"
