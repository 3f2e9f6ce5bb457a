// PDF reports (WPS, Word, LibreOffice exports) through poppler-cpp: words with
// boxes → lines → cells split at wide gaps. A line of one cell is a paragraph,
// consecutive lines of several cells form a table block; the segmenter maps
// them onto the standard grid. Pages are read one at a time.
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page.h>
#include <re2/re2.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <map>
#include <memory>
#include <mutex>

#include "doc/limits.h"
#include "doc/utc.h"
#include "extract/budget.h"
#include "extract/extract.h"
#include "extract/ocr_client.h"

namespace ogi {
namespace {

// Layout parameters. Lengths in PDF points, from poppler's word boxes;
// the font size of a word is its box's height (its width when upright).

// Words of one line: vertical centres at most this fraction of the smaller
// box height apart. Words of one line overlap by more than half their
// height even when set a little higher; the next line, a line spacing of
// at least one height away, never comes that close.
constexpr double same_line_fraction = 0.5;
// Cells: a gap between words wider than this fraction of the smaller font
// size splits them, about one character of the body text. Words of one
// cell stand closer; table columns stand further apart.
constexpr double cell_gap_fraction = 0.75;
// Latin letters and digits of one cell are joined with a space when poppler
// says one follows the word, or the gap is wider than this fraction of the
// font size: a space is about a quarter of it, letter spacing far less.
constexpr double space_gap_fraction = 0.15;
// Vertical text: characters of one column when their left edges are less
// than this fraction of the font size apart ...
constexpr double vertical_column_fraction = 0.5;
// ... and each starts less than this many font sizes below the end of the
// one above: characters of one label follow closely, a wider gap starts
// the next label.
constexpr double vertical_gap_sizes = 1.5;
// The page's top and bottom margins, where running headers, footers and
// page numbers stand: lines above 10% of the page height from the top, or
// below 88% (a bottom margin of 12%).
constexpr double top_margin_fraction = 0.1;
constexpr double bottom_margin_fraction = 0.88;
// A margin line is a running header only when repeated on at least this
// many pages (and more than half of them): two pages repeat by chance.
constexpr int min_running_header_pages = 3;

struct Word {
  std::string text;
  double x0, y0, x1, y1, size;
  bool space_after;
  int confidence = -1;  // read by OCR: its confidence (Span::ocr_confidence)
  bool ocr_cell = false;  // a table cell OCR read alone: a cell of its own, whatever the gaps
  double yc() const { return (y0 + y1) / 2; }
  double height() const { return y1 - y0; }
};

struct Line {
  std::vector<Word> words;
  double yc = 0;
};

// The x-ranges of the cells of a table's header row (a line of several
// cells, none a figure), left to right. The rows below put each cell under
// its header, so a label that ends before one header cell begins and a
// figure that starts past the end of the header cell before it stand in two
// columns, however narrow the gap between them ("行政事业性收费 31.52" in a
// table of one value column, its label filling its cell).
using HeaderColumns = std::vector<std::pair<double, double>>;

bool under_next_header(const Word& label, const Word& figure, const HeaderColumns& header) {
  for (std::size_t k = 0; k + 1 < header.size(); ++k)
    if (label.x1 <= header[k + 1].first && figure.x0 >= header[k].second) return true;
  return false;
}

// poppler's own ustring::to_utf8 opens an iconv converter per call, which
// cost more than a tenth of reading a page word by word; ICU converts in place
// (and turns unpaired surrogates into U+FFFD: the text is valid UTF-8).
std::string utf8_of(const poppler::ustring& u) {
  std::string out;
  icu::UnicodeString(false, reinterpret_cast<const char16_t*>(u.data()), static_cast<int32_t>(u.size())).toUTF8String(out);
  return out;
}

bool ascii_alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

// Joins the words of one cell. CJK text gets no spaces: the gaps a PDF shows
// around "2024 年" are layout, not the author's.
std::string join(const std::vector<Word>& words, std::size_t from, std::size_t to) {
  std::string out;
  for (std::size_t i = from; i < to; ++i) {
    if (i > from && !out.empty() && ascii_alnum(out.back()) && ascii_alnum(words[i].text.front()) &&
        (words[i - 1].space_after || words[i].x0 - words[i - 1].x1 > space_gap_fraction * words[i].size))
      out += ' ';
    out += words[i].text;
  }
  return out;
}

bool is_page_number(const std::string& text) {
  static const RE2 re(R"([\s\-—–－−~]*(?:第\s*)?\d{1,4}(?:\s*页)?(?:\s*/\s*\d+|\s*共\s*\d+\s*页)?[\s\-—–－−~]*)");
  return RE2::FullMatch(text, re);
}

// The span of words[from, to): OCR text carries its least confident piece.
Span span_of(int page, int line, int column, const std::vector<Word>& words, std::size_t from, std::size_t to) {
  const Word& first = words[from];
  const Word& last = words[to - 1];
  Span s;
  for (std::size_t i = from; i < to; ++i)
    if (words[i].confidence >= 0 && (s.ocr_confidence < 0 || words[i].confidence < s.ocr_confidence))
      s.ocr_confidence = words[i].confidence;
  s.page = page;
  s.line = line;
  s.column = column;
  s.x0 = static_cast<float>(first.x0);
  s.y0 = static_cast<float>(std::min(first.y0, last.y0));
  s.x1 = static_cast<float>(last.x1);
  s.y1 = static_cast<float>(std::max(first.y1, last.y1));
  return s;
}

// Vertical text (a group label printed top to bottom) becomes one line of
// its own, placed where it starts.
void add_vertical_runs(std::vector<Word> vertical, std::vector<Line>& lines) {
  std::sort(vertical.begin(), vertical.end(),
            [](const Word& a, const Word& b) { return std::tie(a.x0, a.y0) < std::tie(b.x0, b.y0); });
  for (std::size_t i = 0; i < vertical.size();) {
    Word run = vertical[i];
    std::size_t j = i + 1;
    while (j < vertical.size() && std::fabs(vertical[j].x0 - run.x0) < run.size * vertical_column_fraction &&
           vertical[j].y0 - run.y1 < run.size * vertical_gap_sizes) {
      run.text += vertical[j].text;
      run.y1 = vertical[j].y1;
      ++j;
    }
    run.x1 = run.x0 + run.size;
    run.y1 = run.y0 + run.size;  // placed at its first character
    lines.push_back(Line{{run}, run.yc()});
    i = j;
  }
}

// Paragraphs in a page's top or bottom margin, to find running headers.
struct MarginLine {
  std::size_t block;
  std::string text;  // digits masked: "第 3 页" and "第 4 页" are one header
};

void read_words(std::vector<Word> horizontal, std::vector<Word> vertical, double page_height, int number, Document& doc,
                std::vector<MarginLine>& margins);

// The words of a page's text layer; a page without any is left to OCR.
void read_page(const poppler::page& page, int number, Document& doc, std::vector<MarginLine>& margins) {
  std::vector<Word> horizontal, vertical;
  // Without font details: they cost a third more than poppler's own text
  // extraction, and the box tells the size and the direction well enough.
  for (const auto& box : page.text_list()) {
    std::string text = utf8_of(box.text());
    if (text.find_first_not_of(" \t\r\n") == std::string::npos) continue;
    const poppler::rectf b = box.bbox();
    const bool upright = box.rotation() % 2 == 1;  // vertical writing or a rotated run
    Word w{std::move(text), b.x(), b.y(), b.x() + b.width(), b.y() + b.height(),
           upright ? b.width() : b.height(), box.has_space_after()};
    (upright ? vertical : horizontal).push_back(std::move(w));
  }
  if (horizontal.empty() && vertical.empty()) {
    doc.pages_without_text.push_back(number);
    return;
  }
  read_words(std::move(horizontal), std::move(vertical), page.page_rect().height(), number, doc, margins);
}

// Words → lines → paragraphs and table rows, for the text layer and OCR alike.
void read_words(std::vector<Word> horizontal, std::vector<Word> vertical, double page_height, int number, Document& doc,
                std::vector<MarginLine>& margins) {

  // Lines: words whose vertical centres are close, in reading order.
  std::sort(horizontal.begin(), horizontal.end(), [](const Word& a, const Word& b) { return a.yc() < b.yc(); });
  std::vector<Line> lines;
  for (auto& w : horizontal) {
    if (!lines.empty() && std::fabs(w.yc() - lines.back().yc) <=
                               same_line_fraction * std::min(w.height(), lines.back().words.front().height())) {
      lines.back().words.push_back(std::move(w));
    } else {
      const double yc = w.yc();
      lines.push_back(Line{{std::move(w)}, yc});
    }
  }
  add_vertical_runs(std::move(vertical), lines);
  std::stable_sort(lines.begin(), lines.end(), [](const Line& a, const Line& b) { return a.yc < b.yc; });

  int line_no = 0;
  Block* table = nullptr;
  HeaderColumns header;  // of the table being read on this page, if any
  for (auto& line : lines) {
    auto& words = line.words;
    std::sort(words.begin(), words.end(), [](const Word& a, const Word& b) { return a.x0 < b.x0; });
    ++line_no;
    // Cells: split where the gap is wider than cell_gap_fraction of the
    // smaller font size ...
    auto wide_gap = [&](std::size_t i) {
      if (words[i].ocr_cell || words[i - 1].ocr_cell) return true;
      return words[i].x0 - words[i - 1].x1 > cell_gap_fraction * std::min(words[i].size, words[i - 1].size);
    };
    auto is_number = [](const Word& w) { return w.text.find_first_not_of("0123456789.,") == std::string::npos; };
    // ... and before a figure that stands alone in a row of figures, when a
    // row label filled its column up to the figure ("…仍不明确 1   0   0").
    // figures_after[i]: a figure set apart by a wide gap follows word i
    // (found from the right once, so a line of many words stays linear).
    std::vector<bool> figures_after(words.size(), false);
    for (std::size_t k = words.size(); k-- > 1;)
      figures_after[k - 1] = figures_after[k] || (is_number(words[k]) && wide_gap(k));
    auto standalone_figure = [&](std::size_t i) {
      if (!is_number(words[i]) || is_number(words[i - 1]) || !words[i - 1].space_after) return false;
      if (i + 1 < words.size() && !wide_gap(i + 1)) return false;
      return static_cast<bool>(figures_after[i]);  // more figures follow
    };
    // ... and before a figure that is its cell's whole text, when the
    // label before it stands under one header cell and the figure under
    // the next.
    auto figure_under_next_header = [&](std::size_t i) {
      if (!is_number(words[i]) || is_number(words[i - 1])) return false;
      if (i + 1 < words.size() && !wide_gap(i + 1)) return false;
      return under_next_header(words[i - 1], words[i], header);
    };
    std::vector<std::pair<std::size_t, std::size_t>> ranges;
    std::size_t start = 0;
    for (std::size_t i = 1; i <= words.size(); ++i)
      if (i == words.size() || wide_gap(i) || standalone_figure(i) || figure_under_next_header(i)) {
        ranges.push_back({start, i});
        start = i;
      }
    // A header row sets the columns; a line of one cell reaching past the
    // first column leaves the table.
    if (ranges.size() > 1 && std::none_of(words.begin(), words.end(), is_number)) {
      header.clear();
      for (const auto& [from, to] : ranges) header.push_back({words[from].x0, words[to - 1].x1});
    } else if (ranges.size() == 1 && header.size() > 1 && words.back().x1 > header[1].first) {
      header.clear();
    }
    const std::string whole = join(words, 0, words.size());
    const bool margin = line.yc < page_height * top_margin_fraction || line.yc > page_height * bottom_margin_fraction;
    if (ranges.size() == 1 && margin && is_page_number(whole)) continue;  // running page number

    if (ranges.size() == 1) {
      table = nullptr;
      if (margin) {
        std::string masked = whole;
        for (char& ch : masked)
          if (std::isdigit(static_cast<unsigned char>(ch))) ch = '#';
        margins.push_back({doc.blocks.size(), masked});
      }
      add_block(doc, Block{BlockKind::paragraph, whole, {}, span_of(number, line_no, 1, words, 0, words.size())});
      continue;
    }
    if (table == nullptr) {
      add_block(doc, Block{BlockKind::table, {}, {}, span_of(number, line_no, 1, words, 0, words.size())});
      table = &doc.blocks.back();
    }
    std::vector<Cell> cells;
    for (std::size_t c = 0; c < ranges.size(); ++c) {
      const auto [from, to] = ranges[c];
      cells.push_back(Cell{join(words, from, to), span_of(number, line_no, static_cast<int>(c) + 1, words, from, to)});
    }
    table->rows.push_back(std::move(cells));
  }
}

// A line repeated in the margin of at least min_running_header_pages pages,
// and of most of them, is a running header or footer, not the report's text.
void drop_running_headers(Document& doc, const std::vector<MarginLine>& margins) {
  if (doc.pages < min_running_header_pages) return;
  std::map<std::string, int> count;
  for (const auto& m : margins) ++count[m.text];
  std::vector<bool> drop(doc.blocks.size(), false);
  bool any = false;
  for (const auto& m : margins)
    if (count[m.text] >= min_running_header_pages && count[m.text] * 2 > doc.pages) drop[m.block] = any = true;
  if (!any) return;
  std::vector<Block> kept;
  for (std::size_t b = 0; b < doc.blocks.size(); ++b)
    if (!drop[b]) kept.push_back(std::move(doc.blocks[b]));
  doc.blocks = std::move(kept);
}

void quiet(const std::string&, void*) {}

// The pages OCR read join the document in page order, through the same
// lines and cells as a text layer. They stay in pages_without_text: a scan
// is still a defect (PUB-03), and what OCR missed may stand on them.
void add_ocr_pages(Document& doc, const std::map<int, OcrPage>& pages) {
  std::vector<MarginLine> margins;  // running headers of scans are left in
  for (const auto& [number, page] : pages) {
    std::vector<Word> words;
    for (const auto& t : page.texts)
      words.push_back(Word{t.text, t.x0, t.y0, t.x1, t.y1, t.y1 - t.y0, true, t.confidence, t.cell});
    read_words(std::move(words), {}, page.height, number, doc, margins);
    for (const auto& b : page.blanks)
      doc.ocr_blank_cells.push_back(Span{number, 0, 0, static_cast<float>(b.x0), static_cast<float>(b.y0),
                                         static_cast<float>(b.x1), static_cast<float>(b.y1), 100});
  }
  std::stable_sort(doc.blocks.begin(), doc.blocks.end(), [](const Block& a, const Block& b) { return a.span.page < b.span.page; });
}

Document read_document(std::unique_ptr<poppler::document> pdf, const std::string& source) {
  if (!pdf) throw InputError("damaged", "PDF 文件已损坏或不完整，无法打开", "the PDF is damaged or truncated and cannot be opened");
  if (pdf->is_locked())
    throw InputError("encrypted", "PDF 已加密，需要密码才能打开；请提供未加密的文件",
                     "the PDF is encrypted and needs a password to open; provide an unencrypted file");
  Document doc;
  doc.source = source;
  doc.format = "pdf";
  doc.converted = true;
  doc.pages = pdf->pages();
  if (doc.pages > limits::pdf_pages) {
    const std::string most = std::to_string(limits::pdf_pages);
    throw InputError("limit", "PDF 有 " + std::to_string(doc.pages) + " 页，超过 " + most + " 页的上限",
                     "the PDF has " + std::to_string(doc.pages) + " pages, more than the limit of " + most);
  }
  if (const time_t t = pdf->info_date_t("CreationDate"); t > 0) doc.created = utc_text(t, "%Y-%m-%d");
  std::vector<MarginLine> margins;
  for (int i = 0; i < doc.pages; ++i) {
    limits::check_deadline();
    std::unique_ptr<poppler::page> page(pdf->create_page(i));
    if (!page) throw InputError("damaged", "PDF 第 " + std::to_string(i + 1) + " 页无法读取", "page " + std::to_string(i + 1) + " of the PDF cannot be read");
    read_page(*page, i + 1, doc, margins);
  }
  drop_running_headers(doc, margins);
  if (!doc.pages_without_text.empty() && ocr_enabled()) add_ocr_pages(doc, read_by_ocr(source, doc.pages_without_text));
  return doc;
}

void quiet_poppler() {
  static std::once_flag once;  // poppler's error hook is global
  std::call_once(once, [] { poppler::set_debug_error_function(quiet, nullptr); });
}

// The smallest PDF poppler opens: one empty page (poppler rebuilds the
// missing cross-reference table).
constexpr char empty_pdf[] =
    "%PDF-1.1\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 3 3]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n";

}  // namespace

std::shared_ptr<const void> hold_pdf_state() {
  quiet_poppler();
  return std::shared_ptr<const poppler::document>(poppler::document::load_from_raw_data(empty_pdf, sizeof empty_pdf - 1));
}

Document extract_image_file(const std::string& path) {
  Document doc;
  doc.source = path;
  doc.format = "image";
  doc.pages = 1;
  doc.pages_without_text = {1};
  if (ocr_enabled()) add_ocr_pages(doc, read_by_ocr(path, {}));
  return doc;
}

Document extract_pdf_file(const std::string& path) {
  quiet_poppler();
  return read_document(std::unique_ptr<poppler::document>(poppler::document::load_from_file(path)), path);
}

}  // namespace ogi
