#include "cron/zoned_fire_times.h"

#include <chrono>

#include "cron/local_time_search.h"

namespace porpoise::cron {
namespace {

using std::chrono::seconds;

date::local_seconds localOf(date::sys_seconds instant, seconds offset) {
  return date::local_seconds{(instant + offset).time_since_epoch()};
}

date::sys_seconds instantOf(date::local_seconds local, seconds offset) {
  return date::sys_seconds{local.time_since_epoch()} - offset;
}

std::optional<date::sys_seconds> earlier(std::optional<date::sys_seconds> a, std::optional<date::sys_seconds> b) {
  if (!a) return b;
  if (!b) return a;
  return *a < *b ? a : b;
}

// The instant of a local match (see the contract); for a time in a gap, a real wall-clock time
// just after the gap may come before the shifted one, and then it is the answer instead.
date::sys_seconds mapLocalMatch(const CronFields& fields, const date::time_zone& zone, date::local_seconds local) {
  date::local_info info = zone.get_info(local);
  date::sys_seconds mapped = instantOf(local, info.first.offset);
  if (info.result != date::local_info::nonexistent) return mapped;
  date::local_seconds gapEnd = localOf(info.second.begin, info.second.offset);
  std::optional<date::local_seconds> afterGap = nextLocalMatch(fields, gapEnd - seconds{1});
  if (afterGap) {
    date::sys_seconds real = instantOf(*afterGap, zone.get_info(*afterGap).first.offset);
    if (real < mapped) return real;
  }
  return mapped;
}

// Local matches inside a gap that has just passed fire after it, shifted; `after` may already be
// past the gap in real time while such a shifted instant is still ahead.
std::optional<date::sys_seconds> shiftedFromRecentGap(const CronFields& fields, const date::time_zone& zone,
                                                      date::sys_seconds after, const date::sys_info& current) {
  using namespace date::literals;
  if (current.begin <= date::sys_days{1900_y / 1 / 1}) return std::nullopt;
  date::sys_info before = zone.get_info(current.begin - seconds{1});
  if (before.offset >= current.offset) return std::nullopt;  // the period did not start with a gap
  seconds gapLength = current.offset - before.offset;
  date::local_seconds gapStart = localOf(current.begin, before.offset);
  date::local_seconds gapEnd = localOf(current.begin, current.offset);
  date::local_seconds localAfter = localOf(after, current.offset);
  if (localAfter >= gapEnd + gapLength) return std::nullopt;
  date::local_seconds cursor = localAfter - gapLength;
  if (cursor < gapStart - seconds{1}) cursor = gapStart - seconds{1};
  std::optional<date::local_seconds> inGap = nextLocalMatch(fields, cursor);
  if (!inGap || *inGap >= gapEnd) return std::nullopt;
  return instantOf(*inGap, before.offset);
}

}  // namespace

std::optional<date::sys_seconds> nextFireInZone(const CronFields& fields, const date::time_zone& zone,
                                                date::sys_seconds after) {
  date::sys_info current = zone.get_info(after);
  date::local_seconds cursor = localOf(after, current.offset);

  // After a fall back, while the wall clock repeats itself, every repeated reading's first occurrence
  // is already past: continue from the end of the repeated period.
  date::local_info here = zone.get_info(cursor);
  if (here.result == date::local_info::ambiguous && after >= here.second.begin) {
    date::local_seconds repeatEnd = localOf(here.first.end, here.first.offset);
    if (cursor < repeatEnd - seconds{1}) cursor = repeatEnd - seconds{1};
  }

  std::optional<date::sys_seconds> found;
  while (true) {
    std::optional<date::local_seconds> local = nextLocalMatch(fields, cursor);
    if (!local) break;
    date::sys_seconds instant = mapLocalMatch(fields, zone, *local);
    if (instant > after) {
      found = instant;
      break;
    }
    cursor = *local;
  }
  return earlier(found, shiftedFromRecentGap(fields, zone, after, current));
}

}  // namespace porpoise::cron
