#!/usr/bin/env bash
# Build the hub's Python environment: jupyterhub, jupyterlab, nbgrader, voila, ipywidgets, psycopg and
# the valmennus package itself (participants' kernels import it), pinned by the repo's requirements.lock.
#
# Why a separate venv from Debian's /usr/bin/python3: the hub spawns servers as real Linux users, and
# an interpreter under /root (pyenv, the repo's .venv) is unreadable for them. The prefix must be
# readable by everyone (default /opt/valmennus-hub). valmennus is installed non-editable from a copy
# of the repo, so the hub never depends on the checkout's permissions or leaves build/ in it.
#
# usage: deploy/build-hub-env.sh <repo> <prefix>      (prefix/venv is created or updated)
set -euo pipefail
repo=$(cd "${1:?repo}" && pwd)
prefix=${2:?prefix}
python=${HUB_PYTHON:-/usr/bin/python3}
venv="$prefix/venv"
mkdir -p "$prefix"
chmod 0755 "$prefix"
[ -x "$venv/bin/python" ] || "$python" -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --upgrade pip
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/pkg"
cp -r "$repo/pyproject.toml" "$repo/README.md" "$repo/src" "$tmp/pkg/"
# requirements.lock was frozen on Python 3.11.7; Debian 12 has 3.11.2, and a few pins need >= 3.11.5.
# Those are left to pip (listed in hub-constraints.txt's header); everything else keeps the lock's pin.
grep -v -i -E '^(soupsieve)==' "$repo/requirements.lock" > "$tmp/lock.txt"
# jupyterhub is not in requirements.lock (the repo venv never needs it); its version is pinned here.
# HUB_CONSTRAINTS: another pin file instead of deploy/hub-constraints.txt (trying a JupyterHub version).
"$venv/bin/python" -m pip install --quiet -c "$tmp/lock.txt" -c "${HUB_CONSTRAINTS:-$repo/deploy/hub-constraints.txt}" \
  "$tmp/pkg" jupyterhub "psycopg[binary]" 2>&1 | grep -v -E '^WARNING: Location|BuildBackendWarning|^ +' || true
# The package's version does not change with every edit: reinstall it so the hub runs the current code.
"$venv/bin/python" -m pip install --quiet --no-deps --force-reinstall "$tmp/pkg" 2>&1 \
  | grep -v -E '^WARNING: Location|BuildBackendWarning|^ +' || true
"$venv/bin/python" -c "import jupyterhub, nbgrader, voila, valmennus, psycopg"
chmod -R a+rX "$prefix"
