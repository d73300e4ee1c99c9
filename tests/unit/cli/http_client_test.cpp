// URL parsing, form encoding and the yaml command's option parsing.
#include "cli/http_client.h"

#include <gtest/gtest.h>

#include "cli/yaml_command.h"

namespace porpoise::cli {
namespace {

TEST(HttpUrl, ParsesHostPortAndPrefix) {
  const HttpUrl url = parseHttpUrl("http://localhost:12345/dolphinscheduler/");
  EXPECT_EQ(url.host, "localhost");
  EXPECT_EQ(url.port, "12345");
  EXPECT_EQ(url.basePath, "/dolphinscheduler");
  EXPECT_EQ(url.toString(), "http://localhost:12345/dolphinscheduler");
  const HttpUrl plain = parseHttpUrl("http://example.org");
  EXPECT_EQ(plain.port, "80");
  EXPECT_EQ(plain.basePath, "");
  EXPECT_THROW(parseHttpUrl("https://example.org"), std::invalid_argument);
  EXPECT_THROW(parseHttpUrl("example.org:80"), std::invalid_argument);
  EXPECT_THROW(parseHttpUrl("http://host:port/"), std::invalid_argument);
  EXPECT_THROW(parseHttpUrl("http:///path"), std::invalid_argument);
}

TEST(FormEncoding, EscapesReservedCharacters) {
  EXPECT_EQ(urlEncode("a b&c=d/é"), "a%20b%26c%3Dd%2F%C3%A9");
  EXPECT_EQ(formEncode({{"name", "wf 1"}, {"json", "[{\"a\":1}]"}, {"empty", ""}}),
            "name=wf%201&json=%5B%7B%22a%22%3A1%7D%5D&empty=");
}

TEST(YamlCommandArgs, DefaultsAndForms) {
  const auto options = parseYamlCommandArgs({"yaml", "-f", "wf.yaml", "--server=http://h:1"});
  EXPECT_EQ(options.file, "wf.yaml");
  EXPECT_EQ(options.server, "http://h:1/dolphinscheduler");
  EXPECT_EQ(options.user, "admin");
  EXPECT_EQ(options.password, "dolphinscheduler123");
  const auto token = parseYamlCommandArgs(
      {"--file", "x.yaml", "--token", "t", "--project", "p", "--dry-run", "--server", "http://h:2/ds"});
  EXPECT_EQ(token.token, "t");
  EXPECT_TRUE(token.user.empty());
  EXPECT_EQ(token.project, "p");
  EXPECT_TRUE(token.dryRun);
  EXPECT_EQ(token.server, "http://h:2/ds");
}

TEST(YamlCommandArgs, RejectsBadCombinations) {
  EXPECT_THROW(parseYamlCommandArgs({}), UsageError);
  EXPECT_THROW(parseYamlCommandArgs({"-f"}), UsageError);
  EXPECT_THROW(parseYamlCommandArgs({"-f", "x", "--token", "t", "--user", "u", "--password", "p"}), UsageError);
  EXPECT_THROW(parseYamlCommandArgs({"-f", "x", "--user", "u"}), UsageError);
  EXPECT_THROW(parseYamlCommandArgs({"-f", "x", "--colour"}), UsageError);
  EXPECT_THROW(parseYamlCommandArgs({"-f", "x", "--server", "https://secure"}), UsageError);
  EXPECT_TRUE(parseYamlCommandArgs({"--help"}).help);
}

TEST(YamlCommandArgs, UsageErrorsExitWithTwo) {
  std::ostringstream out, err;
  EXPECT_EQ(runYamlCommand({"yaml", "--nope"}, out, err), 2);
  EXPECT_NE(err.str().find("unknown option '--nope'"), std::string::npos);
  EXPECT_NE(err.str().find("usage: porpoise yaml -f FILE"), std::string::npos);
  std::ostringstream helpOut, helpErr;
  EXPECT_EQ(runYamlCommand({"--help"}, helpOut, helpErr), 0);
  EXPECT_NE(helpOut.str().find("usage:"), std::string::npos);
}

}  // namespace
}  // namespace porpoise::cli
