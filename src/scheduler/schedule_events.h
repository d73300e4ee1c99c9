// How the API tells the cron scheduler that a schedule changed, without depending on it.
//
// Contract: the API calls these AFTER the transaction that changed t_schedule has committed
// (never from inside Store::write: the scheduler itself writes to the store when it fires).
// scheduleChanged(id) means "re-read schedule `id` from the store": an ONLINE schedule of an ONLINE
// workflow is (re)armed, anything else (OFFLINE, deleted) stops firing. scheduleRemoved(id) means
// the schedule was deleted. Implementations return quickly and are thread-safe; the change takes
// effect asynchronously, but a schedule or workflow that is OFFLINE in the store never fires again
// (the scheduler checks the store before every fire).
#pragma once

namespace porpoise::scheduler {

struct ScheduleListener {
  virtual ~ScheduleListener() = default;
  virtual void scheduleChanged(int scheduleId) = 0;
  virtual void scheduleRemoved(int scheduleId) = 0;
};

}  // namespace porpoise::scheduler
