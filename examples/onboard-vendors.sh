#!/usr/bin/env bash
# Onboards the vendors listed in a spreadsheet, safely and repeatably.
#
#   examples/onboard-vendors.sh [-p PROFILE] vendors.csv [report.csv]
#
# 1. Checks every row first (--dry-run) and stops if any row is invalid,
#    unless ALLOW_INVALID=1 (then the valid rows go out and the invalid ones
#    are listed in the report).
# 2. Imports with --resume, so running the script again after a dropped
#    connection, a Ctrl-C or a killed terminal continues where it stopped and
#    never invites anyone twice (a finished import sends nothing more).
# 3. Retries network and rate-limit failures (exit 8 and 9) a few times.
# 4. Lists the rows that need a person's attention (invalid or failed).
#
# Exit status: techpass's own (0 all done, 2 invalid rows, 7 some rows failed
# or were invalid, 8 network, 9 rate limited, 130 interrupted, ...).
set -euo pipefail

usage() {
    echo "usage: $0 [-p PROFILE] FILE.csv [REPORT.csv]" >&2
    exit 2
}

profile_args=()
while getopts "p:h" option; do
    case "$option" in
    p) profile_args=(--profile "$OPTARG") ;;
    *) usage ;;
    esac
done
shift $((OPTIND - 1))
[[ $# -ge 1 && $# -le 2 ]] || usage

input=$1
report=${2:-${input%.*}.report.csv}
attempts=${ATTEMPTS:-5}
techpass=${TECHPASS:-techpass}

[[ -r "$input" ]] || { echo "$0: cannot read $input" >&2; exit 2; }

# Prints the rows of the report that need attention: row, email, outcome, message.
needs_attention() {
    grep -E '^[0-9]+,[^,]*,(invalid|failed),' "$report" || true
}

echo "Checking $input ..." >&2
status=0
"$techpass" "${profile_args[@]}" vendors import "$input" --dry-run --report "$report" || status=$?
if [[ $status -eq 2 && "${ALLOW_INVALID:-0}" != 1 ]]; then
    echo "Some rows are invalid; nothing was sent. Fix them (see $report), or run again" >&2
    echo "with ALLOW_INVALID=1 to send the valid rows now:" >&2
    needs_attention >&2
    exit 2
elif [[ $status -ne 0 && $status -ne 2 ]]; then
    exit "$status"
fi

for ((attempt = 1; attempt <= attempts; attempt++)); do
    echo "Importing $input (attempt $attempt of $attempts) ..." >&2
    status=0
    "$techpass" "${profile_args[@]}" vendors import "$input" --resume --report "$report" || status=$?
    case $status in
    8 | 9)
        # Network trouble or still rate limited: the journal remembers
        # everything, so waiting and resuming is always safe.
        sleep $((attempt * 30))
        ;;
    *) break ;;
    esac
done

case $status in
0) echo "All rows onboarded; report: $report" >&2 ;;
7)
    echo "Done, but these rows need attention (report: $report):" >&2
    needs_attention >&2
    ;;
130) echo "Interrupted; run the same command again to continue." >&2 ;;
*) echo "Stopped with status $status; run the same command again to continue." >&2 ;;
esac
exit "$status"
