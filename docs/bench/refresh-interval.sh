#!/usr/bin/env bash
# The alerts index's refresh interval against end-to-end alert latency: latency.sh at the same rate
# once per interval (the run's index is created with that interval, overriding the template).
#
#   docs/bench/refresh-interval.sh [RATE=1000] [DURATION_S=60] [ATTACK_RATE=0.1] [INTERVALS="1s 200ms 100ms"]
# Percentiles leave out alerts of events sent in the first WARMUP (30) seconds.
source "$(dirname "$0")/common.sh"

export WARMUP="${WARMUP:-30}"
RATE="${1:-1000}"
DURATION="${2:-60}"
ATTACK_RATE="${3:-0.1}"
for interval in ${4:-1s 200ms 100ms}; do
  ES_REFRESH_INTERVAL="$interval" "$BENCH_HERE/latency.sh" "$RATE" "$DURATION" "$ATTACK_RATE" || true
done
