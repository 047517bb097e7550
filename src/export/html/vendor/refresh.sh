#!/bin/sh
# Fetches the JavaScript libraries that `dealgraph html` embeds in every map, at the pinned
# versions, from the npm registry, and checks them against SHA256SUMS before replacing the
# copies here. Run it from anywhere; it needs npm and network access. The build never runs it:
# the copies are committed, so building needs no network.
#
# To move to a new version: change the version below, run with --update-sums, read the diff of
# the library and of SHA256SUMS, and commit both.
set -eu

CYTOSCAPE=3.35.0
CANVAS2SVG=1.0.16

here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM

cd "$work"
npm pack --silent "cytoscape@$CYTOSCAPE" "canvas2svg@$CANVAS2SVG" >/dev/null
mkdir cytoscape canvas2svg
tar -xzf "cytoscape-$CYTOSCAPE.tgz" -C cytoscape
tar -xzf "canvas2svg-$CANVAS2SVG.tgz" -C canvas2svg
cp cytoscape/package/dist/cytoscape.min.js cytoscape.min.js
cp cytoscape/package/LICENSE LICENSE-cytoscape
cp canvas2svg/package/canvas2svg.js canvas2svg.js
cp canvas2svg/package/LICENSE LICENSE-canvas2svg

files="cytoscape.min.js LICENSE-cytoscape canvas2svg.js LICENSE-canvas2svg"
if [ "${1:-}" = "--update-sums" ]; then
    sha256sum $files > "$here/SHA256SUMS"
else
    # The fetched files must be the ones whose sums are committed.
    cp "$here/SHA256SUMS" .
    sha256sum --check --quiet SHA256SUMS
fi
cp $files "$here/"
echo "cytoscape $CYTOSCAPE and canvas2svg $CANVAS2SVG are in $here"
