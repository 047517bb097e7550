#!/usr/bin/env python3
"""Writes the graphs of bench/bounded.sh: questions whose work must stay bounded.

clique OUT.json [--size 300]
    `a -partnership- hub -partnership- b`, and a clique of SIZE companies, every one a partner of
    the hub and of each other. The one simple path from a to b is a-hub-b; every longer walk
    goes into the clique and can never come back out, since the hub is already on the path, so
    `path a b --all --max-hops 8` has an exponential number of dead ends to rule out.

sector OUT.json [--companies 8000]
    One investor funding COMPANIES companies of one sector: `conflicts --sector-rivals` has
    COMPANIES * (COMPANIES - 1) / 2 pairs of rivals to rank.
"""

import argparse
import json


def partnership(a, b):
    return {"type": "partnership", "from": a, "to": b}


def clique(size):
    members = [f"c-{i:04}" for i in range(size)]
    companies = [{"id": c, "name": c} for c in ["a", "b", "hub"] + members]
    relations = [partnership("a", "hub"), partnership("hub", "b")]
    relations += [partnership("hub", m) for m in members]
    relations += [
        partnership(x, y) for i, x in enumerate(members) for y in members[i + 1 :]
    ]
    return companies, relations


def sector(count):
    members = [f"s-{i:05}" for i in range(count)]
    companies = [{"id": "fund", "name": "Fund", "sectors": ["investor"]}]
    companies += [{"id": m, "name": m, "sectors": ["ai"]} for m in members]
    relations = [{"type": "investment", "from": "fund", "to": m} for m in members]
    return companies, relations


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("shape", choices=["clique", "sector"])
    parser.add_argument("out")
    parser.add_argument("--size", type=int, default=300)
    parser.add_argument("--companies", type=int, default=8000)
    args = parser.parse_args()
    if args.shape == "clique":
        companies, relations = clique(args.size)
    else:
        companies, relations = sector(args.companies)
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump({"companies": companies, "relations": relations}, f)
    print(f"{args.out}: {len(companies)} companies, {len(relations)} relations")


if __name__ == "__main__":
    main()
