// Plain-text reports: the sample's tab-separated tables, Markdown pipe tables
// from PDF-to-Markdown conversions, and single-line pages saved by archivers.
#include <string>
#include <vector>

#include "doc/limits.h"
#include "doc/utf8.h"
#include "extract/extract.h"
#include "extract/budget.h"

namespace ogi {
namespace {

std::string trim(std::string_view s) {
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f'; };
  std::size_t b = 0, e = s.size();
  while (b < e && is_space(s[b])) ++b;
  while (e > b && is_space(s[e - 1])) --e;
  return std::string(s.substr(b, e - b));
}

// A line this long is no paragraph an author typed but a whole page an
// archiver saved on one line (its spaces stand for the page's layout).
constexpr std::size_t run_together_line_bytes = 3000;

bool is_pipe_row(const std::string& t) { return t.size() >= 2 && t.front() == '|' && t.back() == '|'; }

bool is_pipe_separator(const std::string& t) {
  return is_pipe_row(t) && t.find_first_not_of("|-: ") == std::string::npos;
}

// Cells between separators, each with its column in the line (counted on
// from the previous cell: a line of 200,000 cells is read once), as far as
// the table's budget goes.
std::vector<Cell> split_cells(std::string_view line, char sep, int line_no, std::size_t first,
                              std::size_t last, Block& table, TableBudget& budget) {
  std::vector<Cell> cells;
  std::size_t start = first;
  int column = code_points_before(line, first) + 1;
  while (start <= last && budget.take(table)) {
    std::size_t stop = line.find(sep, start);
    if (stop == std::string_view::npos || stop > last) stop = last;
    Cell cell;
    cell.text = trim(line.substr(start, stop - start));
    cell.span.line = line_no;
    cell.span.column = column;
    cells.push_back(std::move(cell));
    if (stop == last) break;
    column += code_points_before(line.substr(start), stop + 1 - start);
    start = stop + 1;
  }
  return cells;
}

}  // namespace

Document extract_text(std::string_view utf8, const std::string& source) {
  Document doc;
  doc.source = source;
  doc.format = "text";
  Block* table = nullptr;  // the table block being extended, if any
  TableBudget budget;      // of that table
  int line_no = 0;
  std::size_t pos = 0;
  while (pos <= utf8.size()) {
    std::size_t nl = utf8.find('\n', pos);
    if (nl == std::string_view::npos) nl = utf8.size();
    std::string_view raw = utf8.substr(pos, nl - pos);
    if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
    ++line_no;
    pos = nl + 1;
    limits::check_deadline();

    const std::string t = trim(raw);
    if (t.empty()) {
      table = nullptr;
      continue;
    }
    if (is_pipe_separator(t)) continue;
    const bool pipe = is_pipe_row(t);
    if (pipe || t.size() > run_together_line_bytes) doc.converted = true;
    const bool tsv = raw.find('\t') != std::string_view::npos;
    if (pipe || tsv) {
      if (table == nullptr) {
        add_block(doc, Block{BlockKind::table, {}, {}, Span{0, line_no, 1}});
        table = &doc.blocks.back();
        budget = {};
      }
      if (!budget.take(*table)) continue;  // the row itself
      if (pipe) {
        const std::size_t open = raw.find('|');
        const std::size_t close = raw.rfind('|');
        table->rows.push_back(split_cells(raw, '|', line_no, open + 1, close, *table, budget));
      } else {
        table->rows.push_back(split_cells(raw, '\t', line_no, 0, raw.size(), *table, budget));
      }
      continue;
    }
    table = nullptr;
    const std::size_t lead = raw.find_first_not_of(" \t\f");
    add_block(doc, 
        Block{BlockKind::paragraph, t, {}, Span{0, line_no, code_points_before(raw, lead) + 1}});
  }
  return doc;
}

}  // namespace ogi
