"""The questions of bench/compare.sh, answered with Kuzu, an embedded Cypher graph database:
imported once, then each question is a whole process that opens the database, runs Cypher
and prints.

Usage:
  compare_kuzu.py import DB GRAPH                 import the graph's JSON files into a new database
  compare_kuzu.py DB shortest FROM TO LIMIT       shortest paths (dealgraph path FROM TO)
  compare_kuzu.py DB allpaths FROM TO LIMIT       simple paths up to 4 hops (path --all)
  compare_kuzu.py DB suppliers COMPANY DEPTH      upstream over lease, compute, supply
  compare_kuzu.py DB conflicts [COMPANY]          competitor-funding conflicts
  compare_kuzu.py DB dot COMPANY DEPTH            the neighbourhood as DOT (dot --focus)

The schema: a node table Company(id primary key, name, sectors, country) and one relation table
R(FROM Company TO Company) with the relation's fields (idx: its position in file order, type,
date, end_date, status, amount_usd, deal, scope, binding, retroactive, round). A partnership or
competitor relation is stored both ways, the second copy with mirror = true, so directed
patterns follow symmetric types both ways as dealgraph does; questions that list relations
(conflicts, DOT) skip the mirrors. With $COMPARE_ANSWER set, the answer's count and digest are
written there too (see compare_common.answer).
"""

import csv
import os
import shutil
import sys
import tempfile

import kuzu

import compare_common as common

REL_FIELDS = [
    ("idx", "INT64"),
    ("type", "STRING"),
    ("date", "STRING"),
    ("end_date", "STRING"),
    ("status", "STRING"),
    ("amount_usd", "DOUBLE"),
    ("deal", "STRING"),
    ("scope", "STRING"),
    ("binding", "BOOLEAN"),
    ("retroactive", "BOOLEAN"),
    ("round", "STRING"),
    ("mirror", "BOOLEAN"),
]


