#include "params/placeholder.h"

#include <gtest/gtest.h>

#include "params/param_error.h"

namespace porpoise::params {
namespace {

TEST(ReplacePlaceholders, ReplacesKnownNames) {
  ParamMap params{{"dt", "20240101"}, {"name", "world"}, {"system.biz.date", "20231231"}};
  EXPECT_EQ(replacePlaceholders("hello ${name}", params), "hello world");
  EXPECT_EQ(replacePlaceholders("${dt}${dt}", params), "2024010120240101");
  EXPECT_EQ(replacePlaceholders("d=${system.biz.date}", params), "d=20231231");
  EXPECT_EQ(replacePlaceholders("", params), "");
  EXPECT_EQ(replacePlaceholders("plain text", params), "plain text");
}

TEST(ReplacePlaceholders, UnknownPlaceholdersAreKeptVerbatim) {
  ParamMap params{{"v", "1"}};
  EXPECT_EQ(replacePlaceholders("echo ${HOME} ${v}", params), "echo ${HOME} 1");
  EXPECT_EQ(replacePlaceholders("${arr[@]} ${#arr} ${x:-default}", params), "${arr[@]} ${#arr} ${x:-default}");
  EXPECT_EQ(replacePlaceholders("${}", params), "${}");
  EXPECT_EQ(replacePlaceholders("$v $ {v} {v}", params), "$v $ {v} {v}");
}

TEST(ReplacePlaceholders, UnterminatedPlaceholderIsPlainText) {
  ParamMap params{{"v", "1"}};
  EXPECT_EQ(replacePlaceholders("a ${v", params), "a ${v");
  EXPECT_EQ(replacePlaceholders("${v} ${v", params), "1 ${v");
  EXPECT_EQ(replacePlaceholders("${a{b}", params), "${a{b}");
}

TEST(ReplacePlaceholders, NestedNamesResolveInsideOut) {
  ParamMap params{{"env", "prod"}, {"host_prod", "db1"}, {"host_dev", "db2"}};
  EXPECT_EQ(replacePlaceholders("${host_${env}}", params), "db1");
  EXPECT_EQ(replacePlaceholders("${missing_${env}}", params), "${missing_${env}}");
}

TEST(ReplacePlaceholders, ValuesAreExpandedRecursively) {
  ParamMap params{{"a", "${b}-a"}, {"b", "${c}-b"}, {"c", "c"}};
  EXPECT_EQ(replacePlaceholders("${a}", params), "c-b-a");
}

TEST(ReplacePlaceholders, InsertedTextIsNotRescannedByTheOuterLevel) {
  // "${" + "x}" only forms a placeholder after insertion; it must not be expanded.
  ParamMap params{{"open", "${"}, {"x", "X"}};
  EXPECT_EQ(replacePlaceholders("${open}x}", params), "${x}");
}

TEST(ReplacePlaceholders, SetValueInteraction) {
  ParamMap params{{"v", "42"}};
  EXPECT_EQ(replacePlaceholders("echo '${setValue(k=${v})}'", params), "echo '${setValue(k=${v})}'");
  EXPECT_EQ(replacePlaceholders("echo '#{setValue(k=${v})}'", params), "echo '#{setValue(k=42)}'");
  EXPECT_EQ(replacePlaceholders("echo '${setValue(k=v)}'", params), "echo '${setValue(k=v)}'");
}

TEST(ReplacePlaceholders, SelfReferenceIsKeptNotLooped) {
  ParamMap params{{"PATH", "${PATH}:/opt/bin"}};
  EXPECT_EQ(replacePlaceholders("export PATH=${PATH}", params), "export PATH=${PATH}:/opt/bin");
}

TEST(ReplacePlaceholders, CyclesAreKeptAtThePointOfTheCycle) {
  ParamMap params{{"a", "A(${b})"}, {"b", "B(${a})"}};
  EXPECT_EQ(replacePlaceholders("${a}", params), "A(B(${a}))");
  EXPECT_EQ(replacePlaceholders("${b}", params), "B(A(${b}))");
  EXPECT_EQ(replacePlaceholders("${a}|${a}", params), "A(B(${a}))|A(B(${a}))");
}

TEST(ReplacePlaceholders, ExponentialExpansionIsStopped) {
  ParamMap params;
  for (int i = 0; i < 40; ++i) {
    std::string next = "${p" + std::to_string(i + 1) + "}";
    params["p" + std::to_string(i)] = next + next;
  }
  params["p40"] = "xxxxxxxx";
  EXPECT_THROW(replacePlaceholders("${p0}", params), ParamError);
  params["p40"] = "";
  EXPECT_THROW(replacePlaceholders("${p0}", params), ParamError);
}

TEST(ReplacePlaceholders, DeepNestingIsAnErrorNotACrash) {
  std::string text;
  for (int i = 0; i < 5000; ++i) text += "${";
  for (int i = 0; i < 5000; ++i) text += "}";
  EXPECT_THROW(replacePlaceholders(text, {}), ParamError);
}

TEST(ExpandParam, ExpandsTheNamedValue) {
  ParamMap params{{"dt", "$[yyyyMMdd]"}, {"x", "${dt}_${x}"}, {"y", "${x}"}};
  EXPECT_EQ(expandParam("dt", params), "$[yyyyMMdd]");
  EXPECT_EQ(expandParam("x", params), "$[yyyyMMdd]_${x}");
  EXPECT_EQ(expandParam("y", params), "$[yyyyMMdd]_${x}");
  EXPECT_THROW(expandParam("nope", params), ParamError);
}

TEST(Substitute, PlaceholdersThenTimeExpressions) {
  TimeBase base{*util::parseDateTime("2024-03-15 10:20:30", "UTC"), "UTC"};
  ParamMap params{{"dt", "$[yyyyMMdd-1]"}, {"n", "7"}, {"table", "sales"}};
  EXPECT_EQ(substitute("select * from ${table} where dt='${dt}'", params, base),
            "select * from sales where dt='20240314'");
  EXPECT_EQ(substitute("$[yyyyMMdd-${n}]", params, base), "20240308");
  EXPECT_EQ(substitute("echo ${HOME} $[yyyy] $[1]", params, base), "echo ${HOME} 2024 $[1]");
}

TEST(Substitute, BadTimeExpressionPolicy) {
  TimeBase base{*util::parseDateTime("2024-03-15 10:20:30", "UTC"), "UTC"};
  ParamMap params{{"v", "1"}};
  EXPECT_THROW(substitute("echo $[i*2] ${v}", params, base), ParamError);
  SubstituteOptions keep{OnBadTimeExpression::kKeep};
  EXPECT_EQ(substitute("echo $[i*2] ${v}", params, base, keep), "echo $[i*2] 1");
}

TEST(MakeSubstituter, OwnsItsParameters) {
  std::function<std::string(const std::string&)> render;
  {
    ParamMap params{{"who", "porpoise"}};
    TimeBase base{*util::parseDateTime("2024-03-15 10:20:30", "UTC"), "UTC"};
    render = makeSubstituter(params, base);
  }
  EXPECT_EQ(render("hi ${who} $[yyyyMMdd]"), "hi porpoise 20240315");
}

}  // namespace
}  // namespace porpoise::params
