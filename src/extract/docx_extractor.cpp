// DOCX drafts (Word, WPS, LibreOffice): body paragraphs with their automatic
// numbering rendered (w:numPr → "一、", "（一）"), tables with w:gridSpan and
// w:vMerge expanded into a grid, text boxes. libzip reads the package, with
// limits against zip bombs; libxml2 parses the parts without network or
// entity substitution.
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <zip.h>

#include <map>
#include <memory>

#include "extract/extract.h"

namespace ogi {
namespace {

constexpr zip_int64_t max_entries = 10000;
constexpr zip_uint64_t max_part_bytes = 64ull << 20;     // one XML part
constexpr zip_uint64_t max_total_bytes = 256ull << 20;  // all parts together

using Zip = std::unique_ptr<zip_t, decltype(&zip_discard)>;
using Xml = std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)>;

// Reads one part, never more than the limit whatever the archive claims.
std::string read_part(zip_t* zip, const char* name, bool required) {
  zip_stat_t st;
  if (zip_stat(zip, name, 0, &st) != 0) {
    if (required) throw InputError(std::string("DOCX 缺少 ") + name + "，文件不完整", std::string("the DOCX has no ") + name);
    return {};
  }
  if ((st.valid & ZIP_STAT_SIZE) && st.size > max_part_bytes)
    throw InputError("DOCX 中的部件过大（可能是压缩炸弹）", "a part of the DOCX is too large (a zip bomb?)");
  std::unique_ptr<zip_file_t, decltype(&zip_fclose)> file(zip_fopen(zip, name, 0), zip_fclose);
  if (!file) throw InputError("DOCX 已损坏，无法读取", "the DOCX is damaged and cannot be read");
  std::string out;
  char buf[65536];
  for (zip_int64_t n; (n = zip_fread(file.get(), buf, sizeof buf)) > 0;) {
    out.append(buf, static_cast<std::size_t>(n));
    if (out.size() > max_part_bytes) throw InputError("DOCX 中的部件过大（可能是压缩炸弹）", "a part of the DOCX is too large (a zip bomb?)");
  }
  return out;
}

Xml parse(const std::string& xml) {
  return Xml(xmlReadMemory(xml.data(), static_cast<int>(xml.size()), nullptr, nullptr,
                           XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOBLANKS | XML_PARSE_COMPACT),
             xmlFreeDoc);
}

bool is(const xmlNode* n, const char* name) {
  return n && n->type == XML_ELEMENT_NODE && xmlStrcmp(n->name, reinterpret_cast<const xmlChar*>(name)) == 0;
}

xmlNode* child(xmlNode* n, const char* name) {
  for (xmlNode* c = n ? n->children : nullptr; c; c = c->next)
    if (is(c, name)) return c;
  return nullptr;
}

std::string val(xmlNode* n) {
  if (!n) return {};
  for (xmlAttr* a = n->properties; a; a = a->next)
    if (xmlStrcmp(a->name, reinterpret_cast<const xmlChar*>("val")) == 0 && a->children)
      return reinterpret_cast<const char*>(a->children->content);
  return {};
}

std::string attr(xmlNode* n, const char* name) {
  for (xmlAttr* a = n ? n->properties : nullptr; a; a = a->next)
    if (xmlStrcmp(a->name, reinterpret_cast<const xmlChar*>(name)) == 0 && a->children)
      return reinterpret_cast<const char*>(a->children->content);
  return {};
}

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
      if (is(n, "abstractNum")) {
        const std::string id = attr(n, "abstractNumId");
        for (xmlNode* l = n->children; l; l = l->next) {
          if (!is(l, "lvl")) continue;
          Level level;
          if (auto s = val(child(l, "start")); !s.empty()) level.start = std::atoi(s.c_str());
          if (auto f = val(child(l, "numFmt")); !f.empty()) level.format = f;
          level.text = val(child(l, "lvlText"));
          levels[id][std::atoi(attr(l, "ilvl").c_str())] = level;
        }
      } else if (is(n, "num")) {
        abstract_of[attr(n, "numId")] = val(child(n, "abstractNumId"));
      }
    }
    for (xmlNode* s = styles ? xmlDocGetRootElement(styles)->children : nullptr; s; s = s->next) {
      xmlNode* numpr = child(child(s, "pPr"), "numPr");
      if (is(s, "style") && numpr)
        style_numpr[attr(s, "styleId")] = {val(child(numpr, "numId")), std::atoi(val(child(numpr, "ilvl")).c_str())};
    }
  }

  // The number a paragraph prints, e.g. "（一）", advancing its counter.
  std::string next(xmlNode* ppr) {
    std::string num_id;
    int ilvl = 0;
    if (xmlNode* numpr = child(ppr, "numPr")) {
      num_id = val(child(numpr, "numId"));
      ilvl = std::atoi(val(child(numpr, "ilvl")).c_str());
    } else if (auto it = style_numpr.find(val(child(ppr, "pStyle"))); it != style_numpr.end()) {
      std::tie(num_id, ilvl) = it->second;
    }
    if (num_id.empty() || num_id == "0") return {};
    const std::string abstract = abstract_of[num_id];
    auto& lvls = levels[abstract];
    if (!lvls.count(ilvl)) return {};
    auto& count = counters[abstract];
    if (count.size() <= static_cast<std::size_t>(ilvl)) count.resize(static_cast<std::size_t>(ilvl) + 1, 0);
    count[static_cast<std::size_t>(ilvl)] = count[static_cast<std::size_t>(ilvl)] == 0 ? lvls[ilvl].start : count[static_cast<std::size_t>(ilvl)] + 1;
    count.resize(static_cast<std::size_t>(ilvl) + 1);  // deeper levels restart
    std::string text = lvls[ilvl].text;
    for (int l = 0; l <= ilvl; ++l) {
      const std::string mark = "%" + std::to_string(l + 1);
      const int value = static_cast<std::size_t>(l) < count.size() && count[static_cast<std::size_t>(l)] ? count[static_cast<std::size_t>(l)] : lvls[l].start;
      for (std::size_t at = text.find(mark); at != std::string::npos; at = text.find(mark))
        text.replace(at, mark.size(), format_number(value, lvls[l].format));
    }
    return text;
  }
};

