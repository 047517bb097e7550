"""dealgraph's answer to a question of bench/compare.sh, as a count and a digest, for comparing
with the peers' (compare_common.answer writes it to $COMPARE_ANSWER).

Usage:
  compare_answer.py shortest|allpaths  < dealgraph path ... --json
  compare_answer.py suppliers          < dealgraph suppliers ... --json
  compare_answer.py conflicts          < dealgraph conflicts ... --json  (read as a stream)
  compare_answer.py dot NEIGHBORS.json < dealgraph dot --focus X --depth N
      (NEIGHBORS.json: dealgraph neighbors X --depth N --json, which names the nodes: the DOT
      numbers them n<index>, and indexes follow the ids' order)
"""

import json
import re
import sys

import compare_common as common


def conflict_heads(lines):
    """The kind, investor, company and rival of each conflict in `dealgraph conflicts --json`,
    read line by line: at a million relations the JSON, with every relation that proves each
    conflict, runs to gigabytes. Relies on its pretty-printing: a conflict's own keys are
    indented by six spaces."""
    head = {}
    for line in lines:
        if line.startswith('      "') and not line.startswith('       '):
            key, _, value = line.strip().rstrip(",").partition(": ")
            key = key.strip('"')
            if key in ("kind", "investor", "company", "rival"):
                head[key] = json.loads(value)
                if key == "rival":
                    yield head
                    head = {}


def main():
    question = sys.argv[1]
    if question in ("shortest", "allpaths"):
        found = json.load(sys.stdin)
        if found["truncated"]:
            sys.exit("dealgraph cut the paths at --limit: raise it")
        paths = [p["nodes"] for p in found["paths"]]
        detail = f"{len(paths[0]) - 1} hops" if question == "shortest" and paths else ""
        common.answer(question, str(len(paths)), common.path_items(paths), detail)
    elif question == "suppliers":
        tiers = json.load(sys.stdin)["suppliers"]
        common.answer(question, str(len(tiers)), [f"{t['id']}@{t['depth']}" for t in tiers])
    elif question == "conflicts":
        found = list(conflict_heads(sys.stdin))
        common.answer(question, str(len(found)), common.conflict_items(found))
    elif question == "dot":
        with open(sys.argv[2]) as file:
            near = json.load(file)
        ids = sorted([near["company"]] + [n["id"] for n in near["neighbors"]])
        text = sys.stdin.read()
        numbers = sorted({int(n) for n in re.findall(r"^  n(\d+) \[label=", text, re.M)})
        if len(numbers) != len(ids):
            sys.exit(f"the DOT has {len(numbers)} companies, neighbors {len(ids)}")
        company = dict(zip(numbers, ids))
        edges = [(company[int(a)], company[int(b)]) for a, b in re.findall(r"^  n(\d+) -> n(\d+) ", text, re.M)]
        common.answer(question, f"{len(ids)} nodes, {len(edges)} edges", common.dot_items(ids, edges))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
