#!/usr/bin/env bash
# Lints the API contract (docs/api/openapi.yaml and docs/api/identity.yaml) with
# the Redocly CLI pinned in tools/lint (package-lock.json).
#
# Usage: tests/spec/lint-openapi.sh REPO_ROOT
# Exit status: 0 no errors (warnings are printed but allowed); 1 lint errors or
# the linter could not be installed; 2 usage; 125 skipped (no suitable node/npm;
# a failure when CI is set). scripts/install-deps installs Debian's nodejs and
# npm when they are missing: the pinned Redocly CLI 1.34 runs on Node.js 18.17+,
# which Debian 12's nodejs (18.20) is.
set -euo pipefail
source "$(dirname -- "${BASH_SOURCE[0]}")/../support/skip.sh"

if [[ $# -ne 1 || ! -d $1 ]]; then
  echo "usage: ${0##*/} REPO_ROOT" >&2
  exit 2
fi
root=$(cd -- "$1" && pwd)
lint_dir=$root/tools/lint
specs=("$root/docs/api/openapi.yaml" "$root/docs/api/identity.yaml")

for tool in node npm; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    skip_test "'$tool' not found; run scripts/install-deps (Debian packages nodejs and npm) to lint the API contract"
  fi
done
# Redocly CLI 1.34 needs Node.js >= 18.17.
if ! node -e '
  const [maj, min] = process.versions.node.split(".").map(Number);
  process.exit(maj > 18 || (maj === 18 && min >= 17) ? 0 : 1);
'; then
  skip_test "Node.js $(node --version) is too old for the linter (needs 18.17+)"
fi

for spec in "${specs[@]}"; do
  if [[ ! -f $spec ]]; then
    echo "FAIL: missing $spec" >&2
    exit 1
  fi
done

redocly=$lint_dir/node_modules/.bin/redocly
if [[ ! -x $redocly ]]; then
  echo "Installing the linter from tools/lint/package-lock.json (npm ci)..." >&2
  if ! (cd -- "$lint_dir" && npm ci --no-audit --no-fund --prefer-offline --loglevel=error) >&2; then
    echo "FAIL: 'npm ci' in tools/lint failed; cannot lint the API contract" >&2
    exit 1
  fi
fi

# No usage reports, no update checks: the lint must not depend on the network.
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true

cd -- "$lint_dir"
if "$redocly" lint --config redocly.yaml "${specs[@]}"; then
  echo "PASS: API contract lints clean (${#specs[@]} files)"
else
  echo "FAIL: API contract has lint errors (see above)" >&2
  exit 1
fi
