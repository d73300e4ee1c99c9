// WorkerPool with real bash processes and real files.
#include "worker/worker_pool.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include "worker/set_value_scanner.h"
#include "worker/task_process.h"
#include "worker/wrapper_script.h"
#include "worker_test_support.h"

namespace porpoise::worker {
namespace {

using namespace porpoise::worker::testing;

class WorkerPoolTest : public ::testing::Test {
 protected:
  WorkerOptions options(size_t slots = 4) {
    WorkerOptions o;
    o.slots = slots;
    o.killGrace = 500ms;
    o.host = "test-host:1234";
    return o;
  }

  ScratchDir dir;
  Recorder recorder;
};

TEST_F(WorkerPoolTest, SuccessfulTaskReportsStartAndExitZero) {
  WorkerPool pool(options(), recorder.callbacks());
  TaskLaunch launch = makeLaunch(dir, 1, "echo hello from task");
  launch.rendered.files.push_back({"data/input.txt", "payload", false});
  pool.submit(launch);
  auto outcome = recorder.waitFinished(1);
  ASSERT_TRUE(outcome);
  EXPECT_EQ(outcome->exitCode, 0);
  EXPECT_EQ(outcome->classify(), TaskOutcome::Result::SUCCESS);
  EXPECT_FALSE(outcome->killed);
  EXPECT_FALSE(outcome->timedOut);
  ASSERT_TRUE(recorder.hasStarted(1));
  EXPECT_EQ(*recorder.waitStarted(1), outcome->pid);
  EXPECT_GT(outcome->pid, 0);
  EXPECT_EQ(recorder.startedHost(1), "test-host:1234");

  std::string log = readFile(launch.logPath);
  EXPECT_NE(log.find("hello from task\n"), std::string::npos);
  EXPECT_NE(log.find("[porpoise] task 1 (7_1) starting"), std::string::npos);
  EXPECT_NE(log.find("finished: exit code 0"), std::string::npos);

  std::string wrapper = launch.executePath + "/7_1.command";
  EXPECT_EQ(readFile(wrapper), wrapperScript("", "", "echo hello from task"));
  struct stat info {};
  ASSERT_EQ(::stat(wrapper.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0755u);
  EXPECT_EQ(readFile(launch.executePath + "/data/input.txt"), "payload");
  EXPECT_EQ(readFile(launch.executePath + "/exit_code"), "0\n");
  EXPECT_EQ(readFile(launch.executePath + "/pid"), std::to_string(outcome->pid) + "\n");
}

TEST_F(WorkerPoolTest, RunsInExecuteDirWithBashInItsOwnProcessGroup) {
  WorkerPool pool(options(), recorder.callbacks());
  // BASH_VERSION proves bash (not sh); ps shows the process group of the wrapper.
  TaskLaunch launch =
      makeLaunch(dir, 1, "echo \"cwd=$(pwd) bash=${BASH_VERSION:+yes} pgid=$(ps -o pgid= $$ | tr -d ' ')\"");
  pool.submit(launch);
  auto outcome = recorder.waitFinished(1);
  ASSERT_TRUE(outcome);
  std::string log = readFile(launch.logPath);
  EXPECT_NE(log.find("cwd=" + launch.executePath + " bash=yes pgid=" + std::to_string(outcome->pid) + "\n"),
            std::string::npos)
      << log;
  EXPECT_NE(outcome->pid, ::getpgrp());
}

TEST_F(WorkerPoolTest, NonZeroExitIsFailure) {
  WorkerPool pool(options(), recorder.callbacks());
  pool.submit(makeLaunch(dir, 1, "echo about to fail; exit 3"));
  auto outcome = recorder.waitFinished(1);
  ASSERT_TRUE(outcome);
  EXPECT_EQ(outcome->exitCode, 3);
  EXPECT_FALSE(outcome->killed);
  EXPECT_EQ(outcome->classify(), TaskOutcome::Result::FAILURE);
}

TEST_F(WorkerPoolTest, ExitCode137IsKill) {
  WorkerPool pool(options(), recorder.callbacks());
  pool.submit(makeLaunch(dir, 1, "kill -9 $$"));
  pool.submit(makeLaunch(dir, 2, "exit 137"));
  for (int64_t id : {1, 2}) {
    auto outcome = recorder.waitFinished(id);
    ASSERT_TRUE(outcome);
    EXPECT_EQ(outcome->exitCode, 137);
    EXPECT_TRUE(outcome->killed);
    EXPECT_EQ(outcome->classify(), TaskOutcome::Result::KILL);
  }
}

TEST_F(WorkerPoolTest, CapturesSetValuesIncludingEqualsAndTheLastLineBeforeExit) {
  WorkerPool pool(options(), recorder.callbacks());
  pool.submit(makeLaunch(dir, 1,
                         "echo '${setValue(url=jdbc:x?a=1&b=2)}'\n"
                         "echo 'noise #{setValue(second=two)} more'\n"
                         "echo '${setValue(err=from stderr)}' >&2\n"
                         "printf '%s' '${setValue(last=final)}'"));
  auto outcome = recorder.waitFinished(1);
  ASSERT_TRUE(outcome);
  EXPECT_EQ(outcome->exitCode, 0);
  SetValues expected = {{"url", "jdbc:x?a=1&b=2"}, {"second", "two"}, {"err", "from stderr"}, {"last", "final"}};
  EXPECT_EQ(outcome->setValues, expected);
}

TEST_F(WorkerPoolTest, SetValuesAreOnlyTakenFromThisRunsOutput) {
  WorkerPool pool(options(), recorder.callbacks());
  TaskLaunch launch = makeLaunch(dir, 1, "echo '${setValue(fresh=1)}'");
  fs::create_directories(fs::path(launch.logPath).parent_path());
  writeFile(launch.logPath, "earlier text ${setValue(stale=0)}\n");
  pool.submit(launch);
  auto outcome = recorder.waitFinished(1);
  ASSERT_TRUE(outcome);
  EXPECT_EQ(outcome->setValues, (SetValues{{"fresh", "1"}}));
  EXPECT_EQ(readFile(launch.logPath).rfind("earlier text", 0), 0u);  // appended, not truncated
}

TEST_F(WorkerPoolTest, StdoutAndStderrReachTheLogWhileTheTaskRuns) {
  WorkerPool pool(options(), recorder.callbacks());
  TaskLaunch launch = makeLaunch(dir, 1, "echo out-line; echo err-line >&2; sleep 30");
  pool.submit(launch);
  ASSERT_TRUE(recorder.waitStarted(1));
  ASSERT_TRUE(eventually([&] {
    std::string log = readFile(launch.logPath);
    return log.find("out-line\n") != std::string::npos && log.find("err-line\n") != std::string::npos;
  }));
  EXPECT_FALSE(recorder.hasFinished(1));
  EXPECT_TRUE(pool.kill(1));
  ASSERT_TRUE(recorder.waitFinished(1));
}

TEST_F(WorkerPoolTest, EnvScriptIsSourced) {
  std::string env = dir / "env.sh";
  writeFile(env, "export PP_TEST_VAR=from-env-file\nUNEXPORTED=1\n");
  WorkerPool pool(options(), recorder.callbacks());
  TaskLaunch launch = makeLaunch(dir, 1, "echo \"var=$PP_TEST_VAR\"; bash -c 'echo child=$PP_TEST_VAR'");
  launch.envScriptPath = env;
  pool.submit(launch);
  ASSERT_TRUE(recorder.waitFinished(1));
  std::string log = readFile(launch.logPath);
  EXPECT_NE(log.find("var=from-env-file\n"), std::string::npos) << log;
  EXPECT_NE(log.find("child=from-env-file\n"), std::string::npos) << log;
}

TEST_F(WorkerPoolTest, EnvironmentConfigReplacesTheEnvScript) {
  std::string env = dir / "env.sh";
  writeFile(env, "export PP_TEST_VAR=from-env-file\n");
  WorkerPool pool(options(), recorder.callbacks());
  TaskLaunch launch = makeLaunch(dir, 1, "echo \"var=$PP_TEST_VAR\"");
  launch.envScriptPath = env;
  launch.environmentConfig = "export PP_TEST_VAR=from-config";
  pool.submit(launch);
  ASSERT_TRUE(recorder.waitFinished(1));
  EXPECT_NE(readFile(launch.logPath).find("var=from-config\n"), std::string::npos);
  EXPECT_EQ(readFile(launch.executePath + "/7_1.command").find("source"), std::string::npos);
}

TEST_F(WorkerPoolTest, OneSlotRunsQueuedLaunchesByPriorityThenOrder) {
  std::string gate = dir / "gate";
  ASSERT_EQ(::mkfifo(gate.c_str(), 0600), 0);
  std::string trail = dir / "trail";
  WorkerPool pool(options(1), recorder.callbacks());
  pool.submit(makeLaunch(dir, 1, "read line < " + gate + "; echo 1 >> " + trail));
  ASSERT_TRUE(recorder.waitStarted(1));
  struct Entry {
    int64_t id;
    int priority;
    int64_t order;
  };
  for (Entry e : {Entry{2, 3, 0}, Entry{3, 1, 5}, Entry{4, 1, 2}, Entry{5, 4, 0}, Entry{6, 0, 9}, Entry{7, 1, 2}}) {
    TaskLaunch launch = makeLaunch(dir, e.id, "echo " + std::to_string(e.id) + " >> " + trail);
    launch.priority = e.priority;
    launch.order = e.order;
    pool.submit(launch);
  }
  EXPECT_FALSE(recorder.hasStarted(2));
  {
    int fd = ::open(gate.c_str(), O_WRONLY);
    ASSERT_GE(fd, 0);
    ASSERT_EQ(::write(fd, "go\n", 3), 3);
    ::close(fd);
  }
  ASSERT_TRUE(recorder.waitFinished(5));
  EXPECT_EQ(recorder.finishOrder(), (std::vector<int64_t>{1, 6, 4, 7, 3, 2, 5}));
  EXPECT_EQ(readFile(trail), "1\n6\n4\n7\n3\n2\n5\n");
}

TEST_F(WorkerPoolTest, KillOfRunningTaskKillsTheWholeProcessGroup) {
  WorkerPool pool(options(), recorder.callbacks());
  TaskLaunch launch = makeLaunch(dir, 1,
                                 "sleep 300 & echo $! > child.pid\n"
                                 "(trap '' TERM; exec sleep 301) & echo $! > stubborn.pid\n"
                                 "bash -c 'sleep 302 & echo $! > grandchild.pid; wait' &\n"
                                 "wait");
  pool.submit(launch);
  auto pid = recorder.waitStarted(1);
  ASSERT_TRUE(pid);
  auto readPid = [&](const char* name) { return std::atoi(readFile(launch.executePath + "/" + name).c_str()); };
  ASSERT_TRUE(eventually(
      [&] { return readPid("child.pid") > 0 && readPid("stubborn.pid") > 0 && readPid("grandchild.pid") > 0; }));
  std::vector<pid_t> pids = {*pid, readPid("child.pid"), readPid("stubborn.pid"), readPid("grandchild.pid")};
  for (pid_t p : pids) EXPECT_FALSE(processGone(p)) << p;

  EXPECT_TRUE(pool.kill(1));
  auto outcome = recorder.waitFinished(1);
  ASSERT_TRUE(outcome);
  EXPECT_TRUE(outcome->killed);
  EXPECT_FALSE(outcome->timedOut);
  EXPECT_EQ(outcome->classify(), TaskOutcome::Result::KILL);
  for (pid_t p : pids) EXPECT_TRUE(eventually([&] { return processGone(p); }, 5s)) << "pid " << p << " survived";
  EXPECT_EQ(::kill(*pid, 0), -1);  // the leader is reaped, not a zombie
  EXPECT_NE(readFile(launch.logPath).find("kill requested: sending SIGTERM"), std::string::npos);
  EXPECT_FALSE(pool.kill(1));
}

TEST_F(WorkerPoolTest, KillEscalatesToSigkillAfterTheGracePeriod) {
  WorkerPool pool(options(), recorder.callbacks());
  TaskLaunch launch = makeLaunch(dir, 1, "trap '' TERM; echo ready; sleep 300");
  pool.submit(launch);
  ASSERT_TRUE(recorder.waitStarted(1));
  ASSERT_TRUE(eventually([&] { return readFile(launch.logPath).find("ready\n") != std::string::npos; }));
  auto before = std::chrono::steady_clock::now();
  pool.kill(1);
  auto outcome = recorder.waitFinished(1);
  ASSERT_TRUE(outcome);
  EXPECT_GE(std::chrono::steady_clock::now() - before, 450ms);
  EXPECT_TRUE(outcome->killed);
  EXPECT_EQ(outcome->exitCode, 137);
  EXPECT_NE(readFile(launch.logPath).find("sending SIGKILL"), std::string::npos);
}

TEST_F(WorkerPoolTest, KillOfQueuedTaskRemovesItWithoutRunningIt) {
  std::string gate = dir / "gate";
  ASSERT_EQ(::mkfifo(gate.c_str(), 0600), 0);
  WorkerPool pool(options(1), recorder.callbacks());
  pool.submit(makeLaunch(dir, 1, "read line < " + gate));
  ASSERT_TRUE(recorder.waitStarted(1));
  TaskLaunch queued = makeLaunch(dir, 2, "echo should not run");
  pool.submit(queued);
  EXPECT_TRUE(pool.kill(2));
  auto outcome = recorder.waitFinished(2);
  ASSERT_TRUE(outcome);
  EXPECT_TRUE(outcome->killed);
  EXPECT_EQ(outcome->pid, 0);
  EXPECT_EQ(outcome->classify(), TaskOutcome::Result::KILL);
  EXPECT_FALSE(fs::exists(queued.executePath));
  EXPECT_FALSE(pool.kill(2));
  EXPECT_FALSE(pool.kill(999));
  int fd = ::open(gate.c_str(), O_WRONLY);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(::write(fd, "go\n", 3), 3);
  ::close(fd);
  ASSERT_TRUE(recorder.waitFinished(1));
  EXPECT_FALSE(recorder.hasStarted(2));
}

TEST_F(WorkerPoolTest, TimeoutWithKillStrategyKillsTheTask) {
  WorkerPool pool(options(), recorder.callbacks());
  TaskLaunch launch = makeLaunch(dir, 1, "sleep 300 & echo $! > child.pid; wait");
  launch.timeout = 1s;
  launch.killOnTimeout = true;
  auto before = std::chrono::steady_clock::now();
  pool.submit(launch);
  auto outcome = recorder.waitFinished(1);
  ASSERT_TRUE(outcome);
  auto took = std::chrono::steady_clock::now() - before;
  EXPECT_GE(took, 900ms);
  EXPECT_LT(took, 10s);
  EXPECT_TRUE(outcome->timedOut);
  EXPECT_FALSE(outcome->killed);
  EXPECT_EQ(outcome->classify(), TaskOutcome::Result::FAILURE);
  EXPECT_EQ(recorder.timeoutWarnings(), std::vector<int64_t>{1});
  pid_t child = std::atoi(readFile(launch.executePath + "/child.pid").c_str());
  EXPECT_TRUE(eventually([&] { return processGone(child); }, 5s));
}

TEST_F(WorkerPoolTest, TimeoutWithWarnStrategyOnlyWarns) {
  WorkerPool pool(options(), recorder.callbacks());
  TaskLaunch launch = makeLaunch(dir, 1, "sleep 2; echo done");
  launch.timeout = 1s;
  launch.killOnTimeout = false;
  pool.submit(launch);
  auto outcome = recorder.waitFinished(1);
  ASSERT_TRUE(outcome);
  EXPECT_EQ(recorder.timeoutWarnings(), std::vector<int64_t>{1});
  EXPECT_FALSE(outcome->timedOut);
  EXPECT_EQ(outcome->exitCode, 0);
  EXPECT_EQ(outcome->classify(), TaskOutcome::Result::SUCCESS);
  std::string log = readFile(launch.logPath);
  EXPECT_NE(log.find("warning only"), std::string::npos);
  EXPECT_NE(log.find("done\n"), std::string::npos);
}

TEST_F(WorkerPoolTest, DryRunSucceedsWithoutFilesOrProcess) {
  WorkerPool pool(options(), recorder.callbacks());
  TaskLaunch launch = makeLaunch(dir, 1, "exit 1");
  launch.dryRun = true;
  pool.submit(launch);
  auto outcome = recorder.waitFinished(1);
  ASSERT_TRUE(outcome);
  EXPECT_EQ(outcome->exitCode, 0);
  EXPECT_EQ(outcome->pid, 0);
  EXPECT_EQ(outcome->classify(), TaskOutcome::Result::SUCCESS);
  EXPECT_FALSE(recorder.hasStarted(1));
  EXPECT_FALSE(fs::exists(launch.executePath));
  EXPECT_FALSE(fs::exists(launch.logPath));
}

TEST_F(WorkerPoolTest, LaunchThatCannotStartIsReportedAsFailure) {
  WorkerPool pool(options(), recorder.callbacks());
  TaskLaunch relative = makeLaunch(dir, 1, "true");
  relative.executePath = "relative/dir";
  pool.submit(relative);
  TaskLaunch escaping = makeLaunch(dir, 2, "true");
  escaping.rendered.files.push_back({"../outside.sh", "x", true});
  pool.submit(escaping);
  TaskLaunch noTenant = makeLaunch(dir, 3, "true");
  noTenant.sudo = true;
  noTenant.tenant = "pp-no-such-user-xyz";
  pool.submit(noTenant);

  auto first = recorder.waitFinished(1);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->exitCode, -1);
  EXPECT_NE(first->message.find("relative/dir"), std::string::npos) << first->message;
  auto second = recorder.waitFinished(2);
  ASSERT_TRUE(second);
  EXPECT_NE(second->message.find("../outside.sh"), std::string::npos) << second->message;
  EXPECT_NE(readFile(escaping.logPath).find("could not run"), std::string::npos);
  auto third = recorder.waitFinished(3);
  ASSERT_TRUE(third);
  EXPECT_NE(third->message.find("pp-no-such-user-xyz"), std::string::npos) << third->message;
  for (int64_t id : {1, 2, 3}) EXPECT_FALSE(recorder.hasStarted(id));
}

TEST_F(WorkerPoolTest, SudoRunsTheWrapperThroughTheSudoProgram) {
  // sudo is not installed here: a stand-in records its arguments and runs the command after them.
  std::string fakeSudo = dir / "fake-sudo";
  writeFile(fakeSudo, "#!/bin/bash\necho \"$*\" > sudo_args\nshift 3\nexec \"$@\"\n");
  ::chmod(fakeSudo.c_str(), 0755);
  WorkerOptions o = options();
  o.sudoPath = fakeSudo;
  WorkerPool pool(o, recorder.callbacks());
  TaskLaunch launch = makeLaunch(dir, 1, "echo as-tenant");
  launch.sudo = true;
  launch.tenant = "nobody";
  pool.submit(launch);
  auto outcome = recorder.waitFinished(1);
  ASSERT_TRUE(outcome);
  EXPECT_EQ(outcome->exitCode, 0) << outcome->message;
  EXPECT_EQ(readFile(launch.executePath + "/sudo_args"),
            "-u nobody -E /bin/bash " + launch.executePath + "/7_1.command\n");
  if (::geteuid() == 0) {
    struct stat info {};
    ASSERT_EQ(::stat(launch.executePath.c_str(), &info), 0);
    EXPECT_EQ(info.st_uid, 65534u);
  }
}

TEST_F(WorkerPoolTest, DuplicateIdsAndUseAfterShutdownAreRejected) {
  WorkerPool pool(options(1), recorder.callbacks());
  pool.submit(makeLaunch(dir, 1, "sleep 30"));
  EXPECT_THROW(pool.submit(makeLaunch(dir, 1, "true")), std::invalid_argument);
  EXPECT_THROW(pool.adopt(1, 0, dir / "x", dir / "x.log"), std::invalid_argument);
  pool.shutdown(true);
  EXPECT_THROW(pool.submit(makeLaunch(dir, 2, "true")), std::logic_error);
  EXPECT_FALSE(pool.kill(1));
}

TEST_F(WorkerPoolTest, ShutdownWithKillReportsQueuedAndRunningTasks) {
  WorkerPool pool(options(1), recorder.callbacks());
  TaskLaunch running = makeLaunch(dir, 1, "sleep 300");
  pool.submit(running);
  pool.submit(makeLaunch(dir, 2, "sleep 300"));
  auto pid = recorder.waitStarted(1);
  ASSERT_TRUE(pid);
  pool.shutdown(true);
  ASSERT_TRUE(recorder.hasFinished(1));
  ASSERT_TRUE(recorder.hasFinished(2));
  EXPECT_TRUE(recorder.waitFinished(1)->killed);
  EXPECT_TRUE(recorder.waitFinished(2)->killed);
  EXPECT_EQ(recorder.waitFinished(2)->pid, 0);
  EXPECT_TRUE(processGone(*pid));
}

TEST_F(WorkerPoolTest, FreedSlotsStartWaitingLaunches) {
  WorkerPool pool(options(2), recorder.callbacks());
  for (int64_t id = 1; id <= 6; ++id) pool.submit(makeLaunch(dir, id, "echo " + std::to_string(id)));
  for (int64_t id = 1; id <= 6; ++id) {
    auto outcome = recorder.waitFinished(id);
    ASSERT_TRUE(outcome) << id;
    EXPECT_EQ(outcome->exitCode, 0);
  }
}

}  // namespace
}  // namespace porpoise::worker
