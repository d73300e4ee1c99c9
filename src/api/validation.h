// Field rules shared by the security endpoints (spec ds-api.md §2.3).
#pragma once

#include <string>

namespace porpoise::api {

bool isValidUserName(const std::string& name);      // ^[a-zA-Z0-9._-]{3,39}$
bool isValidPasswordLength(const std::string& pw);  // 2..20 characters
bool isValidEmail(const std::string& email);        // local@domain.tld
bool isValidPhone(const std::string& phone);        // empty or exactly 11 characters
// Tenants are OS users: ^[a-zA-Z0-9_][a-zA-Z0-9_.-]{0,29}$ (stricter than DolphinScheduler's
// regex, which lets through names no OS user can have).
bool isValidTenantCode(const std::string& code);
// Throws ApiError 1400004 when longer than 255 code points.
void checkDescription(const std::string& description);

}  // namespace porpoise::api
