// Parameter resolution: which parameter values a task sees (spec ds-tasks.md §5.1, §5.2).
//
// Precedence, highest first (DolphinScheduler 3.1: "local > parameter context > global"):
//   1. the task's local IN params   (localParams with direct "IN" or no direct; OUT ones are not inputs)
//   2. the upstream var pool        (OUT values of finished predecessors, see var_pool.h)
//   3. start params                 (the start request's startParams; for a sub-workflow, the parent's)
//   4. workflow global params       (the definition's globalParams, i.e. their defaults)
//   5. built-ins                    (builtin_params.h; all of them, not only inside values as in DS 3.1)
// A name defined at several levels takes the value of the highest one; nothing is merged.
//
// Then every value containing '$' is resolved against the merged map of raw values: "${...}"
// references to any other parameter at any level (including var pool values and built-ins, which
// DS 3.1 cannot see here) are expanded recursively, then "$[...]" is evaluated at the business time.
// So global dt=$[yyyyMMdd-1] and local x=${dt}_part give x=20240101_part. Unknown references and
// cycles stay verbatim (placeholder.h). A bad time expression throws ParamError naming the
// parameter, unless options say to keep it. Parameters with an empty name are ignored.
#pragma once

#include <string_view>
#include <vector>

#include "model/definition.h"
#include "params/builtin_params.h"
#include "params/placeholder.h"

namespace porpoise::params {

struct ParamSources {
  std::vector<model::Property> globalParams;
  ParamMap startParams;
  std::vector<model::Property> varPool;
  std::vector<model::Property> localParams;
};

// The final name -> value map visible to one task when it is dispatched.
ParamMap resolveTaskParams(const ParamSources& sources, const BuiltinContext& context,
                           const SubstituteOptions& options = {});

// Workflow-instance creation (§5.2): start params replace the values of globals of the same name;
// start params naming no global are appended as new IN VARCHAR globals (in name order).
std::vector<model::Property> applyStartParams(std::vector<model::Property> globals, const ParamMap& startParams);

// "Curing" at workflow-instance creation: each global value containing '$' is resolved once against
// the built-ins of `context` and the other globals, and the result is what the instance stores.
// References that cannot be resolved yet (e.g. a task-level built-in) stay verbatim and are resolved
// at dispatch by resolveTaskParams.
std::vector<model::Property> cureGlobalParams(std::vector<model::Property> globals, const BuiltinContext& context,
                                              const SubstituteOptions& options = {});

// Reads the start request's startParams: a JSON object {"k":"v",...} (3.1; non-string values are
// written as JSON text, null as "") or a JSON array of {"prop","value"} (newer releases). Empty text
// or "null" gives an empty map. Anything else throws ParamError.
ParamMap parseStartParams(std::string_view json);

}  // namespace porpoise::params
