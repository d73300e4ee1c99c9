#include "worker/task_process.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>

#include "worker/wrapper_script.h"

extern char** environ;

namespace porpoise::worker {

namespace {

std::string errnoText(int code) { return std::strerror(code); }

// Frees posix_spawn's attribute objects however the spawn ends.
struct SpawnSetup {
  posix_spawn_file_actions_t actions;
  posix_spawnattr_t attributes;
  SpawnSetup() {
    posix_spawn_file_actions_init(&actions);
    posix_spawnattr_init(&attributes);
  }
  ~SpawnSetup() {
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
  }
  SpawnSetup(const SpawnSetup&) = delete;
  SpawnSetup& operator=(const SpawnSetup&) = delete;
};

void check(int rc, const char* what) {
  if (rc != 0) throw ProcessError(std::string("cannot prepare the task process (") + what + "): " + errnoText(rc));
}

}  // namespace

pid_t spawnInSession(const std::vector<std::string>& argv, const std::string& workDir, const std::string& logPath) {
  if (argv.empty()) throw ProcessError("no command to run");
  SpawnSetup setup;
  check(posix_spawn_file_actions_addchdir_np(&setup.actions, workDir.c_str()), "chdir");
  check(posix_spawn_file_actions_addopen(&setup.actions, 0, "/dev/null", O_RDONLY, 0), "stdin");
  check(posix_spawn_file_actions_addopen(&setup.actions, 1, logPath.c_str(), O_WRONLY | O_APPEND | O_CREAT, 0644),
        "stdout");
  check(posix_spawn_file_actions_adddup2(&setup.actions, 1, 2), "stderr");
  check(posix_spawn_file_actions_addclosefrom_np(&setup.actions, 3), "closefrom");

  sigset_t noSignals;
  sigemptyset(&noSignals);
  sigset_t allSignals;
  sigfillset(&allSignals);
  check(posix_spawnattr_setsigmask(&setup.attributes, &noSignals), "signal mask");
  check(posix_spawnattr_setsigdefault(&setup.attributes, &allSignals), "signal defaults");
  check(
      posix_spawnattr_setflags(&setup.attributes, POSIX_SPAWN_SETSID | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF),
      "flags");

  std::vector<char*> args;
  args.reserve(argv.size() + 1);
  for (const auto& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);

  pid_t pid = 0;
  int rc = posix_spawnp(&pid, args[0], &setup.actions, &setup.attributes, args.data(), environ);
  if (rc != 0) throw ProcessError("cannot start " + argv[0] + " in " + workDir + ": " + errnoText(rc));
  return pid;
}

int openPidfd(pid_t pid) {
  if (pid <= 0) return -1;
  long fd = ::syscall(SYS_pidfd_open, pid, 0);
  if (fd < 0) return -1;
  // pidfd_open sets close-on-exec by itself.
  return static_cast<int>(fd);
}

bool looksLikeTask(pid_t pid, const std::string& executePath) {
  if (pid <= 0) return false;
  std::ifstream in("/proc/" + std::to_string(pid) + "/cmdline", std::ios::binary);
  if (!in) return false;
  std::string raw((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::vector<std::string> args;
  size_t start = 0;
  while (start < raw.size()) {
    size_t end = raw.find('\0', start);
    if (end == std::string::npos) end = raw.size();
    args.push_back(raw.substr(start, end - start));
    start = end + 1;
  }
  // bash -c <runner> porpoise-task <appId> <executePath> ...
  return args.size() >= 6 && args[3] == kRunnerName && args[5] == executePath;
}

std::optional<int> reapIfChild(pid_t pid) {
  int status = 0;
  pid_t got;
  do {
    got = ::waitpid(pid, &status, WNOHANG);
  } while (got < 0 && errno == EINTR);
  if (got != pid) return std::nullopt;
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return std::nullopt;
}

bool signalGroup(pid_t pgid, int sig) {
  if (pgid <= 1) return false;
  return ::kill(-pgid, sig) == 0;
}

void killAndReap(pid_t pid) {
  if (pid <= 1) return;
  signalGroup(pid, SIGKILL);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
}

bool processGone(pid_t pid) {
  if (pid <= 0) return true;
  if (::kill(pid, 0) != 0 && errno == ESRCH) return true;
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  size_t paren = stat.rfind(')');
  return paren != std::string::npos && paren + 2 < stat.size() && (stat[paren + 2] == 'Z' || stat[paren + 2] == 'X');
}

}  // namespace porpoise::worker
