// What a printed table cell holds.
#pragma once

#include <string>
#include <string_view>

#include "segment/report.h"

namespace ogi {

// number: "3001", "1,234", "96171.6", "22（其中修订 16 件）" (a note after the
// figure); placeholder: / - — 无 N/A 不适用; blank: nothing; text: anything else.
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
