#!/usr/bin/env bash
# Latency percentiles (nearest rank) from a live tool alert log (--alert-log), leaving out alerts of
# events sent in the first SKIP_S seconds (warm-up).
#
#   docs/bench/percentiles.sh ALERTS_CSV [SKIP_S=30]
set -euo pipefail
csv="${1:?usage: $0 ALERTS_CSV [SKIP_S]}"
skip_ms=$((${2:-30} * 1000))
t0="$(awk -F, 'NR > 1 && $2 != "" && (!t || $2 < t) { t = $2 } END { printf "%.0f\n", t }' "$csv")"
awk -F, -v from=$((t0 + skip_ms)) 'NR > 1 && $2 != "" && $2 >= from { print $3 }' "$csv" | sort -n \
  | awk -v name="$csv" -v skip="${2:-30}" '
      { v[++n] = $1 }
      function rank(p,  r) { r = int(p * n / 100); if (r < p * n / 100) r++; return v[r < 1 ? 1 : r] }
      END { if (n == 0) { print "latency ms: none (n=0)"; exit }
            printf "latency ms: p50=%d p90=%d p99=%d max=%d (n=%d, events sent after the first %d s)\n",
                   rank(50), rank(90), rank(99), v[n], n, skip }'
