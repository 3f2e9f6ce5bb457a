// The document model every extractor produces: ordered blocks, each carrying
// where it came from in the source, so any finding can point back at it.
#pragma once

#include <string>
#include <vector>

namespace ogi {

// Where a piece of text sits in the input. Text and HTML use line:column
// (1-based, column in code points); PDF uses page (line then counts within it).
struct Span {
  int page = 0;
  int line = 0;
  int column = 0;
  // PDF only: the box on the page, in points from the top left.
  float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  // Read by OCR from a picture: Tesseract's confidence 0..100 (the lowest
  // of the text's pieces); -1: text the file itself holds.
  int ocr_confidence = -1;
};

// Tesseract's confidence (0..100) below which what OCR read is not trusted:
// not a figure (src/segment/tables.cpp), not a finding (src/rules/engine.cpp).
// A probe on real reports at 300 dpi: right digits read at 81-96, the wrong
// ones of a degraded scan mostly below 70.
inline constexpr int ocr_min_confidence = 70;
inline bool uncertain_ocr(const Span& s) { return s.ocr_confidence >= 0 && s.ocr_confidence < ocr_min_confidence; }

struct Cell {
  std::string text;
  Span span;
  int row_span = 1;
  int col_span = 1;
};

// image: a picture in the text flow (its alt text in `text`), kept so that
// a table published as a picture can be told from a missing table.
enum class BlockKind { paragraph, table, image };

struct Block {
  BlockKind kind = BlockKind::paragraph;
  std::string text;                     // paragraph text (UTF-8, as printed)
  std::vector<std::vector<Cell>> rows;  // table grid, one vector per row
  Span span;                            // the block's first position
  bool clamped = false;                 // table: cells past limits::table_cells were dropped
};

// DOCX: where a Word comment can be anchored in word/document.xml, as byte
// offsets: `begin` where the paragraph's content starts (after its w:pPr),
// `end` where its </w:p> starts. One per body paragraph (column 0) and per
// table cell (its first paragraph; column as in the cell's Span).
struct DocxPlace {
  int line = 0;
  int column = 0;
  std::size_t begin = 0, end = 0;
};

struct Document {
  std::string source;  // path as given
  std::string format;  // pdf | html | docx | text
  std::vector<Block> blocks;
  int pages = 0;                        // PDF: page count
  std::vector<int> pages_without_text;  // PDF: 1-based pages with no text layer
  std::string created;                  // PDF: creation date from the metadata, YYYY-MM-DD
  // Text and HTML: bytes that were not valid in the encoding read (a few
  // stray bytes in UTF-8, see decode_text) and became U+FFFD in the text.
  int replaced_bytes = 0;
  // Spaces are layout, not the author's: a PDF, a PDF-to-Markdown conversion
  // (pipe tables) or an archiver's page run together on one line.
  bool converted = false;
  std::vector<DocxPlace> docx_places;  // DOCX: in document order
  // PDF scans: the table cells OCR found no ink in at all (page and box), so
  // certainly blank as printed; any other unread cell of a scan is undecided.
  std::vector<Span> ocr_blank_cells;
};

}  // namespace ogi
