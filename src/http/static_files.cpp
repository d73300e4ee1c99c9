#include "http/static_files.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "util/strings.h"

namespace porpoise::http {
namespace fs = std::filesystem;

namespace {

bool readFile(const fs::path& p, std::string& out) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  out = ss.str();
  return true;
}

const char* kNotBuilt = R"(<!doctype html><html><head><meta charset="utf-8"><title>Porpoise</title></head>
<body style="font-family:sans-serif;max-width:40em;margin:4em auto">
<h1>Porpoise is running</h1>
<p>The web UI has not been built. Build it with <code>bin/setup.sh</code> (or <code>cd web &amp;&amp; npm ci &amp;&amp; npm run build</code>)
and reload this page. The REST API is available under <code>/dolphinscheduler</code>.</p></body></html>)";

}  // namespace

std::string contentTypeFor(const std::string& path) {
  std::string ext = util::toLower(fs::path(path).extension().string());
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "application/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".json" || ext == ".map") return "application/json; charset=utf-8";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".jpg" || ext == ".jpeg") return "image/jpeg";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".woff") return "font/woff";
  if (ext == ".ttf") return "font/ttf";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  if (ext == ".wasm") return "application/wasm";
  return "application/octet-stream";
}

Response StaticFiles::index() const {
  Response r;
  r.contentType = "text/html; charset=utf-8";
  r.headers.push_back({"Cache-Control", "no-cache"});
  if (!readFile(fs::path(root_) / "index.html", r.body)) r.body = kNotBuilt;
  return r;
}

Response StaticFiles::serve(const std::string& relativePath) const {
  for (const auto& seg : util::split(relativePath, '/'))
    if (seg == "..") return index();
  fs::path p = fs::path(root_) / fs::path(relativePath).relative_path();
  std::error_code ec;
  if (relativePath.empty() || relativePath == "/" || !fs::is_regular_file(p, ec)) return index();
  Response r;
  if (!readFile(p, r.body)) return index();
  r.contentType = contentTypeFor(p.string());
  if (relativePath.find("/assets/") != std::string::npos || util::startsWith(relativePath, "assets/"))
    r.headers.push_back({"Cache-Control", "public, max-age=31536000, immutable"});
  return r;
}

}  // namespace porpoise::http
