#!/usr/bin/env bash
# A real local stack without Docker: a Kafka broker (KRaft), an Elasticsearch node and a Flink
# session cluster, each a plain child process started from what the deploy/local/*-dist Maven
# modules fetch. Everything listens on 127.0.0.1 only. See deploy/local/README.md.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"

STACK_DIR="${STACK_DIR:-$HERE/.stack}"
KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
KAFKA_HEAP="${KAFKA_HEAP:-512m}"
ES_PORT="${ES_PORT:-9200}"
ES_TRANSPORT_PORT="${ES_TRANSPORT_PORT:-9300}"
# 1g, not less: with 256m Elasticsearch collected about 200 times in a 60 s run at 5,000 events/s
# (2.3-2.7 s of pauses, up to 187 ms each; with 1g 12 times) and alerts waited on it
# (docs/benchmarks.md 20).
ES_HEAP="${ES_HEAP:-1g}"
ES_USER="${ES_USER:-streamrules-es}"
FLINK_REST_PORT="${FLINK_REST_PORT:-8081}"
FLINK_RPC_PORT="${FLINK_RPC_PORT:-6123}"
FLINK_BLOB_PORT="${FLINK_BLOB_PORT:-6124}"
FLINK_PROMETHEUS_PORTS="${FLINK_PROMETHEUS_PORTS:-9249-9259}"
FLINK_TM_SLOTS="${FLINK_TM_SLOTS:-2}"
# Flink's changelog state backend wraps the job's backend: a checkpoint uploads the state changes
# logged since the last one, and RocksDB is snapshotted only every FLINK_CHANGELOG_MATERIALIZATION.
# Without it every checkpoint paused the keyed task 0.3-0.5 s to flush RocksDB (docs/benchmarks.md
# section 12). false: plain RocksDB incremental checkpoints.
FLINK_STATE_CHANGELOG="${FLINK_STATE_CHANGELOG:-true}"
FLINK_CHANGELOG_MATERIALIZATION="${FLINK_CHANGELOG_MATERIALIZATION:-10min}"
START_TIMEOUT="${START_TIMEOUT:-120}"

KAFKA_LIB="$HERE/kafka-dist/target/lib"
FLINK_LIB="$HERE/flink-dist/target/lib"
ES_DIST_PARENT="$HERE/elasticsearch-dist/target"

# The JVM flags Flink's own scripts add; without them job submission fails on Java 17.
FLINK_JVM_FLAGS=(
  --add-opens=java.base/java.lang=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED
  --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED
  --add-opens=java.base/java.text=ALL-UNNAMED
  --add-opens=java.base/java.time=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED
  --add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED
)

usage() {
  cat <<EOF
usage: $(basename "$0") COMMAND

  fetch                          resolve the servers with Maven (kafka-dist, elasticsearch-dist, flink-dist)
  start [kafka|elasticsearch|flink|all]   start and wait until ready (default: all)
  stop  [kafka|elasticsearch|flink|all]   stop (default: all)
  status                         show what runs, with pids and readiness
  taskmanager start|kill         start one more Flink TaskManager / kill -9 the running TaskManager(s)
  topic NAME [PARTITIONS]        create a Kafka topic (default 2 partitions)
  logs                           print the log folder

State, logs and pids live in STACK_DIR (now: $STACK_DIR).
Ports: KAFKA_PORT=$KAFKA_PORT KAFKA_CONTROLLER_PORT=$KAFKA_CONTROLLER_PORT ES_PORT=$ES_PORT
ES_TRANSPORT_PORT=$ES_TRANSPORT_PORT FLINK_REST_PORT=$FLINK_REST_PORT FLINK_RPC_PORT=$FLINK_RPC_PORT
FLINK_BLOB_PORT=$FLINK_BLOB_PORT
EOF
}

die() {
  echo "stack: $*" >&2
  exit 1
}

info() {
  echo "stack: $*"
}

java_bin() {
  if [[ -n "${JAVA_HOME:-}" ]]; then
    echo "$JAVA_HOME/bin/java"
  else
    command -v java || die "no java on PATH and JAVA_HOME is not set"
  fi
}

java_home() {
  local java
  java="$(readlink -f "$(java_bin)")"
  dirname "$(dirname "$java")"
}

