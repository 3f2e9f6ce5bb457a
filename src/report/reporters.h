// Reporters format; they never decide anything. One reporter takes the
// results of a run in input order and writes them in one output format.
#pragma once

#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "rules/engine.h"
#include "rules/finding.h"
#include "segment/report.h"

namespace ogi {

class Reporter {
 public:
  virtual ~Reporter() = default;
  // Streaming reporters write each report on its own (text, JSON Lines,
  // CSV rows), so reports can be formatted in parallel and written in order.
  virtual bool streams() const { return true; }
  virtual void start() {}  // once, before the first report (a CSV header)
  // findings is null for `extract`.
  virtual void report(const Report& report, const std::vector<Finding>* findings) = 0;
  // An input that could not be checked: its error code (doc/input_error.h)
  // and message in the run's language.
  virtual void unreadable(const std::string& source, const std::string& code, const std::string& message) = 0;
  virtual void finish() {}
};

struct ReporterOptions {
  std::string format;      // text | json | csv | sarif | html | xlsx | docx (the DOCX with Word comments, in output_dir)
  bool extract = false;    // formatting `extract` results (cells), not findings
  std::string lang = "zh";
  // html: one page per report and index.html here; csv: findings.csv and summary.csv
  // (cells.csv for extract); xlsx: ogicheck.xlsx (needed)
  std::string output_dir;
  const std::vector<Rule>* rules = nullptr;  // sarif, docx: rule metadata (docx: fix texts and basis)
  bool summary = false;    // csv of `check`: one row per input instead of one per finding
  bool bom = false;        // csv on standard output: start with the UTF-8 BOM (--excel; always under output_dir)
};

// Null when the format is unknown (or xlsx without an output folder).
std::unique_ptr<Reporter> make_reporter(const ReporterOptions& options, std::ostream& out);

// Shared by reporters (and report/escape.h: what they do to quoted strings).
// "page 3:12:1", "paragraph 39"; in Chinese (lang "zh") "第 3 页:12:1", "第 39 段"
std::string location_text(const Report& report, const Span& span, const std::string& lang);

// What a person reads (the text and HTML views): the undecided places of one
// check (EXT-03 for ARI-01, …) as one line, at the first, with how many
// more (" (+N)"); the EXT-01 findings already say which cells. The machine
// formats keep one finding per place.
struct ShownFinding {
  const Finding* finding;
  std::string message;
};
std::vector<ShownFinding> grouped_for_reading(const std::vector<Finding>& findings);

// A reviewed finding's state as people read it: " 〔已复核：已接受 — 理由（复核人 日期）〕",
// empty when it was not reviewed.
std::string review_text(const Finding::Review& review, const std::string& lang);

// Every output is checked once written: a full disk, a read-only folder or
// a closed pipe throws InputError "write" naming `path`, which stops the run
// (a result not written must not pass for a clean one).
void ensure_written(std::ostream& out, const std::string& path);

}  // namespace ogi
