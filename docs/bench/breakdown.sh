#!/usr/bin/env bash
# Where an alert's end-to-end latency goes, from a live tool alert log (--alert-log): percentiles of
#   total       Kafka timestamp of the source event -> first seen by a search (what demo.sh reports)
#   to rule     Kafka timestamp -> the alert's @timestamp (the rule operator's clock): Kafka fetch,
#               parse, the keyBy exchange (network buffer timeout), the process tree, the rule
#   to search   @timestamp -> first seen: the sink's buffer, the bulk request, the index refresh and
#               the poll interval of the live tool
#   tree wait   how long the process tree held the event for a missing parent (0 when it did not)
# leaving out alerts of events sent in the first SKIP_S seconds (warm-up). Nearest-rank percentiles.
#
#   docs/bench/breakdown.sh ALERTS_CSV [SKIP_S=15]
set -euo pipefail
csv="${1:?usage: $0 ALERTS_CSV [SKIP_S]}"
skip_ms=$((${2:-15} * 1000))
head -n 1 "$csv" | grep -q detected_ms || { echo "breakdown: $csv has no detected_ms column (older live tool)" >&2; exit 1; }
t0="$(awk -F, 'NR > 1 && $2 != "" && (!t || $2 < t) { t = $2 } END { printf "%.0f\n", t }' "$csv")"
percentiles() {
  sort -n | awk -v name="$1" '
      { v[++n] = $1 }
      function rank(p,  r) { r = int(p * n / 100); if (r < p * n / 100) r++; return v[r < 1 ? 1 : r] }
      END { if (n == 0) { printf "%-10s none\n", name; exit }
            printf "%-10s p50=%5d p90=%5d p99=%5d max=%5d (n=%d)\n", name, rank(50), rank(90), rank(99), v[n], n }'
}
rows() {
  awk -F, -v from=$((t0 + skip_ms)) 'NR > 1 && $2 != "" && $2 >= from && $6 > 0' "$csv"
}
rows | awk -F, '{ print $3 }' | percentiles total
rows | awk -F, '{ print $6 - $2 }' | percentiles "to rule"
rows | awk -F, '{ print $1 - $6 }' | percentiles "to search"
rows | awk -F, '{ print ($7 < 0 ? 0 : $7) }' | percentiles "tree wait"
echo "(ms; alerts of events sent after the first ${2:-15} s; $(rows | awk -F, '$7 > 0' | wc -l) alerts waited in the process tree)"
