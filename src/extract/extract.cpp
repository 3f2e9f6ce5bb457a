// Sniffs the input format from its bytes and dispatches to its extractor.
#include <algorithm>
#include <filesystem>
#include <fstream>

#include <re2/re2.h>

#include "doc/files.h"
#include "doc/limits.h"
#include "extract/extract.h"
#include "extract/budget.h"

namespace ogi {

namespace {

// An HTML page starts (after a BOM or white space) with a doctype, a comment
// or one of the elements pages open with.
bool looks_like_html(const std::string& head) {
  static const RE2 html(R"((?is)^(?:\xEF\xBB\xBF)?\s*(?:<!doctype\s+html|<!--|<html|<head|<meta|<body|<div|<table|<p[\s>]))");
  return RE2::PartialMatch(head, html);
}

}  // namespace

Document extract_file(const std::string& path) {
  TableBudget::start_document();
  const auto size = static_cast<std::size_t>(regular_file_size(path, limits::input_bytes));
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError("open", "无法打开文件", "cannot open the file");
  // PDF readers accept the header anywhere in the first 1024 bytes. A PDF
  // is left to poppler to read from the file page by page, never whole.
  std::string head(std::min<std::size_t>(size, 1024), '\0');
  in.seekg(0);
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  if (head.find("%PDF-") != std::string::npos) return extract_pdf_file(path);
  if (head.starts_with("PK\x03\x04")) return extract_docx(path);
  if (head.starts_with("\x89PNG") || head.starts_with("\xFF\xD8\xFF") || head.starts_with("II*") || head.starts_with(std::string_view("MM\0*", 4)))
    return extract_image_file(path);
  if (head.starts_with("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"))
    throw InputError("legacy-format", "这是旧版 Word/WPS 文件（.doc/.wps），无法读取；请另存为 DOCX 或 PDF 后再检查",
                     "this is a legacy Word/WPS file (.doc/.wps); save it as DOCX or PDF and check that");
  if (size > limits::text_input_bytes) {
    const std::string mb = std::to_string(limits::text_input_bytes >> 20);
    throw InputError("limit", "文本或网页文件过大（超过 " + mb + " MB），无法读取", "the text or HTML file is larger than " + mb + " MB");
  }
  std::string bytes(size, '\0');
  in.seekg(0);
  if (!in.read(bytes.data(), static_cast<std::streamsize>(size))) throw InputError("open", "无法读取文件", "cannot read the file");
  return extract_bytes(bytes, path);
}

Document extract_bytes(std::string_view bytes, const std::string& source) {
  const std::string_view content = bytes.substr(bytes.starts_with("\xEF\xBB\xBF") ? 3 : 0);
  if (content.find_first_not_of(" \t\r\n") == std::string_view::npos) throw InputError("empty", "文件为空", "the file is empty");
  if (looks_like_html(std::string(bytes.substr(0, 1024)))) return extract_html(bytes, source);
  const Decoded text = decode_text(bytes);
  Document doc = extract_text(text.utf8, source);
  doc.replaced_bytes = text.replaced_bytes;
  return doc;
}

}  // namespace ogi
