"""Picks the companies bench/compare.sh asks about, deterministically from the graph's files.

Usage: compare_pick.py GRAPH

Prints three lines:
  A  the chipmaker with the most relations (ties: smallest id): where paths start;
  B  candidates for where they end, best first: the ai-labs that A reaches within 4 hops
     (along relations, partnership and competitor both ways) at the greatest distance, by id
     (compare.sh takes the first whose paths up to 4 hops fit its limit); B is also the
     focus of the DOT neighbourhood;
  C  the ai-lab with the most lease, compute and supply relations in (ties: smallest id):
     whose suppliers are asked for, and the company of the scoped conflicts question.
"""

import collections
import sys

import compare_common as common


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    companies, relations = common.read_graph(sys.argv[1])
    sectors = {c["id"]: c.get("sectors", []) for c in companies}
    degree = collections.Counter()
    supplied = collections.Counter()
    out = collections.defaultdict(set)
    for r in relations:
        degree[r["from"]] += 1
        degree[r["to"]] += 1
        out[r["from"]].add(r["to"])
        if r["type"] in common.SYMMETRIC:
            out[r["to"]].add(r["from"])
        if r["type"] in common.SUPPLY:
            supplied[r["to"]] += 1
    chipmakers = [c for c in sectors if "chipmaker" in sectors[c]]
    labs = [c for c in sectors if "ai-lab" in sectors[c]]
    a = min(chipmakers, key=lambda c: (-degree[c], c))
    distance = {a: 0}
    frontier = [a]
    for level in range(1, 5):
        frontier = [n for node in frontier for n in out[node] if n not in distance]
        for n in frontier:
            distance.setdefault(n, level)
    reached = [c for c in labs if c in distance]
    if not reached:
        sys.exit(f"no ai-lab within 4 hops of {a}")
    farthest = max(distance[c] for c in reached)
    candidates = sorted(c for c in reached if distance[c] == farthest)
    c = min(labs, key=lambda lab: (-supplied[lab], lab))
    print(a)
    print(" ".join(candidates[:10]))
    print(c)


if __name__ == "__main__":
    main()
