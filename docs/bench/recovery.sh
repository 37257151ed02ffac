#!/usr/bin/env bash
# Recovery after a TaskManager is killed with kill -9, under steady traffic, on demo.sh's stack.
# KILLS rounds of: wait until alerts are on time (the live tool's last two 5 s status lines show a
# largest latency under 1 s) and the job has completed a fresh checkpoint, `stack.sh taskmanager
# kill`, at once `stack.sh taskmanager start` (a new TaskManager JVM), then measure from the kill
#   - until the job and all its tasks are RUNNING again (Flink REST, polled every 100 ms),
#   - until alerts flow again: the first alert whose source event was sent after the kill is
#     searchable in Elasticsearch (from the live tool's alert log),
#   - until alerts are on time again: the first alert searchable within 1 s of its event that opens
#     30 s in which every alert is (from the alert log).
# The run must still end with every expected alert exactly once (Elasticsearch and alerts topic).
#
#   docs/bench/recovery.sh [KILLS=3] [RATE=2000] [ATTACK_RATE=0.05] [DURATION_S=600]
source "$(dirname "$0")/common.sh"

KILLS="${1:-3}"
RATE="${2:-2000}"
ATTACK_RATE="${3:-0.05}"
DURATION="${4:-600}"
STEADY=20  # seconds of caught-up running before each kill
TAG="recovery-$(date +%H%M%S)"
LOG="$BENCH_OUT/$TAG.log"
ALERTS_CSV="$BENCH_OUT/$TAG-alerts.csv"
KILLS_CSV="$BENCH_OUT/$TAG-kills.csv"
STACK="$ROOT/deploy/local/stack.sh"

"$ROOT/deploy/local/demo.sh" --duration "$DURATION" --rate "$RATE" --hosts 200 --attack-rate "$ATTACK_RATE" \
  --quiet -- --alert-log "$ALERTS_CSV" --grace 120s >"$LOG" 2>&1 &
demo=$!

completed_checkpoints() {
  curl -fsS --max-time 3 "$FLINK_URL/jobs/$1/checkpoints" 2>/dev/null | jq -r '.counts.completed // 0' || echo 0
}

# on_time SINCE_LINE: the live tool printed two status lines after line SINCE_LINE of its output,
# and the last two show alerts with a largest latency under 1 s.
on_time() {
  tail -n +"$(($1 + 1))" "$LOG" | grep -o 'alerts, max latency [0-9]* ms' | tail -n 2 \
    | awk '{ n++; if ($4 >= 1000) late = 1 } END { exit !(n == 2 && !late) }'
}

# wait_on_time DEADLINE_MS: until on_time holds for status lines printed from now on.
wait_on_time() {
  local since
  since="$(wc -l <"$LOG")"
  until on_time "$since"; do
    (($(now_ms) < $1)) || return 1
    sleep 1
  done
}

job=""
until [[ -n "$job" ]] && grep -q '\] sending ' "$LOG"; do
  kill -0 "$demo" 2>/dev/null || { tail -n 30 "$LOG"; exit 1; }
  [[ -n "$job" ]] || job="$(running_job)"
  sleep 0.5
done
send_start=$(now_ms)
send_end=$((send_start + DURATION * 1000))

echo "kill,kill_ms,taskmanager_registered_ms,job_running_ms,checkpoints_before" >"$KILLS_CSV"
for ((k = 1; k <= KILLS; k++)); do
  wait_on_time $((send_end - 60000)) || { echo "bench: alerts not on time before kill $k" >&2; break; }
  sleep "$STEADY"
  # Recovery restores the latest completed checkpoint: make sure there is a fresh one.
  before="$(completed_checkpoints "$job")"
  until (($(completed_checkpoints "$job") > before)); do sleep 0.2; done
  checkpoints="$(completed_checkpoints "$job")"
  t_kill=$(now_ms)
  "$STACK" taskmanager kill >/dev/null
  ("$STACK" taskmanager start >"$BENCH_OUT/$TAG-tm-$k.out" 2>&1 && now_ms >"$BENCH_OUT/$TAG-tm-$k.registered") &
  starter=$!
  # First the failure must show (the JobManager notices the lost TaskManager), then the recovery.
  until ! all_tasks_running "$job"; do
    (($(now_ms) - t_kill < 20000)) || break
    sleep 0.1
  done
  until all_tasks_running "$job"; do
    (($(now_ms) - t_kill < 180000)) || { echo "bench: job not running 180 s after kill $k" >&2; break; }
    sleep 0.1
  done
  t_running=$(now_ms)
  wait "$starter"
  t_tm="$(cat "$BENCH_OUT/$TAG-tm-$k.registered" 2>/dev/null || echo "$t_kill")"
  echo "$k,$t_kill,$t_tm,$t_running,$checkpoints" >>"$KILLS_CSV"
  echo "kill $k: job RUNNING again after $((t_running - t_kill)) ms"
done

wait "$demo" && status=0 || status=$?

echo "== recovery.sh kills=$KILLS rate=$RATE attack-rate=$ATTACK_RATE exit=$status"
echo "kill | TaskManager registered | job RUNNING again | first alert of an event sent after the kill searchable | alerts on time (< 1 s for 30 s) again | worst latency before that"
next_kills="$(awk -F, 'NR > 2 { printf "%s ", $2 } END { print "" }' "$KILLS_CSV")"
read -r -a later <<<"$next_kills"
i=0
while IFS=, read -r k t_kill t_tm t_running _; do
  [[ "$k" == kill ]] && continue
  t_next="${later[$i]:-99999999999999}"
  i=$((i + 1))
  # Alerts seen between this kill and the next, in the order they became searchable.
  read -r first normal worst < <(awk -F, -v t="$t_kill" -v u="$t_next" '
    NR > 1 && $2 != "" && $2 >= t && (!f || $1 < f) { f = $1 }
    NR > 1 && $2 != "" && $1 >= t && $1 < u { print $1, $3 }
    END { printf "FIRST %.0f\n", f }' "$ALERTS_CSV" | sort -n | awk -v t="$t_kill" -v window=30000 '
    $1 == "FIRST" { first = ($2 > 0 ? sprintf("%.0f", $2 - t) : "none"); next }
    { n++; seen[n] = $1; lat[n] = $2 }
    END {
      normal = "never"; worst = 0
      for (i = 1; i <= n && normal == "never"; i++) {
        if (lat[i] >= 1000 || seen[n] - seen[i] < window) { if (lat[i] > worst) worst = lat[i]; continue }
        ok = 1
        for (j = i; j <= n && seen[j] - seen[i] <= window; j++) if (lat[j] >= 1000) { ok = 0; break }
        if (ok) normal = sprintf("%.0f", seen[i] - t)
        else if (lat[i] > worst) worst = lat[i]
      }
      printf "%s %s %d\n", first, normal, worst
    }')
  echo "$k | $((t_tm - t_kill)) ms | $((t_running - t_kill)) ms | ${first} ms | ${normal} ms | ${worst} ms"
done <"$KILLS_CSV"
grep -E '^(latency ms|alerts):|alerts topic' "$LOG" | sed 's/^\[[ 0-9.]*s\] //'
echo "files: $LOG $ALERTS_CSV $KILLS_CSV"
exit "$status"
