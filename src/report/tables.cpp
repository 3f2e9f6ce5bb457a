#include "report/tables.h"

#include "report/reporters.h"
#include "segment/values.h"

namespace ogi {

// findings: the first eleven columns as they always were; the report's
// agency, year and title and the location's parts came after them
const std::vector<const char*> cell_columns = {"source", "agency", "year", "table", "row", "col", "value"},
                               finding_columns = {"source",  "rule",     "severity", "location", "table",  "row",
                                                  "col",     "message",  "expected", "actual",   "fingerprint",
                                                  "agency",  "year",     "title",    "page",     "line",
                                                  "column",  "paragraph", "review",   "review_reason", "reviewer"},
                               summary_columns = {"source",   "agency", "year",     "title", "format",    "profile",
                                                  "status",   "errors", "warnings", "notes", "top_rules", "error",
                                                  "previous"};

namespace {

Field text(std::string s) { return {std::move(s), std::nullopt}; }
// 0 stands for none (no year, no page): an empty field
Field count(int n, bool zero_is_none = true) {
  if (n == 0 && zero_is_none) return {};
  return {std::to_string(n), n};
}

}  // namespace

std::vector<TableRow> cell_rows(const Report& report) {
  std::vector<TableRow> rows;
  for (const auto& t : report.tables)
    for (const auto& c : t.cells) {
      if (c.status == CellStatus::missing) continue;  // not located: no row
      const bool number = c.status == CellStatus::number;
      rows.push_back({text(report.source), text(report.agency), count(report.year), text(t.id), text(c.row), text(c.col),
                      number ? Field{number_text(c.value), c.value} : Field{}});
    }
  return rows;
}

std::vector<TableRow> finding_rows(const Report& report, const std::vector<Finding>& findings) {
  std::vector<TableRow> rows;
  // DOCX has no lines: its locations count paragraphs (as location_text says);
  // the location column keeps the English form in both languages: scripts split it
  const bool paragraphs = report.format == "docx";
  for (const auto& f : findings) {
    const Span& at = f.location;
    rows.push_back({text(report.source), text(f.rule), text(severity_name(f.severity)), text(location_text(report, at, "en")),
                    text(f.table), text(f.row), text(f.col), text(f.message), text(f.expected), text(f.actual),
                    text(f.fingerprint), text(report.agency), count(report.year), text(report.title), count(at.page),
                    paragraphs ? Field{} : count(at.line), paragraphs ? Field{} : count(at.column),
                    paragraphs ? count(at.line) : Field{}, text(f.review.state), text(f.review.reason),
                    text(f.review.reviewer)});
  }
  return rows;
}

TableRow summary_row(const ReportSummary& s) {
  const bool read = s.status != ReportStatus::unreadable;
  auto counted = [&](int level) { return read ? count(s.counts[level], false) : Field{}; };
  return {text(s.source), text(s.agency),           count(s.year), text(s.title), text(s.format), text(s.profile),
          text(status_name(s.status)), counted(2), counted(1),   counted(0),    text(top_rules(s)),
          text(read ? "" : s.error_code + ": " + s.error), text(s.previous)};
}

}  // namespace ogi
