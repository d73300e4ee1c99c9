// DolphinScheduler's workflow export file (spec ds-api.md §5): a JSON array of
// {processDefinition, processTaskRelationList, taskDefinitionList, schedule}. Files exported by
// 3.2+ with the keys workflowDefinition / workflowTaskRelationList are read too.
//
// Contract:
//  - parseWorkflowFile() checks the shape and throws FileError (kind NullData with the missing
//    section's name, or Malformed with a message) without touching any database.
//  - assignNewCodes() gives every workflow and task of the file a new code and rewrites every
//    reference to an old code (relations, locations, SWITCH/CONDITIONS/SUB_PROCESS/DEPENDENT
//    params) through exchange/code_remap.h.
//  - exportEntry() renders one workflow in the 3.1 format (schedule always OFFLINE).
#pragma once

#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/definition.h"

namespace porpoise::exchange {

class FileError : public std::runtime_error {
 public:
  enum class Kind { NullData, Malformed };
  FileError(Kind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  Kind kind() const { return kind_; }

 private:
  Kind kind_;
};

struct FileEntry {
  nlohmann::json workflow;       // processDefinition object
  nlohmann::json relations;      // array
  nlohmann::json tasks;          // array
  nlohmann::json schedule;       // object or null
  int64_t oldCode = 0;
  int64_t oldProjectCode = 0;
};

std::vector<FileEntry> parseWorkflowFile(const std::string& text);
// Rewrites codes in place; `newCode` supplies fresh codes; `targetProject` replaces project codes.
void assignNewCodes(std::vector<FileEntry>& entries, const std::function<int64_t()>& newCode, int64_t targetProject);

nlohmann::json exportEntry(const model::DagData& dag, const std::string& tenantCode, const nlohmann::json& schedule,
                           const std::string& zone);

}  // namespace porpoise::exchange
