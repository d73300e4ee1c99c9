// The execute directory of one task attempt: the files the worker writes before the process starts
// and the small status files the runner leaves behind.
//
// Contract:
//  - prepareExecuteDir() creates the directory (and parents), writes the rendered task's files and the
//    wrapper `<appId>.command` (mode 0755), replacing stale copies, and removes a stale exit_code / pid
//    from an earlier attempt. When `chownTo` names a user and the server runs as root, the directory
//    and the files are handed to that user (spec ds-tasks.md §4.1, setTaskDirToTenant). Returns the
//    wrapper's absolute path; throws ExecuteDirError with a message naming the file on any failure
//    (including a rendered file name that is absolute or escapes the directory).
//  - readStatusNumber() reads the integer in <dir>/pid or <dir>/exit_code; nullopt when the file is
//    missing, empty or not a number (a runner killed while writing leaves nothing usable).
//    writeStatusNumber() is the worker's own atomic write of such a file.
#pragma once

#include <sys/types.h>

#include <optional>
#include <stdexcept>
#include <string>

#include "porpoise/task_plugin.h"

namespace porpoise::worker {

class ExecuteDirError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

std::string prepareExecuteDir(const std::string& executePath, const std::string& appId,
                              const porpoise::RenderedTask& rendered, const std::string& wrapperText,
                              const std::string& chownTo);

struct OsUser {
  uid_t uid = 0;
  gid_t gid = 0;
};
// Looks up an OS user by name (thread-safe); nullopt when there is no such user.
std::optional<OsUser> findOsUser(const std::string& name);

std::optional<int> readStatusNumber(const std::string& executePath, const std::string& fileName);

// Writes "<value>\n" to <dir>/<fileName> through a temporary file and a rename; false on failure.
bool writeStatusNumber(const std::string& executePath, const std::string& fileName, int value);

}  // namespace porpoise::worker
