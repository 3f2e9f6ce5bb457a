// Year-over-year pairing: each report with the same body's report of the
// year before, by the agency and year read from the reports themselves
// (never by file name or position).
#pragma once

#include <map>
#include <string>
#include <vector>

namespace ogi {

// What pairing needs of one report.
struct ReportIdentity {
  std::string path, agency;
  int year = 0;
};

// The agency's name as pairing compares it: folded (NFKC, no white space),
// a year prefix dropped, 人民政府办公室 read as 人民政府办公厅 and 县 as 区
// (a county made a district keeps its body's reports).
std::string agency_key(const std::string& agency);

// Why a report has no predecessor, in both languages.
struct Unpaired {
  std::string zh, en;
};

struct Pairing {
  std::map<std::string, std::string> previous;  // input path → last year's report
  std::map<std::string, Unpaired> unpaired;     // input path → why none
};

// Pairs every input with the one candidate of the same agency key and the
// year before. No candidate, several, or an input whose agency or year
// cannot be read: unpaired, with the reason.
Pairing pair_reports(const std::vector<ReportIdentity>& inputs, const std::vector<ReportIdentity>& candidates);

// For an explicit --previous FILE: empty when `previous` is `report`'s
// predecessor (same agency key, the year before), else why not.
Unpaired mismatch(const ReportIdentity& report, const ReportIdentity& previous);

}  // namespace ogi
