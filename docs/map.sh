#!/usr/bin/env bash
# Regenerates docs/map.png, the README's picture of the interactive map: the built-in dataset
# as `dealgraph html` writes it, with OpenAI chosen, photographed in headless Chromium.
# Needs Chromium and Node.js with tests/browser's packages (`cd tests/browser && npm ci`).
set -euo pipefail
cd "$(dirname "$0")/.."
unset DEALGRAPH_GRAPH

cargo build --quiet
bin=$(cargo metadata --format-version 1 --no-deps | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')/debug/dealgraph
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$bin" html -o "$work/map.html"
node tests/browser/screenshot.mjs "$work/map.html" docs/map.png '#company=openai'
