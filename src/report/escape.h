// What each output format does to the strings it quotes. Reports come from
// the open web: their titles, agencies, row labels, paragraphs and file names
// are attacker-controlled, so no reporter writes such a string except through
// one of these (one function per target, used at every call site).
//
// Bytes that are not UTF-8 (GBK file names from Windows archives) become the
// four characters `\xNN` (lowercase hex) in every format: the output stays
// valid UTF-8 and a reader still sees which bytes the name had.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include <string>
#include <string_view>

#include "doc/utf8.h"  // valid_utf8

namespace ogi {

// For line-based output (text): valid_utf8, and the characters that break a
// line or hide what it says written as escapes: \n \r \t, other C0, DEL and
// C1 as \xNN, U+2028/2029 and the bidi controls (U+202A–202E, U+2066–2069)
// as \uNNNN. Everything else, Chinese included, is unchanged.
std::string printable(std::string_view s);

// HTML: a text node, printable() (a bidi override in a file name would
// reorder what the page shows) with & < > " escaped; a quoted attribute value,
// valid_utf8 with & < > " ' escaped (a tooltip may span lines).
std::string html_text(std::string_view s);
std::string html_attr(std::string_view s);
// A token for an id and its #fragment: letters, digits, _ - and printable
// non-ASCII kept (canonical ids and Chinese labels read as they are), every
// other byte as .xx ('.' too), so distinct labels stay distinct and nothing
// in them can leave the attribute or the URL.
std::string html_id(std::string_view s);
// A file name safe on disk and in a URL: letters, digits, . - _ and
// printable non-ASCII (Chinese names stay readable) kept, anything else `_`.
std::string file_token(std::string_view s);

// A relative URI reference: anything outside unreserved ASCII and '/'
// percent-encoded (raw bytes, so a GBK name stays exact).
std::string uri_path(std::string_view s);

// JSON text of j. nlohmann throws on a string that is not UTF-8, which
// would end the whole batch: file names (the likely case) are valid_utf8'd
// where they go in, and anything else that slipped through is written with
// U+FFFD for its bad bytes rather than thrown.
std::string json_dump(const nlohmann::ordered_json& j, int indent = -1);

// One CSV field (RFC 4180): valid_utf8, guarded against formula injection,
// quoted when it holds , " CR or LF.
std::string csv_field(std::string_view s);

}  // namespace ogi
