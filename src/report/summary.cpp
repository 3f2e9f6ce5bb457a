#include "report/summary.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <map>
#include <tuple>

#include "doc/utc.h"

namespace ogi {

const char* status_name(ReportStatus s) {
  switch (s) {
    case ReportStatus::checked: return "checked";
    case ReportStatus::unchecked: return "unchecked";
    case ReportStatus::unreadable: return "unreadable";
  }
  return "checked";
}

bool ReportSummary::problem() const { return status != ReportStatus::checked || counts[2] > 0 || counts[1] > 0; }

ReportSummary summarize(const Report& report, const std::vector<Finding>& findings) {
  ReportSummary s;
  s.source = report.source, s.agency = report.agency, s.title = report.title;
  s.format = report.format, s.profile = report.profile, s.year = report.year, s.previous = report.previous;
  // A profile without tables (pre-2019) or no text at all: the checks of
  // the current format did not run, whatever the findings say.
  if (report.tables.empty()) s.status = ReportStatus::unchecked;
  std::map<std::string, ReportSummary::RuleCount> by_rule;
  for (const auto& f : findings) {
    ++s.counts[static_cast<int>(f.severity)];
    auto& rule = by_rule[f.rule];
    rule.rule = f.rule;
    ++rule.findings;
    rule.severity = std::max(rule.severity, f.severity);
  }
  for (auto& [id, count] : by_rule) s.rules.push_back(std::move(count));
  std::stable_sort(s.rules.begin(), s.rules.end(), [](const auto& a, const auto& b) { return a.findings > b.findings; });
  return s;
}

ReportSummary summarize_unreadable(const std::string& source, const std::string& code, const std::string& message) {
  ReportSummary s;
  s.source = source;
  s.status = ReportStatus::unreadable;
  s.error_code = code;
  s.error = message;
  return s;
}

std::string top_rules(const ReportSummary& s, std::size_t most) {
  std::string out;
  for (std::size_t i = 0; i < s.rules.size() && i < most; ++i) {
    const auto& r = s.rules[i];
    out += (out.empty() ? "" : " ") + r.rule + (r.findings > 1 ? "×" + std::to_string(r.findings) : "");
  }
  return out;
}

bool worse(const ReportSummary& a, const ReportSummary& b) {
  auto rank = [](const ReportSummary& s) {  // higher is worse
    return std::make_tuple(static_cast<int>(s.status), s.counts[2], s.counts[1], s.counts[0]);
  };
  return rank(a) > rank(b);
}

std::string run_time() {
  std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  if (const char* fixed = std::getenv("SOURCE_DATE_EPOCH")) {
    char* end = nullptr;
    const long long seconds = std::strtoll(fixed, &end, 10);
    if (end != fixed && *end == '\0' && seconds >= 0) t = static_cast<std::time_t>(seconds);
  }
  return utc_text(t, "%Y-%m-%d %H:%M UTC");
}

}  // namespace ogi
