#!/usr/bin/env bash
# One `add relation` on a 1M-relation graph, as a user runs it (start, read, check, write),
# on two shapes: a folder of eight files (the relation goes to a new relations.json, or into
# one of the large part files with --file) and one 1M-relation file. Against it, what a user
# does without the tool: Python's json.load, append, json.dump of the same file, unchecked.
#
# Usage: bench/edit.sh [RUNS]    (default 5; medians, peak RSS from /usr/bin/time)
# Needs: a release build (cargo build --release), python3, GNU time.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
bin=target/release/dealgraph
out=bench/out
[ -x "$bin" ] || cargo build --release
for shape in "e1m --files 8" "e1m-single --files 1"; do
    set -- $shape
    [ -d "$out/$1" ] || "$bin" generate --relations 1000000 "$2" "$3" --out "$out/$1" >/dev/null
done
first=$(python3 -c "import json,sys; d=json.load(open('$out/e1m/part-0001.json')); print(' '.join(c['id'] for c in d['companies'][:2]))")
set -- $first
a=$1 b=$2

# Median seconds and the largest peak RSS (MB) of $runs runs of "$@", each with a new date.
measure() {
    local label=$1; shift
    local times=() peak=0
    for i in $(seq 1 "$runs"); do
        local line
        line=$( { /usr/bin/time -f "%e %M" bash -c '"$@"' _ "$@" "$(printf '2027-%02d' "$i")" >/dev/null; } 2>&1 | tail -1)
        times+=("${line% *}")
        local kb=${line#* }
        (( kb > peak )) && peak=$kb
    done
    local median
    median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    printf '| %s | %s s | %d MB |\n' "$label" "$median" $((peak / 1024))
}

# add OPTIONS... DATE
add() {
    local date=${*: -1}
    # An amount no earlier run used, so that no run repeats a relation (check refuses that).
    local amount=$(( $(date +%s%N) % 1000000000000 ))
    DEALGRAPH_NO_CACHE=1 "$bin" add relation lease "$a" "$b" "${@:1:$#-1}" --date "$date" \
        --amount-usd "$amount"
}
python_add() {
    python3 - "$1" "$a" "$b" <<'PY'
import json, sys
path, a, b = sys.argv[1:4]
with open(path) as f:
    graph = json.load(f)
graph["relations"].append({"type": "lease", "from": a, "to": b})
with open(path + ".tmp", "w") as f:
    json.dump(graph, f, indent=2)
PY
}

python_run() { python_add "$out/e1m-single/part-0001.json"; }  # the date is ignored
export bin a b out
export -f add python_add python_run
echo "| add relation, 1M relations | median | peak RSS |"
echo "|---|---|---|"
# The first edit of a part file rewrites it in canonical form; the runs measure the next ones.
add --file part-0003.json --graph "$out/e1m" 2026-01 >/dev/null
add --graph "$out/e1m-single" 2026-01 >/dev/null
measure "folder of 8 files, new relations.json" add --graph "$out/e1m"
measure "folder of 8 files, --file part-0003.json (37 MB)" add --file part-0003.json --graph "$out/e1m"
measure "one file of 1M relations (350 MB)" add --graph "$out/e1m-single"
measure "python3 json.load + append + json.dump, same file, unchecked" python_run
rm -f "$out/e1m-single/part-0001.json.tmp"
