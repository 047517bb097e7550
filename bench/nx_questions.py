"""The questions of issue 14 asked of networkx (and plain Python where networkx has no such
question), as a user who picked networkx instead of dealgraph would ask them, on a graph folder
of dealgraph's JSON files. Each reads the files, builds the graph the question needs by the
rule dealgraph documents, and answers; it prints the answer's digest and the seconds each step
took, for bench/questions.sh to set beside dealgraph's.

Usage: nx_questions.py QUESTION GRAPH [ARGS]
  cycles GRAPH N              loops of money of at most N hops: simple_cycles(length_bound=N)
  pagerank GRAPH              pagerank(alpha=0.85) over the deal relations
  degree GRAPH                degree_centrality over the deal relations
  betweenness GRAPH ANSWER    betweenness from the sample of sources dealgraph drew (read from
                              its JSON answer): betweenness_centrality_subset, scaled as k does
  impact GRAPH COMPANY        immediate_dominators of the supply graph rooted at the origins
  timeline GRAPH              relations per year, counted with collections.Counter
"""

import collections
import json
import pathlib
import sys
import time

import networkx as nx

FORWARD = {"investment", "acquisition", "loan"}
BACKWARD = {"lease", "compute", "supply"}
DEALS = {"investment", "loan", "lease", "compute", "supply", "acquisition", "ownership"}
SYMMETRIC = {"partnership", "competitor"}


def read(folder):
    companies, relations = [], []
    root = pathlib.Path(folder)
    for path in [root] if root.is_file() else sorted(root.glob("*.json")):
        graph = json.loads(path.read_text())
        companies += [c["id"] for c in graph.get("companies", [])]
        relations += graph.get("relations", [])
    return companies, relations


def typed(companies, relations, types):
    graph = nx.DiGraph()
    graph.add_nodes_from(companies)
    for r in relations:
        a, b = r["from"], r["to"]
        if r["type"] in types and a != b:
            graph.add_edge(a, b)
            if r["type"] in SYMMETRIC:
                graph.add_edge(b, a)
    return graph


def money_flow(companies, relations):
    flow = nx.DiGraph()
    flow.add_nodes_from(companies)
    for r in relations:
        if r.get("status") == "cancelled":
            continue
        if r["type"] in FORWARD:
            payer, payee = r["from"], r["to"]
        elif r["type"] in BACKWARD:
            payer, payee = r["to"], r["from"]
        else:
            continue
        if payer != payee:
            flow.add_edge(payer, payee)
    return flow


def dominated(companies, supply, company):
    root = ("root",)
    supply.add_node(root)
    for node in companies:
        if supply.in_degree(node) == 0:
            supply.add_edge(root, node)
    reached = set(nx.descendants(supply, root))
    for node in companies:
        if node not in reached:
            supply.add_edge(root, node)
            reached |= {node} | nx.descendants(supply, node)
    idom = nx.immediate_dominators(supply, root)
    found = 0
    for node in companies:
        at = node
        while node != company and at != root and idom[at] != at:
            at = idom[at]
            if at == company:
                found += 1
                break
    return found


def main():
    question, folder, args = sys.argv[1], sys.argv[2], sys.argv[3:]
    start = time.perf_counter()
    companies, relations = read(folder)
    loaded = time.perf_counter()
    if question == "cycles":
        graph = money_flow(companies, relations)
        built = time.perf_counter()
        answer = sum(1 for _ in nx.simple_cycles(graph, length_bound=int(args[0])))
    elif question in ("pagerank", "degree", "betweenness"):
        graph = typed(companies, relations, DEALS)
        built = time.perf_counter()
        if question == "pagerank":
            scores = nx.pagerank(graph, alpha=0.85)
        elif question == "degree":
            scores = nx.degree_centrality(graph)
        else:
            sources = json.loads(pathlib.Path(args[0]).read_text())["sample"]
            raw = nx.betweenness_centrality_subset(graph, sources, list(graph), normalized=False)
            n, k = len(graph), len(sources)
            scale = 1 / ((n - 1) * (n - 2)) * n / k
            scores = {node: value * scale for node, value in raw.items()}
        order = {company: index for index, company in enumerate(companies)}
        top = sorted(scores.items(), key=lambda item: (-item[1], order[item[0]]))[:5]
        answer = ",".join(node for node, _ in top)
    elif question == "impact":
        graph = typed(companies, relations, BACKWARD)
        built = time.perf_counter()
        answer = dominated(companies, graph, args[0])
    elif question == "timeline":
        built = time.perf_counter()
        years = collections.Counter(r["date"][:4] for r in relations if r.get("date"))
        answer = sum(years.values())
    else:
        raise SystemExit(f"unknown question {question}")
    done = time.perf_counter()
    print(
        f"answer {answer}; load_s {loaded - start:.2f} build_s {built - loaded:.2f} "
        f"question_s {done - built:.2f}"
    )


main()
