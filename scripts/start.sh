#!/usr/bin/env bash
# Install the app's packages into .venv and start it on the embedded default
# (SQLite under data/, sample data loaded on the first start).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -r requirements.txt
exec .venv/bin/python -m streamlit run app.py "$@"
