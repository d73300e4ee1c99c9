// Test helpers for the task plugins: a scratch directory, writing a RenderedTask the way the worker
// does, and running bash with captured output.
#pragma once

#include <porpoise/task_plugin.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

namespace porpoise::tasks::testing {

// A fresh directory under the system temp dir, removed on destruction.
class ScratchDir {
 public:
  ScratchDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "porpoise-tasks-XXXXXX").string();
    char* made = mkdtemp(pattern.data());
    if (!made) throw std::runtime_error("mkdtemp failed");
    path_ = made;
  }
  ~ScratchDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const std::string& path() const { return path_; }
  std::string file(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

inline std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline void writeFile(const std::string& path, const std::string& content, bool executable = false) {
  std::ofstream(path, std::ios::binary) << content;
  chmod(path.c_str(), executable ? 0755 : 0644);
}

inline bool isExecutable(const std::string& path) {
  struct stat st {};
  return stat(path.c_str(), &st) == 0 && (st.st_mode & S_IXUSR);
}

struct RunResult {
  int exitCode = -1;
  std::string output;
};

// Writes the task's files into `dir`, then a wrapper like the worker's (cd, environment lines, the
// rendered script) and runs it with bash, stderr merged into stdout.
inline RunResult runRendered(const RenderedTask& task, const std::string& dir, const std::string& envLines = "") {
  for (const auto& f : task.files) writeFile(dir + "/" + f.name, f.content, f.executable);
  std::string wrapper = dir + "/wrapper.command";
  writeFile(wrapper, "#!/bin/bash\ncd '" + dir + "'\n" + envLines + "\n" + task.script + "\n", true);
  RunResult result;
  FILE* pipe = popen(("bash '" + wrapper + "' 2>&1").c_str(), "r");
  if (!pipe) return result;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) result.output.append(buf, n);
  int status = pclose(pipe);
  result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

// A context for worker tasks: substitute replaces ${name} from `params` (unknown names stay).
inline TaskRenderContext makeContext(const nlohmann::json& taskParams, const std::string& executePath,
                                     std::map<std::string, std::string> params = {}) {
  TaskRenderContext ctx;
  ctx.taskParams = taskParams;
  ctx.params = params;
  ctx.executePath = executePath;
  ctx.taskAppId = "12_345";
  ctx.taskInstanceId = 345;
  ctx.workflowInstanceId = 12;
  ctx.substitute = [params](const std::string& text) {
    std::string out;
    size_t i = 0;
    while (i < text.size()) {
      size_t open = text.find("${", i);
      if (open == std::string::npos) break;
      size_t close = text.find('}', open);
      if (close == std::string::npos) break;
      out += text.substr(i, open - i);
      auto it = params.find(text.substr(open + 2, close - open - 2));
      out += it == params.end() ? text.substr(open, close - open + 1) : it->second;
      i = close + 1;
    }
    return out + text.substr(i);
  };
  return ctx;
}

}  // namespace porpoise::tasks::testing
