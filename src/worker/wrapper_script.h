// The two bash scripts around every task: the wrapper (`<appId>.command`) and the runner.
//
// Contract:
//  - wrapperScript() is DolphinScheduler's command file (spec ds-tasks.md §2.2), lines joined by '\n',
//    no trailing newline, no `set -e`:
//        #!/bin/bash
//        BASEDIR=$(cd "$(dirname "$0")"; pwd)
//        cd "$BASEDIR"
//        source <envScriptPath>        <- or the environment config verbatim; omitted when both are empty
//        <rendered script>
//    (DolphinScheduler leaves $0 and $BASEDIR unquoted; Porpoise quotes them so that execute paths
//    with blanks work. The env path is shell-quoted when it needs it.)
//  - The runner is the small outer bash the worker starts as the leader of the task's own session and
//    process group. Its stdout/stderr are the task log file itself (opened by the worker with
//    O_APPEND), so output keeps flowing if the server dies. It writes its pid to <dir>/pid, runs
//    the wrapper command given as its arguments, then writes the wrapper's exit status (128+N for a
//    signal) atomically (temporary file + `command -p mv`) to <dir>/exit_code and exits with it.
//    It catches TERM and HUP with an empty handler, so a TERM sent to the group ends the wrapper but
//    still lets the runner record its status; the wrapper and its children keep default handlers.
//  - runnerArguments() builds the argv: bash -c <runner> porpoise-task <appId> <dir> [sudo -u <tenant> -E]
//    bash <wrapper>. "porpoise-task" and the execute directory in argv are how adopt() recognises the
//    process after a restart (see ProcessMarker in task_process.h).
#pragma once

#include <string>
#include <vector>

namespace porpoise::worker {

inline constexpr const char* kRunnerName = "porpoise-task";
inline constexpr const char* kPidFileName = "pid";
inline constexpr const char* kExitCodeFileName = "exit_code";

std::string wrapperScript(const std::string& envScriptPath, const std::string& environmentConfig,
                          const std::string& script);

// Text of the runner script; $1 = appId, $2 = execute dir, $3... = the command that runs the wrapper.
const std::string& runnerScript();

struct RunnerCommand {
  std::string bashPath;  // interpreter for runner and wrapper, e.g. "/bin/bash"
  std::string sudoPath;  // used only when sudo is true
  bool sudo = false;
  std::string tenant;
  std::string appId;
  std::string executePath;
  std::string wrapperPath;
};
std::vector<std::string> runnerArguments(const RunnerCommand& command);

// Single-quotes `text` for bash when it contains anything but [A-Za-z0-9_./:=@%+,-].
std::string shellQuote(const std::string& text);

}  // namespace porpoise::worker
