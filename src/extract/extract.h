// Bytes in, Document out. One extractor per input format; this file sniffs
// the format and dispatches.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "doc/document.h"
#include "doc/input_error.h"

namespace ogi {


// Text decoded to valid UTF-8, and how many bytes of the input were not
// valid in its encoding and became U+FFFD (in charsets converted by ICU:
// the U+FFFD it made, one per invalid sequence).
struct Decoded {
  std::string utf8;
  int replaced_bytes = 0;
};

// Converts bytes in any supported encoding (UTF-8, UTF-16 with BOM, GB18030,
// GBK, Big5, ...) to UTF-8. A BOM wins, then valid UTF-8, then the charset
// the document declares (when it converts cleanly), then UTF-8 with a few
// stray bytes (fewer than 1 in 1000, see decode.cpp), then ICU's detection.
// Throws InputError for binary data.
Decoded decode_text(std::string_view bytes, const std::string& declared = {});

// Plain text: paragraphs per line; tab-separated lines and Markdown pipe
// rows become table blocks.
Document extract_text(std::string_view utf8, const std::string& source);

// PDF: text, lines and cells with page positions (poppler-cpp), read from
// the file page by page. Throws InputError for damaged or password-protected
// files.
Document extract_pdf_file(const std::string& path);
// poppler builds its global state (Unicode and font tables) with its first
// open document and tears it down with its last: while the handle returned
// lives, it is built once. A batch holds it for its whole run, so that each
// PDF does not pay for it again (a fifteenth of reading a small PDF).
std::shared_ptr<const void> hold_pdf_state();
// PNG, JPEG or TIFF: a scanned page, read by OCR as page 1 (nothing when
// OCR is off: the page stays a picture).
Document extract_image_file(const std::string& path);

// HTML pages of government sites (libxml2's HTML parser, no network): the
// report's text and tables, rowspan/colspan expanded into a true grid, site
// navigation and footers left out.
Document extract_html(std::string_view bytes, const std::string& source);

// DOCX drafts (libzip + libxml2), with limits against zip bombs.
Document extract_docx(const std::string& path);

Document extract_file(const std::string& path);
// Text or HTML already in memory (a rule's example), read as extract_file
// reads such a file.
Document extract_bytes(std::string_view bytes, const std::string& source);

}  // namespace ogi
