// DOCX drafts (Word, WPS, LibreOffice): body paragraphs with their automatic
// numbering rendered (w:numPr → "一、", "（一）"), tables with w:gridSpan and
// w:vMerge expanded into a grid, text boxes. minizip (zlib's unzip, which
// adds no library at start-up: libzip would load OpenSSL) reads the package,
// with limits against zip bombs; libxml2 parses the parts without network or
// entity substitution (document.xml as a stream, the small numbering and
// style parts as trees). Every number read from the parts is clamped before
// it sizes anything (list levels, starts, spans; see doc/limits.h).
// Locations: the N-th paragraph or table row.
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <unzip.h>

#include "extract/docx.h"

#include <cstdint>
#include <cstring>
#include <map>
#include <memory>
#include <string_view>

#include "doc/limits.h"
#include "doc/xml.h"
#include "extract/extract.h"
#include "extract/budget.h"

namespace ogi {
namespace {

using Zip = std::unique_ptr<void, decltype(&unzClose)>;
using Xml = std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)>;

const InputError too_large("limit", "DOCX 中的部件过大（可能是压缩炸弹）", "a part of the DOCX is too large (a zip bomb?)");

// A small part as a tree, within libxml2's own limits (nesting 256, text
// nodes 10 MB: numbering and styles come nowhere near). A part that is
// there but does not parse is an error: its numbers would silently vanish.
Xml parse(const std::string& xml, const char* name) {
  if (xml.empty()) return Xml(nullptr, xmlFreeDoc);
  Xml tree(xmlReadMemory(xml.data(), static_cast<int>(xml.size()), nullptr, nullptr,
                         XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOBLANKS | XML_PARSE_COMPACT),
           xmlFreeDoc);
  if (!tree || !xmlDocGetRootElement(tree.get()))
    throw InputError("damaged", std::string("DOCX 的 ") + name + " 无法解析", std::string("the DOCX's ") + name + " cannot be parsed");
  return tree;
}

std::string val(xmlNode* n) { return xml_attr(n, "val"); }  // w:val

// w:ilvl within Word's levels 0..8: it indexes the counters.
int level_of(std::string_view ilvl) { return xml_int(ilvl, 0, limits::numbering_levels - 1, 0); }

std::string chinese_number(int n) {
  static const char* const digits[] = {"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
  if (n <= 0) return std::to_string(n);
  if (n < 10) return digits[n];
  if (n < 20) return std::string("十") + (n % 10 ? digits[n % 10] : "");
  if (n < 100) return std::string(digits[n / 10]) + "十" + (n % 10 ? digits[n % 10] : "");
  return std::to_string(n);
}

std::string format_number(int n, const std::string& fmt) {
  if (fmt == "chineseCounting" || fmt == "chineseCountingThousand" || fmt == "japaneseCounting" ||
      fmt == "taiwaneseCounting" || fmt == "ideographDigital")
    return chinese_number(n);
  if (fmt == "upperLetter" || fmt == "lowerLetter") {
    const char base = fmt == "upperLetter" ? 'A' : 'a';
    return std::string(1, static_cast<char>(base + (n - 1) % 26));
  }
  if (fmt == "decimalEnclosedCircle" || fmt == "decimalEnclosedCircleChinese") {
    if (n >= 1 && n <= 20) {
      const char32_t c = U'①' + static_cast<char32_t>(n - 1);
      char out[4] = {static_cast<char>(0xE0 | (c >> 12)), static_cast<char>(0x80 | ((c >> 6) & 0x3F)),
                     static_cast<char>(0x80 | (c & 0x3F)), 0};
      return out;
    }
  }
  if (fmt == "none") return {};
  return std::to_string(n);  // decimal and anything unknown
}

// The longest prefix of s of at most `bytes` that does not cut a character.
std::string utf8_prefix(std::string s, std::size_t bytes) {
  if (s.size() <= bytes) return s;
  while (bytes > 0 && (static_cast<unsigned char>(s[bytes]) & 0xC0) == 0x80) --bytes;
  s.resize(bytes);
  return s;
}

// w:numbering: how each list level prints its number.
struct Numbering {
  struct Level {
    int start = 1;
    std::string format = "decimal", text;
  };
  std::map<std::string, std::string> abstract_of;                 // numId → abstractNumId
  std::map<std::string, std::map<int, Level>> levels;             // abstractNumId → ilvl → level
  std::map<std::string, std::pair<std::string, int>> style_numpr;  // styleId → numId, ilvl
  std::map<std::string, std::vector<int>> counters;               // abstractNumId → per level

  void load(xmlDoc* numbering, xmlDoc* styles) {
    for (xmlNode* n = numbering ? xmlDocGetRootElement(numbering)->children : nullptr; n; n = n->next) {
      if (xml_is(n, "abstractNum")) {
        const std::string id = xml_attr(n, "abstractNumId");
        for (xmlNode* l = n->children; l; l = l->next) {
          if (!xml_is(l, "lvl")) continue;
          Level level;
          level.start = xml_int(val(xml_child(l, "start")), 0, 32767, 1);  // Word's range
          if (auto f = val(xml_child(l, "numFmt")); !f.empty()) level.format = f;
          level.text = utf8_prefix(val(xml_child(l, "lvlText")), limits::numbering_text_bytes);
          levels[id][level_of(xml_attr(l, "ilvl"))] = level;
        }
      } else if (xml_is(n, "num")) {
        abstract_of[xml_attr(n, "numId")] = val(xml_child(n, "abstractNumId"));
      }
    }
    for (xmlNode* s = styles ? xmlDocGetRootElement(styles)->children : nullptr; s; s = s->next) {
      xmlNode* numpr = xml_child(xml_child(s, "pPr"), "numPr");
      if (xml_is(s, "style") && numpr)
        style_numpr[xml_attr(s, "styleId")] = {val(xml_child(numpr, "numId")), level_of(val(xml_child(numpr, "ilvl")))};
    }
  }

  // The number a paragraph prints, e.g. "（一）", advancing its counter.
  // num_id and ilvl from the paragraph's own w:numPr, else from its style.
  std::string next(std::string num_id, int ilvl, const std::string& style) {
    if (num_id.empty())
      if (auto it = style_numpr.find(style); it != style_numpr.end()) std::tie(num_id, ilvl) = it->second;
    if (num_id.empty() || num_id == "0") return {};
    const std::string abstract = abstract_of[num_id];
    auto& lvls = levels[abstract];
    if (!lvls.count(ilvl)) return {};
    const auto level = static_cast<std::size_t>(ilvl);
    auto& count = counters[abstract];
    if (count.size() <= level) count.resize(level + 1, 0);
    count[level] = count[level] == 0 ? lvls[ilvl].start : count[level] + 1;
    count.resize(level + 1);  // deeper levels restart
    // One pass: %1…%9 of this level or above become their numbers; the
    // others stay as written.
    const std::string& pattern = lvls[ilvl].text;
    std::string text;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
      const int l = i + 1 < pattern.size() && pattern[i] == '%' ? pattern[i + 1] - '1' : -1;
      if (l < 0 || l > ilvl) {
        text += pattern[i];
        continue;
      }
      const auto at = static_cast<std::size_t>(l);
      text += format_number(at < count.size() && count[at] ? count[at] : lvls[l].start, lvls[l].format);
      ++i;
    }
    return text;
  }
};

// document.xml is read as a stream (SAX): a DOM of its formatting would cost
// more than everything else the checker does. libxml2's limits are lifted
// (XML_PARSE_HUGE: a 10 MB paragraph is legal) and nesting is bounded here.
struct Reader {
  struct Paragraph {
    std::string text, num_id, style;
    int ilvl = 0;
    std::vector<std::string> boxes;  // paragraphs of text boxes inside it
  };
  Reader(Document& d, Numbering& n) : doc(d), numbering(n) {}
  Document& doc;
  Numbering& numbering;
  xmlParserCtxtPtr ctxt = nullptr;
  const std::string* xml = nullptr;  // document.xml, for the places of comments
  SaxGuard guard;
  int depth = 0;  // element nesting, at most limits::xml_depth
  int line = 0;   // paragraphs and table rows of the body, in order
  std::vector<Paragraph> paragraphs;  // nested through text boxes
  int fallback = 0;                   // inside mc:Fallback, which repeats mc:Choice
  int tables = 0;                     // table nesting; only the outermost makes a block
  bool in_text = false, in_box = false;
  Block table;
  TableBudget budget;  // of the outermost table
  std::vector<Cell> row;
  bool row_kept = false;  // within the table's budget
  std::string cell;
  bool cell_placed = false;       // the cell's first paragraph is its place
  std::size_t content_begin = 0;  // of the body paragraph being read (npos: <w:p/>)
  int span = 1;
  bool covered = false;

