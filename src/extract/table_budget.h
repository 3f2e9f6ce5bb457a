// The grid one table may create: HTML and DOCX spans, and text rows, turn a
// few bytes into many cells, so each table gets limits::table_cells (its
// rows count too, so that empty rows are bounded as well). Past it the
// table's cells are dropped and the table is marked clamped.
#pragma once

#include <cstddef>

#include "doc/document.h"
#include "doc/limits.h"

namespace ogi {

class TableBudget {
 public:
  // Whether one more cell or row fits; when not, the table is clamped.
  bool take(Block& table) {
    if (used_ < limits::table_cells) {
      ++used_;
      return true;
    }
    table.clamped = true;
    return false;
  }

 private:
  std::size_t used_ = 0;
};

}  // namespace ogi
