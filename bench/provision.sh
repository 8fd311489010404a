#!/usr/bin/env bash
# Issue 11 (plan/apply) figures. A namespace of 50 groups of 200 members
# each, 20 apps with 5 assignments each and 2,000 OTP whitelist entries is
# made with `techpass apply` from a generated tenant file (10,000 seeded
# users); then `techpass plan` of the same file is timed against the unpaced
# emulator (target under 1 s, under 64 MiB), and the requests it sent are
# counted from the emulator's log next to what a naive reader (one request
# per object, default page sizes) would need; at the portal's pace of 1
# request per second, seconds equal requests. A second apply must send no
# changing request.
# Usage: bench/provision.sh [build-dir]   (default: build/default)
# Needs GNU time (apt-get install time).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-$here/build/default}"
packages="time"
source "$here/bench/common.sh"
need /usr/bin/time awk

groups=50 members=200 apps=20 assigned=5 entries=2000
users=$((groups * members))

# The seed: the example's, plus the users the groups hold.
cp -r "$here/examples/certs" "$work/certs"
seed="$work/seed.toml"
{
  cat "$here/examples/seed.toml"
  awk -v n="$users" 'BEGIN {
    for (i = 1; i <= n; i++)
      printf "\n[[users]]\nemail = \"officer%05d@tech.gov.sg\"\nfirst_name = \"Officer\"\nlast_name = \"%05d\"\nmobile = \"+659%07d\"\naccount_type = \"public_officer\"\nstatus = \"active\"\n", i, i, i
  }'
} >"$seed"

# The tenant file.
awk -v g="$groups" -v m="$members" -v a="$apps" -v k="$assigned" -v e="$entries" 'BEGIN {
  print "namespace = \"SHIP\"\nadmins = [\"jane.tan@tech.gov.sg\"]"
  for (i = 1; i <= g; i++) {
    printf "\n[[groups]]\nname = \"team-%02d\"\ndescription = \"Team %d\"\nmembers = [", i, i
    for (j = 1; j <= m; j++) printf "%s\"officer%05d@tech.gov.sg\"", (j > 1 ? ", " : ""), (i - 1) * m + j
    print "]"
  }
  for (i = 1; i <= a; i++) {
    printf "\n[[apps]]\nname = \"bench-app-%02d\"\nredirect_urls = [\"https://app%02d.example.gov.sg/cb\"]\nassign_groups = [", i, i
    for (j = 0; j < k; j++) printf "%s\"team-%02d\"", (j ? ", " : ""), ((i + j - 1) % g) + 1
    print "]"
  }
  printf "\n[[whitelists]]\napp = \"bench-app-01\"\nentries = [\n"
  for (i = 1; i <= e; i++) printf "  \"vendor%04d.example.sg\",\n", i
  print "]"
}' >"$work/tenant.toml"

start_emulator
export TECHPASS_CONFIG="$work/config.toml" XDG_CACHE_HOME="$work/cache"
{ echo 'default_profile = "bench"'; demo_profile bench 0; } >"$TECHPASS_CONFIG"
"$techpass" auth token >/dev/null   # fills the token cache

lines() { wc -l <"$work/emulator.log"; }
settle() { sleep 0.3; } # the emulator logs a request just after answering it

start=$(date +%s.%N)
"$techpass" apply -f "$work/tenant.toml" --yes 2>"$work/apply.err" >"$work/apply.out"
end=$(date +%s.%N)
settle
echo "apply from the seeded namespace: $(tail -1 "$work/apply.out")"
echo "  $(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.1f s", e - s }'), $(lines) requests in the log"

before=$(lines)
start=$(date +%s.%N)
/usr/bin/time -f '%M' -o "$work/rss" "$techpass" plan -f "$work/tenant.toml" --detailed-exitcode \
  >"$work/plan.out"
end=$(date +%s.%N)
settle
sent=$(( $(lines) - before ))
echo "plan of the same file: $(tail -1 "$work/plan.out")"
awk -v s="$start" -v e="$end" -v r="$(cat "$work/rss")" -v n="$sent" 'BEGIN {
  printf "  %.3f s unpaced (target < 1 s), peak %.1f MiB (target < 64 MiB)\n", e - s, r / 1024
  printf "  %d requests: %d s at the portal'"'"'s pace of 1 request/s\n", n, n
}'
echo "  what they were:"
tail -n "$sent" "$work/emulator.log" | awk '{ p = $2; gsub(/\/[0-9a-f]+-[0-9a-f-]+/, "/{id}", p); print "    " $1 " " p }' |
  sort | uniq -c | sort -rn
# A naive reader: one request per object and default page sizes (20; 20 for
# whitelists): the namespace, its admins, each page of groups, each group,
# each page of each group's members, each page of apps, each app, each page
# of each app's assignments, certificates and secrets, each page of the
# whitelist, API keys and webhooks.
awk -v g="$groups" -v m="$members" -v a="$((apps + 1))" -v e="$entries" 'BEGIN {
  n = 1 + 1 + int((g + 19) / 20) + g + g * int((m + 19) / 20) + int((a + 19) / 20) + a + 3 * a + int((e + 19) / 20) + 1 + 1
  printf "  a naive reader would send %d requests (%d s at 1 request/s)\n", n, n
}'

before=$(changing=$(grep -cE '^(POST|PUT|PATCH|DELETE) /(iam|otp)/' "$work/emulator.log" || true); echo "$changing")
"$techpass" apply -f "$work/tenant.toml" --yes >"$work/apply2.out" 2>&1
settle
after=$(grep -cE '^(POST|PUT|PATCH|DELETE) /(iam|otp)/' "$work/emulator.log" || true)
echo "second apply: $(head -1 "$work/apply2.out") changing requests sent: $((after - before))"
