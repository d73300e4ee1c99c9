// Password hashing and random identifiers (OpenSSL libcrypto).
//
// Contract: hashPassword() returns a self-describing string
// "pbkdf2-sha256$<iterations>$<salt hex>$<hash hex>" with a fresh random salt;
// verifyPassword() checks a password against such a string in constant time.
#pragma once

#include <string>
#include <string_view>

namespace porpoise::util {

std::string hashPassword(std::string_view password);
bool verifyPassword(std::string_view password, std::string_view stored);
// `bytes` cryptographically random bytes as lower-case hex.
std::string randomHex(size_t bytes);
// A random UUID-formatted identifier (128 random bits, version 4 layout).
std::string randomUuid();
std::string md5Hex(std::string_view data);

}  // namespace porpoise::util
