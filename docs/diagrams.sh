#!/usr/bin/env bash
# Regenerates the README's diagrams from the built-in dataset: for each `render NAME ARGS...`
# line, docs/NAME.dot is what `dealgraph ARGS` writes, and docs/NAME.svg is Graphviz's rendering
# of it. Needs Graphviz (`apt-get install graphviz`, `brew install graphviz`).
#
# tests/dot.rs reads the `render` lines below and checks that each committed .dot file is what
# the binary writes now, so a change to the data or to the diagrams fails until this is re-run.
set -euo pipefail
cd "$(dirname "$0")/.."
unset DEALGRAPH_GRAPH

cargo build --quiet
bin=$(cargo metadata --format-version 1 --no-deps | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')/debug/dealgraph

render() {
  local name=$1
  shift
  "$bin" "$@" -o "docs/$name.dot"
  "$bin" "$@" --render svg -o "docs/$name.svg"
}

render supply-chain dot --path crusoe openai --all --via lease,compute,supply
render conflicts dot --conflicts --company openai
render cycles-nvidia dot --cycles --company nvidia --via investment,compute,supply --limit 4
render whole-graph dot

# From the 2013 Crunchbase exports (samples/crunchbase/README.md says where they are), when
# they are at ../shared/data: each `crunchbase NAME ARGS...` line is drawn from their import.
# tests/dot.rs checks these too when the exports are there.
crunchbase() {
  local name=$1
  shift
  if [ ! -d ../shared/data ]; then
    echo "skipping docs/$name: the Crunchbase exports are not at ../shared/data" >&2
    return
  fi
  local imported
  imported=$(mktemp -d)
  "$bin" import crunchbase --from ../shared/data --out "$imported/graph" 2>/dev/null
  "$bin" --graph "$imported/graph" "$@" -o "docs/$name.dot" 2>/dev/null
  "$bin" --graph "$imported/graph" "$@" --render svg -o "docs/$name.svg" 2>/dev/null
  rm -rf "$imported"
}

crunchbase instagram-2-hops dot --focus instagram --depth 2

# The timeline chart, drawn by dealgraph itself (tests/timeline.rs checks it is current).
"$bin" timeline --by quarter --from 2023 --render svg -o docs/timeline.svg