init_dirs() {
  mkdir -p "$STACK_DIR"
  STACK_DIR="$(cd "$STACK_DIR" && pwd)"
  LOGS="$STACK_DIR/logs"
  PIDS="$STACK_DIR/pids"
  mkdir -p "$LOGS" "$PIDS"
}

need_dist() {
  local path="$1"
  [[ -e "$path" ]] || die "$path is missing: run '$0 fetch' (or 'mvn package') first"
}

es_home() {
  local homes=("$ES_DIST_PARENT"/elasticsearch-*/)
  [[ -d "${homes[0]}" ]] || die "no Elasticsearch under $ES_DIST_PARENT: run '$0 fetch' (or 'mvn package') first"
  echo "${homes[0]%/}"
}

# --- processes -------------------------------------------------------------------------------

pid_of() {
  local file="$PIDS/$1.pid"
  [[ -f "$file" ]] && cat "$file"
}

is_running() {
  local pid
  pid="$(pid_of "$1")" || return 1
  kill -0 "$pid" 2>/dev/null
}

# launch NAME OUTFILE COMMAND...: runs COMMAND in its own session (so that stopping reaches its
# whole process tree) with stdout and stderr in OUTFILE.
launch() {
  local name="$1" out="$2"
  shift 2
  setsid "$@" >"$out" 2>&1 </dev/null &
  echo "$!" >"$PIDS/$name.pid"
}

# Keeps the previous run's log next to the new one.
rotate() {
  local file
  for file in "$@"; do
    if [[ -f "$file" ]]; then mv -f "$file" "$file.1"; fi
  done
}

# signal_tree NAME SIGNAL: signals the process group the component runs in.
signal_tree() {
  local pid
  pid="$(pid_of "$1")" || return 0
  kill "-$2" -- "-$pid" 2>/dev/null || kill "-$2" "$pid" 2>/dev/null || true
}

stop_one() {
  local name="$1" pid waited=0
  if ! is_running "$name"; then
    rm -f "$PIDS/$name.pid"
    return 0
  fi
  pid="$(pid_of "$name")"
  signal_tree "$name" TERM
  # Waits for the whole process group (Elasticsearch: runuser, launcher and server JVMs).
  while kill -0 -- "-$pid" 2>/dev/null && ((waited < 60)); do
    sleep 0.5
    waited=$((waited + 1))
  done
  if kill -0 -- "-$pid" 2>/dev/null; then
    info "$name did not stop in 30 s; killing it"
    signal_tree "$name" KILL
  fi
  rm -f "$PIDS/$name.pid"
  info "stopped $name"
}

port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

port_free_or_die() {
  local port="$1" what="$2"
  if port_open "$port"; then
    die "port $port ($what) is already in use; set ${what} to another port"
  fi
}

# await NAME LOG CHECK...: polls CHECK until it succeeds, the process dies, or START_TIMEOUT passes.
await() {
  local name="$1" log="$2" started="$SECONDS"
  shift 2
  until "$@"; do
    if ! is_running "$name"; then
      echo "stack: $name exited while starting; last lines of $log:" >&2
      tail -n 40 "$log" >&2 || true
      rm -f "$PIDS/$name.pid"
      exit 1
    fi
    if ((SECONDS - started > START_TIMEOUT)); then
      echo "stack: $name not ready after ${START_TIMEOUT} s (START_TIMEOUT); last lines of $log:" >&2
      tail -n 40 "$log" >&2 || true
      stop_one "$name" >&2
      exit 1
    fi
    sleep 0.5
  done
}

# --- Kafka -----------------------------------------------------------------------------------

kafka_ready() {
  port_open "$KAFKA_PORT" && grep -q 'Kafka Server started' "$LOGS/kafka.log" 2>/dev/null
}

