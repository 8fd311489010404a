# shellcheck shell=bash
# Sourced by the suite's shell tests: skip_test REASON exits 125 (CTest's
# SKIP_RETURN_CODE) and says why, or fails with exit 1 when CI is set, where
# nothing may be skipped.
skip_test() {
  if [[ -n ${CI:-} ]]; then
    echo "FAIL: cannot run under CI, where nothing may be skipped: $*" >&2
    exit 1
  fi
  echo "SKIP: $*" >&2
  exit 125
}
