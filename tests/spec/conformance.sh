#!/usr/bin/env bash
# Runs the emulator's conformance test (tests/emulator/test_conformance*.cpp):
# converts docs/api/openapi.yaml to JSON with python3 + PyYAML, then runs the
# test program, which reads it from TECHPASS_OPENAPI_JSON.
#
# Usage: tests/spec/conformance.sh REPO_ROOT TEST_PROGRAM [doctest options...]
# Exit status: the test program's; 1 the spec could not be converted; 2 usage;
# 125 skipped (no python3 or no PyYAML, Debian package python3-yaml; a failure
# when CI is set).
set -euo pipefail
source "$(dirname -- "${BASH_SOURCE[0]}")/../support/skip.sh"

if [[ $# -lt 2 || ! -d $1 || ! -x $2 ]]; then
  echo "usage: ${0##*/} REPO_ROOT TEST_PROGRAM [doctest options...]" >&2
  exit 2
fi
root=$(cd -- "$1" && pwd)
program=$2
shift 2

if ! command -v python3 >/dev/null 2>&1; then
  skip_test "'python3' not found; install python3 and python3-yaml to check conformance"
fi

work=$(mktemp -d)
trap 'rm -rf -- "$work"' EXIT
status=0
python3 "$root/tests/spec/openapi-to-json.py" "$root/docs/api/openapi.yaml" "$work/openapi.json" ||
  status=$?
if ((status == 125)); then
  skip_test "PyYAML is missing; install python3-yaml to check conformance"
elif ((status != 0)); then
  exit "$status"
fi

TECHPASS_OPENAPI_JSON=$work/openapi.json "$program" "$@"
