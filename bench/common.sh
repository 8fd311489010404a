# shellcheck shell=bash disable=SC2034,SC2154
# Shared by the benchmarks: source it after setting `here` (the repository)
# and `build` (the build directory). Gives $techpass, $emulator, $work (removed
# on exit), start_emulator/stop_emulator, and the demo profile of
# examples/seed.toml (DEMO values only).

techpass="$build/cli/techpass"
emulator="$build/emulator/techpass-emulator"
directory="5a1c0b7e-7f3e-4c59-9d3b-3e6b0c4f2a11"
client_id="3f6c1a52-8d4e-4b7a-9c21-5e0f7d9a1b34"
export BENCH_SECRET="demo-secret-not-for-production" BENCH_KEY="demo-api-key-not-for-production"

# need TOOL... : stops with exit 2 naming the Debian packages when one is missing.
need() {
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null || { echo "bench: $tool is missing (apt-get install ${packages:-$*})" >&2; exit 2; }
  done
}

work="$(mktemp -d)"
emu_pid=""
url=""
stop_emulator() {
  if [[ -n "$emu_pid" ]]; then
    kill "$emu_pid" 2>/dev/null || true
    wait "$emu_pid" 2>/dev/null || true
    emu_pid=""
  fi
}
trap 'stop_emulator; rm -rf "$work"' EXIT

# start_emulator [option...]: a fresh emulator with the example seed ($seed when set) on a free
# loopback port; sets $url. Its log goes to $work/emulator.log, each line
# stamped with the time when $stamp_log is set.
start_emulator() {
  [[ -x "$emulator" ]] || { echo "bench: no $emulator (build the techpass-emulator target)" >&2; exit 2; }
  rm -f "$work/url" "$work/db.sqlite"
  mkfifo "$work/url"
  if [[ -n "${stamp_log:-}" ]]; then
    # Each log line prefixed with the unix time it was written, in µs.
    "$emulator" --port 0 --db "$work/db.sqlite" --seed "${seed:-$here/examples/seed.toml}" "$@" \
      >"$work/url" 2> >(perl -MTime::HiRes=time -ne '$| = 1; printf "%.6f %s", time, $_' \
        >"$work/emulator.log") &
  else
    "$emulator" --port 0 --db "$work/db.sqlite" --seed "${seed:-$here/examples/seed.toml}" "$@" \
      >"$work/url" 2>"$work/emulator.log" &
  fi
  emu_pid=$!
  read -r url <"$work/url"
}

# demo_profile NAME [RATE_LIMIT]: a profile for the running emulator.
demo_profile() {
  cat <<TOML
[profiles.$1]
api_url = "$url"
authority = "$url"
directory_id = "$directory"
client_id = "$client_id"
auth = "client_secret"
client_secret = { env = "BENCH_SECRET" }
api_key = { env = "BENCH_KEY" }
namespace = "SHIP"
TOML
  [[ -z "${2:-}" ]] || echo "rate_limit = $2"
}
