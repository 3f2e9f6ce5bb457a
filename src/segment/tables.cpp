// Maps a standard table onto its canonical grid by matching row labels, never
// by position alone: rows are aligned in order to the profile's rows, so a
// missing or extra row does not shift the values of the others. Rows come
// from table blocks (tab-separated, pipe, HTML, DOCX, PDF grids) and from
// paragraph text where a converter flattened the table.
#include <re2/re2.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <unordered_map>

#include "doc/memo.h"
#include "doc/utf8.h"
#include "segment/digit_split.h"
#include "segment/locate.h"
#include "segment/normalize.h"
#include "segment/values.h"

namespace ogi {
namespace {

// Parameters of the matching. Keys are normalised labels (segment/normalize key_of):
// their lengths are in characters. Scores run from 0 (no match) to 1; the
// alignment maximises their sum, so they also rank one match above another.

// A label as the standard prints it. Exactly this score also marks a sure
// match: taken wherever it stands, never improved by borrowing labels.
constexpr double exact_score = 1.0;
// A wording the profile lists for the row: as sure as the standard's, and
// ranked just below it when both are printed.
constexpr double variant_score = 0.95;
// A piece of the row's label (a label wrapped or cut by a converter) is
// found from this many characters on: shorter pieces ("其他") stand
// inside too many row labels to name one.
constexpr std::size_t min_fragment_chars = 4;
// A piece scores this base plus the weight times the share of the row's
// label it covers: from 0.5 to below 0.9, under a variant, and more the
// more of the label it holds.
constexpr double fragment_base_score = 0.5;
constexpr double fragment_length_weight = 0.4;
// Fuzzy matching: similarity (segment/normalize: 2·LCS / the keys'
// total length) from 0.8 on is the row misprinted, one character in five lost
// or changed, as converters and OCR do; less is another wording.
constexpr double min_fuzzy_similarity = 0.8;
// A fuzzy match scores its similarity times this factor: below an exact
// or variant label of the same length.
constexpr double fuzzy_score_factor = 0.95;
// min_fuzzy_similarity in integers, for the cheap bounds tested before the
// LCS: it needs 5·shared ≥ 2·(|a| + |b|), and since shared ≤ the shorter
// key, 3·shorter ≥ 2·longer (a key over 3/2 of the other's length never
// matches).
constexpr std::size_t fuzzy_shared_times = 5, fuzzy_total_times = 2;
constexpr std::size_t fuzzy_shorter_times = 3, fuzzy_longer_times = 2;
static_assert(2.0 * fuzzy_total_times / fuzzy_shared_times == min_fuzzy_similarity);

// Label pieces of one candidate combined into forms: every subset of them
// is a form, 2^n - 1 in all, so their number is capped (7 pieces: 127
// forms, each scored against every row).
constexpr std::size_t max_label_pieces = 7;
// A label-like cell just before the figures that holds a digit ("约5") is
// taken back as a value up to this many characters; longer, it is label
// text that mentions a number.
constexpr std::size_t max_value_cell_chars = 6;
// Label lines a line of figures may borrow: a row label wrapped by a PDF
// layout spans up to three lines above its figures and two below.
constexpr std::ptrdiff_t labels_borrowed_before = 3;
constexpr std::ptrdiff_t labels_borrowed_after = 2;
// Lines of figures without labels, one after the other, from this many on
// are a block whose labels were printed apart (a PDF-to-Markdown
// conversion); a single one is a row whose label wrapped around it.
constexpr std::size_t min_figure_block_lines = 2;
// Alignments of a label block to a figure block whose line counts differ
// tried at most (which labels have no figures, or which lines no label):
// past it the block's cells stay undecided rather than guessed.
constexpr std::size_t max_block_alignments = 20000;
// A paragraph of at most this many characters (and no full stop) may be a
// wrapped row label; longer, it is a sentence of the report.
constexpr int max_label_line_chars = 40;

struct Token {
  std::string text;
  Span span;
};

struct Candidate {
  TextPos pos;                      // for reading order
  std::vector<std::string> labels;  // label cells as printed
  Span span;
  std::vector<Token> values;   // separated cells (table blocks)
  std::string run;             // unseparated figures (flattened text)
  bool has_run = false;
  bool glued = false;  // running text: the figures follow the label with nothing between
  int flat_row = -1;           // flattened text or a label block: the row whose label was found
  std::vector<std::string> own_labels;  // as printed on its own line, for reports
  bool unlabeled = false;      // no label of its own that names a row
  bool blank_row = false;      // every cell after the label is empty
  bool borrowed = false;       // labels include lines around it (borrow_labels)
  bool in_label_block = false; // a line of a figure block its label block does not pair with line for line
};

// A line with label text and no figures: the label of a neighbouring line of
// figures when a layout wrapped it.
struct LabelLine {
  TextPos pos;
  std::vector<std::string> labels;
  Span span;
};

struct Match {
  double score = 0;
  RowMatch kind = RowMatch::missing;
};

// "1.", "（一）", "一、" prefixes, and stacks of them ("(三)1."), removed
// before matching; the label is compared without its numbering.
std::string strip_ordinals(const std::string& label) {
  static thread_local const RE2 ordinal_re(R"(^(?:[一二三四五六七八九十]{1,3}[、.,]|\([一二三四五六七八九十\d]{1,3}\)|\d{1,2}[.、]))");
  re2::StringPiece input;
  const std::string folded = fold(label);
  input = folded;
  while (RE2::Consume(&input, ordinal_re)) {
  }
  return std::string(input);
}

// A label's key, with or without its numbering. The same label texts are
// keyed again for every way of sharing out label lines (borrow_labels
// scores each share), so each text's key is made once per thread; the memo
// starts again past max_memoised_labels texts, so a batch does not grow it.
constexpr std::size_t max_memoised_labels = 4096;

std::u32string label_key(const std::string& label, bool without_ordinals) {
  thread_local std::unordered_map<std::string, std::u32string> memo[2];
  return memoised(memo[without_ordinals ? 1 : 0], label, max_memoised_labels,
                  [&] { return key_of(without_ordinals ? strip_ordinals(label) : label); });
}

std::u32string sorted_chars(std::u32string s) {
  std::sort(s.begin(), s.end());
  return s;
}

// Characters two keys share, counted with repeats: an upper bound of their
// longest common subsequence.
std::size_t shared_chars(const std::u32string& a_sorted, const std::u32string& b_sorted) {
  std::size_t n = 0;
  for (std::size_t i = 0, j = 0; i < a_sorted.size() && j < b_sorted.size();) {
    if (a_sorted[i] == b_sorted[j]) ++n, ++i, ++j;
    else if (a_sorted[i] < b_sorted[j]) ++i;
    else ++j;
  }
  return n;
}

// A short piece of a row's label is no match, but a short label of a row's
// own (“行政许” for 行政许可) is that label misprinted: pieces_only says
// the label was pieced together from lines around the figures.
Match match_key(const std::u32string& found, const RowSpec& row, bool pieces_only) {
  if (found.empty()) return {};
  if (found == row.core_key) return {exact_score, RowMatch::exact};
  for (const auto& v : row.variant_keys)
    if (found == v) return {variant_score, RowMatch::variant};
  if (row.core_key.find(found) != std::u32string::npos && (found.size() >= min_fragment_chars || pieces_only)) {
    if (found.size() < min_fragment_chars) return {};  // a piece too short to name the row
    return {fragment_base_score +
                fragment_length_weight * static_cast<double>(found.size()) / static_cast<double>(row.core_key.size()),
            RowMatch::fragment};
  }
  // the cheap bounds of min_fuzzy_similarity first
  const std::size_t shorter = std::min(found.size(), row.core_key.size()), longer = std::max(found.size(), row.core_key.size());
  if (shorter * fuzzy_shorter_times < longer * fuzzy_longer_times) return {};
  if (fuzzy_shared_times * shared_chars(sorted_chars(found), row.sorted_key) <
      fuzzy_total_times * (found.size() + row.core_key.size()))
    return {};
  const double sim = similarity(found, row.core_key);
  if (sim >= min_fuzzy_similarity) return {sim * fuzzy_score_factor, RowMatch::fuzzy};
  return {};
}

// Every way to read a candidate's label: its pieces joined in order, any of
// them left out, so a label wrapped over lines comes back whole even when
// pieces of a group label ("（六）其" … "他处理") were printed in between. The
// first piece counts without its numbering.
std::vector<std::u32string> label_forms(const Candidate& c, std::size_t longest_row) {
  const std::size_t n = std::min(c.labels.size(), max_label_pieces);
  std::vector<std::u32string> stripped(n), full(n), forms;
  for (std::size_t i = 0; i < n; ++i) {
    stripped[i] = label_key(c.labels[i], true);
    full[i] = label_key(c.labels[i], false);
  }
  for (unsigned mask = 1; mask < (1u << n); ++mask) {
    std::u32string joined;
    for (std::size_t i = 0; i < n; ++i)
      if (mask & (1u << i)) joined += joined.empty() ? stripped[i] : full[i];
    // longer than any row label could match (min_fuzzy_similarity) is no form
    if (!joined.empty() && joined.size() * fuzzy_longer_times <= longest_row * fuzzy_shorter_times)
      forms.push_back(std::move(joined));
  }
  return forms;
}

std::size_t longest_row(const std::vector<RowSpec>& rows) {
  std::size_t n = 0;
  for (const auto& r : rows) {
    n = std::max(n, r.core_key.size());
    for (const auto& v : r.variant_keys) n = std::max(n, v.size());
  }
  return n;
}

// A superseded row's label is the group label of the rows that replace it
// ("（六）其他处理"), so it is set aside from every candidate's labels: the
// row is the line of figures that has that label and no other.
Match score_superseded(const Candidate& c, const RowSpec& row) {
  if (!c.labels.empty()) return {};
  for (const auto& l : c.own_labels)
    if (label_key(l, true) == row.core_key) return {exact_score, RowMatch::exact};
  return {};
}

Match score(const Candidate& c, const std::vector<std::u32string>& forms, const RowSpec& row, int row_index) {
  if (c.flat_row >= 0) return c.flat_row == row_index ? Match{exact_score, RowMatch::exact} : Match{};
  if (!row.replaced_by.empty()) return score_superseded(c, row);
  Match best;
  for (const auto& form : forms) {
    const Match m = match_key(form, row, c.borrowed);
    if (m.score > best.score) best = m;
  }
  return best;
}

double best_score(const Candidate& c, const std::vector<RowSpec>& rows) {
  const auto forms = label_forms(c, longest_row(rows));
  double best = 0;
  for (std::size_t j = 0; j < rows.size(); ++j) best = std::max(best, score(c, forms, rows[j], static_cast<int>(j)).score);
  return best;
}

// best_score(c, rows) == exact_score, without scoring every row: only an
// equal key (or a superseded row's own label) is exact.
bool names_a_row(const Candidate& c, const std::vector<RowSpec>& rows) {
  if (c.flat_row >= 0) return true;
  const auto forms = label_forms(c, longest_row(rows));
  return std::any_of(rows.begin(), rows.end(), [&](const RowSpec& row) {
    if (!row.replaced_by.empty()) return score_superseded(c, row).score == exact_score;
    return std::find(forms.begin(), forms.end(), row.core_key) != forms.end();
  });
}

// Group labels ("（四）无法提供", "三、本年度办理结果"), whole or the numbered
// start of one ("（三）不"), stand beside row labels; they never name a row.
struct GroupKey {
  std::u32string key;   // without the numbering
  std::string ordinal;  // the numbering, folded: "(四)"
};

std::vector<GroupKey> group_keys(const TableSpec& table) {
  std::vector<GroupKey> out;
  for (const auto& row : table.rows) {
    if (row.group.empty()) continue;
    const std::string folded = fold(row.group), rest = strip_ordinals(row.group);
    GroupKey g{key_of(rest), folded.substr(0, folded.size() - rest.size())};
    if (std::none_of(out.begin(), out.end(), [&](const GroupKey& o) { return o.key == g.key; })) out.push_back(g);
  }
  return out;
}

bool is_group_piece(const std::string& piece, const std::vector<GroupKey>& groups) {
  const std::u32string k = label_key(piece, true);
  if (k.empty()) return false;
  const std::string folded = fold(piece);
  for (const auto& g : groups)
    if (k == g.key || (!g.ordinal.empty() && folded.starts_with(g.ordinal) && g.key.starts_with(k))) return true;
  return false;
}

// Cells with nothing but (full-width) spaces.
std::vector<bool> blank_cells(const std::vector<Cell>& cells) {
  std::vector<bool> blank(cells.size());
  for (std::size_t i = 0; i < cells.size(); ++i) blank[i] = fold(cells[i].text).empty();
  return blank;
}

// Where a row's figures begin: its first cell that reads as a value.
std::size_t first_value_cell(const std::vector<Cell>& cells) {
  for (std::size_t i = 0; i < cells.size(); ++i)
    if (is_value_like(cells[i].text)) return i;
  return cells.size();
}

// A cell that reads like a label may be a figure printed wrongly ("约5",
// "l2", "35-15"): a short one with a digit and no ordinal.
bool may_be_unreadable_value(const std::string& text) {
  return text.find_first_of("0123456789") != std::string::npos && key_of(text).size() <= max_value_cell_chars &&
         strip_ordinals(text) == fold(text);
}

// A value cell holding text ("约5") before the figures reads like a label
// cell; one that may be an unreadable value is taken back as a value.
void take_back_values(Candidate& c, const std::vector<Cell>& cells, const std::vector<bool>& blank,
                      std::size_t first_value) {
  for (std::size_t i = first_value; i > 0 && c.labels.size() > 1 && !c.values.empty(); --i) {
    const std::string& last = cells[i - 1].text;
    if (blank[i - 1]) continue;
    if (!may_be_unreadable_value(last)) break;
    c.values.insert(c.values.begin(), {last, cells[i - 1].span});
    c.labels.pop_back();
  }
}

// A row without any cell that reads as a figure may print its only figure
// unreadably ("行政处罚 | l2"): its last printed cell is that figure, where
// it may be an unreadable value and the cells before it name a row exactly
// (the standard's or a listed wording). The figure is then reported at its
// cell (TBL-05), not the row as missing. Returns where the figures begin.
std::size_t unreadable_sole_value(const std::vector<Cell>& cells, const std::vector<bool>& blank,
                                  std::size_t first_value, const TableSpec& table) {
  if (first_value != cells.size()) return first_value;
  std::size_t last = cells.size();
  while (last > 0 && blank[last - 1]) --last;
  if (last < 2 || !may_be_unreadable_value(cells[last - 1].text)) return first_value;
  Candidate rest;
  for (std::size_t i = 0; i + 1 < last; ++i)
    if (!blank[i]) rest.labels.push_back(cells[i].text);
  return best_score(rest, table.rows) >= variant_score ? last - 1 : first_value;
}

// A row is placed where its first printed cell stands.
Span first_printed_span(const std::vector<Cell>& cells, const std::vector<bool>& blank, const Span& block_span) {
  for (std::size_t i = 0; i < cells.size(); ++i)
    if (!blank[i]) return cells[i].span;
  return cells.empty() ? block_span : cells.front().span;
}

// A row whose cells after its label are all empty (a template, or a draft
// not yet filled in): its last label names it, its cells are blank.
// Without any label, only a one-line table (表四) can use it.
bool read_as_blank_row(Candidate& c, const std::vector<Cell>& cells, const std::vector<bool>& blank,
                       std::size_t first_value) {
  if (!c.values.empty() || first_value != cells.size() || cells.size() <= 1) return false;
  std::size_t last = cells.size();
  while (last > 0 && blank[last - 1]) --last;
  if (last == cells.size()) return false;
  c.labels.clear();
  if (last > 0) c.labels.push_back(cells[last - 1].text);
  for (std::size_t i = last; i < cells.size(); ++i) c.values.push_back({"", cells[i].span});
  c.blank_row = true;
  return true;
}

// A line without figures that prints one of the table's column labels
// ("其他", "总计", "本年处理决定数量") is its header: neither a row nor a
// piece of a row's label.
bool is_header_line(const std::vector<Cell>& cells, std::size_t first_value, const std::vector<std::u32string>& column_keys) {
  if (first_value != cells.size()) return false;
  return std::any_of(cells.begin(), cells.end(), [&](const Cell& cell) {
    const std::u32string k = key_of(cell.text);
    return !k.empty() && std::find(column_keys.begin(), column_keys.end(), k) != column_keys.end();
  });
}

// Rows of a table block: leading non-figure cells are the label, the rest
// are values. A label-only row is kept only when it is alone on its line
// (a template row with every cell blank), so header rows never qualify.
void grid_candidates(const Document& doc, std::size_t b, const TableSpec& table, std::vector<Candidate>& out,
                     std::vector<LabelLine>& label_lines) {
  const Block& block = doc.blocks[b];
  std::vector<std::u32string> column_keys;  // once per table, not per cell
  for (const auto& col : table.columns) column_keys.push_back(key_of(col.label));
  for (std::size_t r = 0; r < block.rows.size(); ++r) {
    const auto& cells = block.rows[r];
    const std::vector<bool> blank = blank_cells(cells);
    if (is_header_line(cells, first_value_cell(cells), column_keys)) continue;
    const std::size_t first_value = unreadable_sole_value(cells, blank, first_value_cell(cells), table);
    Candidate c;
    c.pos = {b, r};
    for (std::size_t i = 0; i < first_value; ++i)
      if (!blank[i]) c.labels.push_back(cells[i].text);
    // Trailing empty cells stay: a grid places each cell, so an empty last
    // cell is a blank 总计, not a shorter row (fill_candidate trims the
    // empty cells past the row's columns).
    for (std::size_t i = first_value; i < cells.size(); ++i) c.values.push_back({cells[i].text, cells[i].span});
    take_back_values(c, cells, blank, first_value);
    c.span = first_printed_span(cells, blank, block.span);
    if (read_as_blank_row(c, cells, blank, first_value)) {
      out.push_back(std::move(c));
      continue;
    }
    const bool label_only = c.values.empty() && c.labels.size() == 1;
    if (!c.values.empty() || label_only) out.push_back(std::move(c));
    else if (!c.labels.empty()) label_lines.push_back({c.pos, c.labels, c.span});
  }
}

// Past the closing brackets, quotes and spaces that end a label.
std::size_t skip_label_end(std::string_view region, std::size_t p) {
  while (p < region.size()) {
    bool skipped = false;
    for (const char* cl : {")", "\xEF\xBC\x89", "\xE2\x80\x9D", "\"", " ", "\t", "\xE3\x80\x80"})
      if (region.substr(p).starts_with(cl)) {
        p += std::char_traits<char>::length(cl);
        skipped = true;
        break;
      }
    if (!skipped) break;
  }
  return p;
}

// Spaces a copy-paste leaves between figures: the no-break space of a web
// page's &nbsp; and the ideographic space, besides the plain one.
std::size_t space_length(std::string_view text) {
  for (const char* sp : {" ", "\xC2\xA0", "\xE3\x80\x80"})
    if (text.starts_with(sp)) return std::char_traits<char>::length(sp);
  return 0;
}

// The figures from p on: digits, with the spaces (as plain ones), points
// and commas between them, less what ends the run.
std::string figures_at(std::string_view region, std::size_t p) {
  std::string run;
  for (std::size_t e = p; e < region.size();) {
    const char ch = region[e];
    if (std::isdigit(static_cast<unsigned char>(ch)) || ch == '.' || ch == ',') {
      run += ch;
      ++e;
    } else if (const std::size_t sp = space_length(region.substr(e))) {
      run += ' ';
      e += sp;
    } else {
      break;
    }
  }
  // "…0000002.其他…": the last digit and the point are the next label's ordinal
  if (!run.empty() && run.back() == '.') {
    run.pop_back();
    if (!run.empty() && std::isdigit(static_cast<unsigned char>(run.back()))) run.pop_back();
  }
  while (!run.empty() && (run.back() == ' ' || run.back() == '.' || run.back() == ',')) run.pop_back();
  return run;
}

// A row label followed at once by the next row's ordinal (“…申请3.其他”,
// “3.其他（七）总计”): the row was printed without figures.
bool next_row_follows(std::string_view after) {
  if (after.starts_with("\xEF\xBC\x88") || after.starts_with("(")) return true;  // （七）
  std::size_t digits = 0;
  while (digits < after.size() && digits < 2 && std::isdigit(static_cast<unsigned char>(after[digits]))) ++digits;
  return digits > 0 && (after.substr(digits).starts_with(".") || after.substr(digits).starts_with("\xEF\xBC\x8E"));
}

// Figures printed right after a row label in running text.
void flat_candidates(const Document& doc, std::size_t b, std::size_t from, std::size_t to,
                     const TableSpec& table, std::vector<Candidate>& out) {
  const std::string& text = doc.blocks[b].text;
  const std::string_view region = std::string_view(text).substr(from, to - from);
  const Key key = make_key(region);
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    std::vector<const std::u32string*> forms{&table.rows[r].core_key};
    for (const auto& v : table.rows[r].variant_keys) forms.push_back(&v);
    for (const std::u32string* form_key : forms) {
      const std::u32string& form = *form_key;
      for (std::size_t at = key.chars.find(form); at != std::u32string::npos; at = key.chars.find(form, at + 1)) {
        const std::size_t label_begin = key.begin[at], label_end = key.end[at + form.size() - 1];
        const std::size_t figures = skip_label_end(region, label_end);
        std::string run = figures_at(region, figures);
        const bool no_figures = run.find_first_of("0123456789") == std::string::npos;
        if (no_figures && !next_row_follows(region.substr(figures))) continue;
        Candidate c;
        c.pos = {b, from + label_begin};
        c.labels.push_back(std::string(region.substr(label_begin, label_end - label_begin)));
        c.span = span_at(doc, {b, from + label_begin});
        c.flat_row = static_cast<int>(r);
        if (no_figures) {  // printed with its label but no figures: blank cells, not a missing row
          for (std::size_t k = 0; k < table.columns.size(); ++k) c.values.push_back({"", c.span});
          c.blank_row = true;
        } else {
          c.run = std::move(run);
          c.has_run = true;
          c.glued = figures == label_end;
        }
        out.push_back(std::move(c));
      }
    }
  }
}

// The unseparated figures of a one-line table: the first run of digits after
// its anchor label (the last column header group).
void one_line_candidate(const Document& doc, std::size_t b, std::size_t from, std::size_t to,
                        const TableSpec& table, std::vector<Candidate>& out) {
  const std::string& text = doc.blocks[b].text;
  const std::size_t at = text.rfind(table.anchor, to);
  if (at == std::string::npos || at < from) return;
  std::size_t p = at + table.anchor.size();
  while (p < to && !std::isdigit(static_cast<unsigned char>(text[p]))) ++p;
  std::size_t e = p;
  while (e < to && (std::isdigit(static_cast<unsigned char>(text[e])) || text[e] == ' ')) ++e;
  if (e == p) return;
  Candidate c;
  c.pos = {b, p};
  c.span = span_at(doc, {b, p});
  c.run = text.substr(p, e - p);
  while (!c.run.empty() && c.run.back() == ' ') c.run.pop_back();
  c.has_run = true;
  out.push_back(std::move(c));
}

std::vector<std::string> split_words(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  for (char ch : s) {
    if (ch == ' ') {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else {
      cur += ch;
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

// The canonical cells a candidate's values fill, in print order.
std::vector<CellKey> slots_of(const TableSpec& table, const std::vector<int>& rows) {
  std::vector<CellKey> keys;
  for (int r : rows)
    for (const auto& col : table.columns_of(table.rows[static_cast<std::size_t>(r)]))
      keys.push_back({table.rows[static_cast<std::size_t>(r)].id, col});
  return keys;
}

CellResult* cell_at(TableResult& t, const CellKey& k) {
  for (auto& c : t.cells)
    if (c.row == k.first && c.col == k.second) return &c;
  return nullptr;
}

// Where each column's figures stand on a page, from the rows that have all
// their figures: keyed by the row's column list and the page.
using ColumnCentres = std::map<std::pair<std::string, int>, std::vector<double>>;

std::string column_key(const TableSpec& table, const std::vector<int>& rows) {
  std::string key;
  for (int r : rows)
    for (const auto& c : table.columns_of(table.rows[static_cast<std::size_t>(r)])) key += c + ' ';
  return key;
}

double centre(const Span& s) { return (s.x0 + s.x1) / 2; }

ColumnCentres column_centres(const TableSpec& table, const std::vector<Candidate>& candidates,
                             const std::vector<std::vector<int>>& rows_of) {
  std::map<std::pair<std::string, int>, std::vector<std::vector<double>>> samples;
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    const auto& values = candidates[i].values;
    if (rows_of[i].empty() || values.empty() || values.front().span.x1 <= 0) continue;
    if (values.size() != slots_of(table, rows_of[i]).size()) continue;
    std::vector<double> xs;
    for (const auto& v : values) xs.push_back(centre(v.span));
    samples[{column_key(table, rows_of[i]), values.front().span.page}].push_back(xs);
  }
  ColumnCentres out;
  for (auto& [key, rows] : samples) {
    std::vector<double> mid(rows.front().size());
    for (std::size_t k = 0; k < mid.size(); ++k) {
      std::vector<double> xs;
      for (const auto& r : rows) xs.push_back(r[k]);
      std::nth_element(xs.begin(), xs.begin() + static_cast<std::ptrdiff_t>(xs.size() / 2), xs.end());
      mid[k] = xs[xs.size() / 2];
    }
    out[key] = mid;
  }
  return out;
}

// Each figure to the nearest column; empty cells for the columns without
// one. Unchanged when figures have no position, no full row shows where
// the columns are, or two figures claim one column.
std::vector<Token> align_to_columns(const std::vector<Token>& values, const ColumnCentres& centres,
                                    const TableSpec& table, const std::vector<int>& rows, std::size_t slots) {
  if (values.front().span.x1 <= 0) return values;
  const std::string key = column_key(table, rows);
  auto it = centres.find({key, values.front().span.page});
  if (it == centres.end())
    for (auto c = centres.begin(); c != centres.end(); ++c)
      if (c->first.first == key) it = c;
  if (it == centres.end() || it->second.size() != slots) return values;
  std::vector<Token> placed(slots);
  std::vector<bool> taken(slots, false);
  for (const auto& v : values) {
    std::size_t best = 0;
    for (std::size_t k = 1; k < slots; ++k)
      if (std::fabs(it->second[k] - centre(v.span)) < std::fabs(it->second[best] - centre(v.span))) best = k;
    if (taken[best]) return values;
    taken[best] = true;
    placed[best] = v;
  }
  for (std::size_t k = 0; k < slots; ++k)
    if (!taken[k]) placed[k].span = values.front().span;
  return placed;
}

bool is_short_label(std::string_view text) {
  return !text.empty() && code_points_before(text, text.size()) <= max_label_line_chars && text.find("。") == std::string_view::npos &&
         !is_value_like(text);
}

// The labels that are not pieces of a group label.
std::vector<std::string> without_groups(const std::vector<std::string>& labels, const std::vector<GroupKey>& groups) {
  std::vector<std::string> kept;
  for (const auto& l : labels)
    if (!is_group_piece(l, groups)) kept.push_back(l);
  return kept;
}

// Group labels printed in a row's label cells never name the row: they are
// set aside, and the labels as printed kept for reports.
void set_aside_group_labels(std::vector<Candidate>& candidates, const std::vector<GroupKey>& groups) {
  for (auto& c : candidates)
    if (c.flat_row < 0) {
      c.own_labels = c.labels;
      c.labels = without_groups(c.labels, groups);
      c.unlabeled = c.labels.empty();
    }
}

// The label lines between two lines of figures are shared out between
// them: the first lines to the figures above (the end of their label), the
// rest to the figures below. gaps[i] are the label lines just before
// candidate i; gaps[n] those after the last.
using LabelGap = std::vector<const LabelLine*>;

std::vector<LabelGap> label_gaps(const std::vector<Candidate>& candidates, const std::vector<LabelLine>& label_lines) {
  std::vector<LabelGap> gaps(candidates.size() + 1);
  std::size_t i = 0;
  for (const auto& line : label_lines) {
    while (i < candidates.size() && !(line.pos < candidates[i].pos)) ++i;
    gaps[i].push_back(&line);
  }
  return gaps;
}

// Candidate c with the last `before` lines of the gap above it and the
// first `after` lines of the gap below it, group labels left out.
Candidate with_labels(const Candidate& c, const LabelGap& above, std::size_t before, const LabelGap& below,
                      std::size_t after, const std::vector<GroupKey>& groups) {
  Candidate trial = c;
  trial.borrowed = before + after > 0;
  std::vector<std::string> borrowed;
  for (std::size_t k = above.size() - before; k < above.size(); ++k)
    for (const auto& l : without_groups(above[k]->labels, groups)) borrowed.push_back(l);
  trial.labels.insert(trial.labels.begin(), borrowed.begin(), borrowed.end());
  for (std::size_t k = 0; k < after; ++k)
    for (const auto& l : without_groups(below[k]->labels, groups)) trial.labels.push_back(l);
  return trial;
}

// A label of a label block, the row it names, and where it stands.
struct NamedLabel {
  std::vector<std::string> labels;
  int row = -1;
  Span span;
};

// The row a label line names best (row -1 for none). A line of a label
// block may start with its group label ("（五）不予处理1.信访举报投诉类申请"):
// the row label is read without it too.
NamedLabel row_named(const std::vector<std::string>& labels, const TableSpec& table, const std::vector<GroupKey>& groups) {
  std::string joined;
  for (const auto& l : labels) joined += l;
  const std::u32string key = key_of(strip_ordinals(joined));
  std::vector<std::u32string> forms{key};
  for (const auto& g : groups)
    if (fold(joined).starts_with(g.ordinal) && key.starts_with(g.key) && key.size() > g.key.size())
      forms.push_back(key.substr(g.key.size()));
  NamedLabel best;
  double best_score = 0;
  for (std::size_t j = 0; j < table.rows.size(); ++j)
    for (const auto& form : forms) {
      const double sc = match_key(form, table.rows[j], false).score;
      if (sc > best_score) best.row = static_cast<int>(j), best_score = sc;
    }
  return best;
}

bool is_unlabeled_figures(const Candidate& c) {
  return c.unlabeled && !c.values.empty() && !c.blank_row && c.flat_row < 0;
}

// The label lines after `begin` (exclusive, unless from_start) and before
// `end`, as the rows they name, in order: lines naming the same row one
// after the other are one label wrapped. Empty when a line names no row or
// the rows do not go down the table.
std::vector<NamedLabel> labels_above(const std::vector<LabelLine>& label_lines, const TextPos& begin, bool from_start,
                                     const TextPos& end, const TableSpec& table, const std::vector<GroupKey>& groups) {
  std::vector<NamedLabel> labels;
  int last_row = -1;
  for (const auto& line : label_lines) {
    if ((!from_start && !(begin < line.pos)) || !(line.pos < end)) continue;
    const auto kept = without_groups(line.labels, groups);
    if (kept.empty()) continue;
    NamedLabel named = row_named(kept, table, groups);
    const int row = named.row;
    if (row < 0 || row < last_row) return {};
    if (row == last_row) {
      labels.back().labels.insert(labels.back().labels.end(), kept.begin(), kept.end());
    } else {
      named.labels = kept;
      named.span = line.span;
      labels.push_back(std::move(named));
    }
    last_row = row;
  }
  return labels;
}

// Whether a label line stands between two positions: lines of figures
// with their label wrapped around them (a PDF) are no block.
bool label_line_between(const std::vector<LabelLine>& label_lines, const TextPos& a, const TextPos& b) {
  const auto after = std::upper_bound(label_lines.begin(), label_lines.end(), a,
                                      [](const TextPos& p, const LabelLine& l) { return p < l.pos; });
  return after != label_lines.end() && after->pos < b;
}

// A label block whose figure block has another number of lines: lines of
// figures [first, end) of the candidates, aligned after the cells are
// read (resolve_label_blocks).
struct LabelBlock {
  std::size_t first = 0, end = 0;
  std::vector<NamedLabel> labels;
};

// A converter that prints the label column and the figure rows as separate
// blocks (PDF to Markdown): a block of label lines, then a block of lines of
// figures without labels. As many labels as lines of figures pair in print
// order, the only order-keeping alignment. Otherwise any label could be
// the one without figures (or any line the one without a label): the
// block is kept apart for the identities to decide, and its lines borrow
// no label. Returns which candidates must not borrow labels.
std::vector<bool> pair_label_blocks(std::vector<Candidate>& candidates, const std::vector<LabelLine>& label_lines,
                                    const TableSpec& table, const std::vector<GroupKey>& groups,
                                    std::vector<LabelBlock>& apart) {
  std::vector<bool> settled(candidates.size(), false);
  for (std::size_t s = 0; s < candidates.size();) {
    std::size_t e = s;
    while (e < candidates.size() && is_unlabeled_figures(candidates[e]) &&
           (e == s || !label_line_between(label_lines, candidates[e - 1].pos, candidates[e].pos)))
      ++e;
    if (e - s < min_figure_block_lines) {
      s = e + 1;
      continue;
    }
    auto labels = labels_above(label_lines, s > 0 ? candidates[s - 1].pos : TextPos{}, s == 0,
                               candidates[s].pos, table, groups);
    for (std::size_t k = s; k < e; ++k) settled[k] = true;
    if (labels.size() == e - s) {
      for (std::size_t k = s; k < e; ++k) {
        candidates[k].labels = candidates[k].own_labels = labels[k - s].labels;
        candidates[k].flat_row = labels[k - s].row;
        candidates[k].unlabeled = false;
      }
    } else if (!labels.empty()) {
      for (std::size_t k = s; k < e; ++k) candidates[k].in_label_block = true;
      apart.push_back({s, e, std::move(labels)});
    }
    s = e;
  }
  return settled;
}

// Lines of figures whose label is not a complete row label take the label
// lines right around them when that makes a better match: a label wrapped
// above and below its figures.

// A label made whole (an exact or listed wording) outweighs any number of
// pieces: a line that completes one row's label goes to that row, even when
// it would also make fragments of two others' labels longer. Over 1, the
// most a table's fragments can add up to, times any table's row count.
constexpr double whole_label_bonus = 1000;

// A line borrowed for nothing costs this much score: of two ways to share
// out the lines that match equally well, the one borrowing fewer wins, so
// a line that names no row stays where it is.
constexpr double borrowed_line_cost = 1e-6;

// Lines of figures whose label is not a complete row label take label lines
// around them (up to labels_borrowed_before above and labels_borrowed_after
// below): a label wrapped above and below its figures. Each label line goes
// to one line of figures at most, shared out so that the labels together
// match best: a wrapped piece such as “理其政府信息公开申请”, which ends two
// row labels, goes to the row whose label it completes.
// Returns the label blocks left for the identities to align.
std::vector<LabelBlock> borrow_labels(std::vector<Candidate>& candidates, const std::vector<LabelLine>& label_lines,
                                      const TableSpec& table) {
  const std::vector<GroupKey> groups = group_keys(table);
  set_aside_group_labels(candidates, groups);
  // label blocks paired with figure blocks as a whole borrow nothing more
  std::vector<LabelBlock> apart;
  const std::vector<bool> settled = pair_label_blocks(candidates, label_lines, table, groups, apart);
  const std::vector<LabelGap> gaps = label_gaps(candidates, label_lines);
  const std::size_t n = candidates.size(), most_after = static_cast<std::size_t>(labels_borrowed_after);
  // best[i][a]: the best total score of the candidates before i when
  // candidate i - 1 takes the first a lines of gaps[i]; choice[i][a]: how
  // many lines above it that candidate took, and the a of the one before.
  struct Choice {
    std::size_t before = 0, taken_above = 0;
  };
  constexpr double impossible = -1;
  std::vector<std::vector<double>> best(n + 1, std::vector<double>(most_after + 1, impossible));
  std::vector<std::vector<Choice>> choice(n + 1, std::vector<Choice>(most_after + 1));
  best[0][0] = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const Candidate& c = candidates[i];
    const bool borrows = !settled[i] && !c.values.empty() && !names_a_row(c, table.rows);
    // a share's score does not depend on what the candidate above took: scored once
    std::map<std::pair<std::size_t, std::size_t>, double> scored;
    auto score_of = [&](std::size_t before, std::size_t after) {
      const auto [at, fresh] = scored.try_emplace({before, after}, 0.0);
      if (fresh) at->second = best_score(with_labels(c, gaps[i], before, gaps[i + 1], after, groups), table.rows);
      return at->second;
    };
    // most lines taken by the candidate above first: of two equal shares,
    // a line goes to the figures above it, as it reads
    for (std::size_t taken = most_after + 1; taken-- > 0;) {
      if (best[i][taken] == impossible) continue;
      const std::size_t max_before = borrows ? std::min(gaps[i].size() - taken, static_cast<std::size_t>(labels_borrowed_before)) : 0;
      const std::size_t max_after = borrows ? std::min(gaps[i + 1].size(), most_after) : 0;
      for (std::size_t before = 0; before <= max_before; ++before)
        for (std::size_t after = 0; after <= max_after; ++after) {
          const double score = borrows ? score_of(before, after) : 0;
          const double total = best[i][taken] + score + (score >= variant_score ? whole_label_bonus : 0) -
                               borrowed_line_cost * static_cast<double>(before + after);
          if (total > best[i + 1][after]) best[i + 1][after] = total, choice[i + 1][after] = {before, taken};
        }
    }
  }
  std::size_t after = 0;
  for (std::size_t a = 1; a <= most_after; ++a)
    if (best[n][a] > best[n][after]) after = a;
  for (std::size_t i = n; i > 0; --i) {
    const Choice ch = choice[i][after];
    if (ch.before + after > 0) candidates[i - 1] = with_labels(candidates[i - 1], gaps[i - 1], ch.before, gaps[i], after, groups);
    after = ch.taken_above;
  }
  return apart;
}

// The canonical grid, every row and cell missing until a candidate fills it.
TableResult empty_grid(const TableSpec& table) {
  TableResult result;
  result.id = table.id;
  result.part = table.part;
  result.caption = table.caption;
  for (const auto& c : table.columns) result.columns.push_back({c.id, c.label});
  for (const auto& row : table.rows) {
    RowResult r;
    r.id = row.id;
    r.label = row.group.empty() ? row.label : row.group + " " + row.label;
    r.values_expected = static_cast<int>(table.columns_of(row).size());
    result.rows.push_back(r);
    for (const auto& col : table.columns_of(row)) result.cells.push_back(CellResult{.row = row.id, .col = col});
  }
  return result;
}

// What the table's part holds that may be its rows.
struct Gathered {
  std::vector<Candidate> candidates;
  std::vector<LabelLine> label_lines;
  bool any_grid = false;      // some table block gave a candidate
  std::optional<Span> image;  // the part's first picture: the table may be published as one
};

// Figures and label lines of a paragraph's part inside the region, [from, to).
void text_candidates(const Document& doc, std::size_t b, std::size_t from, std::size_t to, const TableSpec& table,
                     Gathered& found) {
  const std::string& text = doc.blocks[b].text;
  if (table.one_line) one_line_candidate(doc, b, from, to, table, found.candidates);
  else flat_candidates(doc, b, from, to, table, found.candidates);
  if (is_short_label(std::string_view(text).substr(from, to - from)))
    found.label_lines.push_back({{b, from}, {text.substr(from, to - from)}, span_at(doc, {b, from})});
}

// Every block of the part's region, whatever its kind, may hold rows: a
// converter can print one table as a grid, as running text or as a picture.
Gathered gather(const Document& doc, const TableSpec& table, const PartRegion& region) {
  const TextPos from = region.found ? region.body : TextPos{};
  const TextPos to = region.found ? region.end : TextPos{doc.blocks.size(), 0};
  Gathered found;
  for (std::size_t b = from.block; b < doc.blocks.size() && TextPos{b, 0} < to; ++b) {
    const Block& block = doc.blocks[b];
    if (block.kind == BlockKind::image) {
      if (!found.image) found.image = block.span;
    } else if (block.kind == BlockKind::table) {
      const std::size_t before = found.candidates.size();
      grid_candidates(doc, b, table, found.candidates, found.label_lines);
      found.any_grid = found.any_grid || found.candidates.size() > before;
    } else {
      const std::size_t s = b == from.block ? from.offset : 0;
      const std::size_t e = b == to.block ? std::min(to.offset, block.text.size()) : block.text.size();
      if (s < e) text_candidates(doc, b, s, e, table, found);
    }
  }
  return found;
}

// Running text yields its candidates row label by row label, not in print
// order; the alignment and the label borrowing need print order.
void sort_in_reading_order(Gathered& found) {
  std::stable_sort(found.candidates.begin(), found.candidates.end(),
                   [](const Candidate& a, const Candidate& b) { return a.pos < b.pos; });
  std::stable_sort(found.label_lines.begin(), found.label_lines.end(),
                   [](const LabelLine& a, const LabelLine& b) { return a.pos < b.pos; });
}

// Which canonical rows each candidate fills (none, one, or all of a
// one-line table), and how its label matched.
struct Assignment {
  std::vector<std::vector<int>> rows_of;
  std::vector<RowMatch> kind_of;
};

// A line of figures that may fill a one-line table: no label, and from a
// table block if there is one.
bool fills_one_line(const Candidate& c, bool any_grid) {
  if (!c.labels.empty() || (c.values.empty() && !c.has_run)) return false;
  return !(any_grid && c.has_run);
}

// The figures of a grid line, without the empty cells after the last one.
std::size_t printed_figures(const Candidate& c) {
  std::size_t n = c.values.size();
  while (n > 0 && fold(c.values[n - 1].text).empty()) --n;
  return n;
}

// The rows from `first` whose columns a line of `figures` figures fills
// exactly; none when the count ends inside a row.
std::vector<int> rows_filled(const TableSpec& table, std::size_t first, std::size_t figures) {
  std::vector<int> rows;
  std::size_t slots = 0;
  for (std::size_t r = first; r < table.rows.size() && slots < figures; ++r) {
    slots += table.columns_of(table.rows[r]).size();
    rows.push_back(static_cast<int>(r));
  }
  return slots == figures ? rows : std::vector<int>{};
}

// A one-line table has no row labels: the first line of figures fills it.
// A converter may print it one row per line (表四 as three Markdown rows
// of 5): then the lines right after it fill the next rows, in order, as
// long as each line's count is exactly the columns of whole rows.
Assignment assign_one_line(const std::vector<Candidate>& candidates, bool any_grid, const TableSpec& table) {
  Assignment a{std::vector<std::vector<int>>(candidates.size()), std::vector<RowMatch>(candidates.size(), RowMatch::missing)};
  std::size_t i = 0;
  while (i < candidates.size() && !fills_one_line(candidates[i], any_grid)) ++i;
  if (i == candidates.size()) return a;
  a.kind_of[i] = RowMatch::exact;
  const std::vector<int> first_rows = candidates[i].has_run ? std::vector<int>{} : rows_filled(table, 0, printed_figures(candidates[i]));
  if (first_rows.empty() || first_rows.size() == table.rows.size()) {
    for (std::size_t r = 0; r < table.rows.size(); ++r) a.rows_of[i].push_back(static_cast<int>(r));
    return a;
  }
  a.rows_of[i] = first_rows;
  for (std::size_t next = first_rows.size(); ++i < candidates.size() && next < table.rows.size();) {
    const Candidate& c = candidates[i];
    if (!fills_one_line(c, any_grid) || c.has_run) break;
    const std::vector<int> rows = rows_filled(table, next, printed_figures(c));
    if (rows.empty()) break;
    a.rows_of[i] = rows;
    a.kind_of[i] = RowMatch::exact;  // placed in the standard's row order, as the one line is
    next += rows.size();
  }
  return a;
}

using Scores = std::vector<std::vector<Match>>;  // [candidate][row]

// How well each candidate's label names each row: computed once, the
// passes below read and clear it.
Scores score_all(const std::vector<Candidate>& candidates, const TableSpec& table) {
  Scores s(candidates.size(), std::vector<Match>(table.rows.size()));
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    const auto forms = label_forms(candidates[i], longest_row(table.rows));
    for (std::size_t j = 0; j < table.rows.size(); ++j)
      s[i][j] = score(candidates[i], forms, table.rows[j], static_cast<int>(j));
  }
  return s;
}

// At most one row per candidate (-1: none), and how its label matched.
struct Pairing {
  explicit Pairing(std::size_t n) : row_of(n, -1), kind_of(n, RowMatch::missing) {}
  std::vector<int> row_of;
  std::vector<RowMatch> kind_of;
};

// A label that matches one row exactly, and is that row's only exact
// match, is taken wherever it stands (converters reorder sub-tables); its
// row and its candidate leave the alignment.
void take_unique_exact(Scores& s, std::size_t m, Pairing& p) {
  const std::size_t n = s.size();
  std::vector<int> exact_in_row(m, 0), exact_in_candidate(n, 0);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < m; ++j)
      if (s[i][j].score == exact_score) ++exact_in_row[j], ++exact_in_candidate[i];
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < m; ++j)
      if (s[i][j].score == exact_score && exact_in_row[j] == 1 && exact_in_candidate[i] == 1) {
        p.row_of[i] = static_cast<int>(j);
        p.kind_of[i] = RowMatch::exact;
        for (auto& other : s) other[j] = {};
        for (auto& other : s[i]) other = {};
      }
}

