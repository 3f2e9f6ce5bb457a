// kind cell: table cells that are not what a count must be. `is` lists the
// conditions: blank, placeholder ("/", "—"), text (not a number), fraction
// (a non-integer where the column is not a decimal amount), negative.
// per="row" makes one finding per row (its cells listed by the message),
// per="cell" (the default) one per cell, per="table" one per table (its rows
// listed). group-from="N": a table with N or more such rows is one per="table"
// finding, so per="row" keeps to tables with fewer (25 lines for one blank
// column hide the rest). `except-columns` leaves columns
// out (table 二's 增/减 of 2019 may be negative); `table` keeps to one.
#include <map>

#include "rules/kinds/kinds.h"

namespace ogi {

std::vector<Rule> read_cell(const CheckSource& s, Rule r) {
  static const std::map<std::string, std::string> cells = {
      {"blank", "blank"},
      {"placeholder", "placeholder"},
      {"text", "text"},
      {"fraction", "number[not(@decimal)][floor(@num) != @num]"},
      {"negative", "number[@num < 0]"},
  };
  std::string excluded;
  for (const auto& col : words_of(s.attr("except-columns"))) excluded += "[@col != '" + col + "']";
  const std::string table = s.attr("table").empty() ? "table" : "table[@id='" + s.attr("table") + "']";
  const std::string per = s.attr("per");
  const bool per_row = per == "row" || per == "table";
  std::string any;
  for (const auto& condition : words_of(s.attr("is"))) {
    const auto cell = cells.find(condition);
    if (cell == cells.end()) s.fail("is=\"" + condition + "\" is no cell condition (blank placeholder text fraction negative)");
    if (per_row) any += (any.empty() ? "" : " or ") + cell->second + excluded;
    else any += (any.empty() ? "" : " | ") + table + "/*/" + cell->second + excluded;
  }
  const std::string group_from = s.attr("group-from");
  const std::string rows_with = "*[" + any + "]";
  if (per == "table") r.context = table + "[count(" + rows_with + ") >= " + (group_from.empty() ? "1" : group_from) + "]";
  else if (per_row) r.context = table + "/" + rows_with + (group_from.empty() ? "" : "[count(../" + rows_with + ") < " + group_from + "]");
  else r.context = any;
  return {std::move(r)};
}

}  // namespace ogi
