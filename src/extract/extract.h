// Bytes in, Document out. One extractor per input format; this file sniffs
// the format and dispatches.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

#include "doc/document.h"

namespace ogi {

// Input that cannot be read as a report at all (exit code 2 in the CLI),
// said in Chinese and in English.
struct InputError : std::runtime_error {
  InputError(const std::string& zh_message, const std::string& en_message)
      : std::runtime_error(en_message), zh(zh_message), en(en_message) {}
  std::string zh, en;
  const std::string& message(const std::string& lang) const { return lang == "en" ? en : zh; }
};

// Converts bytes in any supported encoding (UTF-8, UTF-16 with BOM, GB18030,
// GBK, Big5, ...) to UTF-8. A BOM wins, then valid UTF-8, then the charset
// the document declares (when it converts cleanly), then ICU's detection.
// Throws InputError for binary data.
std::string decode_text(std::string_view bytes, const std::string& declared = {});

// Plain text: paragraphs per line; tab-separated lines and Markdown pipe
// rows become table blocks.
Document extract_text(std::string_view utf8, const std::string& source);

// PDF: text, lines and cells with page positions (poppler-cpp), read from
// the file page by page. Throws InputError for damaged or password-protected
// files.
Document extract_pdf_file(const std::string& path);

// HTML pages of government sites (libxml2's HTML parser, no network): the
// report's text and tables, rowspan/colspan expanded into a true grid, site
// navigation and footers left out.
Document extract_html(std::string_view bytes, const std::string& source);

// DOCX drafts (libzip + libxml2), with limits against zip bombs.
Document extract_docx(const std::string& path);

Document extract_file(const std::string& path);

}  // namespace ogi
