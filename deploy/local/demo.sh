#!/usr/bin/env bash
# The whole pipeline on this machine in one command: builds what is missing, starts Kafka,
# Elasticsearch and a Flink session cluster (deploy/local/stack.sh), creates the topics, installs the
# alerts index template, submits the detection job, then sends simulated fleet traffic and prints
# every alert as soon as Elasticsearch can find it, with its end-to-end latency. On exit (end of
# --duration, Ctrl-C or an error) it cancels the job and stops what it started.
#
#   deploy/local/demo.sh [--duration SECONDS] [--rate EVENTS_PER_S] [--hosts N] [--attack-rate F]
#                        [--sequence-attack-rate F] [--rules PATH]... [--seed N] [--quiet]
#                        [-- LIVE_FLEET_OPTIONS...]
#
# Needs Java 17, Maven (only to build) and curl. Ports and folders: the environment variables of
# stack.sh (KAFKA_PORT, ES_PORT, FLINK_REST_PORT, ..., STACK_DIR). See deploy/local/README.md.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
STACK="$HERE/stack.sh"

DURATION=0
RATE=500
HOSTS=50
ATTACK_RATE=""
SEQUENCE_ATTACK_RATE=""
RULES=()
SEED=""
QUIET=false
LIVE_ARGS=()

