// engine::RunObserver for the server: engine decisions go to the task's log file, warnings and
// finished workflows to the server log.
#pragma once

#include "engine/run_observer.h"

namespace porpoise::server {

class RunLogger : public engine::RunObserver {
 public:
  void taskLog(const model::TaskInstance& task, const std::string& line) override;
  void warning(const engine::EngineWarning& warning) override;
  void workflowFinished(const model::WorkflowInstance& instance) override;
};

}  // namespace porpoise::server
