// What the engine hands the worker (TaskLaunch) and what the worker reports back (TaskOutcome).
//
// Contract:
//  - A TaskLaunch is self-contained: the worker knows nothing of DAGs, parameters or the database;
//    everything it needs to run one task attempt is in here (spec ds-tasks.md §2, §4).
//  - A TaskOutcome is reported exactly once per submitted or adopted task, on the worker's thread.
//    How to read it (spec ds-tasks.md §2.5):
//      timedOut            -> FAILURE (the worker killed it because the timeout strategy says so)
//      killed              -> KILL (kill() was asked for, or the process exited with 137)
//      exitCode == 0       -> SUCCESS
//      anything else       -> FAILURE (exitCode -1 means the worker could not run or follow it; see message)
//    classify() does exactly this mapping.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "porpoise/task_plugin.h"

namespace porpoise::worker {

struct TaskLaunch {
  int64_t taskInstanceId = 0;
  int64_t workflowInstanceId = 0;
  std::string taskAppId;            // "<workflowInstanceId>_<taskInstanceId>"; names the wrapper file
  std::string executePath;          // absolute directory, created (with parents) by the worker
  std::string logPath;              // absolute task log file; opened for append, parents created
  porpoise::RenderedTask rendered;  // script placed after the env line, plus files for the execute dir
  std::string envScriptPath;        // the wrapper says `source <path>` (empty: no source line) ...
  std::string environmentConfig;    // ... unless this is non-empty: then this text replaces that line verbatim
  std::string tenant;               // OS user; only used when sudo is true
  bool sudo = false;                // run as `sudo -u <tenant> -E bash <wrapper>`
  std::chrono::seconds timeout{0};  // 0 = no timeout; counted from the moment the process starts
  bool killOnTimeout = false;       // FAILED / WARNFAILED strategies kill; WARN only reports
  int priority = 2;                 // lower value runs first (DolphinScheduler HIGHEST=0 ... LOWEST=4)
  int64_t order = 0;                // within one priority, lower order first (then submission order)
  bool dryRun = false;              // no files, no process: immediate success
};

struct TaskOutcome {
  int64_t taskInstanceId = 0;
  int exitCode = -1;      // process exit code; 128+N when the wrapper died from signal N; -1 = none
  bool killed = false;    // kill() requested (also for a task removed from the queue) or exit code 137
  bool timedOut = false;  // the worker killed it when its timeout was reached
  int pid = 0;            // pid of the task's process group leader (0 = never started)
  std::vector<std::pair<std::string, std::string>> setValues;  // ${setValue(k=v)} captures, in output order
  std::string message;  // human-readable summary; says what went wrong when exitCode is -1

  enum class Result { SUCCESS, FAILURE, KILL };
  Result classify() const {
    if (timedOut) return Result::FAILURE;
    if (killed) return Result::KILL;
    return exitCode == 0 ? Result::SUCCESS : Result::FAILURE;
  }
};

}  // namespace porpoise::worker
