#!/usr/bin/env bash
# Throughput of the replay job against a bare Jackson parse of the same file (issue 9, item 1).
#
#   docs/bench/run.sh [--quick] [--runs N]
#
# Builds the jars if they are missing, generates a simulated fleet once (2,000 hosts, 2,000,000
# events; --quick 400,000) under target/bench/, then measures, on that one file, round-robin so
# that a change in machine load hits every measurement alike:
#   parse-only      one thread, BufferedReader.readLine + ObjectMapper.readTree per line, nothing else
#   job-p1          the replay job, parallelism 1, default rule set (the seed rule), process tree on
#   job-p1-rules50  the same with the seed rule and the 62 corpus rules (63 rules, see below)
#   job-p2          the replay job, parallelism 2, default rule set
#   job-p1-notree   job-p1 with --process-tree.enabled false: the tree's cost at parallelism 1 is
#                   1 - job-p1 / job-p1-notree (issue 9's target: at most 15%); its share of the
#                   CPU per event is printed too
# Next to each throughput it prints the CPU the whole JVM used per event (user + sys from
# /usr/bin/time divided by the events; JVM start, JIT compilation and GC included), which says
# whether parallelism 2 adds work per event, something wall-clock time on two cores cannot show.
# Every figure counts from job start (first line read, for parse-only) to the end of input; JVM
# start and building the job are excluded. The job prints Flink's net runtime, which runs from the
# job's initialization to its end, so it includes deploying and opening the tasks and finishing
# them: about 0.8-0.9 s on this machine kind with a 10-line input, 6-12% of a --quick job's
# figure, none of parse-only's. Each is the median of
# --runs runs (default 3), printed with its min, max and spread ((max - min) / median).
set -euo pipefail

cd "$(dirname "$0")/../.."
EVENTS=2000000
RUNS=3
while [[ $# -gt 0 ]]; do
  case "$1" in
    --quick) EVENTS=400000; shift ;;
    --runs) RUNS="$2"; shift 2 ;;
    -h|--help) awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0"; exit 0 ;;
    *) echo "unknown option: $1 (try --help)" >&2; exit 2 ;;
  esac
done
if (( RUNS < 3 )); then
  echo "--runs must be at least 3" >&2
  exit 2
fi

JOB_JAR=job/target/detection-job-local.jar
TOOLS_JAR=deploy/tools/target/streamrules-tools.jar
if [[ ! -f "$JOB_JAR" || ! -f "$TOOLS_JAR" ]]; then
  echo "building the jars (mvn -B -q -o package -DskipTests)" >&2
  mvn -B -q -o package -DskipTests
fi

WORK=target/bench
mkdir -p "$WORK"
DATA="$WORK/fleet-2000h-${EVENTS}e-seed7.ndjson"
if [[ ! -s "$DATA" ]]; then
  echo "generating $DATA" >&2
  java -cp "$TOOLS_JAR" dev.streamrules.tools.sim.FleetSimulator \
      --hosts 2000 --events "$EVENTS" --seed 7 --output "$DATA.tmp"
  mv "$DATA.tmp" "$DATA"
fi

SEED_RULES=udfs/src/main/resources/streamrules/rules
CORPUS_RULES=udfs/src/test/resources/rule-corpus/rules
NAMES=(parse-only job-p1 job-p1-rules50 job-p2 job-p1-notree)
declare -A CMD=(
  [parse-only]="java -cp $TOOLS_JAR dev.streamrules.tools.bench.ParseOnly $DATA"
  [job-p1]="java -jar $JOB_JAR --input $DATA --output /dev/null --parallelism 1"
  [job-p1-rules50]="java -jar $JOB_JAR --input $DATA --output /dev/null --parallelism 1 --rules $SEED_RULES --rules $CORPUS_RULES"
  [job-p2]="java -jar $JOB_JAR --input $DATA --output /dev/null --parallelism 2"
  [job-p1-notree]="java -jar $JOB_JAR --input $DATA --output /dev/null --parallelism 1 --process-tree.enabled false"
)
declare -A RESULTS=() CPU=()