// The rest: the order-preserving alignment that maximises label
// similarity, so a missing or extra row does not shift the others.
void align_in_order(const Scores& s, std::size_t m, Pairing& p) {
  const std::size_t n = s.size();
  std::vector<std::vector<double>> best(n + 1, std::vector<double>(m + 1, 0));
  for (std::size_t i = 1; i <= n; ++i)
    for (std::size_t j = 1; j <= m; ++j) {
      best[i][j] = std::max(best[i - 1][j], best[i][j - 1]);
      if (s[i - 1][j - 1].score > 0) best[i][j] = std::max(best[i][j], best[i - 1][j - 1] + s[i - 1][j - 1].score);
    }
  for (std::size_t i = n, j = m; i > 0 && j > 0;) {
    if (s[i - 1][j - 1].score > 0 && best[i][j] == best[i - 1][j - 1] + s[i - 1][j - 1].score) {
      p.row_of[i - 1] = static_cast<int>(j - 1);
      p.kind_of[i - 1] = s[i - 1][j - 1].kind;
      --i;
      --j;
    } else if (best[i][j] == best[i - 1][j]) {
      --i;
    } else {
      --j;
    }
  }
}

// A superseded row is never printed together with the rows that replace
// it. A line taken for it right beside one of them (within as many lines
// as they are) is a line of those rows whose label stood elsewhere (a PDF
// prints the group label "（六）其他处理" on the middle row's line): it is
// left to the placement by position. Otherwise the report uses the old
// row, and lines taken for the new ones elsewhere (a header's "其他") are not.
void settle_superseded(const TableSpec& table, Pairing& p) {
  auto replaces = [&](const RowSpec& old, int r) {
    return r >= 0 && std::find(old.replaced_by.begin(), old.replaced_by.end(),
                               table.rows[static_cast<std::size_t>(r)].id) != old.replaced_by.end();
  };
  const std::ptrdiff_t n = static_cast<std::ptrdiff_t>(p.row_of.size());
  for (std::ptrdiff_t i = 0; i < n; ++i) {
    if (p.row_of[i] < 0 || table.rows[static_cast<std::size_t>(p.row_of[i])].replaced_by.empty()) continue;
    const RowSpec& old = table.rows[static_cast<std::size_t>(p.row_of[i])];
    const std::ptrdiff_t reach = static_cast<std::ptrdiff_t>(old.replaced_by.size());
    bool beside = false;
    for (std::ptrdiff_t k = std::max<std::ptrdiff_t>(0, i - reach); k < std::min(n, i + reach + 1); ++k)
      beside = beside || replaces(old, p.row_of[k]);
    for (std::ptrdiff_t k = 0; k < n; ++k)
      if (beside ? k == i : replaces(old, p.row_of[k])) p.row_of[k] = -1, p.kind_of[k] = RowMatch::missing;
  }
}