struct Walker {
  Document& doc;
  Numbering& numbering;
  int line = 0;  // paragraphs and table rows of the body, in order

  // Text of runs; a text box's paragraphs become paragraphs of their own.
  void runs(xmlNode* n, std::string& text, std::vector<std::string>& boxes) {
    for (xmlNode* c = n->children; c; c = c->next) {
      if (c->type != XML_ELEMENT_NODE) continue;
      if (is(c, "t")) {
        xmlChar* content = xmlNodeGetContent(c);
        if (content) text += reinterpret_cast<const char*>(content);
        xmlFree(content);
      } else if (is(c, "tab")) {
        text += ' ';
      } else if (is(c, "br") || is(c, "cr")) {
        text += '\n';
      } else if (is(c, "txbxContent")) {
        for (xmlNode* p = c->children; p; p = p->next)
          if (is(p, "p")) boxes.push_back(paragraph_text(p, boxes));
      } else if (is(c, "Fallback") || is(c, "delText") || is(c, "instrText")) {
        // mc:Fallback repeats mc:Choice; deleted and field-code text is not printed
      } else {
        runs(c, text, boxes);
      }
    }
  }

  std::string paragraph_text(xmlNode* p, std::vector<std::string>& boxes) {
    std::string text = numbering.next(child(p, "pPr"));
    runs(p, text, boxes);
    return text;
  }

  void add_paragraphs(const std::string& text) {
    std::size_t start = 0;
    ++line;
    while (start <= text.size()) {
      const std::size_t nl = std::min(text.find('\n', start), text.size());
      const std::string piece = text.substr(start, nl - start);
      if (piece.find_first_not_of(" \t\u3000") != std::string::npos)
        doc.blocks.push_back(Block{BlockKind::paragraph, piece, {}, Span{0, line, 1}});
      start = nl + 1;
    }
  }

