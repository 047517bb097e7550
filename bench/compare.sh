#!/usr/bin/env bash
# dealgraph against networkx and Kuzu (issue 5): the same questions, on the same files, each
# asked by a whole process (start, load, answer, print), as a user would.
#
# Usage: bench/compare.sh [N...]     N: sizes in relations (default: 10000 100000 1000000)
#
# For each size it generates a graph (`dealgraph generate --relations N --seed $SEED --files K`)
# into bench/out/gN (kept while the generator gives the same bytes), imports it once into Kuzu
# (bench/out/kuzu-N, timed and reported as "import once"), picks the companies to ask about
# (bench/compare_pick.py: the chipmaker A with the most relations, an ai-lab B that A reaches
# at the greatest distance up to 4 hops, the ai-lab C with the most suppliers), and asks:
#
#   shortest    dealgraph path A B                         shortest paths, all of them
#   allpaths    dealgraph path A B --all --max-hops 4      every simple path up to 4 hops
#   suppliers   dealgraph suppliers C --depth 3            upstream over lease, compute, supply
#   conflicts   dealgraph conflicts                        every competitor-funding conflict
#   conflicts-c dealgraph conflicts --company C            the conflicts C is in
#   dot         dealgraph dot --focus B --depth 2          the neighbourhood as Graphviz DOT (uncapped)
#
# (paths with --limit $LIMIT, so that no answer is cut). Each is asked of:
#   dealgraph no cache   DEALGRAPH_NO_CACHE=1: from the JSON files;
#   dealgraph cached     without it, after a warm-up run (a repeated question on unchanged
#                        files: the binary snapshot cache, once it exists, serves it);
#   networkx             bench/compare_nx.py: json-load the files into a MultiDiGraph with
#                        attributes, then ask;
#   igraph, rustworkx    bench/compare_fast.py: json-load the files, build the library's graph,
#                        ask (the path questions and dot; conflicts are plain Python, not asked);
#   kuzu                 bench/compare_kuzu.py: open the imported database, run Cypher, print.
#
# Every tool's answer (a count and a digest of its items: paths, suppliers, conflicts, the
# DOT's companies and lines) must be dealgraph's: the script stops with both answers otherwise.
# Times are hyperfine medians ($RUNS runs for dealgraph, $PEER_RUNS for the peers, after one
# warm-up run); peak RSS is from one more run under /usr/bin/time. A question whose first run
# takes over $SLOW s gets 3 runs; over $LONG s, that one run is the measurement; over $TIMEOUT
# s, it is stopped and reported as such. It also times serde_json alone against dealgraph's load on the same bytes
# (benches/parse.rs). Tables go to standard output and bench/out/compare-N/results.md.
#
# With BEFORE=<commit>, that commit is built too (in a git worktree under bench/out/before,
# with its own target folder) and measured in the same run as two more tools, before-nocache
# and before-cached, each compared with this build: a refactoring's cost, on the same machine
# at the same load. The two builds then run in turn, one run of each at a time (medians of
# $RUNS each, timed by the shell to the microsecond), so that drift in the machine's speed
# falls on both alike.
#
# Environment: RUNS (10; 5 at 1M and above), PEER_RUNS (RUNS; 3 at 1M and above), SEED (1),
# LIMIT (1000000), CONFLICTS_LIMIT (unset: every conflict; N: `--limit N`, the N most serious,
# asked of dealgraph only, as the peers do not rank conflicts), TIMEOUT (600), LONG (120), SLOW (10), QUESTIONS (all, e.g. "shortest dot"),
# TOOLS (all: "dg-nocache dg-cached networkx igraph rustworkx kuzu"), COMMIT (what the tables name: git describe).
#
# Installs what it needs: hyperfine and GNU time (apt-get) if missing; networkx and kuzu into
# bench/.venv (pip; without kuzu, if it does not install, saying so).

set -euo pipefail
cd "$(dirname "$0")/.."

SEED=${SEED:-1}
LIMIT=${LIMIT:-1000000}
TIMEOUT=${TIMEOUT:-600}
LONG=${LONG:-120}
SLOW=${SLOW:-10}
QUESTIONS=${QUESTIONS:-"shortest allpaths suppliers conflicts conflicts-c dot"}
TOOLS=${TOOLS:-"dg-nocache dg-cached networkx igraph rustworkx kuzu"}
if [ "$#" -gt 0 ]; then sizes=("$@"); else sizes=(10000 100000 1000000); fi

