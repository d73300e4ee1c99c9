// Launches waiting for a free slot, in dispatch order.
//
// Contract: pop() returns the waiting launch with the lowest priority value, then the lowest order,
// then the earliest push (FIFO). remove() takes a waiting launch out by task instance id. Not
// thread-safe: the worker pool uses it from its own thread only.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "worker/task_launch.h"

namespace porpoise::worker {

class LaunchQueue {
 public:
  void push(TaskLaunch launch);
  std::optional<TaskLaunch> pop();
  std::optional<TaskLaunch> remove(int64_t taskInstanceId);
  bool contains(int64_t taskInstanceId) const { return keyById_.count(taskInstanceId) != 0; }
  size_t size() const { return waiting_.size(); }
  bool empty() const { return waiting_.empty(); }
  // Empties the queue and returns its launches in dispatch order.
  std::vector<TaskLaunch> drain();

 private:
  using Key = std::tuple<int, int64_t, uint64_t>;  // priority, order, arrival
  std::map<Key, TaskLaunch> waiting_;
  std::unordered_multimap<int64_t, Key> keyById_;
  uint64_t arrivals_ = 0;
};

}  // namespace porpoise::worker
