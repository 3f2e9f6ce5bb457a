#include "scan/robots.h"

#include <algorithm>
#include <cstdlib>
#include <sstream>

namespace ogi::scan {

namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::string trimmed(std::string s) {
  s.erase(0, s.find_first_not_of(" \t"));
  s.erase(s.find_last_not_of(" \t\r") + 1);
  return s;
}

}  // namespace

bool robots_match(const std::string& pattern, const std::string& path) {
  const bool anchored = !pattern.empty() && pattern.back() == '$';
  const std::string p = anchored ? pattern.substr(0, pattern.size() - 1) : pattern;
  // classic wildcard matching with backtracking to the last *
  std::size_t i = 0, j = 0, star = std::string::npos, mark = 0;
  while (j < path.size()) {
    if (i < p.size() && p[i] == '*') star = i++, mark = j;
    else if (i < p.size() && p[i] == path[j]) ++i, ++j;
    else if (i == p.size() && !anchored) return true;  // a prefix matched
    else if (star != std::string::npos) i = star + 1, j = ++mark;
    else return false;
  }
  while (i < p.size() && p[i] == '*') ++i;
  return i == p.size();
}

Robots Robots::from_response(long status, const std::string& text, const std::string& agent) {
  Robots robots;
  if (status >= 400 && status < 500) return robots;
  if (status < 200 || status >= 300) {
    robots.disallow_all_ = true;
    return robots;
  }
  // Groups: consecutive user-agent lines, then their rules. Ours if a
  // user-agent names our product token, else the * group.
  const std::string token = lower(agent);
  std::vector<Rule> mine, star;
  double mine_delay = -1, star_delay = -1;
  bool in_agents = false, for_me = false, for_star = false, matched_me = false;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (const auto hash = line.find('#'); hash != std::string::npos) line.erase(hash);
    const auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    const std::string key = lower(trimmed(line.substr(0, colon))), value = trimmed(line.substr(colon + 1));
    if (key == "user-agent") {
      if (!in_agents) for_me = for_star = false;
      in_agents = true;
      const std::string name = lower(value);
      if (name == "*") for_star = true;
      else if (!name.empty() && token.find(name) != std::string::npos) for_me = matched_me = true;
      continue;
    }
    in_agents = false;
    if (key == "allow" || key == "disallow") {
      if (value.empty()) continue;  // "Disallow:" allows everything
      const Rule rule{key == "allow", value};
      if (for_me) mine.push_back(rule);
      if (for_star) star.push_back(rule);
    } else if (key == "crawl-delay") {
      const double seconds = std::strtod(value.c_str(), nullptr);
      if (for_me) mine_delay = seconds;
      if (for_star) star_delay = seconds;
    }
  }
  robots.rules_ = matched_me ? mine : star;
  robots.crawl_delay_ = std::clamp(matched_me ? mine_delay : star_delay, 0.0, 60.0);
  return robots;
}

bool Robots::allowed(const std::string& path) const {
  if (disallow_all_) return path == "/robots.txt";
  const Rule* best = nullptr;
  for (const auto& r : rules_) {
    if (!robots_match(r.pattern, path)) continue;
    if (!best || r.pattern.size() > best->pattern.size() || (r.pattern.size() == best->pattern.size() && r.allow)) best = &r;
  }
  return !best || best->allow;
}

}  // namespace ogi::scan
