#include "report/reporters.h"

namespace ogi {

void write_text(std::ostream& out, const Report& report, const std::vector<Finding>& findings) {
  for (const auto& f : findings) {
    out << report.source;
    if (f.location.page) out << ":page " << f.location.page;
    // DOCX has no lines: its locations count paragraphs and table rows
    if (f.location.line && report.format == "docx") out << ":paragraph " << f.location.line;
    else if (f.location.line) out << ':' << f.location.line << ':' << f.location.column;
    out << ": " << severity_name(f.severity) << '[' << f.rule << "]: " << f.message << '\n';
  }
}

}  // namespace ogi
