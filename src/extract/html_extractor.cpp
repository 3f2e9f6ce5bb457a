// HTML pages as government sites publish them: CMS chrome around the report,
// Word-exported markup (<o:p>, nested <span>/<font>, &nbsp;, mso- styles),
// tables with rowspan/colspan, layout tables around everything. libxml2's
// HTML parser reads it with network access off; no external entities exist
// in HTML. Its own limits are lifted (XML_PARSE_HUGE: past 256 levels it
// would silently drop the rest of the page) and nesting is bounded here by
// limits::xml_depth, which also bounds the recursion of the walk below.
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <re2/re2.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <set>
#include <sstream>

#include "doc/limits.h"
#include "doc/xml.h"
#include "extract/extract.h"
#include "extract/budget.h"

namespace ogi {
namespace {

// How far into the page, in bytes, a <meta charset> is looked for: it
// stands in <head>, near the top of the page.
constexpr std::size_t charset_sniff_bytes = 4096;

bool is(const xmlNode* n, const char* name) {
  return n->type == XML_ELEMENT_NODE && xmlStrcasecmp(n->name, reinterpret_cast<const xmlChar*>(name)) == 0;
}

bool in(const std::set<std::string>& names, const xmlNode* n) {
  std::string name(reinterpret_cast<const char*>(n->name));
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return names.count(name) > 0;
}

const std::set<std::string> skipped = {"script", "style", "noscript", "template", "head", "title", "select", "option",
                                       "button", "iframe", "svg", "nav", "header", "footer", "input", "textarea", "object"};
const std::set<std::string> block_level = {"p",  "div", "h1", "h2",     "h3",      "h4",    "h5",     "h6",   "li",
                                           "ul", "ol",  "dl", "dt",     "dd",      "table", "tr",     "td",   "th",
                                           "section", "article", "blockquote", "pre", "center", "form", "body", "html",
                                           "main", "aside", "hr", "address", "fieldset", "caption", "tbody", "thead"};

// Site chrome by its class or id words: menus, breadcrumbs, share buttons,
// footers. Whole words only ("nav-bar", "foot_link"), never "heading".
bool is_chrome(xmlNode* n) {
  static const RE2 chrome(
      R"((?i)(?:^|[\s_\-])(?:nav|navbar|menu|menus|footer|foot|copyright|breadcrumb|crumb|crumbs|location|position|share|sidebar|topbar|toolbar|search|login|skip|bdsharebuttonbox|header)(?:$|[\s_\-\d]))");
  return RE2::PartialMatch(xml_attr(n, "class"), chrome) || RE2::PartialMatch(xml_attr(n, "id"), chrome);
}

bool has_nested_table(xmlNode* table) {
  for (xmlNode* c = table->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    if (is(c, "table") || has_nested_table(c)) return true;
  }
  return false;
}

// Text collapses white space (including &nbsp;) to single spaces; CJK text
// gets no spaces the source did not have.
void append_text(std::string& out, const char* text) {
  for (const char* p = text; *p; ++p) {
    const bool nbsp = static_cast<unsigned char>(p[0]) == 0xC2 && static_cast<unsigned char>(p[1]) == 0xA0;
    const bool space = *p == ' ' || *p == '\n' || *p == '\r' || *p == '\t' || *p == '\f' || nbsp;
    if (nbsp) ++p;
    if (space) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += *p;
    }
  }
}

std::string trimmed(std::string s) {
  const auto b = s.find_first_not_of(' ');
  const auto e = s.find_last_not_of(' ');
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

int line_of(xmlNode* n) { return static_cast<int>(std::max<long>(xmlGetLineNo(n), 0)); }

struct Walker {
  Document& doc;
  std::string para;
  int para_line = 0;
  std::size_t link_chars = 0;  // characters of `para` inside <a>

  // A paragraph that is mostly link text is navigation (menus, "related
  // links", share buttons), not the report.
  void flush() {
    limits::check_deadline();
    const std::string text = trimmed(para);
    if (!text.empty() && link_chars * 2 < text.size())
      add_block(doc, Block{BlockKind::paragraph, text, {}, Span{0, para_line, 1}});
    para.clear();
    link_chars = 0;
  }

  void text(xmlNode* n, bool in_link) {
    if (para.empty() || para == " ") para_line = line_of(n->parent ? n->parent : n);
    const std::size_t before = para.size();
    append_text(para, reinterpret_cast<const char*>(n->content));
    if (in_link) link_chars += para.size() - before;
  }

  void walk(xmlNode* n, bool in_link) {
    for (xmlNode* c = n; c; c = c->next) {
      if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
        text(c, in_link);
        continue;
      }
      if (c->type != XML_ELEMENT_NODE || in(skipped, c) || is_chrome(c)) continue;
      if (is(c, "table") && !has_nested_table(c)) {
        flush();
        table(c);
        continue;
      }
      if (is(c, "img")) {
        flush();
        add_block(doc, Block{BlockKind::image, xml_attr(c, "alt"), {}, Span{0, line_of(c), 1}});
        continue;
      }
      if (is(c, "br")) {
        flush();
        continue;
      }
      const bool block = in(block_level, c);
      if (block) flush();
      walk(c->children, in_link || is(c, "a"));
      if (block) flush();
    }
  }

  // A cell's text: all its inline content on one line (a <br> inside a
  // cell breaks a label over lines, not into two cells).
  static void cell_text(xmlNode* n, std::string& out) {
    for (xmlNode* c = n->children; c; c = c->next) {
      if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) append_text(out, reinterpret_cast<const char*>(c->content));
      else if (c->type == XML_ELEMENT_NODE && !in(skipped, c)) cell_text(c, out);
    }
  }

