// Bytes to UTF-8. Every text that leaves here is valid UTF-8: ICU's
// converters substitute U+FFFD for what they cannot convert, and UTF-8
// input is repaired the same way, counting what was replaced.
#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>
#include <climits>
#include <memory>
#include <string>

#include "extract/extract.h"

namespace ogi {
namespace {

constexpr std::string_view fffd = "\xEF\xBF\xBD";  // U+FFFD

// UTF-8 with each maximal invalid sequence replaced by one U+FFFD (Unicode's
// recommended practice, as ICU and browsers do), and what that cost.
struct Repaired {
  std::string utf8;
  std::size_t invalid_bytes = 0;
  std::size_t multibyte = 0;  // valid characters of two bytes or more
};

Repaired repair_utf8(std::string_view s) {
  Repaired r;
  r.utf8.reserve(s.size());
  int32_t i = 0;
  const auto n = static_cast<int32_t>(s.size());
  while (i < n) {
    const int32_t at = i;
    UChar32 c;
    U8_NEXT(reinterpret_cast<const uint8_t*>(s.data()), i, n, c);
    const auto length = static_cast<std::size_t>(i - at);
    if (c < 0) {
      r.invalid_bytes += length;
      r.utf8 += fffd;
    } else {
      r.multibyte += length > 1;
      r.utf8.append(s.substr(static_cast<std::size_t>(at), length));
    }
  }
  return r;
}

// A few stray bytes in UTF-8 text (a byte damaged in copying, a character
// of another charset pasted in) leave it UTF-8: fewer than 1 invalid byte
// in 1000, and at least 10 valid multibyte characters for each, so that a
// mostly-ASCII GBK page with a few Chinese words is not taken for UTF-8.
bool mostly_utf8(const Repaired& r, std::size_t size) {
  return r.invalid_bytes * 1000 < size && r.multibyte >= 10 * r.invalid_bytes;
}

Decoded decoded(Repaired r) { return {std::move(r.utf8), static_cast<int>(std::min<std::size_t>(r.invalid_bytes, INT_MAX))}; }

std::string converted(std::string_view bytes, const char* charset) {
  UErrorCode status = U_ZERO_ERROR;
  std::string out(bytes.size() * 3 + 16, '\0');
  const int32_t len = ucnv_convert("UTF-8", charset, out.data(), static_cast<int32_t>(out.size()),
                                   bytes.data(), static_cast<int32_t>(bytes.size()), &status);
  if (U_FAILURE(status)) throw InputError("binary", std::string("无法按 ") + charset + " 编码转换文本", std::string("cannot convert the text from ") + charset);
  out.resize(static_cast<std::size_t>(len));
  return out;
}

// ICU's conversion, counting the U+FFFD it holds as replaced.
Decoded convert(std::string_view bytes, const char* charset) {
  Decoded d{converted(bytes, charset), 0};
  for (std::size_t at = d.utf8.find(fffd); at != std::string::npos; at = d.utf8.find(fffd, at + 3))
    ++d.replaced_bytes;
  return d;
}

// Text has no NULs and few control characters; anything else is binary.
void reject_binary(std::string_view utf8) {
  std::size_t control = 0, total = 0, replacement = 0;
  int32_t i = 0;
  const auto n = static_cast<int32_t>(utf8.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(reinterpret_cast<const uint8_t*>(utf8.data()), i, n, c);
    ++total;
    if (c == 0) throw InputError("binary", "二进制数据（含 NUL 字节），不是文本文档", "binary data (NUL bytes): not a text document");
    if (c == 0xFFFD || c < 0) ++replacement;
    else if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') ++control;
  }
  if (total > 0 && (control + replacement) * 20 > total)
    throw InputError("binary", "二进制数据或无法识别的编码，不是可读的文本文档", "binary data or unknown encoding: not a readable text document");
}

// Conversion that yields replacement characters was the wrong charset.
bool converts_cleanly(std::string_view bytes, std::string charset, std::string& out) {
  for (char& c : charset) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  // GB18030 is a superset of GBK and GB2312 and decodes all three
  if (charset == "gbk" || charset == "gb2312" || charset == "x-gbk" || charset == "gb_2312-80") charset = "gb18030";
  try {
    out = converted(bytes, charset.c_str());
  } catch (const InputError&) {
    return false;
  }
  return out.find(fffd) == std::string::npos;
}

Decoded detect_and_convert(std::string_view bytes) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UCharsetDetector, decltype(&ucsdet_close)> det(ucsdet_open(&status), ucsdet_close);
  ucsdet_setText(det.get(), bytes.data(), static_cast<int32_t>(bytes.size()), &status);
  const UCharsetMatch* match = ucsdet_detect(det.get(), &status);
  if (U_FAILURE(status) || match == nullptr) throw InputError("binary", "无法识别文本编码", "unknown text encoding");
  std::string name = ucsdet_getName(match, &status);
  // ICU reports GB18030 for all simplified-Chinese multibyte text; it is a
  // superset of GBK and GB2312, so it decodes all three correctly.
  if (name == "GB18030" || name == "GBK" || name == "GB2312") name = "GB18030";
  return convert(bytes, name.c_str());
}

}  // namespace

Decoded decode_text(std::string_view bytes, const std::string& declared) {
  Decoded out;
  if (bytes.starts_with("\xEF\xBB\xBF")) {
    out = decoded(repair_utf8(bytes.substr(3)));  // too many replaced: binary, below
  } else if (bytes.starts_with("\xFF\xFE")) {
    out = convert(bytes.substr(2), "UTF-16LE");
  } else if (bytes.starts_with("\xFE\xFF")) {
    out = convert(bytes.substr(2), "UTF-16BE");
  } else if (Repaired utf8 = repair_utf8(bytes); utf8.invalid_bytes == 0) {
    out.utf8 = std::move(utf8.utf8);
  } else if (!declared.empty() && converts_cleanly(bytes, declared, out.utf8)) {
    // as declared
  } else if (mostly_utf8(utf8, bytes.size())) {
    out = decoded(std::move(utf8));
  } else {
    out = detect_and_convert(bytes);
  }
  reject_binary(out.utf8);
  return out;
}

}  // namespace ogi