// Figures whose label was detached (or misread by OCR): fill a gap between two matched rows
// when the gap has exactly as many unlabeled lines as unmatched rows of the
// format (a superseded row is never placed by position).
void place_unlabeled(const std::vector<Candidate>& candidates, const TableSpec& table, Pairing& p) {
  const std::size_t n = candidates.size(), m = table.rows.size();
  int prev_row = -1;
  std::size_t prev_i = 0;
  for (std::size_t i = 0; i <= n; ++i) {
    if (i < n && p.row_of[i] < 0) continue;
    const int next_row = i < n ? p.row_of[i] : static_cast<int>(m);
    std::vector<std::size_t> unlabeled;
    bool clean = true;
    for (std::size_t k = (prev_row < 0 ? 0 : prev_i + 1); k < i; ++k) {
      // a label OCR read that matches no row is as good as none: it may be
      // the row's own, misread ("（七）总计" as "(4) it")
      const bool no_label = candidates[k].unlabeled || candidates[k].span.ocr_confidence >= 0;
      if (no_label && !candidates[k].blank_row && !candidates[k].values.empty() &&
          !candidates[k].in_label_block)
        unlabeled.push_back(k);
      else if (candidates[k].flat_row < 0) clean = false;
    }
    std::vector<int> gap;
    for (int r = prev_row + 1; r < next_row; ++r)
      if (table.rows[static_cast<std::size_t>(r)].replaced_by.empty()) gap.push_back(r);
    if (clean && !gap.empty() && gap.size() == unlabeled.size() && prev_row >= 0 && i < n)
      for (std::size_t u = 0; u < unlabeled.size(); ++u) {
        p.row_of[unlabeled[u]] = gap[u];
        p.kind_of[unlabeled[u]] = RowMatch::position;
      }
    prev_row = next_row;
    prev_i = i;
  }
}

