// An HTTP request as handlers see it: method, path, merged parameters, headers, cookies, files.
//
// Contract: query-string, form-urlencoded and multipart text fields are merged into one
// parameter map (first occurrence wins for param(), all kept for params()). An empty value is
// treated as absent by param(), as DolphinScheduler does for parameters with defaults.
// Multipart file parts are kept separately in files.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace porpoise::http {

struct UploadedFile {
  std::string fieldName;
  std::string fileName;
  std::string contentType;
  std::string content;
};

struct Request {
  std::string method;  // "GET", "POST", ...
  std::string target;  // raw request target
  std::string path;    // percent-decoded path without query
  std::multimap<std::string, std::string> parameters;
  std::map<std::string, std::string> headers;  // lower-case names
  std::map<std::string, std::string> cookies;
  std::vector<UploadedFile> files;
  std::string body;
  std::string clientIp;
  std::map<std::string, std::string> pathParams;  // filled by the router

  // Non-empty value of a parameter, or nullopt when missing or empty.
  std::optional<std::string> param(const std::string& name) const;
  // Raw value including empty strings.
  std::optional<std::string> rawParam(const std::string& name) const;
  std::vector<std::string> params(const std::string& name) const;
  std::optional<std::string> header(const std::string& lowerName) const;
  std::optional<std::string> cookie(const std::string& name) const;
  const UploadedFile* file(const std::string& fieldName) const;
  std::string pathParam(const std::string& name) const;
};

}  // namespace porpoise::http
