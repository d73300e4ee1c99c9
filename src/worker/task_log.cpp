#include "worker/task_log.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "util/time.h"

namespace porpoise::worker {

namespace {

const char* levelName(LogLevel level) {
  switch (level) {
    case LogLevel::INFO:
      return "INFO";
    case LogLevel::WARN:
      return "WARN";
    case LogLevel::ERROR:
      return "ERROR";
  }
  return "INFO";
}

}  // namespace

uint64_t appendLogLine(const std::string& logPath, LogLevel level, const std::string& message) {
  std::filesystem::path path(logPath);
  if (logPath.empty() || !path.is_absolute()) {
    throw TaskLogError("task log path '" + logPath + "' must be an absolute path");
  }
  std::error_code ec;
  std::filesystem::create_directories(path.parent_path(), ec);
  if (ec) throw TaskLogError("cannot create log directory " + path.parent_path().string() + ": " + ec.message());
  std::string line = "[" + std::string(levelName(level)) + "] " +
                     util::formatPattern(util::now(), "%Y-%m-%d %H:%M:%S %z") + " - [porpoise] " + message + "\n";
  int fd = ::open(logPath.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) throw TaskLogError("cannot open task log " + logPath + ": " + std::strerror(errno));
  size_t written = 0;
  while (written < line.size()) {
    ssize_t n = ::write(fd, line.data() + written, line.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int code = errno;
      ::close(fd);
      throw TaskLogError("cannot write task log " + logPath + ": " + std::strerror(code));
    }
    written += static_cast<size_t>(n);
  }
  struct stat info {};
  int statRc = ::fstat(fd, &info);
  ::close(fd);
  if (statRc != 0) throw TaskLogError("cannot stat task log " + logPath);
  return static_cast<uint64_t>(info.st_size);
}

}  // namespace porpoise::worker
