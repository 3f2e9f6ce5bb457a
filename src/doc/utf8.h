// Small UTF-8 helpers shared by every stage.
#pragma once

#include <unicode/utf8.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace ogi {

std::string to_utf8(const std::u32string& s);
// Code points in [0, byte_offset) of utf8: the column a finding points at.
int code_points_before(std::string_view utf8, std::size_t byte_offset);

// Calls on(c, bytes) for each code point of s in order; c < 0 for an
// ill-formed sequence (ICU's rules: no overlongs, surrogates or bytes > F4).
template <class F>
void each_code_point(std::string_view s, F on) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const int64_t n = static_cast<int64_t>(s.size());
  for (int64_t i = 0; i < n;) {
    const int64_t start = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    on(c, s.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(i - start)));
  }
}

// Appends each byte as `\xNN` (lowercase hex).
void append_bytes_hex(std::string& out, std::string_view bytes);

// s with every byte of an ill-formed UTF-8 sequence as `\xNN`: file names
// from Windows archives (GBK) stay readable and distinct.
std::string valid_utf8(std::string_view s);

}  // namespace ogi