// A line of figures that fills no row, with its label as printed.
void report_extra(const Candidate& c, TableResult& result) {
  std::string printed;
  for (const auto& l : c.own_labels) printed += (printed.empty() ? "" : " ") + l;
  result.extra.push_back({printed, c.span});
}

// Lines of figures that fill no row are reported with their label as
// printed: a row the standard does not have, or one too garbled to match.
Assignment assignment_of(const std::vector<Candidate>& candidates, Pairing p, TableResult& result) {
  Assignment a{std::vector<std::vector<int>>(candidates.size()), std::move(p.kind_of)};
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    if (p.row_of[i] >= 0) {
      a.rows_of[i].push_back(p.row_of[i]);
    } else if (candidates[i].flat_row < 0 && !candidates[i].blank_row && !candidates[i].values.empty() &&
               !candidates[i].in_label_block) {  // a block's lines wait for resolve_label_blocks
      report_extra(candidates[i], result);
    }
  }
  return a;
}

// Rows by their labels: unique exact matches first, then the alignment in
// print order, then detached figures by position.
Assignment assign_rows(const std::vector<Candidate>& candidates, const TableSpec& table, TableResult& result) {
  Scores s = score_all(candidates, table);
  Pairing p(candidates.size());
  take_unique_exact(s, table.rows.size(), p);
  align_in_order(s, table.rows.size(), p);
  settle_superseded(table, p);
  place_unlabeled(candidates, table, p);
  return assignment_of(candidates, std::move(p), result);
}

