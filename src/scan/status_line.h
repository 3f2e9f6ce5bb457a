// The crawl's status on a terminal: one line redrawn in place (\r, then
// erase to the end of the line), as curl and wget do, and cleared when the
// crawl ends. Nothing at all when stderr is not a terminal: logs stay clean.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

namespace ogi::scan {

class StatusLine {
 public:
  StatusLine(bool shown, bool english);
  ~StatusLine() { clear(); }
  StatusLine(const StatusLine&) = delete;
  StatusLine& operator=(const StatusLine&) = delete;
  // Site `number` of `sites`: `fetched` pages so far, `reports` found, now at `url`.
  void draw(std::size_t number, std::size_t sites, const std::string& domain, std::size_t fetched, std::size_t reports,
            const std::string& url);
  void clear();

 private:
  bool shown_, english_, drawn_ = false;
  std::size_t columns_ = 80;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now(), last_{};
};

// Terminal columns `text` (UTF-8) takes: CJK and other wide characters count 2.
std::size_t display_width(const std::string& text);
// `text` cut to `columns` with "…" in its middle (at character boundaries).
std::string shortened(const std::string& text, std::size_t columns);

}  // namespace ogi::scan
