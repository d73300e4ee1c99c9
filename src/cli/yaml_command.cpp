#include "cli/yaml_command.h"

#include <cstdlib>
#include <iostream>
#include <memory>

#include "cli/ds_api_client.h"
#include "cli/http_client.h"
#include "cli/yaml_submitter.h"
#include "exchange/yaml_workflow_loader.h"
#include "model/enums.h"

namespace porpoise::cli {

namespace {

constexpr const char* kDefaultServer = "http://127.0.0.1:12345/dolphinscheduler";

std::string withApiPrefix(const std::string& server) {
  const HttpUrl url = parseHttpUrl(server);
  return url.basePath.empty() ? url.toString() + "/dolphinscheduler" : url.toString();
}

Json referenceJson(const exchange::YamlReference& reference) {
  static const char* kinds[] = {"SubWorkflow", "DependentItem", "Datasource", "Resource", "Environment"};
  Json json = {{"kind", kinds[static_cast<int>(reference.kind)]},
               {"task", reference.taskIndex},
               {"pointer", reference.pointer},
               {"line", reference.line}};
  for (const auto& [key, value] :
       {std::pair{"projectName", &reference.projectName}, std::pair{"workflowName", &reference.workflowName},
        std::pair{"taskName", &reference.taskName}, std::pair{"name", &reference.name},
        std::pair{"type", &reference.type}}) {
    if (!value->empty()) json[key] = *value;
  }
  if (reference.submissionIndex) json["submission"] = *reference.submissionIndex;
  return json;
}

void printDryRun(const exchange::YamlLoadResult& result, std::ostream& out) {
  Json all = Json::array();
  for (const auto& submission : result.submissions) {
    const auto& wf = submission.workflow;
    Json references = Json::array();
    for (const auto& reference : submission.references) references.push_back(referenceJson(reference));
    all.push_back({{"file", submission.sourceFile},
                   {"name", wf.name},
                   {"project", wf.project},
                   {"description", wf.description},
                   {"tenant", wf.tenant},
                   {"workerGroup", wf.workerGroup},
                   {"warningType", model::enumName(wf.warningType)},
                   {"warningGroupId", wf.warningGroupId},
                   {"executionType", model::enumName(wf.executionType)},
                   {"timeout", wf.timeout},
                   {"releaseState", model::enumName(wf.releaseState)},
                   {"globalParams", wf.globalParams},
                   {"schedule", wf.schedule ? wf.schedule->toJson() : Json()},
                   {"run", wf.run},
                   {"taskDefinitionJson", submission.taskDefinitions},
                   {"taskRelationJson", submission.taskRelations},
                   {"references", references},
                   {"warnings", submission.warnings}});
  }
  out << all.dump(2) << "\n";
}

std::string takeValue(const std::vector<std::string>& args, size_t& i, const std::string& option) {
  const std::string& arg = args[i];
  const auto equals = arg.find('=');
  if (arg.rfind("--", 0) == 0 && equals != std::string::npos) return arg.substr(equals + 1);
  if (i + 1 >= args.size()) throw UsageError("option " + option + " needs a value");
  return args[++i];
}

}  // namespace

std::string yamlCommandUsage() {
  return "usage: porpoise yaml -f FILE [--server URL] [--user USER --password PASSWORD | --token TOKEN]\n"
         "                     [--project NAME] [--dry-run]\n"
         "  Submits the workflows of a pydolphinscheduler YAML file to a running server, creating the\n"
         "  project if missing, updating a workflow of the same name as a new version, releasing it,\n"
         "  saving its schedule and starting it when the file says `run: true`.\n"
         "  -f, --file FILE     the YAML workflow file\n"
         "  --server URL        server base URL (default $PORPOISE_SERVER or " +
         std::string(kDefaultServer) +
         ")\n"
         "  --user, --password  log in with these (default admin / dolphinscheduler123)\n"
         "  --token TOKEN       authenticate with an access token instead\n"
         "  --project NAME      project for files that do not name one (default project-pydolphin)\n"
         "  --dry-run           print the definitions as JSON; do not contact a server\n";
}

YamlCommandOptions parseYamlCommandArgs(const std::vector<std::string>& args) {
  YamlCommandOptions options;
  size_t i = 0;
  if (!args.empty() && args[0] == "yaml") i = 1;
  for (; i < args.size(); ++i) {
    const std::string& arg = args[i];
    const std::string name = arg.rfind("--", 0) == 0 ? arg.substr(0, arg.find('=')) : arg;
    if (name == "-h" || name == "--help") {
      options.help = true;
    } else if (name == "-f" || name == "--file") {
      options.file = takeValue(args, i, name);
    } else if (name == "--server") {
      options.server = takeValue(args, i, name);
    } else if (name == "--user" || name == "-u") {
      options.user = takeValue(args, i, name);
    } else if (name == "--password" || name == "-p") {
      options.password = takeValue(args, i, name);
    } else if (name == "--token") {
      options.token = takeValue(args, i, name);
    } else if (name == "--project") {
      options.project = takeValue(args, i, name);
    } else if (name == "--dry-run") {
      options.dryRun = true;
    } else {
      throw UsageError("unknown option '" + arg + "'");
    }
  }
  if (options.help) return options;
  if (options.file.empty()) throw UsageError("missing -f FILE");
  if (!options.token.empty() && (!options.user.empty() || !options.password.empty()))
    throw UsageError("use either --token or --user/--password, not both");
  if (options.user.empty() != options.password.empty()) throw UsageError("--user and --password go together");
  if (options.token.empty() && options.user.empty()) {
    options.user = "admin";
    options.password = "dolphinscheduler123";
  }
  if (options.server.empty()) {
    const char* fromEnv = std::getenv("PORPOISE_SERVER");
    options.server = fromEnv != nullptr && *fromEnv != '\0' ? fromEnv : kDefaultServer;
  }
  try {
    options.server = withApiPrefix(options.server);
  } catch (const std::invalid_argument& e) {
    throw UsageError(e.what());
  }
  return options;
}

int runYamlCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  YamlCommandOptions options;
  try {
    options = parseYamlCommandArgs(args);
  } catch (const UsageError& e) {
    err << "porpoise yaml: " << e.what() << "\n" << yamlCommandUsage();
    return 2;
  }
  if (options.help) {
    out << yamlCommandUsage();
    return 0;
  }

