// Following task processes across a "server restart": one pool is destroyed without killing its
// tasks, a new pool adopts them.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "worker/set_value_scanner.h"
#include "worker/task_process.h"
#include "worker/worker_pool.h"
#include "worker_test_support.h"

namespace porpoise::worker {
namespace {

using namespace porpoise::worker::testing;

class AdoptTest : public ::testing::Test {
 protected:
  WorkerOptions options() {
    WorkerOptions o;
    o.slots = 4;
    o.killGrace = 500ms;
    return o;
  }

  // Starts `script` in a first pool, waits until it runs, then destroys that pool (detaching).
  std::pair<TaskLaunch, int> startThenLoseThePool(int64_t id, const std::string& script) {
    Recorder first;
    TaskLaunch launch = makeLaunch(dir, id, script);
    int pid = 0;
    {
      WorkerPool pool(options(), first.callbacks());
      pool.submit(launch);
      pid = first.waitStarted(id).value_or(0);
    }
    EXPECT_GT(pid, 0);
    EXPECT_FALSE(first.hasFinished(id));
    return {launch, pid};
  }

  ScratchDir dir;
  Recorder recorder;
};

TEST_F(AdoptTest, FollowsAProcessThatOutlivedItsPool) {
  auto [launch, pid] = startThenLoseThePool(1, "sleep 2; echo '${setValue(a=b)}'");
  EXPECT_FALSE(processGone(pid));  // still running with no pool watching it

  WorkerPool pool(options(), recorder.callbacks());
  pool.adopt(1, pid, launch.executePath, launch.logPath);
  auto outcome = recorder.waitFinished(1);
  ASSERT_TRUE(outcome);
  EXPECT_EQ(outcome->exitCode, 0) << outcome->message;
  EXPECT_EQ(outcome->pid, pid);
  EXPECT_EQ(outcome->setValues, (SetValues{{"a", "b"}}));
  EXPECT_EQ(outcome->classify(), TaskOutcome::Result::SUCCESS);
  EXPECT_FALSE(recorder.hasStarted(1));
  EXPECT_EQ(::kill(pid, 0), -1);  // reaped: no zombie left behind
  std::string log = readFile(launch.logPath);
  EXPECT_NE(log.find("following task process " + std::to_string(pid)), std::string::npos);
}

TEST_F(AdoptTest, TaskKeepsRunningAndLoggingWhenTheServerIsKilled) {
  // The "server" is a forked copy of this test that starts the task and then dies from SIGKILL.
  TaskLaunch launch = makeLaunch(dir, 1,
                                 "echo before; sleep 1; echo after; echo after-err >&2\n"
                                 "printf '%s' '${setValue(done=yes)}'; exit 2");
  pid_t server = ::fork();
  ASSERT_GE(server, 0);
  if (server == 0) {
    Recorder inServer;
    WorkerPool pool(options(), inServer.callbacks());
    pool.submit(launch);
    if (!inServer.waitStarted(1)) ::_exit(3);
    ::raise(SIGKILL);
  }
  int status = 0;
  ASSERT_EQ(::waitpid(server, &status, 0), server);
  ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << "server status " << status;
  int pid = std::atoi(readFile(launch.executePath + "/pid").c_str());
  ASSERT_GT(pid, 0);
  EXPECT_FALSE(processGone(pid));  // orphaned, not our child, still running

  WorkerPool pool(options(), recorder.callbacks());
  pool.adopt(1, pid, launch.executePath, launch.logPath);
  auto outcome = recorder.waitFinished(1);
  ASSERT_TRUE(outcome);
  EXPECT_EQ(outcome->exitCode, 2) << outcome->message;  // known only from the exit_code file
  EXPECT_EQ(outcome->setValues, (SetValues{{"done", "yes"}}));
  std::string log = readFile(launch.logPath);
  EXPECT_NE(log.find("before\n"), std::string::npos) << log;
  EXPECT_NE(log.find("after\nafter-err\n"), std::string::npos) << log;
}

TEST_F(AdoptTest, FindsThePidFromThePidFileWhenNoneWasRecorded) {
  auto [launch, pid] = startThenLoseThePool(1, "sleep 1; exit 6");
  WorkerPool pool(options(), recorder.callbacks());
  pool.adopt(1, 0, launch.executePath, launch.logPath);
  auto outcome = recorder.waitFinished(1);
  ASSERT_TRUE(outcome);
  EXPECT_EQ(outcome->pid, pid);
  EXPECT_EQ(outcome->exitCode, 6);
}

TEST_F(AdoptTest, AdoptedProcessCanBeKilledAsAGroup) {
  auto [launch, pid] = startThenLoseThePool(1, "sleep 300 & echo $! > child.pid; wait");
  ASSERT_TRUE(eventually([&] { return fs::exists(launch.executePath + "/child.pid"); }));
  pid_t child = std::atoi(readFile(launch.executePath + "/child.pid").c_str());
  ASSERT_GT(child, 0);
  WorkerPool pool(options(), recorder.callbacks());
  pool.adopt(1, pid, launch.executePath, launch.logPath);
  ASSERT_TRUE(eventually([&] { return pool.kill(1); }));
  auto outcome = recorder.waitFinished(1);
  ASSERT_TRUE(outcome);
  EXPECT_TRUE(outcome->killed);
  EXPECT_TRUE(eventually([&] { return processGone(child); }, 5s));
  EXPECT_TRUE(processGone(pid));
}

TEST_F(AdoptTest, AdoptedTimeoutStillApplies) {
  auto [launch, pid] = startThenLoseThePool(1, "sleep 300");
  WorkerPool pool(options(), recorder.callbacks());
  pool.adopt(1, pid, launch.executePath, launch.logPath, 1s, true);
  auto outcome = recorder.waitFinished(1);
  ASSERT_TRUE(outcome);
  EXPECT_TRUE(outcome->timedOut);
  EXPECT_EQ(recorder.timeoutWarnings(), std::vector<int64_t>{1});
  EXPECT_TRUE(processGone(pid));
}

TEST_F(AdoptTest, ProcessThatFinishedWhileNobodyWatchedIsReadFromItsExitFile) {
  auto [launch, pid] = startThenLoseThePool(1, "echo '${setValue(x=1=2)}'; sleep 0.3; exit 4");
  std::string exitFile = launch.executePath + "/exit_code";
  ASSERT_TRUE(eventually([&] { return fs::exists(exitFile); }));
  ASSERT_TRUE(eventually([&] { return processGone(pid); }));

  WorkerPool pool(options(), recorder.callbacks());
  pool.adopt(1, pid, launch.executePath, launch.logPath);
  auto outcome = recorder.waitFinished(1);
  ASSERT_TRUE(outcome);
  EXPECT_EQ(outcome->exitCode, 4);
  EXPECT_EQ(outcome->setValues, (SetValues{{"x", "1=2"}}));
  EXPECT_EQ(outcome->classify(), TaskOutcome::Result::FAILURE);
  EXPECT_EQ(::kill(pid, 0), -1);  // its zombie was collected
}

TEST_F(AdoptTest, FinishedTaskOfAnotherServerProcessIsReadFromItsExitFile) {
  // As after a real restart: no process, only the execute directory and the log.
  std::string executePath = dir / "exec/9";
  fs::create_directories(executePath);
  writeFile(executePath + "/exit_code", "0\n");
  writeFile(executePath + "/pid", "999999999\n");
  std::string logPath = dir / "9.log";
  writeFile(logPath, "[INFO] header\nwork\n${setValue(k=v)}\n");
  WorkerPool pool(options(), recorder.callbacks());
  pool.adopt(9, 0, executePath, logPath);
  auto outcome = recorder.waitFinished(9);
  ASSERT_TRUE(outcome);
  EXPECT_EQ(outcome->exitCode, 0);
  EXPECT_EQ(outcome->setValues, (SetValues{{"k", "v"}}));
  EXPECT_EQ(outcome->classify(), TaskOutcome::Result::SUCCESS);
}

TEST_F(AdoptTest, ProcessGoneWithoutExitFileIsLost) {
  std::string executePath = dir / "exec/3";
  fs::create_directories(executePath);
  WorkerPool pool(options(), recorder.callbacks());
  // A live pid that is not a task (this test process): it must not be mistaken for the task.
  pool.adopt(3, ::getpid(), executePath, dir / "3.log");
  auto outcome = recorder.waitFinished(3);
  ASSERT_TRUE(outcome);
  EXPECT_EQ(outcome->exitCode, -1);
  EXPECT_EQ(outcome->message.rfind("process lost", 0), 0u) << outcome->message;
  EXPECT_EQ(outcome->classify(), TaskOutcome::Result::FAILURE);
  EXPECT_EQ(::kill(::getpid(), 0), 0);

  pool.adopt(4, 0, dir / "exec/4", dir / "4.log");
  auto missing = recorder.waitFinished(4);
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->message.rfind("process lost", 0), 0u) << missing->message;
}

}  // namespace
}  // namespace porpoise::worker
