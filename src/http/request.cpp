#include "http/request.h"

namespace porpoise::http {

std::optional<std::string> Request::param(const std::string& name) const {
  auto v = rawParam(name);
  if (!v || v->empty()) return std::nullopt;
  return v;
}

std::optional<std::string> Request::rawParam(const std::string& name) const {
  auto it = parameters.find(name);
  if (it == parameters.end()) return std::nullopt;
  return it->second;
}

std::vector<std::string> Request::params(const std::string& name) const {
  std::vector<std::string> out;
  auto [b, e] = parameters.equal_range(name);
  for (auto it = b; it != e; ++it) out.push_back(it->second);
  return out;
}

std::optional<std::string> Request::header(const std::string& lowerName) const {
  auto it = headers.find(lowerName);
  if (it == headers.end()) return std::nullopt;
  return it->second;
}

std::optional<std::string> Request::cookie(const std::string& name) const {
  auto it = cookies.find(name);
  if (it == cookies.end()) return std::nullopt;
  return it->second;
}

const UploadedFile* Request::file(const std::string& fieldName) const {
  for (const auto& f : files)
    if (f.fieldName == fieldName) return &f;
  return nullptr;
}

std::string Request::pathParam(const std::string& name) const {
  auto it = pathParams.find(name);
  return it == pathParams.end() ? std::string() : it->second;
}

}  // namespace porpoise::http
