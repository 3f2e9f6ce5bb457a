// Matching keys. Text is normalised for comparison only (NFKC, width, spaces,
// punctuation); what is shown to users always comes from the original text.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "doc/utf8.h"

namespace ogi {

// NFKC-folded UTF-8 with all white space removed: "（ 一 ）" -> "(一)".
std::string fold(std::string_view utf8);

// Letters and digits only, NFKC-folded, with the byte range in the original
// text each one came from. Punctuation, quotes and spaces do not take part
// in matching labels.
struct Key {
  std::u32string chars;
  std::vector<std::size_t> begin;  // byte offset in the original, per char
  std::vector<std::size_t> end;
};
Key make_key(std::string_view utf8);
std::u32string key_of(std::string_view utf8);

// 2*LCS/(|a|+|b|): 1 for equal strings, 0 for nothing in common.
double similarity(const std::u32string& a, const std::u32string& b);
std::size_t edit_distance(const std::u32string& a, const std::u32string& b);
// Jaccard similarity of the two texts' 5-character shingles (letters and
// digits only): 1 for copies, near 0 for different texts.
double ngram_similarity(std::string_view a, std::string_view b);

}  // namespace ogi