  static void rows_of(xmlNode* n, std::vector<xmlNode*>& rows) {
    for (xmlNode* c = n->children; c; c = c->next) {
      if (is(c, "tr")) rows.push_back(c);
      else if (is(c, "thead") || is(c, "tbody") || is(c, "tfoot")) rows_of(c, rows);
    }
  }

  // rowspan/colspan expanded into a true grid: covered positions are empty
  // cells, so every row has its values under the right columns. Each step
  // makes a cell within the table's budget, so the work is bounded by the
  // grid made, whatever the spans ask for.
  void table(xmlNode* t) {
    std::vector<xmlNode*> trs;
    rows_of(t, trs);
    Block block{BlockKind::table, {}, {}, Span{0, line_of(t), 1}};
    TableBudget budget;
    std::vector<int> pending;  // per grid column: rows still covered by a rowspan above
    for (xmlNode* tr : trs) {
      limits::check_deadline();
      if (!budget.take(block)) break;
      std::vector<Cell> row;
      auto skip_covered = [&] {
        while (row.size() < pending.size() && pending[row.size()] > 0 && budget.take(block)) {
          --pending[row.size()];
          row.push_back(Cell{"", Span{0, line_of(tr), static_cast<int>(row.size()) + 1}});
        }
      };
      for (xmlNode* td = tr->children; td && !block.clamped; td = td->next) {
        if (!is(td, "td") && !is(td, "th")) continue;
        skip_covered();
        const int rowspan = xml_int(xml_attr(td, "rowspan"), 1, limits::cell_span, 1);
        const int colspan = xml_int(xml_attr(td, "colspan"), 1, limits::cell_span, 1);
        for (int k = 0; k < colspan && budget.take(block); ++k) {
          const std::size_t col = row.size();
          if (pending.size() <= col) pending.resize(col + 1, 0);
          pending[col] = rowspan - 1;
          Cell cell{"", Span{0, line_of(td), static_cast<int>(col) + 1}};
          if (k == 0) {
            cell_text(td, cell.text);
            cell.text = trimmed(std::move(cell.text));
          }
          cell.row_span = rowspan;
          cell.col_span = colspan;
          row.push_back(std::move(cell));
        }
      }
      skip_covered();
      block.rows.push_back(std::move(row));
    }
    if (!block.rows.empty()) add_block(doc, std::move(block));
  }
};

std::string declared_charset(std::string_view bytes) {
  static const RE2 meta(R"((?i)<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+))");
  std::string charset;
  RE2::PartialMatch(bytes.substr(0, charset_sniff_bytes), meta, &charset);
  return charset;
}

// What the tree builder below keeps for one parse.
struct TreeBuild {
  SaxGuard guard;
  std::size_t elements = 0;
};

// libxml2's tree builder, with the nesting and the number of elements
// bounded before each element is added (the parser itself has no limit with
// XML_PARSE_HUGE; a 21 MB page of <p> made a 1.2 GB tree) and the time
// checked. The context's _private carries the TreeBuild.
void start_element(void* ctx, const xmlChar* name, const xmlChar** attributes) {
  auto* ctxt = static_cast<htmlParserCtxtPtr>(ctx);
  auto* build = static_cast<TreeBuild*>(ctxt->_private);
  bool fits = false;
  build->guard.run(ctxt, [&] {
    if (ctxt->nodeNr >= limits::xml_depth) throw_too_deep("HTML");
    if (++build->elements > limits::xml_elements) {
      const std::string n = std::to_string(limits::xml_elements);
      throw InputError("limit", "HTML 的元素超过 " + n + " 个，无法读取", "the HTML has more than " + n + " elements");
    }
    limits::check_deadline();
    fits = true;
  });
  if (fits) xmlSAX2StartElement(ctx, name, attributes);
}

using Html = std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)>;

Html parse_html(const std::string& utf8) {
  std::unique_ptr<htmlParserCtxt, decltype(&htmlFreeParserCtxt)> ctxt(htmlNewParserCtxt(), htmlFreeParserCtxt);
  if (!ctxt) throw std::bad_alloc();
  TreeBuild build;
  ctxt->_private = &build;
  ctxt->sax->startElement = start_element;  // the context's own copy of the handler
  Html html(htmlCtxtReadMemory(ctxt.get(), utf8.data(), static_cast<int>(utf8.size()), nullptr, "UTF-8",
                               HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                                   HTML_PARSE_IGNORE_ENC | HTML_PARSE_COMPACT | XML_PARSE_HUGE),
            xmlFreeDoc);
  build.guard.rethrow();
  if (!html) throw InputError("damaged", "HTML 无法解析", "the HTML cannot be parsed");
  return html;
}

}  // namespace

Document extract_html(std::string_view bytes, const std::string& source) {
  xml_init();  // no external entity or DTD is ever loaded from the page
  const Decoded text = decode_text(bytes, declared_charset(bytes));
  const Html html = parse_html(text.utf8);
  Document doc;
  doc.source = source;
  doc.format = "html";
  doc.replaced_bytes = text.replaced_bytes;
  Walker walker{doc, {}, 0, 0};
  walker.walk(xmlDocGetRootElement(html.get()), false);
  walker.flush();
  return doc;
}

}  // namespace ogi