  // Just past the '>' of the tag the parser is on (a start tag's callback
  // comes before its '>' is consumed, an end tag's after).
  std::size_t tag_end() const {
    const auto at = static_cast<std::size_t>(std::max(0L, xmlByteConsumed(ctxt)));
    if (at > 0 && (*xml)[at - 1] == '>') return at;
    const std::size_t gt = xml->find('>', at);
    return gt == std::string::npos ? xml->size() : gt + 1;
  }
  bool self_closing() const {
    const std::size_t end = tag_end();
    return end >= 2 && (*xml)[end - 2] == '/';
  }
  void place(int at_line, int column, std::size_t end_tag_start) {
    if (content_begin != std::string::npos && content_begin <= end_tag_start)
      doc.docx_places.push_back({at_line, column, content_begin, end_tag_start});
  }

  static std::string value(int nb_attributes, const xmlChar** attributes) {
    for (int i = 0; i < nb_attributes; ++i) {
      const xmlChar** a = attributes + 5 * i;  // localname, prefix, URI, value, end
      if (xmlStrcmp(a[0], reinterpret_cast<const xmlChar*>("val")) == 0)
        return std::string(reinterpret_cast<const char*>(a[3]), static_cast<std::size_t>(a[4] - a[3]));
    }
    return {};
  }

