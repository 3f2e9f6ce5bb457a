#include "report/place.h"

#include <algorithm>

namespace ogi {

namespace {

const PartResult* part_named(const Report& report, const std::string& id) {
  const auto p = std::find_if(report.parts.begin(), report.parts.end(), [&](const PartResult& x) { return x.id == id; });
  return p == report.parts.end() ? nullptr : &*p;
}

// 表三“（三）不予公开 3.…”行“自然人”列: tables are numbered by their part
// (二, 三, 四), the row and column named as printed.
std::string row_place(const Report& report, const TableResult& table, const RowResult& row, const std::string& col,
                      const std::string& lang) {
  const PartResult* part = part_named(report, table.part);
  const std::string ordinal = part ? part->ordinal_expected : "";
  const std::string label = row.printed.empty() ? row.label : row.printed;
  const auto column = std::find_if(table.columns.begin(), table.columns.end(), [&](const auto& c) { return c.first == col; });
  const std::string column_label = column == table.columns.end() ? "" : column->second;
  if (lang == "en") return "table " + ordinal + ", row “" + label + "”" + (column_label.empty() ? "" : ", column “" + column_label + "”");
  return "表" + ordinal + "“" + label + "”行" + (column_label.empty() ? "" : "“" + column_label + "”列");
}

// The arithmetic messages begin with their table (表三“自然人”列…, Table 3,
// row …): a place before them would say it twice.
bool names_its_table(const std::string& message) {
  for (const char* table : {"表二", "表三", "表四", "Table 2", "Table 3", "Table 4"})
    if (message.starts_with(table)) return true;
  return false;
}

}  // namespace

std::string place_text(const Report& report, const Finding& f, const std::string& lang) {
  if (!f.table.empty() && !f.row.empty() && !names_its_table(f.message)) {
    const auto table = std::find_if(report.tables.begin(), report.tables.end(), [&](const TableResult& t) { return t.id == f.table; });
    if (table != report.tables.end()) {
      const auto row = std::find_if(table->rows.begin(), table->rows.end(), [&](const RowResult& r) { return r.id == f.row; });
      if (row != table->rows.end() && row->match != RowMatch::missing) return row_place(report, *table, *row, f.col, lang);
    }
  }
  const PartResult* part = f.part.empty() ? nullptr : part_named(report, f.part);
  if (part == nullptr || !part->found || part->heading.empty()) return {};
  return lang == "en" ? "under “" + part->heading + "”" : "“" + part->heading + "”部分";
}

}  // namespace ogi
