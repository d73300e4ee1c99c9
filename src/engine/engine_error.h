// The error the engine reports for a rejected command, with DolphinScheduler's API status code.
//
// Contract: status is one of the codes of spec ds-api.md §1.7 (e.g. 50001 instance not found, 50003
// definition not found, 50005 already changed, 50006 state does not allow the operation, 10008 task
// instance not found, 10166 task state does not allow force success, 10001 bad parameter, 50014 start
// failed); what() is a message for the user that names the problem.
#pragma once

#include <stdexcept>
#include <string>

namespace porpoise::engine {

class EngineError : public std::runtime_error {
 public:
  EngineError(int status, const std::string& message) : std::runtime_error(message), status_(status) {}
  int status() const { return status_; }

  static constexpr int kRequestParamsNotValid = 10001;
  static constexpr int kTaskInstanceNotFound = 10008;
  static constexpr int kTaskInstanceStateError = 10166;
  static constexpr int kWorkflowInstanceNotFound = 50001;
  static constexpr int kWorkflowDefinitionNotFound = 50003;
  static constexpr int kInstanceAlreadyChanged = 50005;
  static constexpr int kInstanceStateError = 50006;
  static constexpr int kStartFailed = 50014;
  static constexpr int kExecuteFailed = 50015;
  static constexpr int kDagHasCycle = 50019;

 private:
  int status_;
};

}  // namespace porpoise::engine
