#include "cli/ds_directory.h"

#include <functional>

namespace porpoise::cli {

namespace {

constexpr int kPageSize = 100;

int64_t codeOf(const Json& value) {
  if (value.is_number_integer()) return value.get<int64_t>();
  if (value.is_string()) return std::stoll(value.get<std::string>());
  throw DsApiError(-1, "the server answered an object without a numeric code");
}

// Walks the pages of a paged list until `match` returns true for an item.
std::optional<Json> findInPages(DsApiClient& api, const std::string& path, const std::string& search,
                                const std::function<bool(const Json&)>& match) {
  for (int page = 1;; ++page) {
    const Json data = api.get(
        path, {{"pageNo", std::to_string(page)}, {"pageSize", std::to_string(kPageSize)}, {"searchVal", search}});
    if (!data.is_object() || !data.contains("totalList") || !data["totalList"].is_array()) return std::nullopt;
    for (const auto& item : data["totalList"])
      if (match(item)) return item;
    const int totalPages = data.value("totalPage", 1);
    if (page >= totalPages || data["totalList"].empty()) return std::nullopt;
  }
}

std::optional<int64_t> findInTree(const Json& nodes, const std::string& fullName) {
  if (!nodes.is_array()) return std::nullopt;
  const std::string withSlash = !fullName.empty() && fullName[0] == '/' ? fullName : "/" + fullName;
  for (const auto& node : nodes) {
    const std::string nodeFull = node.value("fullName", "");
    if (nodeFull == fullName || nodeFull == withSlash || (nodeFull.empty() && node.value("name", "") == fullName))
      if (node.contains("id")) return codeOf(node["id"]);
    if (node.contains("children"))
      if (auto found = findInTree(node["children"], fullName)) return found;
  }
  return std::nullopt;
}

}  // namespace

DsDirectory::DsDirectory(DsApiClient& api) : api_(api) {}

std::optional<int64_t> DsDirectory::findProject(const std::string& name) {
  if (auto it = projects_.find(name); it != projects_.end()) return it->second;
  auto project = findInPages(api_, "/projects", name, [&](const Json& item) { return item.value("name", "") == name; });
  if (!project) return std::nullopt;
  const int64_t code = codeOf(project->at("code"));
  projects_[name] = code;
  return code;
}

void DsDirectory::rememberProject(const std::string& name, int64_t code) { projects_[name] = code; }

std::optional<Json> DsDirectory::findWorkflow(int64_t projectCode, const std::string& name) {
  try {
    Json dag =
        api_.get("/projects/" + std::to_string(projectCode) + "/process-definition/query-by-name", {{"name", name}});
    if (!dag.is_object() || !dag.contains("processDefinition") || !dag["processDefinition"].is_object())
      return std::nullopt;
    return dag;
  } catch (const DsApiError& e) {
    if (e.code() > 0) return std::nullopt;  // the server's "does not exist" answer
    throw;
  }
}

std::optional<Json> DsDirectory::findDatasource(const std::string& name, const std::string& type) {
  return findInPages(api_, "/datasources", name, [&](const Json& item) {
    return item.value("name", "") == name && (type.empty() || item.value("type", "") == type);
  });
}

std::optional<int64_t> DsDirectory::findResource(const std::string& fullName) {
  return findInTree(api_.get("/resources/query-by-type", {{"type", "FILE"}}), fullName);
}

std::optional<int64_t> DsDirectory::findEnvironment(const std::string& name) {
  const Json list = api_.get("/environment/query-environment-list");
  if (!list.is_array()) return std::nullopt;
  for (const auto& item : list)
    if (item.value("name", "") == name && item.contains("code")) return codeOf(item["code"]);
  return std::nullopt;
}

}  // namespace porpoise::cli