// Digit runs left for the identity-driven split, and the whole numbers
// already in cells that the identities can balance them against.
struct PendingRuns {
  std::vector<RunRow> runs;
  std::vector<std::size_t> candidate;  // runs[k] is the run of candidates[candidate[k]]
  CellValues known;
};

// The rows a candidate fills are found, whatever their cells turn out to be.
void mark_found(const Candidate& c, const std::vector<int>& rows, RowMatch kind, TableResult& result) {
  for (int r : rows) {
    RowResult& row = result.rows[static_cast<std::size_t>(r)];
    row.match = kind;
    row.printed = !c.labels.empty() ? c.labels.back()
                  // a superseded row, named by what reads as a group label
                  : kind == RowMatch::exact && !c.own_labels.empty() ? c.own_labels.back()
                  : std::string();
    row.span = c.span;
  }
  if (!result.found) result.span = c.span;
  result.found = true;
}

// A row's figures without the empty cells past its slots: trailing ones
// first (a grid wider than the table, a cell of a colspan), then leading
// ones, erased at once: a row may have thousands.
std::vector<Token> without_surplus_blanks(std::vector<Token> values, std::size_t slots) {
  std::size_t trailing = 0;
  while (values.size() - trailing > slots && fold(values[values.size() - 1 - trailing].text).empty()) ++trailing;
  values.erase(values.end() - static_cast<std::ptrdiff_t>(trailing), values.end());
  std::size_t leading = 0;
  while (values.size() - leading > slots && fold(values[leading].text).empty()) ++leading;
  values.erase(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(leading));
  return values;
}

