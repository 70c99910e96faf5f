#!/usr/bin/env bash
# Everything the project needs from Debian, on a fresh Debian 12 machine:
#  - Mesa's lavapipe for WebGPU (scripts/setup-vulkan.sh),
#  - Chromium, driven by playwright-core for the formula sheet's browser test
#    (Debian's, never a downloaded browser),
#  - python3-numpy (the plots' and schedules' reference values) and
#    python3-sympy (the independent re-check of the formula sheet).
# Idempotent: installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup-vulkan.sh

need=""
[ -x /usr/bin/chromium ] || need="$need chromium"
python3 -c 'import numpy' 2>/dev/null || need="$need python3-numpy"
python3 -c 'import sympy' 2>/dev/null || need="$need python3-sympy"
if [ -z "$need" ]; then
  echo "setup: chromium, numpy and sympy already installed"
  exit 0
fi
if ! command -v apt-get >/dev/null; then
  echo "setup: no apt-get; install$need yourself (their tests skip, saying why, without them)" >&2
  exit 0
fi
SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $need
