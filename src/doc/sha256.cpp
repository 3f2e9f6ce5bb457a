// SHA-256 by OpenSSL's libcrypto (in the process already for HTTPS): fast
// enough to key every rule file and every fetched report by its digest.
#include "doc/sha256.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <array>
#include <memory>
#include <stdexcept>

namespace ogi {
namespace {

// Fetched once: EVP_sha256() makes OpenSSL 3 look the algorithm up in its
// providers on every digest, which costs more than hashing a rule file.
// No openssl.cnf is read: a digest needs no configuration, and reading it
// doubled the cost of a one-file run's rule loading.
const EVP_MD* sha256_algorithm() {
  static const bool initialised = OPENSSL_init_crypto(OPENSSL_INIT_NO_LOAD_CONFIG, nullptr) == 1;
  if (!initialised) throw std::runtime_error("libcrypto cannot be initialised");
  static const std::unique_ptr<EVP_MD, decltype(&EVP_MD_free)> md(EVP_MD_fetch(nullptr, "SHA2-256", nullptr), EVP_MD_free);
  if (!md) throw std::runtime_error("SHA-256 is not available in libcrypto");
  return md.get();
}

std::array<unsigned char, 32> sha256(std::string_view data) {
  std::array<unsigned char, 32> digest{};
  unsigned int size = 0;
  if (EVP_Digest(data.data(), data.size(), digest.data(), &size, sha256_algorithm(), nullptr) != 1 || size != digest.size())
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
