#!/usr/bin/env bash
# Builds the Debian packages of a build directory (cpack -G DEB), checks them
# with lintian (no errors, no warnings), unpacks them into a staging root and
# uses what was installed: techpass version, techpass-emulator --version,
# man -l of installed pages, and the installed completions in bash and fish.
# Usage: tests/support/check-package.sh BUILD_DIR [SANITIZED]
# SANITIZED (1 for the asan preset): the binaries are deliberately not
# position-independent there (start-up time under the sanitizers), so
# lintian's hardening-no-pie is expected of that build and of no other.
# Exit status: 0 all well; 1 a check failed; 125 skipped (no cpack or
# dpkg-deb; a failure when CI is set).
set -euo pipefail
source "$(dirname -- "${BASH_SOURCE[0]}")/skip.sh"
build="$(cd "$1" && pwd)"
sanitized="${2:-0}"
for tool in cpack dpkg-deb dpkg-shlibdeps lintian man bash fish; do
  command -v "$tool" >/dev/null || skip_test "'$tool' not found (scripts/install-deps installs it)"
done

fail() { echo "check-package: $*" >&2; exit 1; }

work="$(mktemp -d "${TMPDIR:-/tmp}/techpass-package.XXXXXX")"
trap 'rm -rf "$work"' EXIT
# A copy of the CPack configuration writing into the scratch directory, so
# that a test run leaves no package behind in the build directory.
(cd "$work" && cpack -G DEB --config "$build/CPackConfig.cmake" -B "$work/out" >"$work/cpack.log" 2>&1) ||
  { cat "$work/cpack.log" >&2; fail "cpack failed"; }
cli_deb="$(ls "$work"/out/techpass_*.deb)"
emu_deb="$(ls "$work"/out/techpass-emulator_*.deb)"

# Control fields: dependencies from the shared libraries, a real description.
depends="$(dpkg-deb -f "$cli_deb" Depends)"
for lib in libc6 libcurl4 libssl3 libjq1; do
  [[ $depends == *"$lib "* || $depends == *"$lib" ]] || fail "techpass does not depend on $lib: $depends"
done
[[ "$(dpkg-deb -f "$emu_deb" Depends)" == *libsqlite3-0* ]] || fail "techpass-emulator does not depend on libsqlite3-0"
[[ "$(dpkg-deb -f "$cli_deb" Description)" == "command-line administration for TechPass"$'\n'* ]] ||
  fail "unexpected description: $(dpkg-deb -f "$cli_deb" Description | head -1)"

# lintian: nothing at error or warning level.
suppress=()
[[ $sanitized == 1 ]] && suppress=(--suppress-tags hardening-no-pie)
lintian --fail-on error,warning --allow-root "${suppress[@]}" "$cli_deb" "$emu_deb" >"$work/lintian.log" 2>&1 ||
  { cat "$work/lintian.log" >&2; fail "lintian found problems"; }

root="$work/root"
dpkg-deb -x "$cli_deb" "$root"
dpkg-deb -x "$emu_deb" "$root"
for path in usr/bin/techpass usr/bin/techpass-emulator usr/share/man/man1/techpass.1.gz \
  usr/share/man/man1/techpass-groups.1.gz usr/share/man/man5/techpass-config.5.gz \
  usr/share/man/man1/techpass-emulator.1.gz usr/share/bash-completion/completions/techpass \
  usr/share/zsh/vendor-completions/_techpass usr/share/fish/vendor_completions.d/techpass.fish \
  usr/share/doc/techpass/copyright usr/share/doc/techpass/changelog.gz; do
  [[ -e "$root/$path" ]] || fail "the packages do not install /$path"
done

version="$("$root/usr/bin/techpass" version)"
[[ $version =~ ^techpass\ version\ [0-9]+\.[0-9]+\.[0-9]+$ ]] || fail "installed techpass version printed: $version"
[[ "$("$root/usr/bin/techpass-emulator" --version)" == techpass-emulator* ]] || fail "installed techpass-emulator --version"

for page in man1/techpass.1.gz man1/techpass-emulator.1.gz man5/techpass-tenant.5.gz; do
  text="$(MANWIDTH=80 man -l "$root/usr/share/man/$page" 2>&1)" || fail "man -l $page failed: $text"
  [[ $text == *NAME* && $text == *SYNOPSIS* ]] || fail "man -l $page shows no NAME and SYNOPSIS"
done

# The installed completions, with the installed techpass first on PATH.
export PATH="$root/usr/bin:$PATH"
got="$(bash -c 'source "$1"; COMP_WORDS=(techpass gro); COMP_CWORD=1; _techpass; echo "${COMPREPLY[*]}"' \
  _ "$root/usr/share/bash-completion/completions/techpass" 2>&1)"
[[ $got == groups ]] || fail "bash completion of 'techpass gro' gave: $got"
got="$(fish --no-config -c "source $root/usr/share/fish/vendor_completions.d/techpass.fish; complete -C'techpass groups mem'" 2>&1)"
[[ $got == members* ]] || fail "fish completion of 'techpass groups mem' gave: $got"

echo "check-package: $(basename "$cli_deb") and $(basename "$emu_deb") built, lintian clean, installed and used"
