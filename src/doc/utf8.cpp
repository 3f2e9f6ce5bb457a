#include "doc/utf8.h"

#include <unicode/utf8.h>

namespace ogi {

std::string to_utf8(const std::u32string& s) {
  std::string out;
  for (char32_t c : s) {
    char buf[4];
    int32_t i = 0;
    UBool error = false;
    U8_APPEND(reinterpret_cast<uint8_t*>(buf), i, 4, static_cast<UChar32>(c), error);
    if (!error) out.append(buf, static_cast<std::size_t>(i));
  }
  return out;
}

int code_points_before(std::string_view utf8, std::size_t byte_offset) {
  int n = 0;
  for (std::size_t i = 0; i < byte_offset && i < utf8.size(); ++i)
    if ((static_cast<unsigned char>(utf8[i]) & 0xC0) != 0x80) ++n;
  return n;
}

void append_bytes_hex(std::string& out, std::string_view bytes) {
  static constexpr char hex[] = "0123456789abcdef";
  for (unsigned char b : bytes) {
    out += "\\x";
    out += hex[b >> 4];
    out += hex[b & 15];
  }
}

std::string valid_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  each_code_point(s, [&out](UChar32 c, std::string_view bytes) {
    if (c < 0) append_bytes_hex(out, bytes);
    else out += bytes;
  });
  return out;
}

}  // namespace ogi
