#!/usr/bin/env bash
# The questions of issue 14 at scale: cycles, rank (PageRank, degree, sampled betweenness),
# impact and timeline on the generated graph of N relations, each a whole process, timed with
# its peak memory, beside networkx (bench/nx_questions.py) asking the same question of the same
# files in the same run. dealgraph answers from its snapshot cache, warmed by a first run (as a
# user asking several questions of one graph does); networkx reads the JSON files each time,
# and prints the seconds of each of its steps, so its question alone can be compared too.
#
# Usage: bench/questions.sh [N]          N: relations (default 1000000)
#
# Environment: NX_TIMEOUT (1800: seconds after which a networkx run is stopped and reported so),
# SEED (1), CYCLE_LENGTH (3), SAMPLE (100: betweenness sources), GRAPH (another
# graph file or folder, such as a hub graph of bench/hubs.py, to measure another shape; N then
# only names the results). The graph is bench/out/gN, as bench/compare.sh makes it, generated
# when missing. Installs GNU time
# (apt-get), networkx and scipy (bench/.venv) if missing. Results go to standard output and
# bench/out/questions-N/results.md.

set -euo pipefail
cd "$(dirname "$0")/.."

N=${1:-1000000}
SEED=${SEED:-1}
CYCLE_LENGTH=${CYCLE_LENGTH:-3}
SAMPLE=${SAMPLE:-100}
NX_TIMEOUT=${NX_TIMEOUT:-1800}
say() { printf '%s\n' "$*" >&2; }

[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
PY=bench/.venv/bin/python
[ -x "$PY" ] || python3 -m venv bench/.venv
"$PY" -c 'import networkx, scipy' 2>/dev/null ||
  bench/.venv/bin/pip install -q --disable-pip-version-check networkx scipy

say "building dealgraph (release)"
cargo build --release -q
DG=$PWD/target/release/dealgraph
if [ "$N" -ge 1000000 ]; then files=8; elif [ "$N" -ge 100000 ]; then files=4; else files=2; fi
graph=${GRAPH:-bench/out/g$N}
if [ ! -e "$graph" ]; then
  say "generating $graph"
  "$DG" generate --relations "$N" --seed "$SEED" --files "$files" --out "$graph" >/dev/null
fi
out=bench/out/questions-$N${GRAPH:+-$(basename "$GRAPH" .json)}
rm -rf "$out"
mkdir -p "$out"
export DEALGRAPH_CACHE_DIR=$PWD/$out/cache

# Runs a command once under /usr/bin/time; prints "WALL_S PEAK_MB".
measure() {
  local stats
  stats=$(mktemp)
  /usr/bin/time -f '%e %M' -o "$stats" "$@" >"$out/last.out" 2>"$out/last.err" ||
    { cat "$out/last.err" >&2; rm -f "$stats"; return 1; }
  awk '{ printf "%.2f %.0f\n", $1, $2 / 1024 }' "$stats"
  rm -f "$stats"
}

say "warming dealgraph's snapshot cache"
"$DG" --graph "$graph" stats >/dev/null
hub=$("$DG" --graph "$graph" rank --by degree --via lease,compute,supply --limit 1 --json |
  "$PY" -c 'import json, sys; print(json.load(sys.stdin)["ranking"][0]["id"])')

rows=()
# Asks one question of both: NAME, the dealgraph arguments, then "--" and networkx's.
compare() {
  local name=$1 dg_args=() nx_args=()
  shift
  while [ "$1" != "--" ]; do dg_args+=("$1"); shift; done
  shift
  nx_args=("$@")
  say "$name: dealgraph"
  read -r dg_s dg_mb < <(measure "$DG" --graph "$graph" "${dg_args[@]}") || exit 1
  cp "$out/last.out" "$out/$name.dealgraph"
  local digest
  digest=$("$PY" bench/digest.py "$name" "$out/$name.dealgraph")
  say "$name: networkx"
  local steps
  if read -r nx_s nx_mb < <(measure timeout "$NX_TIMEOUT" "$PY" bench/nx_questions.py "${nx_args[0]}" "$graph" "${nx_args[@]:1}"); then
    steps=$(cat "$out/last.out")
  else
    nx_s="over $NX_TIMEOUT" nx_mb="-" steps="stopped after $NX_TIMEOUT s"
  fi
  local question_s
  question_s=$(sed -n 's/.*question_s \([0-9.]*\).*/\1/p' <<<"$steps")
  rows+=("| $name | \`dealgraph ${dg_args[*]}\` | $dg_s | $dg_mb | $nx_s | $nx_mb | $question_s | $(awk -v a="$nx_s" -v b="$dg_s" 'BEGIN { if (a !~ /^[0-9.]+$/) print "over " int(substr(a, 6) / b); else if (b > 0) printf "%.1f", a / b; else print "over 100" }') | $digest | $steps |")
  say "$name: dealgraph $dg_s s $dg_mb MB; networkx $nx_s s $nx_mb MB ($steps)"
}

compare cycles cycles --max-length "$CYCLE_LENGTH" --limit 20 --json -- cycles "$CYCLE_LENGTH"
compare pagerank rank --by pagerank --limit 5 --json -- pagerank
compare degree rank --by degree --limit 5 --json -- degree
compare betweenness rank --by betweenness --sample "$SAMPLE" --seed 1 --limit 5 --json -- betweenness "$PWD/$out/betweenness.dealgraph"
compare impact impact "id:$hub" --json -- impact "$hub"
compare timeline timeline --limit 0 --json -- timeline

machine="$(nproc) CPUs, $(lscpu | sed -n 's/^Model name: *//p' | head -n1), $(free -g | awk '/^Mem:/ { print $2 }') GB RAM; rustc $(rustc --version | cut -d' ' -f2), networkx $("$PY" -c 'import networkx; print(networkx.__version__)'); commit $(git describe --always --dirty)"
{
  echo "Graph: $graph ($(du -b --max-depth=0 "$graph" | cut -f1) bytes of JSON). Machine: $machine."
  echo
  echo "| question | dealgraph | wall s | peak MB | networkx wall s | peak MB | networkx's question alone, s | networkx / dealgraph (wall) | dealgraph's answer | networkx's answer and steps |"
  echo "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |"
  printf '%s\n' "${rows[@]}"
} | tee "$out/results.md"
