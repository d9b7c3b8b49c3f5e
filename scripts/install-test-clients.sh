#!/usr/bin/env bash
# Installs the PostgreSQL client drivers used by test/clients/clients.test.ts (Debian 12, as root).
# Idempotent: only missing pieces are installed; `apt-get update` runs only when something is missing.
#   psql      <- postgresql-client      (skipped if `psql` is already on PATH)
#   psycopg 3 <- python3-psycopg        (for Debian's /usr/bin/python3)
#   psycopg2  <- python3-psycopg2
#   asyncpg   <- python3-asyncpg
#   javac     <- default-jdk-headless   (skipped if `javac` is already on PATH)
#   pgjdbc    <- libpostgresql-jdbc-java (/usr/share/java/postgresql.jar)
# Set SKIP_JDBC=1 to leave out the Java pieces.
set -euo pipefail

missing=()
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
need_pkg() {
  if have_pkg "$1"; then echo "install-test-clients: $1 already installed"; else missing+=("$1"); fi
}

if command -v psql >/dev/null 2>&1; then
  echo "install-test-clients: psql already present ($(command -v psql))"
else
  need_pkg postgresql-client
fi
need_pkg python3-psycopg
need_pkg python3-psycopg2
need_pkg python3-asyncpg
if [ "${SKIP_JDBC:-0}" != "1" ]; then
  if command -v javac >/dev/null 2>&1; then
    echo "install-test-clients: javac already present ($(command -v javac))"
  else
    need_pkg default-jdk-headless
  fi
  need_pkg libpostgresql-jdbc-java
fi

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-test-clients: nothing to install"
  exit 0
fi

if [ "$(id -u)" != "0" ]; then
  SUDO=sudo
else
  SUDO=
fi
echo "install-test-clients: installing ${missing[*]}"
$SUDO apt-get update -q
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
echo "install-test-clients: installed ${missing[*]}"
