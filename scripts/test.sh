#!/usr/bin/env bash
# The test command (README, .ci/run): installs what is needed, then runs
# ruff, mypy and the whole test suite with the real models and services.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

echo "== ruff"
.venv/bin/ruff check kiosk tests scripts
echo "== mypy"
.venv/bin/mypy

# A real PostgreSQL for the settlement server's tests (skipped only without a DSN).
if [ -z "${KIOSK_TEST_PG_DSN:-}" ] && [ -f scripts/start_postgres.sh ]; then
  KIOSK_TEST_PG_DSN="$(bash scripts/start_postgres.sh)" || KIOSK_TEST_PG_DSN=""
  export KIOSK_TEST_PG_DSN
fi

echo "== pytest"
export PATH="$PWD/.venv/bin:$PATH"
exec .venv/bin/python -m pytest -q -p no:cacheprovider "$@"
