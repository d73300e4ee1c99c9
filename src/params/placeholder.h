// Placeholder substitution: "${name}" from a parameter map, then "$[...]" time expressions
// (spec ds-tasks.md §5.3). Used for scripts, commands and parameter values.
//
// Contract for "${name}":
//  - A placeholder runs from "${" to its matching "}" (every "{" inside opens a level that a "}"
//    closes). Placeholders inside the name are expanded first, so "${a_${b}}" looks up "a_" + b.
//  - A known name is replaced by its value, and placeholders in that value are expanded in turn
//    (chains a -> b -> c work). The inserted text is not scanned again by the outer level.
//  - An unknown name keeps the whole placeholder verbatim, including anything nested in it: bash's
//    "${HOME}" or "${arr[@]}" survive, and "${setValue(k=${v})}" stays as written, while
//    "#{setValue(k=${v})}" has its "${v}" expanded ("#{" is not a placeholder).
//  - No ":-default" syntax. "${" without a matching "}" is plain text.
//  - A reference back to a name that is being expanded (x=${x}:/more, or a=${b}, b=${a}) is kept
//    verbatim at the point of the cycle instead of failing, so "PATH=${PATH}:/opt" gives the
//    shell "${PATH}:/opt". DolphinScheduler throws here.
//  - Limits: nesting deeper than 100 levels, more than 64 MiB of text or more than a million
//    placeholders produced while expanding throws ParamError.
// Contract for substitute(): "${...}" first, then "$[...]" over the whole result (time_expression.h),
// so a "$[...]" inside a parameter value is evaluated, and "$[yyyyMMdd-${n}]" works.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>

#include "params/time_expression.h"

namespace porpoise::params {

using ParamMap = std::map<std::string, std::string>;

std::string replacePlaceholders(std::string_view text, const ParamMap& params);

// The value of params[name] with its own placeholders expanded, exactly as "${name}" would expand
// (a reference to `name` inside its value is kept verbatim). Throws ParamError if `name` is absent.
std::string expandParam(const std::string& name, const ParamMap& params);

struct SubstituteOptions {
  OnBadTimeExpression onBadTimeExpression = OnBadTimeExpression::kThrow;
};

std::string substitute(std::string_view text, const ParamMap& params, const TimeBase& base,
                       const SubstituteOptions& options = {});

// substitute() bound to its parameters (copied), e.g. for TaskRenderContext::substitute.
std::function<std::string(const std::string&)> makeSubstituter(ParamMap params, TimeBase base,
                                                                SubstituteOptions options = {});

}  // namespace porpoise::params
