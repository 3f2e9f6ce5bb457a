#include "report/escape.h"

#include "doc/utf8.h"

#include <nlohmann/json.hpp>
#include <unicode/utf8.h>

#include <cstdint>
#include <cstdio>

namespace ogi {
namespace {

void append_format(std::string& out, const char* format, unsigned value) {
  char buf[12];
  std::snprintf(buf, sizeof buf, format, value);
  out += buf;
}

// What ends or splits a line, or reorders what a reader sees of it.
bool breaks_text(UChar32 c) {
  return c < 0x20 || (c >= 0x7f && c < 0xa0) || c == 0x2028 || c == 0x2029 || (c >= 0x202a && c <= 0x202e) ||
         (c >= 0x2066 && c <= 0x2069);
}

// ASCII controls as \xNN and the rest as \uNNNN, so that \x80–\xff always
// means a byte that was not UTF-8.
void append_escape(std::string& out, UChar32 c) {
  switch (c) {
    case '\n': out += "\\n"; return;
    case '\r': out += "\\r"; return;
    case '\t': out += "\\t"; return;
  }
  append_format(out, c < 0x80 ? "\\x%02x" : "\\u%04x", static_cast<unsigned>(c));
}

std::string html_escape(std::string_view s, bool attribute) {
  std::string out;
  for (char c : attribute ? valid_utf8(s) : printable(s)) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += attribute ? "&#39;" : "'"; break;
      default: out += c;
    }
  }
  return out;
}

bool ascii_word(unsigned char c) { return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; }

bool plain_number(std::string_view s) {
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) s.remove_prefix(1);
  const auto digits = [&s] {
    std::size_t n = 0;
    while (n < s.size() && s[n] >= '0' && s[n] <= '9') ++n;
    s.remove_prefix(n);
    return n > 0;
  };
  if (!digits()) return false;
  if (!s.empty() && s[0] == '.') {
    s.remove_prefix(1);
    if (!digits()) return false;
  }
  return s.empty();
}

// Spreadsheets run a cell that starts with = + - @ as a formula, and Excel
// looks past a leading tab or CR (OWASP "CSV injection"). A plain number
// such as -3 (an expected or actual value, an extracted figure) is data.
bool formula_like(std::string_view s) {
  return !s.empty() && std::string_view("=+-@\t\r").find(s[0]) != std::string_view::npos && !plain_number(s);
}

}  // namespace

std::string printable(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  each_code_point(s, [&out](UChar32 c, std::string_view bytes) {
    if (c < 0) append_bytes_hex(out, bytes);
    else if (breaks_text(c)) append_escape(out, c);
    else out += bytes;
  });
  return out;
}

std::string html_text(std::string_view s) { return html_escape(s, false); }
std::string html_attr(std::string_view s) { return html_escape(s, true); }

std::string html_id(std::string_view s) {
  std::string out;
  each_code_point(s, [&out](UChar32 c, std::string_view bytes) {
    const bool keep = c >= 0x80 ? !breaks_text(c) : c >= 0 && (ascii_word(static_cast<unsigned char>(c)) || c == '-');
    if (keep) out += bytes;
    else for (unsigned char b : bytes) append_format(out, ".%02x", b);
  });
  return out;
}

std::string file_token(std::string_view s) {
  constexpr std::size_t max_bytes = 200;  // file names end at 255 bytes; the caller adds a prefix and suffix
  std::string out;
  each_code_point(s, [&out](UChar32 c, std::string_view bytes) {
    const bool keep = c >= 0x80 ? !breaks_text(c) : c >= 0 && (ascii_word(static_cast<unsigned char>(c)) || c == '.' || c == '-');
    if (out.size() + bytes.size() <= max_bytes) out += keep ? bytes : std::string_view("_");
  });
  return out;
}

std::string uri_path(std::string_view s) {
  std::string out;
  // a scanned report's URL stays one: its scheme's colon, its host's port, its query
  const bool url = s.starts_with("http://") || s.starts_with("https://");
  for (unsigned char c : s) {
    if (url && (c == ':' || c == '?' || c == '=' || c == '&' || c == '%')) {
      out += static_cast<char>(c);
      continue;
    }
    if (ascii_word(c) || c == '/' || c == '-' || c == '.' || c == '~') out += static_cast<char>(c);
    else append_format(out, "%%%02X", c);
  }
  return out;
}

std::string json_dump(const nlohmann::ordered_json& j, int indent) {
  return j.dump(indent, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

std::string csv_field(std::string_view s) {
  std::string value = (formula_like(s) ? "'" : "") + valid_utf8(s);
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string out = "\"";
  for (char c : value) out += c == '"' ? std::string_view("\"\"") : std::string_view(&c, 1);
  return out + '"';
}

}  // namespace ogi
