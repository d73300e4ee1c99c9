#include "worker/launch_queue.h"

#include <gtest/gtest.h>

namespace porpoise::worker {
namespace {

TaskLaunch launch(int64_t id, int priority, int64_t order) {
  TaskLaunch l;
  l.taskInstanceId = id;
  l.priority = priority;
  l.order = order;
  return l;
}

TEST(LaunchQueue, PopsByPriorityThenOrderThenArrival) {
  LaunchQueue queue;
  queue.push(launch(1, 2, 0));
  queue.push(launch(2, 0, 9));
  queue.push(launch(3, 2, 0));
  queue.push(launch(4, 1, 5));
  queue.push(launch(5, 1, 3));
  std::vector<int64_t> ids;
  while (auto next = queue.pop()) ids.push_back(next->taskInstanceId);
  EXPECT_EQ(ids, (std::vector<int64_t>{2, 5, 4, 1, 3}));
  EXPECT_TRUE(queue.empty());
}

TEST(LaunchQueue, RemoveTakesOutOneLaunch) {
  LaunchQueue queue;
  queue.push(launch(1, 2, 0));
  queue.push(launch(2, 2, 0));
  EXPECT_TRUE(queue.contains(1));
  auto removed = queue.remove(1);
  ASSERT_TRUE(removed);
  EXPECT_EQ(removed->taskInstanceId, 1);
  EXPECT_FALSE(queue.contains(1));
  EXPECT_FALSE(queue.remove(1));
  EXPECT_EQ(queue.size(), 1u);
  EXPECT_EQ(queue.pop()->taskInstanceId, 2);
  EXPECT_FALSE(queue.pop());
}

TEST(LaunchQueue, DrainReturnsEverythingInOrder) {
  LaunchQueue queue;
  queue.push(launch(1, 3, 0));
  queue.push(launch(2, 0, 0));
  auto all = queue.drain();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].taskInstanceId, 2);
  EXPECT_EQ(all[1].taskInstanceId, 1);
  EXPECT_TRUE(queue.empty());
  EXPECT_FALSE(queue.contains(1));
}

}  // namespace
}  // namespace porpoise::worker
