// Authentication: password login, sessions, access tokens.
//
// Contract: authenticate() resolves the caller from a `token` header (valid, unexpired access
// token) or a session id (header `sessionId`, else cookie `sessionId`). Sessions idle longer
// than settings.sessionTimeout are deleted and refused. Disabled users (state 0) are refused.
// Passwords are checked against salted PBKDF2 hashes; session ids are 128 random bits.
#pragma once

#include <optional>
#include <string>

#include "api/api_context.h"

namespace porpoise::api {

std::optional<model::User> authenticate(ApiContext& ctx, const http::Request& req);

struct LoginResult {
  std::string sessionId;
  model::User user;
};
// Throws ApiError (10004 empty name, 10013 wrong name/password, 10148 disabled).
LoginResult login(ApiContext& ctx, const std::string& userName, const std::string& password, const std::string& ip);
void signOut(ApiContext& ctx, const http::Request& req);

}  // namespace porpoise::api
