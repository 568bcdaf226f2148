#!/usr/bin/env bash
# Install the Debian packages netops needs, only those that are missing.
# Runs as root on a fresh Debian machine (CI, a new laptop); elsewhere it only reports.
set -euo pipefail

# python3-venv: the virtualenv; libyaml-0-2: PyYAML's fast C loader;
# openssh-client: Ansible's ssh connection to classroom terminals;
# influxdb: the influxd 1.6.7 binary the lab and the tests run as their own process
# (netops.lab.influx; never the system service); snmp: net-snmp tools (snmpbulkwalk).
PACKAGES=(python3-venv libyaml-0-2 openssh-client make influxdb snmp tmux)

missing=()
for pkg in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
# A Python that already has venv (pyenv, a custom build) does not need Debian's.
if python3 -c 'import venv, ensurepip' 2>/dev/null; then
  missing=("${missing[@]/python3-venv}")
fi
read -r -a missing <<< "${missing[*]:-}"
if [ "${#missing[@]}" -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "bootstrap: missing Debian packages: ${missing[*]} (run as root to install them)" >&2
  exit 1
fi
echo "bootstrap: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
# The influxdb package may start a system-wide server on :8086; netops runs its own.
if command -v systemctl >/dev/null 2>&1; then
  systemctl disable --now influxdb >/dev/null 2>&1 || true
fi