  exchange::YamlLoadResult loaded;
  try {
    exchange::YamlLoaderOptions loaderOptions;
    auto counter = std::make_shared<int64_t>(0);
    loaderOptions.nextTaskCode = [counter] { return ++*counter; };  // replaced by server codes on submit
    loaderOptions.config = exchange::PydsConfig::fromEnvironment();
    if (!options.project.empty()) loaderOptions.config.set("WORKFLOW_PROJECT", options.project);
    loaded = exchange::loadYamlWorkflowFile(options.file, loaderOptions);
  } catch (const exchange::YamlLoadError& e) {
    err << "porpoise yaml: " << e.what() << "\n";
    return 1;
  }
  if (options.dryRun) {
    printDryRun(loaded, out);
    return 0;
  }

  try {
    HttpClient http(parseHttpUrl(options.server));
    DsApiClient api(http);
    if (!options.token.empty()) {
      api.useToken(options.token);
      out << "using an access token for " << options.server << "\n";
    } else {
      try {
        api.login(options.user, options.password);
      } catch (const DsApiError& e) {
        throw DsApiError(e.code(), "logging in to " + options.server + " as " + options.user + " failed: " + e.what());
      }
      out << "logged in to " << options.server << " as " << options.user << "\n";
    }
    YamlSubmitter submitter(api, out);
    submitter.submitAll(loaded);
  } catch (const DsApiError& e) {
    out.flush();
    err << "porpoise yaml: " << e.what() << "\n";
    return 1;
  }
  return 0;
}

int runYamlCommand(int argc, char** argv) {
  std::vector<std::string> args;
  for (int i = 1; i < argc; ++i) args.emplace_back(argv[i]);
  return runYamlCommand(args, std::cout, std::cerr);
}

}  // namespace porpoise::cli
