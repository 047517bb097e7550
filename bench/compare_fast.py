"""The path questions of bench/compare.sh answered with the graph libraries a Python user picks
for speed, igraph and rustworkx: read the JSON files, build the library's graph, ask, print. One
whole process each, as bench/compare_nx.py does with networkx.

Usage:
  compare_fast.py LIB GRAPH shortest FROM TO LIMIT    shortest paths (dealgraph path FROM TO)
  compare_fast.py LIB GRAPH allpaths FROM TO LIMIT    simple paths up to 4 hops (path --all)
  compare_fast.py LIB GRAPH suppliers COMPANY DEPTH   upstream over lease, compute, supply
  compare_fast.py LIB GRAPH dot COMPANY DEPTH         the neighbourhood as DOT (dot --focus)

LIB is igraph or rustworkx. Companies are given by id; relations are followed as dealgraph
follows them (deal relations along their direction, partnership both ways; parallel relations
make one hop; the neighbourhood of `dot` takes every relation either way). Conflicts are no graph algorithm: a user of either library writes them in plain
Python, as bench/compare_nx.py does, so they are not asked here. With $COMPARE_ANSWER set, the
answer's count and digest are written there (compare_common.answer).
"""

import sys

import compare_common as common


class Graph:
    """The companies and relations, with the library's graphs built from them on demand."""

    def __init__(self, lib, path):
        self.lib = lib
        self.companies, self.relations = common.read_graph(path)
        self.ids = [c["id"] for c in self.companies]
        self.index = {cid: i for i, cid in enumerate(self.ids)}
        self.names = {c["id"]: c["name"] for c in self.companies}
        self.between = {}
        for r in self.relations:
            self.between.setdefault((r["from"], r["to"]), []).append(r)

    def name(self, company):
        return self.names[company]

    def hop_relations(self, a, b):
        """The relations that make the hop a -> b, in dealgraph's order (type, then date)."""
        deal = lambda r: r["type"] not in common.NOT_DEALS  # noqa: E731
        found = [r for r in self.between.get((a, b), []) if deal(r)]
        found += [r for r in self.between.get((b, a), []) if r["type"] in common.SYMMETRIC and deal(r)]
        return sorted(found, key=lambda r: (r["type"], r.get("date") is None, r.get("date") or "", r["index"]))

    def pairs(self, keep=lambda r: True, both_ways=True):
        """(from, to) vertex pairs of the relations `keep` allows, symmetric ones both ways."""
        for r in self.relations:
            if keep(r):
                a, b = self.index[r["from"]], self.index[r["to"]]
                yield a, b
                if both_ways and r["type"] in common.SYMMETRIC:
                    yield b, a

    def digraph(self, pairs):
        """A simple directed graph of the companies and `pairs` (parallel pairs made one)."""
        unique = sorted(set(pairs))
        if self.lib == "igraph":
            import igraph

            return igraph.Graph(n=len(self.ids), edges=unique, directed=True)
        import rustworkx

        graph = rustworkx.PyDiGraph(multigraph=False)
        graph.add_nodes_from(self.ids)
        graph.add_edges_from_no_data(unique)
        return graph


def deal_hops(g):
    """The hops `dealgraph path` follows: deal relations, partnership both ways."""
    return g.digraph(g.pairs(lambda r: r["type"] not in common.NOT_DEALS))


def shortest(g, source, target, limit):
    hops = deal_hops(g)
    s, t = g.index[source], g.index[target]
    if g.lib == "igraph":
        found = hops.get_all_shortest_paths(s, to=t, mode="out") if s != t else []
    else:
        import rustworkx

        found = [list(p) for p in rustworkx.all_shortest_paths(hops, s, t)]
    found = sorted([g.ids[v] for v in path] for path in found)
    count = min(len(found), limit)
    common.print_paths(found[:limit], g.hop_relations, g.name)
    length = len(found[0]) - 1 if found else 0
    common.answer("shortest", str(count), common.path_items(found[:limit]), f"{length} hops")


