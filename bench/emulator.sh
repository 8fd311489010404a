#!/usr/bin/env bash
# Issue 3 performance target: techpass-emulator answers at least 5,000
# authenticated `GET /iam/namespace/SHIP/groups` per second over keep-alive
# connections, over HTTP and over HTTPS (--tls), on a 2-core machine.
# Usage: bench/emulator.sh [build-dir] [seconds]   (defaults: build/default, 10)
# Environment: BENCH_CONNECTIONS (default 16), BENCH_THREADS (wrk threads, default 2).
# Needs wrk and curl (apt-get install wrk curl).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-$here/build/default}"
seconds="${2:-10}"
connections="${BENCH_CONNECTIONS:-16}"
threads="${BENCH_THREADS:-2}"
target=5000
packages="wrk curl"
source "$here/bench/common.sh"
need wrk curl
client_secret="$BENCH_SECRET"
api_key="$BENCH_KEY"

failed=0
# run LABEL [emulator options...]: starts an emulator, gets a token, runs wrk.
run() {
  local label="$1"
  shift
  rm -f "$work/ca.pem"
  start_emulator --quiet "$@"
  local curl_tls=()
  [[ -f "$work/ca.pem" ]] && curl_tls=(--cacert "$work/ca.pem")

  local token
  token="$(curl -fsS "${curl_tls[@]}" "$url/$directory/oauth2/v2.0/token" \
    --data-urlencode grant_type=client_credentials \
    --data-urlencode "client_id=$client_id" \
    --data-urlencode "client_secret=$client_secret" \
    --data-urlencode "scope=$url/.default" |
    sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')"
  [[ -n "$token" ]] || { echo "bench: no token from $url" >&2; exit 1; }
  local status
  status="$(curl -sS -o /dev/null -w '%{http_code}' "${curl_tls[@]}" \
    -H "Authorization: Bearer $token" -H "x-api-key: $api_key" "$url/iam/namespace/SHIP/groups")"
  [[ "$status" == 200 ]] || { echo "bench: GET /iam/namespace/SHIP/groups answered $status" >&2; exit 1; }

  echo "== $label: GET $url/iam/namespace/SHIP/groups ($connections keep-alive connections, ${seconds}s)"
  wrk -t"$threads" -c"$connections" -d"${seconds}s" --latency \
    -H "Authorization: Bearer $token" -H "x-api-key: $api_key" \
    "$url/iam/namespace/SHIP/groups" | tee "$work/wrk.txt"
  local rate
  rate="$(sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p' "$work/wrk.txt")"
  if grep -q "Non-2xx or 3xx responses" "$work/wrk.txt"; then
    echo "FAIL: $label: some answers were not 2xx" >&2
    failed=1
  fi
  if awk -v r="$rate" -v t="$target" 'BEGIN { exit !(r >= t) }'; then
    echo "PASS: $label: $rate requests/s (target $target)"
  else
    echo "MISS: $label: $rate requests/s (target $target)"
    failed=1
  fi
  stop_emulator
}

run "HTTP"
run "HTTPS" --tls --ca-out "$work/ca.pem"
exit "$failed"
