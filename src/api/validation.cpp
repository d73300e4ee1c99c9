#include "api/validation.h"

#include <regex>

#include "api/api_error.h"
#include "util/strings.h"

namespace porpoise::api {

bool isValidUserName(const std::string& name) {
  static const std::regex re("^[a-zA-Z0-9._-]{3,39}$");
  return std::regex_match(name, re);
}

bool isValidPasswordLength(const std::string& pw) {
  auto n = util::codePointCount(pw);
  return n >= 2 && n <= 20;
}

bool isValidEmail(const std::string& email) {
  static const std::regex re(R"(^[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}$)");
  return std::regex_match(email, re);
}

bool isValidPhone(const std::string& phone) { return phone.empty() || util::codePointCount(phone) == 11; }

bool isValidTenantCode(const std::string& code) {
  static const std::regex re("^[a-zA-Z0-9_][a-zA-Z0-9_.-]{0,29}$");
  return std::regex_match(code, re);
}

void checkDescription(const std::string& description) {
  if (util::codePointCount(description) > 255) throw ApiError(Status::DESCRIPTION_TOO_LONG_ERROR);
}

}  // namespace porpoise::api
