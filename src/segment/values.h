// What a printed table cell holds.
#pragma once

#include <string>
#include <string_view>

#include "segment/report.h"

namespace ogi {

// What a cell's column holds: counts, 万元 amounts, or not known (a cell
// that may be either, when telling figures from labels).
enum class ColumnKind { count, amount, any };

// How a number was read beyond plain digits: the unit printed after it
// ("件", "元"; an amount's is converted to 万元), and whether it was written
// in Chinese numerals ("十二"). The rules warn about both.
struct CellReading {
  std::string unit;
  bool chinese_numeral = false;
};

// A cell read for its column: a count may end in 件/项/个/条/次 or be written
// in Chinese numerals, an amount may end in 万元/万/元/千元/亿元.
CellStatus read_cell(std::string_view printed, ColumnKind kind, double& value, CellReading& reading);

// number: "3001", "1,234", "96171.6", "22（其中修订 16 件）" (a note after the
// figure); placeholder: / - — 无 N/A 不适用; blank: nothing; text: anything else.
// A figure with any unit reads as a number (read_cell of ColumnKind::any).
CellStatus classify_cell(std::string_view printed, double& value);

// A figure as the outputs write it: integers without a point, decimals
// without trailing zeros ("96171.6", "24252.311082").
std::string number_text(double value);

inline bool is_value_like(std::string_view printed) {
  double v;
  const CellStatus s = classify_cell(printed, v);
  return s == CellStatus::number || s == CellStatus::placeholder;
}

}  // namespace ogi
