#include <map>
#include <stdexcept>

#include "tasks/mlflow_scripts.h"
#include "util/strings.h"

namespace porpoise::tasks {
namespace {

// The serve script. @@NAME@@ marks the values filled in by fillTemplate().
constexpr const char* kServeTemplate = R"SH(export MLFLOW_TRACKING_URI=@@TRACKING_URI@@
serve_port=@@PORT@@
serve_dir="@@SERVE_DIR@@"
serve_log="$serve_dir/mlflow-serve-$serve_port.log"
serve_pid_file="$serve_dir/mlflow-serve-$serve_port.pid"
mlflow_server_answers() (
  exec 3<>"/dev/tcp/127.0.0.1/$serve_port" || exit 1
  printf 'GET /ping HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3
  IFS= read -r -t 5 status_line <&3 || exit 1
  [[ "$status_line" == HTTP/*" 200"* ]]
) 2>/dev/null
port_in_use() (exec 3<>"/dev/tcp/127.0.0.1/$serve_port") 2>/dev/null
stop_server() {
  kill -- "-$1" 2>/dev/null || kill "$1" 2>/dev/null || true
  for _ in $(seq 1 30); do kill -0 "$1" 2>/dev/null || return 0; sleep 1; done
  kill -9 -- "-$1" 2>/dev/null || true
}
mkdir -p "$serve_dir" || exit 1
if [ -f "$serve_pid_file" ]; then
  previous_pid=$(cat "$serve_pid_file")
  if [ -n "$previous_pid" ] && grep -qa mlflow "/proc/$previous_pid/cmdline" 2>/dev/null; then
    echo "Stopping the model server started earlier on port $serve_port (pid $previous_pid)"
    stop_server "$previous_pid"
  fi
  rm -f "$serve_pid_file"
fi
if port_in_use; then
  echo "Port $serve_port is already in use by another program: the model server cannot listen on it" >&2
  exit 1
fi
setsid nohup mlflow models serve -m @@MODEL_KEY@@ --port $serve_port -h 0.0.0.0@@ENV_MANAGER@@ >"$serve_log" 2>&1 </dev/null &
server_pid=$!
echo "$server_pid" >"$serve_pid_file"
trap 'stop_server "$server_pid"; rm -f "$serve_pid_file"; exit 143' TERM INT HUP
echo "Started mlflow models serve for @@MODEL_KEY@@ on port $serve_port (pid $server_pid, log $serve_log)"
deadline=$((SECONDS + @@WAIT@@))
until mlflow_server_answers; do
  if ! kill -0 "$server_pid" 2>/dev/null; then
    echo "The model server exited before answering; the end of its log:" >&2
    tail -n 50 "$serve_log" >&2
    rm -f "$serve_pid_file"
    exit 1
  fi
  if [ "$SECONDS" -ge "$deadline" ]; then
    echo "The model server did not answer GET http://127.0.0.1:$serve_port/ping within @@WAIT@@ s; the end of its log:" >&2
    tail -n 50 "$serve_log" >&2
    stop_server "$server_pid"
    rm -f "$serve_pid_file"
    exit 1
  fi
  sleep 1
done
trap - TERM INT HUP
echo "The model server answers: POST http://<this host>:$serve_port/invocations (pid $server_pid keeps serving after this task)")SH";

constexpr const char* kDockerTemplate = R"SH(export MLFLOW_TRACKING_URI=@@TRACKING_URI@@
set -e
command -v docker >/dev/null 2>&1 || { echo "docker is not installed on this worker: deployType DOCKER needs a docker engine" >&2; exit 1; }
docker info >/dev/null 2>&1 || { echo "the docker engine is not reachable from this worker (docker info failed): deployType DOCKER needs one" >&2; exit 1; }
mlflow models build-docker -m @@MODEL_KEY@@ -n @@IMAGE@@ --enable-mlserver
docker rm -f @@CONTAINER@@ >/dev/null 2>&1 || true
docker run -d --name=@@CONTAINER@@ -p=@@PORT@@:8080 --health-cmd "curl --fail http://127.0.0.1:8080/ping || exit 1" --health-interval 5s --health-retries 20 @@IMAGE@@
for attempt in $(seq 1 20); do
  health=$(docker inspect --format '{{json .State.Health.Status }}' @@CONTAINER@@ | tr -d '"\n' || true)
  echo "Container @@CONTAINER@@ health: $health (check $attempt of 20)"
  if [ "$health" = healthy ]; then exit 0; fi
  sleep 5
done
echo "Container @@CONTAINER@@ did not become healthy within 100 s" >&2
exit 1)SH";

// Replaces each @@NAME@@ of `text` with values.at(NAME) in one pass, so values are never scanned again.
std::string fillTemplate(const std::string& text, const std::map<std::string, std::string>& values) {
  std::string out;
  size_t pos = 0;
  while (true) {
    size_t open = text.find("@@", pos);
    size_t close = open == std::string::npos ? open : text.find("@@", open + 2);
    if (close == std::string::npos) break;
    auto it = values.find(text.substr(open + 2, close - open - 2));
    if (it == values.end()) {  // not a marker: keep the first "@@" and go on after it
      out += text.substr(pos, open + 2 - pos);
      pos = open + 2;
      continue;
    }
    out += text.substr(pos, open - pos) + it->second;
    pos = close + 2;
  }
  return out + text.substr(pos);
}

}  // namespace

std::string mlflowServeScript(const MlflowParams& p, const MlflowSettings& settings) {
  return fillTemplate(kServeTemplate,
                      {{"TRACKING_URI", p.trackingUri},
                       {"PORT", util::trim(p.deployPort)},
                       {"SERVE_DIR", settings.serveDir},
                       {"MODEL_KEY", p.deployModelKey},
                       {"ENV_MANAGER", settings.envManager.empty() ? "" : " --env-manager=" + settings.envManager},
                       {"WAIT", std::to_string(settings.serveWaitSeconds)}});
}

MlflowDockerNames mlflowDockerNames(const std::string& key) {
  std::string rest;
  if (util::startsWith(key, "runs:/"))
    rest = key.substr(6);
  else if (util::startsWith(key, "models:/"))
    rest = key.substr(8);
  else
    throw std::invalid_argument("deployModelKey must start with runs:/ or models:/, got \"" + key + "\"");
  rest = util::toLower(rest);
  MlflowDockerNames names;
  std::string tag = rest;
  size_t slash = tag.find('/');
  if (slash != std::string::npos) {
    tag[slash] = ':';
    util::replaceAll(tag, "/", "-");
  }
  names.image = "mlflow/" + tag;
  std::string container = rest;
  util::replaceAll(container, "/", "-");
  names.container = "ds-mlflow-" + container;
  return names;
}

std::string mlflowDockerScript(const MlflowParams& p) {
  MlflowDockerNames names = mlflowDockerNames(p.deployModelKey);
  return fillTemplate(kDockerTemplate, {{"TRACKING_URI", p.trackingUri},
                                        {"MODEL_KEY", p.deployModelKey},
                                        {"IMAGE", names.image},
                                        {"CONTAINER", names.container},
                                        {"PORT", util::trim(p.deployPort)}});
}

}  // namespace porpoise::tasks
