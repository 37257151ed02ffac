#!/usr/bin/env bash
# End-to-end alert latency (Kafka append -> searchable in Elasticsearch) at a steady event rate, on
# the stack demo.sh starts, plus whether the job kept up (records in per second and Kafka lag of the
# source, from Flink's REST API, sampled every 2 s), then where the latency went (breakdown.sh).
#
#   docs/bench/latency.sh RATE [DURATION_S=60] [ATTACK_RATE=0.02] [HOSTS=200]
#
# Env: WARMUP (15: alerts of events sent in the first 15 s are left out of the percentiles),
# ES_REFRESH_INTERVAL (override the template's refresh interval for this run), the ports of common.sh. Writes $BENCH_OUT/latency-RATE-*.{log,csv} and prints one summary block.
# The summary ends with the CPU seconds each process of the stack used during the run.
source "$(dirname "$0")/common.sh"

RATE="${1:?usage: $0 RATE [DURATION_S] [ATTACK_RATE] [HOSTS]}"
DURATION="${2:-60}"
ATTACK_RATE="${3:-0.02}"
HOSTS="${4:-200}"
TAG="latency-$RATE-$(date +%H%M%S)${ES_REFRESH_INTERVAL:+-refresh$ES_REFRESH_INTERVAL}"
LOG="$BENCH_OUT/$TAG.log"
ALERTS_CSV="$BENCH_OUT/$TAG-alerts.csv"
METRICS_CSV="$BENCH_OUT/$TAG-metrics.csv"
CPU_LOG="$BENCH_OUT/$TAG-cpu.txt"
java_cpu >"$CPU_LOG"

"$ROOT/deploy/local/demo.sh" --duration "$DURATION" --rate "$RATE" --hosts "$HOSTS" --attack-rate "$ATTACK_RATE" \
  --quiet -- --alert-log "$ALERTS_CSV" --warmup "${WARMUP:-15}" >"$LOG" 2>&1 &
demo=$!

# Sample until the demo ends: wall time, records out of the source, pending records (lag).
echo "t_ms,records_out,pending_records,phase" >"$METRICS_CSV"
job=""
while kill -0 "$demo" 2>/dev/null; do
  [[ -n "$job" ]] || job="$(running_job)"
  if [[ -n "$job" ]] && m="$(source_metrics "$job" 2>/dev/null)" && [[ -n "$m" ]]; then
    phase=setup
    grep -q '\] sending ' "$LOG" && phase=sending
    grep -q '\] sent [0-9]* events in ' "$LOG" && phase=grace
    echo "$(now_ms),${m// /,},$phase" >>"$METRICS_CSV"
  fi
  java_cpu >>"$CPU_LOG"
  sleep 2
done
wait "$demo" && status=0 || status=$?

# Steady state: the sending phase after the warm-up (at least 10 s), as the latency percentiles.
read -r in_rate max_pending end_pending < <(awk -F, -v skip="$((${WARMUP:-15} < 10 ? 10000 : ${WARMUP:-15} * 1000))" '
  NR > 1 && $4 == "sending" { if (!t0) t0 = $1
                              if ($1 - t0 >= skip) { if (!a) { a = $1; ra = $2 } b = $1; rb = $2
                                                     if ($3 != "NaN" && $3 > maxp) maxp = $3 }
                              lastp = $3 }
  END { printf "%.0f %d %s\n", (b > a ? (rb - ra) * 1000 / (b - a) : 0), maxp, (lastp == "" ? "NaN" : lastp) }' "$METRICS_CSV")
echo "== latency.sh rate=$RATE duration=${DURATION}s attack-rate=$ATTACK_RATE hosts=$HOSTS refresh=${ES_REFRESH_INTERVAL:-template} exit=$status"
grep -E '\] sent [0-9]+ events in ' "$LOG" | sed 's/^\[[ 0-9.]*s\] /producer: /'
echo "job: $in_rate records/s out of the Kafka source and pending records (lag) max $max_pending after the warm-up; $end_pending pending at the end of sending"
grep -E '^(latency ms|alerts):|alerts topic|warm-up:' "$LOG" | sed 's/^\[[ 0-9.]*s\] //'
if [[ -s "$ALERTS_CSV" ]]; then
  "$BENCH_HERE/breakdown.sh" "$ALERTS_CSV" "${WARMUP:-15}" "$STACK_DIR/logs/flink-jobmanager.log" || true
fi
echo "CPU seconds by process over the run (java processes, sampled every 2 s, so a process's last 2 s may be missing):"
cpu_by_component "$CPU_LOG"
echo "files: $LOG $ALERTS_CSV $METRICS_CSV $CPU_LOG"
exit "$status"
