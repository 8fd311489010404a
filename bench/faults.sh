#!/usr/bin/env bash
# Issue 13 fault campaign. Each bulk path runs twice against a fresh emulator:
# once without faults (the reference), and once with 20% of its API requests
# failing (latency, 500, 502, 503, 429, a connection dropped before the work
# and an answer lost after it), SIGKILLed twice at random points and then
# resumed (imports) or run again (the rest) until it finishes. The emulator's
# state after both runs (bench/faults.sql: every object by its natural key,
# every message sent) must be equal, and the last run's report must account
# for every row. Then two imports of one file at once: the second must refuse.
#
# Usage: bench/faults.sh [build-dir] [seed] [path...]
#   build-dir default build/default; seed default random; paths default all of
#   vendors users whitelists apply access lock
# The seed picks the faults and the kill points; it is printed, so a run can
# be repeated. Exit 1 when any path ends in a different state.
# Needs sqlite3, curl, jq and awk (apt-get install sqlite3 curl jq).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-$here/build/default}"
campaign_seed="${2:-$((RANDOM * 32768 + RANDOM))}"
packages="sqlite3 curl jq"
source "$here/bench/common.sh"
need sqlite3 curl awk jq
RANDOM=$((campaign_seed % 32768))
shift $(($# > 2 ? 2 : $#))
only=" ${*:-vendors users whitelists apply access lock} "
want() { [[ $only == *" $1 "* ]]; }
checks=0
prepare=:

export TECHPASS_CONFIG="$work/config.toml" XDG_CACHE_HOME="$work/cache"
cp -r "$here/examples/certs" "$work/certs" # for the seed and the tenant file
fault_kinds='["latency", "500", "502", "503", "429", "drop", "lost"]'
failures=0

# A fresh emulator (with $seed, when set) and a profile for it.
fresh() {
  stop_emulator
  rm -f "$work/requests.jsonl"
  start_emulator --test-controls --quiet --record-requests "$work/requests.jsonl"
  touch "$work/requests.jsonl"
  { echo 'default_profile = "bench"'; demo_profile bench 0; } >"$TECHPASS_CONFIG"
  rm -rf "$work/cache"
  "$techpass" auth token >/dev/null
}

control() { # METHOD NAME [JSON]
  curl -fsS -X "$1" "$url/_emulator/$2" -H 'Content-Type: application/json' ${3:+-d "$3"} >/dev/null
}

faults_on() {
  control PUT faults "{\"seed\": $((RANDOM * 32768 + RANDOM)), \"fraction\": 0.2,
    \"kinds\": $fault_kinds, \"latencyMs\": 300}"
}

snapshot() { # FILE
  sqlite3 "$work/db.sqlite" <"$here/bench/faults.sql" | sed "s|${receiver_url:-@none@}|RECEIVER/|g" |
    sort >"$1"
}

# changes: the changing API requests (POST, PUT, PATCH, DELETE) the emulator
# has recorded so far, answered or not.
changes() { grep -cE '"method":"(POST|PUT|PATCH|DELETE)"' "$work/requests.jsonl" || true; }

# attempt LABEL TARGET COMMAND...: runs COMMAND and SIGKILLs it once the
# emulator has received TARGET more changing requests (a random point of the
# work); prints what happened.
attempt() {
  local label="$1" point="$2" target=$(($(changes) + $2)) pid status=0
  shift 2
  "$@" >"$work/out" 2>"$work/err" &
  pid=$!
  while kill -0 "$pid" 2>/dev/null && (($(changes) < target)); do
    sleep 0.01
  done
  if kill -KILL "$pid" 2>/dev/null; then
    wait "$pid" 2>/dev/null || status=$?
    echo "    $label: SIGKILL at changing request $point"
  else
    wait "$pid" || status=$?
    echo "    $label: finished before its kill point (exit $status)"
  fi
}

# scenario NAME FIRST_COMMAND AGAIN_COMMAND: $prepare (a function) makes the
# starting state of a fresh emulator; check_report (a function) checks the
# last run's report or output. Compares the faulted run's final state with
# the reference run's.
scenario() {
  local name="$1" first="$2" again="$3" start end reference runs status before
  checks=$((checks + 1))
  echo "== $name"
  fresh
  $prepare
  before=$(changes)
  start=$(date +%s.%N)
  eval "$first" >"$work/ref.out" 2>"$work/ref.err" || { echo "    reference run failed:"; cat "$work/ref.err"; exit 1; }
  end=$(date +%s.%N)
  size=$(($(changes) - before))
  reference=$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.2f", e - s }')
  snapshot "$work/reference.state"
  echo "    reference run without faults: ${reference} s, $size changing requests, $(wc -l <"$work/reference.state") objects after it"

  fresh
  $prepare
  before=$(wc -l <"$work/requests.jsonl")
  faults_on
  # Kill points: a random number of changing requests into each run (at
  # least 1, fewer than the whole work when it takes more than one).
  kill_point() { echo $((size > 1 ? 1 + RANDOM % (size - 1) : 1)); }
  attempt "first run" "$(kill_point)" bash -c "$first"
  attempt "second run" "$(kill_point)" bash -c "$again"
  runs=2
  status=1
  while ((status != 0 && runs < 8)); do
    runs=$((runs + 1))
    status=0
    start=$(date +%s.%N)
    eval "$again" >"$work/out" 2>"$work/err" || status=$?
    end=$(date +%s.%N)
    echo "    run $runs: exit $status after $(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.1f", e - s }') s"
    ((status == 0)) || sed 's/^/      /' "$work/err" | tail -n 3
  done
  control DELETE faults
  tail -n +"$((before + 1))" "$work/requests.jsonl" | jq -rs '
    (map(select(.fault)) | group_by(.fault) | map("\(.[0].fault) \(length)") | join(", ")) as $kinds
    | "    faulted runs: \(length) API requests, \(map(select(.fault)) | length) with a fault (\($kinds))"'
  snapshot "$work/faulted.state"
  if ((status != 0)); then
    echo "    FAILED: still exit $status after $runs runs"
    failures=$((failures + 1))
  elif ! diff -u "$work/reference.state" "$work/faulted.state" >"$work/diff"; then
    echo "    FAILED: the state differs from the reference run:"
    head -n 40 "$work/diff" | sed 's/^/      /'
    failures=$((failures + 1))
  elif ! check_report; then
    echo "    FAILED: the last report does not account for every row"
    failures=$((failures + 1))
  else
    echo "    state equal to the reference run; $report_summary"
  fi
}

# report_rows FILE EXPECTED OUTCOME_REGEX: a CSV report with EXPECTED rows,
# numbered 1..EXPECTED in order, every outcome matching.
report_rows() {
  report_summary=$(awk -F, 'NR > 1 { n[$3]++ } END { for (o in n) printf "%s%s %d", (s++ ? ", " : ""), o, n[o] }' "$1")
  awk -F, -v want="$2" -v ok="$3" '
    NR > 1 { rows++; if ($1 != rows || $3 !~ ("^(" ok ")$")) bad++ }
    END { exit !(rows == want && bad == 0) }' "$1"
}

# import_scenario NOUN ROWS: `techpass NOUN import` of $work/NOUN.csv (ROWS
# rows, written with a thousands separator), resumed after each kill; every
# row must be reported created or already-exists.
import_scenario() {
  local noun="$1" rows="$2" input="$work/$1.csv" report="$work/$1-report.csv"
  check_report() { report_rows "$report" "${rows/,/}" "created|already-exists"; }
  scenario "$noun import of $rows rows (--resume after each kill)" \
    "rm -f $input.techpass-journal; \"$techpass\" $noun import $input --report $report" \
    "\"$techpass\" $noun import $input --resume --report $report"
}

echo "fault campaign, seed $campaign_seed (bench/faults.sh $build $campaign_seed repeats it)"

# 1. A vendor import of 5,000 rows (also used by 6).
awk 'BEGIN {
  print "email,first_name,last_name,mobile,company,department,sponsoring_agency,business_operation,offshore_development_centre,offshore_company,seed,account_type"
  for (i = 1; i <= 5000; i++) printf "vendor%05d@acme.example,Ven,Dor %d,8%07d,Acme,Ops,MOM,onshore,,,no,\n", i, i, i
}' >"$work/vendors.csv"
if want vendors; then
prepare=:
import_scenario vendors "5,000"
fi

