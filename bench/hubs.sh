#!/usr/bin/env bash
# Benchmark: `path --all` on a graph with hub companies of 10,000 relations each must return its
# first --limit paths quickly and say that it cut the answer (issue 3, "Enumeration cannot hang").
#
# Builds the release binary, writes the graph with bench/hubs.py (4 hubs of 10,000 relations,
# 60,006 relations in all), checks that both answers (between two small companies, between two
# hubs) are cut and say so, then times them with hyperfine, next to `stats` on the same graph
# (loading alone). Results go to target/bench-hubs/; the script ends with a Markdown table for
# BENCHMARKS.md ("Path enumeration on hub graphs").
#
# Usage: bench/hubs.sh            (installs hyperfine with apt-get when it is missing)
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v hyperfine >/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hyperfine >/dev/null
fi

cargo build --release --quiet
bin=target/release/dealgraph
out=target/bench-hubs
mkdir -p "$out"
graph="$out/graph.json"
python3 bench/hubs.py "$graph" --hubs 4 --per-hub 10000 --leaves 20000 --noise 20000 --seed 1

# Two questions: between two small companies whose paths run through the hubs, and between two
# hubs, whose every expansion walks 10,000 relations.
path_cmd="$bin path alpha omega --all --max-hops 6 --undirected --limit 100 --graph $graph"
hubs_cmd="$bin path hub-0 hub-1 --all --max-hops 6 --undirected --limit 100 --graph $graph"
load_cmd="$bin stats --graph $graph"

# Each answer must be cut at 100 paths, and say so, in text and in JSON.
for name in path hubs; do
  cmd_var="${name}_cmd"
  cmd="${!cmd_var}"
  $cmd >"$out/$name.txt"
  tail -n 1 "$out/$name.txt"
  grep -qx 'showing the first 100 paths; there are more: raise --limit to see them' "$out/$name.txt" \
    || { echo "FAIL: $name: the text does not say the answer was cut" >&2; exit 1; }
  $cmd --json >"$out/$name.json"
  python3 - "$out/$name.json" <<'PY'
import json, sys
answer = json.load(open(sys.argv[1]))
assert answer["truncated"] is True, "JSON: truncated is not true"
assert len(answer["paths"]) == 100, f"JSON: {len(answer['paths'])} paths, not 100"
print("cut at 100 paths, truncated: true")
PY
done

hyperfine --warmup 3 --runs 30 --export-json "$out/hyperfine.json" \
  --command-name path "$path_cmd" --command-name hubs "$hubs_cmd" --command-name load "$load_cmd"

python3 - "$out/hyperfine.json" <<'PY'
import json, subprocess, sys
results = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
cpu = next(
    (line.split(":", 1)[1].strip() for line in subprocess.run(
        ["lscpu"], capture_output=True, text=True).stdout.splitlines()
     if line.startswith("Model name")),
    "unknown",
)
nproc = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
print()
print("| command | median | mean ± σ | user CPU (mean) |")
print("| --- | --- | --- | --- |")
for name, label in [
    ("path", "`path alpha omega --all --max-hops 6 --undirected --limit 100`"),
    ("hubs", "`path hub-0 hub-1 --all --max-hops 6 --undirected --limit 100`"),
    ("load", "`stats` (loading the graph, for comparison)"),
]:
    r = results[name]
    ms = lambda seconds: f"{seconds * 1000:.0f} ms"
    print(f"| {label} | {ms(r['median'])} | {ms(r['mean'])} ± {ms(r['stddev'])} | {ms(r['user'])} |")
print()
print(f"machine: {nproc} CPUs (nproc), {cpu} (lscpu model name); {len(results['path']['times'])} runs each")
PY
