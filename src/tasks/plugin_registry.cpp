#include <porpoise/task_plugin.h>

namespace porpoise {

TaskPluginRegistry& TaskPluginRegistry::instance() {
  static TaskPluginRegistry registry;
  return registry;
}

void TaskPluginRegistry::add(std::unique_ptr<TaskPlugin> plugin) {
  auto name = plugin->type();
  plugins_[name] = std::move(plugin);
}

const TaskPlugin* TaskPluginRegistry::find(const std::string& type) const {
  auto it = plugins_.find(type);
  return it == plugins_.end() ? nullptr : it->second.get();
}

std::vector<std::string> TaskPluginRegistry::types() const {
  std::vector<std::string> out;
  for (const auto& [name, _] : plugins_) out.push_back(name);
  return out;
}

}  // namespace porpoise
