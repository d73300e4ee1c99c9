// The built-in registry holds this part's task types, and every task of those types in the
// pydolphinscheduler oracle fixtures validates.
#include "tasks/builtin_plugins.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace porpoise::tasks {
namespace {

TEST(BuiltinPlugins, RegistersCoreAndLogicTaskTypes) {
  registerBuiltinPlugins();
  registerBuiltinPlugins();  // idempotent
  auto& registry = TaskPluginRegistry::instance();
  for (const char* type : {"SHELL", "PYTHON", "HTTP"}) {
    const TaskPlugin* plugin = registry.find(type);
    ASSERT_NE(plugin, nullptr) << type;
    EXPECT_EQ(plugin->type(), type);
    EXPECT_TRUE(plugin->runsOnWorker()) << type;
  }
  for (const char* type : {"CONDITIONS", "SWITCH", "SUB_PROCESS", "SUB_WORKFLOW", "DEPENDENT"}) {
    const TaskPlugin* plugin = registry.find(type);
    ASSERT_NE(plugin, nullptr) << type;
    EXPECT_EQ(plugin->type(), type);
    EXPECT_FALSE(plugin->runsOnWorker()) << type;
  }
  EXPECT_EQ(registry.find("NO_SUCH_TYPE"), nullptr);
}

// The oracle files live in the shared folder beside the repository (fixtures/pyds-expected/*.json:
// the calls pydolphinscheduler made, with every task definition it sent).
TEST(BuiltinPlugins, PydolphinschedulerFixtureTasksValidate) {
  std::filesystem::path dir =
      std::filesystem::path(PORPOISE_SOURCE_DIR) / ".." / "shared" / "fixtures" / "pyds-expected";
  if (!std::filesystem::is_directory(dir)) GTEST_SKIP() << "no fixtures at " << dir;
  registerBuiltinPlugins();
  auto& registry = TaskPluginRegistry::instance();
  int checked = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".json") continue;
    std::ifstream in(entry.path());
    auto oracle = nlohmann::json::parse(in);
    for (const auto& call : oracle["calls"]) {
      const auto& args = call["args"];
      if (!args.is_object() || !args.contains("taskDefinitionJson")) continue;
      for (const auto& task : args["taskDefinitionJson"]["$json"]) {
        std::string type = task["taskType"];
        if (type != "SHELL" && type != "PYTHON" && type != "HTTP" && type != "CONDITIONS" && type != "SWITCH" &&
            type != "SUB_PROCESS" && type != "DEPENDENT")
          continue;
        const TaskPlugin* plugin = registry.find(type);
        ASSERT_NE(plugin, nullptr);
        EXPECT_NO_THROW(plugin->validate(task["taskParams"])) << entry.path().filename() << " " << task["name"];
        ++checked;
      }
    }
  }
  EXPECT_GT(checked, 10);
}

}  // namespace
}  // namespace porpoise::tasks
