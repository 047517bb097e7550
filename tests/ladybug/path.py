"""Runs a Cypher script written by `dealgraph export cypher --dialect ladybug` in a new
Ladybug database, then asks it for every shortest path between two companies over the given
relationship types, and prints the counts and paths as JSON.

Usage: path.py SCRIPT DATABASE_DIR FROM TO TYPE[|TYPE...]
"""

import json
import sys

import ladybug


def rows(result):
    found = []
    while result.has_next():
        found.append(result.get_next())
    return found


def main():
    script, database, source, target, types = sys.argv[1:6]
    connection = ladybug.Connection(ladybug.Database(database))
    with open(script, encoding="utf-8") as text:
        for statement in split_statements(text.read()):
            connection.execute(statement)
    companies = rows(connection.execute("MATCH (c:Company) RETURN count(c)"))[0][0]
    relations = rows(connection.execute("MATCH ()-[r]->() RETURN count(r)"))[0][0]
    paths = rows(
        connection.execute(
            f"MATCH p = (a:Company {{id: $a}})-[:{types}* ALL SHORTEST 1..30]->(b:Company {{id: $b}}) "
            "RETURN properties(nodes(p), 'id')",
            {"a": source, "b": target},
        )
    )
    amounts = rows(
        connection.execute(
            "MATCH (a:Company)-[r:INVESTMENT]->(b:Company) WHERE r.amount_usd IS NOT NULL "
            "RETURN r.`key`, r.amount_usd ORDER BY r.`key`"
        )
    )
    json.dump(
        {
            "companies": companies,
            "relations": relations,
            "paths": sorted(path[0] for path in paths),
            "amounts": {key: amount for key, amount in amounts},
        },
        sys.stdout,
    )


def split_statements(script):
    """The script's statements: each ends with `;` at the end of a line, after comments."""
    statement = []
    for line in script.splitlines():
        if not statement and line.startswith("//"):
            continue
        statement.append(line)
        if line.endswith(";"):
            yield "\n".join(statement)
            statement = []


main()
