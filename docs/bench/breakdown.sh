#!/usr/bin/env bash
# Where an alert's end-to-end latency goes, from a live tool alert log (--alert-log): percentiles of
#   total       Kafka timestamp of the source event -> first seen by a search (what demo.sh reports)
#   to rule     Kafka timestamp -> the alert's @timestamp (the rule operator's clock): Kafka fetch,
#               parse, the keyBy exchange (network buffer timeout), the process tree, the rule
#   to search   @timestamp -> first seen: the sink's buffer, the bulk request, the index refresh and
#               the poll interval of the live tool
#   tree wait   how long the process tree held the event for a missing parent (0 when it did not)
# leaving out alerts of events sent in the first SKIP_S seconds (warm-up). Nearest-rank percentiles.
# With the JobManager's log it also splits the total by whether a checkpoint ran (trigger to
# completion, from the CheckpointCoordinator's log lines) while the alert was on its way.
#
#   docs/bench/breakdown.sh ALERTS_CSV [SKIP_S=15] [FLINK_JOBMANAGER_LOG]
set -euo pipefail
csv="${1:?usage: $0 ALERTS_CSV [SKIP_S]}"
skip_ms=$((${2:-15} * 1000))
head -n 1 "$csv" | grep -q detected_ms || { echo "breakdown: $csv has no detected_ms column (older live tool)" >&2; exit 1; }
t0="$(awk -F, 'NR > 1 && $2 != "" && (!t || $2 < t) { t = $2 } END { printf "%.0f\n", t }' "$csv")"
percentiles() {
  sort -n | awk -v name="$1" '
      { v[++n] = $1 }
      function rank(p,  r) { r = int(p * n / 100); if (r < p * n / 100) r++; return v[r < 1 ? 1 : r] }
      END { if (n == 0) { printf "%-34s none\n", name; exit }
            printf "%-34s p50=%5d p90=%5d p99=%5d max=%5d (n=%d)\n", name, rank(50), rank(90), rank(99), v[n], n }'
}
rows() {
  awk -F, -v from=$((t0 + skip_ms)) 'NR > 1 && $2 != "" && $2 >= from && $6 > 0' "$csv"
}
rows | awk -F, '{ print $3 }' | percentiles total
rows | awk -F, '{ print $6 - $2 }' | percentiles "to rule"
rows | awk -F, '{ print $1 - $6 }' | percentiles "to search"
rows | awk -F, '{ print ($7 < 0 ? 0 : $7) }' | percentiles "tree wait"
if [[ -n "${3:-}" ]]; then
  # "Triggering checkpoint N ... @ MILLIS for job J." then "Completed checkpoint N for job J (... checkpointDuration=D ms"
  windows="$(awk '
      /Triggering checkpoint/ { for (i = 1; i <= NF; i++) if ($i == "@") { job = $(i + 4); sub(/\.$/, "", job)
                                                                            at[$9 " " job] = $(i + 1) } }
      /Completed checkpoint/ { key = $9 " " $12; d = $0; sub(/.*checkpointDuration=/, "", d); sub(/ ms.*/, "", d)
                               if (key in at) printf "%.0f %.0f\n", at[key], at[key] + d }' "$3")"
  overlap() {
    rows | awk -F, -v want="$1" -v w="$windows" '
        BEGIN { n = split(w, lines, "\n"); for (i = 1; i <= n; i++) { split(lines[i], p, " "); from[i] = p[1]; to[i] = p[2] } }
        { hit = 0; for (i = 1; i <= n; i++) if ($2 <= to[i] && $1 >= from[i]) { hit = 1; break }
          if (hit == want) print $3 }'
  }
  overlap 1 | percentiles "total, a checkpoint ran meanwhile"
  overlap 0 | percentiles "total, no checkpoint meanwhile"
fi
echo "(ms; alerts of events sent after the first ${2:-15} s; $(rows | awk -F, '$7 > 0' | wc -l) alerts waited in the process tree)"
