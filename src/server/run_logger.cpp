#include "server/run_logger.h"

#include <spdlog/spdlog.h>

#include <filesystem>
#include <fstream>

#include "util/time.h"

namespace porpoise::server {

void RunLogger::taskLog(const model::TaskInstance& task, const std::string& line) {
  if (task.logPath.empty()) return;
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(task.logPath).parent_path(), ec);
  std::ofstream out(task.logPath, std::ios::app);
  out << "[porpoise " << util::formatDateTime(util::now()) << "] " << line << "\n";
}

void RunLogger::warning(const engine::EngineWarning& warning) {
  spdlog::warn("workflow instance {} task instance {}: {}", warning.workflowInstanceId, warning.taskInstanceId,
               warning.message);
}

void RunLogger::workflowFinished(const model::WorkflowInstance& instance) {
  spdlog::info("workflow instance {} ({}) finished: {}", instance.id, instance.name, model::enumName(instance.state));
}

}  // namespace porpoise::server
