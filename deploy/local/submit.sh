#!/usr/bin/env bash
# Runs a job jar on the local Flink session cluster through its REST API (upload, then run) and
# prints the new job's id. Faster than Flink's CLI and needs no Flink installation.
#
#   deploy/local/submit.sh JAR [PROGRAM ARGS...]
#
# Env: FLINK_REST_PORT (8081) or FLINK_REST_URL, PARALLELISM (2), ENTRY_CLASS (the jar's
# Main-Class when unset), SAVEPOINT (a savepoint or retained checkpoint path to start from),
# ALLOW_NON_RESTORED_STATE (false).
set -euo pipefail

FLINK_REST_URL="${FLINK_REST_URL:-http://127.0.0.1:${FLINK_REST_PORT:-8081}}"
PARALLELISM="${PARALLELISM:-2}"
ENTRY_CLASS="${ENTRY_CLASS:-}"
SAVEPOINT="${SAVEPOINT:-}"
ALLOW_NON_RESTORED_STATE="${ALLOW_NON_RESTORED_STATE:-false}"

die() {
  echo "submit: $*" >&2
  exit 1
}

[[ $# -ge 1 ]] || die "usage: $0 JAR [PROGRAM ARGS...]"
jar="$1"
shift
[[ -f "$jar" ]] || die "no such jar: $jar"
command -v jq >/dev/null || die "needs jq (apt-get install jq)"
[[ "$PARALLELISM" =~ ^[0-9]+$ ]] || die "PARALLELISM must be a number"

body_file="$(mktemp)"
trap 'rm -f "$body_file"' EXIT

# call METHOD PATH [curl args...]: prints the response body; fails with Flink's error text.
call() {
  local method="$1" path="$2" code
  shift 2
  code="$(curl -sS -o "$body_file" -w '%{http_code}' -X "$method" "$@" "$FLINK_REST_URL$path")" \
    || die "cannot reach Flink at $FLINK_REST_URL (is it running? deploy/local/stack.sh status)"
  if [[ "$code" != 200 ]]; then
    echo "submit: $method $path answered HTTP $code:" >&2
    jq -r '.errors[]? // .' "$body_file" >&2 2>/dev/null || cat "$body_file" >&2
    exit 1
  fi
  cat "$body_file"
}

upload="$(call POST /jars/upload -H 'Expect:' -F "jarfile=@$jar;type=application/x-java-archive")"
jar_id="$(jq -r '.filename' <<<"$upload")"
jar_id="${jar_id##*/}"
[[ -n "$jar_id" && "$jar_id" != null ]] || die "unexpected upload answer: $upload"

# Program arguments as a JSON array, one at a time: jq 1.6 would read "--input" as its own option.
args_json='[]'
for arg in "$@"; do
  args_json="$(jq -c --arg a "$arg" '. + [$a]' <<<"$args_json")"
done

request="$(jq -n \
  --argjson args "$args_json" \
  --argjson parallelism "$PARALLELISM" \
  --arg entryClass "$ENTRY_CLASS" \
  --arg savepointPath "$SAVEPOINT" \
  --argjson allowNonRestoredState "$ALLOW_NON_RESTORED_STATE" \
  '{parallelism: $parallelism, programArgsList: $args}
   + (if $entryClass == "" then {} else {entryClass: $entryClass} end)
   + (if $savepointPath == "" then {} else {savepointPath: $savepointPath,
        allowNonRestoredState: $allowNonRestoredState} end)')"

run="$(call POST "/jars/$jar_id/run" -H 'Content-Type: application/json' -d "$request")"
jq -r '.jobid' <<<"$run"
