// ogicheck-ocr: reads the pages of a PDF that have no text layer (or an
// image file) by OCR and writes what it read to stdout, for the PDF
// extractor of ogicheck, which execs it (so that Tesseract and Leptonica are
// loaded only when a scan is checked, never on the start-up of every run).
//
//   ogicheck-ocr FILE.pdf PAGE...     1-based pages
//   ogicheck-ocr FILE.png|jpg|tif     the image as page 1
//
// Output, one line per piece of text, tab-separated, UTF-8:
//   PAGE  x0  y0  x1  y1  CONFIDENCE  KIND  TEXT
// box in PDF points from the top left of the page (72 per inch), confidence
// Tesseract's 0..100, KIND "cell" (one table cell, recognised alone) or
// "line" (a line of running text); tabs and newlines in TEXT become spaces.
// A line "PAGE size WIDTH HEIGHT" (points) starts each page, "PAGE done"
// ends it; "PAGE blank x0 y0 x1 y1" is a table cell with no ink at all. Errors: a message on stderr, exit 2.
#include <leptonica/allheaders.h>
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-image.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>
#include <tesseract/baseapi.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

namespace {

// Rendering resolution: Tesseract reads CJK best at about 300 dpi.
constexpr int dpi = 300;
// Grey level below which a pixel is ink (0 black .. 255 white). Ruling
// lines of a low-resolution scan, scaled up, are light grey: they count
// as ink up to a lighter level than text does.
constexpr int ink_threshold = 160;
constexpr int rule_threshold = 210;
// A ruling line is at least this many pixels long (a third of an inch):
// strokes of characters are far shorter; the cell borders of a table longer.
constexpr int min_rule_pixels = dpi / 3;
// A rule may drift this many pixels across its direction and have gaps this
// long (a hundredth of an inch) and still be found whole.
constexpr int rule_drift = 1;
constexpr int rule_gap = dpi / 100;
// A table grid: the box of connected ruling lines at least this wide and high.
constexpr int min_grid_pixels = dpi;
// Pixels trimmed inside each cell border, so the line itself is not read.
constexpr int cell_inset = 4;
// A cell with fewer ink pixels than this is not read (specks of a scan);
// with none at all (inside its inset) it is certainly blank, as printed: a
// faint figure or a speck leaves it merely unread (undecided). Blank is
// judged on the page as scanned, not on the one with its ruling lines
// painted out: a dash, an underline or a strike-through in a cell is a long
// stroke too, and painting it out must not make a printed "——" a blank.
constexpr int min_cell_ink = 12;
constexpr int blank_cell_ink = 0;

using PixPtr = std::unique_ptr<PIX, void (*)(PIX*)>;
void free_pix(PIX* p) { pixDestroy(&p); }
PixPtr own(PIX* p) { return PixPtr(p, free_pix); }

struct Engines {
  tesseract::TessBaseAPI text, digits;
};

bool init(Engines& e) {
  const char* data = std::getenv("TESSDATA_PREFIX");
  // HanS (tesseract-ocr-script-hans) read every cell of a probe right where
  // chi_sim missed a few; Debian puts it at tessdata/ or tessdata/script/.
  if (e.text.Init(data, "HanS+eng", tesseract::OEM_LSTM_ONLY) != 0 &&
      e.text.Init(data, "script/HanS+eng", tesseract::OEM_LSTM_ONLY) != 0 &&
      e.text.Init(data, "chi_sim+eng", tesseract::OEM_LSTM_ONLY) != 0)
    return false;
  if (e.digits.Init(data, "eng", tesseract::OEM_LSTM_ONLY) != 0) return false;
  e.digits.SetVariable("tessedit_char_whitelist", "0123456789");
  e.text.SetVariable("debug_file", "/dev/null");
  e.digits.SetVariable("debug_file", "/dev/null");
  return true;
}

std::string one_line(std::string s) {
  for (char& c : s)
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  const auto b = s.find_first_not_of(' '), e = s.find_last_not_of(' ');
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

// Tesseract puts spaces between CJK characters; the PDF path joins CJK
// without them, and so does this (a space between two ASCII characters stays).
std::string without_cjk_spaces(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const bool ascii_around = i > 0 && i + 1 < s.size() && static_cast<unsigned char>(s[i - 1]) < 0x80 &&
                              static_cast<unsigned char>(s[i + 1]) < 0x80;
    if (s[i] != ' ' || ascii_around) out += s[i];
  }
  return out;
}

struct Reading {
  std::string text;
  int confidence = 0;
};

Reading recognise(tesseract::TessBaseAPI& api, PIX* image, tesseract::PageSegMode mode) {
  api.SetPageSegMode(mode);
  api.SetImage(image);
  std::unique_ptr<char[]> text(api.GetUTF8Text());
  return {without_cjk_spaces(one_line(text ? text.get() : "")), api.MeanTextConf()};
}

// A figure's reading is digits with a separator or a stray mark or two; a
// label misread as ASCII ("（七）总计" as "(4) it") has more else than digits.
bool mostly_digits(const std::string& s) {
  const auto digits = std::count_if(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
  const auto others = std::count_if(s.begin(), s.end(), [](char c) { return c != ' ' && (c < '0' || c > '9'); });
  return digits > 0 && digits >= others;
}
bool has_non_ascii(const std::string& s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
}

// A figure two readings disagree on has at most this confidence: below
// ogicheck's threshold (ocr_min_confidence in src/segment/tables.cpp), so it
// is undecided. A speck of a scan read as a digit under the whitelist comes
// with a confidence of 90 and more; the text engine then reads otherwise.
constexpr int disputed_confidence = 40;

// A lone digit of a scan at a low resolution reads as the letter it looks
// like ("1" as "l", "0" as "O") where the digits engine reads nothing: such a
// cell is the figure it resembles, disputed (so undecided unless the table's
// identities vouch for it), not a word that hides the row's figures.
Reading lookalike_figure(Reading text) {
  static const std::string ones = "lI|i", zeros = "Oo";
  std::string digits;
  for (const char c : text.text) {
    if (ones.find(c) != std::string::npos) digits += '1';
    else if (zeros.find(c) != std::string::npos) digits += '0';
    else if (c != ' ') return text;
  }
  if (digits.empty()) return text;
  return {digits, std::min(text.confidence, disputed_confidence)};
}

// A cell is read as text first; one that reads as no CJK but some digit is a
// figure, and is read again with the digits-only engine. The figure is as
// sure as the less sure of the two, and only when both read the same digits.
Reading read_cell(Engines& e, PIX* cell) {
  Reading text = recognise(e.text, cell, tesseract::PSM_SINGLE_BLOCK);
  if (has_non_ascii(text.text) || (text.text.size() > 2 && !mostly_digits(text.text))) return text;
  Reading figure = recognise(e.digits, cell, tesseract::PSM_SINGLE_LINE);
  if (figure.text.empty()) return lookalike_figure(text);
  std::string digits = text.text;
  std::erase(digits, ' ');
  figure.confidence = std::min(figure.confidence, text.confidence);
  if (digits != figure.text) figure.confidence = std::min(figure.confidence, disputed_confidence);
  return figure;
}

struct Box {
  int x0, y0, x1, y1;
};

// Positions (x or y) where a line mask has a run: the centres of the runs
// of positions whose projection is at least `min_count` pixels, each plus
// `offset` (the grid's own position on the page).
std::vector<int> line_positions(const std::vector<int>& projection, int min_count, int offset) {
  std::vector<int> out;
  for (std::size_t i = 0; i < projection.size();) {
    if (projection[i] < min_count) { ++i; continue; }
    std::size_t j = i;
    while (j < projection.size() && projection[j] >= min_count) ++j;
    out.push_back(offset + static_cast<int>((i + j - 1) / 2));
    i = j;
  }
  return out;
}

std::vector<int> projection(PIX* mask, const Box& b, bool rows) {
  std::vector<int> p(static_cast<std::size_t>(rows ? b.y1 - b.y0 : b.x1 - b.x0), 0);
  l_uint32 v;
  for (int y = b.y0; y < b.y1; ++y)
    for (int x = b.x0; x < b.x1; ++x)
      if (pixGetPixel(mask, x, y, &v) == 0 && v) ++p[static_cast<std::size_t>(rows ? y - b.y0 : x - b.x0)];
  return p;
}

// How much of the segment from a to b along a line at `at` is ruled.
double ruled_fraction(PIX* mask, bool horizontal, int at, int a, int b) {
  int on = 0, all = 0;
  l_uint32 v;
  for (int t = a; t < b; ++t, ++all)
    for (int d = -3; d <= 3; ++d) {
      const int x = horizontal ? t : at + d, y = horizontal ? at + d : t;
      if (pixGetPixel(mask, x, y, &v) == 0 && v) { ++on; break; }
    }
  return all ? static_cast<double>(on) / all : 0;
}

int ink_pixels(PIX* bin, const Box& b) {
  BOX* box = boxCreate(b.x0, b.y0, b.x1 - b.x0, b.y1 - b.y0);
  l_int32 count = 0;
  PixPtr part = own(pixClipRectangle(bin, box, nullptr));
  boxDestroy(&box);
  if (part) pixCountPixels(part.get(), &count, nullptr);
  return count;
}

void emit(int page, const Box& b, const Reading& r, const char* kind) {
  if (r.text.empty()) return;
  const double k = 72.0 / dpi;
  std::printf("%d\t%.1f\t%.1f\t%.1f\t%.1f\t%d\t%s\t%s\n", page, b.x0 * k, b.y0 * k, b.x1 * k, b.y1 * k, r.confidence, kind,
              r.text.c_str());
}

void emit_blank(int page, const Box& b) {
  const double k = 72.0 / dpi;
  std::printf("%d\tblank\t%.1f\t%.1f\t%.1f\t%.1f\n", page, b.x0 * k, b.y0 * k, b.x1 * k, b.y1 * k);
}

// The box of the ink inside a cell, so that the extractor sees the text
// where it stands, as it sees a PDF word.
Box ink_box(PIX* bin, const Box& cell) {
  BOX* clip = boxCreate(cell.x0, cell.y0, cell.x1 - cell.x0, cell.y1 - cell.y0);
  PixPtr part = own(pixClipRectangle(bin, clip, nullptr));
  boxDestroy(&clip);
  BOX* fg = nullptr;
  if (!part || pixClipToForeground(part.get(), nullptr, &fg) != 0 || !fg) return cell;
  l_int32 x, y, w, h;
  boxGetGeometry(fg, &x, &y, &w, &h);
  boxDestroy(&fg);
  return {cell.x0 + x, cell.y0 + y, cell.x0 + x + w, cell.y0 + y + h};
}

// One table grid: its ruling lines, each cell (merged across a missing
// border) recognised alone.
void read_grid(Engines& e, int page, PIX* grey, PIX* bin, PIX* scanned_bin, PIX* h_lines, PIX* v_lines, const Box& g) {
  const std::vector<int> ys = line_positions(projection(h_lines, g, true), (g.x1 - g.x0) / 8, g.y0);
  const std::vector<int> xs = line_positions(projection(v_lines, g, false), (g.y1 - g.y0) / 8, g.x0);
  for (std::size_t r = 0; r + 1 < ys.size(); ++r) {
    // A cell spans down past a missing horizontal border and right past a
    // missing vertical one; it is read once, from the row where it starts.
    for (std::size_t c = 0; c + 1 < xs.size();) {
      if (r > 0 && ruled_fraction(h_lines, true, ys[r], xs[c], xs[c + 1]) < 0.5) { ++c; continue; }
      std::size_t c_end = c + 1;
      while (c_end + 1 < xs.size() && ruled_fraction(v_lines, false, xs[c_end], ys[r], ys[r + 1]) < 0.5) ++c_end;
      std::size_t r_end = r + 1;
      while (r_end + 1 < ys.size() && ruled_fraction(h_lines, true, ys[r_end], xs[c], xs[c_end]) < 0.5) ++r_end;
      const Box cell{xs[c] + cell_inset, ys[r] + cell_inset, xs[c_end] - cell_inset, ys[r_end] - cell_inset};
      c = c_end;
      if (cell.x1 <= cell.x0 || cell.y1 <= cell.y0) continue;
      const int ink_count = ink_pixels(bin, cell);
      if (ink_count <= blank_cell_ink && ink_pixels(scanned_bin, cell) <= blank_cell_ink) emit_blank(page, cell);
      if (ink_count < min_cell_ink) continue;
      const Box ink = ink_box(bin, cell);
      BOX* clip = boxCreate(ink.x0 - 6, ink.y0 - 6, ink.x1 - ink.x0 + 12, ink.y1 - ink.y0 + 12);
      PixPtr crop = own(pixClipRectangle(grey, clip, nullptr));
      boxDestroy(&clip);
      // Placed across its ink, but over the whole height of its grid cell:
      // the label and the figures of one row then share a centre, as in a
      // text layer, however differently their ink sits in the cells.
      if (crop) emit(page, Box{ink.x0, cell.y0, ink.x1, cell.y1}, read_cell(e, crop.get()), "cell");
    }
  }
}

// The running text outside the grids, line by line, as Tesseract lays it out.
void read_text(Engines& e, int page, PIX* grey, const std::vector<Box>& grids) {
  PixPtr blank = own(pixCopy(nullptr, grey));
  for (const Box& g : grids) {
    BOX* b = boxCreate(g.x0 - 4, g.y0 - 4, g.x1 - g.x0 + 8, g.y1 - g.y0 + 8);
    pixSetInRect(blank.get(), b);  // white
    boxDestroy(&b);
  }
  e.text.SetPageSegMode(tesseract::PSM_AUTO);
  e.text.SetImage(blank.get());
  e.text.Recognize(nullptr);
  std::unique_ptr<tesseract::ResultIterator> it(e.text.GetIterator());
  if (!it) return;
  do {
    std::unique_ptr<char[]> text(it->GetUTF8Text(tesseract::RIL_TEXTLINE));
    int x0, y0, x1, y1;
    if (!text || !it->BoundingBox(tesseract::RIL_TEXTLINE, &x0, &y0, &x1, &y1)) continue;
    const Reading r{without_cjk_spaces(one_line(text.get())), static_cast<int>(it->Confidence(tesseract::RIL_TEXTLINE))};
    emit(page, Box{x0, y0, x1, y1}, r, "line");
  } while (it->Next(tesseract::RIL_TEXTLINE));
}

// Grids: the connected boxes of long horizontal and vertical strokes.
std::vector<Box> find_grids(PIX* h_lines, PIX* v_lines) {
  PixPtr both = own(pixOr(nullptr, h_lines, v_lines));
  PixPtr joined = own(pixDilateBrick(nullptr, both.get(), 5, 5));
  BOXA* boxes = pixConnComp(joined.get(), nullptr, 8);
  std::vector<Box> out;
  for (int i = 0; boxes && i < boxaGetCount(boxes); ++i) {
    l_int32 x, y, w, h;
    boxaGetBoxGeometry(boxes, i, &x, &y, &w, &h);
    if (w >= min_grid_pixels && h >= min_grid_pixels / 3) out.push_back({x, y, x + w, y + h});
  }
  boxaDestroy(&boxes);
  std::sort(out.begin(), out.end(), [](const Box& a, const Box& b) { return a.y0 < b.y0; });
  return out;
}

// The long strokes of one direction. A thin rule of a scan is broken: its
// pixels step a row at every few dozen pixels where the page was tilted
// (and deskewing blurs it), and JPEG or a low resolution leaves gaps in it.
// Thickened across and its small gaps closed first, it stays one stroke;
// the strokes of characters stay far shorter than a rule.
PixPtr ruling_lines(PIX* rules, bool horizontal) {
  const int across = 2 * rule_drift + 1;
  PixPtr thick = own(horizontal ? pixDilateBrick(nullptr, rules, 1, across) : pixDilateBrick(nullptr, rules, across, 1));
  PixPtr closed = own(horizontal ? pixCloseBrick(nullptr, thick.get(), rule_gap, 1) : pixCloseBrick(nullptr, thick.get(), 1, rule_gap));
  return own(horizontal ? pixOpenBrick(nullptr, closed.get(), min_rule_pixels, 1) : pixOpenBrick(nullptr, closed.get(), 1, min_rule_pixels));
}

void read_page(Engines& e, int page, PIX* rendered) {
  std::printf("%d\tsize\t%.1f\t%.1f\n", page, pixGetWidth(rendered) * 72.0 / dpi, pixGetHeight(rendered) * 72.0 / dpi);
  l_float32 angle = 0, conf = 0;
  PixPtr grey = own(pixFindSkewAndDeskew(rendered, 2, &angle, &conf));
  if (!grey) grey = own(pixClone(rendered));
  PixPtr rules = own(pixConvertTo1(grey.get(), rule_threshold));
  PixPtr h_lines = ruling_lines(rules.get(), true);
  PixPtr v_lines = ruling_lines(rules.get(), false);
  const std::vector<Box> grids = find_grids(h_lines.get(), v_lines.get());
  read_text(e, page, grey.get(), grids);
  // Cells are read, and their ink counted, with the ruling lines painted
  // white: a border reaching inside a cell's inset (thick, or tilted) is no
  // ink of it, and Tesseract reads a label with a rule across it badly.
  PixPtr lines = own(pixOr(nullptr, h_lines.get(), v_lines.get()));
  PixPtr cells = own(pixCopy(nullptr, grey.get()));
  pixPaintThroughMask(cells.get(), lines.get(), 0, 0, 255);
  PixPtr cell_ink = own(pixConvertTo1(cells.get(), ink_threshold));
  PixPtr scanned_ink = own(pixConvertTo1(grey.get(), ink_threshold));
  for (const Box& g : grids) read_grid(e, page, cells.get(), cell_ink.get(), scanned_ink.get(), h_lines.get(), v_lines.get(), g);
  std::printf("%d\tdone\n", page);
  std::fflush(stdout);
}

PixPtr to_pix(const poppler::image& img) {
  const int w = img.width(), h = img.height();
  PixPtr pix = own(pixCreate(w, h, 8));
  const char* data = img.const_data();
  for (int y = 0; y < h; ++y) {
    l_uint32* line = pixGetData(pix.get()) + y * pixGetWpl(pix.get());
    const unsigned char* src = reinterpret_cast<const unsigned char*>(data + static_cast<std::ptrdiff_t>(y) * img.bytes_per_row());
    for (int x = 0; x < w; ++x) SET_DATA_BYTE(line, x, src[x]);
  }
  return pix;
}

void quiet(const std::string&, void*) {}

int fail(const std::string& message) {
  std::cerr << "ogicheck-ocr: " << message << "\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return fail("usage: ogicheck-ocr FILE.pdf PAGE... | ogicheck-ocr IMAGE");
  Engines engines;
  if (!init(engines)) return fail("Tesseract language data HanS/chi_sim and eng not found (tools/install-deps.sh installs them)");
  const std::string path = argv[1];
  if (argc == 2) {  // an image file
    PixPtr image = own(pixRead(path.c_str()));
    if (!image) return fail("cannot read the image " + path);
    PixPtr grey = own(pixConvertTo8(image.get(), 0));
    if (!grey) return fail("cannot convert the image " + path);
    read_page(engines, 1, grey.get());
    return 0;
  }
  poppler::set_debug_error_function(quiet, nullptr);
  std::unique_ptr<poppler::document> pdf(poppler::document::load_from_file(path));
  if (!pdf || pdf->is_locked()) return fail("cannot open the PDF " + path);
  poppler::page_renderer renderer;
  renderer.set_image_format(poppler::image::format_gray8);
  for (int i = 2; i < argc; ++i) {
    const int page = std::atoi(argv[i]);
    if (page < 1 || page > pdf->pages()) return fail(std::string("no page ") + argv[i]);
    std::unique_ptr<poppler::page> p(pdf->create_page(page - 1));
    if (!p) return fail(std::string("cannot read page ") + argv[i]);
    const poppler::image img = renderer.render_page(p.get(), dpi, dpi);
    if (!img.is_valid()) return fail(std::string("cannot render page ") + argv[i]);
    PixPtr pix = to_pix(img);
    read_page(engines, page, pix.get());
  }
  return 0;
}