  void table(xmlNode* tbl) {
    Block block{BlockKind::table, {}, {}, Span{0, line + 1, 1}};
    for (xmlNode* tr = tbl->children; tr; tr = tr->next) {
      if (!is(tr, "tr")) continue;
      ++line;
      std::vector<Cell> row;
      for (xmlNode* tc = tr->children; tc; tc = tc->next) {
        if (!is(tc, "tc")) continue;
        xmlNode* tcpr = child(tc, "tcPr");
        const int span = std::max(1, std::atoi(val(child(tcpr, "gridSpan")).c_str()));
        xmlNode* vmerge = child(tcpr, "vMerge");
        const bool covered = vmerge && val(vmerge) != "restart";  // merged into the cell above
        std::string text;
        std::vector<std::string> boxes;
        for (xmlNode* p = tc->children; p; p = p->next) {
          if (is(p, "p")) text += paragraph_text(p, boxes);
          else if (is(p, "tbl")) runs(p, text, boxes);  // a nested table: its text, in order
        }
        for (char& ch : text)
          if (ch == '\n') ch = ' ';
        for (int k = 0; k < span; ++k) {
          Cell cell{covered || k > 0 ? "" : text, Span{0, line, static_cast<int>(row.size()) + 1}};
          cell.col_span = span;
          row.push_back(std::move(cell));
        }
      }
      block.rows.push_back(std::move(row));
    }
    doc.blocks.push_back(std::move(block));
  }

  void body(xmlNode* n) {
    for (xmlNode* c = n->children; c; c = c->next) {
      if (is(c, "p")) {
        std::vector<std::string> boxes;
        const std::string text = paragraph_text(c, boxes);
        add_paragraphs(text);
        for (const auto& box : boxes) add_paragraphs(box);
      } else if (is(c, "tbl")) {
        table(c);
      } else if (is(c, "sdt") || is(c, "sdtContent") || is(c, "customXml")) {
        body(c);  // content controls wrap ordinary paragraphs
      }
    }
  }
};

}  // namespace

Document extract_docx(const std::string& path) {
  int error = 0;
  Zip zip(zip_open(path.c_str(), ZIP_RDONLY, &error), zip_discard);
  if (!zip) throw InputError("DOCX 已损坏，无法打开", "the DOCX is damaged and cannot be opened");
  const zip_int64_t entries = zip_get_num_entries(zip.get(), 0);
  if (entries > max_entries) throw InputError("DOCX 条目过多（可能是压缩炸弹）", "the DOCX has too many entries (a zip bomb?)");
  zip_uint64_t total = 0;
  for (zip_int64_t i = 0; i < entries; ++i) {
    zip_stat_t st;
    if (zip_stat_index(zip.get(), static_cast<zip_uint64_t>(i), 0, &st) == 0 && (st.valid & ZIP_STAT_SIZE)) total += st.size;
  }
  if (total > max_total_bytes) throw InputError("DOCX 解压后过大（可能是压缩炸弹）", "the DOCX unpacks to too much data (a zip bomb?)");

  const Xml document = parse(read_part(zip.get(), "word/document.xml", true));
  if (!document || !xmlDocGetRootElement(document.get())) throw InputError("DOCX 的 document.xml 无法解析", "the DOCX's document.xml cannot be parsed");
  const Xml numbering_xml = parse(read_part(zip.get(), "word/numbering.xml", false));
  const Xml styles_xml = parse(read_part(zip.get(), "word/styles.xml", false));
  Numbering numbering;
  numbering.load(numbering_xml.get(), styles_xml.get());

  Document doc;
  doc.source = path;
  doc.format = "docx";
  Walker walker{doc, numbering};
  if (xmlNode* body = child(xmlDocGetRootElement(document.get()), "body")) walker.body(body);
  return doc;
}

}  // namespace ogi