// A template row: every cell blank.
void fill_blank(const std::vector<CellKey>& slots, const Span& span, TableResult& result) {
  for (const auto& k : slots) cell_at(result, k)->status = CellStatus::blank;
  for (const auto& k : slots) cell_at(result, k)->span = span;
}

// One figure per cell, in print order.
void fill_values(const TableSpec& table, const std::vector<CellKey>& slots, const std::vector<Token>& values,
                 TableResult& result, CellValues& known) {
  for (std::size_t k = 0; k < slots.size(); ++k) {
    CellResult* cell = cell_at(result, slots[k]);
    cell->text = values[k].text;
    cell->span = values[k].span;
    const ColumnSpec* column = table.column(slots[k].second);
    CellReading reading;
    cell->status = read_cell(values[k].text, column && column->decimal ? ColumnKind::amount : ColumnKind::count,
                             cell->value, reading);
    cell->unit = reading.unit;
    cell->chinese_numeral = reading.chinese_numeral;
    if (cell->status == CellStatus::number && cell->value == static_cast<double>(static_cast<long long>(cell->value)))
      known[slots[k]] = static_cast<long long>(cell->value);
  }
}

// Figures run together: one digit per cell leaves no choice; otherwise the
// run waits for the identity-driven split.
void fill_run(const Candidate& c, std::size_t i, const std::vector<CellKey>& slots, RowResult& first,
              TableResult& result, PendingRuns& pending) {
  std::string digits = c.run;
  std::erase(digits, ' ');
  if (digits.size() == slots.size()) {
    for (std::size_t k = 0; k < slots.size(); ++k) {
      CellResult* cell = cell_at(result, slots[k]);
      cell->text = digits.substr(k, 1);
      cell->value = digits[k] - '0';
      cell->status = CellStatus::number;
      cell->span = c.span;
      pending.known[slots[k]] = digits[k] - '0';
    }
    first.values_found = static_cast<int>(slots.size());
    return;
  }
  pending.runs.push_back({slots, split_words(c.run)});
  pending.candidate.push_back(i);
  first.problem = "run";
  first.run = c.run;
  first.values_found = 0;
}

