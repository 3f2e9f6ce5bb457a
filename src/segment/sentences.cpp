#include "segment/sentences.h"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <memory>

namespace ogi {

namespace {

// UTF-8 bytes of the first `units` UTF-16 units of `s`.
std::size_t utf8_length(const icu::UnicodeString& s, int32_t units) {
  std::string out;
  s.tempSubString(0, units).toUTF8String(out);
  return out.size();
}

}  // namespace

std::pair<std::size_t, std::size_t> sentence_around(const std::string& text, std::size_t offset) {
  // One iterator per thread: creating one loads ICU's break rules.
  thread_local std::unique_ptr<icu::BreakIterator> sentences = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> it(icu::BreakIterator::createSentenceInstance(icu::Locale::getChinese(), status));
    return U_SUCCESS(status) ? std::move(it) : nullptr;
  }();
  if (!sentences) return {0, text.size()};
  std::string flat = text;
  std::replace(flat.begin(), flat.end(), '\n', ' ');
  const icu::UnicodeString u = icu::UnicodeString::fromUTF8(flat);
  const int32_t at = icu::UnicodeString::fromUTF8(std::string_view(flat).substr(0, std::min(offset, flat.size()))).length();
  sentences->setText(u);
  const int32_t end = sentences->following(at);
  const int32_t begin = sentences->preceding(at + 1);
  return {utf8_length(u, std::max(begin, 0)), utf8_length(u, end == icu::BreakIterator::DONE ? u.length() : end)};
}

}  // namespace ogi
