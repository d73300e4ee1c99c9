#include "cron/schedule_preview.h"

#include <algorithm>
#include <chrono>

namespace porpoise::cron {

std::vector<std::string> previewFireTimes(const CronExpression& cron, util::TimePoint now, util::TimePoint startTime,
                                          util::TimePoint endTime, const std::string& zone, size_t count) {
  std::vector<std::string> rendered;
  if (endTime <= std::max(now, startTime)) return rendered;
  // Fire times are whole seconds, so "at most endTime - 1 ms" is "strictly before endTime".
  auto times = cron.nextN(std::max(now, startTime), count, zone, endTime - std::chrono::milliseconds{1});
  rendered.reserve(times.size());
  for (util::TimePoint t : times) rendered.push_back(util::formatDateTime(t, zone));
  return rendered;
}

}  // namespace porpoise::cron
