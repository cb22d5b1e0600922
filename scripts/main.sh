#!/usr/bin/env bash
# The kiosk's main job on the embedded defaults (README, first command).
# Installs what it needs, then:
#  - with a screen ($DISPLAY) and a microphone: `kiosk run` on the bundled canteen menu;
#  - otherwise (a server, CI): `kiosk demo`, synthesized diners ordering and paying
#    through the real speech models, payment queue and settlement server.
# Extra arguments go to the command, e.g. `bash scripts/main.sh --orders 10`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$PWD/.venv/bin:$PATH"
if [ -n "${DISPLAY:-}" ] && [ -z "${KIOSK_HEADLESS:-}" ] \
   && .venv/bin/python -c "import sounddevice as s, sys; sys.exit(0 if any(d['max_input_channels'] > 0 for d in s.query_devices()) else 1)" 2>/dev/null; then
  exec kiosk run --menu menus/canteen.toml "$@"
fi
exec kiosk demo "$@"
