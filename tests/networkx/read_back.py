"""Reads a GraphML or GEXF export with networkx and prints what networkx sees, as JSON:
every node with its attributes, and every edge with its id, ends and attributes.

Usage: read_back.py graphml|gexf FILE
"""

import json
import sys

import networkx as nx


def main():
    kind, path = sys.argv[1], sys.argv[2]
    if kind == "graphml":
        graph = nx.read_graphml(path, force_multigraph=True)
    else:
        graph = nx.read_gexf(path)
    if graph.is_multigraph():
        triples = ((u, v, key, data) for u, v, key, data in graph.edges(keys=True, data=True))
    else:
        triples = ((u, v, None, data) for u, v, data in graph.edges(data=True))
    edges = []
    for source, target, key, data in triples:
        data = dict(data)
        edge_id = data.pop("id", key)
        edges.append({"id": edge_id, "source": source, "target": target, "data": data})
    nodes = {node: dict(data) for node, data in graph.nodes(data=True)}
    json.dump(
        {"directed": graph.is_directed(), "nodes": nodes, "edges": edges},
        sys.stdout,
        default=list,
    )


main()
