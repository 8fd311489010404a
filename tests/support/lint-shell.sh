#!/usr/bin/env bash
# The project's shell scripts and the generated bash completion, each run
# through shellcheck: errors and warnings fail; style notes do not.
# Usage: tests/support/lint-shell.sh REPO_ROOT
# Exit status: 0 clean; 1 findings; 125 skipped (no shellcheck; a failure
# when CI is set).
set -euo pipefail
source "$(dirname -- "${BASH_SOURCE[0]}")/skip.sh"
command -v shellcheck >/dev/null || skip_test "'shellcheck' not found; scripts/install-deps installs it"
cd "$1"
scripts=(.ci/run scripts/demo scripts/test scripts/fuzz scripts/install-deps scripts/lib/*.sh
  tests/support/*.sh bench/*.sh examples/*.sh)
shellcheck -S warning -x "${scripts[@]}"
shellcheck -S warning -s bash completions/techpass.bash
echo "lint-shell: ${#scripts[@]} scripts and the bash completion are clean"
