#!/usr/bin/env bash
# Issue 4 performance targets, measured side by side in one run:
#  - `techpass --version` and `techpass --help` within 1.2x of `curl --version`;
#  - with a cached token, `techpass groups list -o json` against the local
#    emulator within 1.2x of the same single request made by curl;
#  - peak memory (max RSS) of each under 16 MiB.
# Usage: bench/cli-startup.sh [build-dir]   (default: build/default)
# Needs hyperfine and GNU time (apt-get install hyperfine time).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-$here/build/default}"
packages="hyperfine time curl"
source "$here/bench/common.sh"
need hyperfine /usr/bin/time curl

start_emulator --quiet
export TECHPASS_CONFIG="$work/config.toml" XDG_CACHE_HOME="$work/cache"
{ echo 'default_profile = "bench"'; demo_profile bench; } >"$TECHPASS_CONFIG"
"$techpass" groups create bench-group --description "benchmark" >/dev/null
token="$("$techpass" auth token)"   # also fills the token cache

echo "== start-up"
hyperfine -N --warmup 5 --runs 200 --export-markdown "$work/startup.md" \
  "curl --version" "$techpass --version" "$techpass --help" >/dev/null
cat "$work/startup.md"

echo "== one API call with a cached token"
# curl sends what techpass sends (see --debug): the same URL, with the page
# size, and the same headers, compression offered (--compressed) as libcurl
# does for techpass.
version="$("$techpass" --version | awk '{print $3}')"
hyperfine -N --warmup 5 --runs 100 --export-markdown "$work/call.md" \
  "curl -sS --compressed -H 'Accept: application/json' -H 'User-Agent: techpass/$version' -H 'x-api-key: $BENCH_KEY' -H 'Authorization: Bearer $token' $url/iam/namespace/SHIP/groups?size=50" \
  "$techpass groups list -o json" >/dev/null
# Hide the token from the printed table.
sed "s/$token/<token>/; s/$BENCH_KEY/<key>/" "$work/call.md"

echo "== peak memory (max RSS, KiB)"
for cmd in "$techpass --version" "$techpass --help" "$techpass groups list -o json"; do
  /usr/bin/time -f "%M KiB  $cmd" $cmd >/dev/null 2>"$work/rss" || true
  tail -1 "$work/rss"
done
