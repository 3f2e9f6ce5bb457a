// robots.txt as RFC 9309 reads it: the group for our agent (else *), the
// longest matching rule decides, Allow wins a tie, `*` and a final `$`.
#pragma once

#include <string>
#include <vector>

namespace ogi::scan {

class Robots {
 public:
  // From the fetched file: status 2xx parses `text`; 4xx (none published)
  // allows everything; 5xx or no answer disallows everything (RFC 9309 §2.3.1).
  static Robots from_response(long status, const std::string& text, const std::string& agent);
  bool allowed(const std::string& path) const;
  double crawl_delay() const { return crawl_delay_; }
  bool unavailable() const { return disallow_all_; }  // robots.txt answered 5xx or not at all

 private:
  struct Rule {
    bool allow;
    std::string pattern;
  };
  std::vector<Rule> rules_;
  bool disallow_all_ = false;
  double crawl_delay_ = 0;
};

// Whether a robots.txt path pattern (with * and a final $) matches `path`.
bool robots_match(const std::string& pattern, const std::string& path);

}  // namespace ogi::scan