if want users; then
# 2. A user import of 2,000 rows.
awk 'BEGIN {
  print "email,mobile,seed"
  for (i = 1; i <= 2000; i++) printf "officer%05d@tech.gov.sg,9%07d,no\n", i, i
}' >"$work/users.csv"
import_scenario users "2,000"

fi

if want whitelists; then
# 3. A whitelist add of 5,000 entries.
awk 'BEGIN {
  print "value,expiresAt"
  for (i = 1; i <= 5000; i++)
    if (i % 2) printf "vendor%05d.example.sg,\n", i
    else printf "user%05d@agency.example.sg,2030-06-30T15:59:59Z\n", i
}' >"$work/entries.csv"
check_report() { report_rows "$work/whitelist-report.csv" 5000 "created|already-exists"; }
scenario "whitelists add of 5,000 entries (run again after each kill)" \
  "\"$techpass\" whitelists add ship-automation --file $work/entries.csv --report $work/whitelist-report.csv" \
  "\"$techpass\" whitelists add ship-automation --file $work/entries.csv --report $work/whitelist-report.csv"

fi

if want apply; then
# 4. An apply of the example tenant file, its webhook received by a local
# `webhooks listen` (the portal challenges the receiver).
"$techpass" webhooks listen --port 0 --secret-file "$work/hook.secret" 2>"$work/listen.err" &
listener=$!
trap 'kill $listener 2>/dev/null || true; stop_emulator; rm -rf "$work"' EXIT
for _ in $(seq 100); do grep -q "Ctrl-C to stop" "$work/listen.err" && break; sleep 0.05; done
receiver_url=$(grep -o 'http://127\.0\.0\.1:[0-9]*/' "$work/listen.err" | head -n 1)
sed "s|https://hooks.ship.example.gov.sg/techpass|$receiver_url|" "$here/examples/tenant.toml" >"$work/tenant.toml"
check_report() {
  # Nothing left to do, and every one-time secret (an app secret, an API
  # key, a webhook's) kept in --secrets-out, once.
  report_summary="plan: $("$techpass" plan -f "$work/tenant.toml" --detailed-exitcode | tail -n 1)"
  report_summary+=" secrets kept: $(wc -l <"$work/secrets.jsonl") of 3"
  [[ $(wc -l <"$work/secrets.jsonl") == 3 ]]
}
prepare_apply() { rm -f "$work/secrets.jsonl"; }
prepare=prepare_apply
scenario "apply of examples/tenant.toml (run again after each kill)" \
  "\"$techpass\" apply -f $work/tenant.toml --yes --secrets-out $work/secrets.jsonl" \
  "\"$techpass\" apply -f $work/tenant.toml --yes --secrets-out $work/secrets.jsonl"

