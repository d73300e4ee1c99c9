// OUT parameters: what a task prints as "${setValue(k=v)}" / "#{setValue(k=v)}" and which of those
// become its output (spec ds-tasks.md §2.4, with the fixes of §8 #7).
//
// Contract for parseSetValues(text):
//  - finds every marker "${setValue(" or "#{setValue(" anywhere in the text (not only at the start
//    of a line), and takes everything up to the next ")}" on the same line as "key=value";
//  - splits on the FIRST '=' only, so values may contain '=' ("url=a?b=c"), and may contain ')' as
//    long as it is not followed by '}' ("v=f(x)");
//  - trims blanks around the key, keeps the value verbatim (an empty value is returned as empty);
//  - skips markers with no ")}" on their line (or another marker before it), no '=' or an empty key;
//  - values cannot span lines.
// Contract for collectOutParams(declared, captured), the rules DolphinScheduler applies:
//  - only declared local params with direct "OUT" count; captured keys not declared OUT are ignored;
//  - if nothing was captured at all, every OUT param is output with its declared (default) value;
//  - otherwise each OUT param whose key was captured with a non-empty value is output with that
//    value (the last capture of a key wins); OUT params not captured, or captured empty, are dropped.
//  The result keeps declaration order, with direct "OUT" and the declared type.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/definition.h"

namespace porpoise::params {

struct SetValue {
  std::string key;
  std::string value;
  bool operator==(const SetValue&) const = default;
};

std::vector<SetValue> parseSetValues(std::string_view text);

std::vector<model::Property> collectOutParams(const std::vector<model::Property>& declaredLocalParams,
                                              const std::vector<SetValue>& captured);

}  // namespace porpoise::params
