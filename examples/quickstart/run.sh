#!/usr/bin/env bash
# Quickstart: submit examples/quickstart/hello.yaml with `porpoise yaml` and show what ran.
#   examples/quickstart/run.sh              start a throw-away server (data in a temporary folder)
#   examples/quickstart/run.sh SERVER_URL   use a running server, e.g. http://127.0.0.1:12345/dolphinscheduler
# Environment: PORPOISE_BIN (default <repo>/build/bin/porpoise), QUICKSTART_FILE (default hello.yaml).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
porpoise="${PORPOISE_BIN:-$repo/build/bin/porpoise}"
file="${QUICKSTART_FILE:-$here/hello.yaml}"
server_url="${1:-}"
[[ -x "$porpoise" ]] || { echo "run.sh: $porpoise is missing: build it (ninja -C build porpoise) or set PORPOISE_BIN" >&2; exit 1; }

server_pid=""
data_dir=""
cleanup() {
  local status=$?
  if [[ -n "$server_pid" ]]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  [[ -n "$data_dir" ]] && rm -rf "$data_dir"
  exit "$status"
}
trap cleanup EXIT

if [[ -z "$server_url" ]]; then
  data_dir="$(mktemp -d /tmp/porpoise-quickstart.XXXXXX)"
  port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
  "$porpoise" standalone-server --port "$port" --data-dir "$data_dir" --daemon >"$data_dir/server.out" 2>&1 &
  server_pid=$!
  server_url="http://127.0.0.1:$port/dolphinscheduler"
  for _ in $(seq 1 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$data_dir/server.out" >&2; exit 1; }
    sleep 0.2
  done
  echo "started a server at $server_url (data in $data_dir, removed at the end)"
fi

python3 "$here/quickstart_client.py" setup --server "$server_url"
output="$("$porpoise" yaml -f "$file" --server "$server_url")" || { echo "$output"; exit 1; }
echo "$output"
instance="$(sed -n "s/^workflow '.*': started (instance \([0-9]*\)).*/\1/p" <<<"$output" | tail -n 1)"
[[ -n "$instance" ]] || { echo "run.sh: $file did not start a workflow" >&2; exit 1; }
project="$(sed -n "s/.*project '\(.*\)')$/\1/p" <<<"$output" | tail -n 1)"
python3 "$here/quickstart_client.py" wait --server "$server_url" --project "${project:-quickstart}" --instance "$instance"