say() { printf '%s\n' "$*" >&2; }
die() { say "compare.sh: $*"; exit 1; }
loadavg() { cut -d' ' -f1 /proc/loadavg; }

# -- tools -----------------------------------------------------------------------------------
missing=()
command -v hyperfine >/dev/null || missing+=(hyperfine)
[ -x /usr/bin/time ] || missing+=(time)
if [ "${#missing[@]}" -gt 0 ]; then
  say "installing ${missing[*]} (apt-get)"
  apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null
fi
PY=bench/.venv/bin/python
if [ ! -x "$PY" ]; then
  say "creating bench/.venv"
  python3 -m venv bench/.venv
fi
if ! "$PY" -c 'import networkx' 2>/dev/null; then
  say "installing networkx into bench/.venv"
  bench/.venv/bin/pip install -q --disable-pip-version-check networkx
fi
if ! "$PY" -c 'import igraph, rustworkx' 2>/dev/null; then
  say "installing igraph and rustworkx into bench/.venv"
  bench/.venv/bin/pip install -q --disable-pip-version-check igraph rustworkx
fi
KUZU=1
if ! "$PY" -c 'import kuzu' 2>/dev/null; then
  say "installing kuzu into bench/.venv"
  if ! bench/.venv/bin/pip install -q --disable-pip-version-check kuzu; then
    say "kuzu did not install: continuing without it"
    KUZU=0
  fi
fi
[[ " $TOOLS " == *" kuzu "* ]] || KUZU=0
NX_VERSION=$("$PY" -c 'import networkx; print(networkx.__version__)')
KUZU_VERSION=$([ "$KUZU" = 1 ] && "$PY" -c 'import kuzu; print(kuzu.__version__)' || echo "not used")

