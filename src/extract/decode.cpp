#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/utf8.h>

#include <cctype>
#include <memory>
#include <string>

#include "extract/extract.h"

namespace ogi {
namespace {

bool is_valid_utf8(std::string_view s) {
  int32_t i = 0;
  const auto n = static_cast<int32_t>(s.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(reinterpret_cast<const uint8_t*>(s.data()), i, n, c);
    if (c < 0) return false;
  }
  return true;
}

std::string convert(std::string_view bytes, const char* charset) {
  UErrorCode status = U_ZERO_ERROR;
  std::string out(bytes.size() * 3 + 16, '\0');
  const int32_t len = ucnv_convert("UTF-8", charset, out.data(), static_cast<int32_t>(out.size()),
                                   bytes.data(), static_cast<int32_t>(bytes.size()), &status);
  if (U_FAILURE(status)) throw InputError("binary", std::string("无法按 ") + charset + " 编码转换文本", std::string("cannot convert the text from ") + charset);
  out.resize(static_cast<std::size_t>(len));
  return out;
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
    out = convert(bytes, charset.c_str());
  } catch (const InputError&) {
    return false;
  }
  return out.find("\xEF\xBF\xBD") == std::string::npos;
}

}  // namespace

std::string decode_text(std::string_view bytes, const std::string& declared) {
  std::string out;
  if (bytes.starts_with("\xEF\xBB\xBF")) {
    out = std::string(bytes.substr(3));
  } else if (bytes.starts_with("\xFF\xFE")) {
    out = convert(bytes.substr(2), "UTF-16LE");
  } else if (bytes.starts_with("\xFE\xFF")) {
    out = convert(bytes.substr(2), "UTF-16BE");
  } else if (is_valid_utf8(bytes)) {
    out = std::string(bytes);
  } else if (!declared.empty() && converts_cleanly(bytes, declared, out)) {
    // as declared
  } else {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<UCharsetDetector, decltype(&ucsdet_close)> det(ucsdet_open(&status), ucsdet_close);
    ucsdet_setText(det.get(), bytes.data(), static_cast<int32_t>(bytes.size()), &status);
    const UCharsetMatch* match = ucsdet_detect(det.get(), &status);
    if (U_FAILURE(status) || match == nullptr) throw InputError("binary", "无法识别文本编码", "unknown text encoding");
    std::string name = ucsdet_getName(match, &status);
    // ICU reports GB18030 for all simplified-Chinese multibyte text; it is a
    // superset of GBK and GB2312, so it decodes all three correctly.
    if (name == "GB18030" || name == "GBK" || name == "GB2312") name = "GB18030";
    out = convert(bytes, name.c_str());
  }
  reject_binary(out);
  return out;
}

}  // namespace ogi
