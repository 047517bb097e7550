"""The Markdown tables of bench/compare.sh for one size: every question and tool, the ratios
against dealgraph, serde_json against dealgraph's load, and issue 5's targets, met or not.

Usage: compare_table.py ROWS.tsv N BYTES A B C IMPORT VALUE_S TYPED_S LOAD_S STATS_S STATS_KB
                        LOAD_START LOAD_END RUNS PEER_RUNS TIMEOUT MACHINE

ROWS.tsv: question, tool, median seconds (or "timeout", "failed", "not run"), peak RSS in KB (or "-"),
runs, load average at the start, answer; as compare.sh writes them.
"""

import sys

QUESTIONS = {
    "shortest": "shortest path A to B",
    "allpaths": "all paths A to B, up to 4 hops",
    "suppliers": "suppliers of C, depth 3",
    "conflicts": "conflicts, whole graph",
    "conflicts-c": "conflicts of C",
    "dot": "DOT, 2 hops around B",
}
TOOLS = {
    "dg-nocache": "dealgraph, no cache",
    "dg-cached": "dealgraph, cached",
    "networkx": "networkx",
    "igraph": "igraph",
    "rustworkx": "rustworkx",
    "kuzu": "Kuzu",
    "before-nocache": "before, no cache",
    "before-cached": "before, cached",
}


def times(value):
    """A ratio: one decimal, two below 1."""
    return f"{value:.2f}" if value < 1 else f"{value:.1f}"


def number(value):
    try:
        return float(value)
    except ValueError:
        return None


