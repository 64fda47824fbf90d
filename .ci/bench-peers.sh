#!/usr/bin/env bash
# Installs what the benchmark's SQLAlchemy peer (src/bench/python/sqlalchemy_side.py) needs: Debian's
# SQLAlchemy and psycopg2, for Debian's /usr/bin/python3 (a pyenv or other python3 on the PATH does not
# see them; PyPI is not reachable from here). Idempotent: does nothing when both already import.
# Debian 12 ships SQLAlchemy 1.4.x, the line issue 11's review measured; a newer Debian ships 2.0.x,
# which the script also runs on, and reports.
set -euo pipefail

check='import sqlalchemy, psycopg2; print("SQLAlchemy", sqlalchemy.__version__, "and psycopg2", psycopg2.__version__.split()[0], "for /usr/bin/python3")'
if [[ -x /usr/bin/python3 ]] && /usr/bin/python3 -c "$check" 2>/dev/null; then
  exit 0
fi
as_root=()
if [[ $(id -u) -ne 0 ]]; then
  as_root=(sudo)
fi
"${as_root[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq python3 python3-sqlalchemy python3-psycopg2 >/dev/null
/usr/bin/python3 -c "$check"
