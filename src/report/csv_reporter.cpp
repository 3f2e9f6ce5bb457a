// CSV (RFC 4180, UTF-8): `extract` writes one row per canonical cell, for
// loading the figures of many reports into a spreadsheet or database;
// `check` writes one row per finding.
#include "report/reporters.h"
#include "segment/values.h"

namespace ogi {

std::string csv_field(const std::string& value) {
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string out = "\"";
  for (char c : value) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + '"';
}

namespace {

class CsvReporter : public Reporter {
 public:
  CsvReporter(std::ostream& out, bool extract) : out_(out), extract_(extract) {}

  void start() override {
    out_ << (extract_ ? "source,agency,year,table,row,col,value"
                      : "source,rule,severity,location,table,row,col,message,expected,actual,fingerprint")
         << "\r\n";
  }

  void report(const Report& report, const std::vector<Finding>* findings) override {
    if (!findings) return cells(report);
    for (const auto& f : *findings)
      out_ << csv_field(report.source) << ',' << f.rule << ',' << severity_name(f.severity) << ','
           << csv_field(location_text(report, f.location)) << ',' << f.table << ',' << f.row << ',' << f.col << ','
           << csv_field(f.message) << ',' << csv_field(f.expected) << ',' << csv_field(f.actual) << ','
           << f.fingerprint << "\r\n";
  }

  void unreadable(const std::string&, const std::string&, const std::string&) override {}  // said on stderr

 private:
  void cells(const Report& report) {
    for (const auto& t : report.tables)
      for (const auto& c : t.cells) {
        if (c.status == CellStatus::missing) continue;  // not located: no row
        out_ << csv_field(report.source) << ',' << csv_field(report.agency) << ','
             << (report.year ? std::to_string(report.year) : "") << ',' << t.id << ',' << c.row << ',' << c.col << ','
             << (c.status == CellStatus::number ? number_text(c.value) : "") << "\r\n";
      }
  }

  std::ostream& out_;
  bool extract_;
};

}  // namespace

std::unique_ptr<Reporter> make_csv_reporter(std::ostream& out, bool extract) {
  return std::make_unique<CsvReporter>(out, extract);
}

}  // namespace ogi
