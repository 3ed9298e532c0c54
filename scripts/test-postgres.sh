#!/usr/bin/env bash
# Starts Debian's PostgreSQL cluster (no systemd needed: pg_ctlcluster) and makes
# sure a role and a database for the tests exist, then prints the connection URL
# for APERTURE_TEST_PG on stdout. Idempotent: re-runs reuse what is there.
# Run as root (or as a user that may run `su postgres`).
#
# Usage: scripts/test-postgres.sh        → postgresql://aperture_test:…@127.0.0.1:PORT/aperture_test
# Exits 1, saying why on stderr, when no cluster can be started.
set -euo pipefail

role=aperture_test
database=aperture_test
password=aperture_test  # a loopback-only test database; not a secret

as_postgres() {
  if [[ $(id -un) == postgres ]]; then
    "$@"
  elif [[ $(id -u) -eq 0 ]]; then
    su postgres -s /bin/sh -c "$(printf '%q ' "$@")"
  else
    sudo -u postgres "$@"
  fi
}

command -v pg_lsclusters >/dev/null || { echo "test-postgres: postgresql is not installed" >&2; exit 1; }
# The newest cluster Debian's postgresql-common knows; create one if there is none.
read -r version cluster port status _ < <(pg_lsclusters --no-header | sort -k1,1n | tail -n1) || true
if [[ -z "${version:-}" ]]; then
  version=$(ls /usr/lib/postgresql | sort -n | tail -n1)
  pg_createcluster "$version" main >&2
  read -r version cluster port status _ < <(pg_lsclusters --no-header | sort -k1,1n | tail -n1)
fi
if [[ "$status" != online* ]]; then
  pg_ctlcluster "$version" "$cluster" start >&2
fi
for _ in $(seq 1 50); do
  as_postgres psql -p "$port" -qtAc 'SELECT 1' >/dev/null 2>&1 && break
  sleep 0.2
done
as_postgres psql -p "$port" -qtAc 'SELECT 1' >/dev/null || { echo "test-postgres: the cluster does not answer" >&2; exit 1; }

if [[ -z "$(as_postgres psql -p "$port" -qtAc "SELECT 1 FROM pg_roles WHERE rolname = '$role'")" ]]; then
  as_postgres psql -p "$port" -qc "CREATE ROLE $role LOGIN PASSWORD '$password'" >&2
fi
if [[ -z "$(as_postgres psql -p "$port" -qtAc "SELECT 1 FROM pg_database WHERE datname = '$database'")" ]]; then
  as_postgres psql -p "$port" -qc "CREATE DATABASE $database OWNER $role" >&2
fi
echo "postgresql://$role:$password@127.0.0.1:$port/$database"
