#include <stdexcept>

#include "tasks/mlflow_scripts.h"
#include "util/strings.h"

namespace porpoise::tasks {
namespace {

// Bash helpers of the serve script; they only use the variables serve_port, serve_dir, serve_log and
// serve_pid_file set before them.
constexpr const char* kServeHelpers = R"SH(mlflow_server_answers() (
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
)SH";

}  // namespace

std::string mlflowServeScript(const MlflowParams& p, const MlflowSettings& settings) {
  std::string wait = std::to_string(settings.serveWaitSeconds);
  std::string envManager = settings.envManager.empty() ? "" : " --env-manager=" + settings.envManager;
  return "export MLFLOW_TRACKING_URI=" + p.trackingUri +
         "\n"
         "serve_port=" +
         util::trim(p.deployPort) +
         "\n"
         "serve_dir=\"" +
         settings.serveDir +
         "\"\n"
         "serve_log=\"$serve_dir/mlflow-serve-$serve_port.log\"\n"
         "serve_pid_file=\"$serve_dir/mlflow-serve-$serve_port.pid\"\n" +
         kServeHelpers + "setsid nohup mlflow models serve -m " + p.deployModelKey + " --port $serve_port -h 0.0.0.0" +
         envManager +
         " >\"$serve_log\" 2>&1 </dev/null &\n"
         "server_pid=$!\n"
         "echo \"$server_pid\" >\"$serve_pid_file\"\n"
         "trap 'stop_server \"$server_pid\"; rm -f \"$serve_pid_file\"; exit 143' TERM INT HUP\n"
         "echo \"Started mlflow models serve for " +
         p.deployModelKey +
         " on port $serve_port (pid $server_pid, log $serve_log)\"\n"
         "deadline=$((SECONDS + " +
         wait +
         "))\n"
         "until mlflow_server_answers; do\n"
         "  if ! kill -0 \"$server_pid\" 2>/dev/null; then\n"
         "    echo \"The model server exited before answering; the end of its log:\" >&2\n"
         "    tail -n 50 \"$serve_log\" >&2\n"
         "    rm -f \"$serve_pid_file\"\n"
         "    exit 1\n"
         "  fi\n"
         "  if [ \"$SECONDS\" -ge \"$deadline\" ]; then\n"
         "    echo \"The model server did not answer GET http://127.0.0.1:$serve_port/ping within " +
         wait +
         " s; the end of its log:\" >&2\n"
         "    tail -n 50 \"$serve_log\" >&2\n"
         "    stop_server \"$server_pid\"\n"
         "    rm -f \"$serve_pid_file\"\n"
         "    exit 1\n"
         "  fi\n"
         "  sleep 1\n"
         "done\n"
         "trap - TERM INT HUP\n"
         "echo \"The model server answers: POST http://<this host>:$serve_port/invocations (pid $server_pid keeps "
         "serving after this task)\"";
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
  return "export MLFLOW_TRACKING_URI=" + p.trackingUri +
         "\n"
         "set -e\n"
         "command -v docker >/dev/null 2>&1 || { echo \"docker is not installed on this worker: deployType DOCKER "
         "needs a docker engine\" >&2; exit 1; }\n"
         "mlflow models build-docker -m " +
         p.deployModelKey + " -n " + names.image +
         " --enable-mlserver\n"
         "docker rm -f " +
         names.container +
         " >/dev/null 2>&1 || true\n"
         "docker run -d --name=" +
         names.container + " -p=" + util::trim(p.deployPort) +
         ":8080 --health-cmd \"curl --fail http://127.0.0.1:8080/ping || exit 1\" --health-interval 5s "
         "--health-retries 20 " +
         names.image +
         "\n"
         "for attempt in $(seq 1 20); do\n"
         "  health=$(docker inspect --format '{{json .State.Health.Status }}' " +
         names.container +
         " | tr -d '\"\\n' || true)\n"
         "  echo \"Container " +
         names.container +
         " health: $health (check $attempt of 20)\"\n"
         "  if [ \"$health\" = healthy ]; then exit 0; fi\n"
         "  sleep 5\n"
         "done\n"
         "echo \"Container " +
         names.container + " did not become healthy within 100 s\" >&2\nexit 1";
}

}  // namespace porpoise::tasks
