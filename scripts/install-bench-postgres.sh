#!/usr/bin/env bash
# Installs Debian's PostgreSQL 15 server for bench/pg-roundtrip.bench.ts (Debian 12, as root).
# The benchmark runs its own throwaway cluster (initdb into a temp dir, free port), so Debian's
# automatic "main" cluster is switched off *before* postgresql-15 is installed: nothing takes 5432.
# Idempotent: does nothing when /usr/lib/postgresql/15/bin/postgres exists; `apt-get update` runs
# only when something is installed.
set -euo pipefail

PG_BIN=/usr/lib/postgresql/15/bin/postgres
CONF=/etc/postgresql-common/createcluster.conf

if [ -x "$PG_BIN" ]; then
  echo "install-bench-postgres: $PG_BIN already present, nothing to do"
  exit 0
fi

if [ "$(id -u)" != "0" ]; then SUDO=sudo; else SUDO=; fi
apt_install() {
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    -o Dpkg::Options::=--force-confold "$@"
}

$SUDO apt-get update -q
# createcluster.conf is a conffile of postgresql-common (which itself creates no cluster), so install
# that first, then turn off the main cluster, then install the server (whose postinst would create it).
apt_install postgresql-common
$SUDO mkdir -p "$(dirname "$CONF")"
$SUDO touch "$CONF"
if grep -Eq '^[#[:space:]]*create_main_cluster' "$CONF"; then
  $SUDO sed -ri 's/^[#[:space:]]*create_main_cluster.*$/create_main_cluster = false/' "$CONF"
else
  echo 'create_main_cluster = false' | $SUDO tee -a "$CONF" >/dev/null
fi
echo "install-bench-postgres: $(grep -E '^create_main_cluster' "$CONF")"
apt_install postgresql-15
echo "install-bench-postgres: installed $("$PG_BIN" --version)"
