#include "worker/wrapper_script.h"

#include <gtest/gtest.h>

namespace porpoise::worker {
namespace {

TEST(WrapperScript, SourcesEnvScriptThenRunsScript) {
  EXPECT_EQ(wrapperScript("/opt/ds/conf/dolphinscheduler_env.sh", "", "/tmp/x/7_1_node.sh"),
            "#!/bin/bash\n"
            "BASEDIR=$(cd \"$(dirname \"$0\")\"; pwd)\n"
            "cd \"$BASEDIR\"\n"
            "source /opt/ds/conf/dolphinscheduler_env.sh\n"
            "/tmp/x/7_1_node.sh");
}

TEST(WrapperScript, EnvironmentConfigReplacesSourceLineVerbatim) {
  std::string text = wrapperScript("/opt/env.sh", "export A=1\nexport PATH=/x:$PATH", "echo hi");
  EXPECT_EQ(text,
            "#!/bin/bash\n"
            "BASEDIR=$(cd \"$(dirname \"$0\")\"; pwd)\n"
            "cd \"$BASEDIR\"\n"
            "export A=1\nexport PATH=/x:$PATH\n"
            "echo hi");
  EXPECT_EQ(text.find("source"), std::string::npos);
}

TEST(WrapperScript, NoEnvLineWhenNothingToSource) {
  EXPECT_EQ(wrapperScript("", "", "echo hi"),
            "#!/bin/bash\nBASEDIR=$(cd \"$(dirname \"$0\")\"; pwd)\ncd \"$BASEDIR\"\necho hi");
}

TEST(WrapperScript, QuotesEnvPathWithBlanks) {
  EXPECT_NE(wrapperScript("/opt/my env/e.sh", "", "true").find("source '/opt/my env/e.sh'\n"), std::string::npos);
}

TEST(ShellQuote, LeavesPlainTextAndQuotesTheRest) {
  EXPECT_EQ(shellQuote("/a/b-c_d.sh"), "/a/b-c_d.sh");
  EXPECT_EQ(shellQuote(""), "''");
  EXPECT_EQ(shellQuote("it's $x"), "'it'\\''s $x'");
}

TEST(RunnerArguments, PlainAndSudoCommandLines) {
  RunnerCommand command{"/bin/bash", "sudo", false, "alice", "7_1", "/tmp/e/7_1", "/tmp/e/7_1/7_1.command"};
  std::vector<std::string> plain = {"/bin/bash", "-c",         runnerScript(), kRunnerName,
                                    "7_1",       "/tmp/e/7_1", "/bin/bash",    "/tmp/e/7_1/7_1.command"};
  EXPECT_EQ(runnerArguments(command), plain);
  command.sudo = true;
  std::vector<std::string> sudo = {"/bin/bash", "-c",         runnerScript(), kRunnerName,
                                   "7_1",       "/tmp/e/7_1", "sudo",         "-u",
                                   "alice",     "-E",         "/bin/bash",    "/tmp/e/7_1/7_1.command"};
  EXPECT_EQ(runnerArguments(command), sudo);
}

}  // namespace
}  // namespace porpoise::worker
