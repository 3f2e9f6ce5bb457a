// SHA-256 (OpenSSL): the Content-Security-Policy hash ('sha256-…', base64) that lets
// the index page run its own sort script and nothing else, and the digests
// (hex) by which rule files already found valid are known again.
#pragma once

#include <string>
#include <string_view>

namespace ogi {

std::string sha256_base64(std::string_view data);
std::string sha256_hex(std::string_view data);

}  // namespace ogi
