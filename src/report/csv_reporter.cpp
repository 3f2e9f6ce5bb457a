// CSV (RFC 4180, UTF-8): `extract` writes one row per canonical cell, for
// loading the figures of many reports into a spreadsheet or database;
// `check` writes one row per finding. Every field goes through csv_field
// (report/escape.h), internal ones too: one rule for all fields.
#include "report/escape.h"
#include "report/reporters.h"
#include "segment/values.h"

#include <utility>

namespace ogi {

namespace {

class CsvReporter : public Reporter {
 public:
  CsvReporter(std::ostream& out, bool extract) : out_(out), extract_(extract) {}

  void start() override {
    out_ << (extract_ ? "source,agency,year,table,row,col,value"
                      : "source,rule,severity,location,table,row,col,message,expected,actual,fingerprint,review,review_reason,reviewer")
         << "\r\n";
  }

  void report(const Report& report, const std::vector<Finding>* findings) override {
    if (!findings) return cells(report);
    for (const auto& f : *findings)
      row({report.source, f.rule, severity_name(f.severity), location_text(report, f.location), f.table, f.row, f.col,
           f.message, f.expected, f.actual, f.fingerprint, f.review.state, f.review.reason, f.review.reviewer});
  }

  void unreadable(const std::string&, const std::string&, const std::string&) override {}  // said on stderr

 private:
  void cells(const Report& report) {
    for (const auto& t : report.tables)
      for (const auto& c : t.cells) {
        if (c.status == CellStatus::missing) continue;  // not located: no row
        row({report.source, report.agency, report.year ? std::to_string(report.year) : "", t.id, c.row, c.col,
             c.status == CellStatus::number ? number_text(c.value) : ""});
      }
  }

  void row(std::initializer_list<std::string_view> fields) {
    const char* separator = "";
    for (auto field : fields) out_ << std::exchange(separator, ",") << csv_field(field);
    out_ << "\r\n";
  }

  std::ostream& out_;
  bool extract_;
};

}  // namespace

std::unique_ptr<Reporter> make_csv_reporter(std::ostream& out, bool extract) {
  return std::make_unique<CsvReporter>(out, extract);
}

}  // namespace ogi
