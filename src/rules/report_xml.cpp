#include "rules/report_xml.h"

#include "segment/normalize.h"
#include "segment/values.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

namespace ogi {
namespace {

void set(xmlNode* n, const char* name, const std::string& value) {
  xmlNewProp(n, reinterpret_cast<const xmlChar*>(name), reinterpret_cast<const xmlChar*>(value.c_str()));
}
void set(xmlNode* n, const char* name, bool value) { set(n, name, std::string(value ? "true" : "false")); }
void set(xmlNode* n, const char* name, int value) { set(n, name, std::to_string(value)); }

void set_span(xmlNode* n, const Span& s) {
  if (s.line == 0) return;
  if (s.page) set(n, "page", s.page);
  set(n, "line", s.line);
  set(n, "column", s.column);
}

xmlNode* child(xmlNode* parent, const char* name) {
  return xmlNewChild(parent, nullptr, reinterpret_cast<const xmlChar*>(name), nullptr);
}

const char* status_name(CellStatus s) {
  switch (s) {
    case CellStatus::number: return "number";
    case CellStatus::blank: return "blank";
    case CellStatus::placeholder: return "placeholder";
    case CellStatus::text: return "text";
    case CellStatus::missing: return "missing";
    case CellStatus::uncertain: return "uncertain";
  }
  return "missing";
}

// Every located figure equal, and not all of them zero (two years without
// applications are alike without being copied).
bool same_figures(const TableResult& a, const TableResult& b) {
  bool any_nonzero = false;
  for (const auto& c : a.cells) {
    if (c.status != CellStatus::number) continue;
    const auto d = std::find_if(b.cells.begin(), b.cells.end(),
                                [&](const CellResult& x) { return x.row == c.row && x.col == c.col; });
    if (d == b.cells.end() || d->status != CellStatus::number || d->value != c.value) return false;
    any_nonzero = any_nonzero || c.value != 0;
  }
  return any_nonzero;
}

// A part cell of a sum that may hold more than 0: a figure, or a cell
// that could not be read.
bool may_be_nonzero(const TableResult& table, const std::string& row, const std::string& col) {
  for (const auto& c : table.cells)
    if (c.row == row && c.col == col)
      return c.status == CellStatus::number ? c.value != 0 : c.status == CellStatus::text || c.status == CellStatus::missing;
  return false;
}

// A blank total (总计 column, （七）总计 row) whose parts hold figures is not
// 0 but not printed: counting it as 0 would decide its identity over a wrong
// cell, so it stays out of the arithmetic. Beside parts that are all 0 or
// blank (a template, columns left empty) 0 is the only total they allow.
bool is_unprinted_total(const TableResult& table, const TableSpec* spec, const CellResult& cell) {
  if (cell.status != CellStatus::blank || !spec) return false;
  for (const auto& id : spec->identities) {
    if (id.kind == "row-sum" && id.total == cell.col &&
        std::any_of(id.parts.begin(), id.parts.end(), [&](const std::string& col) { return may_be_nonzero(table, cell.row, col); }))
      return true;
    if (id.kind == "column-sum" && id.total == cell.row &&
        std::any_of(id.parts.begin(), id.parts.end(), [&](const std::string& row) { return may_be_nonzero(table, row, cell.col); }))
      return true;
  }
  return false;
}

// A superseded row names the rows that replace it, and they name it: a
// rule tells a row missing from one the report printed in its old form.
void set_superseded(xmlNode* n, const TableSpec* spec, const std::string& row_id) {
  if (!spec) return;
  for (const auto& r : spec->rows) {
    std::string ids;
    for (const auto& id : r.replaced_by) ids += (ids.empty() ? "" : " ") + id;
    if (r.id == row_id && !ids.empty()) set(n, "replaced-by", ids);
    if (std::find(r.replaced_by.begin(), r.replaced_by.end(), row_id) != r.replaced_by.end()) set(n, "replaces", r.id);
  }
}

// Pages as a list: "4 5".
std::string page_list(const std::vector<int>& pages) {
  std::string out;
  for (int p : pages) out += (out.empty() ? "" : " ") + std::to_string(p);
  return out;
}

bool lists_page(const std::vector<int>& pages, int page) { return std::find(pages.begin(), pages.end(), page) != pages.end(); }

// A page without text: the ordinals of the parts, and of the parts whose
// tables, that were not found and may stand on it ("三 四").
void add_picture_page(xmlNode* root, const Report& report, int page) {
  xmlNode* n = child(root, "page");
  set(n, "number", page);
  set(n, "text", std::string("none"));
  std::string parts, tables;
  for (const auto& p : report.parts)
    if (lists_page(p.picture_pages, page)) parts += (parts.empty() ? "" : " ") + p.ordinal_expected;
  for (const auto& t : report.tables)
    for (const auto& p : report.parts)
      if (p.id == t.part && lists_page(t.picture_pages, page)) tables += (tables.empty() ? "" : " ") + p.ordinal_expected;
  if (!parts.empty()) set(n, "parts", parts);
  if (!tables.empty()) set(n, "tables", tables);
  set(n, "page", page);
  set(n, "line", 1);
  set(n, "column", 1);
}

// The three tables under `parent`, rows and cells as named elements.
void add_tables(xmlNode* parent, const Report& report, const Profile& profile) {
  for (const TableResult& table : report.tables) {
    const TableSpec* spec = nullptr;
    for (const auto& t : profile.tables)
      if (t.id == table.id) spec = &t;
    xmlNode* tn = child(parent, "table");
    set(tn, "id", table.id);
    set(tn, "part", table.part);
    set(tn, "caption", table.caption);
    set(tn, "found", table.found);
    if (table.image) set(tn, "image", true);
    if (!table.picture_pages.empty()) set(tn, "picture-pages", page_list(table.picture_pages));
    set_span(tn, table.span);
    std::vector<xmlNode*> row_nodes;  // cells go inside their row
    for (const auto& row : table.rows) {
      // Named by its id: XPath finds ../../carried_over by name far faster
      // than by comparing attribute strings.
      xmlNode* n = child(tn, row.id.c_str());
      row_nodes.push_back(n);
      set(n, "id", row.id);
      set(n, "label", row.label);
      set(n, "match", std::string(match_name(row.match)));
      set(n, "found", row.match != RowMatch::missing);
      set_superseded(n, spec, row.id);
      if (row.match != RowMatch::missing) {
        set(n, "printed", row.printed);
        set(n, "values-found", row.values_found);
        set(n, "values-expected", row.values_expected);
        if (!row.problem.empty()) set(n, "problem", row.problem);
        if (!row.run.empty()) set(n, "run", row.run);
        if (row.span.ocr_confidence >= 0) set(n, "ocr-confidence", row.span.ocr_confidence);
        set_span(n, row.span);
      }
    }
    for (const auto& cell : table.cells) {
      const auto row = std::find_if(table.rows.begin(), table.rows.end(), [&](const RowResult& r) { return r.id == cell.row; });
      if (row == table.rows.end()) continue;  // every cell belongs to a canonical row
      // Named by what it holds (number, blank, placeholder, text, missing):
      // rules select cells by element name, the cheapest XPath test.
      xmlNode* n = child(row_nodes[static_cast<std::size_t>(row - table.rows.begin())], status_name(cell.status));
      set(n, "col", cell.col);
      const ColumnSpec* col = spec ? spec->column(cell.col) : nullptr;
      set(n, "col-label", col ? col->label : cell.col);
      if (col && col->decimal) set(n, "decimal", true);
      if (cell.status != CellStatus::missing) set(n, "text", cell.text);
      if (cell.status == CellStatus::number) set(n, "value", number_text(cell.value));
      // For arithmetic: blank and placeholder cells count as 0 (and are
      // reported by TBL-04); missing or unreadable cells and unprinted
      // totals have no @num, so any sum over them is NaN and the check is
      // undecided, not failed.
      const bool unprinted_total = is_unprinted_total(table, spec, cell);
      if (cell.status == CellStatus::number) set(n, "num", number_text(cell.value));
      if ((cell.status == CellStatus::blank && !unprinted_total) || cell.status == CellStatus::placeholder)
        set(n, "num", std::string("0"));
      if (unprinted_total) set(n, "unprinted-total", true);
      if (cell.recovered) set(n, "recovered", true);
      if (!cell.unit.empty()) set(n, "unit", cell.unit);
      if (cell.chinese_numeral) set(n, "chinese-numeral", true);
      if (cell.span.ocr_confidence >= 0) set(n, "ocr-confidence", cell.span.ocr_confidence);
      if (cell.implied >= 0) set(n, "implied", std::to_string(cell.implied));
      set_span(n, cell.span);
    }
    for (const auto& e : table.extra) {
      xmlNode* n = child(tn, "extra");
      set(n, "printed", e.printed);
      if (e.span.ocr_confidence >= 0) set(n, "ocr-confidence", e.span.ocr_confidence);
      set_span(n, e.span);
    }
  }
}

// Last year's report, for ARI-05 and DUP-01: its tables, and how alike the
// narrative parts and the tables of the two years are.
void add_previous(xmlNode* root, const Report& report, const Report& previous, const Profile& profile) {
  xmlNode* prev = child(root, "previous");
  set(prev, "source", previous.source);
  set(prev, "year", previous.year);
  add_tables(prev, previous, profile);
  for (xmlNode* n = root->children; n; n = n->next) {
    if (xmlStrcmp(n->name, reinterpret_cast<const xmlChar*>("part")) != 0) continue;
    xmlChar* id = xmlGetProp(n, reinterpret_cast<const xmlChar*>("id"));
    for (const auto& p : report.parts)
      for (const auto& q : previous.parts)
        if (p.found && q.found && p.id == q.id && p.id == reinterpret_cast<const char*>(id))
          set(n, "similarity-to-previous", std::to_string(ngram_similarity(p.text, q.text)));
    xmlFree(id);
  }
  for (xmlNode* n = root->children; n; n = n->next) {
    if (xmlStrcmp(n->name, reinterpret_cast<const xmlChar*>("table")) != 0) continue;
    xmlChar* id = xmlGetProp(n, reinterpret_cast<const xmlChar*>("id"));
    for (const auto& t : report.tables)
      for (const auto& u : previous.tables)
        if (t.id == u.id && t.id == reinterpret_cast<const char*>(id) && t.found && u.found)
          set(n, "same-as-previous", same_figures(t, u));
    xmlFree(id);
  }
}

}  // namespace

XmlDoc report_to_xml(const Report& report, const Profile& profile, const Report* previous) {
  XmlDoc doc(xmlNewDoc(reinterpret_cast<const xmlChar*>("1.0")), xmlFreeDoc);
  xmlNode* root = xmlNewNode(nullptr, reinterpret_cast<const xmlChar*>("report"));
  xmlDocSetRootElement(doc.get(), root);
  set(root, "source", report.source);
  set(root, "format", report.format);
  set(root, "profile", report.profile);
  set(root, "year", report.year);
  if (report.period_year) set(root, "period-year", report.period_year);
  set(root, "title", report.title);
  set(root, "agency", report.agency);
  if (!report.entity.empty()) set(root, "entity", report.entity);
  // Dates as YYYYMMDD numbers too: XPath 1.0 compares numbers, not strings.
  if (!report.published.empty()) {
    set(root, "published", report.published);
    set(root, "published-source", report.published_source);
    std::string day = report.published;
    std::erase(day, '-');
    set(root, "published-day", day);
  }

  for (int page : report.pages_without_text) add_picture_page(root, report, page);
  set(root, "pages", report.pages);
  // What reading the input had to repair or cut, where it first did.
  if (report.replaced_bytes > 0) {
    xmlNode* n = child(root, "replaced");
    set(n, "bytes", report.replaced_bytes);
    set_span(n, report.replaced_at);
  }
  if (report.clamped_tables > 0) {
    xmlNode* n = child(root, "clamped");
    set(n, "tables", report.clamped_tables);
    set_span(n, report.clamped_at);
  }

  xmlNode* preamble = xmlNewTextChild(root, nullptr, reinterpret_cast<const xmlChar*>("preamble"),
                                      reinterpret_cast<const xmlChar*>(report.preamble.c_str()));
  set_span(preamble, report.preamble_span);

  // A part's text is its element's content: rules test it with contains().
  for (const auto& p : report.parts) {
    xmlNode* n = xmlNewTextChild(root, nullptr, reinterpret_cast<const xmlChar*>("part"),
                                 reinterpret_cast<const xmlChar*>(p.text.c_str()));
    set(n, "id", p.id);
    set(n, "label", p.label);
    set(n, "expected-ordinal", p.ordinal_expected);
    set(n, "found", p.found);
    if (!p.picture_pages.empty()) set(n, "picture-pages", page_list(p.picture_pages));
    if (p.found) {
      set(n, "heading", p.heading);
      set(n, "ordinal", p.ordinal);
      set(n, "canonical", p.canonical);
      if (p.unheaded) set(n, "unheaded", true);
      set(n, "order", p.order);
      if (p.span.ocr_confidence >= 0) set(n, "ocr-confidence", p.span.ocr_confidence);
      set_span(n, p.span);
    }
  }

  add_tables(root, report, profile);
  if (previous) add_previous(root, report, *previous, profile);
  return doc;
}

}  // namespace ogi
