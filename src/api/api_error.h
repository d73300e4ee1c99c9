// Errors a handler throws to answer with a DolphinScheduler status code.
//
// Contract: ApiError carries a Status and either template arguments or a full custom message
// (used when we can say more than DolphinScheduler's template). ParamError marks a missing or
// malformed request parameter; the route wrapper answers it with the endpoint's own fallback
// status (as DolphinScheduler does) and a message naming the parameter.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include "api/status.h"

namespace porpoise::api {

class ApiError : public std::runtime_error {
 public:
  ApiError(Status status, std::vector<std::string> args = {})
      : std::runtime_error(formatStatus(status, args)), status_(status) {}
  // A custom, more precise message.
  static ApiError withMessage(Status status, const std::string& message) { return ApiError(status, message, 0); }
  Status status() const { return status_; }

 private:
  ApiError(Status status, const std::string& message, int) : std::runtime_error(message), status_(status) {}
  Status status_;
};

class ParamError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace porpoise::api
