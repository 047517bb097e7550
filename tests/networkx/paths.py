"""Answers path questions with networkx, the independent implementation tests/networkx.rs
compares dealgraph against.

Usage: paths.py GRAPH_JSON QUERIES_JSON

GRAPH_JSON is a dealgraph graph file ({"companies": [...], "relations": [...]}). QUERIES_JSON is a
list of {"from": ID, "to": ID, "undirected": BOOL, "via": [TYPE, ...] or null,
"exclude": [TYPE, ...], "cutoff": N}. Prints one JSON list with, for each query,
{"shortest": hops or null, "shortest_paths": [[ID, ...], ...], "paths": [[ID, ...], ...]}: the
shortest-path length, every shortest path, and every simple path of at most `cutoff` hops, paths
as node sequences, sorted.

The graphs mirror dealgraph's semantics: directed questions use an nx.DiGraph with an edge per
allowed relation in its direction, plus the reverse edge for symmetric types (partnership,
competitor); undirected questions use an nx.Graph. Parallel relations collapse to one edge.
"""

import json
import sys

import networkx as nx

SYMMETRIC = {"partnership", "competitor"}


def build(graph, undirected, via, exclude):
    g = nx.Graph() if undirected else nx.DiGraph()
    g.add_nodes_from(company["id"] for company in graph.get("companies", []))
    for relation in graph.get("relations", []):
        kind = relation["type"]
        if via is not None and kind not in via:
            continue
        if kind in exclude:
            continue
        g.add_edge(relation["from"], relation["to"])
        if not undirected and kind in SYMMETRIC:
            g.add_edge(relation["to"], relation["from"])
    return g


def answer(g, query):
    source, target = query["from"], query["to"]
    try:
        shortest = nx.shortest_path_length(g, source, target)
        shortest_paths = sorted(nx.all_shortest_paths(g, source, target))
    except nx.NetworkXNoPath:
        shortest, shortest_paths = None, []
    paths = sorted(nx.all_simple_paths(g, source, target, cutoff=query["cutoff"]))
    return {"shortest": shortest, "shortest_paths": shortest_paths, "paths": paths}


def main():
    graph_path, queries_path = sys.argv[1], sys.argv[2]
    with open(graph_path, encoding="utf-8") as f:
        graph = json.load(f)
    with open(queries_path, encoding="utf-8") as f:
        queries = json.load(f)
    graphs = {}
    answers = []
    for query in queries:
        via = query.get("via")
        key = (
            bool(query["undirected"]),
            None if via is None else tuple(sorted(via)),
            tuple(sorted(query.get("exclude") or [])),
        )
        if key not in graphs:
            graphs[key] = build(graph, key[0], key[1], set(key[2]))
        answers.append(answer(graphs[key], query))
    json.dump(answers, sys.stdout, separators=(",", ":"))
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
