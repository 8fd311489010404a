#!/usr/bin/env bash
# Issue 10 (webhooks listen) figures: signed deliveries per second that
# `techpass webhooks listen` verifies and prints, from a local sender (wrk,
# 2 threads, 16 keep-alive connections, each POST a delivery signed with
# openssl for the run's secret), with output to a file in the human format
# and as JSON Lines; checks that every delivery wrk counted was printed and
# accepted; and its peak memory after 1 s against 10 s of deliveries (flat:
# nothing is kept per delivery). Target: at least 1,000 per second.
# Usage: bench/webhooks-listen.sh [build-dir] [seconds]   (defaults: build/default, 10)
# Needs wrk and openssl (apt-get install wrk openssl).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-$here/build/default}"
duration="${2:-10}"
packages="wrk openssl"
source "$here/bench/common.sh"
need wrk openssl awk

export TECHPASS_CONFIG="$work/config.toml" XDG_CACHE_HOME="$work/cache"
: >"$TECHPASS_CONFIG"
secret="whsec_benchBENCHbench0123456789abcdefgh"
printf '%s\n' "$secret" >"$work/secret"
body='{"id":"3c8c418b-7916-4f04-a734-2098a6d4f8a1","event":"user-registered","namespace":"SHIP","occurredAt":"2026-12-04T09:40:00Z","data":{"email":"mei.lim@tech.gov.sg","upn":"mei.lim@tech.gov.sg"}}'

listen_pid=""
stop_listen() { [[ -z "$listen_pid" ]] || { kill -INT "$listen_pid" 2>/dev/null || true; wait "$listen_pid" 2>/dev/null || true; listen_pid=""; }; }
trap 'stop_listen; stop_emulator; rm -rf "$work"' EXIT

start_listen() { # output options...
  rm -f "$work/listen.err"
  "$techpass" webhooks listen --port 0 --secret-file "$work/secret" "$@" >"$work/listen.out" 2>"$work/listen.err" &
  listen_pid=$!
  for _ in $(seq 100); do grep -q 'Listening on' "$work/listen.err" 2>/dev/null && break; sleep 0.05; done
  listen_url=$(grep -o 'http://127.0.0.1:[0-9]*/' "$work/listen.err" | head -1)
}

# A wrk script posting the delivery signed now (valid for 5 minutes).
sender() {
  local t sig
  t=$(date +%s)
  sig=$(printf '%s' "$t:$body" | openssl dgst -sha256 -hmac "$secret" -r | cut -d' ' -f1)
  cat >"$work/post.lua" <<LUA
wrk.method = "POST"
wrk.body = '$body'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-TECHPASS-SIGNATURE"] = "t=$t,v1=$sig"
wrk.headers["X-TECHPASS-EVENT"] = "user-registered"
wrk.headers["X-TECHPASS-DELIVERY"] = "3c8c418b-7916-4f04-a734-2098a6d4f8a1"
LUA
}

rss() { awk '/VmHWM/ { print $2 }' "/proc/$listen_pid/status"; }

measure() { # label, output options...
  local label=$1 requests seconds printed accepted
  shift
  start_listen "$@"
  sender
  wrk -t2 -c16 -d"${duration}s" -s "$work/post.lua" "$listen_url" >"$work/wrk.txt"
  requests=$(awk '/requests in/ { print $1 }' "$work/wrk.txt")
  seconds=$(awk '/requests in/ { sub(/s,/, "", $4); print $4 }' "$work/wrk.txt")
  local peak
  peak=$(rss)
  stop_listen
  if [[ "$*" == *json* ]]; then
    printed=$(wc -l <"$work/listen.out")
    accepted=$(grep -c '"accepted":true' "$work/listen.out" || true)
  else
    printed=$(grep -c 'user-registered  3c8c' "$work/listen.out" || true)
    accepted=$printed
  fi
  printf '| %s | %s | %s | %.0f | %s | %s | %s |\n' "$label" "$requests" "$seconds" \
    "$(awk -v n="$requests" -v s="$seconds" 'BEGIN { print n / s }')" "$printed" "$accepted" "$peak"
}

echo "== webhooks listen, ${duration}s of signed deliveries from wrk (2 threads, 16 connections)"
printf '| output | deliveries | seconds | per second | printed | accepted | max RSS KiB |\n|---|---|---|---|---|---|---|\n'
measure "human"
measure "JSON Lines" -o json

echo
echo "== memory against deliveries (human output)"
printf '| deliveries | max RSS KiB |\n|---|---|\n'
for s in 1 10; do
  start_listen
  sender
  wrk -t2 -c16 -d"${s}s" -s "$work/post.lua" "$listen_url" >"$work/wrk.txt"
  printf '| %s | %s |\n' "$(awk '/requests in/ { print $1 }' "$work/wrk.txt")" "$(rss)"
  stop_listen
done