def allpaths(g, source, target, limit):
    hops = deal_hops(g)
    s, t = g.index[source], g.index[target]
    if g.lib == "igraph":
        found = hops.get_all_simple_paths(s, to=t, maxlen=4, mode="out")
    else:
        import rustworkx

        # rustworkx's cutoff counts the nodes of a path: four hops are five nodes.
        found = [list(p) for p in rustworkx.digraph_all_simple_paths(hops, s, t, cutoff=5)]
    found = [[g.ids[v] for v in path] for path in found]
    found.sort(key=lambda nodes: (len(nodes), nodes))
    if len(found) > limit:
        sys.exit(f"{len(found)} paths, more than the limit {limit}: raise it")
    common.print_paths(found, g.hop_relations, g.name)
    common.answer("allpaths", str(len(found)), common.path_items(found))


def upstream_depths(g, company, depth):
    """Each supplier of `company` over lease, compute and supply, with its tier (1 = direct)."""
    supply = g.digraph((b, a) for a, b in g.pairs(lambda r: r["type"] in common.SUPPLY, both_ways=False))
    start = g.index[company]
    if g.lib == "igraph":
        levels = supply.distances(source=start, mode="out")[0]
        reached = {v: d for v, d in enumerate(levels) if 0 < d <= depth}
    else:
        import rustworkx

        lengths = rustworkx.digraph_dijkstra_shortest_path_lengths(supply, start, lambda _: 1.0)
        reached = {v: int(d) for v, d in lengths.items() if 0 < d <= depth}
    return {g.ids[v]: d for v, d in reached.items()}


def suppliers(g, company, depth):
    reached = upstream_depths(g, company, depth)
    write = sys.stdout.write
    write(f"{g.name(company)} ({company}): {len(reached)} suppliers within {depth} tiers\n")
    supply = [r for r in g.relations if r["type"] in common.SUPPLY]
    by_supplier = {}
    for r in supply:
        by_supplier.setdefault(r["from"], []).append(r)
    for supplier, level in sorted(reached.items(), key=lambda item: (item[1], item[0])):
        write(f"{'   ' * (level - 1)}- {g.name(supplier)} ({supplier})  depth {level}\n")
        for r in by_supplier.get(supplier, []):
            if reached.get(r["to"], 0) == level - 1:
                write(f"{'   ' * level}  · {common.relation_line(r, g.name)}\n")
    common.answer("suppliers", str(len(reached)), [f"{s}@{d}" for s, d in reached.items()])


def dot(g, company, depth):
    start = g.index[company]
    if g.lib == "igraph":
        import igraph

        either = igraph.Graph(n=len(g.ids), edges=sorted(set(g.pairs(both_ways=False))), directed=False)
        near = either.neighborhood(start, order=depth)
    else:
        import rustworkx

        either = rustworkx.PyGraph(multigraph=False)
        either.add_nodes_from(g.ids)
        either.add_edges_from_no_data(sorted({(min(a, b), max(a, b)) for a, b in g.pairs(both_ways=False)}))
        lengths = rustworkx.graph_dijkstra_shortest_path_lengths(either, start, lambda _: 1.0)
        near = [start] + [v for v, d in lengths.items() if d <= depth]
    inside = {g.ids[v] for v in near}
    nodes = {c["id"]: (c["name"], c.get("sectors", [])) for c in g.companies if c["id"] in inside}
    edges = [r for r in g.relations if r["from"] in inside and r["to"] in inside]
    lines = common.write_dot(company, depth, nodes, edges)
    common.answer("dot", f"{len(nodes)} nodes, {len(lines)} edges", common.dot_items(nodes, lines))


def main():
    if len(sys.argv) < 4 or sys.argv[1] not in ("igraph", "rustworkx"):
        sys.exit(__doc__)
    graph = Graph(sys.argv[1], sys.argv[2])
    question, args = sys.argv[3], sys.argv[4:]
    if question in ("shortest", "allpaths"):
        globals()[question](graph, args[0], args[1], int(args[2]))
    elif question in ("suppliers", "dot"):
        globals()[question](graph, args[0], int(args[1]))
    else:
        sys.exit(f"{question} is not asked of {sys.argv[1]}: see the usage")


if __name__ == "__main__":
    main()
