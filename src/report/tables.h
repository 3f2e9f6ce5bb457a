// The tables the spreadsheet formats share (CSV and the XLSX workbook): one
// list of columns and one way to make the rows of each, so that the two
// formats cannot drift apart.
//   cells:    one row per located canonical cell (`extract`), for loading
//             the figures of many reports into a database
//   findings: one row per finding, with the report's agency, year, title,
//             and the location split into its parts
//   summary:  one row per input, clean and unreadable ones too
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "report/summary.h"
#include "rules/finding.h"
#include "segment/report.h"

namespace ogi {

struct Field {
  std::string text;               // as CSV writes it
  std::optional<double> number;   // a figure or count, for a spreadsheet's number cell
};
using TableRow = std::vector<Field>;

extern const std::vector<const char*> cell_columns, finding_columns, summary_columns;

std::vector<TableRow> cell_rows(const Report& report);
std::vector<TableRow> finding_rows(const Report& report, const std::vector<Finding>& findings);
TableRow summary_row(const ReportSummary& summary);

}  // namespace ogi
