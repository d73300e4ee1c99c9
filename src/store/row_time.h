// Conversions between stored INTEGER milliseconds and TimePoint.
#pragma once

#include <optional>

#include "store/sqlite.h"
#include "util/time.h"

namespace porpoise::store {

inline int64_t ms(util::TimePoint t) { return util::toEpochMillis(t); }
inline std::optional<int64_t> ms(const std::optional<util::TimePoint>& t) {
  if (!t) return std::nullopt;
  return util::toEpochMillis(*t);
}
inline util::TimePoint timeAt(const Statement& st, int col) { return util::fromEpochMillis(st.getInt64(col)); }
inline std::optional<util::TimePoint> optTimeAt(const Statement& st, int col) {
  if (st.isNull(col)) return std::nullopt;
  return util::fromEpochMillis(st.getInt64(col));
}

}  // namespace porpoise::store
