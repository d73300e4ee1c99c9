// Submits loaded YAML workflows to a DolphinScheduler-compatible server over REST, the way
// `pydolphinscheduler yaml -f` does through its gateway (spec pyds-yaml.md §5).
//
// Contract: submitAll() handles the submissions in order (children from $WORKFLOW first).
// For each: create the project if missing; create the tenant if the file names one the server
// lacks; give the tasks codes (same-name tasks of an existing workflow keep theirs, new ones
// come from gen-task-codes); fill in references; create the workflow, or, when one of that
// name exists, set it OFFLINE if needed and update it (a new version); create or update the
// schedule and put it online when asked; release it to its release state; start it when the
// file says `run: true`. Every action prints one line to `out`. A server error throws
// DsApiError whose message says which workflow and action failed.
#pragma once

#include <cstdint>
#include <ostream>
#include <vector>

#include "cli/ds_directory.h"
#include "cli/yaml_reference_resolver.h"
#include "exchange/yaml_submission.h"

namespace porpoise::cli {

class YamlSubmitter {
 public:
  YamlSubmitter(DsApiClient& api, std::ostream& out);

  // Returns what each submission became, in order.
  std::vector<SubmittedWorkflow> submitAll(exchange::YamlLoadResult& result);

 private:
  SubmittedWorkflow submit(exchange::YamlWorkflowSubmission& submission, const std::vector<SubmittedWorkflow>& done);
  int64_t ensureProject(const std::string& name);
  std::string tenantFor(const exchange::YamlWorkflowFields& workflow);
  void assignCodes(exchange::YamlWorkflowSubmission& submission, int64_t projectCode, const Json* existing);
  void release(const SubmittedWorkflow& workflow, const std::string& state);
  void saveSchedule(const SubmittedWorkflow& workflow, const exchange::YamlWorkflowFields& fields);
  void start(const SubmittedWorkflow& workflow, const exchange::YamlWorkflowFields& fields);

  DsApiClient& api_;
  std::ostream& out_;
  DsDirectory directory_;
  YamlReferenceResolver resolver_;
  std::vector<std::string> knownTenants_;
  bool tenantsListed_ = false;
};

}  // namespace porpoise::cli
