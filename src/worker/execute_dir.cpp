#include "worker/execute_dir.h"

#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include "util/strings.h"
#include "worker/wrapper_script.h"

namespace porpoise::worker {

namespace fs = std::filesystem;

namespace {

void writeFile(const fs::path& path, const std::string& content, bool executable) {
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) throw ExecuteDirError("cannot write " + path.string());
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    out.close();
    if (!out) throw ExecuteDirError("cannot write " + path.string());
  }
  if (::chmod(path.c_str(), executable ? 0755 : 0644) != 0) {
    throw ExecuteDirError("cannot set permissions of " + path.string());
  }
}

// A rendered file must stay inside the execute directory.
fs::path fileInside(const fs::path& dir, const std::string& name) {
  fs::path relative(name);
  if (name.empty() || relative.is_absolute()) {
    throw ExecuteDirError("task file name '" + name + "' must be a relative path");
  }
  for (const auto& part : relative) {
    if (part == "..") throw ExecuteDirError("task file name '" + name + "' leaves the execute directory");
  }
  return dir / relative;
}

void chownTree(const fs::path& dir, const std::string& user) {
  if (user.empty() || ::geteuid() != 0) return;
  std::optional<OsUser> owner = findOsUser(user);
  if (!owner) throw ExecuteDirError("tenant '" + user + "' does not exist as an OS user on this host");
  auto change = [&](const fs::path& p) {
    if (::lchown(p.c_str(), owner->uid, owner->gid) != 0) {
      throw ExecuteDirError("cannot hand " + p.string() + " to tenant '" + user + "'");
    }
  };
  change(dir);
  std::error_code ec;
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) change(it->path());
  if (ec) throw ExecuteDirError("cannot list " + dir.string() + ": " + ec.message());
}

}  // namespace

std::string prepareExecuteDir(const std::string& executePath, const std::string& appId,
                              const porpoise::RenderedTask& rendered, const std::string& wrapperText,
                              const std::string& chownTo) {
  fs::path dir(executePath);
  if (executePath.empty() || !dir.is_absolute()) {
    throw ExecuteDirError("execute path '" + executePath + "' must be an absolute path");
  }
  if (appId.empty() || appId.find('/') != std::string::npos) {
    throw ExecuteDirError("task app id '" + appId + "' is not a valid file name");
  }
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw ExecuteDirError("cannot create execute directory " + executePath + ": " + ec.message());
  fs::remove(dir / kExitCodeFileName, ec);
  fs::remove(dir / kPidFileName, ec);
  for (const auto& file : rendered.files) {
    fs::path target = fileInside(dir, file.name);
    fs::create_directories(target.parent_path(), ec);
    if (ec) throw ExecuteDirError("cannot create directory for " + target.string() + ": " + ec.message());
    writeFile(target, file.content, file.executable);
  }
  fs::path wrapper = dir / (appId + ".command");
  writeFile(wrapper, wrapperText, true);
  chownTree(dir, chownTo);
  return wrapper.string();
}

std::optional<OsUser> findOsUser(const std::string& name) {
  if (name.empty()) return std::nullopt;
  long hint = ::sysconf(_SC_GETPW_R_SIZE_MAX);
  std::string buffer(hint > 0 ? static_cast<size_t>(hint) : 16384, '\0');
  struct passwd entry {};
  struct passwd* found = nullptr;
  while (true) {
    int rc = ::getpwnam_r(name.c_str(), &entry, buffer.data(), buffer.size(), &found);
    if (rc == ERANGE && buffer.size() < (1u << 20)) {
      buffer.resize(buffer.size() * 2);
      continue;
    }
    if (rc != 0 || found == nullptr) return std::nullopt;
    return OsUser{found->pw_uid, found->pw_gid};
  }
}

std::optional<int> readStatusNumber(const std::string& executePath, const std::string& fileName) {
  std::ifstream in(fs::path(executePath) / fileName);
  if (!in) return std::nullopt;
  std::stringstream text;
  text << in.rdbuf();
  return util::parseInt(util::trim(text.str()));
}

bool writeStatusNumber(const std::string& executePath, const std::string& fileName, int value) {
  fs::path target = fs::path(executePath) / fileName;
  fs::path temporary = fs::path(executePath) / (fileName + ".worker.tmp");
  {
    std::ofstream out(temporary, std::ios::trunc);
    out << value << "\n";
    out.close();
    if (!out) return false;
  }
  std::error_code ec;
  fs::rename(temporary, target, ec);
  return !ec;
}

}  // namespace porpoise::worker
