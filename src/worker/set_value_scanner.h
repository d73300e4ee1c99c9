// Finds ${setValue(key=value)} (or #{setValue(key=value)}) OUT-parameter captures in task output.
//
// Contract (Porpoise fixes DolphinScheduler's bugs here, spec ds-tasks.md §2.4 and §8 #7):
//  - A capture may appear anywhere in a line, several per line; the text between `setValue(` and the
//    first `)}` after it is split on the FIRST `=`, so values may contain `=`. The key is trimmed of
//    blanks; the value is kept verbatim. Entries without `=` or with an empty key are ignored.
//  - Output is fed in arbitrary chunks; lines are split on '\n' (a trailing '\r' is dropped) and the
//    last line counts even without a final newline once finish() is called.
//  - A line longer than kMaxLineBytes is only searched in its first kMaxLineBytes bytes.
//  - Captures are returned in output order; a repeated key appears once per capture (the consumer
//    decides which wins, normally the last).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace porpoise::worker {

using SetValues = std::vector<std::pair<std::string, std::string>>;

class SetValueScanner {
 public:
  static constexpr size_t kMaxLineBytes = 1 << 20;

  void feed(std::string_view chunk);
  // Scans the pending partial line, if any. Further feed() calls start a new line.
  void finish();
  const SetValues& values() const { return values_; }

  // Appends the captures found in one complete line to `out`.
  static void scanLine(std::string_view line, SetValues& out);

 private:
  std::string partial_;
  bool overlong_ = false;  // the current line passed kMaxLineBytes: ignore the rest of it
  SetValues values_;
};

// Reads `path` from byte `offset` to its end and returns every capture. A missing file gives no
// captures; read errors are reported through `error` (empty when all went well).
SetValues scanLogFile(const std::string& path, uint64_t offset, std::string& error);

}  // namespace porpoise::worker