start_kafka() {
  local dir="$STACK_DIR/kafka" java t0="$SECONDS"
  if is_running kafka; then
    info "kafka already running (pid $(pid_of kafka))"
    return 0
  fi
  need_dist "$KAFKA_LIB"
  port_free_or_die "$KAFKA_PORT" KAFKA_PORT
  port_free_or_die "$KAFKA_CONTROLLER_PORT" KAFKA_CONTROLLER_PORT
  java="$(java_bin)"
  mkdir -p "$dir/data"
  cat >"$dir/server.properties" <<EOF
# Written by stack.sh: a single KRaft node, broker and controller in one process.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$dir/data
auto.create.topics.enable=false
num.partitions=2
group.initial.rebalance.delay.ms=0
# Single node: internal topics with one replica, or transactions and consumer groups never start.
offsets.topic.replication.factor=1
offsets.topic.num.partitions=4
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=4
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
# At least the transaction.timeout.ms of the job's exactly-once Kafka sink.
transaction.max.timeout.ms=3600000
EOF
  cat >"$dir/log4j2.properties" <<'EOF'
rootLogger.level = INFO
rootLogger.appenderRef.file.ref = file
appender.file.name = file
appender.file.type = File
appender.file.fileName = ${sys:kafka.log.file}
appender.file.append = true
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = [%d] %p %m (%c)%n
logger.controller.name = kafka.controller
logger.controller.level = INFO
EOF
  if [[ ! -f "$dir/data/meta.properties" ]]; then
    local cluster_id
    # base64url of 16 random bytes, as Kafka's own ids; like Kafka's Uuid.randomUuid(), never one
    # that starts with "-", which the storage tool would read as an option.
    cluster_id=-
    while [[ "$cluster_id" == -* ]]; do
      cluster_id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')"
    done
    info "formatting Kafka storage (cluster id $cluster_id)"
    "$java" -Xmx256m -Dkafka.log.file="$LOGS/kafka-format.log" -Dlog4j2.configurationFile="$dir/log4j2.properties" \
      -cp "$KAFKA_LIB/*" kafka.tools.StorageTool format -t "$cluster_id" -c "$dir/server.properties" \
      >"$LOGS/kafka-format.out" 2>&1 || { cat "$LOGS/kafka-format.out" >&2; die "Kafka storage format failed"; }
  fi
  rotate "$LOGS/kafka.log" "$LOGS/kafka.out"
  info "starting Kafka on 127.0.0.1:$KAFKA_PORT"
  launch kafka "$LOGS/kafka.out" "$java" -Xms128m "-Xmx$KAFKA_HEAP" -XX:+UseG1GC -XX:MaxGCPauseMillis=20 \
    -Djava.awt.headless=true -Dkafka.log.file="$LOGS/kafka.log" -Dlog4j2.configurationFile="$dir/log4j2.properties" \
    -cp "$KAFKA_LIB/*" kafka.Kafka "$dir/server.properties"
  await kafka "$LOGS/kafka.log" kafka_ready
  info "kafka ready in $((SECONDS - t0)) s: bootstrap servers 127.0.0.1:$KAFKA_PORT"
}

create_topic() {
  local name="${1:-}" partitions="${2:-2}" java
  [[ -n "$name" ]] || die "usage: $0 topic NAME [PARTITIONS]"
  is_running kafka || die "kafka is not running"
  java="$(java_bin)"
  # kafka-clients' Admin, driven by a single-file Java program (JEP 330).
  local src="$STACK_DIR/kafka/CreateTopic.java"
  cat >"$src" <<'EOF'
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

public class CreateTopic {
    public static void main(String[] a) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", a[0]))) {
            admin.createTopics(List.of(new NewTopic(a[1], Integer.parseInt(a[2]), (short) 1))).all().get();
            System.out.println("created topic " + a[1] + " with " + a[2] + " partitions");
        } catch (java.util.concurrent.ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) throw e;
            System.out.println("topic " + a[1] + " already exists");
        }
    }
}
EOF
  "$java" -cp "$KAFKA_LIB/*" "$src" \
    "127.0.0.1:$KAFKA_PORT" "$name" "$partitions" 2>"$LOGS/topic.err" || { cat "$LOGS/topic.err" >&2; exit 1; }
}

# --- Elasticsearch ---------------------------------------------------------------------------

es_ready() {
  curl -fsS -o /dev/null --max-time 5 \
    "http://127.0.0.1:$ES_PORT/_cluster/health?wait_for_status=yellow&timeout=2s" 2>/dev/null
}

