// The index page of `check --format html --output DIR`: a supervisor's
// dashboard over the batch. When it ran and over how many inputs, totals,
// findings by rule and by agency as bar charts (inline SVG), and one row per
// report, worst first: unreadable and unchecked reports lead, since a report
// nobody could check is no clean report. A search box and a filter narrow
// the rows, a click on a header sorts them. Self-contained like the pages
// (html_reporter.cpp): no request leaves the page, its one script runs by
// its hash, and it prints without the controls.
#include <algorithm>
#include <cstdio>
#include <map>

#include "report/escape.h"
#include "report/html.h"

namespace ogi {
namespace {

// Bars a chart shows at most: the rest are summed up in a line under it.
constexpr std::size_t chart_bars = 20;
// Characters of a bar's label; longer agency names are cut with "…".
constexpr std::size_t label_chars = 16;
// Chart geometry in CSS pixels: the label column, the longest bar, one bar's row.
constexpr int label_width = 230, bar_width = 430, bar_row = 22;

struct Words {
  const char *title, *run_at, *inputs, *reports, *checked, *unchecked, *unreadable, *with_problems, *errors, *warnings,
      *notes, *by_rule, *by_agency, *report, *agency, *year, *format, *status, *top_rules, *search, *all, *problems,
      *with_errors, *clean, *shown, *no_agency, *none;
  const char* more;  // printf: the bars not shown, their findings
};
const Words zh{"政府信息公开工作年度报告检查汇总", "检查时间", "输入", "报告", "已检查", "未按现行格式检查", "无法读取", "有问题",
               "错误", "警告", "提示", "各规则的问题数", "各机关的问题数（按错误数排序）", "报告", "机关", "年度", "格式", "状态", "主要规则",
               "搜索", "全部", "有问题", "有错误", "未发现问题", "显示", "（未识别机关）", "没有问题", "其余 %zu 项，合计 %d"};
const Words en{"Government information disclosure annual reports: check summary", "Checked at", "inputs", "Reports",
               "checked", "not in a checked format", "unreadable", "with problems", "errors", "warnings", "notes",
               "Findings by rule", "Findings by agency (most errors first)", "Report", "Agency", "Year", "Format", "Status", "Top rules",
               "Search", "all", "with problems", "with errors", "clean", "shown", "(agency not identified)",
               "No findings", "%zu more, %d in all"};

const char* const index_style = R"(<style>
.totals{display:flex;flex-wrap:wrap;gap:8px;margin:12px 0}.totals div{border:1px solid #ccc;border-radius:4px;padding:6px 12px;min-width:6em}
.totals b{display:block;font-size:22px}.totals .bad{border-color:#c00;color:#a00}
svg.chart text{font-size:12px;fill:#222}svg.chart rect.error{fill:#d44}svg.chart rect.warning{fill:#e8a317}svg.chart rect.info{fill:#79b}
.key{display:inline-block;width:10px;height:10px;margin:0 4px 0 12px}.key.error{background:#d44}.key.warning{background:#e8a317}
.key.info{background:#79b}.controls{margin:8px 0}.controls input{width:18em}td.status-unreadable,td.status-unchecked{background:#fdd;font-weight:bold}
td.why{font-weight:normal;color:#700}.sort{color:#999}
#reports td:first-child{word-break:break-all;max-width:26em}#reports td:nth-child(2){min-width:7em}#reports td:nth-child(4){white-space:nowrap}
@media print{.controls,.sort{display:none}body{margin:0}a{color:inherit;text-decoration:none}tr,svg,.totals{break-inside:avoid}
#reports td,#reports th{font-size:10px;padding:2px 4px}}
</style>)";

// Filter and search over the rows, and the column sort (numbers as numbers;
// a cell's data-k, when it has one, is what it sorts by). Handlers are set
// here, not in attributes: the policy allows this script by its hash, and a
// hash does not cover inline handlers.
const char* const index_script_text = R"(
const q=document.getElementById('q'),f=document.getElementById('f'),shown=document.getElementById('shown'),
body=document.querySelector('#reports tbody');
function filter(){const t=q.value.trim().toLowerCase(),v=f.value;let k=0;
for(const r of body.rows){const ok=(!t||r.textContent.toLowerCase().includes(t))&&(!v||r.dataset.tags.split(' ').includes(v));
r.hidden=!ok;k+=ok}shown.textContent=k}
q.addEventListener('input',filter);f.addEventListener('change',filter);
function sortBy(th,i){const d=th.dataset.d=th.dataset.d==='a'?'d':'a',n=s=>s!==''&&!isNaN(s),
key=r=>r.cells[i].dataset.k??r.cells[i].innerText;
[...body.rows].sort((x,y)=>{const p=key(x),q=key(y),r=n(p)&&n(q)?p-q:p.localeCompare(q,'zh');
return d==='a'?r:-r}).forEach(r=>body.appendChild(r))}
document.querySelectorAll('#reports th').forEach((th,i)=>th.addEventListener('click',()=>sortBy(th,i)));
)";
}  // namespace

// The policy's hash of the script (SHA-256, base64), written here rather
// than computed at each start: hashing needs OpenSSL, whose loading would
// cost every run of ogicheck 0.5 ms. A test recomputes it (tests/test_report.cpp),
// so an edited script with a stale hash fails the suite, not the page.
const char* const index_script = index_script_text;
const char* const index_script_sha256 = "SOUt/dtEPxK14pGw5a7GqzSaqPu1kspETGXdovswpAc=";

namespace {


// At most `chars` characters of s (UTF-8), "…" when cut.
std::string shorten(const std::string& s, std::size_t chars) {
  std::size_t at = 0, count = 0;
  while (at < s.size() && count < chars) {
    ++at, ++count;
    while (at < s.size() && (static_cast<unsigned char>(s[at]) & 0xC0) == 0x80) ++at;
  }
  return at < s.size() ? s.substr(0, at) + "…" : s;
}

struct Bar {
  std::string label;
  int counts[3] = {0, 0, 0};  // stacked: errors, then warnings, then notes
  int total() const { return counts[0] + counts[1] + counts[2]; }
};

// A horizontal bar chart, longest first, or (errors_first) most errors
// first, then most warnings: the bars past chart_bars are summed in one
// line below it.
void bar_chart(std::ostream& out, std::vector<Bar> bars, bool errors_first, const Words& w) {
  auto key = [errors_first](const Bar& b) { return std::make_tuple(errors_first ? b.counts[2] : b.total(), b.counts[2], b.counts[1]); };
  std::stable_sort(bars.begin(), bars.end(), [&](const Bar& a, const Bar& b) { return key(a) > key(b); });
  if (bars.empty()) {
    out << "<p>" << w.none << "</p>\n";
    return;
  }
  const std::size_t shown = std::min(bars.size(), chart_bars);
  int longest = 1;
  for (std::size_t i = 0; i < shown; ++i) longest = std::max(longest, bars[i].total());
  const int height = static_cast<int>(shown) * bar_row + 4, width = label_width + bar_width + 60;
  out << "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"" << width << "\" height=\"" << height
      << "\" viewBox=\"0 0 " << width << ' ' << height << "\">\n";
  for (std::size_t i = 0; i < shown; ++i) {
    const Bar& b = bars[i];
    const int y = static_cast<int>(i) * bar_row + 2;
    out << "<g><title>" << html_text(b.label) << ": " << b.counts[2] << ' ' << w.errors << ", " << b.counts[1] << ' '
        << w.warnings << ", " << b.counts[0] << ' ' << w.notes << "</title><text x=\"" << label_width - 8 << "\" y=\""
        << y + 15 << "\" text-anchor=\"end\">" << html_text(shorten(b.label, label_chars)) << "</text>";
    int x = label_width;
    for (int level = 2; level >= 0; --level) {
      if (!b.counts[level]) continue;
      const int length = std::max(1, b.counts[level] * bar_width / longest);
      out << "<rect class=\"" << severity_name(static_cast<Severity>(level)) << "\" x=\"" << x << "\" y=\"" << y + 3
          << "\" width=\"" << length << "\" height=\"" << bar_row - 6 << "\"/>";
      x += length;
    }
    out << "<text x=\"" << x + 6 << "\" y=\"" << y + 15 << "\">" << b.total() << "</text></g>\n";
  }
  out << "</svg>\n";
  if (shown < bars.size()) {
    int rest = 0;
    for (std::size_t i = shown; i < bars.size(); ++i) rest += bars[i].total();
    char line[96];
    std::snprintf(line, sizeof line, w.more, bars.size() - shown, rest);
    out << "<p class=\"meta\">" << line << "</p>\n";
  }
}

std::vector<Bar> by_rule(const std::vector<IndexRow>& rows) {
  std::map<std::string, Bar> bars;
  for (const auto& r : rows)
    for (const auto& rule : r.summary.rules) {
      Bar& b = bars[rule.rule];
      b.label = rule.rule;
      b.counts[static_cast<int>(rule.severity)] += rule.findings;
    }
  std::vector<Bar> out;
  for (auto& [id, bar] : bars) out.push_back(std::move(bar));
  return out;
}

// Every agency's reports together (several years of one body add up);
// unreadable reports have no agency, and are in the totals instead.
std::vector<Bar> by_agency(const std::vector<IndexRow>& rows, const Words& w) {
  std::map<std::string, Bar> bars;
  for (const auto& r : rows) {
    if (r.summary.status == ReportStatus::unreadable) continue;
    const std::string name = r.summary.agency.empty() ? w.no_agency : r.summary.agency;
    Bar& b = bars[name];
    b.label = name;
    for (int level = 0; level < 3; ++level) b.counts[level] += r.summary.counts[level];
  }
  std::vector<Bar> out;
  for (auto& [name, bar] : bars)
    if (bar.total() > 0) out.push_back(std::move(bar));
  return out;
}

void totals(std::ostream& out, const std::vector<IndexRow>& rows, const Words& w) {
  int status[3] = {0, 0, 0}, problems = 0, counts[3] = {0, 0, 0};
  for (const auto& r : rows) {
    ++status[static_cast<int>(r.summary.status)];
    problems += r.summary.problem();
    for (int level = 0; level < 3; ++level) counts[level] += r.summary.counts[level];
  }
  auto box = [&](const char* label, std::size_t n, bool bad) {
    out << "<div" << (bad && n > 0 ? " class=\"bad\"" : "") << "><b>" << n << "</b>" << label << "</div>";
  };
  out << "<div class=\"totals\">";
  box(w.reports, rows.size(), false);
  box(w.checked, static_cast<std::size_t>(status[0]), false);
  box(w.unchecked, static_cast<std::size_t>(status[1]), true);
  box(w.unreadable, static_cast<std::size_t>(status[2]), true);
  box(w.with_problems, static_cast<std::size_t>(problems), true);
  box(w.errors, static_cast<std::size_t>(counts[2]), true);
  box(w.warnings, static_cast<std::size_t>(counts[1]), false);
  box(w.notes, static_cast<std::size_t>(counts[0]), false);
  out << "</div>\n";
}

// The words a row is found by in the filter: its status, and what it has.
std::string tags(const ReportSummary& s) {
  std::string out = status_name(s.status);
  if (s.problem()) out += " problem";
  else out += " clean";
  if (s.counts[2] > 0) out += " errors";
  return out;
}

void report_row(std::ostream& out, const IndexRow& row, const Words& w) {
  const ReportSummary& s = row.summary;
  const bool unreadable = s.status == ReportStatus::unreadable;
  const char* status = s.status == ReportStatus::checked ? w.checked : unreadable ? w.unreadable : w.unchecked;
  // the page's name starts with a number: never a scheme like javascript:
  out << "<tr data-tags=\"" << tags(s) << "\"><td>"
      << (row.page.empty() ? html_text(s.source)
                           : "<a href=\"" + html_attr(uri_path(row.page)) + "\">" + html_text(s.source) + "</a>")
      << "</td><td>" << html_text(s.agency) << "</td><td>" << (s.year ? std::to_string(s.year) : "") << "</td><td>"
      << html_text(s.format) << (s.profile.empty() ? "" : " " + html_text(s.profile)) << "</td>";
  // sorted by its rank, so that a click on the header puts the worst first or last
  out << "<td class=\"status-" << status_name(s.status) << "\" data-k=\"" << static_cast<int>(s.status) << "\">" << status;
  if (unreadable) out << "<br><span class=\"why\">" << html_text(s.error) << "</span>";
  out << "</td>";
  for (int level = 2; level >= 0; --level) {
    const char* mark = level == 2 ? " error" : level == 1 ? " warning" : "";
    if (unreadable)  // worse than any count: sorts with the most
      out << "<td class=\"cell\" data-k=\"Infinity\">—</td>";
    else
      out << "<td class=\"cell" << (s.counts[level] ? mark : "") << "\">" << s.counts[level] << "</td>";
  }
  out << "<td>" << html_text(top_rules(s)) << "</td></tr>\n";
}

}  // namespace

void write_index(std::ostream& out, std::vector<IndexRow> rows, const std::string& lang) {
  const Words& w = lang == "en" ? en : zh;
  std::stable_sort(rows.begin(), rows.end(), [](const IndexRow& a, const IndexRow& b) { return worse(a.summary, b.summary); });
  out << html_head(lang, index_script_sha256) << "<title>" << w.title << "</title>" << html_style << index_style
      << "</head><body>\n<h1>" << w.title << "</h1>\n<p class=\"meta\">" << w.run_at << ' ' << run_time() << " · "
      << rows.size() << ' ' << w.inputs << "</p>\n";
  totals(out, rows, w);
  out << "<p class=\"meta\">";  // the bars' colours
  for (int level = 2; level >= 0; --level)
    out << "<span class=\"key " << severity_name(static_cast<Severity>(level)) << "\"></span>"
        << (level == 2 ? w.errors : level == 1 ? w.warnings : w.notes);
  out << "</p>\n<h2>" << w.by_rule << "</h2>\n";
  bar_chart(out, by_rule(rows), false, w);
  out << "<h2>" << w.by_agency << "</h2>\n";
  bar_chart(out, by_agency(rows, w), true, w);
  out << "<h2>" << w.reports << "</h2>\n<p class=\"controls\"><label>" << w.search
      << " <input id=\"q\" type=\"search\"></label> <select id=\"f\"><option value=\"\">" << w.all
      << "</option><option value=\"problem\">" << w.problems << "</option><option value=\"unreadable\">" << w.unreadable
      << "</option><option value=\"unchecked\">" << w.unchecked << "</option><option value=\"errors\">" << w.with_errors
      << "</option><option value=\"clean\">" << w.clean << "</option></select> " << w.shown << " <span id=\"shown\">"
      << rows.size() << "</span></p>\n<table id=\"reports\"><thead><tr>";
  for (const char* h : {w.report, w.agency, w.year, w.format, w.status, w.errors, w.warnings, w.notes, w.top_rules})
    out << "<th>" << h << " <span class=\"sort\">⇅</span></th>";
  out << "</tr></thead><tbody>\n";
  for (const auto& row : rows) report_row(out, row, w);
  out << "</tbody></table><script>" << index_script << "</script></body></html>\n";
}

}  // namespace ogi
