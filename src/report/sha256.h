// SHA-256, for the Content-Security-Policy hash ('sha256-…', base64) that
// lets the index page run its own sort script and nothing else.
#pragma once

#include <string>
#include <string_view>

namespace ogi {

std::string sha256_base64(std::string_view data);

}  // namespace ogi
