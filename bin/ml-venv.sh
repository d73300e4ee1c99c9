#!/usr/bin/env bash
# Creates or updates the Python virtual environment that the ML task types (MLFLOW, DVC, OPENMLDB) and
# their real-tool tests use: mlflow, dvc, flaml (with xgboost-cpu and lightgbm), scikit-learn, pandas and the
# openmldb SDK, from PyPI only.
#
# Contract:
#   - The venv lives at $PORPOISE_ML_VENV (default: <repo>/.venv-ml). Prints its path as the last line.
#   - Idempotent: when the venv already holds exactly the package set below (a stamp file records it)
#     and its python still runs, the script returns within a second without touching the network.
#   - PORPOISE_ML_VENV_FORCE=1 reinstalls the set; PORPOISE_ML_PYTHON picks the interpreter (default python3).
#   - The openmldb SDK is installed without its declared dependency pins (importlib-metadata<5,
#     IPython<=7.30.1, sqlalchemy<=2.0.27 clash with mlflow's own requirements); its DB-API module is
#     then import-checked. If it cannot be installed or imported, the venv is still usable and the stamp
#     says `openmldb-sdk: unavailable` (the OPENMLDB tests use a test double of the SDK in any case).
#   - Writes <venv>/ml-env.sh, an env script that puts the venv on PATH (for use as a task Environment).
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="${PORPOISE_ML_VENV:-$repo_root/.venv-ml}"
python="${PORPOISE_ML_PYTHON:-python3}"

# The package set. Exact versions keep runs reproducible; change them here and the stamp forces an update.
core_packages=(
  "mlflow==2.22.4"
  "dvc==3.67.1"
  "flaml==2.3.5"
  # FLAML's AutoML imports xgboost and trains LightGBM by default; xgboost-cpu is the CPU-only build
  # (a few MB instead of the CUDA one).
  "xgboost-cpu==2.1.4"
  "lightgbm==4.6.0"
  "scikit-learn==1.6.1"
  "pandas==2.2.3"
  # mlflow 2.22 fails on SQLAlchemy 2.1 (sqlite tracking stores); 2.0.27 also suits the openmldb SDK
  "sqlalchemy==2.0.27"
  # mlflow 2.22's model server uses decorators that Starlette 1.x removed
  "fastapi==0.115.12"
  "starlette==0.46.2"
  # runs tests/ml
  "pytest==8.3.5"
)
openmldb_package="openmldb==0.9.2"
openmldb_runtime_deps=("prettytable<=3.1.0" "ipython>=8,<9")

wanted_stamp="$(printf '%s\n' "${core_packages[@]}" "$openmldb_package" "${openmldb_runtime_deps[@]}")"
stamp_file="$venv/porpoise-ml.stamp"

log() { printf 'ml-venv: %s\n' "$*" >&2; }

if [[ "${PORPOISE_ML_VENV_FORCE:-0}" != 1 && -f "$stamp_file" && -x "$venv/bin/python" ]]; then
  if [[ "$(sed '/^openmldb-sdk: /d' "$stamp_file")" == "$wanted_stamp" ]] && "$venv/bin/python" -c 'import sys' 2>/dev/null; then
    log "up to date ($(grep '^openmldb-sdk: ' "$stamp_file" || echo 'openmldb-sdk: unknown'))"
    echo "$venv"
    exit 0
  fi
fi

started=$(date +%s)
if [[ ! -x "$venv/bin/python" ]]; then
  log "creating $venv with $("$python" --version 2>&1)"
  "$python" -m venv "$venv"
fi
pip=("$venv/bin/python" -m pip --disable-pip-version-check)

log "installing ${core_packages[*]}"
"${pip[@]}" install --quiet --upgrade pip wheel
"${pip[@]}" install --quiet "${core_packages[@]}"
if ! "$venv/bin/python" -c 'import mlflow, dvc, sklearn, pandas; from flaml import AutoML' >/dev/null 2>&1; then
  log "ERROR: the installed packages do not import:"
  "$venv/bin/python" -c 'import mlflow, dvc, sklearn, pandas; from flaml import AutoML' 2>&1 | tail -n 5 >&2
  exit 1
fi

openmldb_state=unavailable
log "installing $openmldb_package (without its dependency pins: pip's conflict report about them below is expected)"
if "${pip[@]}" install --quiet --no-deps "$openmldb_package" && "${pip[@]}" install --quiet "${openmldb_runtime_deps[@]}"; then
  if "$venv/bin/python" -c 'import openmldb.dbapi' 2>/dev/null; then
    openmldb_state=installed
  else
    log "WARNING: $openmldb_package installed but 'import openmldb.dbapi' fails with $("$venv/bin/python" --version 2>&1):"
    "$venv/bin/python" -c 'import openmldb.dbapi' 2>&1 | tail -n 3 >&2 || true
  fi
else
  log "WARNING: $openmldb_package could not be installed for $("$venv/bin/python" --version 2>&1)"
fi

cat >"$venv/ml-env.sh" <<EOF
# Env script for ML tasks: puts the Porpoise ML virtual environment first on PATH.
export PATH="$venv/bin:\$PATH"
export PYTHON_LAUNCHER="$venv/bin/python"
EOF

{
  echo "$wanted_stamp"
  echo "openmldb-sdk: $openmldb_state"
} >"$stamp_file"
log "done in $(($(date +%s) - started)) s (openmldb sdk: $openmldb_state)"
echo "$venv"
