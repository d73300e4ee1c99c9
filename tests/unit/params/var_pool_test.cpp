#include "params/var_pool.h"

#include <gtest/gtest.h>

#include "params/param_error.h"

namespace porpoise::params {
namespace {

using model::Property;

Property p(const std::string& name, const std::string& value, const std::string& direct = "OUT") {
  return Property{name, direct, "VARCHAR", value};
}

TEST(MergeVarPool, LaterValuesWinInPlace) {
  auto merged = mergeVarPool({p("a", "1", "IN"), p("b", "2", "IN")}, {p("b", "20"), p("c", "30")});
  ASSERT_EQ(merged.size(), 3u);
  EXPECT_EQ(merged[0], p("a", "1", "IN"));
  EXPECT_EQ(merged[1], p("b", "20"));
  EXPECT_EQ(merged[2], p("c", "30"));
}

TEST(MergeVarPool, EmptyLaterValueStillWinsAndEmptyNamesDropped) {
  auto merged = mergeVarPool({p("a", "1"), p("", "x")}, {p("a", "")});
  ASSERT_EQ(merged.size(), 1u);
  EXPECT_EQ(merged[0], p("a", ""));
}

TEST(MergeVarPool, DuplicatesCollapse) {
  auto merged = mergeVarPool({p("a", "1"), p("a", "2")}, {});
  ASSERT_EQ(merged.size(), 1u);
  EXPECT_EQ(merged[0].value, "2");
}

TEST(MergeUpstreamVarPools, EarlierFinisherWinsAndAllBecomeIn) {
  auto merged = mergeUpstreamVarPools({{p("k", "first"), p("x", "1")}, {p("k", "second"), p("y", "2")}});
  ASSERT_EQ(merged.size(), 3u);
  EXPECT_EQ(merged[0], p("k", "first", "IN"));
  EXPECT_EQ(merged[1], p("x", "1", "IN"));
  EXPECT_EQ(merged[2], p("y", "2", "IN"));
}

TEST(MergeUpstreamVarPools, NonEmptyBeatsEmpty) {
  auto merged = mergeUpstreamVarPools({{p("k", "")}, {p("k", "later")}, {p("k", "latest")}});
  ASSERT_EQ(merged.size(), 1u);
  EXPECT_EQ(merged[0], p("k", "later", "IN"));
  EXPECT_EQ(mergeUpstreamVarPools({{p("k", "early")}, {p("k", "")}})[0].value, "early");
  EXPECT_TRUE(mergeUpstreamVarPools({}).empty());
}

TEST(VarPoolJson, RoundTrip) {
  std::vector<Property> pool = {p("a", "1"), Property{"b", "IN", "INTEGER", "x=\"y\""}};
  std::string json = varPoolToJson(pool);
  EXPECT_EQ(varPoolToJson({p("k", "v")}), R"([{"direct":"OUT","prop":"k","type":"VARCHAR","value":"v"}])");
  EXPECT_EQ(varPoolFromJson(json), pool);
  EXPECT_EQ(varPoolToJson({}), "[]");
}

TEST(VarPoolJson, ReadsDolphinSchedulerText) {
  auto pool = varPoolFromJson(R"([{"prop":"n","direct":"OUT","type":"INTEGER","value":"5"},{"prop":"m"}])");
  ASSERT_EQ(pool.size(), 2u);
  EXPECT_EQ(pool[0], (Property{"n", "OUT", "INTEGER", "5"}));
  EXPECT_EQ(pool[1], (Property{"m", "IN", "VARCHAR", ""}));
  EXPECT_TRUE(varPoolFromJson("").empty());
  EXPECT_TRUE(varPoolFromJson("null").empty());
  EXPECT_TRUE(varPoolFromJson(" [] ").empty());
}

TEST(VarPoolJson, RejectsBadText) {
  EXPECT_THROW(varPoolFromJson("[{"), ParamError);
  EXPECT_THROW(varPoolFromJson("{\"prop\":\"a\"}"), ParamError);
  EXPECT_THROW(varPoolFromJson("[1]"), ParamError);
}

}  // namespace
}  // namespace porpoise::params