  void add_paragraphs(const std::string& text) {
    std::size_t start = 0;
    ++line;
    while (start <= text.size()) {
      const std::size_t nl = std::min(text.find('\n', start), text.size());
      const std::string piece = text.substr(start, nl - start);
      if (piece.find_first_not_of(" \t\u3000") != std::string::npos)
        add_block(doc, Block{BlockKind::paragraph, piece, {}, Span{0, line, 1}});
      start = nl + 1;
    }
  }

  void start(const char* name, int nb_attributes, const xmlChar** attributes) {
    if (++depth > limits::xml_depth) throw_too_deep("DOCX 的 document.xml");
    if (!std::strcmp(name, "Fallback")) ++fallback;
    if (fallback) return;
    Paragraph* p = paragraphs.empty() ? nullptr : &paragraphs.back();
    if (!std::strcmp(name, "p")) {
      if (paragraphs.empty()) content_begin = self_closing() ? std::string::npos : tag_end();
      paragraphs.emplace_back();
    } else if (!std::strcmp(name, "t") && p) {
      in_text = true;
    } else if (!std::strcmp(name, "tab") && p) {
      p->text += ' ';
    } else if ((!std::strcmp(name, "br") || !std::strcmp(name, "cr")) && p) {
      p->text += '\n';
    } else if (!std::strcmp(name, "numId") && p) {
      p->num_id = value(nb_attributes, attributes);
    } else if (!std::strcmp(name, "ilvl") && p) {
      p->ilvl = level_of(value(nb_attributes, attributes));
    } else if (!std::strcmp(name, "pStyle") && p) {
      p->style = value(nb_attributes, attributes);
    } else if (!std::strcmp(name, "tbl")) {
      if (++tables == 1) {
        table = Block{BlockKind::table, {}, {}, Span{0, line + 1, 1}};
        budget = {};
      }
    } else if (tables == 1 && !std::strcmp(name, "tr")) {
      ++line;
      row.clear();
      row_kept = budget.take(table);
    } else if (tables == 1 && !std::strcmp(name, "tc")) {
      cell.clear();
      cell_placed = false;
      span = 1;
      covered = false;
    } else if (tables == 1 && !std::strcmp(name, "gridSpan")) {
      span = xml_int(value(nb_attributes, attributes), 1, limits::cell_span, 1);
    } else if (tables == 1 && !std::strcmp(name, "vMerge")) {
      covered = value(nb_attributes, attributes) != "restart";  // merged into the cell above
    }
  }

