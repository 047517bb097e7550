"""The digest of a dealgraph JSON answer that bench/nx_questions.py prints for networkx's, so
bench/questions.sh can show both answers agree: the number of loops, the first five companies
of a ranking, the companies that lose all supply, the dated relations of a timeline.

Usage: digest.py QUESTION ANSWER.json
"""

import json
import sys

question, answer = sys.argv[1], json.load(open(sys.argv[2]))
if question == "cycles":
    print(answer["total"])
elif question in ("pagerank", "degree", "betweenness"):
    print(",".join(entry["id"] for entry in answer["ranking"][:5]))
elif question == "impact":
    print(sum(1 for entry in answer["affected"] if entry["loses_all_supply"]))
elif question == "timeline":
    print(sum(period["relations"] for period in answer["periods"]))