ensure_es_user() {
  if ! id -u "$ES_USER" >/dev/null 2>&1; then
    info "creating system user $ES_USER (Elasticsearch refuses to run as root)"
    # Another script may create it at the same moment: only its absence afterwards is an error.
    useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$ES_USER" 2>/dev/null \
      || id -u "$ES_USER" >/dev/null 2>&1 || die "cannot create the system user $ES_USER"
  fi
}

# shared_es_copy HOME: a copy of the distribution under /var/tmp that every user may read, made once.
shared_es_copy() {
  local home="$1" copy partial
  copy="/var/tmp/streamrules-$(basename "$home")"
  if [[ ! -f "$copy/.complete" ]]; then
    info "copying Elasticsearch to $copy, where $ES_USER can read it" >&2
    partial="$(mktemp -d "$copy.partial-XXXXXX")"
    cp -a "$home/." "$partial/"
    chmod -R a+rX "$partial"
    touch "$partial/.complete"
    mv -T "$partial" "$copy" 2>/dev/null || rm -rf "$partial"
  fi
  echo "$copy"
}

start_elasticsearch() {
  local dir="$STACK_DIR/elasticsearch" home java_home_dir t0="$SECONDS"
  if is_running elasticsearch; then
    info "elasticsearch already running (pid $(pid_of elasticsearch))"
    return 0
  fi
  home="$(es_home)"
  port_free_or_die "$ES_PORT" ES_PORT
  port_free_or_die "$ES_TRANSPORT_PORT" ES_TRANSPORT_PORT
  java_home_dir="$(java_home)"
  mkdir -p "$dir/data" "$dir/logs" "$dir/tmp"
  # A config folder of our own: the node writes its keystore there, the distribution stays read-only.
  if [[ ! -f "$dir/config/jvm.options" ]]; then
    rm -rf "$dir/config"
    cp -r "$home/config" "$dir/config"
  fi
  local run=()
  if ((EUID == 0)); then
    ensure_es_user
    # A checkout in a private folder (such as /root) is out of the node user's reach.
    if ! runuser -u "$ES_USER" -- test -x "$home/bin/elasticsearch"; then
      home="$(shared_es_copy "$home")"
    fi
    runuser -u "$ES_USER" -- test -x "$dir" \
      || die "the user $ES_USER cannot enter $dir (a parent folder is private): set STACK_DIR to a folder it can reach, e.g. STACK_DIR=/var/tmp/streamrules-stack"
    chown -R "$ES_USER:" "$dir"
    run=(runuser -u "$ES_USER" --)
  fi
  rotate "$LOGS/elasticsearch.out"
  info "starting Elasticsearch on 127.0.0.1:$ES_PORT"
  launch elasticsearch "$LOGS/elasticsearch.out" "${run[@]}" env \
    ES_JAVA_HOME="$java_home_dir" ES_PATH_CONF="$dir/config" ES_TMPDIR="$dir/tmp" \
    ES_JAVA_OPTS="-Xms$ES_HEAP -Xmx$ES_HEAP" CLI_JAVA_OPTS="-Djava.io.tmpdir=$dir/tmp" \
    "$home/bin/elasticsearch" \
    -Ecluster.name=streamrules-local -Enode.name=local \
    -Ediscovery.type=single-node -Expack.security.enabled=false \
    -Enetwork.host=127.0.0.1 -Ehttp.port="$ES_PORT" -Etransport.port="$ES_TRANSPORT_PORT" \
    -Epath.data="$dir/data" -Epath.logs="$dir/logs" \
    -Ecluster.routing.allocation.disk.threshold_enabled=false
  await elasticsearch "$LOGS/elasticsearch.out" es_ready
  ln -sfn "$dir/logs" "$LOGS/elasticsearch"
  info "elasticsearch ready in $((SECONDS - t0)) s: http://127.0.0.1:$ES_PORT"
}

# --- Flink -----------------------------------------------------------------------------------

