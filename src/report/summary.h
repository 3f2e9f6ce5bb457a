// What one input of a batch came to, for the views over a whole batch (the
// HTML index, the summary CSV): a supervisor ranks bodies by it, so an input
// that could not be read, or was not checked against the current format, is
// a row of its own and never passes for a clean report.
#pragma once

#include <string>
#include <vector>

#include "rules/finding.h"
#include "segment/report.h"

namespace ogi {

// checked: the format's parts and tables were checked;
// unchecked: read, but in a format without the standard tables (pre-2019,
//            or no text at all): most checks did not run;
// unreadable: could not be read as a report (an InputError).
enum class ReportStatus { checked, unchecked, unreadable };
const char* status_name(ReportStatus s);  // checked | unchecked | unreadable

struct ReportSummary {
  std::string source, agency, title, format, profile;
  std::string previous;  // the report checked as its year before
  int year = 0;
  ReportStatus status = ReportStatus::checked;
  std::string error_code, error;  // unreadable: why (doc/input_error.h)
  int counts[3] = {0, 0, 0};      // findings by severity (info, warning, error)
  struct RuleCount {
    std::string rule;
    int findings = 0;
    Severity severity = Severity::info;  // the worst of them
  };
  std::vector<RuleCount> rules;  // findings by rule, most first (then by ID)
  // A problem for a supervisor: unreadable, unchecked, or with an error or warning.
  bool problem() const;
};

ReportSummary summarize(const Report& report, const std::vector<Finding>& findings);
ReportSummary summarize_unreadable(const std::string& source, const std::string& code, const std::string& message);

// The rules with most findings: "ARI-01×3 ARI-03" (×1 left out), at most `most`.
std::string top_rules(const ReportSummary& s, std::size_t most = 5);

// Worst first: unreadable, then unchecked, then by errors, warnings and
// notes, most first; ties in input order (a stable sort keeps it).
bool worse(const ReportSummary& a, const ReportSummary& b);

// When the run happened, "YYYY-MM-DD HH:MM UTC": now, or SOURCE_DATE_EPOCH
// when set (the reproducible-builds convention), so that two runs over the
// same inputs can give the same bytes.
std::string run_time();

}  // namespace ogi
