#include "scan/status_line.h"

#include <cstdio>

#include <sys/ioctl.h>
#include <unistd.h>

#include "report/escape.h"

namespace ogi::scan {

namespace {

bool continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// The code point starting at text[at] (UTF-8; a stray byte as itself).
char32_t code_point(const std::string& text, std::size_t at) {
  const auto c = static_cast<unsigned char>(text[at]);
  const int length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
  char32_t cp = length == 1 ? c : c & (0x7F >> length);
  for (int i = 1; i < length && at + static_cast<std::size_t>(i) < text.size(); ++i)
    cp = (cp << 6) | (static_cast<unsigned char>(text[at + static_cast<std::size_t>(i)]) & 0x3F);
  return cp;
}

// East Asian wide and full-width characters take two columns (UAX #11)
std::size_t width_at(const std::string& text, std::size_t at) {
  const char32_t c = code_point(text, at);
  const bool wide = (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) || (c >= 0xAC00 && c <= 0xD7A3) ||
                    (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
                    (c >= 0xFFE0 && c <= 0xFFE6) || c >= 0x1F300;
  return wide ? 2 : 1;
}

}  // namespace

std::size_t display_width(const std::string& text) {
  std::size_t width = 0;
  for (std::size_t at = 0; at < text.size(); ++at)
    if (!continuation(static_cast<unsigned char>(text[at]))) width += width_at(text, at);
  return width;
}

std::string shortened(const std::string& text, std::size_t columns) {
  if (display_width(text) <= columns) return text;
  if (columns < 3) return {};
  const std::size_t keep = columns - 1, head_columns = keep / 2, tail_columns = keep - head_columns;  // 1: the "…"
  std::size_t head = 0, used = 0;
  while (head < text.size()) {
    const std::size_t w = width_at(text, head);
    if (used + w > head_columns) break;
    used += w;
    do ++head;
    while (head < text.size() && continuation(static_cast<unsigned char>(text[head])));
  }
  std::size_t tail = text.size();
  used = 0;
  while (tail > head) {
    std::size_t at = tail - 1;
    while (at > head && continuation(static_cast<unsigned char>(text[at]))) --at;
    const std::size_t w = width_at(text, at);
    if (used + w > tail_columns) break;
    used += w;
    tail = at;
  }
  return text.substr(0, head) + "…" + text.substr(tail);
}

StatusLine::StatusLine(bool shown, bool english) : shown_(shown), english_(english) {
  winsize size{};
  if (shown_ && ioctl(STDERR_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col >= 20) columns_ = size.ws_col;
}

void StatusLine::draw(std::size_t number, std::size_t sites, const std::string& domain, std::size_t fetched, std::size_t reports,
                      const std::string& url) {
  if (!shown_) return;
  const auto now = std::chrono::steady_clock::now();
  if (drawn_ && now - last_ < std::chrono::milliseconds(100)) return;  // a fast crawl would spend its time drawing
  last_ = now;
  const long seconds = static_cast<long>(std::chrono::duration<double>(now - start_).count());
  char counts[160];
  if (english_)
    std::snprintf(counts, sizeof counts, "scan %zu/%zu %s: %zu pages, %zu reports, %ld:%02ld ", number, sites, printable(domain).c_str(), fetched,
                  reports, seconds / 60, seconds % 60);
  else
    std::snprintf(counts, sizeof counts, "scan %zu/%zu %s：已抓取 %zu 页，年报 %zu 份，%ld:%02ld ", number, sites, printable(domain).c_str(), fetched,
                  reports, seconds / 60, seconds % 60);
  const std::string head = counts;
  const std::size_t used = display_width(head);
  // the URL comes from the web: its control and bidi characters are shown, never sent to the terminal
  const std::string line = head + (used + 10 < columns_ ? shortened(printable(url), columns_ - used - 1) : std::string());
  std::fprintf(stderr, "\r%s\x1b[K", line.c_str());
  std::fflush(stderr);
  drawn_ = true;
}

void StatusLine::clear() {
  if (!drawn_) return;
  std::fprintf(stderr, "\r\x1b[K");
  std::fflush(stderr);
  drawn_ = false;
}

}  // namespace ogi::scan
