#!/usr/bin/env bash
# Installs schemathesis (the API fuzzer, from PyPI, pinned) into a virtualenv outside the work tree
# when it is missing, and prints the path of its executable on the last line.
set -euo pipefail

version=4.32.5
venv="${LIULIAN_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/liulian}/schemathesis-$version"
bin="$venv/bin/schemathesis"

if [ -x "$bin" ] && "$bin" --version 2>/dev/null | grep -q "version $version\$"; then
  echo "[deps] schemathesis $version is present" >&2
  echo "$bin"
  exit 0
fi

if ! python3 -c 'import venv, ensurepip' >/dev/null 2>&1; then
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "[deps] python3 with venv is missing (Debian: sudo apt-get install -y python3-venv) and run again." >&2
    exit 1
  fi
  echo "[deps] installing python3-venv (apt-get)…" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends python3 python3-venv >/dev/null
fi

echo "[deps] installing schemathesis $version into $venv (pip)…" >&2
rm -rf "$venv"
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$version" >&2
"$bin" --version >&2
echo "$bin"
