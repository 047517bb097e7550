#!/usr/bin/env bash
# Loading benchmark (issues 2 and 5): is loading a graph linear in time and lean in memory,
# how close is it to serde_json alone, and how does it compare with networkx?
#
# Usage: bench/load.sh [N...]        N: sizes in relations (default: 10000 100000 1000000)
#
# For each size it generates a graph (`dealgraph generate --seed $SEED --files $FILES`) into
# bench/out/rN/, checks that it loads with no errors, and measures with /usr/bin/time -v:
#   - `dealgraph stats --graph bench/out/rN`: a whole process that reads, parses, validates and
#     builds the graph (median wall time of $RUNS runs, the largest peak RSS);
#   - benches/parse.rs on the same bytes, in one process: serde_json into Value, serde_json into
#     the typed dealgraph::GraphFile (each file in turn), and dealgraph::load::load (best of
#     $RUNS runs each);
#   - bench/nx_load.py: the same files json-loaded into a networkx MultiDiGraph with node and
#     edge attributes (a whole Python process; $NX_RUNS runs, default 1).
# It prints a Markdown table (also written to bench/out/results.md) for BENCHMARKS.md.
#
# Environment: RUNS (3), NX_RUNS (1), FILES (8), SEED (1). DEALGRAPH_NO_CACHE is set: this
# measures loading the JSON files, not the snapshot cache.
# Installs what it needs: GNU time (apt-get) if missing, and networkx into bench/.venv (pip).

set -euo pipefail
cd "$(dirname "$0")/.."

export DEALGRAPH_NO_CACHE=1
RUNS=${RUNS:-3}
NX_RUNS=${NX_RUNS:-1}
FILES=${FILES:-8}
SEED=${SEED:-1}
if [ "$#" -gt 0 ]; then sizes=("$@"); else sizes=(10000 100000 1000000); fi

say() { printf '%s\n' "$*" >&2; }

# Tools.
if [ ! -x /usr/bin/time ]; then
  say "installing GNU time"
  apt-get update -qq && apt-get install -y -qq time >/dev/null
fi
if ! bench/.venv/bin/python -c 'import networkx' 2>/dev/null; then
  say "installing networkx into bench/.venv"
  python3 -m venv bench/.venv
  bench/.venv/bin/pip install -q --disable-pip-version-check networkx
fi
say "building"
cargo build --release -q
cargo bench -q --bench parse --no-run 2>/dev/null
bin=target/release/dealgraph
mkdir -p bench/out
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT

# Runs a command under /usr/bin/time -v and prints "WALL_S PEAK_RSS_KB".
timed() {
  /usr/bin/time -v "$@" >/dev/null 2>"$tmp" || { cat "$tmp" >&2; return 1; }
  awk -F': ' '
    /Elapsed \(wall clock\)/ { n = split($2, t, ":"); wall = (n == 3) ? t[1] * 3600 + t[2] * 60 + t[3] : t[1] * 60 + t[2] }
    /Maximum resident set size/ { rss = $2 }
    END { printf "%.2f %d\n", wall, rss }' "$tmp"
}

# Runs a command $1 times; prints the median wall time and the largest peak RSS.
median_of() {
  local runs=$1 i
  shift
  for ((i = 0; i < runs; i++)); do timed "$@"; done |
    sort -n | awk '{ wall[NR] = $1; if ($2 > rss) rss = $2 } END { printf "%s %d\n", wall[int((NR + 1) / 2)], rss }'
}

rows=()
for n in "${sizes[@]}"; do
  dir=bench/out/r$n
  say "r$n: generating"
  "$bin" generate --relations "$n" --seed "$SEED" --files "$FILES" --out "$dir" --force >/dev/null
  bytes=$(cat "$dir"/*.json | wc -c)
  summary=$("$bin" check --graph "$dir" | tail -n 1)
  say "r$n: check: $summary"
  case $summary in ok:*"; 0 errors,"*) ;; *) say "r$n does not load cleanly"; exit 1 ;; esac
  say "r$n: dealgraph stats x$RUNS"
  read -r dg_wall dg_rss < <(median_of "$RUNS" "$bin" stats --graph "$dir")
  say "r$n: serde_json and load::load in process"
  parse=$(cargo bench -q --bench parse -- "$dir" "$RUNS" 2>/dev/null | grep '^bytes=')
  value_s=$(sed 's/.*value_s=\([0-9.]*\).*/\1/' <<<"$parse")
  typed_s=$(sed 's/.*typed_s=\([0-9.]*\).*/\1/' <<<"$parse")
  load_s=$(sed 's/.*load_s=\([0-9.]*\).*/\1/' <<<"$parse")
  say "r$n: networkx x$NX_RUNS"
  read -r nx_wall nx_rss < <(median_of "$NX_RUNS" bench/.venv/bin/python bench/nx_load.py "$dir")
  rows+=("$n $bytes $dg_wall $dg_rss $value_s $typed_s $load_s $nx_wall $nx_rss")
done

{
  echo "| relations | file bytes | dealgraph stats (s) | µs per relation | dealgraph peak RSS (MB) | serde_json Value (s) | serde_json typed (s) | load::load (s) | load / typed | networkx (s) | networkx peak RSS (MB) | networkx / dealgraph time | networkx / dealgraph RSS |"
  echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  for row in "${rows[@]}"; do
    awk '{
      printf "| %d | %d | %.2f | %.2f | %.0f | %.2f | %.2f | %.2f | %.2f | %.2f | %.0f | %.1f | %.1f |\n",
        $1, $2, $3, $3 * 1e6 / $1, $4 / 1024, $5, $6, $7, $7 / $6, $8, $9 / 1024, $8 / $3, $9 / $4
    }' <<<"$row"
  done
} | tee bench/out/results.md
