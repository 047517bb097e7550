#!/usr/bin/env python3
"""Writes a graph with hub companies, for bench/hubs.sh.

Each of --hubs hub companies has --per-hub relations to small companies drawn at random from
--leaves (so the hubs share many of them), of every relation type. The small companies also have
--noise relations among themselves. `alpha` and `omega`, two ends the benchmark asks about, each
have three relations to small companies, so the shortest path between them runs through a hub
and the simple paths of up to six hops, undirected, run to hundreds of thousands (with the
defaults, 189,799 of the form alpha-leaf-hub-leaf-hub-leaf-omega alone). Between two hubs
there are 5,006 paths of two hops alone.

Usage: hubs.py OUT.json [--hubs 4] [--per-hub 10000] [--leaves 20000] [--noise 20000] [--seed 1]
"""

import argparse
import json
import random

TYPES = [
    "investment",
    "lease",
    "compute",
    "supply",
    "acquisition",
    "ownership",
    "exclusivity",
    "partnership",
    "competitor",
]


def relation(rng, a, b):
    kind = rng.choice(TYPES)
    if rng.random() < 0.5:
        a, b = b, a
    record = {"type": kind, "from": a, "to": b}
    if kind == "exclusivity":
        record["scope"] = "investors"
    return record


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--hubs", type=int, default=4)
    parser.add_argument("--per-hub", type=int, default=10_000)
    parser.add_argument("--leaves", type=int, default=20_000)
    parser.add_argument("--noise", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)

    hubs = [f"hub-{i}" for i in range(args.hubs)]
    leaves = [f"leaf-{i:05}" for i in range(args.leaves)]
    companies = [{"id": c, "name": c} for c in ["alpha", "omega"] + hubs + leaves]
    relations = []
    for hub in hubs:
        for leaf in rng.sample(leaves, args.per_hub):
            relations.append(relation(rng, hub, leaf))
    for _ in range(args.noise):
        a, b = rng.sample(leaves, 2)
        relations.append(relation(rng, a, b))
    for end in ["alpha", "omega"]:
        for leaf in rng.sample(leaves, 3):
            relations.append(relation(rng, end, leaf))

    with open(args.out, "w", encoding="utf-8") as f:
        json.dump({"companies": companies, "relations": relations}, f)
    print(
        f"{args.out}: {len(companies)} companies, {len(relations)} relations, "
        f"{args.hubs} hubs of {args.per_hub} relations"
    )


if __name__ == "__main__":
    main()
