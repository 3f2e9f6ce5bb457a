// SHA-256 (OpenSSL), linked into ogicheck-scan (the digests of fetched
// files, hex) and the tests (which check the Content-Security-Policy hash
// of the index page's script, base64), never into ogicheck: loading
// libcrypto would cost every check 0.5 ms.
#pragma once

#include <string>
#include <string_view>

namespace ogi {

std::string sha256_base64(std::string_view data);
std::string sha256_hex(std::string_view data);

}  // namespace ogi
