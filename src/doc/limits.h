// Every size and time that input controls is bounded here, in one place, so
// that one hostile file costs a known amount and the README can list them.
// A limit that is hit makes the report an error (code "limit"), never a
// silent truncation, unless the comment says the content is clamped.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>

namespace ogi::limits {

// Bytes of one input file (PDFs are read page by page, DOCX parts within
// the limits below), and of a text or HTML input, which is read whole and
// becomes a tree or lines several times its size.
constexpr std::uint64_t input_bytes = 256ull << 20;
constexpr std::uint64_t text_input_bytes = 64ull << 20;
// PDF pages read from one file; a longer file is an error.
constexpr int pdf_pages = 5000;
// DOCX package: entries, one XML part unpacked, all XML parts unpacked
// (pictures are never unpacked).
constexpr std::uint64_t docx_entries = 10000;
constexpr std::uint64_t docx_part_bytes = 64ull << 20;
constexpr std::uint64_t docx_total_bytes = 256ull << 20;
// Word numbering levels are 0..8; anything else in w:ilvl is clamped. A
// level's text (w:lvlText, "（%1）") is cut at numbering_text_bytes: it is
// printed before every numbered paragraph.
constexpr int numbering_levels = 9;
constexpr std::size_t numbering_text_bytes = 64;
// One span (HTML rowspan/colspan, DOCX gridSpan/vMerge) and the whole grid
// the spans of one table may create; cells past the grid are dropped and
// the table is marked as clamped. HTML's own maximum colspan is 1000.
constexpr int cell_span = 1000;
constexpr std::size_t table_cells = 200000;
// Cells of all tables of one document: no report has so many, and past it
// memory, not the report, would be the limit. An error, not a clamp.
constexpr std::size_t document_cells = 2000000;
// Blocks (paragraphs, tables, images) of one document; a report has a few
// thousand.
constexpr std::size_t document_blocks = 500000;
// Nesting of elements in HTML and XML parts (libxml2 parses with
// XML_PARSE_HUGE, which lifts its own limit of 256; this one bounds it).
constexpr int xml_depth = 4096;
// Elements of one HTML page: a report's page has tens of thousands; each
// costs libxml2 a tree node of ~120 bytes.
constexpr std::size_t xml_elements = 1000000;
// Work of one XPath evaluation (libxml2's operation counter): a rule over
// a report needs a few thousand; a runaway `count(//*[count(//*)])` is cut.
constexpr unsigned long xpath_operations = 50'000'000;
// A string a rule's <let> makes: a report's whole text is far less.
constexpr std::size_t xpath_string_bytes = 16ull << 20;
// Time of one report from reading to findings; past it the report is an
// error and the batch goes on. `--timeout SECONDS` changes it.
constexpr std::chrono::seconds report_time{60};
// OCR of pages without a text layer (scans): pages read by OCR per report
// (about 2-10 s each), and the time all of them may take; pages past either
// stay unread pictures (PUB-03). `--no-ocr` reads none.
constexpr int ocr_pages = 30;
constexpr std::chrono::seconds ocr_time{45};
// Configuration and baseline files: bytes read at most.
constexpr std::uint64_t config_bytes = 1ull << 20;
constexpr std::uint64_t baseline_bytes = 256ull << 20;
constexpr std::uint64_t rule_file_bytes = 16ull << 20;
// A review file (--review), a --files-from list, a JSON Lines part given to
// `merge` (one line of it: one report): bytes read at most.
constexpr std::uint64_t review_bytes = 256ull << 20;
constexpr std::uint64_t file_list_bytes = 256ull << 20;
constexpr std::uint64_t merge_part_bytes = 4ull << 30;
constexpr std::uint64_t merge_line_bytes = 256ull << 20;

// The time limit of the report this thread is working on (each worker
// checks one report at a time). Long loops over input (pages, blocks, rows,
// rules) call check_deadline(), which throws InputError "timeout".
void start_report_clock(std::chrono::steady_clock::duration budget);
void check_deadline();

}  // namespace ogi::limits
