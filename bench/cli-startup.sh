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
techpass="$build/cli/techpass"
emulator="$build/emulator/techpass-emulator"
for tool in hyperfine /usr/bin/time curl; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is missing (apt-get install hyperfine time curl)" >&2; exit 2; }
done

work="$(mktemp -d)"
emu_pid=""
cleanup() { [[ -n "$emu_pid" ]] && kill "$emu_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

mkfifo "$work/url"
"$emulator" --port 0 --db "$work/db.sqlite" --seed "$here/examples/seed.toml" --quiet >"$work/url" 2>/dev/null &
emu_pid=$!
read -r url <"$work/url"

export TECHPASS_CONFIG="$work/config.toml" XDG_CACHE_HOME="$work/cache"
export BENCH_SECRET="demo-secret-not-for-production" BENCH_KEY="demo-api-key-not-for-production"
cat >"$TECHPASS_CONFIG" <<TOML
default_profile = "bench"
[profiles.bench]
api_url = "$url"
authority = "$url"
directory_id = "5a1c0b7e-7f3e-4c59-9d3b-3e6b0c4f2a11"
client_id = "3f6c1a52-8d4e-4b7a-9c21-5e0f7d9a1b34"
auth = "client_secret"
client_secret = { env = "BENCH_SECRET" }
api_key = { env = "BENCH_KEY" }
namespace = "SHIP"
TOML
"$techpass" groups create bench-group --description "benchmark" >/dev/null
token="$("$techpass" auth token)"   # also fills the token cache

echo "== start-up"
hyperfine -N --warmup 5 --runs 200 --export-markdown "$work/startup.md" \
  "curl --version" "$techpass --version" "$techpass --help" >/dev/null
cat "$work/startup.md"

echo "== one API call with a cached token"
hyperfine -N --warmup 5 --runs 100 --export-markdown "$work/call.md" \
  "curl -sS -H 'Authorization: Bearer $token' -H 'x-api-key: $BENCH_KEY' $url/iam/namespace/SHIP/groups" \
  "$techpass groups list -o json" >/dev/null
# Hide the token from the printed table.
sed "s/$token/<token>/; s/$BENCH_KEY/<key>/" "$work/call.md"

echo "== peak memory (max RSS, KiB)"
for cmd in "$techpass --version" "$techpass --help" "$techpass groups list -o json"; do
  /usr/bin/time -f "%M KiB  $cmd" $cmd >/dev/null 2>"$work/rss" || true
  tail -1 "$work/rss"
done
