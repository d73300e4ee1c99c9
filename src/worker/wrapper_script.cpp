#include "worker/wrapper_script.h"

namespace porpoise::worker {

std::string shellQuote(const std::string& text) {
  bool plain = !text.empty();
  for (char c : text) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    for (char allowed : std::string_view("_./:=@%+,-")) ok = ok || c == allowed;
    if (!ok) {
      plain = false;
      break;
    }
  }
  if (plain) return text;
  std::string quoted = "'";
  for (char c : text) {
    if (c == '\'') {
      quoted += "'\\''";
    } else {
      quoted += c;
    }
  }
  quoted += "'";
  return quoted;
}

std::string wrapperScript(const std::string& envScriptPath, const std::string& environmentConfig,
                          const std::string& script) {
  std::string text = "#!/bin/bash\n";
  text += "BASEDIR=$(cd \"$(dirname \"$0\")\"; pwd)\n";
  text += "cd \"$BASEDIR\"\n";
  if (!environmentConfig.empty()) {
    text += environmentConfig;
    text += "\n";
  } else if (!envScriptPath.empty()) {
    text += "source " + shellQuote(envScriptPath) + "\n";
  }
  text += script;
  return text;
}

const std::string& runnerScript() {
  // Kept on few lines: it shows up in `ps` output as the task's process group leader.
  static const std::string text =
      "trap : TERM HUP; echo $$ > \"$2/pid.tmp\" && command -p mv -f \"$2/pid.tmp\" \"$2/pid\"\n"
      "\"${@:3}\" </dev/null; rc=$?\n"
      "echo $rc > \"$2/exit_code.tmp\" && command -p mv -f \"$2/exit_code.tmp\" \"$2/exit_code\"\n"
      "exit $rc";
  return text;
}

std::vector<std::string> runnerArguments(const RunnerCommand& command) {
  std::vector<std::string> argv = {command.bashPath, "-c",          runnerScript(),
                                   kRunnerName,      command.appId, command.executePath};
  if (command.sudo) {
    argv.insert(argv.end(), {command.sudoPath, "-u", command.tenant, "-E"});
  }
  argv.insert(argv.end(), {command.bashPath, command.wrapperPath});
  return argv;
}

}  // namespace porpoise::worker
