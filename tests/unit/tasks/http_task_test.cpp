#include "tasks/http_task.h"

#include <gtest/gtest.h>
#include <signal.h>

#include "task_test_support.h"

namespace porpoise::tasks {
namespace {

using nlohmann::json;
using testing::ScratchDir;

std::string validationError(const json& params) {
  try {
    makeHttpPlugin()->validate(params);
  } catch (const TaskParamsError& e) {
    return e.what();
  }
  return "";
}

TEST(HttpTaskValidation, AcceptsClientShapes) {
  // Web UI shape.
  EXPECT_EQ(validationError(json::parse(
                R"({"localParams":[],"httpParams":[{"prop":"a","httpParametersType":"PARAMETER","value":"1"}],
      "url":"https://example.org/get","httpMethod":"GET","httpCheckCondition":"STATUS_CODE_DEFAULT","condition":"",
      "connectTimeout":60000,"socketTimeout":60000})")),
            "");
  // pydolphinscheduler's Http.yaml: lower-case "header", custom status, no timeouts.
  EXPECT_EQ(validationError(json::parse(R"({"url":"https://httpbin.org/get","httpMethod":"GET","httpParams":[
      {"prop":"a","httpParametersType":"PARAMETER","value":"1"},{"prop":"b","httpParametersType":"PARAMETER","value":"2"},
      {"prop":"Content-Type","httpParametersType":"header","value":"test"}],
      "httpCheckCondition":"STATUS_CODE_CUSTOM","condition":"404","waitStartTimeout":{},"dependence":{},
      "conditionResult":{"successNode":[""],"failedNode":[""]},"localParams":[],"resourceList":[]})")),
            "");
  // Only a url; timeouts as strings; params as an object (pydolphinscheduler 4.1 dict form).
  EXPECT_EQ(validationError(json{{"url", "http://x"}}), "");
  EXPECT_EQ(validationError(json{{"url", "http://x"}, {"connectTimeout", "1000"}, {"socketTimeout", ""}}), "");
  EXPECT_EQ(validationError(json{{"url", "http://x"}, {"httpParams", {{"q", 1}}}}), "");
}

TEST(HttpTaskValidation, RejectsBadFields) {
  EXPECT_EQ(validationError(json::object()), "HTTP task: url is required");
  EXPECT_EQ(validationError(json{{"url", " "}}), "HTTP task: url is required");
  EXPECT_EQ(validationError(json{{"url", "http://x"}, {"httpMethod", "PATCH"}}),
            "HTTP task: httpMethod must be one of GET, POST, HEAD, PUT, DELETE, got \"PATCH\"");
  EXPECT_EQ(validationError(json{{"url", "http://x"}, {"httpParams", "a=1"}}),
            "HTTP task: httpParams must be an array of {prop, httpParametersType, value}");
  EXPECT_EQ(
      validationError(json::parse(R"({"url":"http://x","httpParams":[{"httpParametersType":"BODY","value":"v"}]})")),
      "HTTP task: httpParams[0].prop is required");
  EXPECT_EQ(
      validationError(json::parse(R"({"url":"http://x","httpParams":[{"prop":"p","httpParametersType":"COOKIE"}]})")),
      "HTTP task: httpParams[0].httpParametersType must be one of PARAMETER, BODY, HEADERS, got \"COOKIE\"");
  EXPECT_EQ(validationError(json{{"url", "http://x"}, {"httpCheckCondition", "STATUS_OK"}}),
            "HTTP task: httpCheckCondition must be one of STATUS_CODE_DEFAULT, STATUS_CODE_CUSTOM, BODY_CONTAINS, "
            "BODY_NOT_CONTAINS, got \"STATUS_OK\"");
  EXPECT_EQ(validationError(json{{"url", "http://x"}, {"httpCheckCondition", "BODY_CONTAINS"}}),
            "HTTP task: condition is required when httpCheckCondition is BODY_CONTAINS");
  EXPECT_EQ(
      validationError(json{{"url", "http://x"}, {"httpCheckCondition", "STATUS_CODE_CUSTOM"}, {"condition", " "}}),
      "HTTP task: condition must be the expected status code when httpCheckCondition is STATUS_CODE_CUSTOM");
  EXPECT_EQ(validationError(json{{"url", "http://x"}, {"connectTimeout", -1}}),
            "HTTP task: connectTimeout must not be negative");
  EXPECT_EQ(validationError(json{{"url", "http://x"}, {"socketTimeout", "soon"}}),
            "HTTP task: socketTimeout must be an integer, got \"soon\"");
}

TEST(HttpTaskValidation, ParsedFormNormalisesNamesAndDefaults) {
  HttpTaskParams p = parseHttpTaskParams(json::parse(R"({"url":" http://x/y ","httpMethod":"post",
      "httpParams":[{"prop":"h","httpParametersType":"Header","value":"v"},{"prop":"n","value":3},
                    {"prop":"b","httpParametersType":"body","value":true}],
      "httpCheckCondition":"body_not_contains","condition":"err","connectTimeout":"1500"})"));
  EXPECT_EQ(p.url, "http://x/y");
  EXPECT_EQ(p.method, "POST");
  ASSERT_EQ(p.params.size(), 3u);
  EXPECT_EQ(p.params[0].type, "HEADERS");
  EXPECT_EQ(p.params[1].type, "PARAMETER");
  EXPECT_EQ(p.params[1].value, "3");
  EXPECT_EQ(p.params[2].type, "BODY");
  EXPECT_EQ(p.params[2].value, "true");
  EXPECT_EQ(p.checkCondition, "BODY_NOT_CONTAINS");
  EXPECT_EQ(p.connectTimeoutMs, 1500);
  EXPECT_EQ(p.socketTimeoutMs, 60000);
}

// A loopback HTTP server (Python standard library) shared by the request tests. It answers
//   /status/<code>  -> that status, body "status page <code>"
//   /slow           -> waits 3 s, then 200
//   /raw            -> the request body, verbatim
//   /redirect       -> 302 to /echo
//   anything else   -> 200 with a JSON echo of method, path, query, headers and body
// and stops by itself after two minutes.
constexpr const char* kServer = R"PY(
import http.server, json, os, sys, threading, time, urllib.parse

class Handler(http.server.BaseHTTPRequestHandler):
    def handle_any(self):
        parsed = urllib.parse.urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode("utf-8") if length else ""
        code, extra = 200, {}
        if parsed.path.startswith("/status/"):
            code = int(parsed.path.split("/")[2])
            payload = "status page %d" % code
        elif parsed.path == "/slow":
            time.sleep(3)
            payload = "slow"
        elif parsed.path == "/raw":
            payload = body
        elif parsed.path == "/redirect":
            code, payload, extra = 302, "", {"Location": "/echo?from=redirect"}
        else:
            payload = json.dumps({"method": self.command, "path": parsed.path,
                                  "query": urllib.parse.parse_qsl(parsed.query),
                                  "headers": {k.lower(): v for k, v in self.headers.items()},
                                  "body": body}, sort_keys=True)
        data = payload.encode("utf-8")
        self.send_response(code)
        for k, v in extra.items():
            self.send_header(k, v)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = handle_any

    def log_message(self, *args):
        pass

server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
print(os.getpid(), server.server_address[1], flush=True)
timer = threading.Timer(120, server.shutdown)
timer.daemon = True
timer.start()
server.serve_forever()
)PY";

class HttpTaskRequest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    serverDir_ = new ScratchDir();
    testing::writeFile(serverDir_->file("server.py"), kServer);
    pipe_ = popen(("exec python3 '" + serverDir_->file("server.py") + "'").c_str(), "r");
    ASSERT_NE(pipe_, nullptr);
    ASSERT_EQ(fscanf(pipe_, "%d %d", &serverPid_, &port_), 2) << "the test HTTP server did not start";
  }
  static void TearDownTestSuite() {
    if (serverPid_ > 0) kill(serverPid_, SIGTERM);
    if (pipe_) pclose(pipe_);
    delete serverDir_;
  }

  std::string base() const { return "http://127.0.0.1:" + std::to_string(port_); }

  testing::RunResult run(json params, std::map<std::string, std::string> values = {}) {
    values["port"] = std::to_string(port_);
    auto ctx = testing::makeContext(params, dir_.path(), values);
    task_ = makeHttpPlugin()->render(ctx);
    return testing::runRendered(task_, dir_.path());
  }

  static ScratchDir* serverDir_;
  static FILE* pipe_;
  static int serverPid_;
  static int port_;
  ScratchDir dir_;
  RenderedTask task_;
};

ScratchDir* HttpTaskRequest::serverDir_ = nullptr;
FILE* HttpTaskRequest::pipe_ = nullptr;
int HttpTaskRequest::serverPid_ = 0;
int HttpTaskRequest::port_ = 0;

TEST_F(HttpTaskRequest, RenderWritesProgramAndRunsItWithPython3) {
  auto result = run(json{{"url", base() + "/echo"}});
  ASSERT_EQ(task_.files.size(), 1u);
  EXPECT_EQ(task_.files[0].name, "http_12_345.py");
  EXPECT_EQ(task_.script, "python3 -u " + dir_.file("http_12_345.py"));
  EXPECT_EQ(result.exitCode, 0) << result.output;
  EXPECT_NE(result.output.find("HTTP request: GET " + base() + "/echo\n"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("HTTP response status: 200\n"), std::string::npos);
  EXPECT_NE(result.output.find("HTTP check passed: STATUS_CODE_DEFAULT: status 200, expected 200"), std::string::npos);
}

TEST_F(HttpTaskRequest, DefaultCheckFailsOnNon200) {
  auto result = run(json{{"url", base() + "/status/404"}});
  EXPECT_EQ(result.exitCode, 1) << result.output;
  EXPECT_NE(result.output.find("HTTP response status: 404\nHTTP response body:\nstatus page 404\n"), std::string::npos)
      << result.output;
  EXPECT_NE(result.output.find("HTTP check failed: STATUS_CODE_DEFAULT: status 404, expected 200"), std::string::npos);
}

TEST_F(HttpTaskRequest, CustomStatusCode) {
  EXPECT_EQ(
      run(json{{"url", base() + "/status/404"}, {"httpCheckCondition", "STATUS_CODE_CUSTOM"}, {"condition", "404"}})
          .exitCode,
      0);
  EXPECT_EQ(
      run(json{{"url", base() + "/status/500"}, {"httpCheckCondition", "STATUS_CODE_CUSTOM"}, {"condition", "404"}})
          .exitCode,
      1);
  // The expected code may come from a parameter.
  EXPECT_EQ(
      run(json{{"url", base() + "/status/201"}, {"httpCheckCondition", "STATUS_CODE_CUSTOM"}, {"condition", "${want}"}},
          {{"want", "201"}})
          .exitCode,
      0);
}

TEST_F(HttpTaskRequest, BodyContainsAndNotContains) {
  json contains = {{"url", base() + "/status/500"}, {"httpCheckCondition", "BODY_CONTAINS"}, {"condition", "page 500"}};
  EXPECT_EQ(run(contains).exitCode, 0);
  contains["condition"] = "page 200";
  auto failed = run(contains);
  EXPECT_EQ(failed.exitCode, 1);
  EXPECT_NE(failed.output.find("HTTP check failed: BODY_CONTAINS: the body does not contain 'page 200'"),
            std::string::npos)
      << failed.output;

  json notContains = {
      {"url", base() + "/status/200"}, {"httpCheckCondition", "BODY_NOT_CONTAINS"}, {"condition", "error"}};
  EXPECT_EQ(run(notContains).exitCode, 0);
  notContains["condition"] = "page";
  EXPECT_EQ(run(notContains).exitCode, 1);
}

TEST_F(HttpTaskRequest, PostSendsQueryHeadersAndJsonBodyWithSubstitution) {
  json params = {{"url", "http://127.0.0.1:${port}/echo?fixed=1"},
                 {"httpMethod", "POST"},
                 {"httpParams",
                  {{{"prop", "a"}, {"httpParametersType", "PARAMETER"}, {"value", "${v}"}},
                   {{"prop", "X-Token"}, {"httpParametersType", "HEADERS"}, {"value", "${tok}"}},
                   {{"prop", "name"}, {"httpParametersType", "BODY"}, {"value", "${who}"}},
                   {{"prop", "${key}"}, {"httpParametersType", "BODY"}, {"value", "2"}}}},
                 {"httpCheckCondition", "BODY_CONTAINS"},
                 {"condition", "\"method\": \"POST\""}};
  auto result = run(params, {{"v", "7 8"}, {"tok", "secret-token"}, {"who", "ann"}, {"key", "count"}});
  EXPECT_EQ(result.exitCode, 0) << result.output;
  const std::string& out = result.output;
  EXPECT_NE(out.find("\"query\": [[\"fixed\", \"1\"], [\"a\", \"7 8\"]]"), std::string::npos) << out;
  EXPECT_NE(out.find("\"x-token\": \"secret-token\""), std::string::npos) << out;
  EXPECT_NE(out.find("\"content-type\": \"application/json; charset=utf-8\""), std::string::npos) << out;
  EXPECT_NE(out.find("\"body\": \"{\\\"name\\\": \\\"ann\\\", \\\"count\\\": \\\"2\\\"}\""), std::string::npos) << out;
  // Header values are not logged by the program itself, only names.
  EXPECT_NE(out.find("HTTP request header: X-Token\n"), std::string::npos);
  EXPECT_NE(out.find("HTTP request body: {\"name\": \"ann\", \"count\": \"2\"}\n"), std::string::npos);
}

TEST_F(HttpTaskRequest, PutDeleteAndHead) {
  for (std::string method : {"PUT", "DELETE"}) {
    auto result = run(json{{"url", base() + "/echo"},
                           {"httpMethod", method},
                           {"httpCheckCondition", "BODY_CONTAINS"},
                           {"condition", "\"method\": \"" + method + "\""}});
    EXPECT_EQ(result.exitCode, 0) << method << "\n" << result.output;
  }
  auto head = run(json{{"url", base() + "/echo"}, {"httpMethod", "HEAD"}});
  EXPECT_EQ(head.exitCode, 0) << head.output;
  EXPECT_NE(head.output.find("HTTP response status: 200\nHTTP response body:\n\n"), std::string::npos) << head.output;
}

TEST_F(HttpTaskRequest, QuotesBackslashesAndUnicodeSurviveTheRoundTrip) {
  std::string value = "he said \"hi\" \\ 'x' \xC3\xBCn\xC3\xAF \xF0\x9F\x98\x80 ${not_a_param}\n2nd line";
  json params = {{"url", base() + "/raw"},
                 {"httpMethod", "POST"},
                 {"httpParams", {{{"prop", "msg"}, {"httpParametersType", "BODY"}, {"value", value}}}}};
  auto result = run(params);
  EXPECT_EQ(result.exitCode, 0) << result.output;
  std::string expectedBody = json{{"msg", value}}.dump();  // same escaping rules as Python's json.dumps here
  expectedBody.insert(expectedBody.find(':') + 1, " ");
  EXPECT_NE(result.output.find("HTTP response body:\n" + expectedBody + "\n"), std::string::npos) << result.output;
}

TEST_F(HttpTaskRequest, FollowsRedirects) {
  auto result =
      run(json{{"url", base() + "/redirect"}, {"httpCheckCondition", "BODY_CONTAINS"}, {"condition", "redirect"}});
  EXPECT_EQ(result.exitCode, 0) << result.output;
  EXPECT_NE(result.output.find("[\"from\", \"redirect\"]"), std::string::npos) << result.output;
}

TEST_F(HttpTaskRequest, SocketTimeoutIsAnError) {
  auto result = run(json{{"url", base() + "/slow"}, {"socketTimeout", 300}});
  EXPECT_EQ(result.exitCode, 2) << result.output;
  EXPECT_NE(result.output.find("HTTP request failed: "), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("timed out"), std::string::npos) << result.output;
}

TEST_F(HttpTaskRequest, ConnectionRefusedAndBadScheme) {
  auto refused = run(json{{"url", "http://127.0.0.1:1/"}, {"connectTimeout", 2000}});
  EXPECT_EQ(refused.exitCode, 2) << refused.output;
  EXPECT_NE(refused.output.find("HTTP request failed: "), std::string::npos) << refused.output;

  auto scheme = run(json{{"url", "ftp://127.0.0.1/file"}});
  EXPECT_EQ(scheme.exitCode, 2);
  EXPECT_NE(scheme.output.find("the url must start with http:// or https://"), std::string::npos) << scheme.output;
}

}  // namespace
}  // namespace porpoise::tasks
