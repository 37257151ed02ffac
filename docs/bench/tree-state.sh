#!/usr/bin/env bash
# Process-tree state at fleet scale (issue 9 item 4): the detection job in a MiniCluster with RocksDB
# and incremental checkpoints to a local folder, fed generated exec events until every host has
# PROCESSES live processes; then two checkpoints (full, then incremental after some churn), a cancel
# and a restore. Prints state bytes, checkpointed bytes and durations, restore time and a linear
# projection. Runs in one JVM (-Xmx below); everything lands in target/bench/tree-state.
#
#   docs/bench/tree-state.sh [HOSTS=10000] [PROCESSES=300] [CHURN=50000] [PROJECT_HOSTS=100000]
#
# Env: BENCH_HEAP (1g), BENCH_MANAGED_MEMORY (256m: RocksDB's share, for both subtasks). Builds the test classes (mvn -o test-compile) first.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
mkdir -p target/bench
# One reactor call: the udfs test fixtures resolve to their target folders (nothing is installed).
mvn -B -q -o -pl job -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$ROOT/target/bench/job-test.cp" -Dmdep.includeScope=test >/dev/null
CP="job/target/test-classes:job/target/classes:$(cat target/bench/job-test.cp)"
exec java "-Xmx${BENCH_HEAP:-1g}" -cp "$CP" dev.streamrules.job.bench.TreeStateBenchmark \
  --hosts "${1:-10000}" --processes "${2:-300}" --churn "${3:-50000}" --project-hosts "${4:-100000}" \
  --managed-memory "${BENCH_MANAGED_MEMORY:-256m}" --dir "$ROOT/target/bench/tree-state"