fi

if want access; then
# 5. An access review applied: 300 officers assigned to an app directly and
# 300 through a group; every other row revoked.
seed="$work/seed.toml"
{
  cat "$here/examples/seed.toml"
  awk 'BEGIN {
    for (i = 1; i <= 600; i++)
      printf "\n[[users]]\nemail = \"reviewed%04d@tech.gov.sg\"\nfirst_name = \"Officer\"\nlast_name = \"%04d\"\nmobile = \"+659%07d\"\naccount_type = \"public_officer\"\nstatus = \"active\"\n", i, i, i
  }'
} >"$seed"
awk 'BEGIN {
  printf "namespace = \"SHIP\"\n\n[[groups]]\nname = \"reviewed-team\"\nmembers = ["
  for (i = 301; i <= 600; i++) printf "%s\"reviewed%04d@tech.gov.sg\"", (i > 301 ? ", " : ""), i
  printf "]\n\n[[apps]]\nname = \"reviewed-app\"\nredirect_urls = [\"https://reviewed.example.gov.sg/cb\"]\nassignment_required = true\nassign_groups = [\"reviewed-team\"]\nassign_users = ["
  for (i = 1; i <= 300; i++) printf "%s\"reviewed%04d@tech.gov.sg\"", (i > 1 ? ", " : ""), i
  print "]"
}' >"$work/reviewed.toml"
prepare_review() {
  "$techpass" apply -f "$work/reviewed.toml" --yes >/dev/null 2>&1
  "$techpass" access review --app reviewed-app -o csv --out "$work/review.csv" 2>/dev/null
  # The decision column: revoke every other row.
  awk -F, -v OFS=, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "decision") d = i; print; next }
    { if (NR % 2) $d = "revoke"; print }' "$work/review.csv" >"$work/decided.csv"
}
prepare=prepare_review
check_report() {
  "$techpass" access apply "$work/decided.csv" --yes -o json >"$work/final.json" 2>/dev/null
  report_summary="a last run reports: $(jq -r '[.rows[] | .outcome] | group_by(.) | map("\(.[0]) \(length)") | join(", ")' "$work/final.json")"
  jq -e '(.rows | length == 600)
    and ([.rows[] | select(.decision == "revoke")] | length == 300 and all(.outcome == "already revoked"))
    and ([.rows[] | select(.decision == "")] | length == 300 and all(.outcome == "kept"))' \
    "$work/final.json" >/dev/null
}
scenario "access apply of a review revoking 300 of 600 rows (run again after each kill)" \
  "\"$techpass\" access apply $work/decided.csv --yes" \
  "\"$techpass\" access apply $work/decided.csv --yes"
unset seed

fi

if want lock; then
# 6. Two imports of the same file at once.
checks=$((checks + 1))
echo "== two imports of one file at once"
fresh
control PUT faults '{"fraction": 1, "kinds": ["latency"], "latencyMs": 500}'
rm -f "$work/vendors.csv.techpass-journal"
"$techpass" vendors import "$work/vendors.csv" >/dev/null 2>"$work/first.err" &
first=$!
for _ in $(seq 100); do [[ -s "$work/vendors.csv.techpass-journal" ]] && break; sleep 0.05; done
status=0
"$techpass" vendors import "$work/vendors.csv" --resume >/dev/null 2>"$work/second.err" || status=$?
kill -KILL "$first" 2>/dev/null || true
wait "$first" 2>/dev/null || true
if ((status == 6)) && grep -q "another import is using the journal" "$work/second.err"; then
  echo "    the second refused (exit $status): $(head -n 1 "$work/second.err")"
else
  echo "    FAILED: the second import ran (exit $status): $(cat "$work/second.err")"
  failures=$((failures + 1))
fi

fi
echo
if ((failures)); then
  echo "fault campaign: $failures of $checks checks FAILED (seed $campaign_seed)"
  exit 1
fi
echo "fault campaign: every path ended in the reference state (seed $campaign_seed)"
