// Porpoise's own lines in a task log file, around the output the task writes there itself.
//
// Contract: appendLogLine() creates the log's parent directories if needed and appends one line
// "[LEVEL] yyyy-MM-dd HH:mm:ss.SSS +zzzz - [porpoise] <message>" with O_APPEND, so it interleaves
// safely with the task's own output. Returns the file size after the write (the offset where the task's
// output will start), or throws TaskLogError naming the file.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

namespace porpoise::worker {

class TaskLogError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

enum class LogLevel { INFO, WARN, ERROR };

uint64_t appendLogLine(const std::string& logPath, LogLevel level, const std::string& message);

}  // namespace porpoise::worker
