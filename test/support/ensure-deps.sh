#!/usr/bin/env bash
# Installs the system programs the tests drive (Debian packages) when they are missing.
# Java and Maven run the embedded MongoDB stand-in; chromium runs the browser tests.
set -euo pipefail

need=()
{ command -v java && command -v javac; } >/dev/null 2>&1 || need+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null 2>&1 || need+=(maven)
[ -x /usr/bin/chromium ] || need+=(chromium)
# Chinese glyphs, so browser screenshots show text rather than boxes.
fc-list :lang=zh 2>/dev/null | grep -q . || need+=(fonts-noto-cjk)
for extra in "$@"; do
  command -v "$extra" >/dev/null 2>&1 || need+=("$extra")
done
# The nginx site serves the h5 build's precompressed .br files (deploy/nginx/liulian.conf: brotli_static).
if [[ " $* " == *" nginx "* ]] && [ ! -e /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ]; then
  need+=(libnginx-mod-http-brotli-static)
fi

if [ ${#need[@]} -eq 0 ]; then
  echo "[deps] java, maven and chromium are present"
  exit 0
fi

if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "[deps] missing: ${need[*]}. Install them (Debian: sudo apt-get install -y ${need[*]}) and run again." >&2
  exit 1
fi

echo "[deps] installing ${need[*]} (apt-get)…"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
echo "[deps] installed ${need[*]}"
