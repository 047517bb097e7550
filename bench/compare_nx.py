"""The questions of bench/compare.sh, answered with networkx as its user would: load the JSON
files into a MultiDiGraph with node and edge attributes, ask, print. One whole process each.

Usage:
  compare_nx.py GRAPH shortest FROM TO LIMIT      shortest paths (dealgraph path FROM TO)
  compare_nx.py GRAPH allpaths FROM TO LIMIT      simple paths up to 4 hops (path --all)
  compare_nx.py GRAPH suppliers COMPANY DEPTH     upstream over lease, compute, supply
  compare_nx.py GRAPH conflicts [COMPANY]         competitor-funding conflicts
  compare_nx.py GRAPH dot COMPANY DEPTH           the neighbourhood as DOT (dot --focus)

Companies are given by id. Relations are followed as dealgraph follows them: along their
direction, partnership and competitor both ways; parallel relations make one hop. With
$COMPARE_ANSWER set, the answer's count and digest are written there too (see
compare_common.answer).
"""

import sys

import networkx as nx

import compare_common as common


def load(path):
    """The graph as a MultiDiGraph: companies as nodes with their fields, relations as edges
    with theirs (and `index`, the relation's position in file order)."""
    companies, relations = common.read_graph(path)
    graph = nx.MultiDiGraph()
    graph.add_nodes_from((company["id"], company) for company in companies)
    graph.add_edges_from((r["from"], r["to"], r) for r in relations)
    return graph


def name_of(graph):
    return lambda company: graph.nodes[company]["name"]


def hop_graph(graph):
    """The hops dealgraph's path follows: u -> v for each deal relation (competitor and
    exclusivity are none), and v -> u too for partnership; parallel relations collapse into
    one hop."""
    hops = nx.DiGraph()
    hops.add_nodes_from(graph)
    for u, v, kind in graph.edges(data="type"):
        if kind in common.NOT_DEALS:
            continue
        hops.add_edge(u, v)
        if kind in common.SYMMETRIC:
            hops.add_edge(v, u)
    return hops


def hop_relations(graph):
    """The relations that make the hop a -> b, in dealgraph's order (type, then date)."""

    def relations(a, b):
        found = [r for r in graph.get_edge_data(a, b, default={}).values() if r["type"] not in common.NOT_DEALS]
        found += [
            r
            for r in graph.get_edge_data(b, a, default={}).values()
            if r["type"] in common.SYMMETRIC and r["type"] not in common.NOT_DEALS
        ]
        return sorted(found, key=lambda r: (r["type"], r.get("date") is None, r.get("date") or "", r["index"]))

    return relations


def shortest(graph, source, target, limit):
    try:
        found = list(nx.all_shortest_paths(hop_graph(graph), source, target))
    except nx.NetworkXNoPath:
        found = []
    found.sort()
    count = min(len(found), limit)
    common.print_paths(found[:limit], hop_relations(graph), name_of(graph))
    hops = len(found[0]) - 1 if found else 0
    common.answer("shortest", str(count), common.path_items(found[:limit]), f"{hops} hops")


def allpaths(graph, source, target, limit):
    found = list(nx.all_simple_paths(hop_graph(graph), source, target, cutoff=4))
    found.sort(key=lambda nodes: (len(nodes), nodes))
    if len(found) > limit:
        sys.exit(f"{len(found)} paths, more than the limit {limit}: raise it")
    common.print_paths(found, hop_relations(graph), name_of(graph))
    common.answer("allpaths", str(len(found)), common.path_items(found))


def suppliers(graph, company, depth):
    supply = nx.subgraph_view(graph, filter_edge=lambda u, v, k: graph[u][v][k]["type"] in common.SUPPLY)
    upstream = supply.reverse(copy=False)
    reached = nx.single_source_shortest_path_length(upstream, company, cutoff=depth)
    del reached[company]
    name = name_of(graph)
    write = sys.stdout.write
    write(f"{name(company)} ({company}): {len(reached)} suppliers within {depth} tiers\n")
    for supplier, level in sorted(reached.items(), key=lambda item: (item[1], item[0])):
        write(f"{'   ' * (level - 1)}- {name(supplier)} ({supplier})  depth {level}\n")
        for _, customer, r in supply.out_edges(supplier, data=True):
            if reached.get(customer, 0) == level - 1:
                write(f"{'   ' * level}  · {common.relation_line(r, name)}\n")
    common.answer("suppliers", str(len(reached)), [f"{s}@{d}" for s, d in reached.items()])


