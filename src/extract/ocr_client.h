// OCR of pages without a text layer, by the ogicheck-ocr program beside the
// ogicheck binary (src/ocr/ocr_main.cpp; its output format is described there).
#pragma once

#include <map>
#include <string>
#include <vector>

namespace ogi {

// One piece of text read: a table cell recognised alone, or a line of running
// text. Box in points from the page's top left; confidence 0..100.
struct OcrText {
  std::string text;
  double x0, y0, x1, y1;
  int confidence;
  bool cell;
};

struct OcrPage {
  double width = 0, height = 0;  // points
  std::vector<OcrText> texts;
  std::vector<OcrText> blanks;  // table cells with no ink at all (no text)
};

// OCR is on by default; `--no-ocr` turns it off for the whole run.
void set_ocr_enabled(bool on);
bool ocr_enabled();

// The pages read, by number, at most limits::ocr_pages of them, within
// limits::ocr_time: pages past either are left out (and stay pictures).
// `pages` empty: the file is an image, read as page 1. Throws InputError
// when the OCR program is missing or fails.
std::map<int, OcrPage> read_by_ocr(const std::string& path, const std::vector<int>& pages);

// The CPU the OCR program spent (ms) and the pages it read for this thread
// since the last call, which resets them: the OCR stage of --timings.
struct OcrCost {
  double cpu_ms = 0;
  int pages = 0;
};
OcrCost take_ocr_cost();

}  // namespace ogi