echo "file: $DATA ($(wc -l < "$DATA") lines, $(du -h "$DATA" | cut -f1)); $RUNS runs each, round-robin" >&2
echo "job-p1-rules50 loads the seed rule ($SEED_RULES) and our 62 corpus rules ($CORPUS_RULES): 63 rules" >&2
for run in $(seq 1 "$RUNS"); do
  for name in "${NAMES[@]}"; do
    log="$WORK/$name.run$run.log"
    # shellcheck disable=SC2086 # the commands are word lists on purpose
    if ! /usr/bin/time -f 'cpu: %U %S' -o "$log.cpu" ${CMD[$name]} > "$log.out" 2> "$log"; then
      echo "$name run $run failed; last lines of $log:" >&2
      tail -n 20 "$log" >&2
      exit 1
    fi
    rate=$(sed -n 's/^throughput: \([0-9]*\) events\/s.*/\1/p' "$log" | tail -n 1)
    if [[ -z "$rate" ]]; then
      echo "$name run $run printed no throughput line; see $log" >&2
      exit 1
    fi
    if [[ "$run" == 1 && "$name" != parse-only ]]; then
      grep -E '^(rules|events): ' "$log" | sed "s/^/  $name: /" >&2 || true
    fi
    us=$(awk -v n="$(wc -l < "$DATA")" '/^cpu: / { printf "%.1f", 1e6 * ($2 + $3) / n }' "$log.cpu")
    echo "  $name run $run: $rate events/s, $us us CPU per event" >&2
    RESULTS[$name]="${RESULTS[$name]:-} $rate"
    CPU[$name]="${CPU[$name]:-} $us"
  done
done

# median_min_max FORMAT VALUES...: "median min max" of the values, each printed with FORMAT.
median_min_max() {
  local format="$1"
  shift
  printf '%s\n' "$@" | grep . | sort -n | awk -v f="$format" '
    { v[NR] = $1 }
    END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
          printf f " " f " " f "\n", m, v[1], v[NR] }'
}

declare -A MEDIAN=() CPU_MEDIAN=()
for name in "${NAMES[@]}"; do
  # shellcheck disable=SC2086 # the lists are space-separated on purpose
  read -r median min max < <(median_min_max %d ${RESULTS[$name]})
  MEDIAN[$name]=$median
  spread=$(awk -v a="$min" -v b="$max" -v m="$median" 'BEGIN { printf "%.0f", (m > 0 ? 100 * (b - a) / m : 0) }')
  # shellcheck disable=SC2086
  read -r cpu _ < <(median_min_max %.1f ${CPU[$name]})
  CPU_MEDIAN[$name]=$cpu
  echo "throughput $name: $median events/s (median of $RUNS; min $min, max $max, spread $spread%); CPU $cpu us per event"
done
awk -v p1="${MEDIAN[job-p1]}" -v nt="${MEDIAN[job-p1-notree]}" \
    'BEGIN { printf "process tree cost at parallelism 1: %.0f%% (1 - job-p1 / job-p1-notree)\n", 100 * (1 - p1 / nt) }'
# The same in CPU: the reader, the JIT and the GC run beside the keyed thread, so the tree's share of
# the CPU is smaller than its share of the time when the keyed thread is the bottleneck.
awk -v p1="${CPU_MEDIAN[job-p1]}" -v nt="${CPU_MEDIAN[job-p1-notree]}" \
    'BEGIN { printf "process tree CPU at parallelism 1: %.0f%% of job-p1 CPU per event (1 - job-p1-notree / job-p1)\n", 100 * (1 - nt / p1) }'
awk -v parse="${MEDIAN[parse-only]}" -v p1="${MEDIAN[job-p1]}" -v r50="${MEDIAN[job-p1-rules50]}" \
    -v p2="${MEDIAN[job-p2]}" \
    'BEGIN { printf "ratio job/parse-only: %.2f, rules50/rules1: %.2f, p2/p1: %.2f\n", p1 / parse, r50 / p1, p2 / p1 }'
