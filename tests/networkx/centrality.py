"""Centrality and dominators computed by networkx, for tests/rank.rs to compare with dealgraph.

Reads a graph folder (every *.json file, in name order), builds the directed graph of the
relation types given (every company a node, in file order; parallel relations one edge;
symmetric types both ways; none from a company to itself), and prints, as JSON:

- betweenness: betweenness_centrality(normalized=True), or, given sample sources, the
  betweenness from those sources scaled as betweenness_centrality's k does;
- pagerank: pagerank(alpha=0.85);
- degree: degree_centrality;
- dominated: for each company given, the companies it dominates in the supply graph rooted at
  the origins (each company with no supplier, then in company order each company the root does
  not reach yet), by immediate_dominators.

usage: centrality.py GRAPH_DIR TYPES [--sample ID,ID,...] [--dominators ID,ID,...]
"""

import json
import pathlib
import sys

import networkx as nx

SYMMETRIC = {"partnership", "competitor"}


def read(folder):
    companies, relations = [], []
    for path in sorted(pathlib.Path(folder).glob("*.json")):
        graph = json.loads(path.read_text())
        companies += [c["id"] for c in graph.get("companies", [])]
        relations += graph.get("relations", [])
    return companies, relations


def digraph(companies, relations, types):
    graph = nx.DiGraph()
    graph.add_nodes_from(companies)
    for relation in relations:
        a, b = relation["from"], relation["to"]
        if relation["type"] not in types or a == b:
            continue
        graph.add_edge(a, b)
        if relation["type"] in SYMMETRIC:
            graph.add_edge(b, a)
    return graph


def dominated(companies, supply, company):
    graph = supply.copy()
    root = ("root",)
    graph.add_node(root)
    for node in companies:
        if graph.in_degree(node) == 0:
            graph.add_edge(root, node)
    reached = set(nx.descendants(graph, root))
    for node in companies:
        if node not in reached:
            graph.add_edge(root, node)
            reached |= {node} | nx.descendants(graph, node)
    idom = nx.immediate_dominators(graph, root)
    found = []
    for node in companies:
        if node == company:
            continue
        at = node
        while at != root and idom[at] != at:
            at = idom[at]
            if at == company:
                found.append(node)
                break
    return sorted(found)


def main():
    folder, types = sys.argv[1], set(sys.argv[2].split(","))
    options = dict(zip(sys.argv[3::2], sys.argv[4::2]))
    companies, relations = read(folder)
    graph = digraph(companies, relations, types)
    answer = {
        "pagerank": nx.pagerank(graph, alpha=0.85),
        "degree": nx.degree_centrality(graph),
    }
    if "--sample" in options:
        sources = options["--sample"].split(",")
        raw = nx.betweenness_centrality_subset(graph, sources, list(graph), normalized=False)
        n, k = len(graph), len(sources)
        scale = 1 / ((n - 1) * (n - 2)) * n / k
        answer["betweenness"] = {node: value * scale for node, value in raw.items()}
    else:
        answer["betweenness"] = nx.betweenness_centrality(graph, normalized=True)
    if "--dominators" in options:
        supply = digraph(companies, relations, {"lease", "compute", "supply"})
        answer["dominated"] = {
            company: dominated(companies, supply, company)
            for company in options["--dominators"].split(",")
        }
    print(json.dumps(answer))


main()
