#!/usr/bin/env bash
# The steps the GitLab CI pipeline (gitlab-ci.yml) and the GitHub Actions
# workflow (github-actions.yml) run, kept in one script so that both run the
# same commands and the test suite runs them too (tests/e2e/test_ci_examples.cpp).
#
# Usage: tenant-pipeline.sh plan|apply TENANT_FILE
#
#   plan   on a merge (pull) request: prints the plan, writes it as Markdown
#          to $PLAN_SUMMARY (the job summary; default plan.md) and as JSON to
#          plan.json; exits 0 whether or not there are changes, non-zero on
#          an error (a bad tenant file, credentials, the portal).
#   apply  on the main branch: applies the file without asking; new secrets
#          go to $SECRETS_OUT (default new-secrets.jsonl, mode 0600), which
#          the pipeline must keep in its secret store, never in the log.
#
# Credentials come from the environment, never from the repository:
# TECHPASS_API_URL, TECHPASS_DIRECTORY_ID, TECHPASS_CLIENT_ID,
# TECHPASS_CLIENT_SECRET and TECHPASS_API_KEY (see techpass-config(5)).
# CI=true (set by both CI systems) stops techpass from prompting.
set -euo pipefail

if [[ $# -ne 2 || ( $1 != plan && $1 != apply ) ]]; then
  echo "usage: ${0##*/} plan|apply TENANT_FILE" >&2
  exit 2
fi
step=$1
file=$2
techpass=${TECHPASS:-techpass}

case $step in
plan)
  summary=${PLAN_SUMMARY:-plan.md}
  status=0
  "$techpass" plan -f "$file" --detailed-exitcode >plan.txt || status=$?
  cat plan.txt
  if [[ $status -ne 0 && $status -ne 10 ]]; then
    exit "$status"
  fi
  "$techpass" plan -f "$file" -o json >plan.json
  {
    echo "### techpass plan for \`$file\`"
    echo
    if [[ $status -eq 10 ]]; then
      echo "Merging this applies the changes below."
    else
      echo "No changes: the namespace already matches the file."
    fi
    echo
    echo '```diff'
    cat plan.txt
    echo '```'
  } >>"$summary"
  ;;
apply)
  "$techpass" apply -f "$file" --yes --secrets-out "${SECRETS_OUT:-new-secrets.jsonl}"
  ;;
esac
