# shellcheck shell=bash
# Shared settings of the benchmark scripts (sourced, not run). The stack runs on its own ports and in
# its own folder so that it never meets a stack started with stack.sh's defaults; override any of
# these in the environment.
set -euo pipefail

BENCH_HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_HERE/../.." && pwd)"
export KAFKA_PORT="${KAFKA_PORT:-19092}" KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-19093}"
export ES_PORT="${ES_PORT:-19200}" ES_TRANSPORT_PORT="${ES_TRANSPORT_PORT:-19300}"
export FLINK_REST_PORT="${FLINK_REST_PORT:-18081}" FLINK_RPC_PORT="${FLINK_RPC_PORT:-16123}"
export FLINK_BLOB_PORT="${FLINK_BLOB_PORT:-16124}"
export STACK_DIR="${STACK_DIR:-/tmp/streamrules-bench-stack}"
# The benchmarks measure the jars as built: build them first (mvn -B package -DskipTests).
export SKIP_BUILD="${SKIP_BUILD:-true}"
BENCH_OUT="${BENCH_OUT:-$ROOT/target/bench}"
mkdir -p "$BENCH_OUT"
FLINK_URL="http://127.0.0.1:$FLINK_REST_PORT"

for tool in curl jq awk; do
  command -v "$tool" >/dev/null || { echo "bench: needs $tool" >&2; exit 1; }
done

now_ms() {
  date +%s%3N
}

# running_job: the id of the RUNNING job on the bench cluster, empty if none.
running_job() {
  curl -fsS --max-time 3 "$FLINK_URL/jobs/overview" 2>/dev/null \
    | jq -r '[.jobs[] | select(.state == "RUNNING")][0].jid // empty' 2>/dev/null || true
}

# all_tasks_running JOB: the job and all of its vertices are RUNNING.
all_tasks_running() {
  curl -fsS --max-time 3 "$FLINK_URL/jobs/$1" 2>/dev/null \
    | jq -e '.state == "RUNNING" and all(.vertices[]; .status == "RUNNING")' >/dev/null 2>&1
}

# source_metrics JOB: "records_out pending_records" of the Kafka source vertex (sums over subtasks).
source_metrics() {
  local job="$1" vertex name body
  body="$(curl -fsS --max-time 3 "$FLINK_URL/jobs/$job" 2>/dev/null)" || return 1
  vertex="$(jq -r '.vertices[] | select(.name | startswith("Source: Kafka")) | .id' <<<"$body")"
  name="$(curl -fsS --max-time 3 "$FLINK_URL/jobs/$job/vertices/$vertex/subtasks/metrics" \
    | jq -r '.[].id | select(endswith(".pendingRecords"))' | head -n 1)"
  local records pending
  records="$(jq -r '.vertices[] | select(.id == "'"$vertex"'") | .metrics["write-records"]' <<<"$body")"
  pending="$(curl -fsS --max-time 3 "$FLINK_URL/jobs/$job/vertices/$vertex/subtasks/metrics?get=$name&agg=sum" \
    | jq -r '.[0].sum // "NaN"')"
  echo "$records $pending"
}

# java_cpu: one line "pid cpu_seconds component" per Java process on this machine (user + sys so
# far), the component told by its main class. Sampled during a run, the last sample of each pid
# says how much CPU each part of the stack took.
java_cpu() {
  local tck pid cmd name
  tck="$(getconf CLK_TCK)"
  for pid in $(pgrep -x java || true); do
    cmd="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" || continue
    case "$cmd" in
      *TaskManagerRunner*) name=flink-taskmanager ;;
      *StandaloneSessionClusterEntrypoint*) name=flink-jobmanager ;;
      *kafka.Kafka*) name=kafka ;;
      *org.elasticsearch.bootstrap*|*org.elasticsearch.server*) name=elasticsearch ;;
      *FleetSimulator*) name=fleet-simulator ;;
      *LiveFleet*) name=live-tool ;;
      *) name=other ;;
    esac
    awk -v p="$pid" -v n="$name" -v t="$tck" '{ sub(/^.*\) /, ""); printf "%s %.2f %s\n", p, ($12 + $13) / t, n }' \
      "/proc/$pid/stat" 2>/dev/null || true
  done
}

# cpu_by_component FILE: sums the last sample of each pid in FILE (lines of java_cpu, appended
# before and during a run) minus its first, by component: the CPU each part took in between.
cpu_by_component() {
  awk '{ if (!($1 in first)) first[$1] = $2; last[$1] = $2; comp[$1] = $3 }
       END { for (p in last) { c[comp[p]] += last[p] - first[p]; all += last[p] - first[p] }
             for (k in c) if (c[k] >= 0.05) printf "  %-18s %7.1f s\n", k, c[k]
             printf "  %-18s %7.1f s\n", "all", all }' "$1" | sort -k2 -rn
}
