#!/usr/bin/env bash
# DolphinScheduler-compatible service script for Porpoise.
#   bin/dolphinscheduler-daemon.sh start|stop|status|restart standalone-server [server options]
# start: runs build/bin/porpoise in the background with a pid file, waits until the HTTP port
#        answers, prints the URL and the default credentials.
# stop:  SIGTERM, waits for a graceful exit (then SIGKILL after PORPOISE_STOP_TIMEOUT seconds).
# status: says whether the server runs.
# Works from any current directory. Extra options (--port N, --data-dir DIR, --config FILE) are
# passed to the server. PORPOISE_BIN overrides the binary.
set -uo pipefail
HOME_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN="${PORPOISE_BIN:-$HOME_DIR/build/bin/porpoise}"
RUN_DIR="${PORPOISE_RUN_DIR:-$HOME_DIR/run}"
LOG_DIR="$HOME_DIR/logs"
STOP_TIMEOUT="${PORPOISE_STOP_TIMEOUT:-30}"

usage() { echo "usage: $0 start|stop|status|restart standalone-server [--port N] [--data-dir DIR] [--config FILE]" >&2; exit 2; }
[ $# -ge 2 ] || usage
command="$1"; service="$2"; shift 2
[ "$service" = "standalone-server" ] || { echo "unknown service '$service' (only standalone-server exists)" >&2; exit 2; }
PID_FILE="$RUN_DIR/standalone-server.pid"

port_of() {
  local port="" next=0
  for a in "$@"; do
    if [ "$next" = 1 ]; then port="$a"; next=0; fi
    [ "$a" = "--port" ] && next=1
  done
  if [ -z "$port" ]; then
    port=$(sed -n '/^server:/,/^[^ #]/s/^ *port: *\([0-9]*\).*/\1/p' "$HOME_DIR/conf/application.yaml" 2>/dev/null | head -1)
  fi
  echo "${port:-12345}"
}

running_pid() {
  [ -f "$PID_FILE" ] || return 1
  local pid; pid=$(cat "$PID_FILE" 2>/dev/null)
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && grep -q porpoise "/proc/$pid/cmdline" 2>/dev/null && { echo "$pid"; return 0; }
  return 1
}

port_answers() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

start() {
  if pid=$(running_pid); then echo "standalone-server is already running (pid $pid)"; return 0; fi
  [ -x "$BIN" ] || { echo "no server binary at $BIN: run bin/setup.sh first" >&2; return 1; }
  mkdir -p "$RUN_DIR" "$LOG_DIR"
  local port; port=$(port_of "$@")
  if port_answers "$port"; then echo "port $port is already in use by another program" >&2; return 1; fi
  nohup "$BIN" standalone-server --daemon "$@" >>"$LOG_DIR/standalone-server.out" 2>&1 </dev/null &
  local pid=$!
  echo "$pid" >"$PID_FILE"
  for _ in $(seq 1 300); do
    if port_answers "$port"; then
      echo "standalone-server started (pid $pid)"
      echo "  UI:    http://localhost:$port/dolphinscheduler/ui"
      echo "  login: admin / dolphinscheduler123"
      echo "  logs:  $LOG_DIR"
      return 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "standalone-server failed to start; last lines of $LOG_DIR/standalone-server.out:" >&2
      tail -n 20 "$LOG_DIR/standalone-server.out" >&2
      rm -f "$PID_FILE"
      return 1
    fi
    sleep 0.1
  done
  echo "standalone-server (pid $pid) did not open port $port within 30 s" >&2
  return 1
}

stop() {
  local pid
  if ! pid=$(running_pid); then echo "standalone-server is not running"; rm -f "$PID_FILE"; return 0; fi
  kill -TERM "$pid"
  for _ in $(seq 1 $((STOP_TIMEOUT * 10))); do
    if ! kill -0 "$pid" 2>/dev/null; then rm -f "$PID_FILE"; echo "standalone-server stopped (pid $pid)"; return 0; fi
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null
  rm -f "$PID_FILE"
  echo "standalone-server did not stop within ${STOP_TIMEOUT}s and was killed (pid $pid)"
}

status() {
  if pid=$(running_pid); then echo "standalone-server is running (pid $pid)"; return 0; fi
  echo "standalone-server is not running"
  return 3
}

case "$command" in
  start) start "$@" ;;
  stop) stop ;;
  status) status ;;
  restart) stop; start "$@" ;;
  *) usage ;;
esac
