// Looks things up by name on a DolphinScheduler-compatible server: projects, workflows,
// datasources, resources, environments.
//
// Contract: find* return nullopt when the server has no such object (a workflow lookup that
// answers with a non-zero code counts as "not there"); transport and authentication problems
// still throw DsApiError. Project codes are cached for the life of the object.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "cli/ds_api_client.h"

namespace porpoise::cli {

class DsDirectory {
 public:
  explicit DsDirectory(DsApiClient& api);

  std::optional<int64_t> findProject(const std::string& name);
  void rememberProject(const std::string& name, int64_t code);
  // DagData {processDefinition, processTaskRelationList, taskDefinitionList} of a workflow.
  std::optional<Json> findWorkflow(int64_t projectCode, const std::string& name);
  // {id, type, ...} of a datasource; `type` filters when not empty.
  std::optional<Json> findDatasource(const std::string& name, const std::string& type);
  // Resource id by full name ("/dir/file.jar" or "file.jar").
  std::optional<int64_t> findResource(const std::string& fullName);
  std::optional<int64_t> findEnvironment(const std::string& name);

 private:
  DsApiClient& api_;
  std::map<std::string, int64_t> projects_;
};

}  // namespace porpoise::cli
