"""networkx's route to GraphML, as a user who picked networkx instead of dealgraph would take
it: load the graph (bench/nx_load.py), turn the values GraphML cannot hold into text (lists
joined with "; ", sources and `extra` as JSON, as dealgraph writes them), then write_graphml.

Usage: nx_graphml.py GRAPH OUT.graphml

Prints the seconds each step took: load_s, convert_s, write_s.
"""

import json
import sys
import time

import networkx as nx

from nx_load import load


def as_text(data):
    """The attributes with lists of text joined and other lists and objects as JSON."""
    for key, value in data.items():
        if isinstance(value, list) and all(isinstance(item, str) for item in value):
            data[key] = "; ".join(value)
        elif isinstance(value, (list, dict)):
            data[key] = json.dumps(value, ensure_ascii=False)


def main():
    path, out = sys.argv[1], sys.argv[2]
    start = time.perf_counter()
    graph = load(path)
    loaded = time.perf_counter()
    for _, data in graph.nodes(data=True):
        as_text(data)
    for _, _, data in graph.edges(data=True):
        as_text(data)
    converted = time.perf_counter()
    nx.write_graphml(graph, out)
    written = time.perf_counter()
    print(
        f"load_s={loaded - start:.3f} convert_s={converted - loaded:.3f} "
        f"write_s={written - converted:.3f}"
    )


main()