// Running-text figures with a decimal point ("行政事业性收费 9116.36 (二)"):
// an amount no digit split may cut, read word by word when the words are
// as many as the cells; otherwise none.
std::vector<Token> amount_words(const Candidate& c, std::size_t slots) {
  if (c.run.find('.') == std::string::npos) return {};
  std::vector<Token> words;
  for (auto& w : split_words(c.run)) words.push_back({std::move(w), c.span});
  return words.size() == slots ? words : std::vector<Token>{};
}

// Flattened text: a one-cell row whose figures are one number ("行政许可2418",
// "行政事业性收费9116.36") leaves no choice; the number is its cell, read as
// printed, and marked recovered since its label ran into it. A single
// digit is no run at all: one digit per cell (fill_run). A leading zero
// ("02024") starts a second figure, so the digits are no one number.
bool is_one_figure(const std::string& run) {
  double value = 0;
  return run.size() > 1 && run.find(' ') == std::string::npos && !(run[0] == '0' && run[1] != '.') &&
         classify_cell(run, value) == CellStatus::number;
}

void fill_one_figure(const TableSpec& table, const Candidate& c, const CellKey& slot, RowResult& first, TableResult& result,
                     CellValues& known) {
  fill_values(table, {slot}, {{c.run, c.span}}, result, known);
  cell_at(result, slot)->recovered = true;
  first.run = c.run;
  first.values_found = 1;
}

// One candidate's values into the cells of its rows; a count that fits no
// way is the row's problem.
void fill_candidate(const std::vector<Candidate>& candidates, std::size_t i, const Assignment& a,
                    const TableSpec& table, const ColumnCentres& centres, TableResult& result, PendingRuns& pending) {
  const Candidate& c = candidates[i];
  const std::vector<CellKey> slots = slots_of(table, a.rows_of[i]);
  mark_found(c, a.rows_of[i], a.kind_of[i], result);
  RowResult& first = result.rows[static_cast<std::size_t>(a.rows_of[i].front())];
  if (c.has_run && slots.size() == 1 && is_one_figure(c.run)) {  // said (EXT-04) only when the label ran into it
    if (c.glued) fill_one_figure(table, c, slots.front(), first, result, pending.known);
    else fill_values(table, slots, {{c.run, c.span}}, result, pending.known), first.values_found = 1;
    return;
  }
  std::vector<Token> values = c.has_run ? amount_words(c, slots.size()) : without_surplus_blanks(c.values, slots.size());
  first.values_found = static_cast<int>(values.size());
  // A PDF prints nothing in a blank cell: place the figures under their
  // columns by position, and the columns left over are blank.
  if (!values.empty() && values.size() < slots.size())
    values = align_to_columns(values, centres, table, a.rows_of[i], slots.size());
  if (values.empty() && !c.has_run) {
    fill_blank(slots, c.span, result);
  } else if (values.size() == slots.size()) {
    fill_values(table, slots, values, result, pending.known);
  } else if (c.has_run && c.run.find_first_not_of("0123456789 ") == std::string::npos) {
    fill_run(c, i, slots, first, result, pending);
  } else {
    first.problem = "count";
    if (c.has_run) first.run = c.run;
  }
}

// Values into cells, candidate by candidate in print order; digit runs
// are collected for the split, which needs every other cell first.
PendingRuns fill_cells(const std::vector<Candidate>& candidates, const Assignment& a, const TableSpec& table,
                       TableResult& result) {
  const ColumnCentres centres = column_centres(table, candidates, a.rows_of);
  PendingRuns pending;
  for (std::size_t i = 0; i < candidates.size(); ++i)
    if (!a.rows_of[i].empty()) fill_candidate(candidates, i, a, table, centres, result, pending);
  return pending;
}

// A table not found in text, where its part shows a picture, was
// published as an image: said so rather than reported missing.
void fall_back_to_image(const std::optional<Span>& image, TableResult& result) {
  if (result.found || !image) return;
  result.image = true;
  result.span = *image;
}

// Runs of digits split where exactly one split of all runs together
// satisfies the table's identities; the others keep their problem.
void split_pending_runs(const PendingRuns& pending, const std::vector<Candidate>& candidates, const Assignment& a,
                        const TableSpec& table, TableResult& result) {
  if (pending.runs.empty()) return;
  const auto splits = split_runs(table, pending.runs, pending.known);
  for (std::size_t k = 0; k < pending.runs.size(); ++k) {
    if (!splits[k]) continue;
    const std::size_t i = pending.candidate[k];
    result.rows[static_cast<std::size_t>(a.rows_of[i].front())].problem.clear();
    for (std::size_t s = 0; s < pending.runs[k].slots.size(); ++s) {
      CellResult* cell = cell_at(result, pending.runs[k].slots[s]);
      cell->status = CellStatus::number;
      cell->value = static_cast<double>((*splits[k])[s]);
      cell->text = std::to_string((*splits[k])[s]);
      cell->span = candidates[i].span;
      cell->recovered = true;
    }
  }
}

// Which line of figures (within its block) each label of a label block
// takes, -1 for none.
using BlockAlignment = std::vector<int>;

// Every order-keeping alignment of `labels` labels to `lines` lines that
// leaves out only the surplus of the longer side; none past
// max_block_alignments (too many to decide between).
std::vector<BlockAlignment> block_alignments(std::size_t labels, std::size_t lines) {
  std::vector<BlockAlignment> out;
  BlockAlignment current(labels, -1);
  auto extend = [&](auto&& self, std::size_t l, std::size_t f) -> void {
    if (out.size() > max_block_alignments) return;
    if (l == labels && f == lines) return out.push_back(current);
    if (l < labels && f < lines) {
      current[l] = static_cast<int>(f);
      self(self, l + 1, f + 1);
      current[l] = -1;
    }
    if (labels > lines && l < labels) self(self, l + 1, f);
    if (lines > labels && f < lines) self(self, l, f + 1);
  };
  extend(extend, 0, 0);
  return out.size() > max_block_alignments ? std::vector<BlockAlignment>{} : out;
}

