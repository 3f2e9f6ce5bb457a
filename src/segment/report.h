// What the segmenter found, mapped onto the canonical structure of a profile:
// for every expected part, row and cell, where it was found or that it is
// missing, plus what was found that the standard does not have.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "doc/document.h"

namespace ogi {

struct PartResult {
  std::string id, ordinal_expected, label;
  bool found = false;
  std::string heading;  // as printed
  std::string ordinal;  // as printed, empty when the heading had none
  bool canonical = false;
  bool unheaded = false;  // found by its first subheading （一）…: no heading printed
  int order = 0;  // 1-based rank among the found headings, in reading order
  Span span;
  std::string text;  // the part's paragraphs (tables excluded), joined by '\n'
  // Where each paragraph of `text` starts: offset in text, position in source.
  std::vector<std::pair<std::size_t, Span>> text_spans;
  // Not found: the pages without text (PDF scans) where it may stand, so
  // that whether it is missing cannot be told.
  std::vector<int> picture_pages;
};

// uncertain: read by OCR, but not surely a figure (Tesseract unsure, or not
// digits): neither a value nor a defect, its checks are undecided.
enum class CellStatus { number, blank, placeholder, text, missing, uncertain };

struct CellResult {
  std::string row, col;
  CellStatus status = CellStatus::missing;
  double value = 0;
  std::string text;  // as printed
  Span span;
  bool recovered = false;  // read from a digit run: split by the table's identities, or a one-cell row's one figure
  std::string unit = {};       // printed after the figure ("30件", "35000元"); value in the column's unit
  bool chinese_numeral = false;  // written "十二": value read from it
  // OCR: the value two or more identities give an uncertain cell, all their
  // other cells certain (-1: none). Equal to its reading, the cell is a
  // figure the identities vouch for; else it stays uncertain (OCR-01).
  long long implied = -1;
};

// How a found row was matched to its canonical row.
enum class RowMatch { missing, exact, variant, fuzzy, fragment, position, balance };

// The names output formats and the rule model use.
inline const char* match_name(RowMatch m) {
  switch (m) {
    case RowMatch::missing: return "missing";
    case RowMatch::exact: return "exact";
    case RowMatch::variant: return "variant";
    case RowMatch::fuzzy: return "fuzzy";
    case RowMatch::fragment: return "fragment";
    case RowMatch::position: return "position";
    case RowMatch::balance: return "balance";
  }
  return "missing";
}

struct RowResult {
  std::string id, label;
  RowMatch match = RowMatch::missing;
  std::string printed;  // label as printed
  Span span;
  // Why its cells could not be located, when they could not:
  // "count" (values do not fit the columns), "run" (digits run together)
  // or "unaligned" (its label printed apart from the figures, and no line
  // of figures can be told to be its own).
  std::string problem;
  int values_found = 0;
  int values_expected = 0;
  std::string run;  // the unseparated digits, for "run"
};

struct ExtraRow {
  std::string printed;
  Span span;
};

struct TableResult {
  std::string id, part;
  bool found = false;
  bool image = false;  // not found, but a picture stands in its part: a table published as an image
  Span span;
  std::string caption;
  std::vector<std::pair<std::string, std::string>> columns;  // id, label
  std::vector<RowResult> rows;
  std::vector<CellResult> cells;  // every canonical cell, missing ones included
  std::vector<ExtraRow> extra;
  // Not found or rows missing: the pages without text (PDF scans) within
  // its part, where what was not found may stand.
  std::vector<int> picture_pages;
};

struct Report {
  std::string source, format, profile, profile_name;  // profile empty: no text to segment
  bool converted = false;  // spaces are layout (Document::converted)
  int year = 0;
  int period_year = 0;  // the year of the statistical period "YYYY年1月1日至…", if stated
  std::string agency;  // from the title: "淮安市人民政府"
  // government (a 本级人民政府 report), department, or other (街道, 乡镇):
  // from the agency's name unless the user said
  std::string entity;
  std::string published;         // YYYY-MM-DD
  std::string previous;  // the source of the report checked as its year before (--previous); empty: none
  std::string published_source;  // option | page (发布日期…) | metadata (PDF creation date: a weak hint)
  int pages = 0;
  std::vector<int> pages_without_text;  // PDF pages that are pictures (scans)
  int replaced_bytes = 0;  // invalid UTF-8 bytes read as U+FFFD (Document::replaced_bytes)
  Span replaced_at;        // the first of them
  int clamped_tables = 0;  // tables cut at limits::table_cells
  Span clamped_at;         // the first of them
  std::string title;
  Span title_span;
  std::string preamble;  // the paragraphs before the first part heading, joined by '\n'
  Span preamble_span;
  std::vector<std::pair<std::size_t, Span>> preamble_spans;  // as PartResult::text_spans
  std::vector<PartResult> parts;
  std::vector<TableResult> tables;
};

}  // namespace ogi