def csv_value(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def import_graph(db_path, graph_path):
    """Writes the graph's companies and relations as CSV, then COPYs them into a new database."""
    companies, relations = common.read_graph(graph_path)
    if os.path.exists(db_path):
        shutil.rmtree(db_path)
    os.makedirs(db_path)
    with tempfile.TemporaryDirectory(dir=os.path.dirname(os.path.abspath(db_path))) as tmp:
        nodes_csv, rels_csv = os.path.join(tmp, "companies.csv"), os.path.join(tmp, "relations.csv")
        with open(nodes_csv, "w", newline="") as file:
            out = csv.writer(file)
            out.writerow(["id", "name", "sectors", "country"])
            for c in companies:
                sectors = "[" + ",".join(c.get("sectors", [])) + "]"
                out.writerow([c["id"], c["name"], sectors, csv_value(c.get("country"))])
        with open(rels_csv, "w", newline="") as file:
            out = csv.writer(file)
            out.writerow(["from", "to"] + [name for name, _ in REL_FIELDS])
            for r in relations:
                fields = {
                    "idx": r["index"],
                    "end_date": r.get("end"),
                    "mirror": False,
                    **{name: r.get(name) for name, _ in REL_FIELDS if name not in ("idx", "end_date", "mirror")},
                }
                row = [csv_value(fields[name]) for name, _ in REL_FIELDS]
                out.writerow([r["from"], r["to"]] + row)
                if r["type"] in common.SYMMETRIC:
                    row[-1] = "true"
                    out.writerow([r["to"], r["from"]] + row)
        db = kuzu.Database(os.path.join(db_path, "db"))
        conn = kuzu.Connection(db)
        conn.execute(
            "CREATE NODE TABLE Company(id STRING PRIMARY KEY, name STRING, sectors STRING[], country STRING)"
        )
        columns = ", ".join(f"{name} {kind}" for name, kind in REL_FIELDS)
        conn.execute(f"CREATE REL TABLE R(FROM Company TO Company, {columns})")
        conn.execute(f"COPY Company FROM '{nodes_csv}' (HEADER=true, ESCAPE='\"')")
        conn.execute(f"COPY R FROM '{rels_csv}' (HEADER=true, ESCAPE='\"')")
        count = rows(conn, "MATCH ()-[r:R]->() WHERE NOT r.mirror RETURN count(*)")[0][0]
        conn.close()
        db.close()
    print(f"imported {len(companies)} companies and {count} relations into {db_path}")


def rows(conn, query, parameters=None):
    result = conn.execute(query, parameters or {})
    found = []
    while result.has_next():
        found.append(result.get_next())
    return found


def names(conn, ids):
    # UNWIND and a primary-key match: `WHERE c.id IN $ids` tests every company against the
    # whole list, which at 1M relations costs seconds.
    found = rows(conn, "UNWIND $ids AS x MATCH (c:Company {id: x}) RETURN c.id, c.name", {"ids": sorted(set(ids))})
    table = dict(found)
    return lambda company: table[company]


# A relation `r` from `a` to `b` as a map, for the Python side.
RELATION = (
    "{from: a.id, to: b.id, type: r.type, date: r.date, status: r.status, "
    "amount_usd: r.amount_usd, index: r.idx, mirror: r.mirror}"
)


# With what conflicts need of a clause or an investment.
RELATION_TERMS = RELATION[:-1] + ", deal: r.deal, binding: r.binding, retroactive: r.retroactive}"


def relation_dict(value):
    return {key: value[key] for key in value}


def paths_answer(conn, question, query, source, target, limit):
    """Paths as node lists, each once (parallel relations give Kuzu one path each), with the
    relations of each hop."""
    found = rows(
        conn,
        query + " RETURN properties(nodes(p), 'id'), properties(rels(p), 'idx'), "
        "properties(rels(p), 'type'), properties(rels(p), 'date'), properties(rels(p), 'status'), "
        "properties(rels(p), 'amount_usd'), properties(rels(p), 'mirror')",
        {"a": source, "b": target},
    )
    hops = {}
    paths = set()
    for ids, idxs, types, dates, statuses, amounts, mirrors in found:
        paths.add(tuple(ids))
        for i, (a, b) in enumerate(zip(ids, ids[1:])):
            frm, to = (b, a) if mirrors[i] else (a, b)
            relation = {"from": frm, "to": to, "type": types[i], "date": dates[i], "status": statuses[i],
                        "amount_usd": amounts[i], "index": idxs[i]}
            hops.setdefault((a, b), {})[idxs[i]] = relation
    ordered = sorted(paths, key=lambda nodes: (len(nodes), nodes))
    return ordered, hops


def print_and_answer_paths(conn, question, ordered, hops, limit):
    if question == "allpaths" and len(ordered) > limit:
        sys.exit(f"{len(ordered)} paths, more than the limit {limit}: raise it")
    shown = ordered[:limit]
    name = names(conn, {n for nodes in shown for n in nodes})
    relations = lambda a, b: sorted(hops[(a, b)].values(), key=lambda r: (r["type"], r["date"] is None, r["date"] or "", r["index"]))  # noqa: E731
    common.print_paths(shown, relations, name)
    detail = f"{len(shown[0]) - 1} hops" if question == "shortest" and shown else ""
    common.answer(question, str(len(shown)), common.path_items(shown), detail)


def shortest(conn, source, target, limit):
    query = "MATCH p = (a:Company {id: $a})-[:R* ALL SHORTEST 1..30]->(b:Company {id: $b})"
    ordered, hops = paths_answer(conn, "shortest", query, source, target, limit)
    print_and_answer_paths(conn, "shortest", ordered, hops, limit)


def allpaths(conn, source, target, limit):
    query = "MATCH p = (a:Company {id: $a})-[:R* ACYCLIC 1..4]->(b:Company {id: $b}) WHERE is_acyclic(p)"
    ordered, hops = paths_answer(conn, "allpaths", query, source, target, limit)
    print_and_answer_paths(conn, "allpaths", ordered, hops, limit)


def suppliers(conn, company, depth):
    # Tier by tier: a recursive pattern with a relation filter,
    # -[e:R* SHORTEST 1..3 (r, _ | WHERE r.type IN [...])]-, gives wrong answers in Kuzu 0.11.3
    # (paths whose last hop is an investment), so each tier is a one-hop query.
    level = {company: 0}
    frontier = [company]
    found = []
    for tier in range(1, depth + 1):
        reached = rows(
            conn,
            "UNWIND $frontier AS f MATCH (t:Company {id: f})<-[r:R]-(s:Company) "
            "WHERE r.type IN ['lease', 'compute', 'supply'] RETURN DISTINCT s.id, s.name",
            {"frontier": frontier},
        )
        frontier = []
        for supplier, name in reached:
            if supplier not in level:
                level[supplier] = tier
                frontier.append(supplier)
                found.append((supplier, name, tier))
        if not frontier:
            break
    links = rows(
        conn,
        "UNWIND $ids AS x MATCH (a:Company {id: x})-[r:R]->(b:Company) "
        "WHERE r.type IN ['lease', 'compute', 'supply'] RETURN " + RELATION,
        {"ids": sorted(level)},
    )
    via = {}
    for (value,) in links:
        r = relation_dict(value)
        if r["to"] in level and level[r["to"]] == level[r["from"]] - 1:
            via.setdefault(r["from"], []).append(r)
    name = names(conn, level)
    write = sys.stdout.write
    write(f"{name(company)} ({company}): {len(found)} suppliers within {depth} tiers\n")
    for supplier, _, d in sorted(found, key=lambda row: (row[2], row[0])):
        write(f"{'   ' * (d - 1)}- {name(supplier)} ({supplier})  depth {d}\n")
        for r in via.get(supplier, []):
            write(f"{'   ' * d}  · {common.relation_line(r, name)}\n")
    common.answer("suppliers", str(len(found)), [f"{s}@{d}" for s, _, d in found])


RIVALRY = (
    "((x.type = 'exclusivity' AND x.scope = 'investors') OR (x.type = 'competitor' AND NOT x.mirror))"
)


def conflicts(conn, company=None):
    # Ownership families: weakly connected components over ownership relations.
    rows(conn, "CALL project_graph('ownership', ['Company'], {'R': 'r.type = \"ownership\"'})")
    families = rows(
        conn,
        "CALL weakly_connected_components('ownership') WITH group_id, collect(node.id) AS members "
        "WHERE size(members) > 1 RETURN members",
    )
    family_of = {}
    for (members,) in families:
        label = min(members)
        for member in members:
            family_of[member] = label
    family = lambda node: family_of.get(node, node)  # noqa: E731
    # An investor funds the company and, itself or through its family, the rival. With a
    # company, only the rivalries it is in (which is all that --company keeps).
    rivalry = RIVALRY + (" AND (c.id = $company OR v.id = $company)" if company else "")
    scope = {"company": company} if company else {}
    direct = rows(
        conn,
        f"MATCH (c:Company)-[x:R]->(v:Company) WHERE {rivalry} "
        "MATCH (i:Company)-[ic:R]->(c), (i)-[iv:R]->(v) WHERE ic.type = 'investment' AND iv.type = 'investment' "
        "RETURN x.idx, x.type, c.id, v.id, i.id, i.id AS member, collect(DISTINCT ic.idx), collect(DISTINCT iv.idx), "
        "[] AS links",
        scope,
    )
    through = rows(
        conn,
        f"MATCH (c:Company)-[x:R]->(v:Company) WHERE {rivalry} "
        "MATCH (i:Company)-[ic:R]->(c) WHERE ic.type = 'investment' "
        "MATCH p = (i)-[:R* SHORTEST 1..30 (o, _ | WHERE o.type = 'ownership')]-(m:Company) "
        "MATCH (m)-[iv:R]->(v) WHERE iv.type = 'investment' "
        "RETURN x.idx, x.type, c.id, v.id, i.id, m.id, collect(DISTINCT ic.idx), collect(DISTINCT iv.idx), "
        "properties(rels(p), 'idx') AS links",
        scope,
    )
    grouped = {}
    for idx, kind, funded, rival, investor, member, company_investments, rival_investments, links in direct + through:
        key = (0 if kind == "exclusivity" else 1, idx, investor)
        c = grouped.setdefault(
            key,
            {
                "kind": "clause" if kind == "exclusivity" else "competitor",
                "rivalry": idx,
                "investor": investor,
                "company": funded,
                "rival": rival,
                "through": set(),
                "company_investments": set(),
                "rival_investments": set(),
                "links": set(),
            },
        )
        c["links"].update(links)
        if member != investor:
            c["through"].add(member)
        c["company_investments"].update(company_investments)
        c["rival_investments"].update(rival_investments)
    candidates = []
    for key in sorted(grouped):
        c = grouped[key]
        c["through"] = sorted(c["through"])
        c["company_investments"] = sorted(c["company_investments"])
        c["rival_investments"] = sorted(c["rival_investments"])
        candidates.append(c)
    used = set()
    for c in candidates:
        used.update((c["rivalry"], *c["company_investments"], *c["rival_investments"], *c["links"]))
    # The relations' fields: every relation that proves a conflict ends at one of the pairs'
    # companies, or is an ownership relation (few). Fetching them by index instead
    # (`WHERE r.idx IN $list`) tests every relation against the whole list: minutes at 1M.
    ends = sorted({n for c in candidates for n in (c["company"], c["rival"])})
    relations = {}
    for (value,) in rows(
        conn,
        "UNWIND $targets AS t MATCH (a:Company)-[r:R]->(b:Company {id: t}) "
        "WHERE r.type IN ['investment', 'exclusivity', 'competitor'] AND NOT r.mirror "
        f"RETURN {RELATION_TERMS}",
        {"targets": ends},
    ):
        if value["index"] in used:
            relations[value["index"]] = relation_dict(value)
    for (value,) in rows(
        conn, f"MATCH (a:Company)-[r:R]->(b:Company) WHERE r.type = 'ownership' RETURN {RELATION_TERMS}"
    ):
        if value["index"] in used:
            relations[value["index"]] = relation_dict(value)
    found = common.finish_conflicts(candidates, family, relations.__getitem__, company)

    def ownership_links(c):
        # The ownership relations of the shortest path from the investor to each member it
        # funds the rival through, found by the query above.
        return c["links"]

    shown = {n for c in found for n in (c["investor"], c["company"], c["rival"], *c["through"])}
    shown |= {r[k] for r in relations.values() for k in ("from", "to")}
    name = names(conn, shown)
    common.print_conflicts(found, relations.__getitem__, name, ownership_links)
    common.answer("conflicts", str(len(found)), common.conflict_items(found))


def dot(conn, company, depth):
    near = rows(
        conn,
        f"MATCH (x:Company {{id: $c}})-[:R* SHORTEST 1..{depth}]-(n:Company) RETURN n.id",
        {"c": company},
    )
    ids = sorted({company} | {n for (n,) in near})
    nodes = {
        n: (name, sectors or [])
        for n, name, sectors in rows(
            conn, "UNWIND $ids AS x MATCH (c:Company {id: x}) RETURN c.id, c.name, c.sectors", {"ids": ids}
        )
    }
    edges = [
        relation
        for (value,) in rows(
            conn,
            f"UNWIND $ids AS x MATCH (a:Company {{id: x}})-[r:R]->(b:Company) WHERE NOT r.mirror RETURN {RELATION}",
            {"ids": ids},
        )
        if (relation := relation_dict(value))["to"] in nodes
    ]
    edges.sort(key=lambda r: r["index"])
    lines = common.write_dot(company, depth, nodes, edges)
    common.answer("dot", f"{len(nodes)} nodes, {len(lines)} edges", common.dot_items(nodes, lines))


def main():
    if len(sys.argv) >= 4 and sys.argv[1] == "import":
        import_graph(sys.argv[2], sys.argv[3])
        return
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    # Opened read-write, as by default: projecting a graph for an algorithm needs it. The
    # buffer pool (by default 80% of the machine's memory) is capped at $KUZU_BUFFER_POOL_MB
    # (8192), as the machine is shared: a query that needs more fails.
    pool = int(os.environ.get("KUZU_BUFFER_POOL_MB", "8192")) * 1024 * 1024
    db = kuzu.Database(os.path.join(sys.argv[1], "db"), buffer_pool_size=pool)
    conn = kuzu.Connection(db)
    question, args = sys.argv[2], sys.argv[3:]
    if question in ("shortest", "allpaths"):
        globals()[question](conn, args[0], args[1], int(args[2]))
    elif question in ("suppliers", "dot"):
        globals()[question](conn, args[0], int(args[1]))
    elif question == "conflicts":
        conflicts(conn, args[0] if args else None)
    else:
        sys.exit(f"unknown question {question}")


if __name__ == "__main__":
    main()
