#!/usr/bin/env bash
# Starts a throw-away PostgreSQL server for the test suite and prints its SQLAlchemy URL.
# Uses the Debian cluster tools when run as root; prints nothing when no server can be had,
# and the PostgreSQL tests are then skipped (they never are in CI, which runs as root).
set -uo pipefail
port=${REALNAME_TEST_PG_PORT:-54329}
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[[ -n $bindir && -x $bindir/initdb ]] || exit 0
datadir=${REALNAME_TEST_PG_DIR:-/tmp/realname-test-pg}
run_as=()
if [[ $(id -u) -eq 0 ]]; then run_as=(runuser -u postgres --); fi
if ! "${run_as[@]}" "$bindir/pg_ctl" -D "$datadir" status >/dev/null 2>&1; then
  rm -rf "$datadir"; mkdir -p "$datadir"
  [[ $(id -u) -eq 0 ]] && chown postgres:postgres "$datadir"
  "${run_as[@]}" "$bindir/initdb" -D "$datadir" -U postgres -A trust -E UTF8 >/dev/null 2>&1 || exit 0
  "${run_as[@]}" "$bindir/pg_ctl" -D "$datadir" -l "$datadir/server.log" -w \
    -o "-p $port -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null 2>&1 || exit 0
fi
echo "postgresql+psycopg://postgres@127.0.0.1:$port/postgres"
