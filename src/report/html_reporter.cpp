// A self-contained HTML page per report (inline CSS, no external requests):
// the three tables as grids with the cells that findings are about marked,
// every finding linked to its cell or part. For several reports, an index
// page with one sortable row per report.
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
#include "report/reporters.h"
#include "report/sha256.h"
#include "segment/values.h"

namespace ogi {
namespace {

struct Words {
  const char *findings, *parts, *found, *missing, *errors, *warnings, *notes, *none, *report, *agency, *year,
      *format, *unreadable, *row;
};
const Words zh{"检查结果", "各部分", "已找到", "缺失", "错误", "警告", "提示", "未发现问题", "报告", "机关", "年度", "格式", "无法读取", "行"};
const Words en{"Findings", "Parts", "found", "missing", "errors", "warnings", "notes", "No findings", "Report", "Agency", "Year", "Format", "unreadable", "Row"};

const char* const style = R"(<style>
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
</style>)";

// The index page's column sort: numbers as numbers, text as text. A click
// handler set here, not onclick attributes: the policy allows this script
// by its hash, and a hash does not cover inline handlers.
const char* const sort_script = R"(
function sortBy(th,i){const b=document.querySelector('#reports tbody'),d=th.dataset.d=th.dataset.d==='a'?'d':'a',
n=s=>s!==''&&!isNaN(s);
[...b.rows].sort((x,y)=>{const p=x.cells[i].innerText,q=y.cells[i].innerText,r=n(p)&&n(q)?p-q:p.localeCompare(q,'zh');
return d==='a'?r:-r}).forEach(r=>b.appendChild(r));}
document.querySelectorAll('#reports th').forEach((th,i)=>th.addEventListener('click',()=>sortBy(th,i)));
)";

// <head> up to the title: nothing loads from anywhere, no script runs
// unless its hash is given, no <base> or form can redirect.
std::string head(const std::string& lang, const std::string& script_hash = {}) {
  const std::string script = script_hash.empty() ? "" : "; script-src 'sha256-" + script_hash + "'";
  return "<!DOCTYPE html><html lang=\"" + html_attr(lang) +
         "\"><head><meta charset=\"utf-8\"><meta http-equiv=\"Content-Security-Policy\" content=\"" +
         html_attr("default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'" +
                   script) +
         "\">";
}

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
    Row row{report.source, report.agency, report.year, report.format, 0, 0, {}};
    for (const auto& f : fs) row.errors += f.severity == Severity::error, row.warnings += f.severity == Severity::warning;
    if (dir_.empty()) {
      page(out_, report, fs);
    } else {
      row.page = std::to_string(rows_.size() + 1) + "-" + file_token(std::filesystem::path(report.source).filename().string()) + ".html";
      const auto path = std::filesystem::path(dir_) / row.page;
      std::ofstream file(path);
      page(file, report, fs);
      ensure_written(file, path.string());
    }
    rows_.push_back(std::move(row));
  }

  void unreadable(const std::string& source, const std::string&, const std::string& message) override {
    rows_.push_back(Row{source, message, 0, w_.unreadable, -1, 0, {}});
  }

  bool streams() const override { return false; }

  void finish() override {
    if (dir_.empty()) return;
    const auto path = std::filesystem::path(dir_) / "index.html";
    std::ofstream index(path);
    static const std::string script_hash = sha256_base64(sort_script);
    index << head(lang_, script_hash) << "<title>ogicheck</title>" << style
          << "</head><body><h1>ogicheck</h1><table id=\"reports\"><thead><tr>";
    for (const char* h : {w_.report, w_.agency, w_.year, w_.format, w_.errors, w_.warnings})
      index << "<th>" << h << " ⇅</th>";
    index << "</tr></thead><tbody>\n";
    for (const auto& r : rows_) {
      // the page's name starts with a number: never a scheme like javascript:
      index << "<tr><td>"
            << (r.page.empty() ? html_text(r.source)
                               : "<a href=\"" + html_attr(uri_path(r.page)) + "\">" + html_text(r.source) + "</a>")
            << "</td><td>" << html_text(r.agency) << "</td><td>" << (r.year ? std::to_string(r.year) : "") << "</td><td>"
            << html_text(r.format) << "</td><td class=\"cell" << (r.errors > 0 ? " error" : "") << "\">"
            << (r.errors >= 0 ? std::to_string(r.errors) : "") << "</td><td class=\"cell" << (r.warnings ? " warning" : "")
            << "\">" << r.warnings << "</td></tr>\n";
    }
    index << "</tbody></table><script>" << sort_script << "</script></body></html>\n";
    ensure_written(index, path.string());
  }

 private:
  struct Row {
    std::string source, agency;
    int year;
    std::string format;
    int errors, warnings;
    std::string page;
  };

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
    out << head(lang_) << "<title>ogicheck: "
        << html_text(report.title.empty() ? report.source : report.title) << "</title>" << style << "</head><body>\n";
    out << "<h1>" << html_text(report.title.empty() ? report.source : report.title) << "</h1>\n<p class=\"meta\">"
        << html_text(report.source) << " · " << html_text(report.format) << " · " << html_text(report.profile)
        << (report.year ? " · " + std::to_string(report.year) : "") << "</p>\n";

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
      if (const std::string where = location_text(report, f.location); !where.empty())
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
  std::vector<Row> rows_;
};

}  // namespace

std::unique_ptr<Reporter> make_html_reporter(std::ostream& out, const std::string& output_dir, const std::string& lang) {
  return std::make_unique<HtmlReporter>(out, output_dir, lang);
}

}  // namespace ogi
