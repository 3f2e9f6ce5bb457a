// CSV (RFC 4180, UTF-8): `extract` writes one row per canonical cell, for
// loading the figures of many reports into a spreadsheet or database;
// `check` writes one row per finding, or with --summary one row per input
// (clean and unreadable ones too), to rank the bodies of a region. Every
// field goes through csv_field (report/escape.h), internal ones too: one
// rule for all fields.
#include "report/escape.h"
#include "report/reporters.h"
#include "report/tables.h"

#include <filesystem>
#include <fstream>
#include <utility>

namespace ogi {

namespace {

// Excel on Chinese Windows reads a CSV without it as GBK.
constexpr const char* utf8_bom = "\xEF\xBB\xBF";

enum class CsvKind { cells, findings, summary };

class CsvReporter : public Reporter {
 public:
  CsvReporter(std::ostream& out, CsvKind kind, bool bom) : out_(out), kind_(kind), bom_(bom) {}

  void start() override {
    if (bom_) out_ << utf8_bom;
    const auto& columns = kind_ == CsvKind::cells ? cell_columns : kind_ == CsvKind::findings ? finding_columns : summary_columns;
    const char* separator = "";
    for (const char* name : columns) out_ << std::exchange(separator, ",") << name;
    out_ << "\r\n";
  }

  void report(const Report& report, const std::vector<Finding>* findings) override {
    if (!findings) return rows(cell_rows(report));
    if (kind_ == CsvKind::summary) return row(summary_row(summarize(report, *findings)));
    rows(finding_rows(report, *findings));
  }

  // In the summary a row of its own; in the others said on stderr.
  void unreadable(const std::string& source, const std::string& code, const std::string& message) override {
    if (kind_ == CsvKind::summary) row(summary_row(summarize_unreadable(source, code, message)));
  }

 private:
  void rows(const std::vector<TableRow>& all) {
    for (const auto& r : all) row(r);
  }
  void row(const TableRow& fields) {
    const char* separator = "";
    for (const auto& field : fields) out_ << std::exchange(separator, ",") << csv_field(field.text);
    out_ << "\r\n";
  }

  std::ostream& out_;
  CsvKind kind_;
  bool bom_;
};

// `--output DIR`: the files a spreadsheet user opens, side by side, each
// with the BOM: findings.csv and summary.csv for `check`, cells.csv for
// `extract`. Written as the results come, on the calling thread.
class CsvFolderReporter : public Reporter {
 public:
  CsvFolderReporter(const std::string& dir, bool extract) {
    for (const auto& [name, kind] : extract ? std::vector<std::pair<const char*, CsvKind>>{{"cells.csv", CsvKind::cells}}
                                            : std::vector<std::pair<const char*, CsvKind>>{{"findings.csv", CsvKind::findings},
                                                                                           {"summary.csv", CsvKind::summary}}) {
      auto& file = *files_.emplace_back(std::make_unique<File>(std::filesystem::path(dir) / name));
      file.reporter = std::make_unique<CsvReporter>(file.out, kind, true);
    }
  }
  bool streams() const override { return false; }
  void start() override { each([](Reporter& r) { r.start(); }); }
  void report(const Report& report, const std::vector<Finding>* findings) override {
    each([&](Reporter& r) { r.report(report, findings); });
  }
  void unreadable(const std::string& source, const std::string& code, const std::string& message) override {
    each([&](Reporter& r) { r.unreadable(source, code, message); });
  }

 private:
  struct File {
    explicit File(std::filesystem::path where) : path(std::move(where)), out(path, std::ios::binary) {}
    std::filesystem::path path;
    std::ofstream out;
    std::unique_ptr<Reporter> reporter;
  };
  template <class F>
  void each(F&& f) {
    for (auto& file : files_) {
      f(*file->reporter);
      ensure_written(file->out, file->path.string());
    }
  }
  std::vector<std::unique_ptr<File>> files_;  // each reporter writes to its file's stream: they stay put
};

}  // namespace

std::unique_ptr<Reporter> make_csv_reporter(std::ostream& out, const ReporterOptions& o) {
  if (!o.output_dir.empty()) return std::make_unique<CsvFolderReporter>(o.output_dir, o.extract);
  const CsvKind kind = o.extract ? CsvKind::cells : o.summary ? CsvKind::summary : CsvKind::findings;
  return std::make_unique<CsvReporter>(out, kind, o.bom);
}

}  // namespace ogi