say "building dealgraph (release) and benches/parse.rs"
cargo build --release -q
# The parse benchmark's binary, built now: the run measures the build it started with, even if
# the working tree changes while it runs.
PARSE_BENCH=$(cargo bench -q --bench parse --no-run --message-format=json 2>/dev/null |
  "$PY" -c 'import json, sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m["target"]["name"] == "parse" and m.get("executable"):
        print(m["executable"])')
[ -x "$PARSE_BENCH" ] || die "benches/parse.rs did not build"
DG=target/release/dealgraph
COMMIT=${COMMIT:-$(git describe --always --dirty 2>/dev/null || echo unknown)}
DG_BEFORE=""
if [ -n "${BEFORE:-}" ]; then
  before_rev=$(git rev-parse --short "$BEFORE") || die "BEFORE=$BEFORE is not a commit"
  before_tree=bench/out/before/$before_rev
  if [ ! -d "$before_tree" ]; then
    say "checking out $before_rev (BEFORE) into $before_tree"
    mkdir -p bench/out/before
    git worktree add --detach "$before_tree" "$before_rev" >/dev/null
  fi
  say "building $before_rev (release)"
  cargo build --release -q --manifest-path "$before_tree/Cargo.toml" --target-dir bench/out/before/target
  DG_BEFORE=bench/out/before/target/release/dealgraph
  TOOLS="$TOOLS before-nocache before-cached"
  COMMIT="$COMMIT, before: $before_rev"
fi

machine="$(nproc) CPUs (nproc), $(lscpu | sed -n 's/^Model name: *//p' | head -n1), $(free -g | awk '/^Mem:/ { print $2 }') GB RAM; rustc $(rustc --version | cut -d' ' -f2), networkx $NX_VERSION, kuzu $KUZU_VERSION, hyperfine $(hyperfine --version | cut -d' ' -f2); commit $COMMIT"
say "machine: $machine"

want() { [[ " $1 " == *" $2 "* ]]; }

# -- measuring -------------------------------------------------------------------------------

# Runs a command once under /usr/bin/time with the timeout, output to /dev/null; prints
# "WALL_S PEAK_RSS_KB", "timeout" or "failed". Extra environment in $RUN_ENV (VAR=VALUE ...).
once() {
  local stats status=0
  stats=$(mktemp)
  env ${RUN_ENV:-} /usr/bin/time -f '%e %M' -o "$stats" timeout "$TIMEOUT" "$@" >/dev/null 2>"$stats.err" || status=$?
  if [ "$status" = 124 ]; then
    echo timeout
  elif [ "$status" != 0 ]; then
    say "failed ($status): $*"
    tail -n 5 "$stats.err" | sed 's/^/    /' >&2
    echo failed
  else
    tail -n 1 "$stats"
  fi
  rm -f "$stats" "$stats.err"
}

# The median wall time of hyperfine's runs of a command.
median() {
  local warmup=$1 runs=$2 json
  shift 2
  json=$(mktemp)
  hyperfine -N --style none --warmup "$warmup" --runs "$runs" --export-json "$json" -- "$*" >/dev/null 2>>"$out/hyperfine.log"
  "$PY" -c 'import json, sys; print("%.3f" % json.load(open(sys.argv[1]))["results"][0]["median"])' "$json"
  rm -f "$json"
}

# One run's wall time in seconds, to the microsecond, output to /dev/null.
wall() {
  local start end
  start=$(date +%s%N)
  "$@" >/dev/null 2>&1
  end=$(date +%s%N)
  awk -v ns=$((end - start)) 'BEGIN { printf "%.6f", ns / 1e9 }'
}

# The median of numbers given as arguments.
median_of() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# This build and the BEFORE build asked the same question in turn, $1 times each after a
# warm-up of each, so that the machine's drift falls on both alike (hyperfine runs one command
# to the end before the next), in the order this, before, before, this, ...; prints
# "THIS_MEDIAN BEFORE_MEDIAN".
paired_medians() {
  local runs=$1 i
  shift
  local this=() before=()
  "$@" "$DG" >/dev/null 2>&1 || true
  "$@" "$DG_BEFORE" >/dev/null 2>&1 || true
  # Which build goes first alternates, so that neither always runs just after the other.
  for ((i = 0; i < runs; i++)); do
    if ((i % 2 == 0)); then
      this+=("$(wall "$@" "$DG")")
      before+=("$(wall "$@" "$DG_BEFORE")")
    else
      before+=("$(wall "$@" "$DG_BEFORE")")
      this+=("$(wall "$@" "$DG")")
    fi
  done
  printf '%.3f %.3f\n' "$(median_of "${this[@]}")" "$(median_of "${before[@]}")"
}

# How many timed runs a command gets, from one run's "WALL_S PEAK_RSS_KB": 1 (that run) when
# it took over $LONG s, 3 when over $SLOW s, else $2.
runs_for() {
  awk -v long="$LONG" -v slow="$SLOW" -v runs="$2" '{ print ($1 > long) ? 1 : ($1 > slow && runs > 3) ? 3 : runs }' <<<"$1"
}

# Prints a row for results: QUESTION TOOL MEDIAN_S RSS_KB RUNS LOAD ANSWER...
row() { printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$@" >>"$rows"; }

# The answer file's count (and, with a second argument, its digest).
count_of() { "$PY" -c 'import json, sys; a = json.load(open(sys.argv[1])); print(a["count"] + ("  " + a["digest"] if len(sys.argv) > 2 else ""))' "$@"; }

# Checks a peer's answer against the reference (dealgraph's when it answered).
check_answer() {
  local question=$1 tool=$2 file=$3 reference=$4
  [ -s "$file" ] || die "$question: $tool wrote no answer"
  if [ ! -s "$reference" ]; then
    cp "$file" "$reference"
    say "  $question: no answer from dealgraph; $tool's is the reference: $(count_of "$file" d)"
    return
  fi
  if [ "$(count_of "$file" d)" != "$(count_of "$reference" d)" ]; then
    say "compare.sh: $question: $tool's answer differs from the reference"
    say "  reference: $(cat "$reference")"
    say "  $tool:     $(cat "$file")"
    exit 1
  fi
}

# Asks one question of the build given last: run_question ENVS UNSET ARGS GRAPH BINARY.
run_question() {
  local envs=$1 unset=$2 args=$3 graph=$4 bin=$5
  env $unset $envs $(cache_of "$bin") "$bin" $args --graph "$graph"
}

# The snapshot cache a build uses: the BEFORE build its own, so that two builds whose snapshot
# formats differ do not replace each other's snapshot on every run.
cache_of() { [ "$1" = "$DG_BEFORE" ] && echo "DEALGRAPH_CACHE_DIR=bench/out/before/cache" || true; }

# -- one size --------------------------------------------------------------------------------
run_size() {
  local n=$1 files runs peer_runs peer_warmup
  if [ "$n" -ge 1000000 ]; then files=8; elif [ "$n" -ge 100000 ]; then files=4; else files=2; fi
  if [ "$n" -ge 1000000 ]; then runs=${RUNS:-5}; peer_runs=${PEER_RUNS:-3}; peer_warmup=0; else
    runs=${RUNS:-10}; peer_runs=${PEER_RUNS:-$runs}; peer_warmup=1; fi
  local graph=bench/out/g$n out=bench/out/compare-$n db=bench/out/kuzu-$n
  mkdir -p "$out"
  rows=$out/rows.tsv
  : >"$rows"
  local load_start
  load_start=$(cut -d' ' -f1-3 /proc/loadavg)

  # The graph: regenerated to a scratch folder, kept when it is the same.
  say "g$n: generating ($files files, seed $SEED)"
  rm -rf "bench/out/.gen-$n"
  "$DG" generate --relations "$n" --seed "$SEED" --files "$files" --out "bench/out/.gen-$n" >/dev/null
  if [ -d "$graph" ] && diff -rq "$graph" "bench/out/.gen-$n" >/dev/null; then
    rm -rf "bench/out/.gen-$n"
  else
    say "g$n: new or changed: replacing $graph"
    rm -rf "$graph"
    mv "bench/out/.gen-$n" "$graph"
  fi
  local hash bytes
  hash=$(cat "$graph"/*.json | sha256sum | cut -c1-16)
  bytes=$(cat "$graph"/*.json | wc -c)
  # The graph must load; `check`'s stricter findings (records repeated by the generator) do not
  # stop a benchmark.
  DEALGRAPH_NO_CACHE=1 "$DG" stats --graph "$graph" >/dev/null || die "g$n does not load"

  # Kuzu: imported once per graph.
  local import="n/a"
  if [ "$KUZU" = 1 ]; then
    if [ -f "$db/stamp" ] && [ "$(cut -d' ' -f1 "$db/stamp")" = "$hash" ]; then
      import=$(cut -d' ' -f2- "$db/stamp")
      say "g$n: kuzu database is up to date (imported in ${import% *} s)"
    else
      say "g$n: importing into kuzu ($db)"
      local stats
      stats=$(RUN_ENV= once "$PY" bench/compare_kuzu.py import "$db" "$graph")
      case $stats in timeout|failed) die "the kuzu import failed or took more than $TIMEOUT s" ;; esac
      import=$stats
      echo "$hash $import" >"$db/stamp"
    fi
  fi

  # The companies asked about.
  local picks=$out/picks
  if [ ! -f "$picks" ] || [ "$(head -n1 "$picks")" != "$hash" ]; then
    say "g$n: picking companies"
    local picked a c candidate b=""
    picked=$("$PY" bench/compare_pick.py "$graph")
    a=$(sed -n 1p <<<"$picked")
    c=$(sed -n 3p <<<"$picked")
    for candidate in $(sed -n 2p <<<"$picked"); do
      if "$DG" path "$a" "$candidate" --all --max-hops 4 --limit "$LIMIT" --json --graph "$graph" |
        "$PY" -c 'import json, sys; sys.exit(json.load(sys.stdin)["truncated"])'; then
        b=$candidate
        break
      fi
    done
    [ -n "$b" ] || die "g$n: every ai-lab candidate has more than $LIMIT paths from $a"
    printf '%s\n%s\n%s\n%s\n' "$hash" "$a" "$b" "$c" >"$picks"
  fi
  local A B C
  A=$(sed -n 2p "$picks")
  B=$(sed -n 3p "$picks")
  C=$(sed -n 4p "$picks")
  say "g$n: A=$A  B=$B  C=$C"

  local question tool conflicts_limit=${CONFLICTS_LIMIT:+ --limit $CONFLICTS_LIMIT}
  for question in $QUESTIONS; do
    local dg_args nx_args
    case $question in
      shortest) dg_args="path $A $B --limit $LIMIT"; nx_args="shortest $A $B $LIMIT" ;;
      allpaths) dg_args="path $A $B --all --max-hops 4 --limit $LIMIT"; nx_args="allpaths $A $B $LIMIT" ;;
      suppliers) dg_args="suppliers $C --depth 3"; nx_args="suppliers $C 3" ;;
      conflicts) dg_args="conflicts$conflicts_limit"; nx_args="conflicts" ;;
      conflicts-c) dg_args="conflicts --company $C$conflicts_limit"; nx_args="conflicts $C" ;;
      # The whole neighbourhood, as the peers write it: no cap on the companies drawn.
      dot) dg_args="dot --focus $B --depth 2 --max-companies 100000000"; nx_args="dot $B 2" ;;
      *) die "unknown question $question" ;;
    esac
    local reference=$out/answer-$question.json
    rm -f "$reference"
    say "g$n: $question: dealgraph $dg_args"

    # dealgraph's answer, from the JSON files, read by bench/compare_answer.py as it comes.
    local dg_answer dg_slow=0
    if [ "$question" = dot ]; then
      "$DG" neighbors "$B" --depth 2 --json --graph "$graph" >"$out/neighbors.json"
      dg_answer=$(RUN_ENV="DEALGRAPH_NO_CACHE=1" once sh -c '"$@" | COMPARE_ANSWER='"$reference $PY bench/compare_answer.py dot $out/neighbors.json" \
        sh "$DG" $dg_args --graph "$graph")
    else
      dg_answer=$(RUN_ENV="DEALGRAPH_NO_CACHE=1" once sh -c '"$@" --json | COMPARE_ANSWER='"$reference $PY bench/compare_answer.py ${question%-c}" \
        sh "$DG" $dg_args --graph "$graph")
    fi
    [ "$dg_answer" != failed ] || die "$question: dealgraph failed"
    if [ "$dg_answer" = timeout ]; then
      say "  dealgraph: no answer within $TIMEOUT s"
      rm -f "$reference"
    else
      say "  dealgraph: $(count_of "$reference")  (${dg_answer% *} s)"
      if [ "$(awk '{ print ($1 > '"$LONG"') }' <<<"$dg_answer")" = 1 ]; then dg_slow=1; fi
    fi

    for tool in $TOOLS; do
      local la median stats answer
      la=$(loadavg)
      case $tool in
        dg-nocache|dg-cached|before-nocache|before-cached)
          local envs="DEALGRAPH_NO_CACHE=1" unset="" bin=$DG
          case $tool in *-cached) envs="" && unset="-u DEALGRAPH_NO_CACHE" ;; esac
          case $tool in before-*) bin=$DG_BEFORE ;; esac
          if [ "$dg_answer" = timeout ]; then
            row "$question" "$tool" timeout - 0 "$la" "-"
            continue
          fi
          if [ "$dg_slow" = 1 ]; then
            # Too slow to repeat: one run is the measurement, and none with the cache, which
            # would only change the loading, a small part of it.
            if [ "${tool#*-}" = nocache ]; then
              stats=$(RUN_ENV="$envs" once "$bin" $dg_args --graph "$graph")
              row "$question" "$tool" "${stats% *}" "${stats#* }" 1 "$la" "$(count_of "$reference")"
            else
              row "$question" "$tool" "not run" - 0 "$la" "-"
            fi
            continue
          fi
          local n_runs
          n_runs=$(runs_for "$dg_answer" "$runs")
          if [ -n "$DG_BEFORE" ]; then
            # Both builds in turn: this one's median now, the other's kept for its own row.
            if [[ $tool == dg-* ]]; then
              local pair
              pair=$(paired_medians "$n_runs" run_question "$envs" "$unset" "$dg_args" "$graph")
              median=${pair% *}
              printf -v "paired_${tool#dg-}" '%s' "${pair#* }"
            else
              local kept="paired_${tool#before-}"
              median=${!kept}
            fi
          else
            median=$(median 1 "$n_runs" env $unset $envs $(cache_of "$bin") "$bin" $dg_args --graph "$graph")
          fi
          stats=$(RUN_ENV="$envs $(cache_of "$bin")" once env $unset "$bin" $dg_args --graph "$graph")
          row "$question" "$tool" "$median" "${stats#* }" "$n_runs" "$la" "$(count_of "$reference")"
          say "  $tool: ${median} s, $(( ${stats#* } / 1024 )) MB"
          ;;
        networkx|kuzu|igraph|rustworkx)
          local cmd
          if [[ $tool == igraph || $tool == rustworkx ]] && [[ $question == conflicts* ]]; then
            # No graph algorithm: their users write conflicts in plain Python, as compare_nx.py does.
            row "$question" "$tool" "not run" - 0 "$la" "-"
            continue
          fi
          if [ -n "$conflicts_limit" ] && [[ $question == conflicts* ]]; then
            # The peers list every conflict; only dealgraph ranks them and stops at a limit.
            row "$question" "$tool" "not run" - 0 "$la" "-"
            continue
          fi
          if [ "$tool" = networkx ]; then
            cmd=("$PY" bench/compare_nx.py "$graph" $nx_args)
          elif [ "$tool" = igraph ] || [ "$tool" = rustworkx ]; then
            cmd=("$PY" bench/compare_fast.py "$tool" "$graph" $nx_args)
          else
            [ "$KUZU" = 1 ] || continue
            cmd=("$PY" bench/compare_kuzu.py "$db" $nx_args)
          fi
          answer=$out/answer-$question-$tool.json
          rm -f "$answer"
          stats=$(RUN_ENV="COMPARE_ANSWER=$answer" once "${cmd[@]}")
          if [ "$stats" = timeout ] || [ "$stats" = failed ]; then
            row "$question" "$tool" "$stats" - 0 "$la" "-"
            say "  $tool: $stats (no answer within $TIMEOUT s, or an error)"
            continue
          fi
          check_answer "$question" "$tool" "$answer" "$reference"
          local n_runs
          n_runs=$(runs_for "$stats" "$peer_runs")
          if [ "$n_runs" = 1 ]; then
            median=${stats% *}
          elif [ "$n_runs" = "$peer_runs" ]; then
            median=$(median "$peer_warmup" "$n_runs" "${cmd[@]}")
          else
            median=$(median 0 "$n_runs" "${cmd[@]}")
          fi
          row "$question" "$tool" "$median" "${stats#* }" "$n_runs" "$la" "$(count_of "$answer")"
          say "  $tool: ${median} s, $(( ${stats#* } / 1024 )) MB, answer agrees"
          ;;
        *) die "unknown tool $tool" ;;
      esac
    done
  done

  # serde_json alone against dealgraph's load, on the same bytes.
  say "g$n: serde_json and load::load in one process; dealgraph stats as a whole process"
  local parse value_s typed_s load_s stats_median stats_rss
  parse=$("$PARSE_BENCH" "$graph" "$runs" --bench 2>/dev/null | grep '^bytes=')
  value_s=$(sed 's/.*value_s=\([0-9.]*\).*/\1/' <<<"$parse")
  typed_s=$(sed 's/.*typed_s=\([0-9.]*\).*/\1/' <<<"$parse")
  load_s=$(sed 's/.*load_s=\([0-9.]*\).*/\1/' <<<"$parse")
  stats_median=$(median 1 "$runs" env DEALGRAPH_NO_CACHE=1 "$DG" stats --graph "$graph")
  stats_rss=$(RUN_ENV="DEALGRAPH_NO_CACHE=1" once "$DG" stats --graph "$graph")

  local load_end
  load_end=$(cut -d' ' -f1-3 /proc/loadavg)
  "$PY" bench/compare_table.py "$rows" "$n" "$bytes" "$A" "$B" "$C" "$import" \
    "$value_s" "$typed_s" "$load_s" "$stats_median" "${stats_rss#* }" \
    "$load_start" "$load_end" "$runs" "$peer_runs" "$TIMEOUT" "$machine" | tee "$out/results.md"
}

for n in "${sizes[@]}"; do
  run_size "$n"
done
