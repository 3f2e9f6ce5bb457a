// The cells an arithmetic finding involves, and the one most likely wrong:
// a cell that breaks its row's identity and its column's alike (one row and
// one column of the table fail) is where a clerk looks first.
#include <algorithm>
#include <map>
#include <set>

#include "rules/engine.h"

namespace ogi {
namespace {

const Rule* identity_rule(const std::vector<Rule>& rules, const Report& report, const std::string& id) {
  const auto r = std::find_if(rules.begin(), rules.end(), [&](const Rule& rule) {
    return rule.id == id && rule.kind == "identity" && rule.applies_to(report);
  });
  return r == rules.end() ? nullptr : &*r;
}

bool per_row(const IdentitySpec& identity) { return identity.kind == "row-sum"; }

// Rows and columns of the identity the finding is about.
std::pair<std::vector<std::string>, std::vector<std::string>> involved(const IdentitySpec& identity, const Finding& f) {
  std::vector<std::string> lines = identity.kind == "column-balance" ? identity.left : identity.parts;
  if (identity.kind == "column-balance") lines.insert(lines.end(), identity.right.begin(), identity.right.end());
  else lines.push_back(identity.total);
  if (per_row(identity)) return {{f.row}, lines};
  return {lines, {f.col}};
}

// The suspect cell named as the clerk sees it: row label and column label.
std::string naming(const TableResult& t, const CellResult& cell, const std::string& lang) {
  const auto r = std::find_if(t.rows.begin(), t.rows.end(), [&](const RowResult& x) { return x.id == cell.row; });
  const auto c = std::find_if(t.columns.begin(), t.columns.end(), [&](const auto& x) { return x.first == cell.col; });
  const std::string row = r == t.rows.end() ? cell.row : r->label, col = c == t.columns.end() ? cell.col : c->second;
  return lang == "en" ? " Most likely wrong: row “" + row + "”, column “" + col + "” (" + cell.text +
                            "), which breaks both its row's and its column's identity."
                      : "最可能有误的是“" + row + "”行“" + col + "”列的单元格（" + cell.text +
                            "），它使所在行和所在列的勾稽关系都不成立。";
}

}  // namespace

void outline_identity_cells(const std::vector<Rule>& rules, const Report& report, const std::string& lang,
                            std::vector<Finding>& findings) {
  std::map<std::string, std::set<std::string>> failed_rows, failed_cols;  // by table
  std::vector<std::pair<Finding*, const Rule*>> arithmetic;
  for (Finding& f : findings) {
    const Rule* rule = f.table.empty() ? nullptr : identity_rule(rules, report, f.rule);
    if (rule == nullptr) continue;
    arithmetic.push_back({&f, rule});
    (per_row(rule->identity) ? failed_rows[f.table] : failed_cols[f.table]).insert(per_row(rule->identity) ? f.row : f.col);
  }
  for (const auto& entry : arithmetic) {
    Finding* f = entry.first;  // not a structured binding: clang 14 cannot capture one in the lambda below
    const Rule* rule = entry.second;
    const auto table = std::find_if(report.tables.begin(), report.tables.end(), [&](const TableResult& t) { return t.id == f->table; });
    if (table == report.tables.end()) continue;
    const auto& rows = failed_rows[f->table];
    const auto& cols = failed_cols[f->table];
    const bool one_crossing = rows.size() == 1 && cols.size() == 1;
    const auto [lines, columns] = involved(rule->identity, *f);
    for (const auto& row : lines)
      for (const auto& col : columns) {
        const auto cell = std::find_if(table->cells.begin(), table->cells.end(),
                                       [&](const CellResult& c) { return c.row == row && c.col == col; });
        if (cell == table->cells.end()) continue;
        const bool suspect = one_crossing && row == *rows.begin() && col == *cols.begin();
        f->cells.push_back({f->table, row, col, cell->text, suspect});
        if (!suspect) continue;
        f->message += naming(*table, *cell, lang);
      }
  }
}

}  // namespace ogi
