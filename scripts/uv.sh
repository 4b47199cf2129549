#!/usr/bin/env bash
# Finds uv, or installs it for this user only (no sudo, no system packages),
# then runs uv with the given arguments. Used by ./run, ./test and the Makefile.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools="$here/.tools"
export UV_PYTHON_DOWNLOADS=never

find_uv() {
  if [ -x "$tools/bin/uv" ]; then echo "$tools/bin/uv"; return 0; fi
  if command -v uv >/dev/null 2>&1; then command -v uv; return 0; fi
  return 1
}

if ! uv_bin="$(find_uv)"; then
  echo "首次运行：正在为当前用户安装 uv（不需要管理员权限）……" >&2
  python="${PYTHON:-python3}"
  # Preferred: a private venv with pip. Debian without python3-venv lacks ensurepip,
  # so fall back to fetching the uv wheel with the standard library alone.
  if "$python" -m venv "$tools/venv" >/dev/null 2>&1 && "$tools/venv/bin/python" -m pip --version >/dev/null 2>&1; then
    "$tools/venv/bin/python" -m pip install --quiet --disable-pip-version-check uv
    mkdir -p "$tools/bin"
    ln -sf "$tools/venv/bin/uv" "$tools/bin/uv"
  else
    rm -rf "$tools/venv"
    "$python" "$here/scripts/fetch_uv.py" "$tools/bin"
  fi
  uv_bin="$tools/bin/uv"
fi
exec "$uv_bin" "$@"