  void end(const char* name) {
    --depth;
    if (!std::strcmp(name, "Fallback")) {
      --fallback;
      return;
    }
    if (fallback) return;
    if (!std::strcmp(name, "t")) {
      in_text = false;
    } else if (!std::strcmp(name, "pPr") && paragraphs.size() == 1) {
      content_begin = tag_end();  // comment anchors come after the paragraph's properties
    } else if (!std::strcmp(name, "p") && !paragraphs.empty()) {
      limits::check_deadline();
      Paragraph p = std::move(paragraphs.back());
      paragraphs.pop_back();
      const std::size_t end_tag = xml->rfind('<', tag_end() - 1);
      std::string text = numbering.next(p.num_id, p.ilvl, p.style) + p.text;
      if (!paragraphs.empty()) {  // a text box's paragraph: after its anchor's
        paragraphs.back().boxes.push_back(std::move(text));
        for (auto& b : p.boxes) paragraphs.back().boxes.push_back(std::move(b));
      } else if (tables > 0) {
        if (tables == 1 && !cell_placed) place(line, static_cast<int>(row.size()) + 1, end_tag);
        cell_placed = true;
        for (char& ch : text)
          if (ch == '\n') ch = ' ';
        cell += text;
      } else {
        add_paragraphs(text);
        place(line, 0, end_tag);
        for (const auto& box : p.boxes) add_paragraphs(box);
      }
    } else if (tables == 1 && !std::strcmp(name, "tc")) {
      for (int k = 0; k < span && row_kept && budget.take(table); ++k) {
        Cell c{covered || k > 0 ? "" : cell, Span{0, line, static_cast<int>(row.size()) + 1}};
        c.col_span = span;
        row.push_back(std::move(c));
      }
    } else if (tables == 1 && !std::strcmp(name, "tr")) {
      if (row_kept) table.rows.push_back(std::move(row));
      row.clear();
    } else if (!std::strcmp(name, "tbl")) {
      if (--tables == 0) add_block(doc, std::move(table));
    }
  }