flink_conf() {
  local dir="$STACK_DIR/flink"
  mkdir -p "$dir/conf" "$dir/checkpoints" "$dir/savepoints" "$dir/tmp" "$dir/upload"
  cat >"$dir/conf/config.yaml" <<EOF
# Written by stack.sh: a session cluster on 127.0.0.1.
jobmanager.rpc.address: 127.0.0.1
jobmanager.rpc.port: $FLINK_RPC_PORT
jobmanager.bind-host: 127.0.0.1
jobmanager.memory.process.size: 800m
blob.server.port: $FLINK_BLOB_PORT
rest.address: 127.0.0.1
rest.bind-address: 127.0.0.1
rest.port: $FLINK_REST_PORT
web.refresh-interval: 500ms
# Metrics in the REST API (records in/out, Kafka lag) at most 1 s old instead of 10 s.
metrics.fetcher.update-interval: 1s
web.upload.dir: $dir/upload
taskmanager.host: 127.0.0.1
taskmanager.bind-host: 127.0.0.1
taskmanager.numberOfTaskSlots: $FLINK_TM_SLOTS
taskmanager.memory.process.size: 1200m
io.tmp.dirs: $dir/tmp
execution.checkpointing.dir: file://$dir/checkpoints
execution.checkpointing.savepoint-dir: file://$dir/savepoints
# A killed TaskManager is noticed in about 2 s instead of 10-50 s.
heartbeat.interval: 1s
heartbeat.timeout: 5s
# A job's main() runs inside the JobManager on REST submission: a System.exit there must not kill it.
cluster.intercept-user-system-exit: THROW
restart-strategy.type: exponential-delay
restart-strategy.exponential-delay.initial-backoff: 1s
restart-strategy.exponential-delay.max-backoff: 5s
# Prometheus scrape endpoints: the JobManager takes the first free port, each TaskManager the next.
metrics.reporter.prom.factory.class: org.apache.flink.metrics.prometheus.PrometheusReporterFactory
metrics.reporter.prom.port: $FLINK_PROMETHEUS_PORTS
EOF
  if [[ "$FLINK_STATE_CHANGELOG" == true ]]; then
    cat >>"$dir/conf/config.yaml" <<EOF
state.changelog.enabled: true
state.changelog.storage: filesystem
state.changelog.dstl.dfs.base-path: file://$dir/changelog
state.changelog.periodic-materialize.interval: $FLINK_CHANGELOG_MATERIALIZATION
# Resuming from a checkpoint or savepoint in Flink's default NO_CLAIM mode demands a full first
# checkpoint, which the changelog backend cannot take: every first checkpoint would fail the job.
execution.state-recovery.claim-mode: CLAIM
EOF
  fi
  cat >"$dir/conf/log4j.properties" <<'EOF'
rootLogger.level = INFO
rootLogger.appenderRef.file.ref = file
appender.file.name = file
appender.file.type = File
appender.file.fileName = ${sys:log.file}
appender.file.append = false
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = %d{yyyy-MM-dd HH:mm:ss,SSS} %-5p %-60c %x - %m%n
logger.pekko.name = org.apache.pekko
logger.pekko.level = INFO
logger.zookeeper.name = org.apache.zookeeper
logger.zookeeper.level = WARN
# Two upstream double registrations would warn at every checkpoint (Flink's committer:
# pendingCommittables) and every writer start (the Kafka connector: currentSendTime); drop only
# those two, so any other metric name collision still shows.
logger.metrics.name = org.apache.flink.metrics.MetricGroup
logger.metrics.filter.upstream.type = RegexFilter
logger.metrics.filter.upstream.regex = .*Name collision.*'(pendingCommittables|currentSendTime)'.*
logger.metrics.filter.upstream.onMatch = DENY
logger.metrics.filter.upstream.onMismatch = NEUTRAL
EOF
}

# resource_params GET_TM_RESOURCE_PARAMS|GET_JM_RESOURCE_PARAMS: prints two lines, the JVM
# flags and the dynamic properties, computed by Flink as its own scripts do.
resource_params() {
  local out
  out="$("$(java_bin)" -Xmx128m -cp "$FLINK_LIB/*" org.apache.flink.runtime.util.bash.BashJavaUtils "$1" \
    --configDir "$STACK_DIR/flink/conf" 2>&1)" || { echo "$out" >&2; die "BashJavaUtils $1 failed"; }
  local lines
  lines="$(grep '^BASH_JAVA_UTILS_EXEC_RESULT:' <<<"$out" | sed 's/^BASH_JAVA_UTILS_EXEC_RESULT://')" || true
  [[ "$(wc -l <<<"$lines")" -ge 2 ]] || { echo "$out" >&2; die "BashJavaUtils $1 printed no result"; }
  echo "$lines"
}

flink_overview() {
  curl -fsS --max-time 3 "http://127.0.0.1:$FLINK_REST_PORT/overview" 2>/dev/null
}

flink_ready() {
  local overview free
  overview="$(flink_overview)" || return 1
  free="$(sed -n 's/.*"slots-available":\([0-9]*\).*/\1/p' <<<"$overview")"
  [[ -n "$free" ]] && ((free > 0))
}

