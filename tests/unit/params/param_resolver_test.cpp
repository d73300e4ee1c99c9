#include "params/param_resolver.h"

#include <gtest/gtest.h>

#include "params/param_error.h"

namespace porpoise::params {
namespace {

using model::Property;

Property in(const std::string& name, const std::string& value) { return Property{name, "IN", "VARCHAR", value}; }
Property out(const std::string& name, const std::string& value) { return Property{name, "OUT", "VARCHAR", value}; }

BuiltinContext context() {
  BuiltinContext c;
  c.timezone = "Asia/Shanghai";
  c.scheduleTime = util::parseDateTime("2024-03-15 10:20:30", "Asia/Shanghai");
  c.taskInstanceId = 77;
  c.executePath = "/exec/1_77";
  return c;
}

TEST(ResolveTaskParams, PrecedenceLocalOverVarPoolOverStartOverGlobalOverBuiltin) {
  ParamSources sources;
  sources.globalParams = {in("a", "global"), in("b", "global"), in("c", "global"), in("d", "global"),
                          in("system.biz.date", "global")};
  sources.startParams = {{"a", "start"}, {"b", "start"}, {"c", "start"}};
  sources.varPool = {out("a", "pool"), out("b", "pool")};
  sources.localParams = {in("a", "local")};
  ParamMap params = resolveTaskParams(sources, context());
  EXPECT_EQ(params.at("a"), "local");
  EXPECT_EQ(params.at("b"), "pool");
  EXPECT_EQ(params.at("c"), "start");
  EXPECT_EQ(params.at("d"), "global");
  EXPECT_EQ(params.at("system.biz.date"), "global");
  EXPECT_EQ(params.at("system.biz.curdate"), "20240315");
}

TEST(ResolveTaskParams, BuiltinsAreAlwaysPresent) {
  ParamMap params = resolveTaskParams({}, context());
  EXPECT_EQ(params.at("system.datetime"), "20240315102030");
  EXPECT_EQ(params.at("system.biz.date"), "20240314");
  EXPECT_EQ(params.at("system.task.instance.id"), "77");
  EXPECT_EQ(params.at("system.task.execute.path"), "/exec/1_77");
}

TEST(ResolveTaskParams, ValuesReferencingOtherParamsAreResolved) {
  ParamSources sources;
  sources.globalParams = {in("dt", "$[yyyyMMdd-1]"), in("month", "$[add_months(yyyyMM,-1)]")};
  sources.localParams = {in("x", "${dt}"), in("path", "/data/${month}/${dt}/part"),
                         in("run", "${system.task.instance.id}@${system.biz.curdate}")};
  ParamMap params = resolveTaskParams(sources, context());
  EXPECT_EQ(params.at("dt"), "20240314");
  EXPECT_EQ(params.at("x"), "20240314");
  EXPECT_EQ(params.at("month"), "202402");
  EXPECT_EQ(params.at("path"), "/data/202402/20240314/part");
  EXPECT_EQ(params.at("run"), "77@20240315");
}

TEST(ResolveTaskParams, ReferencesSeeTheWinningValue) {
  ParamSources sources;
  sources.globalParams = {in("env", "dev"), in("url", "http://${env}.example")};
  sources.startParams = {{"env", "prod"}};
  sources.localParams = {in("copy", "${url}")};
  ParamMap params = resolveTaskParams(sources, context());
  EXPECT_EQ(params.at("url"), "http://prod.example");
  EXPECT_EQ(params.at("copy"), "http://prod.example");
}

TEST(ResolveTaskParams, LocalParamsMayUseUpstreamOutValues) {
  ParamSources sources;
  sources.varPool = {in("model_uri", "runs:/abc/model")};
  sources.localParams = {in("serve", "mlflow serve ${model_uri}")};
  EXPECT_EQ(resolveTaskParams(sources, context()).at("serve"), "mlflow serve runs:/abc/model");
}

TEST(ResolveTaskParams, ChainsAndCycles) {
  ParamSources sources;
  sources.globalParams = {in("a", "${b}/a"), in("b", "${c}/b"), in("c", "$[yyyy]"), in("PATH", "${PATH}:/opt")};
  sources.localParams = {in("p", "${q}"), in("q", "${p}")};
  ParamMap params = resolveTaskParams(sources, context());
  EXPECT_EQ(params.at("a"), "2024/b/a");
  EXPECT_EQ(params.at("PATH"), "${PATH}:/opt");
  EXPECT_EQ(params.at("p"), "${p}");
  EXPECT_EQ(params.at("q"), "${q}");
}

TEST(ResolveTaskParams, OutParamsAreNotInputs) {
  ParamSources sources;
  sources.globalParams = {in("k", "global")};
  sources.localParams = {out("k", "default-out"), out("only_out", "x"), Property{"nodir", "", "VARCHAR", "v"},
                         Property{"lower", "in", "VARCHAR", "w"}};
  ParamMap params = resolveTaskParams(sources, context());
  EXPECT_EQ(params.at("k"), "global");
  EXPECT_EQ(params.count("only_out"), 0u);
  EXPECT_EQ(params.at("nodir"), "v");
  EXPECT_EQ(params.at("lower"), "w");
}

TEST(ResolveTaskParams, UnknownReferencesStayAndPlainValuesAreUntouched) {
  ParamSources sources;
  sources.globalParams = {in("home", "${HOME}/x"), in("brackets", "a]b[c"), in("money", "$5"), in("", "ignored")};
  ParamMap params = resolveTaskParams(sources, context());
  EXPECT_EQ(params.at("home"), "${HOME}/x");
  EXPECT_EQ(params.at("brackets"), "a]b[c");
  EXPECT_EQ(params.at("money"), "$5");
  EXPECT_EQ(params.count(""), 0u);
}

TEST(ResolveTaskParams, BadTimeExpressionNamesTheParameter) {
  ParamSources sources;
  sources.globalParams = {in("broken", "$[yyyyMMdd-x]")};
  try {
    resolveTaskParams(sources, context());
    FAIL() << "no error";
  } catch (const ParamError& e) {
    std::string message = e.what();
    EXPECT_NE(message.find("'broken'"), std::string::npos) << message;
    EXPECT_NE(message.find("$[yyyyMMdd-x]"), std::string::npos) << message;
  }
  SubstituteOptions keep{OnBadTimeExpression::kKeep};
  EXPECT_EQ(resolveTaskParams(sources, context(), keep).at("broken"), "$[yyyyMMdd-x]");
}

TEST(ResolveTaskParams, TimeExpressionsUseTheBusinessTimeAndZone) {
  BuiltinContext c;
  c.timezone = "UTC";
  c.startTime = *util::parseDateTime("2023-12-31 23:30:00", "UTC");
  ParamSources sources;
  sources.globalParams = {in("d", "$[yyyyMMdd+1/24]")};
  EXPECT_EQ(resolveTaskParams(sources, c).at("d"), "20240101");
  c.timezone = "Asia/Shanghai";  // already 07:30 on 1 January there
  EXPECT_EQ(resolveTaskParams(sources, c).at("d"), "20240101");
  EXPECT_EQ(resolveTaskParams(sources, c).at("system.biz.curdate"), "20240101");
}

TEST(ApplyStartParams, ReplacesValuesAndAppendsNewNames) {
  std::vector<Property> globals = {in("a", "1"), Property{"b", "IN", "INTEGER", "2"}};
  auto applied = applyStartParams(globals, {{"b", "20"}, {"new", "x"}, {"", "skip"}});
  ASSERT_EQ(applied.size(), 3u);
  EXPECT_EQ(applied[0], in("a", "1"));
  EXPECT_EQ(applied[1], (Property{"b", "IN", "INTEGER", "20"}));
  EXPECT_EQ(applied[2], in("new", "x"));
}

TEST(CureGlobalParams, FreezesWhatCanBeResolvedNow) {
  BuiltinContext c = context();
  c.taskInstanceId = 0;  // unknown at workflow-instance creation
  c.executePath.clear();
  std::vector<Property> globals = {in("dt", "$[yyyyMMdd-1]"), in("dir", "/d/${dt}"),
                                   in("ti", "${system.task.instance.id}"), in("plain", "v")};
  auto cured = cureGlobalParams(globals, c);
  EXPECT_EQ(cured[0].value, "20240314");
  EXPECT_EQ(cured[1].value, "/d/20240314");
  EXPECT_EQ(cured[2].value, "${system.task.instance.id}");
  EXPECT_EQ(cured[3].value, "v");

  // What stayed open is resolved at dispatch.
  ParamSources sources;
  sources.globalParams = cured;
  EXPECT_EQ(resolveTaskParams(sources, context()).at("ti"), "77");
}

TEST(ParseStartParams, AcceptsObjectAndPropertyArray) {
  EXPECT_EQ(parseStartParams(R"({"a":"1","b":2,"c":null,"d":true})"),
            (ParamMap{{"a", "1"}, {"b", "2"}, {"c", ""}, {"d", "true"}}));
  EXPECT_EQ(parseStartParams(R"([{"prop":"a","direct":"IN","type":"VARCHAR","value":"x"},{"prop":"b"}])"),
            (ParamMap{{"a", "x"}, {"b", ""}}));
  EXPECT_TRUE(parseStartParams("").empty());
  EXPECT_TRUE(parseStartParams("  null ").empty());
  EXPECT_TRUE(parseStartParams("{}").empty());
}

TEST(ParseStartParams, RejectsOtherShapes) {
  EXPECT_THROW(parseStartParams("{"), ParamError);
  EXPECT_THROW(parseStartParams("\"text\""), ParamError);
  EXPECT_THROW(parseStartParams("42"), ParamError);
  EXPECT_THROW(parseStartParams("[1,2]"), ParamError);
  EXPECT_THROW(parseStartParams(R"([{"value":"no prop"}])"), ParamError);
}

}  // namespace
}  // namespace porpoise::params
