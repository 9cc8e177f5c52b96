#!/usr/bin/env bash
# Makes sure a PostgreSQL server runs on this machine with a database for the EF Core store's tests, then prints the
# connection string (and nothing else) on stdout; progress goes to stderr.
#   bash eng/test-postgres.sh               install Debian's `postgresql` when it is missing (needs root), start it
#   bash eng/test-postgres.sh --no-install  never install: fail (exit 1) when PostgreSQL is missing
# Idempotent: an installed, running server with the role and database costs a few psql calls. The role's password is a
# fixed, fake test value: the server only listens on localhost and the database holds generated test data.
set -euo pipefail
role=aircall_test
password=aircall-test-password-not-a-secret
database=aircall_test

if ! compgen -G '/usr/lib/postgresql/*/bin/postgres' > /dev/null; then
  if [ "${1:-}" = "--no-install" ]; then
    echo "PostgreSQL is not installed (apt-get install -y postgresql, or set AIRCALL_TEST_POSTGRES)" >&2
    exit 1
  fi
  echo "::: installing PostgreSQL (apt-get install postgresql)" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends postgresql >&2
fi

# Debian's cluster tools: initdb refuses root, pg_createcluster and pg_ctlcluster run the server as postgres.
version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
if [ -z "$(pg_lsclusters -h 2>/dev/null)" ]; then
  pg_createcluster "$version" main >&2
fi
read -r cluster_version cluster port status _ < <(pg_lsclusters -h | head -n 1)
if [ "$status" != "online" ]; then
  pg_ctlcluster "$cluster_version" "$cluster" start >&2
fi
for _ in $(seq 1 30); do
  runuser -u postgres -- psql -p "$port" -Atqc 'SELECT 1' > /dev/null 2>&1 && break
  sleep 1
done

psql_admin() { runuser -u postgres -- psql -p "$port" -v ON_ERROR_STOP=1 -Atq "$@"; }
# The fleet tests run several worker processes, each with its pools and one connection per running slice: Debian's
# default of 100 connections is too few for them and the other suites at once.
if [ "$(psql_admin -c 'SHOW max_connections')" -lt 300 ]; then
  echo "::: raising max_connections to 300 (restarts the test server)" >&2
  psql_admin -c "ALTER SYSTEM SET max_connections = 300" >&2
  pg_ctlcluster "$cluster_version" "$cluster" restart >&2
  for _ in $(seq 1 30); do
    runuser -u postgres -- psql -p "$port" -Atqc 'SELECT 1' > /dev/null 2>&1 && break
    sleep 1
  done
fi
if [ -z "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = '$role'")" ]; then
  psql_admin -c "CREATE ROLE $role LOGIN PASSWORD '$password'" >&2
fi
if [ -z "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '$database'")" ]; then
  psql_admin -c "CREATE DATABASE $database OWNER $role" >&2
fi
echo "Host=127.0.0.1;Port=$port;Database=$database;Username=$role;Password=$password"