usage() {
  cat <<'EOF'
usage: deploy/local/demo.sh [options] [-- LiveFleet options]

  --duration N      send traffic for N seconds, then print the summary and stop (default: until Ctrl-C)
  --rate N          events per second (default 500)
  --hosts N         simulated hosts (default 50)
  --attack-rate F   fraction of interactive shell commands that are attacks (default 0.01)
  --sequence-attack-rate F
                    fraction of new sessions that plant a sequence attack (and as many near misses) for
                    the rules in deploy/rules/sequences (default: none); without --rules the job then runs
                    those rules next to the seed rule
  --rules PATH      a rule file or folder for the job (repeatable; default: the built-in seed rule). The
                    expected single-event alerts are the seed rule's: include it when you pass --rules
  --seed N          simulation seed (default: random)
  --quiet           do not print each alert
  -h, --help        this help

Anything after -- goes to the live tool (java ... dev.streamrules.tools.demo.LiveFleet --help).
Environment: the ports and STACK_DIR of stack.sh; CHECKPOINT_INTERVAL (5s), STATE_BACKEND (rocksdb),
PARALLELISM (2), EVENT_PARTITIONS (4), ES_REFRESH_INTERVAL (unset: the index template's),
EXTRA_JOB_ARGS (more job options, split at spaces),
SKIP_BUILD (true: never run Maven, use the jars as they are).
The last line is "alerts: X in Elasticsearch, Y expected, Z duplicates", followed on the same line
by "; sequences: X in Elasticsearch, Y expected, Z duplicates" with --sequence-attack-rate; the exit
status is 0 when every expected alert and sequence arrived exactly once (in Elasticsearch and on the
alerts topic) and nothing else did, else 1.
EOF
}

die() {
  echo "demo: $*" >&2
  exit 1
}

say() {
  echo "demo: $*"
}

whole_number() {
  [[ "$2" =~ ^[0-9]+$ ]] || die "$1 needs a whole number, got '$2'"
}

while [[ $# -gt 0 ]]; do
  case "$1" in
    --duration) [[ $# -ge 2 ]] || die "--duration needs a value"; whole_number "$1" "$2"; DURATION="$2"; shift 2 ;;
    --rate) [[ $# -ge 2 ]] || die "--rate needs a value"; [[ "$2" =~ ^[0-9]+([.][0-9]+)?$ ]] || die "--rate needs a number, got '$2'"; RATE="$2"; shift 2 ;;
    --hosts) [[ $# -ge 2 ]] || die "--hosts needs a value"; whole_number "$1" "$2"; HOSTS="$2"; shift 2 ;;
    --attack-rate) [[ $# -ge 2 ]] || die "--attack-rate needs a value"; ATTACK_RATE="$2"; shift 2 ;;
    --sequence-attack-rate) [[ $# -ge 2 ]] || die "--sequence-attack-rate needs a value"; SEQUENCE_ATTACK_RATE="$2"; shift 2 ;;
    --rules) [[ $# -ge 2 ]] || die "--rules needs a value"; [[ -e "$2" ]] || die "--rules: no such file or folder '$2'"
      RULES+=("$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"); shift 2 ;;
    --seed) [[ $# -ge 2 ]] || die "--seed needs a value"; SEED="$2"; shift 2 ;;
    --quiet) QUIET=true; shift ;;
    -h | --help) usage; exit 0 ;;
    --) shift; LIVE_ARGS=("$@"); break ;;
    *) usage >&2; die "unknown option '$1'" ;;
  esac
done

# --- settings --------------------------------------------------------------------------------

if [[ -n "$SEQUENCE_ATTACK_RATE" && ${#RULES[@]} -eq 0 ]]; then
  # The planted sequences need their rules; the seed rule keeps the single-event truth meaningful.
  RULES=("$ROOT/deploy/rules/sequences" "$ROOT/udfs/src/main/resources/streamrules/rules")
fi
RULE_ARGS=()
for rules in "${RULES[@]}"; do
  RULE_ARGS+=(--rules "$rules")
done

export KAFKA_PORT="${KAFKA_PORT:-9092}"
export ES_PORT="${ES_PORT:-9200}"
export FLINK_REST_PORT="${FLINK_REST_PORT:-8081}"
CHECKPOINT_INTERVAL="${CHECKPOINT_INTERVAL:-5s}"
STATE_BACKEND="${STATE_BACKEND:-rocksdb}"
PARALLELISM="${PARALLELISM:-2}"
EVENT_PARTITIONS="${EVENT_PARTITIONS:-4}"
ES_REFRESH_INTERVAL="${ES_REFRESH_INTERVAL:-}"
# More job options, split at spaces (measurements: e.g. "--es.max-time-in-buffer 200ms").
read -r -a EXTRA_JOB_ARGS <<<"${EXTRA_JOB_ARGS:-}"

# every folder from / down to $1 lets others pass (Elasticsearch runs as its own user under root)
others_can_enter() {
  local dir="$1" mode
  while [[ -n "$dir" && "$dir" != / ]]; do
    if [[ -d "$dir" ]]; then
      mode="$(stat -c %A "$dir")"
      [[ "${mode:9:1}" == x || "${mode:9:1}" == t ]] || return 1
    fi
    dir="$(dirname "$dir")"
  done
}

if [[ -z "${STACK_DIR:-}" ]]; then
  STACK_DIR="$HERE/.stack-demo"
  if ((EUID == 0)) && ! others_can_enter "$HERE"; then
    # A checkout in a private folder such as /root: Elasticsearch's user could not reach its data.
    STACK_DIR="/var/tmp/streamrules-demo-stack"
  fi
fi
mkdir -p "$STACK_DIR"
STACK_DIR="$(cd "$STACK_DIR" && pwd)"
export STACK_DIR
LOGS="$STACK_DIR/logs"

ES_URL="http://127.0.0.1:$ES_PORT"
FLINK_URL="http://127.0.0.1:$FLINK_REST_PORT"
RUN_ID="$(date +%Y%m%d-%H%M%S)-$$"
EVENTS_TOPIC="demo-events-$RUN_ID"
ALERTS_TOPIC="demo-alerts-$RUN_ID"
DEAD_TOPIC="demo-dead-letters-$RUN_ID"
INDEX="streamrules-alerts-demo-$RUN_ID"
JOB_JAR="$ROOT/job/target/detection-job.jar"
TOOLS_JAR="$ROOT/deploy/tools/target/streamrules-tools.jar"

command -v java >/dev/null || [[ -n "${JAVA_HOME:-}" ]] || die "needs Java 17 (no java on PATH, JAVA_HOME unset)"
command -v curl >/dev/null || die "needs curl"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

# --- cleanup ---------------------------------------------------------------------------------

STARTED=()       # components this script started, to stop on exit
START_PIDS=()    # background "stack.sh start" processes still running
JOB_ID=""
LIVE_PID=""
CLEANED=false

# shellcheck disable=SC2317 # runs from the EXIT trap
cleanup() {
  local status=$?
  $CLEANED && return
  CLEANED=true
  trap '' INT TERM
  set +e
  if [[ -n "$LIVE_PID" ]] && kill -0 "$LIVE_PID" 2>/dev/null; then
    # The live tool prints its summary on SIGTERM, then exits.
    kill -TERM "$LIVE_PID" 2>/dev/null
    wait "$LIVE_PID" 2>/dev/null
  fi
  local pid
  for pid in "${START_PIDS[@]}"; do
    kill -TERM "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  done
  if [[ -n "$JOB_ID" ]]; then
    say "cancelling job $JOB_ID"
    curl -sS -o /dev/null --max-time 10 -X PATCH "$FLINK_URL/jobs/$JOB_ID?mode=cancel" 2>/dev/null
    local i state
    for ((i = 0; i < 40; i++)); do
      state="$(job_state)"
      [[ -z "$state" || "$state" == CANCELED || "$state" == FAILED || "$state" == FINISHED ]] && break
      sleep 0.5
    done
  fi
  if ((${#STARTED[@]} > 0)); then
    say "stopping ${STARTED[*]}"
    local what pids=()
    for what in "${STARTED[@]}"; do
      "$STACK" stop "$what" >/dev/null 2>&1 &
      pids+=($!)
    done
    wait "${pids[@]}" 2>/dev/null
    # The demo's data is throwaway (fresh topics and index per run); logs stay.
    for what in "${STARTED[@]}"; do
      case "$what" in
        kafka) rm -rf "$STACK_DIR/kafka/data" ;;
        elasticsearch) rm -rf "$STACK_DIR/elasticsearch/data" ;;
        flink) rm -rf "$STACK_DIR/flink/checkpoints" "$STACK_DIR/flink/savepoints" "$STACK_DIR/flink/upload" \
          "$STACK_DIR/flink/tmp" ;;
      esac
    done
  fi
  say "logs: $LOGS (Flink: flink-jobmanager.log, flink-taskmanager-*.log; kafka.log; elasticsearch/)"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- build and fetch -------------------------------------------------------------------------

# jars_stale: a jar is missing or older than a source file or POM it is built from.
jars_stale() {
  [[ -f "$JOB_JAR" && -f "$TOOLS_JAR" ]] || return 0
  [[ -n "$(find "$ROOT/pom.xml" "$ROOT/udfs" "$ROOT/job/pom.xml" "$ROOT/job/src" "$ROOT/deploy/elasticsearch" \
    -path '*/target' -prune -o -type f -newer "$JOB_JAR" -print -quit 2>/dev/null)" ]] \
    || [[ -n "$(find "$ROOT/deploy/tools" -path '*/target' -prune -o -type f -newer "$TOOLS_JAR" -print -quit 2>/dev/null)" ]]
}

if [[ "${SKIP_BUILD:-false}" == true ]]; then
  [[ -f "$JOB_JAR" && -f "$TOOLS_JAR" ]] || die "SKIP_BUILD=true but $JOB_JAR or $TOOLS_JAR is missing"
elif jars_stale; then
  command -v mvn >/dev/null || die "the job or tools jars are missing or out of date and there is no mvn to build them"
  say "building the job and tools jars (mvn -B -q package -DskipTests; the first build downloads dependencies)"
  (cd "$ROOT" && mvn -B -q package -DskipTests)
fi
if [[ ! -d "$HERE/kafka-dist/target/lib" || ! -d "$HERE/flink-dist/target/lib" ]] \
  || ! compgen -G "$HERE/elasticsearch-dist/target/elasticsearch-*/bin/elasticsearch" >/dev/null; then
  say "fetching Kafka, Elasticsearch and Flink (stack.sh fetch)"
  "$STACK" fetch
fi

# --- start the stack -------------------------------------------------------------------------

running() {
  local pid
  pid="$(cat "$STACK_DIR/pids/$1.pid" 2>/dev/null)" && kill -0 "$pid" 2>/dev/null
}

say "stack folder $STACK_DIR; Kafka 127.0.0.1:$KAFKA_PORT, Elasticsearch $ES_URL, Flink $FLINK_URL"
t0=$SECONDS
for what in kafka elasticsearch flink; do
  pidfile="$what"
  [[ "$what" == flink ]] && pidfile=jobmanager
  if running "$pidfile"; then
    say "$what already runs in $STACK_DIR: using it and leaving it running"
    continue
  fi
  STARTED+=("$what")
  # The three start at once: about 25 s instead of 40 s.
  "$STACK" start "$what" > >(sed -u "s/^/[$what] /") 2>&1 &
  START_PIDS+=($!)
done
for pid in "${START_PIDS[@]}"; do
  wait "$pid" || die "a server did not start (see above and $LOGS)"
done
START_PIDS=()
say "stack ready in $((SECONDS - t0)) s"

# --- topics, index template, job -------------------------------------------------------------

"$STACK" topic "$EVENTS_TOPIC" "$EVENT_PARTITIONS"
"$STACK" topic "$ALERTS_TOPIC" 2
"$STACK" topic "$DEAD_TOPIC" 1

curl -fsS -o /dev/null -X PUT "$ES_URL/_index_template/streamrules-alerts" \
  -H 'Content-Type: application/json' --data-binary "@$ROOT/deploy/elasticsearch/alerts-index-template.json" \
  || die "cannot install the index template"
say "installed the index template streamrules-alerts (deploy/elasticsearch/alerts-index-template.json)"
# The run's own index, created now (the template gives it its mappings and settings) so that the
# first alert does not pay for creating it.
index_body='{}'
[[ -z "$ES_REFRESH_INTERVAL" ]] || index_body="{\"settings\":{\"index.refresh_interval\":\"$ES_REFRESH_INTERVAL\"}}"
curl -fsS -o /dev/null -X PUT "$ES_URL/$INDEX" -H 'Content-Type: application/json' -d "$index_body" \
  || die "cannot create the index $INDEX"
curl -fsS -o /dev/null "$ES_URL/_cluster/health/$INDEX?wait_for_status=yellow&timeout=60s" \
  || die "the index $INDEX did not become ready"
say "created the alerts index $INDEX${ES_REFRESH_INTERVAL:+ (refresh_interval $ES_REFRESH_INTERVAL)}"

# job_state: the job's state (RUNNING, FAILED, ...), empty when Flink does not answer.
job_state() {
  curl -fsS --max-time 5 "$FLINK_URL/jobs/$JOB_ID" 2>/dev/null \
    | grep -o '"state":"[A-Z_]*"' | head -n 1 | cut -d'"' -f4
}

# all_tasks_running: the job and each of its vertices report RUNNING.
all_tasks_running() {
  local body statuses
  body="$(curl -fsS --max-time 5 "$FLINK_URL/jobs/$JOB_ID" 2>/dev/null)" || return 1
  statuses="$(grep -o '"status":"[A-Z_]*"' <<<"$body" | sort -u)" || return 1
  [[ "$statuses" == '"status":"RUNNING"' ]] && grep -q '"state":"RUNNING"' <<<"$body"
}

say "submitting job/target/detection-job.jar (parallelism $PARALLELISM, $STATE_BACKEND state, checkpoints every $CHECKPOINT_INTERVAL)"
JOB_ID="$(PARALLELISM="$PARALLELISM" "$HERE/submit.sh" "$JOB_JAR" \
  --mode stream \
  --kafka.bootstrap-servers "127.0.0.1:$KAFKA_PORT" \
  --kafka.topics "$EVENTS_TOPIC" \
  --kafka.alerts-topic "$ALERTS_TOPIC" \
  --kafka.dead-letter-topic "$DEAD_TOPIC" \
  --kafka.group-id "demo-$RUN_ID" \
  --kafka.transactional-id-prefix "demo-$RUN_ID" \
  --kafka.transaction-timeout 5m \
  --es.hosts "$ES_URL" \
  --es.index "$INDEX" \
  --checkpoint.interval "$CHECKPOINT_INTERVAL" \
  --state.backend "$STATE_BACKEND" \
  "${RULE_ARGS[@]}" \
  "${EXTRA_JOB_ARGS[@]}")" || die "submission failed"
say "job $JOB_ID submitted; web UI $FLINK_URL/#/job/running/$JOB_ID/overview"

t0=$SECONDS
until all_tasks_running; do
  state="$(job_state)"
  if [[ "$state" == FAILED || "$state" == CANCELED ]]; then
    curl -sS --max-time 5 "$FLINK_URL/jobs/$JOB_ID/exceptions" >&2 || true
    die "job $JOB_ID is $state"
  fi
  ((SECONDS - t0 < 120)) || die "job $JOB_ID not running after 120 s (state ${state:-unknown}); see $LOGS"
  sleep 0.5
done
say "job RUNNING (all tasks) $((SECONDS - t0)) s after submission"

# --- live traffic ----------------------------------------------------------------------------

args=(--bootstrap-servers "127.0.0.1:$KAFKA_PORT" --topic "$EVENTS_TOPIC" --alerts-topic "$ALERTS_TOPIC"
  --es-url "$ES_URL" --index "$INDEX" --rate "$RATE" --duration "$DURATION" --hosts "$HOSTS")
[[ -z "$ATTACK_RATE" ]] || args+=(--attack-rate "$ATTACK_RATE")
[[ -z "$SEQUENCE_ATTACK_RATE" ]] || args+=(--sequence-attack-rate "$SEQUENCE_ATTACK_RATE")
[[ -z "$SEED" ]] || args+=(--seed "$SEED")
! $QUIET || args+=(--quiet)
if ((DURATION == 0)); then
  say "sending traffic until Ctrl-C"
fi
# In the background so that a signal reaches this script at once; cleanup() forwards it.
"$JAVA" -Xmx512m -cp "$TOOLS_JAR" dev.streamrules.tools.demo.LiveFleet "${args[@]}" "${LIVE_ARGS[@]}" </dev/null &
LIVE_PID=$!
set +e
wait "$LIVE_PID"
status=$?
set -e
LIVE_PID=""
exit "$status"
