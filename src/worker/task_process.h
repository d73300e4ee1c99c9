// Operating-system side of one task process: start it in its own session, watch it through a pidfd,
// recognise it after a restart, signal its process group, collect its exit status.
//
// Contract:
//  - spawnInSession() starts argv[0] (searched in PATH when not absolute) with posix_spawn as the leader
//    of a new session and process group (pgid == pid), cwd = `workDir`, stdin = /dev/null,
//    stdout+stderr appended to `logPath` (opened O_APPEND by the child itself, no pipe to the server),
//    default signal handlers, an empty signal mask, and no other inherited descriptors. The server's
//    environment is passed on. Throws ProcessError naming the cause.
//  - openPidfd() returns a pidfd (close-on-exec) for a live or zombie pid, or -1 when there is no such process.
//  - looksLikeTask() checks /proc/<pid>/cmdline for the runner marker and the execute directory, so a pid
//    recycled by an unrelated process is never adopted or signalled.
//  - reapIfChild() collects the status of our own child without blocking: the exit code (128+N for
//    signal N), or nullopt if `pid` is not (or no longer) our child or has not exited yet.
//  - signalGroup() sends `sig` to the whole process group `pgid`; false if no process was left in it.
#pragma once

#include <sys/types.h>

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace porpoise::worker {

class ProcessError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

pid_t spawnInSession(const std::vector<std::string>& argv, const std::string& workDir, const std::string& logPath);

int openPidfd(pid_t pid);

bool looksLikeTask(pid_t pid, const std::string& executePath);

std::optional<int> reapIfChild(pid_t pid);

bool signalGroup(pid_t pgid, int sig);

// SIGKILL to the group led by our child `pid`, then wait for that child (it cannot outlive SIGKILL).
void killAndReap(pid_t pid);

// True when `pid` no longer runs: no such process, or a zombie waiting to be reaped.
bool processGone(pid_t pid);

}  // namespace porpoise::worker
