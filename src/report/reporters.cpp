#include "report/reporters.h"

#include "doc/input_error.h"
#include "report/escape.h"

namespace ogi {

std::unique_ptr<Reporter> make_text_reporter(std::ostream& out);
std::unique_ptr<Reporter> make_json_reporter(std::ostream& out);
std::unique_ptr<Reporter> make_csv_reporter(std::ostream& out, bool extract);
std::unique_ptr<Reporter> make_sarif_reporter(std::ostream& out, const std::vector<Rule>& rules, const std::string& lang);
std::unique_ptr<Reporter> make_html_reporter(std::ostream& out, const std::string& output_dir, const std::string& lang);

std::unique_ptr<Reporter> make_reporter(const ReporterOptions& o, std::ostream& out) {
  if (o.format == "text") return make_text_reporter(out);
  if (o.format == "json") return make_json_reporter(out);
  if (o.format == "csv") return make_csv_reporter(out, o.extract);
  if (o.format == "sarif" && o.rules) return make_sarif_reporter(out, *o.rules, o.lang);
  if (o.format == "html") return make_html_reporter(out, o.output_dir, o.lang);
  return nullptr;
}

void ensure_written(std::ostream& out, const std::string& path) {
  if (out.flush()) return;
  throw InputError("write", "无法写入 " + printable(path), "cannot write " + printable(path));
}

}  // namespace ogi
