#include "params/out_params.h"

#include <gtest/gtest.h>

namespace porpoise::params {
namespace {

using model::Property;

TEST(ParseSetValues, BothMarkerSpellings) {
  EXPECT_EQ(parseSetValues("${setValue(k=v)}"), (std::vector<SetValue>{{"k", "v"}}));
  EXPECT_EQ(parseSetValues("#{setValue(k=v)}"), (std::vector<SetValue>{{"k", "v"}}));
  EXPECT_TRUE(parseSetValues("{setValue(k=v)}").empty());
  EXPECT_TRUE(parseSetValues("%{setValue(k=v)}").empty());
  EXPECT_TRUE(parseSetValues("setValue(k=v)").empty());
}

TEST(ParseSetValues, ValuesMayContainEquals) {
  EXPECT_EQ(parseSetValues("${setValue(url=http://h/p?a=1&b=2)}"),
            (std::vector<SetValue>{{"url", "http://h/p?a=1&b=2"}}));
  EXPECT_EQ(parseSetValues("${setValue(expr==)}"), (std::vector<SetValue>{{"expr", "="}}));
}

TEST(ParseSetValues, MarkerAnywhereInTheLineAndSeveralPerLine) {
  EXPECT_EQ(parseSetValues("result: ${setValue(a=1)} and #{setValue(b=2)} done"),
            (std::vector<SetValue>{{"a", "1"}, {"b", "2"}}));
  EXPECT_EQ(parseSetValues("line1\n  ${setValue(a=1)}\nline3 ${setValue(b=2)}\n"),
            (std::vector<SetValue>{{"a", "1"}, {"b", "2"}}));
}

TEST(ParseSetValues, ParenthesesInValues) {
  EXPECT_EQ(parseSetValues("${setValue(f=max(a,b))}"), (std::vector<SetValue>{{"f", "max(a,b)"}}));
  EXPECT_EQ(parseSetValues("${setValue(s=(x))} tail)}"), (std::vector<SetValue>{{"s", "(x)"}}));
}

TEST(ParseSetValues, KeyTrimmedValueVerbatim) {
  EXPECT_EQ(parseSetValues("${setValue( k = v )}"), (std::vector<SetValue>{{"k", " v "}}));
  EXPECT_EQ(parseSetValues("${setValue(k=)}"), (std::vector<SetValue>{{"k", ""}}));
}

TEST(ParseSetValues, MalformedMarkersAreSkipped) {
  EXPECT_TRUE(parseSetValues("${setValue(novalue)}").empty());
  EXPECT_TRUE(parseSetValues("${setValue(=v)}").empty());
  EXPECT_TRUE(parseSetValues("${setValue(k=v)").empty());
  EXPECT_TRUE(parseSetValues("${setValue(k=v").empty());
  // A marker does not reach across lines.
  EXPECT_EQ(parseSetValues("${setValue(k=v\nx)} ${setValue(a=b)}"), (std::vector<SetValue>{{"a", "b"}}));
  EXPECT_EQ(parseSetValues("${setValue(bad) ${setValue(k=v)}"), (std::vector<SetValue>{{"k", "v"}}));
}

TEST(ParseSetValues, WindowsLineEndings) {
  EXPECT_EQ(parseSetValues("${setValue(k=v)}\r\n"), (std::vector<SetValue>{{"k", "v"}}));
}

std::vector<Property> declared() {
  return {Property{"in_param", "IN", "VARCHAR", "i"}, Property{"count", "OUT", "INTEGER", "0"},
          Property{"name", "OUT", "VARCHAR", "default-name"}, Property{"empty_default", "OUT", "VARCHAR", ""}};
}

TEST(CollectOutParams, NothingCapturedGivesDeclaredDefaults) {
  auto out = collectOutParams(declared(), {});
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out[0], (Property{"count", "OUT", "INTEGER", "0"}));
  EXPECT_EQ(out[1], (Property{"name", "OUT", "VARCHAR", "default-name"}));
  EXPECT_EQ(out[2], (Property{"empty_default", "OUT", "VARCHAR", ""}));
}

TEST(CollectOutParams, OnlyDeclaredOutKeysWithNonEmptyValues) {
  auto out = collectOutParams(declared(), {{"count", "12"}, {"undeclared", "x"}, {"in_param", "y"}, {"name", ""}});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0], (Property{"count", "OUT", "INTEGER", "12"}));
}

TEST(CollectOutParams, UndeclaredCaptureStillSuppressesDefaults) {
  EXPECT_TRUE(collectOutParams(declared(), {{"undeclared", "x"}}).empty());
}

TEST(CollectOutParams, LastCaptureWinsAndOrderIsDeclarationOrder) {
  auto out = collectOutParams(declared(), {{"name", "first"}, {"count", "1"}, {"name", "second=2"}});
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].prop, "count");
  EXPECT_EQ(out[1], (Property{"name", "OUT", "VARCHAR", "second=2"}));
}

TEST(CollectOutParams, NoDeclaredOutParams) {
  EXPECT_TRUE(collectOutParams({Property{"a", "IN", "VARCHAR", "1"}}, {{"a", "2"}}).empty());
  EXPECT_TRUE(collectOutParams({}, {}).empty());
}

TEST(CollectOutParams, EndToEndFromOutput) {
  std::string output = "start\nfound ${setValue(count=3)}\n#{setValue(name=a=b)}\nend";
  auto out = collectOutParams(declared(), parseSetValues(output));
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].value, "3");
  EXPECT_EQ(out[1].value, "a=b");
}

}  // namespace
}  // namespace porpoise::params
