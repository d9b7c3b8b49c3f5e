#!/usr/bin/env bash
# Installs the PostgreSQL client drivers used by test/clients/clients.test.ts (Debian 12, as root).
# Idempotent: only missing pieces are installed; `apt-get update` runs only when something is missing.
#   psql        <- postgresql-client      (skipped if `psql` is already on PATH)
#   psycopg 3   <- python3-psycopg        (for Debian's /usr/bin/python3)
#   psycopg2    <- python3-psycopg2
#   asyncpg     <- python3-asyncpg
#   aiopg       <- python3-aiopg, python3-async-timeout (Debian 12's python3-aiopg does not
#                  declare this import of aiopg/pool.py)
#   SQLAlchemy 1.4 + pandas <- python3-sqlalchemy, python3-pandas
#   javac       <- default-jdk-headless   (skipped if `javac` is already on PATH)
#   pgjdbc      <- libpostgresql-jdbc-java (/usr/share/java/postgresql.jar)
#   psqlODBC    <- odbc-postgresql, unixodbc, python3-pyodbc (driver "PostgreSQL Unicode")
#   PDO_PGSQL   <- php-cli, php-pgsql
#   ruby-pg     <- ruby-pg (pulls in ruby)
#   pgx v4      <- golang-go, golang-github-jackc-pgx-v4-dev (its Go dependencies come as Debian
#                  packages under /usr/share/gocode; built offline in GOPATH mode)
# Switches (set to 1 to leave a group out; clients.test.ts skips the matching tests):
#   SKIP_JDBC, SKIP_ODBC, SKIP_PHP, SKIP_RUBY, SKIP_GO, SKIP_PANDAS
set -euo pipefail

missing=()
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
need_pkg() {
  if have_pkg "$1"; then echo "install-test-clients: $1 already installed"; else missing+=("$1"); fi
}
wanted() { local v="SKIP_$1"; [ "${!v:-0}" != "1" ]; }

if command -v psql >/dev/null 2>&1; then
  echo "install-test-clients: psql already present ($(command -v psql))"
else
  need_pkg postgresql-client
fi
need_pkg python3-psycopg
need_pkg python3-psycopg2
need_pkg python3-asyncpg
need_pkg python3-aiopg
need_pkg python3-async-timeout
if wanted PANDAS; then
  need_pkg python3-sqlalchemy
  need_pkg python3-pandas
fi
if wanted JDBC; then
  if command -v javac >/dev/null 2>&1; then
    echo "install-test-clients: javac already present ($(command -v javac))"
  else
    need_pkg default-jdk-headless
  fi
  need_pkg libpostgresql-jdbc-java
fi
if wanted ODBC; then
  need_pkg unixodbc
  need_pkg odbc-postgresql
  need_pkg python3-pyodbc
fi
if wanted PHP; then
  need_pkg php-cli
  need_pkg php-pgsql
fi
if wanted RUBY; then
  need_pkg ruby-pg
fi
if wanted GO; then
  need_pkg golang-go
  need_pkg golang-github-jackc-pgx-v4-dev
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