def main():
    (rows_file, n, size, a, b, c, imported, value_s, typed_s, load_s, stats_s, stats_kb,
     load_start, load_end, runs, peer_runs, timeout, machine) = sys.argv[1:19]
    n, size = int(n), int(size)
    timeout_note = failed_note = False
    results = {}
    order = []
    with open(rows_file) as file:
        for line in file:
            question, tool, median, rss, count, load, answer = line.rstrip("\n").split("\t")
            results[(question, tool)] = {
                "median": median, "s": number(median), "rss": number(rss), "runs": count,
                "load": load, "answer": answer,
            }
            if question not in order:
                order.append(question)

    def reference(question, tool):
        """The dealgraph row a peer is compared with: no cache for networkx, cached for Kuzu
        (no cache when the cached run was not made)."""
        if tool in ("networkx", "igraph", "rustworkx"):
            return results.get((question, "dg-nocache")), ""
        if tool.startswith("before-"):
            return results.get((question, "dg-" + tool.removeprefix("before-"))), ""
        cached = results.get((question, "dg-cached"))
        if cached and cached["s"] is not None:
            return cached, ""
        return results.get((question, "dg-nocache")), " (vs no cache)"

    def ratio(peer, dg, key):
        if dg is None or dg[key] is None:
            return "n/a"
        if peer["s"] is None:
            return "n/a"
        return times(peer[key] / dg[key])

    out = []
    write = out.append
    write(f"### {n:,} relations\n")
    write(
        f"{size / 1e6:.1f} MB of JSON in `bench/out/g{n}`. A = `{a}`, B = `{b}`, C = `{c}`. "
        f"Machine: {machine}. Load average {load_start} at the start, {load_end} at the end. "
        f"dealgraph: median of {runs} runs; peers: median of {peer_runs} runs "
        "(3 for a question whose first run takes over 10 s, 1 over 2 minutes, as marked); "
        "peak RSS from one more run."
    )
    if imported != "n/a":
        seconds, kb = imported.split()
        write(f"Kuzu import once (JSON to CSV, then COPY): {float(seconds):.2f} s, peak RSS {int(kb) / 1024:.0f} MB.")
    write("")
    write("| question | tool | median (s) | peak RSS (MB) | load avg | answer | time vs dealgraph | RSS vs dealgraph |")
    write("| --- | --- | ---: | ---: | ---: | --- | ---: | ---: |")
    for question in order:
        for tool in TOOLS:
            row = results.get((question, tool))
            if row is None:
                continue
            median = row["median"]
            if row["s"] is not None:
                median = f"{row['s']:.3f}" if row["s"] < 10 else f"{row['s']:.1f}"
                if row["runs"] not in (runs, peer_runs):
                    median += " (1 run)" if row["runs"] == "1" else f" ({row['runs']} runs)"
            elif median == "timeout":
                timeout_note = True
                median = f"> {timeout} (timeout)"
            elif median == "failed":
                failed_note = True
            rss = f"{row['rss'] / 1024:.0f}" if row["rss"] is not None else "-"
            vs_time = vs_rss = ""
            if tool in ("networkx", "igraph", "rustworkx", "kuzu", "before-nocache", "before-cached"):
                dg, note = reference(question, tool)
                vs_time = ratio(row, dg, "s") + note
                vs_rss = ratio(row, dg, "rss") + note
            write(
                f"| {QUESTIONS[question]} | {TOOLS[tool]} | {median} | {rss} | {row['load']} | {row['answer']} | {vs_time} | {vs_rss} |"
            )
    write("")
    write("Ratios: networkx, igraph and rustworkx over dealgraph with no cache (each reads the JSON, as dealgraph "
          "with no cache does); Kuzu over dealgraph cached; the commit before over this one, "
          "no cache and cached alike. Above 1: this build is faster or smaller.")
    if timeout_note:
        write(f"`> {timeout} (timeout)`: stopped at the time limit with no answer.")
    if failed_note:
        write("`failed`: the tool stopped with an error (compare.sh prints it).")
    write("")
    value_s, typed_s, load_s, stats_s = map(float, (value_s, typed_s, load_s, stats_s))
    write("| serde_json into Value (s) | serde_json into dealgraph's types (s) | `load::load` (s) | `dealgraph stats`, whole process (s) | stats peak RSS (MB) | load / typed | load / Value |")
    write("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    write(
        f"| {value_s:.3f} | {typed_s:.3f} | {load_s:.3f} | {stats_s:.3f} | {int(stats_kb) / 1024:.0f} | "
        f"{load_s / typed_s:.2f} | {load_s / value_s:.2f} |"
    )
    write("")

    # Issue 5's targets, asked at 1M; reported at every size.
    def each(tool, key, want):
        """Per question: the ratio peer/dealgraph and whether it meets `want`. A peer stopped
        at the time limit meets a time target when the limit over dealgraph's time does; a
        peer that failed, or a memory target with no peer run to compare, is not met: not
        shown either way."""
        verdicts = []
        for question in order:
            peer = results.get((question, tool))
            if peer is None or peer["median"] == "not run":
                continue
            dg, note = reference(question, tool)
            if dg is None or dg[key] is None:
                verdicts.append((question, "dealgraph gave no answer within the time limit", False))
            elif peer[key] is None and peer["median"] == "timeout" and key == "s":
                value = float(timeout) / dg[key]
                verdicts.append((question, f"more than {value:.0f}x ({TOOLS[tool]} stopped at {timeout} s)", value >= want))
            elif peer[key] is None:
                why = "stopped at the time limit" if peer["median"] == "timeout" else peer["median"]
                verdicts.append((question, f"not measured ({TOOLS[tool]} {why})", None))
            else:
                value = peer[key] / dg[key]
                verdicts.append((question, f"{times(value)}x{note}", value >= want))
        return verdicts

    def verdict(title, verdicts):
        if not verdicts:
            return
        met = all(ok is True for _, _, ok in verdicts)
        label = {True: "met", False: "not met", None: "not shown"}
        write(f"- {title}: **{'met' if met else 'not met'}**: " + "; ".join(
            f"{QUESTIONS[q]} {text} ({label[ok]})" for q, text, ok in verdicts
        ))

    write("Targets of issue 5 (set for 1M relations):\n")
    verdict("no cache, at least 20 times faster than networkx", each("networkx", "s", 20))
    verdict("no cache, at most a quarter of networkx's peak memory", each("networkx", "rss", 4))
    ok = load_s <= 2 * typed_s
    write(
        f"- JSON loading within 2 times of serde_json alone: **{'met' if ok else 'not met'}**: "
        f"`load::load` {load_s:.3f} s is {load_s / typed_s:.2f}x serde_json into the typed records "
        f"({typed_s:.3f} s) and {load_s / value_s:.2f}x serde_json into Value ({value_s:.3f} s)"
    )
    verdict("repeated question, at least 3 times faster than Kuzu", each("kuzu", "s", 3))
    write("\nTargets of issue 16 (at 1M relations and more, every shape):\n")
    for fast in ("igraph", "rustworkx"):
        verdict(f"no cache, at least 5 times faster than {fast}", each(fast, "s", 5))
    if any(tool.startswith("before-") for _, tool in results):
        write("\nAgainst the commit before (issue 10: no question more than 5% slower):\n")
        verdict("no cache, at most 5% slower than before", each("before-nocache", "s", 1 / 1.05))
        verdict("cached, at most 5% slower than before", each("before-cached", "s", 1 / 1.05))
    write("")
    print("\n".join(out))


if __name__ == "__main__":
    main()
