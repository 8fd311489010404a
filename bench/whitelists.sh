#!/usr/bin/env bash
# Issue 10 (OTP whitelists) figures: 10,000 entries (half domains, half
# addresses, some with an expiry) added from one file into an unpaced local
# emulator with `techpass whitelists add`: wall-clock seconds, the POST
# requests the emulator answered (target: 10 requests, under 2 s), the same
# file added again (all reported already-exists), and peak memory (GNU time).
# Usage: bench/whitelists.sh [build-dir]   (default: build/default)
# Needs GNU time (apt-get install time).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-$here/build/default}"
packages="time"
source "$here/bench/common.sh"
need /usr/bin/time awk

start_emulator
export TECHPASS_CONFIG="$work/config.toml" XDG_CACHE_HOME="$work/cache"
{ echo 'default_profile = "bench"'; demo_profile bench 0; } >"$TECHPASS_CONFIG"
"$techpass" auth token >/dev/null   # fills the token cache
app="ship-automation"

entries=10000
awk -v n="$entries" 'BEGIN {
  print "value,expiresAt"
  for (i = 1; i <= n; i++)
    if (i % 2) printf "vendor%d.example.sg,\n", i
    else printf "user%d@agency.example.sg,2030-06-30T15:59:59Z\n", i
}' >"$work/entries.csv"

posts() { grep -c "POST /otp/namespace/SHIP/apps/.*/whitelists" "$work/emulator.log" || true; }

run() { # label
  local before start end status=0
  before=$(posts)
  start=$(date +%s.%N)
  /usr/bin/time -f '%M' -o "$work/rss" "$techpass" whitelists add "$app" --file "$work/entries.csv" \
    --report "$work/report.csv" 2>"$work/err" || status=$?
  end=$(date +%s.%N)
  sleep 0.2 # the emulator logs a request just after answering it
  printf '| %s | %.2f | %d | %s | %d | %s |\n' "$1" "$(awk -v s="$start" -v e="$end" 'BEGIN { print e - s }')" \
    "$(( $(posts) - before ))" "$status" "$(cat "$work/rss")" "$(grep -o "[0-9]* added.*already whitelisted" "$work/err")"
}

echo "== $entries whitelist entries, unpaced local emulator"
printf '| run | seconds | POST requests | exit | max RSS KiB | summary |\n|---|---|---|---|---|---|\n'
run "first add"
run "same file again"
echo
echo "report: $(($(wc -l <"$work/report.csv") - 1)) rows; outcomes:"
awk -F, 'NR > 1 { n[$3]++ } END { for (o in n) printf "  %s %d\n", o, n[o] }' "$work/report.csv"
