# shellcheck shell=bash
# build_with_progress PRESET WHAT [TARGET...]
#
# Builds a CMake preset (the given targets, else all) and says what is going
# on instead of minutes of silence: one line that updates on a terminal, a
# line every 30 seconds elsewhere (CI logs), each with the steps done, the
# time so far and a rough estimate of what is left. The compiler's output is
# kept and shown only when the build fails. Returns the build's status.
build_with_progress() {
  local preset="$1" what="$2"
  shift 2
  local args=(--build --preset "$preset")
  local target
  for target in "$@"; do
    args+=(--target "$target")
  done
  local log
  log="$(mktemp "${TMPDIR:-/tmp}/techpass-build.XXXXXX")"
  local tty=0
  [[ -t 2 ]] && tty=1
  local start=$SECONDS last=0 status=0 done_steps=0 total=0 line
  # ninja prints "@@ DONE TOTAL " before each step it starts.
  while IFS= read -r line; do
    if [[ $line =~ ^@@\ ([0-9]+)\ ([0-9]+)\  ]]; then
      done_steps=${BASH_REMATCH[1]}
      total=${BASH_REMATCH[2]}
      local elapsed=$((SECONDS - start)) left=""
      if ((done_steps > 5 && done_steps < total)); then
        left=", about $(_bp_duration $(((total - done_steps) * elapsed / done_steps))) left"
      fi
      local text
      text="building $what ($preset): step $done_steps of $total, $(_bp_duration "$elapsed")$left"
      if ((tty)); then
        printf '\r\033[K%s' "$text" >&2
      elif ((elapsed - last >= 30)); then
        printf '%s\n' "$text" >&2
        last=$elapsed
      fi
    else
      printf '%s\n' "$line" >>"$log"
    fi
  done < <(NINJA_STATUS='@@ %f %t ' cmake "${args[@]}" 2>&1; echo "@@status $?")
  ((tty)) && printf '\r\033[K' >&2
  status="$(sed -n 's/^@@status //p' "$log")"
  if [[ $status != 0 ]]; then
    grep -v '^@@status ' "$log" >&2
    echo "building $what ($preset) failed after $(_bp_duration $((SECONDS - start)))" >&2
  elif grep -q 'no work to do' "$log"; then
    echo "$what ($preset) is up to date" >&2
  else
    echo "built $what ($preset) in $(_bp_duration $((SECONDS - start)))" >&2
  fi
  rm -f "$log"
  return "$status"
}

_bp_duration() {
  local seconds="$1"
  if ((seconds >= 60)); then
    printf '%dm%02ds' $((seconds / 60)) $((seconds % 60))
  else
    printf '%ds' "$seconds"
  fi
}
