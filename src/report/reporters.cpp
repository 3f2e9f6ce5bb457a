#include "report/reporters.h"

#include <map>

#include "doc/input_error.h"
#include "report/escape.h"

namespace ogi {

std::unique_ptr<Reporter> make_text_reporter(std::ostream& out, const std::string& lang);
std::unique_ptr<Reporter> make_json_reporter(std::ostream& out);
std::unique_ptr<Reporter> make_csv_reporter(std::ostream& out, const ReporterOptions& options);
std::unique_ptr<Reporter> make_sarif_reporter(std::ostream& out, const std::vector<Rule>& rules, const std::string& lang);
std::unique_ptr<Reporter> make_html_reporter(std::ostream& out, const std::string& output_dir, const std::string& lang);
std::unique_ptr<Reporter> make_xlsx_reporter(const ReporterOptions& options);
std::unique_ptr<Reporter> make_docx_reporter(const ReporterOptions& options);

std::unique_ptr<Reporter> make_reporter(const ReporterOptions& o, std::ostream& out) {
  if (o.format == "text") return make_text_reporter(out, o.lang);
  if (o.format == "json") return make_json_reporter(out);
  if (o.format == "csv") return make_csv_reporter(out, o);
  if (o.format == "sarif" && o.rules) return make_sarif_reporter(out, *o.rules, o.lang);
  if (o.format == "html") return make_html_reporter(out, o.output_dir, o.lang);
  if (o.format == "xlsx") return make_xlsx_reporter(o);
  if (o.format == "docx" && !o.output_dir.empty()) return make_docx_reporter(o);
  return nullptr;
}

std::string review_text(const Finding::Review& r, const std::string& lang) {
  if (r.state.empty()) return {};
  const bool en = lang == "en";
  const std::string state = r.state == "accepted"       ? (en ? "accepted" : "已接受")
                            : r.state == "not-a-defect" ? (en ? "not a defect" : "非问题")
                                                        : (en ? "marked fixed, still found" : "已标为已修改，但仍存在");
  const std::string who = r.reviewer + (r.date.empty() ? "" : " " + r.date);
  return en ? " [reviewed: " + state + " — " + r.reason + " (" + who + ")]" : " 〔已复核：" + state + " — " + r.reason + "（" + who + "）〕";
}

void ensure_written(std::ostream& out, const std::string& path) {
  if (out.flush()) return;
  throw InputError("write", "无法写入 " + printable(path), "cannot write " + printable(path));
}

std::vector<ShownFinding> grouped_for_reading(const std::vector<Finding>& findings) {
  std::map<std::pair<std::string, std::string>, std::size_t> first;  // (rule, undecided_of) → its line
  std::vector<int> more;
  std::vector<ShownFinding> shown;
  for (const auto& f : findings) {
    if (!f.undecided_of.empty()) {
      const auto [at, fresh] = first.emplace(std::make_pair(f.rule, f.undecided_of), shown.size());
      if (!fresh) {
        ++more[at->second];
        continue;
      }
    }
    shown.push_back({&f, f.message});
    more.push_back(0);
  }
  for (std::size_t i = 0; i < shown.size(); ++i)
    if (more[i] > 0) shown[i].message += " (+" + std::to_string(more[i]) + ")";
  return shown;
}

}  // namespace ogi
