#!/usr/bin/env bash
# Starts a throwaway PostgreSQL (Debian's `postgresql` package) for the
# settlement server's tests and benchmark, and prints ONLY its DSN on stdout.
#
#   KIOSK_TEST_PG_DSN="$(bash scripts/start_postgres.sh)"
#
# - Runs the server as the `postgres` user (we are root in CI; no systemd).
# - Data directory: $KIOSK_PG_DIR (default /var/tmp/kiosk-pg), listening on
#   127.0.0.1 only, on $KIOSK_PG_PORT or the first free port from 55432.
# - Idempotent: if the cluster in that directory is already running, it only
#   prints the DSN again. Logs go to stderr and $KIOSK_PG_DIR/server.log.
# - `bash scripts/start_postgres.sh --stop` stops it.
set -euo pipefail

DIR="${KIOSK_PG_DIR:-/var/tmp/kiosk-pg}"
DATA="$DIR/data"
DB="${KIOSK_PG_DB:-kiosk_test}"
log() { echo "start_postgres: $*" >&2; }

BIN=""
for d in /usr/lib/postgresql/*/bin; do
  [ -x "$d/pg_ctl" ] && BIN="$d"
done
if [ -z "$BIN" ]; then
  log "PostgreSQL is not installed (apt-get install postgresql)"; exit 1
fi

as_pg() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  elif [ "$(id -un)" = "postgres" ]; then
    "$@"
  else
    log "must run as root or postgres"; exit 1
  fi
}

port_free() {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

if [ "${1:-}" = "--stop" ]; then
  [ -d "$DATA" ] && as_pg "$BIN/pg_ctl" -D "$DATA" -m fast stop >&2 || true
  exit 0
fi

mkdir -p "$DIR"
chown postgres:postgres "$DIR" 2>/dev/null || true
chmod 700 "$DIR"

if [ ! -f "$DATA/PG_VERSION" ]; then
  log "initdb $DATA"
  as_pg "$BIN/initdb" -D "$DATA" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >&2 \
    || as_pg "$BIN/initdb" -D "$DATA" -U postgres -A trust -E UTF8 --no-locale >&2
fi

if as_pg "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
  PORT="$(cat "$DIR/port")"
  log "already running on port $PORT"
else
  PORT="${KIOSK_PG_PORT:-}"
  if [ -z "$PORT" ]; then
    PORT=55432
    while ! port_free "$PORT"; do PORT=$((PORT + 1)); [ "$PORT" -lt 55532 ] || { log "no free port"; exit 1; }; done
  fi
  echo "$PORT" > "$DIR/port"
  log "starting on 127.0.0.1:$PORT"
  as_pg "$BIN/pg_ctl" -D "$DATA" -l "$DIR/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DIR -c max_connections=200 -c fsync=on" \
    start >&2
fi

as_pg "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -tAc \
  "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1 \
  || as_pg "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres "$DB" >&2

echo "postgresql://postgres@127.0.0.1:$PORT/$DB"
