#!/usr/bin/env bash
# OS packages the scripts and tests use besides PostgreSQL and RabbitMQ (services.sh installs those).
#   scripts/tools.sh test   what ./test.sh needs
#   scripts/tools.sh run    what ./run.sh prints commands for
set -euo pipefail
[ "$(id -u)" -eq 0 ] || SUDO=sudo
SUDO=${SUDO:-}

# command:package pairs
case "${1:-test}" in
  test) wanted=(dig:dnsutils swaks:swaks chromium:chromium lz4:lz4) ;;
  run) wanted=(dig:dnsutils swaks:swaks openssl:openssl) ;;
  *) echo "usage: $0 test|run" >&2; exit 2 ;;
esac

missing=()
for pair in "${wanted[@]}"; do
  command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair#*:}")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "[tools] installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
