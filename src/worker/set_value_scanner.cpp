#include "worker/set_value_scanner.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace porpoise::worker {

namespace {

std::string_view trimBlanks(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

}  // namespace

void SetValueScanner::scanLine(std::string_view line, SetValues& out) {
  static constexpr std::string_view kOpen = "{setValue(";
  static constexpr std::string_view kClose = ")}";
  size_t from = 0;
  while (true) {
    size_t open = line.find(kOpen, from);
    if (open == std::string_view::npos) return;
    if (open == 0 || (line[open - 1] != '$' && line[open - 1] != '#')) {
      from = open + 1;
      continue;
    }
    size_t bodyStart = open + kOpen.size();
    size_t close = line.find(kClose, bodyStart);
    if (close == std::string_view::npos) return;
    std::string_view body = line.substr(bodyStart, close - bodyStart);
    from = close + kClose.size();
    size_t eq = body.find('=');
    if (eq == std::string_view::npos) continue;
    std::string_view key = trimBlanks(body.substr(0, eq));
    if (key.empty()) continue;
    out.emplace_back(std::string(key), std::string(body.substr(eq + 1)));
  }
}

void SetValueScanner::feed(std::string_view chunk) {
  while (!chunk.empty()) {
    size_t nl = chunk.find('\n');
    std::string_view piece = chunk.substr(0, nl);
    if (!overlong_) {
      size_t room = kMaxLineBytes - partial_.size();
      if (piece.size() > room) {
        partial_.append(piece.substr(0, room));
        overlong_ = true;
      } else {
        partial_.append(piece);
      }
    }
    if (nl == std::string_view::npos) return;
    finish();
    chunk.remove_prefix(nl + 1);
  }
}

void SetValueScanner::finish() {
  std::string_view line = partial_;
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  if (!line.empty()) scanLine(line, values_);
  partial_.clear();
  overlong_ = false;
}

SetValues scanLogFile(const std::string& path, uint64_t offset, std::string& error) {
  error.clear();
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno != ENOENT) error = "cannot open log " + path + ": " + std::strerror(errno);
    return {};
  }
  SetValueScanner scanner;
  std::string buffer(1 << 16, '\0');
  auto position = static_cast<off_t>(offset);
  while (true) {
    ssize_t n = ::pread(fd, buffer.data(), buffer.size(), position);
    if (n < 0) {
      if (errno == EINTR) continue;
      error = "cannot read log " + path + ": " + std::strerror(errno);
      break;
    }
    if (n == 0) break;
    scanner.feed(std::string_view(buffer.data(), static_cast<size_t>(n)));
    position += n;
  }
  ::close(fd);
  scanner.finish();
  return scanner.values();
}

}  // namespace porpoise::worker