taskmanager_registered() {
  curl -fsS --max-time 3 "http://127.0.0.1:$FLINK_REST_PORT/taskmanagers" 2>/dev/null | grep -q "\"id\":\"$1\""
}

start_jobmanager() {
  local params jvm dyn
  params="$(resource_params GET_JM_RESOURCE_PARAMS)"
  read -r -a jvm <<<"$(sed -n 1p <<<"$params")"
  read -r -a dyn <<<"$(sed -n 2p <<<"$params")"
  rotate "$LOGS/flink-jobmanager.log" "$LOGS/flink-jobmanager.out"
  info "starting Flink JobManager, REST on 127.0.0.1:$FLINK_REST_PORT"
  FLINK_CONF_DIR="$STACK_DIR/flink/conf" launch jobmanager "$LOGS/flink-jobmanager.out" \
    "$(java_bin)" "${jvm[@]}" "${FLINK_JVM_FLAGS[@]}" \
    -Dlog.file="$LOGS/flink-jobmanager.log" -Dlog4j.configurationFile="file:$STACK_DIR/flink/conf/log4j.properties" \
    -cp "$FLINK_LIB/*" org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint \
    --configDir "$STACK_DIR/flink/conf" "${dyn[@]}"
}

# start_taskmanager: starts TaskManager number N+1 and waits until the JobManager lists it.
start_taskmanager() {
  is_running jobmanager || die "the Flink JobManager is not running: '$0 start flink' first"
  local params jvm dyn n=1 name
  while [[ -f "$PIDS/taskmanager-$n.pid" ]]; do
    n=$((n + 1))
  done
  name="taskmanager-$n"
  if [[ ! -f "$STACK_DIR/flink/tm-params" ]]; then
    resource_params GET_TM_RESOURCE_PARAMS >"$STACK_DIR/flink/tm-params"
  fi
  params="$(cat "$STACK_DIR/flink/tm-params")"
  read -r -a jvm <<<"$(sed -n 1p <<<"$params")"
  read -r -a dyn <<<"$(sed -n 2p <<<"$params")"
  local resource_id
  resource_id="tm-$n-$(date +%s)"
  rotate "$LOGS/flink-$name.log" "$LOGS/flink-$name.out"
  info "starting Flink TaskManager $name ($resource_id)"
  FLINK_CONF_DIR="$STACK_DIR/flink/conf" launch "$name" "$LOGS/flink-$name.out" \
    "$(java_bin)" "${jvm[@]}" "${FLINK_JVM_FLAGS[@]}" \
    -Dlog.file="$LOGS/flink-$name.log" -Dlog4j.configurationFile="file:$STACK_DIR/flink/conf/log4j.properties" \
    -cp "$FLINK_LIB/*" org.apache.flink.runtime.taskexecutor.TaskManagerRunner \
    --configDir "$STACK_DIR/flink/conf" "${dyn[@]}" -D "taskmanager.resource-id=$resource_id"
  await "$name" "$LOGS/flink-$name.log" taskmanager_registered "$resource_id"
  info "$name registered with the JobManager"
}

taskmanager_names() {
  local file
  for file in "$PIDS"/taskmanager-*.pid; do
    [[ -f "$file" ]] && basename "$file" .pid
  done
  return 0
}

kill_taskmanagers() {
  local name killed=0
  for name in $(taskmanager_names); do
    if is_running "$name"; then
      signal_tree "$name" KILL
      info "killed $name (kill -9, pid $(pid_of "$name"))"
      killed=$((killed + 1))
    fi
    rm -f "$PIDS/$name.pid"
  done
  ((killed > 0)) || info "no TaskManager was running"
}

