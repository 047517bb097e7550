"""What bench/compare_nx.py and bench/compare_kuzu.py share: reading the graph files, the
answer each question gives (for bench/compare.sh to check that every tool agrees), the
conflict rules of src/query/conflicts.rs after the matching, and the text and DOT they print.

Nothing here is timed on its own: each peer imports it as part of its whole process.
"""

import calendar
import hashlib
import json
import os
import sys

SYMMETRIC = frozenset(("partnership", "competitor"))
# What `dealgraph path` does not follow unless --via names it: no chain of deals.
NOT_DEALS = frozenset(("competitor", "exclusivity"))
SUPPLY = ("lease", "compute", "supply")


def graph_files(path):
    """The *.json files of a graph, in the order dealgraph reads them (sorted paths, hidden
    files and folders skipped)."""
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


def read_graph(path):
    """Every company and every relation of the graph at `path`; each relation gets `index`,
    its position in file order, which is dealgraph's relation (and edge) index."""
    companies, relations = [], []
    for name in graph_files(path):
        with open(name, "rb") as file:
            data = json.load(file)
        companies += data.get("companies", [])
        relations += data.get("relations", [])
    for index, relation in enumerate(relations):
        relation["index"] = index
    return companies, relations


# -- answers ------------------------------------------------------------------------------


def answer(question, count, items, detail=""):
    """Writes the answer's count and a digest of its items to $COMPARE_ANSWER, when set, for
    bench/compare.sh to compare with dealgraph's."""
    target = os.environ.get("COMPARE_ANSWER")
    if not target:
        return
    digest = hashlib.sha1("\n".join(sorted(items)).encode()).hexdigest()[:12]
    with open(target, "w") as file:
        json.dump({"question": question, "count": count, "digest": digest, "detail": detail}, file)


def path_items(paths):
    return [">".join(nodes) for nodes in paths]


# -- dates, as src/date.rs reads them -------------------------------------------------------


