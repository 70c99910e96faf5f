#!/usr/bin/env bash
# Gives a GPU-less Debian 12 machine a WebGPU adapter: Mesa's lavapipe (a CPU
# Vulkan driver) from bookworm-backports. Debian 12's own mesa-vulkan-drivers
# (22.x) is too old for Dawn; 25.x from backports works.
# Idempotent: does nothing when a lavapipe ICD of Mesa >= 24 is already there,
# and nothing on a machine that is not Debian 12 (say so, exit 0).
set -euo pipefail

have_new_lavapipe() {
  local v
  v=$(dpkg-query -W -f='${Version}' mesa-vulkan-drivers 2>/dev/null || true)
  [ -n "$v" ] || return 1
  dpkg --compare-versions "$v" ge 24 || return 1
  ls /usr/share/vulkan/icd.d/lvp_icd*.json >/dev/null 2>&1
}

if have_new_lavapipe; then
  echo "setup-vulkan: lavapipe $(dpkg-query -W -f='${Version}' mesa-vulkan-drivers) already installed"
  exit 0
fi

codename=$( . /etc/os-release 2>/dev/null && echo "${VERSION_CODENAME:-}" )
if [ "$codename" != "bookworm" ]; then
  echo "setup-vulkan: not Debian 12 (codename '$codename'); install a Vulkan driver (Mesa >= 24 lavapipe) yourself" >&2
  exit 0
fi

SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"

list=/etc/apt/sources.list.d/bookworm-backports.sources
if ! grep -rqs "bookworm-backports" /etc/apt/sources.list /etc/apt/sources.list.d/; then
  $SUDO tee "$list" >/dev/null <<'SRC'
Types: deb
URIs: http://deb.debian.org/debian
Suites: bookworm-backports
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq -t bookworm-backports mesa-vulkan-drivers libvulkan1 >/dev/null
echo "setup-vulkan: installed lavapipe $(dpkg-query -W -f='${Version}' mesa-vulkan-drivers)"
