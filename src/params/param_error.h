// The one error type of the params library.
//
// Contract: every function in params/ that rejects its input throws ParamError with a message
// that names the offending text (the expression, the parameter, the JSON); nothing else is thrown
// for bad input. Callers (engine, worker, plugins) turn it into a failed task with that message.
#pragma once

#include <stdexcept>

namespace porpoise::params {

class ParamError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace porpoise::params
