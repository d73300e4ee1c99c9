// Helpers shared by the YAML loader tests: fixture paths, scratch folders, counting codes.
#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <random>
#include <string>

#include "exchange/yaml_workflow_loader.h"

namespace porpoise::exchange::testing {

namespace fs = std::filesystem;

inline fs::path fixturesDir() {
  // The shared fixtures live beside the repository (../shared/fixtures), see issue 10.
  const fs::path repo(PORPOISE_SOURCE_DIR);
  for (const fs::path& candidate : {repo / "tests" / "fixtures", repo.parent_path() / "shared" / "fixtures"})
    if (fs::exists(candidate / "pyds")) return candidate;
  return repo.parent_path() / "shared" / "fixtures";
}

inline fs::path testDataDir() { return fs::path(PORPOISE_SOURCE_DIR) / "tests" / "unit" / "exchange" / "data"; }

// A fresh folder under the system temp folder, removed when the object goes away.
class ScratchDir {
 public:
  ScratchDir() {
    std::random_device random;
    path_ = fs::temp_directory_path() / ("porpoise-yaml-" + std::to_string(random()) + std::to_string(random()));
    fs::create_directories(path_);
  }
  ~ScratchDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  const fs::path& path() const { return path_; }

  fs::path write(const fs::path& relative, const std::string& content) const {
    const fs::path target = path_ / relative;
    fs::create_directories(target.parent_path());
    std::ofstream(target, std::ios::binary) << content;
    return target;
  }

 private:
  fs::path path_;
};

inline std::string readText(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Loader options with codes 1000000000001, 1000000000002, ... and a fixed clock.
inline YamlLoaderOptions countingOptions(const fs::path& workingDirectory) {
  YamlLoaderOptions options;
  auto counter = std::make_shared<int64_t>(1000000000000);
  options.nextTaskCode = [counter] { return ++*counter; };
  options.workingDirectory = workingDirectory;
  options.env = [](const std::string&) -> std::optional<std::string> { return std::nullopt; };
  options.now = util::fromEpochMillis(1700000000000);  // 2023-11-14 22:13:20 UTC
  return options;
}

// Loads YAML text written to `dir/name` (and returns the load result).
inline YamlLoadResult loadWritten(const ScratchDir& dir, const std::string& name, const std::string& yaml) {
  const fs::path file = dir.write(name, yaml);
  return loadYamlWorkflowFile(file, countingOptions(dir.path()));
}

}  // namespace porpoise::exchange::testing
