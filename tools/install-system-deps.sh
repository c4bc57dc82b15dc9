#!/usr/bin/env bash
# System packages the test suite needs, from Debian's archive: Chromium for browser tests (never a
# downloaded browser) and a font with Finnish glyphs; PostgreSQL server binaries (the workflow tests
# also run on a PostgreSQL gradebook, started by the tests themselves with initdb + pg_ctl); for the
# one-host JupyterHub (deploy/, the hub test): python3-venv for Debian's Python, node and npm for
# configurable-http-proxy. Idempotent; installs only when run as root.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
# Debian's packaged server lives in /usr/lib/postgresql/<version>/bin (not on PATH); the tests look there.
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || command -v initdb >/dev/null 2>&1 || need+=(postgresql)
if [ -x /usr/bin/python3 ] && ! /usr/bin/python3 -c "import ensurepip" >/dev/null 2>&1; then
  need+=(python3-venv)
fi
command -v node >/dev/null 2>&1 || need+=(nodejs)
command -v npm >/dev/null 2>&1 || need+=(npm)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "install-system-deps: please install ${need[*]} (Debian packages); browser, PostgreSQL and hub tests need them" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
