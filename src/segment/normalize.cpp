#include "segment/normalize.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <iterator>

namespace ogi {
namespace {

const icu::Normalizer2& nfkc() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFKCInstance(status);
  return *n;  // ICU's data is linked in; failure here means a broken install
}

template <typename F>
void for_each_code_point(std::string_view s, F&& f) {
  int32_t i = 0;
  const auto n = static_cast<int32_t>(s.size());
  while (i < n) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(reinterpret_cast<const uint8_t*>(s.data()), i, n, c);
    if (c < 0) c = 0xFFFD;
    f(c, static_cast<std::size_t>(start), static_cast<std::size_t>(i));
  }
}

// NFKC of one code point, appended as code points to out.
void fold_code_point(UChar32 c, std::u32string& out) {
  // Fast paths for what reports are made of: ASCII and CJK ideographs are
  // their own NFKC form, full-width ASCII maps by offset.
  if (c < 0x80 || (c >= 0x4E00 && c <= 0x9FFF)) {
    out.push_back(static_cast<char32_t>(c));
    return;
  }
  if (c >= 0xFF01 && c <= 0xFF5E) {
    out.push_back(static_cast<char32_t>(c - 0xFEE0));
    return;
  }
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString folded = nfkc().normalize(icu::UnicodeString(c), status);
  for (int32_t i = 0; i < folded.length();) {
    const UChar32 d = folded.char32At(i);
    out.push_back(static_cast<char32_t>(d));
    i += U16_LENGTH(d);
  }
}

// The NFKC code points of utf8, each with the byte range of the code point
// it came from; one buffer for the whole text, not one per code point.
template <typename F>
void for_each_folded(std::string_view utf8, F&& f) {
  std::u32string folded;
  for_each_code_point(utf8, [&](UChar32 c, std::size_t b, std::size_t e) {
    folded.clear();
    fold_code_point(c, folded);
    for (char32_t d : folded) f(d, b, e);
  });
}

}  // namespace

std::string fold(std::string_view utf8) {
  std::u32string out;
  for_each_folded(utf8, [&](char32_t d, std::size_t, std::size_t) {
    if (!u_isUWhiteSpace(static_cast<UChar32>(d))) out.push_back(d);
  });
  return to_utf8(out);
}

Key make_key(std::string_view utf8) {
  Key key;
  for_each_folded(utf8, [&](char32_t d, std::size_t b, std::size_t e) {
    if (!u_isalnum(static_cast<UChar32>(d))) return;
    key.chars.push_back(d);
    key.begin.push_back(b);
    key.end.push_back(e);
  });
  return key;
}

std::u32string key_of(std::string_view utf8) {
  std::u32string chars;
  for_each_folded(utf8, [&](char32_t d, std::size_t, std::size_t) {
    if (u_isalnum(static_cast<UChar32>(d))) chars.push_back(d);
  });
  return chars;
}

double similarity(const std::u32string& a, const std::u32string& b) {
  if (a.empty() && b.empty()) return 1.0;
  std::vector<std::size_t> prev(b.size() + 1, 0), cur(b.size() + 1, 0);
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j)
      cur[j] = a[i - 1] == b[j - 1] ? prev[j - 1] + 1 : std::max(prev[j], cur[j - 1]);
    std::swap(prev, cur);
  }
  return 2.0 * static_cast<double>(prev[b.size()]) / static_cast<double>(a.size() + b.size());
}

std::size_t edit_distance(const std::u32string& a, const std::u32string& b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j)
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

double ngram_similarity(std::string_view a, std::string_view b) {
  auto shingles = [](std::string_view text) {
    const std::u32string k = key_of(text);
    std::vector<std::u32string> out;
    for (std::size_t i = 0; i + 5 <= k.size(); ++i) out.push_back(k.substr(i, 5));
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  };
  const auto x = shingles(a), y = shingles(b);
  if (x.empty() || y.empty()) return 0;
  std::vector<std::u32string> common;
  std::set_intersection(x.begin(), x.end(), y.begin(), y.end(), std::back_inserter(common));
  return static_cast<double>(common.size()) / static_cast<double>(x.size() + y.size() - common.size());
}

}  // namespace ogi