start_flink() {
  local t0="$SECONDS"
  if is_running jobmanager; then
    info "flink JobManager already running (pid $(pid_of jobmanager))"
  else
    need_dist "$FLINK_LIB"
    port_free_or_die "$FLINK_REST_PORT" FLINK_REST_PORT
    port_free_or_die "$FLINK_RPC_PORT" FLINK_RPC_PORT
    port_free_or_die "$FLINK_BLOB_PORT" FLINK_BLOB_PORT
    flink_conf
    rm -f "$STACK_DIR/flink/tm-params"
    start_jobmanager
    # Computing the TaskManager's memory while the JobManager boots saves a JVM start.
    resource_params GET_TM_RESOURCE_PARAMS >"$STACK_DIR/flink/tm-params"
  fi
  local name running=0
  for name in $(taskmanager_names); do
    if is_running "$name"; then running=$((running + 1)); else rm -f "$PIDS/$name.pid"; fi
  done
  ((running > 0)) || start_taskmanager
  await jobmanager "$LOGS/flink-jobmanager.log" flink_ready
  info "flink ready in $((SECONDS - t0)) s: http://127.0.0.1:$FLINK_REST_PORT"
}

stop_flink() {
  local name
  for name in $(taskmanager_names); do stop_one "$name"; done
  stop_one jobmanager
}

# --- status ----------------------------------------------------------------------------------

rss_of() {
  # Resident memory of a component: the sum over its process group, in MB.
  local pid
  pid="$(pid_of "$1")" || return 0
  ps -o rss= --sid "$pid" 2>/dev/null | awk '{ s += $1 } END { printf "%d MB", s / 1024 }'
}

status() {
  local name ready
  for name in kafka elasticsearch jobmanager $(taskmanager_names); do
    if is_running "$name"; then
      case "$name" in
        kafka) kafka_ready && ready="ready on 127.0.0.1:$KAFKA_PORT" || ready="starting" ;;
        elasticsearch) es_ready && ready="ready on http://127.0.0.1:$ES_PORT" || ready="starting" ;;
        jobmanager) flink_overview >/dev/null && ready="REST on http://127.0.0.1:$FLINK_REST_PORT" || ready="starting" ;;
        *) ready="running" ;;
      esac
      printf '%-16s pid %-8s %-10s %s\n' "$name" "$(pid_of "$name")" "$(rss_of "$name")" "$ready"
    else
      printf '%-16s stopped\n' "$name"
    fi
  done
  if is_running jobmanager && flink_overview >/dev/null; then
    echo "flink overview: $(flink_overview)"
  fi
}

# --- main ------------------------------------------------------------------------------------

components() {
  case "${1:-all}" in
    all) echo "kafka elasticsearch flink" ;;
    kafka | elasticsearch | flink) echo "$1" ;;
    es) echo elasticsearch ;;
    *) die "unknown component '$1' (kafka, elasticsearch, flink or all)" ;;
  esac
}

main() {
  local cmd="${1:-}" what targets
  [[ $# -gt 0 ]] && shift
  case "$cmd" in
    fetch)
      (cd "$ROOT" && mvn -B -q -ntp package \
        -pl deploy/local/kafka-dist,deploy/local/elasticsearch-dist,deploy/local/flink-dist -am)
      ;;
    start)
      init_dirs
      targets="$(components "${1:-all}")"
      for what in $targets; do
        case "$what" in
          kafka) start_kafka ;;
          elasticsearch) start_elasticsearch ;;
          flink) start_flink ;;
        esac
      done
      ;;
    stop)
      init_dirs
      targets="$(components "${1:-all}")"
      for what in $targets; do
        case "$what" in
          kafka) stop_one kafka ;;
          elasticsearch) stop_one elasticsearch ;;
          flink) stop_flink ;;
        esac
      done
      ;;
    status)
      init_dirs
      status
      ;;
    taskmanager)
      init_dirs
      case "${1:-}" in
        start) start_taskmanager ;;
        kill) kill_taskmanagers ;;
        *) die "usage: $0 taskmanager start|kill" ;;
      esac
      ;;
    topic)
      init_dirs
      create_topic "$@"
      ;;
    logs)
      init_dirs
      echo "$LOGS"
      ;;
    -h | --help | help | "") usage ;;
    *)
      usage >&2
      exit 2
      ;;
  esac
}

main "$@"
