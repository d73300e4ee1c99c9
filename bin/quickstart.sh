#!/usr/bin/env bash
# One command for a fresh Debian 12 machine: set up what is missing, build, start the server.
set -euo pipefail
HOME_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$HOME_DIR/bin/setup.sh"
exec "$HOME_DIR/bin/dolphinscheduler-daemon.sh" start standalone-server "$@"
