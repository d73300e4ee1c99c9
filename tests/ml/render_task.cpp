// ml_render_task: renders one task the way the worker does, for the real-tool tests in tests/ml.
//
//   ml_render_task --type TYPE --task-params FILE --execute-dir DIR [--app-id ID] [--env-file FILE]
//                  [--param NAME=VALUE]... [--setting KEY=VALUE]...
//
// Reads taskParams (JSON) from FILE ("-" = stdin), validates them with the registered plugin, renders
// them with the given parameters (substituted by the real ${...} engine of src/params) and settings,
// writes the plugin's files into DIR, and writes DIR/<ID>.command: the worker's wrapper (spec §2.2:
// cd to its directory, source the env file, then the rendered script). Prints the wrapper's path.
// Errors (bad arguments, invalid taskParams) go to stderr with exit status 2.
#include <porpoise/task_plugin.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>
#include <string>

#include "params/placeholder.h"
#include "tasks/builtin_plugins.h"
#include "tasks/dvc_task.h"
#include "tasks/mlflow_task.h"
#include "tasks/openmldb_task.h"

namespace {

namespace fs = std::filesystem;
using porpoise::RenderedTask;
using porpoise::TaskRenderContext;

struct Options {
  std::string type;
  std::string taskParamsFile;
  std::string executeDir;
  std::string appId = "1_1";
  std::string envFile;
  std::map<std::string, std::string> params;
  std::map<std::string, std::string> settings;
};

void splitAssignment(const std::string& text, std::map<std::string, std::string>& into, const std::string& flag) {
  auto eq = text.find('=');
  if (eq == std::string::npos || eq == 0) throw std::invalid_argument(flag + " needs NAME=VALUE, got " + text);
  into[text.substr(0, eq)] = text.substr(eq + 1);
}

Options parseArguments(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string flag = argv[i];
    if (i + 1 >= argc) throw std::invalid_argument(flag + " needs a value");
    std::string value = argv[++i];
    if (flag == "--type")
      o.type = value;
    else if (flag == "--task-params")
      o.taskParamsFile = value;
    else if (flag == "--execute-dir")
      o.executeDir = value;
    else if (flag == "--app-id")
      o.appId = value;
    else if (flag == "--env-file")
      o.envFile = value;
    else if (flag == "--param")
      splitAssignment(value, o.params, flag);
    else if (flag == "--setting")
      splitAssignment(value, o.settings, flag);
    else
      throw std::invalid_argument("unknown option " + flag);
  }
  if (o.type.empty() || o.taskParamsFile.empty() || o.executeDir.empty())
    throw std::invalid_argument("--type, --task-params and --execute-dir are required");
  return o;
}

std::string readAll(const std::string& file) {
  if (file == "-") return std::string(std::istreambuf_iterator<char>(std::cin), {});
  std::ifstream in(file);
  if (!in) throw std::invalid_argument("cannot read " + file);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void writeFile(const fs::path& path, const std::string& content, bool executable) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) throw std::runtime_error("cannot write " + path.string());
  out << content;
  out.close();
  ::chmod(path.c_str(), executable ? 0755 : 0644);
}

void registerMlPlugins() {
  auto& registry = porpoise::TaskPluginRegistry::instance();
  registry.add(porpoise::tasks::makeDvcPlugin());
  registry.add(porpoise::tasks::makeMlflowPlugin());
  registry.add(porpoise::tasks::makeOpenmldbPlugin());
}

}  // namespace

int main(int argc, char** argv) {
  try {
    Options o = parseArguments(argc, argv);
    registerMlPlugins();
    const porpoise::TaskPlugin* plugin = porpoise::TaskPluginRegistry::instance().find(o.type);
    if (!plugin) throw std::invalid_argument("unknown task type " + o.type);

    TaskRenderContext ctx;
    ctx.taskParams = nlohmann::json::parse(readAll(o.taskParamsFile));
    plugin->validate(ctx.taskParams);
    fs::create_directories(o.executeDir);
    ctx.executePath = fs::absolute(o.executeDir).lexically_normal().string();
    ctx.taskAppId = o.appId;
    ctx.taskName = o.type + " test";
    ctx.params = o.params;
    ctx.settings = o.settings;
    ctx.substitute = [params = o.params](const std::string& text) {
      return porpoise::params::replacePlaceholders(text, params);
    };
    RenderedTask rendered = plugin->render(ctx);

    for (const auto& file : rendered.files)
      writeFile(fs::path(ctx.executePath) / file.name, file.content, file.executable);
    std::string wrapper = "#!/bin/bash\nBASEDIR=$(cd \"$(dirname \"$0\")\"; pwd)\ncd \"$BASEDIR\"\n";
    if (!o.envFile.empty()) wrapper += "source '" + fs::absolute(o.envFile).string() + "'\n";
    wrapper += rendered.script;
    fs::path wrapperPath = fs::path(ctx.executePath) / (o.appId + ".command");
    writeFile(wrapperPath, wrapper, true);
    std::cout << wrapperPath.string() << "\n";
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "ml_render_task: " << e.what() << "\n";
    return 2;
  }
}
