#!/usr/bin/env bash
# Lints the man pages in man/ with mandoc.
# Usage: tests/support/lint-man.sh REPO_ROOT
# Exit status: 0 clean; 1 warnings or errors; 125 skipped (no mandoc; a
# failure when CI is set).
set -euo pipefail
source "$(dirname -- "${BASH_SOURCE[0]}")/skip.sh"
command -v mandoc >/dev/null || skip_test "'mandoc' not found; install mandoc to lint the man pages"
mandoc -Tlint -W warning "$1"/man/* "$1"/emulator/techpass-emulator.1
