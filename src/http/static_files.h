// Serves the built web UI from a directory with an SPA fallback.
//
// Contract: serve("/assets/x.js") returns the file under `root` when it exists (never outside
// root: ".." segments are refused), otherwise index.html with HTTP 200 so client-side routes
// deep-link. When the UI is not built, a small built-in page says how to build it.
#pragma once

#include <string>

#include "http/response.h"

namespace porpoise::http {

class StaticFiles {
 public:
  explicit StaticFiles(std::string root) : root_(std::move(root)) {}
  Response serve(const std::string& relativePath) const;
  Response index() const;
  const std::string& root() const { return root_; }

 private:
  std::string root_;
};

std::string contentTypeFor(const std::string& path);

}  // namespace porpoise::http
