// The grid one table may create: HTML and DOCX spans, and text rows, turn a
// few bytes into many cells, so each table gets limits::table_cells (its
// rows count too, so that empty rows are bounded as well). Past it the
// table's cells are dropped and the table is marked clamped.
#pragma once

#include <cstddef>
#include <utility>
#include <string>

#include "doc/document.h"
#include "doc/input_error.h"
#include "doc/limits.h"

namespace ogi {

class TableBudget {
 public:
  // A new document: its tables and blocks start from nothing (extract_file calls it).
  static void start_document() { document_used_ = 0, blocks_used_ = 0; }
  // One more block (paragraph, table, image) of the document: past
  // limits::document_blocks the input is an error (a 20 MB file of short
  // lines would otherwise be ten million blocks).
  static void take_block() {
    if (++blocks_used_ <= limits::document_blocks) return;
    const std::string n = std::to_string(limits::document_blocks);
    throw InputError("limit", "文件中的段落和表格超过 " + n + " 个，无法读取", "the file has more than " + n + " paragraphs and tables");
  }
  // Whether one more cell or row fits; when not, the table is clamped.
  // Past limits::document_cells for all tables, the input is an error.
  bool take(Block& table) {
    if (++document_used_ > limits::document_cells) {
      const std::string n = std::to_string(limits::document_cells);
      throw InputError("limit", "文件中的表格单元格超过 " + n + " 个，无法读取", "the file's tables have more than " + n + " cells");
    }
    if (used_ < limits::table_cells) {
      ++used_;
      return true;
    }
    table.clamped = true;
    return false;
  }

 private:
  std::size_t used_ = 0;
  // Each thread reads one document at a time.
  static inline thread_local std::size_t document_used_ = 0, blocks_used_ = 0;
};

// Every extractor adds its blocks through this, so the document's budget
// of blocks holds for all formats.
inline Block& add_block(Document& doc, Block&& block) {
  TableBudget::take_block();
  return doc.blocks.emplace_back(std::move(block));
}

}  // namespace ogi
