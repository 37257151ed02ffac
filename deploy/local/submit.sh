#!/usr/bin/env bash
# Runs a job jar on the local Flink session cluster through its REST API (upload, then run) and
# prints the new job's id. Faster than Flink's CLI and needs no Flink installation.
#
#   deploy/local/submit.sh JAR [PROGRAM ARGS...]
#
# Env: FLINK_REST_PORT (8081) or FLINK_REST_URL, PARALLELISM (2), ENTRY_CLASS (the jar's
# Main-Class when unset), SAVEPOINT (a savepoint or retained checkpoint path to start from),
# ALLOW_NON_RESTORED_STATE (false). Needs only bash and curl.
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
command -v curl >/dev/null || die "needs curl"
[[ "$PARALLELISM" =~ ^[0-9]+$ ]] || die "PARALLELISM must be a number"
[[ "$ALLOW_NON_RESTORED_STATE" == true || "$ALLOW_NON_RESTORED_STATE" == false ]] \
  || die "ALLOW_NON_RESTORED_STATE must be true or false"

body_file="$(mktemp)"
trap 'rm -f "$body_file"' EXIT

# call METHOD PATH [curl args...]: prints the response body; fails with Flink's error text.
call() {
  local method="$1" path="$2" code
  shift 2
  code="$(curl -sS -o "$body_file" -w '%{http_code}' -X "$method" "$@" "$FLINK_REST_URL$path")" \
    || die "cannot reach Flink at $FLINK_REST_URL (is it running? deploy/local/stack.sh status)"
  if [[ "$code" != 200 ]]; then
    # The job's main() refused to start (preflight, configuration): show its own lines first.
    local refused
    refused="$(sed 's/\\n/\n/g' "$body_file" \
      | sed -n 's/.*The main method caused an error: //p; /^error: /p' | awk '!seen[$0]++')"
    if [[ -n "$refused" ]]; then
      echo "$refused" >&2
      echo "submit: the job refused to start (HTTP $code); the JobManager log has the same lines" >&2
      exit 1
    fi
    echo "submit: $method $path answered HTTP $code:" >&2
    cat "$body_file" >&2
    echo >&2
    exit 1
  fi
  cat "$body_file"
}

# json_string TEXT: TEXT as a JSON string literal (quotes, backslashes and control characters escaped).
json_string() {
  local s="$1" out="" c i code
  for ((i = 0; i < ${#s}; i++)); do
    c="${s:i:1}"
    case "$c" in
      '"') out+='\"' ;;
      '\') out+='\\' ;;
      $'\n') out+='\n' ;;
      $'\r') out+='\r' ;;
      $'\t') out+='\t' ;;
      *)
        printf -v code '%d' "'$c"
        if ((code >= 0 && code < 32)); then printf -v c '\\u%04x' "$code"; fi
        out+="$c"
        ;;
    esac
  done
  printf '"%s"' "$out"
}

# json_field NAME JSON: the value of the first string field NAME (Flink's answers here are flat).
json_field() {
  sed -n 's/.*"'"$1"'"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' <<<"$2" | head -n 1
}

upload="$(call POST /jars/upload -H 'Expect:' -F "jarfile=@$jar;type=application/x-java-archive")"
jar_id="$(json_field filename "$upload")"
jar_id="${jar_id##*/}"
[[ -n "$jar_id" ]] || die "unexpected upload answer: $upload"

args_json=""
for arg in "$@"; do
  args_json+="${args_json:+,}$(json_string "$arg")"
done

request="{\"parallelism\":$PARALLELISM,\"programArgsList\":[$args_json]"
[[ -z "$ENTRY_CLASS" ]] || request+=",\"entryClass\":$(json_string "$ENTRY_CLASS")"
[[ -z "$SAVEPOINT" ]] || request+=",\"savepointPath\":$(json_string "$SAVEPOINT"),\"allowNonRestoredState\":$ALLOW_NON_RESTORED_STATE"
request+="}"

run="$(call POST "/jars/$jar_id/run" -H 'Content-Type: application/json' -d "$request")"
job_id="$(json_field jobid "$run")"
[[ -n "$job_id" ]] || die "unexpected run answer: $run"
echo "$job_id"