  void characters(const xmlChar* chars, int len) {
    if (in_text && !fallback && !paragraphs.empty())
      paragraphs.back().text.append(reinterpret_cast<const char*>(chars), static_cast<std::size_t>(len));
  }
};

void sax_start(void* ctx, const xmlChar* localname, const xmlChar*, const xmlChar*, int, const xmlChar**,
               int nb_attributes, int, const xmlChar** attributes) {
  auto* r = static_cast<Reader*>(ctx);
  r->guard.run(r->ctxt, [&] { r->start(reinterpret_cast<const char*>(localname), nb_attributes, attributes); });
}
void sax_end(void* ctx, const xmlChar* localname, const xmlChar*, const xmlChar*) {
  auto* r = static_cast<Reader*>(ctx);
  r->guard.run(r->ctxt, [&] { r->end(reinterpret_cast<const char*>(localname)); });
}
void sax_characters(void* ctx, const xmlChar* chars, int len) {
  auto* r = static_cast<Reader*>(ctx);
  r->guard.run(r->ctxt, [&] { r->characters(chars, len); });
}

// document.xml through the reader. No entity loading, no network: the
// handler has no resolver and the parser's defaults substitute nothing.
void read_document(const std::string& xml, Reader& reader) {
  xmlSAXHandler sax{};
  sax.initialized = XML_SAX2_MAGIC;
  sax.startElementNs = sax_start;
  sax.endElementNs = sax_end;
  sax.characters = sax_characters;
  std::unique_ptr<xmlParserCtxt, decltype(&xmlFreeParserCtxt)> ctxt(
      xmlCreatePushParserCtxt(&sax, &reader, nullptr, 0, nullptr), xmlFreeParserCtxt);
  if (!ctxt) throw std::bad_alloc();
  xmlCtxtUseOptions(ctxt.get(), XML_PARSE_NONET | XML_PARSE_HUGE | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  reader.ctxt = ctxt.get();
  reader.xml = &xml;
  const int status = xmlParseChunk(ctxt.get(), xml.data(), static_cast<int>(xml.size()), 1);
  reader.guard.rethrow();
  if (status != 0 || !ctxt->wellFormed)
    throw InputError("damaged", "DOCX 的 document.xml 无法解析", "the DOCX's document.xml cannot be parsed");
}

}  // namespace

std::string read_docx_part(unzFile zip, const char* name, bool required) {
  if (unzLocateFile(zip, name, 1) != UNZ_OK) {
    if (required) throw InputError("damaged", std::string("DOCX 缺少 ") + name + "，文件不完整", std::string("the DOCX has no ") + name);
    return {};
  }
  unz_file_info64 info;
  if (unzGetCurrentFileInfo64(zip, &info, nullptr, 0, nullptr, 0, nullptr, 0) != UNZ_OK ||
      unzOpenCurrentFile(zip) != UNZ_OK)
    throw InputError("damaged", "DOCX 已损坏，无法读取", "the DOCX is damaged and cannot be read");
  if (info.uncompressed_size > limits::docx_part_bytes) {
    unzCloseCurrentFile(zip);
    throw too_large;
  }
  std::string out;
  char buf[65536];
  for (int n; (n = unzReadCurrentFile(zip, buf, sizeof buf)) != 0;) {
    if (n < 0 || out.size() + static_cast<std::size_t>(n) > limits::docx_part_bytes) {
      unzCloseCurrentFile(zip);
      if (n < 0) throw InputError("damaged", "DOCX 已损坏，无法读取", "the DOCX is damaged and cannot be read");
      throw too_large;
    }
    out.append(buf, static_cast<std::size_t>(n));
  }
  if (unzCloseCurrentFile(zip) != UNZ_OK) throw InputError("damaged", "DOCX 已损坏（校验失败）", "the DOCX is damaged (checksum)");
  return out;
}

Document extract_docx(const std::string& path) {
  xml_init();  // no external entity or DTD is ever loaded from the package
  Zip zip(unzOpen64(path.c_str()), unzClose);
  if (!zip) throw InputError("damaged", "DOCX 已损坏，无法打开", "the DOCX is damaged and cannot be opened");
  unz_global_info64 global;
  if (unzGetGlobalInfo64(zip.get(), &global) != UNZ_OK || global.number_entry > limits::docx_entries)
    throw InputError("limit", "DOCX 条目过多（可能是压缩炸弹）", "the DOCX has too many entries (a zip bomb?)");
  // What the XML parts claim to unpack to (pictures are never unpacked, so
  // a report with large images is not refused for them).
  std::uint64_t total = 0;
  for (int more = unzGoToFirstFile(zip.get()); more == UNZ_OK; more = unzGoToNextFile(zip.get())) {
    unz_file_info64 info;
    char name[512];
    if (unzGetCurrentFileInfo64(zip.get(), &info, name, sizeof name, nullptr, 0, nullptr, 0) != UNZ_OK) continue;
    const std::string_view entry(name, std::min<std::size_t>(info.size_filename, sizeof name));  // unterminated when cut
    if (entry.ends_with(".xml") || entry.ends_with(".rels")) total += info.uncompressed_size;
  }
  if (total > limits::docx_total_bytes) throw InputError("limit", "DOCX 解压后过大（可能是压缩炸弹）", "the DOCX unpacks to too much data (a zip bomb?)");

  // An OFD (the national fixed-layout format) is a zip too: said as such, not as a broken DOCX
  if (unzLocateFile(zip.get(), "word/document.xml", 1) != UNZ_OK && unzLocateFile(zip.get(), "OFD.xml", 1) == UNZ_OK)
    throw InputError("legacy-format", "这是 OFD 版式文件，无法读取；请另存为 PDF 后再检查",
                     "this is an OFD file, which ogicheck does not read; save it as PDF and check that");
  const std::string document = read_docx_part(zip.get(), "word/document.xml", true);
  // Styles matter only for numbering, so a document without lists skips them.
  const Xml numbering_xml = parse(read_docx_part(zip.get(), "word/numbering.xml", false), "word/numbering.xml");
  const Xml styles_xml = numbering_xml ? parse(read_docx_part(zip.get(), "word/styles.xml", false), "word/styles.xml") : Xml(nullptr, xmlFreeDoc);
  Numbering numbering;
  numbering.load(numbering_xml.get(), styles_xml.get());

  Document doc;
  doc.source = path;
  doc.format = "docx";
  Reader reader(doc, numbering);
  read_document(document, reader);
  return doc;
}

}  // namespace ogi
