"""Load a dealgraph graph into networkx, as a user who picked networkx instead would.

Usage: nx_load.py PATH

PATH is a graph file or a folder: every *.json file below it (sorted, hidden ones skipped, as
dealgraph reads a folder) is json-loaded, each company becomes a node of a MultiDiGraph with its
fields as attributes, and each relation an edge with its fields (all but `from` and `to`) as
attributes. Prints the node and edge counts. bench/load.sh times this whole process.
"""

import json
import os
import sys

import networkx as nx


def graph_files(path):
    """The *.json files of a graph, in the order dealgraph reads them."""
    if os.path.isfile(path):
        return [path]
    found = []
    for root, dirs, names in os.walk(path):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found += [
            os.path.join(root, name)
            for name in names
            if name.endswith(".json") and not name.startswith(".")
        ]
    return sorted(found)


def load(path):
    """The graph at `path` as a networkx MultiDiGraph with node and edge attributes."""
    graph = nx.MultiDiGraph()
    for name in graph_files(path):
        with open(name, "rb") as file:
            data = json.load(file)
        graph.add_nodes_from((company.pop("id"), company) for company in data.get("companies", []))
        graph.add_edges_from(
            (relation.pop("from"), relation.pop("to"), relation)
            for relation in data.get("relations", [])
        )
    return graph


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: nx_load.py PATH")
    graph = load(sys.argv[1])
    print(f"{graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges")


if __name__ == "__main__":
    main()
