// kind stated-number: a number the text states (the pattern's first group:
// "3119", "1.2万", "二十六"; no group: none, 0) against what the report
// says elsewhere: `equals`, an XPath over the report model, or the sum of
// table cells named by the profile's IDs: table, rows (or the rows of one
// `group` of the profile, "（三）不予公开"), column (default total).
// `expect` decides each match with $stated and $expected (default: equal).
// Messages: {match}, {number} (stated), {expected}.
#include <algorithm>

#include "rules/kinds/kinds.h"

namespace ogi {

namespace {

std::vector<std::string> rows_named(const CheckSource& s, const Profile& profile, const TableSpec& table) {
  std::vector<std::string> rows = words_of(s.attr("rows"));
  if (const std::string group = s.attr("group"); !group.empty())
    for (const RowSpec& row : table.rows)
      if (row.group == group) rows.push_back(row.id);
  if (rows.empty()) s.fail("table=\"" + table.id + "\" needs rows or a group of the profile " + profile.id);
  for (const auto& id : rows)
    if (std::none_of(table.rows.begin(), table.rows.end(), [&](const RowSpec& row) { return row.id == id; }))
      s.fail("row \"" + id + "\" is no row of table " + table.id + " in profile " + profile.id + " (the IDs of rules/profiles)");
  return rows;
}

std::string sum_of_cells(const CheckSource& s, const Profile& profile, const TableSpec& table) {
  const std::string column = s.attr("column").empty() ? "total" : s.attr("column");
  if (table.column(column) == nullptr) s.fail("column \"" + column + "\" is no column of table " + table.id + " (the IDs of rules/profiles)");
  std::string sum;
  for (const auto& row : rows_named(s, profile, table))
    sum += (sum.empty() ? "" : " + ") + found_table(table.id) + "/" + row + "/*[@col='" + column + "']/@num";
  return sum;
}

}  // namespace

std::vector<Rule> read_stated_number(const CheckSource& s, Rule base) {
  base = std::move(read_pattern(s, std::move(base)).front());
  base.expect = s.attr("expect");
  if (const std::string equals = s.attr("equals"); !equals.empty()) {
    base.equals = equals;
    return {std::move(base)};
  }
  std::vector<Rule> out;
  for (const auto& [profile, table] : tables_named(s, base, s.attr("table"))) {
    Rule r = base;
    r.profiles = {profile->id};
    r.equals = sum_of_cells(s, *profile, *table);
    const std::string column = s.attr("column").empty() ? "total" : s.attr("column");
    for (const auto& row : rows_named(s, *profile, *table)) r.cells.push_back({table->id, row, column, std::nullopt, false});
    out.push_back(std::move(r));
  }
  if (out.empty()) s.fail("no profile it applies to has table " + s.attr("table"));
  return out;
}

}  // namespace ogi
