// Sentences of a part's text, by ICU's sentence break rules (Chinese): a
// count in the narrative is read with the sentence it stands in.
#pragma once

#include <cstddef>
#include <string>
#include <utility>

namespace ogi {

// The [begin, end) byte range of the sentence holding byte `offset` of the
// UTF-8 `text`. Line breaks do not end a sentence: PDF and web text wrap
// lines inside sentences.
std::pair<std::size_t, std::size_t> sentence_around(const std::string& text, std::size_t offset);

}  // namespace ogi
