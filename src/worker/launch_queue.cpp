#include "worker/launch_queue.h"

#include <utility>

namespace porpoise::worker {

void LaunchQueue::push(TaskLaunch launch) {
  Key key{launch.priority, launch.order, arrivals_++};
  keyById_.emplace(launch.taskInstanceId, key);
  waiting_.emplace(key, std::move(launch));
}

std::optional<TaskLaunch> LaunchQueue::pop() {
  if (waiting_.empty()) return std::nullopt;
  auto first = waiting_.begin();
  TaskLaunch launch = std::move(first->second);
  auto [from, to] = keyById_.equal_range(launch.taskInstanceId);
  for (auto it = from; it != to; ++it) {
    if (it->second == first->first) {
      keyById_.erase(it);
      break;
    }
  }
  waiting_.erase(first);
  return launch;
}

std::optional<TaskLaunch> LaunchQueue::remove(int64_t taskInstanceId) {
  auto it = keyById_.find(taskInstanceId);
  if (it == keyById_.end()) return std::nullopt;
  auto entry = waiting_.find(it->second);
  keyById_.erase(it);
  TaskLaunch launch = std::move(entry->second);
  waiting_.erase(entry);
  return launch;
}

std::vector<TaskLaunch> LaunchQueue::drain() {
  std::vector<TaskLaunch> all;
  all.reserve(waiting_.size());
  for (auto& [key, launch] : waiting_) all.push_back(std::move(launch));
  waiting_.clear();
  keyById_.clear();
  return all;
}

}  // namespace porpoise::worker
