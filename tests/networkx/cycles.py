"""Loops of money counted by networkx, for tests/cycles.rs to compare with dealgraph's.

Reads a graph folder (every *.json file), builds the money-flow graph by the rule dealgraph
documents (investor to investee, acquirer to target, lender to borrower; customer to the
provider of a lease, compute or supply relation; cancelled relations move nothing; parallel
relations one edge), and prints, as JSON, the number of simple cycles of at most N hops for
each N given, and the number through each company given.

usage: cycles.py GRAPH_DIR MAX_LENGTH[,MAX_LENGTH...] [COMPANY...]
"""

import json
import pathlib
import sys

import networkx as nx

FORWARD = {"investment", "acquisition", "loan"}
BACKWARD = {"lease", "compute", "supply"}


def money_flow(folder):
    flow = nx.DiGraph()
    for path in sorted(pathlib.Path(folder).glob("*.json")):
        graph = json.loads(path.read_text())
        for company in graph.get("companies", []):
            flow.add_node(company["id"])
        for relation in graph.get("relations", []):
            if relation.get("status") == "cancelled":
                continue
            kind, source, target = relation["type"], relation["from"], relation["to"]
            if kind in FORWARD:
                payer, payee = source, target
            elif kind in BACKWARD:
                payer, payee = target, source
            else:
                continue
            if payer != payee:
                flow.add_edge(payer, payee)
    return flow


def main():
    folder, bounds, companies = sys.argv[1], sys.argv[2], sys.argv[3:]
    flow = money_flow(folder)
    answer = {"total": {}, "through": {}}
    for bound in (int(b) for b in bounds.split(",")):
        loops = list(nx.simple_cycles(flow, length_bound=bound))
        answer["total"][str(bound)] = len(loops)
        answer["through"][str(bound)] = {
            company: sum(1 for loop in loops if company in loop) for company in companies
        }
    print(json.dumps(answer))


main()
