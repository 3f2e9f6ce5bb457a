#include <sstream>

#include "report/escape.h"
#include "report/place.h"
#include "report/reporters.h"

namespace ogi {

std::string location_text(const Report& report, const Span& span, const std::string& lang) {
  const bool zh = lang == "zh";
  std::ostringstream out;
  if (span.page) out << (zh ? "第 " : "page ") << span.page << (zh ? " 页" : "") << (span.line ? ":" : "");
  // DOCX has no lines: its locations count paragraphs and table rows
  if (span.line && report.format == "docx") out << (zh ? "第 " : "paragraph ") << span.line << (zh ? " 段" : "");
  else if (span.line) out << span.line << ':' << span.column;
  return out.str();
}

namespace {

const char* severity_word(Severity severity, const std::string& lang) {
  if (lang != "zh") return severity_name(severity);
  switch (severity) {
    case Severity::error: return "错误";
    case Severity::warning: return "警告";
    default: return "提示";
  }
}

// file:line:column: severity[RULE]: message, one line per finding: the file
// name and the message (it quotes the report) are printable(), so neither can
// end the line early or forge another.
class TextReporter : public Reporter {
 public:
  TextReporter(std::ostream& out, std::string lang) : out_(out), lang_(std::move(lang)) {}

  void report(const Report& report, const std::vector<Finding>* findings) override {
    if (!findings) return;
    // a person running it on one draft sees that it was checked (English keeps the silent Unix way)
    if (findings->empty() && lang_ == "zh") out_ << printable(report.source) << ": 未发现问题\n";
    for (const auto& [f, message] : grouped_for_reading(*findings)) {
      out_ << printable(report.source);
      if (const std::string where = location_text(report, f->location, lang_); !where.empty()) out_ << ':' << where;
      // A Word file has no lines: the place names the table row or the part.
      const std::string place = report.format == "docx" ? place_text(report, *f, lang_) : "";
      const std::string said = place.empty() ? message : place + (lang_ == "en" ? ": " : "：") + message;
      out_ << ": " << severity_word(f->severity, lang_) << '[' << f->rule << "]: " << printable(said + review_text(f->review, lang_)) << '\n';
    }
  }
  void unreadable(const std::string&, const std::string&, const std::string&) override {}  // said on stderr

 private:
  std::ostream& out_;
  std::string lang_;
};

}  // namespace

std::unique_ptr<Reporter> make_text_reporter(std::ostream& out, const std::string& lang) {
  return std::make_unique<TextReporter>(out, lang);
}

}  // namespace ogi
