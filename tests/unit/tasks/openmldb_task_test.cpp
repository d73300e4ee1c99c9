// OPENMLDB plugin: statement splitting, the generated Python file and bash line, substitution and
// validation. The generated program itself is run against a fake SDK in tests/ml.
#include "tasks/openmldb_task.h"

#include <gtest/gtest.h>

#include "task_test_support.h"
#include "tasks/openmldb_python_script.h"
#include "tasks/openmldb_sql_split.h"
#include "tasks/python_task.h"

namespace porpoise::tasks {
namespace {

using nlohmann::json;
using testing::makeContext;
using Statements = std::vector<std::string>;

std::string errorOf(const std::function<void()>& action) {
  try {
    action();
  } catch (const TaskParamsError& e) {
    return e.what();
  }
  return "";
}

TEST(OpenmldbSqlSplit, SplitsOnSemicolonsOutsideLiteralsAndComments) {
  EXPECT_EQ(splitOpenmldbStatements("CREATE DATABASE d; USE d;"), (Statements{"CREATE DATABASE d", "USE d"}));
  EXPECT_EQ(splitOpenmldbStatements("SELECT 'a;b', \"c;d\", `e;f` FROM t;"),
            (Statements{"SELECT 'a;b', \"c;d\", `e;f` FROM t"}));
  EXPECT_EQ(splitOpenmldbStatements("SELECT 'it''s;', 'x\\';y' FROM t; SELECT 2"),
            (Statements{"SELECT 'it''s;', 'x\\';y' FROM t", "SELECT 2"}));
  EXPECT_EQ(
      splitOpenmldbStatements("-- setup; not a statement\nSET @@a=1; /* ; */ SELECT 1;\n  ;\n-- only a comment;\n"),
      (Statements{"-- setup; not a statement\nSET @@a=1", "/* ; */ SELECT 1"}));
  EXPECT_EQ(splitOpenmldbStatements("  \n ; ; "), Statements{});
  EXPECT_EQ(splitOpenmldbStatements("SELECT 1\r\nFROM t"), Statements{"SELECT 1\r\nFROM t"});
}

TEST(OpenmldbSqlSplit, UnterminatedLiteralOrCommentIsAnError) {
  EXPECT_EQ(errorOf([] { splitOpenmldbStatements("SELECT 'abc; SELECT 2"); }),
            "OPENMLDB task: sql has an unterminated ' literal");
  EXPECT_EQ(errorOf([] { splitOpenmldbStatements("SELECT 1 /* open"); }),
            "OPENMLDB task: sql has an unterminated /* comment");
}

TEST(OpenmldbPythonScript, EscapesValuesAsPythonLiterals) {
  std::string script =
      openmldbPythonScript("127.0.0.1:2181", "/openmldb", "offline",
                           {"LOAD DATA INFILE 'file:///d/a.csv' INTO TABLE t", "SELECT \"x\\y\"\nFROM t"});
  EXPECT_EQ(script.rfind("#-*- encoding=utf8 -*-\n\n\n", 0), 0u);
  EXPECT_NE(script.find("\nimport openmldb.dbapi\n"), std::string::npos);
  EXPECT_NE(script.find(R"SH(ZK = "127.0.0.1:2181"
ZK_PATH = "/openmldb"
EXECUTE_MODE = "offline"
STATEMENTS = [
    "LOAD DATA INFILE 'file:///d/a.csv' INTO TABLE t",
    "SELECT \"x\\y\"\nFROM t",
]
)SH"),
            std::string::npos)
      << script;
  EXPECT_NE(script.find("connection = openmldb.dbapi.connect(zk=ZK, zkPath=ZK_PATH)"), std::string::npos);
  EXPECT_NE(script.find("setup += [\"SET @@sync_job=true\", f\"SET @@job_timeout={JOB_TIMEOUT_MS}\"]"),
            std::string::npos);
  EXPECT_NE(script.find("if state != \"FINISHED\":"), std::string::npos);
  EXPECT_NE(script.find("    sys.exit(main())\n"), std::string::npos);
}

TEST(OpenmldbTask, RendersTheFileAndRunsItWithThePythonOfThePythonTask) {
  json params = {{"zk", "${zk_host}:2181"},
                 {"zkPath", "/openmldb"},
                 {"executeMode", "ONLINE"},
                 {"sql", "USE ${db};\r\nSELECT * FROM t WHERE c = '${day}';"},
                 {"localParams", json::array()}};
  TaskRenderContext ctx = makeContext(params, "/srv/exec/1_2/", {{"zk_host", "zk1"}, {"db", "demo"}, {"day", "x;y"}});
  ctx.taskAppId = "7_8";
  RenderedTask task = makeOpenmldbPlugin()->render(ctx);
  EXPECT_EQ(task.script, pythonInterpreterSelection() + "\"${porpoise_python[@]}\" /srv/exec/1_2/openmldb_7_8.py");
  ASSERT_EQ(task.files.size(), 1u);
  EXPECT_EQ(task.files[0].name, "openmldb_7_8.py");
  EXPECT_FALSE(task.files[0].executable);
  EXPECT_EQ(task.files[0].content,
            openmldbPythonScript("zk1:2181", "/openmldb", "online", {"USE demo", "SELECT * FROM t WHERE c = 'x;y'"}));
}

TEST(OpenmldbTask, ExecuteModeDefaultsToOffline) {
  json params = {{"zk", "z:2181"}, {"zkPath", "/o"}, {"sql", "SELECT 1"}};
  RenderedTask task = makeOpenmldbPlugin()->render(makeContext(params, "/e"));
  EXPECT_NE(task.files[0].content.find("EXECUTE_MODE = \"offline\"\n"), std::string::npos);
  params["executeMode"] = "";
  task = makeOpenmldbPlugin()->render(makeContext(params, "/e"));
  EXPECT_NE(task.files[0].content.find("EXECUTE_MODE = \"offline\"\n"), std::string::npos);
}

TEST(OpenmldbTask, ValidationNamesTheField) {
  auto plugin = makeOpenmldbPlugin();
  auto validation = [&](const json& params) { return errorOf([&] { plugin->validate(params); }); };
  EXPECT_EQ(validation({{"zkPath", "/o"}, {"sql", "SELECT 1"}}), "OPENMLDB task: zk is required");
  EXPECT_EQ(validation({{"zk", "z"}, {"sql", "SELECT 1"}}), "OPENMLDB task: zkPath is required");
  EXPECT_EQ(validation({{"zk", "z"}, {"zkPath", "/o"}}), "OPENMLDB task: sql is required");
  EXPECT_EQ(validation({{"zk", "z"}, {"zkPath", "/o"}, {"sql", " ;\n; "}}), "OPENMLDB task: sql holds no statement");
  EXPECT_EQ(validation({{"zk", "z"}, {"zkPath", "/o"}, {"sql", "SELECT 1"}, {"executeMode", "batch"}}),
            "OPENMLDB task: executeMode must be one of offline, online, got \"batch\"");
  EXPECT_EQ(validation({{"zk", "z"}, {"zkPath", "/o"}, {"sql", "SELECT 1"}, {"executeMode", "${mode}"}}), "");
  EXPECT_EQ(validation({{"zk", "z"}, {"zkPath", "/o"}, {"sql", "SELECT 1"}, {"localParams", "x"}}),
            "OPENMLDB task: localParams must be an array");
  json params = {{"zk", "z"}, {"zkPath", "/o"}, {"sql", "SELECT 1"}, {"executeMode", "${mode}"}};
  EXPECT_EQ(errorOf([&] {
              plugin->render(makeContext(params, "/e", {{"mode", "stream"}}));
            }),
            "OPENMLDB task: executeMode must be one of offline, online, got \"stream\"");
  params = {{"zk", "${zk}"}, {"zkPath", "/o"}, {"sql", "SELECT 1"}};
  EXPECT_EQ(errorOf([&] {
              plugin->render(makeContext(params, "/e", {{"zk", ""}}));
            }),
            "OPENMLDB task: zk is empty after parameter substitution");
}

}  // namespace
}  // namespace porpoise::tasks
