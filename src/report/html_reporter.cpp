// A self-contained HTML page per report (inline CSS, no external requests):
// the three tables as grids with the cells that findings are about marked,
// every finding linked to its cell or part. For several reports, an index
// page over them (html_index.cpp), which each page links back to.
//
// Every string from a report or a file name is written through html_text or
// html_attr (report/escape.h), ids and fragments through html_id, and each
// page carries a Content-Security-Policy that runs no script but the index
// page's own sort script (allowed by its hash): escaping keeps markup out,
// the policy is the second wall if an escape were ever missed.
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "report/escape.h"
#include "report/html.h"
#include "report/reporters.h"
#include "segment/values.h"

namespace ogi {
namespace {

struct Words {
  const char *findings, *parts, *found, *missing, *none, *row, *index, *source, *previous;
};
const Words zh{"检查结果", "各部分", "已找到", "缺失", "未发现问题", "行", "汇总", "原文件", "对比的上年报告"};
const Words en{"Findings", "Parts", "found", "missing", "No findings", "Row", "Summary", "Original file", "compared with last year's"};

}  // namespace

const char* const html_style = R"(<style>
body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:24px;color:#222;line-height:1.5}
h1{font-size:20px}h2{font-size:16px;margin-top:28px}.meta{color:#555}
table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #999;padding:3px 6px;font-size:13px;vertical-align:top}
th{background:#f2f2f2;text-align:left;font-weight:normal}td.cell{text-align:right;min-width:3em}
td.na{background:#fafafa}td.missing{background:#eee;color:#888}
.error{background:#fdd}.warning{background:#fff2c6}.info{background:#e6f0ff}
td.error,td.warning,td.info{outline:2px solid #c00;font-weight:bold}td.warning{outline-color:#d90}td.info{outline-color:#46c}
li.error,li.warning,li.info{margin:2px 0;padding:2px 4px}li a{font-family:monospace}
.review{color:#063;font-size:12px}
.where{color:#666;font-size:12px}:target{box-shadow:0 0 0 3px #06c}#reports th{cursor:pointer}
nav{font-size:13px}@media print{nav{display:none}}
</style>)";

std::string html_head(const std::string& lang, const std::string& script_hash) {
  const std::string script = script_hash.empty() ? "" : "; script-src 'sha256-" + script_hash + "'";
  return "<!DOCTYPE html><html lang=\"" + html_attr(lang) +
         "\"><head><meta charset=\"utf-8\"><meta http-equiv=\"Content-Security-Policy\" content=\"" +
         html_attr("default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'" +
                   script) +
         "\">";
}

namespace {


// "kind-id-id…": canonical ids read as they are; an extra row's id is its
// printed label, which html_id makes inert.
std::string anchor(std::string_view kind, std::initializer_list<std::string_view> ids) {
  std::string out(kind);
  for (auto id : ids) out += "-" + html_id(id);
  return out;
}

std::string anchor(const Finding& f) {
  if (!f.col.empty()) return anchor("cell", {f.table, f.row, f.col});
  if (!f.row.empty()) return anchor("row", {f.table, f.row});
  if (!f.table.empty()) return anchor("table", {f.table});
  if (!f.part.empty()) return anchor("part", {f.part});
  return {};
}

class HtmlReporter : public Reporter {
 public:
  HtmlReporter(std::ostream& out, std::string dir, const std::string& lang)
      : out_(out), dir_(std::move(dir)), lang_(lang), w_(lang == "en" ? en : zh) {}

  void report(const Report& report, const std::vector<Finding>* findings) override {
    const std::vector<Finding> none;
    const auto& fs = findings ? *findings : none;
    if (dir_.empty()) return page(out_, report, fs);
    IndexRow row{summarize(report, fs),
                 std::to_string(rows_.size() + 1) + "-" + file_token(std::filesystem::path(report.source).filename().string()) + ".html"};
    const auto path = std::filesystem::path(dir_) / row.page;
    std::ofstream file(path);
    page(file, report, fs);
    ensure_written(file, path.string());
    rows_.push_back(std::move(row));
  }

  void unreadable(const std::string& source, const std::string& code, const std::string& message) override {
    rows_.push_back(IndexRow{summarize_unreadable(source, code, message), {}});
  }

  bool streams() const override { return false; }

  void finish() override {
    if (dir_.empty()) return;
    const auto path = std::filesystem::path(dir_) / "index.html";
    std::ofstream index(path);
    write_index(index, std::move(rows_), lang_);
    ensure_written(index, path.string());
  }

 private:
  // The original file from the output folder: a relative path, percent-encoded
  // (no scheme can come of it); none when the folder cannot be resolved.
  std::string source_link(const std::string& source) const {
    if (source.starts_with("http://") || source.starts_with("https://")) return uri_path(source);  // a scanned report
    std::error_code ec;
    const auto from = std::filesystem::absolute(dir_, ec);
    const auto to = std::filesystem::absolute(source, ec);
    if (ec) return {};
    return uri_path(to.lexically_relative(from).generic_string());
  }

  // Under --output: back to the index, and to the file the page is about.
  void navigation(std::ostream& out, const Report& report) const {
    if (dir_.empty()) return;
    out << "<nav><a href=\"index.html\">← " << w_.index << "</a>";
    if (const std::string link = source_link(report.source); !link.empty())
      out << " · <a class=\"source\" href=\"" << html_attr(link) << "\">" << w_.source << "</a>";
    out << "</nav>\n";
  }

  void page(std::ostream& out, const Report& report, const std::vector<Finding>& fs) {
    std::map<std::string, Severity> marked;  // anchor → worst severity
    std::map<std::string, std::string> tip;
    for (const auto& f : fs) {
      const std::string a = anchor(f);
      if (a.empty()) continue;
      auto [it, fresh] = marked.emplace(a, f.severity);
      if (!fresh && f.severity > it->second) it->second = f.severity;
      tip[a] += (tip[a].empty() ? "" : "\n") + f.rule + ": " + printable(f.message);  // a line per finding
    }
    auto mark = [&](const std::string& a) {
      auto it = marked.find(a);
      return it == marked.end() ? std::string() : std::string(" ") + severity_name(it->second);
    };
    auto title_of = [&](const std::string& a) {
      auto it = tip.find(a);
      return it == tip.end() ? std::string() : " title=\"" + html_attr(it->second) + "\"";
    };
    out << html_head(lang_) << "<title>ogicheck: "
        << html_text(report.title.empty() ? report.source : report.title) << "</title>" << html_style << "</head><body>\n";
    navigation(out, report);
    out << "<h1>" << html_text(report.title.empty() ? report.source : report.title) << "</h1>\n<p class=\"meta\">"
        << html_text(report.source) << " · " << html_text(report.format) << " · " << html_text(report.profile)
        << (report.year ? " · " + std::to_string(report.year) : "")
        << (report.previous.empty() ? "" : std::string(" · ") + w_.previous + " " + html_text(report.previous)) << "</p>\n";

    out << "<h2>" << w_.findings << "</h2>\n";
    if (fs.empty()) out << "<p>" << w_.none << "</p>\n";
    else out << "<ol class=\"findings\">\n";
    for (const auto& [finding, message] : grouped_for_reading(fs)) {
      const Finding& f = *finding;
      const std::string a = anchor(f);
      const std::string label = std::string(severity_name(f.severity)) + "[" + f.rule + "]";
      out << "<li class=\"" << severity_name(f.severity) << "\">"
          << (a.empty() ? html_text(label) : "<a href=\"#" + html_attr(a) + "\">" + html_text(label) + "</a>") << " "
          << html_text(message);
      if (const std::string where = location_text(report, f.location, "en"); !where.empty())
        out << " <span class=\"where\">" << html_text(where) << "</span>";
      if (const std::string state = review_text(f.review, lang_); !state.empty())
        out << " <span class=\"review\">" << html_text(state) << "</span>";
      out << "</li>\n";
    }
    if (!fs.empty()) out << "</ol>\n";

    out << "<h2>" << w_.parts << "</h2>\n<ul>\n";
    for (const auto& p : report.parts) {
      const std::string pa = anchor("part", {p.id});
      out << "<li id=\"" << html_attr(pa) << "\" class=\"" << mark(pa) << "\"" << title_of(pa) << ">"
          << html_text(p.ordinal_expected) << "、" << html_text(p.label) << " — "
          << (p.found ? std::string(w_.found) + "：“" + html_text(p.heading) + "”" : std::string(w_.missing)) << "</li>\n";
    }
    out << "</ul>\n";

    for (const auto& t : report.tables) {
      const std::string ta = anchor("table", {t.id});
      out << "<h2 id=\"" << html_attr(ta) << "\" class=\"" << mark(ta) << "\"" << title_of(ta) << ">" << html_text(t.caption)
          << (t.found ? "" : std::string(" — ") + w_.missing) << "</h2>\n<table class=\"grid\"><tr><th>" << w_.row << "</th>";
      for (const auto& [id, label] : t.columns) out << "<th>" << html_text(label) << "</th>";
      out << "</tr>\n";
      for (const auto& r : t.rows) {
        const std::string ra = anchor("row", {t.id, r.id});
        out << "<tr id=\"" << html_attr(ra) << "\"><th class=\"" << mark(ra) << "\"" << title_of(ra) << ">" << html_text(r.label) << "</th>";
        for (const auto& [col, label] : t.columns) {
          const CellResult* cell = nullptr;
          for (const auto& c : t.cells)
            if (c.row == r.id && c.col == col) cell = &c;
          if (!cell) {
            out << "<td class=\"na\"></td>";
            continue;
          }
          const std::string ca = anchor("cell", {t.id, r.id, col});
          const bool missing = cell->status == CellStatus::missing;
          out << "<td id=\"" << html_attr(ca) << "\" class=\"cell" << (missing ? " missing" : "") << mark(ca) << "\"" << title_of(ca) << ">"
              << (cell->status == CellStatus::number ? number_text(cell->value) : missing ? "?" : html_text(cell->text)) << "</td>";
        }
        out << "</tr>\n";
      }
      out << "</table>\n";
    }
    out << "</body></html>\n";
  }

  std::ostream& out_;
  std::string dir_, lang_;
  const Words& w_;
  std::vector<IndexRow> rows_;
};

}  // namespace

std::unique_ptr<Reporter> make_html_reporter(std::ostream& out, const std::string& output_dir, const std::string& lang) {
  return std::make_unique<HtmlReporter>(out, output_dir, lang);
}

}  // namespace ogi
