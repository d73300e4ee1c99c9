// The worker: a pool of slots that runs task processes (DESIGN.md "worker", spec ds-tasks.md §2, §4).
//
// Contract:
//  - submit() queues a launch; launches start in LaunchQueue order (priority, then order, then FIFO)
//    whenever one of the `slots` is free. Adopted processes occupy slots too.
//  - Starting a launch: write a header line to the task log; create the execute directory with the
//    rendered files and the wrapper `<appId>.command` (wrapper_script.h); start the runner with bash as
//    the leader of its own session/process group, cwd = execute directory, stdout+stderr appended
//    straight to the task log (no pipe through the server: output and the exit status survive a server
//    crash). With sudo, the wrapper runs as `sudo -u <tenant> -E bash <wrapper>` and the directory is
//    handed to the tenant when the server runs as root. Then Callbacks::started(id, pid, host).
//  - When the process group leader exits (seen through a pidfd, no polling), the exit code is taken from
//    waitpid (our own child) or from <executePath>/exit_code (a process we are not the parent of), the log
//    is scanned for ${setValue(k=v)} from where the task's output began, a footer line is written and
//    Callbacks::finished(outcome) is called. Background processes a task leaves behind after a normal
//    exit are not touched (as in DolphinScheduler). The execute directory is left in place (it holds the
//    exit_code that makes a finished task recoverable); removing old ones is up to the caller.
//  - kill(id): a queued launch is removed and reported killed (pid 0); a running one gets SIGTERM on its
//    whole process group, SIGKILL after `killGrace` if the leader still runs, and SIGKILL to whatever is
//    left in the group once the leader is gone; it is reported with killed = true. Returns false when the
//    pool does not know the id. A task that ends on its own before the kill lands is reported as it ended.
//  - Timeout (launch.timeout > 0, counted from process start): Callbacks::timeoutWarning(id) is called;
//    with killOnTimeout the group is then killed like kill() and the outcome has timedOut = true.
//  - Dry run: nothing is written or started; finished() reports success (exit code 0, pid 0) at once.
//  - A launch that cannot be started (bad paths, unknown tenant, unwritable directory, spawn failure) is
//    reported through finished() with exitCode -1 and a message naming the problem; started() is not called.
//  - adopt(): after a server restart, follow a task process that kept running. `pid` is the recorded pid
//    (0: read <executePath>/pid). The pid is trusted only if /proc/<pid>/cmdline shows our runner for that
//    execute directory. If the process is gone, the outcome comes from <executePath>/exit_code, or is a
//    failure with message "process lost ..." when there is none. The whole log is scanned for setValue.
//  - Every public method is thread-safe. Callbacks run on the pool's own thread, one at a time; they must
//    not block for long and may call submit()/kill()/adopt() but not shutdown().
//  - submit()/adopt() throw std::invalid_argument for an id the pool already has, std::logic_error after
//    shutdown().
//  - shutdown(killRunning = true): queued launches are reported killed, running ones are killed and
//    reported, then the thread stops. shutdown(false) (also what the destructor does): queued launches are
//    dropped unreported and running processes are left running unreported, to be adopted later (by a new
//    pool in this process, which then also reaps them, or after a restart). Neither may be called, nor the
//    pool destroyed, from inside a callback. Later calls do nothing.
//  - adopt()'s timeoutLeft <= 0 means no timeout (call kill() for a task that is already overdue).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "worker/task_launch.h"

namespace porpoise::worker {

struct WorkerOptions {
  size_t slots = 10;                          // DolphinScheduler's worker.exec-threads default; 0 is rejected
  std::chrono::milliseconds killGrace{5000};  // SIGTERM -> SIGKILL delay
  std::string bashPath = "/bin/bash";         // interpreter of runner and wrapper (never sh)
  std::string sudoPath = "sudo";
  std::string host;  // reported by started(); empty = this machine's host name
};

class WorkerPool {
 public:
  struct Callbacks {
    std::function<void(int64_t taskInstanceId, int pid, std::string host)> started;
    std::function<void(const TaskOutcome&)> finished;
    std::function<void(int64_t taskInstanceId)> timeoutWarning;
  };

  WorkerPool(size_t slots, Callbacks callbacks);
  WorkerPool(WorkerOptions options, Callbacks callbacks);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  void submit(TaskLaunch launch);
  bool kill(int64_t taskInstanceId);
  void adopt(int64_t taskInstanceId, int pid, const std::string& executePath, const std::string& logPath,
             std::chrono::seconds timeoutLeft = std::chrono::seconds{0}, bool killOnTimeout = false);
  void shutdown(bool killRunning);

  const std::string& host() const;

 private:
  class Impl;  // the queue, the running tasks and the Asio loop on the pool's own thread
  std::unique_ptr<Impl> impl_;
};

}  // namespace porpoise::worker
