// Fills in what a loaded YAML workflow names but only the server knows: the codes of
// sub-workflows and of DEPENDENT targets, datasource ids, resource ids, environment codes.
//
// Contract: resolve() sets every YamlReference of the submission in its task definitions. A
// sub-workflow loaded from a $WORKFLOW{} file uses the code it was just submitted under; other
// names are looked up on the server. Like pydolphinscheduler, a sub-workflow found OFFLINE is
// released ONLINE (a parent cannot start otherwise) and that is printed. A name the server
// does not know throws DsApiError naming the YAML file and line.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "cli/ds_directory.h"
#include "exchange/yaml_submission.h"

namespace porpoise::cli {

struct SubmittedWorkflow {
  std::string name;
  int64_t projectCode = 0;
  int64_t code = 0;
};

class YamlReferenceResolver {
 public:
  YamlReferenceResolver(DsApiClient& api, DsDirectory& directory, std::ostream& out);

  // `submitted[i]` describes submission i of the same load result, when already submitted.
  void resolve(exchange::YamlWorkflowSubmission& submission, const std::vector<SubmittedWorkflow>& submitted);

 private:
  SubmittedWorkflow subWorkflow(const exchange::YamlWorkflowSubmission& submission,
                                const exchange::YamlReference& reference,
                                const std::vector<SubmittedWorkflow>& submitted);
  void ensureOnline(const SubmittedWorkflow& workflow);

  DsApiClient& api_;
  DsDirectory& directory_;
  std::ostream& out_;
};

}  // namespace porpoise::cli