def first_day(date):
    parts = [int(p) for p in date.split("-")]
    return (parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def last_day(date):
    parts = [int(p) for p in date.split("-")]
    month = parts[1] if len(parts) > 1 else 12
    day = parts[2] if len(parts) > 2 else calendar.monthrange(parts[0], month)[1]
    return (parts[0], month, day)


# -- conflicts: src/query/conflicts.rs after the matching -----------------------------------

TIMING = {"after": 0, "around": 1, "undated": 2, "before": 3}


def timing(clause, rival_investments):
    """When the rival was funded relative to the clause (conflicts.rs `timing`)."""
    if not clause.get("date"):
        return "undated"
    dates = [r.get("date") for r in rival_investments]
    if any(d and first_day(d) > last_day(clause["date"]) for d in dates):
        return "after"
    if any(d is None for d in dates):
        return "undated"
    if any(last_day(d) >= first_day(clause["date"]) for d in dates):
        return "around"
    return "before"


def covers(clause, company_investments):
    """Whether the clause reaches the investor's stake (conflicts.rs `covers`)."""
    if clause.get("retroactive") is True:
        return True
    if clause.get("deal"):
        return any(r.get("deal") == clause["deal"] for r in company_investments)
    if not clause.get("date"):
        return False
    return any(r.get("date") and last_day(r["date"]) >= first_day(clause["date"]) for r in company_investments)


def finish_conflicts(candidates, family, relation, company_filter=None):
    """The conflicts, as conflicts.rs keeps and orders them, from the candidates the matching
    found.

    `candidates`: dicts with kind ("clause" or "competitor"), rivalry (relation index), investor,
    company, rival (ids), through (sorted ids), company_investments, rival_investments (relation
    indexes), in dealgraph's order: clauses first, then by rivalry index, then investor id.
    `family(id)`: a label shared by the members of one ownership family. `relation(index)`: the
    relation's fields. `company_filter`: keep only conflicts where this company is the company or
    the rival (`conflicts --company`). Returns the conflicts, most serious first, each with
    timing, covered, binding."""
    found = [c for c in candidates if c["kind"] == "clause"]
    seen = {(family(c["investor"]),) + tuple(sorted((c["company"], c["rival"]))) for c in found}
    for c in candidates:
        if c["kind"] != "competitor":
            continue
        key = (family(c["investor"]),) + tuple(sorted((c["company"], c["rival"])))
        if key not in seen:
            seen.add(key)
            found.append(c)
    if company_filter is not None:
        found = [c for c in found if company_filter in (c["company"], c["rival"])]
    for c in found:
        clause = relation(c["rivalry"]) if c["kind"] == "clause" else None
        c["timing"] = timing(clause, [relation(r) for r in c["rival_investments"]]) if clause else None
        c["covered"] = covers(clause, [relation(r) for r in c["company_investments"]]) if clause else None
        c["binding"] = bool(clause and clause.get("binding"))

    def rank(c):
        return (
            0 if c["kind"] == "clause" else 1,
            not c["covered"],
            -1 if c["timing"] is None else TIMING[c["timing"]],
            not c["binding"],
            c["investor"],
            c["company"],
            c["rival"],
        )

    found.sort(key=rank)
    return found


def conflict_items(found):
    return ["|".join((c["kind"], c["investor"], c["company"], c["rival"])) for c in found]


# -- printing -------------------------------------------------------------------------------


def relation_line(r, name):
    """One relation on a line, much as dealgraph prints it."""
    arrow = f"-{r['type']}-" if r["type"] in SYMMETRIC else f"-{r['type']}->"
    parts = [f"{name(r['from'])} {arrow} {name(r['to'])}", r.get("date") or "undated"]
    if r.get("amount_usd") is not None:
        parts.append(f"${r['amount_usd']:,.0f}")
    if r.get("status"):
        parts.append(r["status"])
    return "  ".join(parts)


def print_paths(paths, hop_relations, name, out=sys.stdout):
    """Paths as dealgraph prints them: the chain, then every relation of each hop.
    `hop_relations(a, b)`: the relations that make the hop from a to b."""
    write = out.write
    for number, nodes in enumerate(paths, 1):
        write(f"{number}. {' -> '.join(name(n) for n in nodes)}  ({len(nodes) - 1} hops)\n")
        for a, b in zip(nodes, nodes[1:]):
            for r in hop_relations(a, b):
                write(f"     {relation_line(r, name)}\n")


def print_conflicts(found, relation, name, ownership_links, out=sys.stdout):
    """Conflicts as dealgraph prints them: a headline, the clause's terms, every relation that
    proves it. `ownership_links(conflict)`: the ownership relations joining the investor to
    the members it funds the rival through."""
    write = out.write
    if not found:
        write("no competitor-funding conflicts\n")
    for number, c in enumerate(found, 1):
        through = f" (through {', '.join(name(m) for m in c['through'])})" if c["through"] else ""
        if c["kind"] == "clause":
            write(
                f"{number}. clause: {name(c['investor'])} funds {name(c['company'])} and "
                f"{name(c['rival'])}{through}, which {name(c['company'])} asked its investors not to fund\n"
            )
            clause = relation(c["rivalry"])
            write(
                f"   rival funded {c['timing']} the clause ({clause.get('date') or 'undated'}); "
                f"covered: {c['covered']}; binding: {clause.get('binding')}, retroactive: {clause.get('retroactive')}\n"
            )
        else:
            write(
                f"{number}. competitors: {name(c['investor'])} funds {name(c['company'])} and its "
                f"competitor {name(c['rival'])}{through}\n"
            )
        indexes = {c["rivalry"], *c["company_investments"], *c["rival_investments"], *ownership_links(c)}
        for index in sorted(indexes):
            write(f"   - {relation_line(relation(index), name)}\n")


TYPE_COLOURS = {
    "investment": "#6a51a3", "lease": "#e6700a", "compute": "#1f78b4", "supply": "#33a02c",
    "acquisition": "#222222", "ownership": "#8c510a", "exclusivity": "#e31a1c",
    "partnership": "#1b9e9e", "competitor": "#d4368f",
}
STATUS_STYLES = {"rumored": "dotted", "reported": "dashed", "cancelled": "dashed"}


def write_dot(focus, depth, nodes, edges, out=sys.stdout):
    """A neighbourhood as Graphviz DOT, written by hand: `nodes` {id: (name, sectors)},
    `edges` relations (dicts with from, to, type, status, date, amount_usd). As dealgraph draws
    them, the relations of one type from one company to another make one line, labelled with
    their dates unless there are more than 200 lines. Returns the lines' (from, to, type)."""
    lines = [
        "digraph {",
        f'  graph [layout="sfdp", overlap="false", label="Within {depth} hops of {nodes[focus][0]}"];',
        '  node [fontname="Helvetica", fontsize="10", style="filled"];',
    ]
    number = {company: n for n, company in enumerate(sorted(nodes))}
    for company in sorted(nodes):
        label, sectors = nodes[company]
        bold = ', penwidth="3"' if company == focus else ""
        sector = sectors[0] if sectors else "none"
        lines.append(f'  n{number[company]} [label={json.dumps(label)}, tooltip="{sector}"{bold}];')
    groups = {}
    for r in edges:
        groups.setdefault((number[r["from"]], number[r["to"]], r["type"]), []).append(r)
    labels = len(groups) <= 200
    for (a, b, kind), relations in sorted(groups.items()):
        attrs = [f'color="{TYPE_COLOURS.get(kind, "#000000")}"']
        attrs.append(f'style="{STATUS_STYLES.get(relations[0].get("status"), "solid")}"')
        if kind in SYMMETRIC:
            attrs.append('dir="none"')
        if labels:
            text = "\\n".join(r.get("date") or "undated" for r in relations)
            attrs.append(f'label="{text}"')
        lines.append(f"  n{a} -> n{b} [{', '.join(attrs)}];")
    lines.append("}")
    out.write("\n".join(lines) + "\n")
    return [(relations[0]["from"], relations[0]["to"], kind) for (_, _, kind), relations in groups.items()]


def dot_items(nodes, lines):
    """The companies and the lines (from, to) of a DOT neighbourhood."""
    return [f"N:{n}" for n in nodes] + [f"E:{a}>{b}" for a, b, *_ in lines]