def conflicts(graph, company=None):
    relations = {}
    funders = {}  # company -> [(investor, relation index)], sorted
    families = nx.utils.UnionFind()
    rivalries = []
    for u, v, r in graph.edges(data=True):
        relations[r["index"]] = r
        kind = r["type"]
        if kind == "investment":
            funders.setdefault(v, []).append((u, r["index"]))
        elif kind == "ownership":
            families.union(u, v)
        elif kind == "exclusivity" and r.get("scope") == "investors":
            rivalries.append((0, r["index"], u, v))
        elif kind == "competitor":
            rivalries.append((1, r["index"], u, v))
    for funded in funders.values():
        funded.sort()
    members = {}
    for group in families.to_sets():
        for member in group:
            members[member] = group
    family = lambda node: families[node] if node in members else node  # noqa: E731
    candidates = []
    for order, index, funded, rival in sorted(rivalries):
        # --company keeps only the conflicts of rivalries the company is in: skip the others.
        if company is not None and company not in (funded, rival):
            continue
        by_investor = {}
        for investor, relation in funders.get(funded, ()):
            by_investor.setdefault(investor, []).append(relation)
        rival_funders = funders.get(rival, ())
        for investor, company_investments in by_investor.items():
            group = members.get(investor, (investor,))
            mine = [(f, r) for f, r in rival_funders if f in group]
            if not mine:
                continue
            candidates.append(
                {
                    "kind": "clause" if order == 0 else "competitor",
                    "rivalry": index,
                    "investor": investor,
                    "company": funded,
                    "rival": rival,
                    "through": sorted({f for f, _ in mine if f != investor}),
                    "company_investments": company_investments,
                    "rival_investments": [r for _, r in mine],
                }
            )
    found = common.finish_conflicts(candidates, family, relations.__getitem__, company)
    ownership = nx.Graph()
    ownership.add_edges_from(
        (u, v, {"index": r["index"]}) for u, v, r in graph.edges(data=True) if r["type"] == "ownership"
    )

    def ownership_links(c):
        links = set()
        for member in c["through"]:
            steps = nx.shortest_path(ownership, c["investor"], member)
            for a, b in zip(steps, steps[1:]):
                links.update(
                    r["index"]
                    for x, y in ((a, b), (b, a))
                    for r in graph.get_edge_data(x, y, default={}).values()
                    if r["type"] == "ownership"
                )
        return links

    common.print_conflicts(found, relations.__getitem__, name_of(graph), ownership_links)
    common.answer("conflicts", str(len(found)), common.conflict_items(found))


def dot(graph, company, depth):
    near = nx.ego_graph(graph, company, radius=depth, undirected=True)
    nodes = {n: (data["name"], data.get("sectors", [])) for n, data in near.nodes(data=True)}
    edges = sorted((r for _, _, r in near.edges(data=True)), key=lambda r: r["index"])
    lines = common.write_dot(company, depth, nodes, edges)
    common.answer("dot", f"{len(nodes)} nodes, {len(lines)} edges", common.dot_items(nodes, lines))


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    graph = load(sys.argv[1])
    question, args = sys.argv[2], sys.argv[3:]
    if question in ("shortest", "allpaths"):
        globals()[question](graph, args[0], args[1], int(args[2]))
    elif question in ("suppliers", "dot"):
        globals()[question](graph, args[0], int(args[1]))
    elif question == "conflicts":
        conflicts(graph, args[0] if args else None)
    else:
        sys.exit(f"unknown question {question}")


if __name__ == "__main__":
    main()