// The whole numbers a block's lines give their rows under one alignment,
// added to `values`; false when a line's figures do not fit its row.
bool values_under(const LabelBlock& block, const BlockAlignment& line_of, const std::vector<Candidate>& candidates,
                  const TableSpec& table, CellValues& values) {
  for (std::size_t l = 0; l < line_of.size(); ++l) {
    if (line_of[l] < 0) continue;
    const std::vector<CellKey> slots = slots_of(table, {block.labels[l].row});
    const auto figures = without_surplus_blanks(candidates[block.first + static_cast<std::size_t>(line_of[l])].values, slots.size());
    if (figures.size() != slots.size()) return false;
    for (std::size_t k = 0; k < slots.size(); ++k) {
      double value = 0;
      if (classify_cell(figures[k].text, value) == CellStatus::number && value == std::floor(value))
        values[slots[k]] = static_cast<long long>(value);
    }
  }
  return true;
}

// The one alignment under which the table's identities hold, with the
// cells read elsewhere; none when no alignment or several (giving
// different cells) do.
std::optional<BlockAlignment> balancing_alignment(const LabelBlock& block, const std::vector<Candidate>& candidates,
                                                  const TableSpec& table, const CellValues& known) {
  std::optional<BlockAlignment> found;
  std::optional<CellValues> found_values;
  for (const auto& alignment : block_alignments(block.labels.size(), block.end - block.first)) {
    CellValues values = known;
    if (!values_under(block, alignment, candidates, table, values) || !identities_hold(table, values)) continue;
    if (found_values && *found_values != values) return std::nullopt;
    found = alignment, found_values = std::move(values);
  }
  return found;
}

// A row whose label the block prints but whose figures cannot be told:
// found, its cells undecided. Its label names it as a paired block's does.
void mark_unaligned(const NamedLabel& label, TableResult& result) {
  RowResult& row = result.rows[static_cast<std::size_t>(label.row)];
  row.match = RowMatch::exact;
  row.printed = label.labels.back();
  row.span = label.span;
  row.problem = "unaligned";
  if (!result.found) result.span = label.span;
  result.found = true;
}

// Label blocks whose figure block has another number of lines: the lines
// fill the rows of the one alignment the identities confirm (match
// "balance"); without one, the block's rows are found with their cells
// undecided and its lines are figures without a row.
void resolve_label_blocks(const std::vector<LabelBlock>& blocks, const std::vector<Candidate>& candidates,
                          const TableSpec& table, Assignment& a, TableResult& result, PendingRuns& pending) {
  const ColumnCentres no_centres;  // lines of a converted text carry no positions
  for (const auto& block : blocks) {
    const auto alignment = balancing_alignment(block, candidates, table, pending.known);
    std::vector<bool> placed(block.end - block.first, false);
    for (std::size_t l = 0; l < block.labels.size(); ++l) {
      const int line = alignment ? (*alignment)[l] : -1;
      if (line < 0) {
        mark_unaligned(block.labels[l], result);
        continue;
      }
      const std::size_t i = block.first + static_cast<std::size_t>(line);
      a.rows_of[i] = {block.labels[l].row};
      a.kind_of[i] = RowMatch::balance;
      fill_candidate(candidates, i, a, table, no_centres, result, pending);
      result.rows[static_cast<std::size_t>(block.labels[l].row)].printed = block.labels[l].labels.back();
      placed[static_cast<std::size_t>(line)] = true;
    }
    for (std::size_t f = 0; f < placed.size(); ++f)
      if (!placed[f]) report_extra(candidates[block.first + f], result);
  }
}

// A figure as a scan should print it: digits only (a point in an amount).
// Anything else OCR read in a figure cell (a letter, a stray mark, a unit)
// is as likely a misreading as the author's text.
bool clean_figure(const std::string& text, bool decimal) {
  static const RE2 count(R"(\d+)"), amount(R"(\d+(?:\.\d+)?)");
  return RE2::FullMatch(text, decimal ? amount : count);
}

// An uncertain cell that two identities or more (its row's and its
// column's) give one value, all their other cells certain: read as that
// value, it is a figure they vouch for; read otherwise, the value is kept
// as the likely reading, for a warning (OCR-01), never put in its place.
void vouch_by_identities(const TableSpec& table, TableResult& result) {
  CellValues known;
  for (const auto& cell : result.cells) {
    if (cell.status == CellStatus::placeholder) known[{cell.row, cell.col}] = 0;
    if (cell.status == CellStatus::number && cell.value == std::floor(cell.value))
      known[{cell.row, cell.col}] = static_cast<long long>(cell.value);
  }
  for (auto& cell : result.cells) {
    if (cell.status != CellStatus::uncertain) continue;
    const std::vector<long long> implied = implied_values(table, known, {cell.row, cell.col});
    if (implied.size() < 2 || implied.front() < 0 ||
        std::any_of(implied.begin(), implied.end(), [&](long long v) { return v != implied.front(); }))
      continue;
    cell.implied = implied.front();
    double value = 0;
    if (clean_figure(cell.text, false) && classify_cell(cell.text, value) == CellStatus::number && value == static_cast<double>(cell.implied)) {
      cell.status = CellStatus::number;
      cell.value = value;
    }
  }
}

// Whether a blank cell of a scan is one OCR saw no ink in: where its row
// (the centre of another cell of the row) crosses its column (the centre of
// another cell of the column), on the row's page.
bool seen_blank(const Document& doc, const TableResult& result, const CellResult& blank) {
  const CellResult *in_row = nullptr, *in_col = nullptr;
  for (const auto& c : result.cells) {
    // a blank cell's span is its neighbour's: only a cell with text stands where it is read
    if (c.status == CellStatus::missing || c.text.empty() || c.span.page == 0) continue;
    if (c.row == blank.row && !in_row) in_row = &c;
    if (c.col == blank.col && !in_col) in_col = &c;
  }
  if (!in_row || !in_col) return false;
  const float x = (in_col->span.x0 + in_col->span.x1) / 2, y = (in_row->span.y0 + in_row->span.y1) / 2;
  return std::any_of(doc.ocr_blank_cells.begin(), doc.ocr_blank_cells.end(), [&](const Span& b) {
    return b.page == in_row->span.page && b.x0 <= x && x <= b.x1 && b.y0 <= y && y <= b.y1;
  });
}

// Cells read by OCR that are not certain figures are undecided (their rules
// and identities too), never a figure nor a defect of the report's shape.
// A blank cell of a table read by OCR is undecided too (a figure the grid
// put in its neighbour's cell, or too faint to be seen, leaves it blank),
// unless OCR saw no ink at all where it stands: then it is blank as printed.
void mark_uncertain_ocr(const Document& doc, const TableSpec& table, TableResult& result) {
  const bool scanned = std::any_of(result.cells.begin(), result.cells.end(), [](const CellResult& c) {
    return c.status != CellStatus::missing && c.span.ocr_confidence >= 0;
  });
  if (!scanned) return;
  for (auto& cell : result.cells) {
    const int confidence = cell.span.ocr_confidence;
    if (cell.status == CellStatus::blank && !seen_blank(doc, result, cell)) cell.status = CellStatus::uncertain;
    if (confidence < 0 || cell.status == CellStatus::missing || cell.status == CellStatus::uncertain ||
        cell.status == CellStatus::blank)
      continue;
    const ColumnSpec* column = table.column(cell.col);
    // A dash or slash OCR read may be a speck, a crease or a lost digit:
    // only digits are sure.
    const bool sure = confidence >= ocr_min_confidence && cell.status == CellStatus::number &&
                      clean_figure(cell.text, column && column->decimal);
    if (!sure) cell.status = CellStatus::uncertain;
  }
  vouch_by_identities(table, result);
}

}  // namespace

TableResult locate_table(const Document& doc, const TableSpec& table, const PartRegion& region) {
  TableResult result = empty_grid(table);
  Gathered found = gather(doc, table, region);
  sort_in_reading_order(found);
  const std::vector<LabelBlock> apart =
      table.one_line ? std::vector<LabelBlock>{} : borrow_labels(found.candidates, found.label_lines, table);
  Assignment assigned = table.one_line ? assign_one_line(found.candidates, found.any_grid, table)
                                       : assign_rows(found.candidates, table, result);
  PendingRuns pending = fill_cells(found.candidates, assigned, table, result);
  resolve_label_blocks(apart, found.candidates, table, assigned, result, pending);
  fall_back_to_image(found.image, result);
  split_pending_runs(pending, found.candidates, assigned, table, result);
  mark_uncertain_ocr(doc, table, result);
  return result;
}

}  // namespace ogi
