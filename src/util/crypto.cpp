#include "util/crypto.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <stdexcept>
#include <vector>

#include "util/strings.h"

namespace porpoise::util {
namespace {

constexpr int kIterations = 60000;

std::string toHex(const unsigned char* data, size_t n) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  out.reserve(n * 2);
  for (size_t i = 0; i < n; ++i) {
    out += digits[data[i] >> 4];
    out += digits[data[i] & 0xF];
  }
  return out;
}

std::vector<unsigned char> fromHex(std::string_view hex) {
  std::vector<unsigned char> out;
  if (hex.size() % 2) return out;
  auto val = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  for (size_t i = 0; i < hex.size(); i += 2) {
    int h = val(hex[i]), l = val(hex[i + 1]);
    if (h < 0 || l < 0) return {};
    out.push_back(static_cast<unsigned char>(h * 16 + l));
  }
  return out;
}

std::vector<unsigned char> pbkdf2(std::string_view password, const std::vector<unsigned char>& salt, int iterations) {
  std::vector<unsigned char> out(32);
  if (PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()), salt.data(), static_cast<int>(salt.size()),
                        iterations, EVP_sha256(), static_cast<int>(out.size()), out.data()) != 1)
    throw std::runtime_error("PBKDF2 failed");
  return out;
}

}  // namespace

std::string randomHex(size_t bytes) {
  std::vector<unsigned char> buf(bytes);
  if (RAND_bytes(buf.data(), static_cast<int>(bytes)) != 1) throw std::runtime_error("RAND_bytes failed");
  return toHex(buf.data(), buf.size());
}

std::string randomUuid() {
  std::vector<unsigned char> b(16);
  if (RAND_bytes(b.data(), 16) != 1) throw std::runtime_error("RAND_bytes failed");
  b[6] = (b[6] & 0x0F) | 0x40;
  b[8] = (b[8] & 0x3F) | 0x80;
  std::string h = toHex(b.data(), b.size());
  return h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" + h.substr(16, 4) + "-" + h.substr(20);
}

std::string hashPassword(std::string_view password) {
  std::vector<unsigned char> salt(16);
  if (RAND_bytes(salt.data(), 16) != 1) throw std::runtime_error("RAND_bytes failed");
  auto hash = pbkdf2(password, salt, kIterations);
  return "pbkdf2-sha256$" + std::to_string(kIterations) + "$" + toHex(salt.data(), salt.size()) + "$" +
         toHex(hash.data(), hash.size());
}

bool verifyPassword(std::string_view password, std::string_view stored) {
  auto parts = split(stored, '$', false);
  if (parts.size() != 4 || parts[0] != "pbkdf2-sha256") return false;
  auto iterations = parseInt(parts[1]);
  auto salt = fromHex(parts[2]);
  auto expected = fromHex(parts[3]);
  if (!iterations || *iterations <= 0 || salt.empty() || expected.size() != 32) return false;
  auto actual = pbkdf2(password, salt, *iterations);
  return CRYPTO_memcmp(actual.data(), expected.data(), expected.size()) == 0;
}

std::string md5Hex(std::string_view data) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(data.data(), data.size(), md, &len, EVP_md5(), nullptr);
  return toHex(md, len);
}

}  // namespace porpoise::util
