#include <gtest/gtest.h>

#include "http/form_parser.h"
#include "http/router.h"

using namespace porpoise::http;

TEST(FormParser, UrlEncodedDecodesPlusAndPercent) {
  std::multimap<std::string, std::string> out;
  parseUrlEncoded("a=1&b=hello+world&c=%7B%22k%22%3A1%7D&empty=&flag&a=2", out);
  EXPECT_EQ(out.count("a"), 2u);
  EXPECT_EQ(out.find("b")->second, "hello world");
  EXPECT_EQ(out.find("c")->second, "{\"k\":1}");
  EXPECT_EQ(out.find("empty")->second, "");
  EXPECT_EQ(out.find("flag")->second, "");
}

TEST(FormParser, PercentDecodeKeepsInvalidEscapes) {
  EXPECT_EQ(percentDecode("100%", false), "100%");
  EXPECT_EQ(percentDecode("%zz%4", false), "%zz%4");
  EXPECT_EQ(percentDecode("a%20b+c", false), "a b+c");
}

TEST(FormParser, Cookies) {
  auto c = parseCookies("sessionId=abc; language=en_US;bad; x = y ");
  EXPECT_EQ(c["sessionId"], "abc");
  EXPECT_EQ(c["language"], "en_US");
  EXPECT_EQ(c["x"], "y");
  EXPECT_EQ(c.count("bad"), 0u);
}

TEST(FormParser, MultipartFieldsAndFiles) {
  std::string body =
      "--XyZ\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nwf\r\n"
      "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"w.json\"\r\nContent-Type: application/json\r\n\r\n"
      "[{\"a\":1}]\r\n--XyZ--\r\n";
  std::multimap<std::string, std::string> params;
  std::vector<UploadedFile> files;
  ASSERT_TRUE(parseMultipart(body, "multipart/form-data; boundary=XyZ", params, files));
  EXPECT_EQ(params.find("name")->second, "wf");
  ASSERT_EQ(files.size(), 1u);
  EXPECT_EQ(files[0].fieldName, "file");
  EXPECT_EQ(files[0].fileName, "w.json");
  EXPECT_EQ(files[0].content, "[{\"a\":1}]");
}

TEST(FormParser, MalformedMultipartIsRejected) {
  std::multimap<std::string, std::string> params;
  std::vector<UploadedFile> files;
  EXPECT_FALSE(parseMultipart("garbage", "multipart/form-data; boundary=XyZ", params, files));
  EXPECT_FALSE(parseMultipart("--XyZ\r\nno end", "multipart/form-data; boundary=XyZ", params, files));
  EXPECT_FALSE(parseMultipart("--XyZ\r\n\r\n", "multipart/form-data", params, files));
}

TEST(Router, LiteralBeatsParameterAndCapturesSegments) {
  Router r;
  r.add("GET", "/projects/{code}", [](Request&) { return Response::json("code"); });
  r.add("GET", "/projects/list", [](Request&) { return Response::json("list"); });
  r.add("POST", "/projects/{pc}/process-definition/{code}/release", [](Request&) { return Response::json("rel"); });
  Request a;
  a.method = "GET";
  a.path = "/projects/list";
  EXPECT_EQ((*r.match(a))(a).body, "list");
  Request b;
  b.method = "GET";
  b.path = "/projects/123";
  EXPECT_EQ((*r.match(b))(b).body, "code");
  EXPECT_EQ(b.pathParam("code"), "123");
  Request c;
  c.method = "POST";
  c.path = "/projects/1/process-definition/2/release";
  ASSERT_TRUE(r.match(c));
  EXPECT_EQ(c.pathParam("pc"), "1");
  EXPECT_EQ(c.pathParam("code"), "2");
  Request d;
  d.method = "DELETE";
  d.path = "/projects/1";
  EXPECT_EQ(r.match(d), nullptr);
  EXPECT_TRUE(r.pathExists("/projects/1"));
}
