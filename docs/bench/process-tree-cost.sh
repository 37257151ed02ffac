#!/usr/bin/env bash
# Throughput cost of the process-tree enrichment: replay mode (local jar, MiniCluster, parallelism 2)
# on one large simulated file, --process-tree.enabled true vs false, RUNS rounds alternating the
# order. Wall time includes the JVM and MiniCluster start; the same replay of the file's first
# 10,000 lines measures that fixed part, and "job only" subtracts it.
#
#   docs/bench/process-tree-cost.sh [EVENTS=1000000] [HOSTS=200] [RUNS=3]
source "$(dirname "$0")/common.sh"

EVENTS="${1:-1000000}"
HOSTS="${2:-200}"
RUNS="${3:-3}"
JAR="$ROOT/job/target/detection-job-local.jar"
TOOLS_JAR="$ROOT/deploy/tools/target/streamrules-tools.jar"
[[ -f "$JAR" && -f "$TOOLS_JAR" ]] || { echo "bench: build first: mvn -B package -DskipTests" >&2; exit 1; }
FILE="$BENCH_OUT/fleet-$EVENTS-$HOSTS.ndjson"
SMALL="$BENCH_OUT/fleet-$EVENTS-$HOSTS-first10k.ndjson"
RESULTS="$BENCH_OUT/process-tree-cost-$(date +%H%M%S).csv"

if [[ ! -s "$FILE" ]]; then
  echo "generating $FILE"
  java -cp "$TOOLS_JAR" dev.streamrules.tools.sim.FleetSimulator --hosts "$HOSTS" --events "$EVENTS" --seed 42 \
    --output "$FILE.partial" && mv "$FILE.partial" "$FILE"
fi
[[ -s "$SMALL" ]] || head -n 10000 "$FILE" >"$SMALL"
echo "input: $FILE ($(wc -l <"$FILE") lines, $(du -h "$FILE" | cut -f1))"

# replay FILE TREE: prints "wall_ms summary-line"
replay() {
  local t0 t1 err
  err="$(mktemp)"
  t0=$(now_ms)
  java -jar "$JAR" --input "$1" --output - --parallelism 2 --process-tree.enabled "$2" >/dev/null 2>"$err" \
    || { cat "$err" >&2; rm -f "$err"; return 1; }
  t1=$(now_ms)
  echo "$((t1 - t0)) $(tail -n 1 "$err")"
  rm -f "$err"
}

echo "run,process_tree,file,wall_ms,summary" >"$RESULTS"
for ((run = 1; run <= RUNS; run++)); do
  order="true false"
  ((run % 2 == 0)) && order="false true"
  for tree in $order; do
    read -r small_ms small_summary < <(replay "$SMALL" "$tree")
    read -r wall_ms summary < <(replay "$FILE" "$tree")
    echo "$run,$tree,small,$small_ms,$small_summary" >>"$RESULTS"
    echo "$run,$tree,large,$wall_ms,$summary" >>"$RESULTS"
    echo "run $run process-tree $tree: ${wall_ms} ms wall ($summary); first 10k lines ${small_ms} ms"
  done
done

awk -F, -v n="$EVENTS" '
  NR > 1 && $3 == "large" { w[$2] += $4; c[$2]++ }
  NR > 1 && $3 == "small" { s[$2] += $4 }
  END {
    for (t in w) {
      wall = w[t] / c[t]; fixed = s[t] / c[t]
      eps[t] = n * 1000 / wall; job[t] = (n - 10000) * 1000 / (wall - fixed)
      printf "process-tree %-5s: mean wall %.1f s -> %.0f events/s; job only (minus %.1f s fixed) %.0f events/s\n", t, wall / 1000, eps[t], fixed / 1000, job[t]
    }
    printf "cost of the enrichment: %.1f%% of wall-clock throughput, %.1f%% of job-only throughput\n",
      (1 - eps["true"] / eps["false"]) * 100, (1 - job["true"] / job["false"]) * 100
  }' "$RESULTS"
echo "files: $RESULTS"
