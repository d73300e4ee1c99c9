// Lenient readers: the value shapes real DolphinScheduler clients send.
#include "model/lenient_json.h"

#include <gtest/gtest.h>

using namespace porpoise::model;

namespace {

// The message of the invalid_argument `f` throws ("" when it throws nothing).
template <typename F>
std::string errorOf(F&& f) {
  try {
    f();
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST(LenientJson, UnsetMeansMissingNullOrEmptyString) {
  Json j = {{"a", nullptr}, {"b", ""}, {"c", 0}, {"d", " "}};
  EXPECT_TRUE(isUnset(j, "a"));
  EXPECT_TRUE(isUnset(j, "b"));
  EXPECT_TRUE(isUnset(j, "missing"));
  EXPECT_FALSE(isUnset(j, "c"));
  EXPECT_FALSE(isUnset(j, "d"));
  EXPECT_TRUE(isUnset(Json::array({1}), "a"));
}

TEST(LenientJson, IntegersFromNumbersStringsAndWholeFloats) {
  Json j = {{"n", 42}, {"s", "9012365478912"}, {"neg", "-1"}, {"f", 3.0}, {"t", true}, {"e", ""}};
  EXPECT_EQ(lenientInt64(j, "n", 0), 42);
  EXPECT_EQ(lenientInt64(j, "s", 0), 9012365478912);
  EXPECT_EQ(lenientInt64(j, "neg", 0), -1);
  EXPECT_EQ(lenientInt64(j, "f", 0), 3);
  EXPECT_EQ(lenientInt64(j, "t", 0), 1);
  EXPECT_EQ(lenientInt64(j, "e", 7), 7);
  EXPECT_EQ(lenientInt64(j, "missing", -5), -5);
}

TEST(LenientJson, BadIntegersNameTheKey) {
  Json j = {{"timeout", "ten"}, {"half", 1.5}, {"obj", Json::object()}, {"huge", 1e12}, {"padded", " 1"}};
  EXPECT_NE(errorOf([&] { lenientInt64(j, "timeout", 0); }).find("timeout"), std::string::npos);
  EXPECT_NE(errorOf([&] { lenientInt64(j, "timeout", 0); }).find("\"ten\""), std::string::npos);
  EXPECT_NE(errorOf([&] { lenientInt64(j, "half", 0); }).find("half"), std::string::npos);
  EXPECT_NE(errorOf([&] { lenientInt64(j, "obj", 0); }).find("obj"), std::string::npos);
  EXPECT_NE(errorOf([&] { lenientInt64(j, "padded", 0); }).find("padded"), std::string::npos);
  // Fits int64 but not int.
  EXPECT_EQ(lenientInt64(j, "huge", 0), 1000000000000);
  EXPECT_NE(errorOf([&] { lenientInt(j, "huge", 0); }).find("huge is out of range"), std::string::npos);
}

TEST(LenientJson, StringsAcceptScalarsButNotContainers) {
  Json j = {{"s", "x"}, {"n", 12}, {"b", false}, {"null", nullptr}, {"arr", Json::array()}};
  EXPECT_EQ(lenientString(j, "s"), "x");
  EXPECT_EQ(lenientString(j, "n"), "12");
  EXPECT_EQ(lenientString(j, "b"), "false");
  EXPECT_EQ(lenientString(j, "null", "fb"), "fb");
  EXPECT_EQ(lenientString(j, "missing", "fb"), "fb");
  EXPECT_NE(errorOf([&] { lenientString(j, "arr"); }).find("arr must be a string"), std::string::npos);
  EXPECT_EQ(lenientString(Json("not an object"), "s", "fb"), "fb");
}

TEST(LenientJson, JsonValuesMayBeObjectsOrJsonText) {
  Json j = {{"obj", {{"a", 1}}}, {"text", R"({"a":1})"}, {"arr", "[1,2]"}, {"bad", "{a:1"}, {"empty", ""}};
  EXPECT_EQ(lenientJson(j, "obj", nullptr), Json({{"a", 1}}));
  EXPECT_EQ(lenientJson(j, "text", nullptr), Json({{"a", 1}}));
  EXPECT_EQ(lenientJson(j, "arr", nullptr), Json({1, 2}));
  EXPECT_EQ(lenientJson(j, "empty", Json::object()), Json::object());
  EXPECT_EQ(lenientJson(j, "missing", Json::array()), Json::array());
  EXPECT_NE(errorOf([&] { lenientJson(j, "bad", nullptr); }).find("bad is not valid JSON"), std::string::npos);
}

TEST(LenientJson, EnumsByNameOrCode) {
  Json j = {{"name", "ONLINE"},      {"code", 1},    {"codeText", "1"},   {"unset", ""},
            {"unknown", "SIDEWAYS"}, {"badCode", 7}, {"lower", "online"}, {"float", 1.0}};
  EXPECT_EQ(lenientEnum<ReleaseState>(j, "name"), ReleaseState::ONLINE);
  EXPECT_EQ(lenientEnum<ReleaseState>(j, "code"), ReleaseState::ONLINE);
  EXPECT_EQ(lenientEnum<ReleaseState>(j, "codeText"), ReleaseState::ONLINE);
  EXPECT_EQ(lenientEnum<ReleaseState>(j, "unset"), std::nullopt);
  EXPECT_EQ(lenientEnum(j, "unset", ReleaseState::OFFLINE), ReleaseState::OFFLINE);
  EXPECT_EQ(lenientEnum(j, "missing", ConditionType::JUDGE), ConditionType::JUDGE);
  EXPECT_NE(errorOf([&] { lenientEnum<ReleaseState>(j, "unknown"); }).find("unknown has an unknown value 'SIDEWAYS'"),
            std::string::npos);
  EXPECT_NE(errorOf([&] { lenientEnum<ReleaseState>(j, "badCode"); }).find("badCode"), std::string::npos);
  // Names are case-sensitive, as in DolphinScheduler.
  EXPECT_NE(errorOf([&] { lenientEnum<ReleaseState>(j, "lower"); }), "");
  EXPECT_NE(errorOf([&] { lenientEnum<ReleaseState>(j, "float"); }), "");
}
