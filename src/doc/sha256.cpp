// SHA-256 by OpenSSL's libcrypto (in the process already for HTTPS): fast
// enough to key every rule file and every fetched report by its digest.
#include "doc/sha256.h"

#include <openssl/evp.h>

#include <array>
#include <stdexcept>

namespace ogi {
namespace {

std::array<unsigned char, 32> sha256(std::string_view data) {
  std::array<unsigned char, 32> digest{};
  unsigned int size = 0;
  if (EVP_Digest(data.data(), data.size(), digest.data(), &size, EVP_sha256(), nullptr) != 1 || size != digest.size())
    throw std::runtime_error("SHA-256 failed");
  return digest;
}

}  // namespace

std::string sha256_base64(std::string_view data) {
  const auto digest = sha256(data);
  std::array<unsigned char, 4 * ((32 + 2) / 3) + 1> text{};  // and its NUL
  EVP_EncodeBlock(text.data(), digest.data(), static_cast<int>(digest.size()));
  return reinterpret_cast<const char*>(text.data());
}

std::string sha256_hex(std::string_view data) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (const unsigned char byte : sha256(data)) out += {digits[byte >> 4], digits[byte & 15]};
  return out;
}

}  // namespace ogi
