#!/usr/bin/env bash
# Makes sure a Chromium (or Chrome) binary is on PATH for ReportChromiumIT, which opens the page of
# `precis report` in headless Chromium. The jobs build runs this at pre-integration-test.
#
# Exits 0 at once if chromium, chromium-browser or google-chrome is on PATH. Otherwise installs
# Debian's chromium package without questions (apt-get, as root or through password-less sudo)
# and checks again. Fails with a message that names the fix when it cannot.
set -euo pipefail

readonly NAMES=(chromium chromium-browser google-chrome)

say() { echo "ensure-chromium: $*"; }

fail() {
  echo "ensure-chromium: ERROR: $*" >&2
  echo "ensure-chromium: ReportChromiumIT needs one of ${NAMES[*]} on PATH. On Debian or Ubuntu:" >&2
  echo "ensure-chromium:   sudo apt-get update && sudo apt-get install -y --no-install-recommends chromium" >&2
  echo "ensure-chromium: or skip the integration tests with -DskipITs." >&2
  exit 1
}

found() {
  local name
  for name in "${NAMES[@]}"; do
    if command -v "$name" >/dev/null 2>&1; then
      say "found $(command -v "$name")"
      return 0
    fi
  done
  return 1
}

if found; then
  exit 0
fi

say "no ${NAMES[*]} on PATH; installing Debian's chromium package"
command -v apt-get >/dev/null 2>&1 || fail "apt-get is not available, so chromium cannot be installed here."

if [ "$(id -u)" -eq 0 ]; then
  as_root=(env)
elif command -v sudo >/dev/null 2>&1 && sudo -n true >/dev/null 2>&1; then
  as_root=(sudo -n env)
else
  fail "installing chromium needs root, and this is not root and has no password-less sudo."
fi

apt_get=("${as_root[@]}" DEBIAN_FRONTEND=noninteractive apt-get -q -y)
"${apt_get[@]}" update || fail "'apt-get update' failed (see above)."
"${apt_get[@]}" install --no-install-recommends chromium \
  || fail "'apt-get install chromium' failed (see above)."

found || fail "the chromium package is installed but none of ${NAMES[*]} is on PATH ($PATH)."
