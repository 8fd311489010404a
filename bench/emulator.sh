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
emulator="$build/emulator/techpass-emulator"
target=5000
for tool in wrk curl; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is missing (apt-get install wrk curl)" >&2; exit 2; }
done
[[ -x "$emulator" ]] || { echo "bench: no $emulator (build the techpass-emulator target)" >&2; exit 2; }

# The demo profile of scripts/demo (examples/seed.toml): DEMO values only.
directory="5a1c0b7e-7f3e-4c59-9d3b-3e6b0c4f2a11"
client_id="3f6c1a52-8d4e-4b7a-9c21-5e0f7d9a1b34"
client_secret="demo-secret-not-for-production"
api_key="demo-api-key-not-for-production"

work="$(mktemp -d)"
emu_pid=""
stop_emulator() {
  if [[ -n "$emu_pid" ]]; then
    kill "$emu_pid" 2>/dev/null || true
    wait "$emu_pid" 2>/dev/null || true
    emu_pid=""
  fi
}
cleanup() { stop_emulator; rm -rf "$work"; }
trap cleanup EXIT

failed=0
# run LABEL [emulator options...]: starts an emulator, gets a token, runs wrk.
run() {
  local label="$1"
  shift
  rm -f "$work/url" "$work/db.sqlite" "$work/ca.pem"
  mkfifo "$work/url"
  "$emulator" --port 0 --db "$work/db.sqlite" --seed "$here/examples/seed.toml" --quiet "$@" \
    >"$work/url" 2>"$work/emulator.log" &
  emu_pid=$!
  local url
  read -r url <"$work/url"
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
