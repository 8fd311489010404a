#!/usr/bin/env bash
# Issue 5 (bulk import) figures, measured side by side in one run:
#  - 10,000 vendor invitations into an unpaced local emulator: `techpass
#    vendors import` (batches of 100; batches of 1000 with --concurrency 4)
#    against one `curl` process per row and against one
#    `curl --parallel --parallel-max 16` over the same 10,000 requests;
#  - a rate-limited run: the emulator limits the API key to 5 requests per
#    second and the profile is paced to match (rate_limit = 5); prints the
#    request rate techpass achieved over the run and in each 5 s window, and
#    how many 429s it met;
#  - peak memory (max RSS, GNU time) importing 100,000 rows against 1,000.
# Usage: bench/import.sh [build-dir]   (default: build/default)
# Needs GNU time and curl (apt-get install time curl). Takes a few minutes.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-$here/build/default}"
packages="time curl"
source "$here/bench/common.sh"
need /usr/bin/time curl awk

start_emulator --test-controls
export TECHPASS_CONFIG="$work/config.toml" XDG_CACHE_HOME="$work/cache"
{ echo 'default_profile = "bench"'; demo_profile bench 0; demo_profile paced 5; } >"$TECHPASS_CONFIG"
token="$("$techpass" auth token)"   # also fills the token cache

# vendors CSV: rows, email prefix (each run invites new people)
vendors_csv() {
  awk -v n="$1" -v p="$2" 'BEGIN {
    print "email,first_name,last_name,mobile,company,department,sponsoring_agency,business_operation,offshore_development_centre,offshore_company,seed,account_type"
    for (i = 1; i <= n; i++)
      printf "%s%d@acme.example,Wei Ling,Tan,9%07d,Acme Pte Ltd,Engineering,GovTech,onshore,,,no,vendor\n", p, i, i
  }'
}
# the same rows as single-invitation JSON bodies, one a line
vendors_json() {
  awk -v n="$1" -v p="$2" 'BEGIN {
    for (i = 1; i <= n; i++)
      printf "{\"email\":\"%s%d@acme.example\",\"firstName\":\"Wei Ling\",\"lastName\":\"Tan\",\"mobile\":\"+659%07d\",\"company\":\"Acme Pte Ltd\",\"department\":\"Engineering\",\"sponsoringAgency\":\"GovTech\",\"businessOperation\":\"onshore\",\"seed\":false,\"accountType\":\"vendor\"}\n", p, i, i
  }'
}
seconds() { # command...: wall-clock seconds
  local start end
  start=$(date +%s.%N)
  "$@" >/dev/null 2>&1 || true
  end=$(date +%s.%N)
  awk -v s="$start" -v e="$end" 'BEGIN { printf "%.2f", e - s }'
}
rate() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.0f", n / s }'; }

rows=10000
echo "== $rows vendor invitations, unpaced local emulator"
printf '| client | seconds | rows/s |\n|---|---|---|\n'

vendors_csv $rows a >"$work/a.csv"
t=$(seconds "$techpass" vendors import "$work/a.csv")
echo "| techpass vendors import (batches of 100) | $t | $(rate $rows "$t") |"

vendors_csv $rows b >"$work/b.csv"
t=$(seconds "$techpass" vendors import "$work/b.csv" --batch-size 1000 --concurrency 4)
echo "| techpass vendors import --batch-size 1000 --concurrency 4 | $t | $(rate $rows "$t") |"

vendors_json $rows c >"$work/c.jsonl"
one_curl_per_row() {
  while IFS= read -r body; do
    curl -sS -o /dev/null -X POST "$url/iam/invitations" -H "Authorization: Bearer $token" \
      -H "x-api-key: $BENCH_KEY" -H 'Content-Type: application/json' --data-binary "$body"
  done <"$work/c.jsonl"
}
t=$(seconds one_curl_per_row)
echo "| one curl per row (POST /iam/invitations) | $t | $(rate $rows "$t") |"

vendors_json $rows d | awk -v u="$url" -v t="$token" -v k="$BENCH_KEY" '{
  gsub(/"/, "\\\"")
  printf "url = \"%s/iam/invitations\"\nrequest = \"POST\"\noutput = \"/dev/null\"\nheader = \"Authorization: Bearer %s\"\nheader = \"x-api-key: %s\"\nheader = \"Content-Type: application/json\"\ndata-binary = \"%s\"\nnext\n", u, t, k, $0
}' >"$work/d.curlrc"
t=$(seconds curl -sS --parallel --parallel-max 16 -K "$work/d.curlrc")
echo "| curl --parallel --parallel-max 16 (one request per row) | $t | $(rate $rows "$t") |"
echo "invitations in the emulator: $(curl -sS "$url/_emulator/state/invitations" | grep -o '"count":[0-9]*' | head -1)"

echo
echo "== rate limited: emulator 5 requests/s per API key, profile rate_limit = 5"
# A fresh emulator whose log lines carry the time: the request rate is
# measured from them.
stop_emulator
stamp_log=1 start_emulator --test-controls
{ echo 'default_profile = "bench"'; demo_profile bench 0; demo_profile paced 5; } >"$TECHPASS_CONFIG"
curl -sS -o /dev/null -X PUT "$url/_emulator/ratelimit" -H 'Content-Type: application/json' \
  -d '{"requestsPerSecond": 5, "burst": 5}'
paced_rows=1000 paced_batch=5 window=5
vendors_csv $paced_rows e >"$work/e.csv"
summary="$("$techpass" -p paced vendors import "$work/e.csv" --batch-size $paced_batch -o json \
  --jq '.summary' 2>/dev/null | tr -d '\n ' || true)"
echo "$summary"
# The times of the import's requests, from the emulator's log.
grep ' POST /iam/invitations/batch ' "$work/emulator.log" | awk '{ print $1 }' >"$work/times"
after=$(grep -c ' 429 ' "$work/emulator.log" || true)
# Rates over the run (N requests, N - 1 intervals) and over every run of
# consecutive requests spanning about $window s (window x limit intervals).
awk -v w=$window -v limit=5 '
  { t[NR] = $1 }
  END {
    n = NR
    printf "whole run: %d requests, first to last %.2f s: %.3f requests/s (%.1f%% of the limit)\n",
      n, t[n] - t[1], (n - 1) / (t[n] - t[1]), 100 * (n - 1) / (t[n] - t[1]) / limit
    k = w * limit
    for (i = 1; i + k <= n; i++) {
      r = k / (t[i + k] - t[i])
      if (min == "" || r < min) min = r
      if (r > max) max = r
    }
    printf "every %d consecutive intervals (about %d s): %.3f to %.3f requests/s = %.1f%% to %.1f%% of the limit\n",
      k, w, min, max, 100 * min / limit, 100 * max / limit
  }' "$work/times"
echo "429 answers during the run: $after"
curl -sS -o /dev/null -X DELETE "$url/_emulator/ratelimit"

echo
echo "== peak memory (max RSS)"
for n in 1000 100000; do
  vendors_csv $n "m$n-" >"$work/m$n.csv"
  /usr/bin/time -f "%M KiB  %e s  vendors import of $n rows (--batch-size 1000)" \
    "$techpass" vendors import "$work/m$n.csv" --batch-size 1000 >/dev/null 2>"$work/rss" || true
  tail -1 "$work/rss"
done
