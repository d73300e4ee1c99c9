#include "worker/set_value_scanner.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace porpoise::worker {
namespace {

using Pairs = SetValues;

Pairs scan(std::string_view text) {
  SetValueScanner scanner;
  scanner.feed(text);
  scanner.finish();
  return scanner.values();
}

TEST(SetValueScanner, FindsCaptureAtLineStart) {
  EXPECT_EQ(scan("${setValue(a=b)}\n"), (Pairs{{"a", "b"}}));
  EXPECT_EQ(scan("#{setValue(a=b)}\n"), (Pairs{{"a", "b"}}));
}

TEST(SetValueScanner, FindsCapturesAnywhereAndSeveralPerLine) {
  EXPECT_EQ(scan("result: ${setValue(x=1)} and #{setValue(y=2)} done\n"), (Pairs{{"x", "1"}, {"y", "2"}}));
}

TEST(SetValueScanner, SplitsOnFirstEqualsOnly) {
  EXPECT_EQ(scan("${setValue(url=jdbc:x?a=1&b=2)}\n"), (Pairs{{"url", "jdbc:x?a=1&b=2"}}));
}

TEST(SetValueScanner, KeepsValueVerbatimAndTrimsKey) {
  EXPECT_EQ(scan("${setValue( k = v w )}\n"), (Pairs{{"k", " v w "}}));
  EXPECT_EQ(scan("${setValue(empty=)}\n"), (Pairs{{"empty", ""}}));
}

TEST(SetValueScanner, IgnoresMalformedEntries) {
  EXPECT_TRUE(scan("${setValue(novalue)}\n").empty());
  EXPECT_TRUE(scan("${setValue(=v)}\n").empty());
  EXPECT_TRUE(scan("setValue(a=b)}\n").empty());
  EXPECT_TRUE(scan("{setValue(a=b)}\n").empty());
  EXPECT_TRUE(scan("${setValue(a=b\n)}\n").empty());
}

TEST(SetValueScanner, LastLineWithoutNewlineCountsAfterFinish) {
  SetValueScanner scanner;
  scanner.feed("first\n${setValue(last=yes)}");
  EXPECT_TRUE(scanner.values().empty());
  scanner.finish();
  EXPECT_EQ(scanner.values(), (Pairs{{"last", "yes"}}));
}

TEST(SetValueScanner, JoinsLinesSplitAcrossChunks) {
  SetValueScanner scanner;
  scanner.feed("noise\n${setVa");
  scanner.feed("lue(k=v");
  scanner.feed("al)}\r\n${setValue(two=2)}\n");
  scanner.finish();
  EXPECT_EQ(scanner.values(), (Pairs{{"k", "val"}, {"two", "2"}}));
}

TEST(SetValueScanner, OverlongLineIsCutButNextLineStillScanned) {
  std::string text(SetValueScanner::kMaxLineBytes + 10, 'x');
  text += "${setValue(hidden=1)}\n${setValue(seen=2)}\n";
  EXPECT_EQ(scan(text), (Pairs{{"seen", "2"}}));
}

TEST(ScanLogFile, ReadsFromOffsetToEnd) {
  auto path = std::filesystem::temp_directory_path() / ("pp_scan_" + std::to_string(::getpid()) + ".log");
  {
    std::ofstream out(path);
    out << "${setValue(before=1)}\n${setValue(after=2)}\n${setValue(tail=3)}";
  }
  std::string error;
  auto all = scanLogFile(path.string(), 0, error);
  EXPECT_EQ(all.size(), 3u);
  auto later = scanLogFile(path.string(), std::string("${setValue(before=1)}\n").size(), error);
  EXPECT_TRUE(error.empty());
  EXPECT_EQ(later, (Pairs{{"after", "2"}, {"tail", "3"}}));
  std::filesystem::remove(path);
  EXPECT_TRUE(scanLogFile(path.string(), 0, error).empty());
  EXPECT_TRUE(error.empty());
}

}  // namespace
}  // namespace porpoise::worker
