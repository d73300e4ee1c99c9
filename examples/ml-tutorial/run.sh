#!/usr/bin/env bash
# Runs the ML tutorial end to end on this machine:
#   examples/ml-tutorial/run.sh                 start a Porpoise server of its own (stopped at the end)
#   examples/ml-tutorial/run.sh SERVER_URL      use a running server, e.g. http://127.0.0.1:12345/dolphinscheduler
#                                              (its ml.mlflow.preset_repository must point at <repo>/mlflow-preset
#                                              or a copy of the preset projects; see README.md)
# Steps: ML venv (bin/ml-venv.sh), work folder with the DVC remote, tenant + Environment `ml-tutorial`,
# MLflow experiment, then the four workflows submitted with `porpoise yaml` one after the other, each
# waited for; finally checks that the model is registered in Production and that the served model answers.
# Environment: ML_TUTORIAL_HOME (work folder, default /tmp/porpoise-ml-tutorial, emptied first),
# PORPOISE_BIN (default <repo>/build/bin/porpoise), ML_TUTORIAL_KEEP_SERVING=1 leaves the model server running,
# ML_TUTORIAL_WORKFLOWS (default "init_dvc_repo prepare_data train_model deploy").
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
porpoise="${PORPOISE_BIN:-$repo/build/bin/porpoise}"
server_url="${1:-}"
workflows="${ML_TUTORIAL_WORKFLOWS:-init_dvc_repo prepare_data train_model deploy}"
export ML_TUTORIAL_HOME="${ML_TUTORIAL_HOME:-/tmp/porpoise-ml-tutorial}"

log() { printf '\n== %s\n' "$*"; }
[[ -x "$porpoise" ]] || { echo "run.sh: $porpoise is missing: build it (ninja -C build porpoise) or set PORPOISE_BIN" >&2; exit 1; }

log "ML virtual environment"
venv="$(bash "$repo/bin/ml-venv.sh" | tail -n 1)"
python="$venv/bin/python"

log "work folder $ML_TUTORIAL_HOME"
if [[ -f "$ML_TUTORIAL_HOME/serve/mlflow-serve.port" ]]; then
  old_pid_file="$ML_TUTORIAL_HOME/serve/mlflow-serve-$(cat "$ML_TUTORIAL_HOME/serve/mlflow-serve.port").pid"
  [[ -f "$old_pid_file" ]] && kill -- "-$(cat "$old_pid_file")" 2>/dev/null || true
fi
rm -rf "$ML_TUTORIAL_HOME"
mkdir -p "$ML_TUTORIAL_HOME"/{dvc/store,mlflow/artifacts,serve}
export ML_TUTORIAL_SERVE_PORT="${ML_TUTORIAL_SERVE_PORT:-$("$python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')}"
echo "$ML_TUTORIAL_SERVE_PORT" >"$ML_TUTORIAL_HOME/serve/mlflow-serve.port"
tracking_uri="sqlite:///$ML_TUTORIAL_HOME/mlflow/mlflow.db"

server_pid=""
cleanup() {
  local status=$?
  if [[ "${ML_TUTORIAL_KEEP_SERVING:-0}" != 1 ]]; then
    for pid_file in "$ML_TUTORIAL_HOME"/serve/mlflow-serve-*.pid; do
      [[ -f "$pid_file" ]] && { kill -- "-$(cat "$pid_file")" 2>/dev/null || true; rm -f "$pid_file"; }
    done
    # A server given on the command line keeps the model server's pid file in its own serve_dir.
    if command -v lsof >/dev/null 2>&1; then
      serving="$(lsof -t -i:"$ML_TUTORIAL_SERVE_PORT" -sTCP:LISTEN 2>/dev/null || true)"
      [[ -n "$serving" ]] && kill $serving 2>/dev/null || true
    fi
  fi
  if [[ -n "$server_pid" ]]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  exit "$status"
}
trap cleanup EXIT

if [[ -z "$server_url" ]]; then
  port="$("$python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
  config="$ML_TUTORIAL_HOME/application.yaml"
  cat >"$config" <<YAML
# Written by examples/ml-tutorial/run.sh for the tutorial's own server.
server:
  address: 127.0.0.1
  port: $port
paths:
  data-dir: $ML_TUTORIAL_HOME/server
  log-dir: $ML_TUTORIAL_HOME/server/logs
  ui-dir: $repo/web/dist
  env-script: $repo/conf/dolphinscheduler_env.sh
  execute-dir: $ML_TUTORIAL_HOME/server/exec
tasks:
  ml:
    mlflow:
      preset_repository: $repo/mlflow-preset
      serve_dir: $ML_TUTORIAL_HOME/serve
      serve_wait_seconds: 180
YAML
  log "starting porpoise standalone-server on port $port (log $ML_TUTORIAL_HOME/server.out)"
  mkdir -p "$ML_TUTORIAL_HOME/server"
  "$porpoise" standalone-server --config "$config" --port "$port" --data-dir "$ML_TUTORIAL_HOME/server" --daemon \
    >"$ML_TUTORIAL_HOME/server.out" 2>&1 &
  server_pid=$!
  server_url="http://127.0.0.1:$port/dolphinscheduler"
  for _ in $(seq 1 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$ML_TUTORIAL_HOME/server.out" >&2; exit 1; }
    sleep 0.2
  done
fi
echo "server: $server_url"

log "tenant and Environment ml-tutorial (puts $venv/bin on PATH for the tasks)"
cat >"$ML_TUTORIAL_HOME/ml-env.sh" <<ENV
export PATH=$venv/bin:\$PATH
export PYTHON_LAUNCHER=$venv/bin/python
export DVC_NO_ANALYTICS=1
ENV
"$python" "$here/tutorial_client.py" setup --server "$server_url" --env-file "$ML_TUTORIAL_HOME/ml-env.sh"

log "MLflow tracking store $tracking_uri"
(cd "$ML_TUTORIAL_HOME/mlflow" && "$python" "$here/tutorial_client.py" experiment --tracking-uri "$tracking_uri" \
  --artifacts "$ML_TUTORIAL_HOME/mlflow/artifacts")

for workflow in $workflows; do
  file="$here/pyds/$workflow.yaml"
  log "porpoise yaml -f ${file#"$repo"/}"
  output="$("$porpoise" yaml -f "$file" --server "$server_url")" || { echo "$output"; exit 1; }
  echo "$output"
  name="$(sed -n "s/^workflow '\(.*\)': started.*/\1/p" <<<"$output" | tail -n 1)"
  instance="$(sed -n "s/^workflow '.*': started (instance \([0-9]*\)).*/\1/p" <<<"$output" | tail -n 1)"
  [[ -n "$name" ]] || { echo "run.sh: $file did not start a workflow" >&2; exit 1; }
  "$python" "$here/tutorial_client.py" wait --server "$server_url" --project ml-tutorial --workflow "$name" \
    ${instance:+--instance "$instance"} --timeout 900
done

if [[ " $workflows " == *" deploy "* ]]; then
  log "checks: registered model and served model"
  "$python" "$here/tutorial_client.py" check --tracking-uri "$tracking_uri" --model airplane \
    --port "$ML_TUTORIAL_SERVE_PORT" --data "$ML_TUTORIAL_HOME/train_data"
fi
log "ML tutorial finished"
