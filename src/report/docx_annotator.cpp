// --format docx: the clerk's own DOCX back with a Word comment on the
// paragraph, heading or table cell of each finding (message, fix text,
// basis), so the problems show in Word, WPS or LibreOffice where they are.
// Only the comment part, its relationship and content type, and the anchors
// in word/document.xml are added: every other entry is copied raw (the same
// compressed bytes), and document.xml changes only by the inserted anchors.
#include <libxml/parser.h>
#include <zip.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <regex>

#include "doc/input_error.h"
#include "extract/docx.h"
#include "extract/extract.h"
#include "report/escape.h"
#include "report/reporters.h"

namespace ogi {
namespace {

using Unzip = std::unique_ptr<void, decltype(&unzClose)>;
const char* const document_part = "word/document.xml";
const char* const comments_part = "word/comments.xml";
const char* const types_part = "[Content_Types].xml";
const char* const rels_part = "word/_rels/document.xml.rels";

const InputError damaged("damaged", "DOCX 已损坏，无法读取", "the DOCX is damaged and cannot be read");

// Where a finding's comment goes: its table cell, else its paragraph or
// row, else the paragraph before (a text box's line), else (a part missing,
// the whole report) the first paragraph.
const DocxPlace* place_of(const std::vector<DocxPlace>& places, const Span& at) {
  const DocxPlace *row = nullptr, *before = nullptr;
  for (const auto& p : places) {
    if (p.line == at.line && p.column == at.column) return &p;
    if (p.line == at.line && !row) row = &p;
    if (p.line <= at.line) before = &p;
  }
  if (row) return row;
  if (before) return before;
  return places.empty() ? nullptr : &places.front();
}

std::string comment_xml(int id, const Finding& f, const std::string& message, const Rule* rule, const std::string& lang) {
  const bool en = lang == "en";
  const char* severity = f.severity == Severity::error ? (en ? "error" : "错误")
                         : f.severity == Severity::warning ? (en ? "warning" : "警告") : (en ? "note" : "提示");
  std::vector<std::string> lines{std::string(severity) + "[" + f.rule + "]: " + message};
  if (rule && !rule->fix(lang).empty()) lines.push_back((en ? "How to fix: " : "修改方法：") + rule->fix(lang));
  if (rule && !rule->basis(lang).empty()) lines.push_back((en ? "Basis: " : "依据：") + rule->basis(lang));
  std::string out = "<w:comment w:id=\"" + std::to_string(id) + "\" w:author=\"ogicheck\" w:initials=\"OGI\">";
  for (const auto& line : lines) out += "<w:p><w:r><w:t xml:space=\"preserve\">" + html_text(line) + "</w:t></w:r></w:p>";
  return out + "</w:comment>";
}

// The comment ids already used in the document (a draft may carry the
// clerk's own comments): ours follow them.
int first_free_id(const std::string& document, const std::string& comments) {
  static const std::regex id(R"(<w:comment\b[^>]*\bw:id="(\d{1,9})\")");
  int next = 0;
  for (auto it = std::sregex_iterator(comments.begin(), comments.end(), id); it != std::sregex_iterator(); ++it)
    next = std::max(next, std::stoi((*it)[1]) + 1);
  static const std::regex anchor(R"(<w:commentRangeStart\b[^>]*\bw:id="(\d{1,9})\")");
  for (auto it = std::sregex_iterator(document.begin(), document.end(), anchor); it != std::sregex_iterator(); ++it)
    next = std::max(next, std::stoi((*it)[1]) + 1);
  return next;
}

// `text` with `addition` just before the last `</closing>`.
std::string insert_before_close(std::string text, const std::string& closing, const std::string& addition) {
  const std::size_t at = text.rfind("</" + closing);
  if (at == std::string::npos) throw damaged;
  return text.insert(at, addition);
}

// A part we wrote parses (the anchors sit between elements): checked before
// anything is written, so a draft the offsets do not fit (a UTF-16
// document.xml) is refused rather than returned broken.
void ensure_well_formed(const std::string& xml) {
  xmlSAXHandler sax{};
  sax.initialized = XML_SAX2_MAGIC;
  std::unique_ptr<xmlParserCtxt, decltype(&xmlFreeParserCtxt)> ctxt(
      xmlCreatePushParserCtxt(&sax, nullptr, nullptr, 0, nullptr), xmlFreeParserCtxt);
  if (!ctxt) throw std::bad_alloc();
  xmlCtxtUseOptions(ctxt.get(), XML_PARSE_NONET | XML_PARSE_HUGE | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (xmlParseChunk(ctxt.get(), xml.data(), static_cast<int>(xml.size()), 1) != 0 || !ctxt->wellFormed)
    throw InputError("write", "无法在此 DOCX 中加批注（document.xml 的编码或结构不受支持）",
                     "cannot add comments to this DOCX (its document.xml's encoding or structure is not supported)");
}

struct Parts {
  std::map<std::string, std::string> replaced;  // entry name → new content
  std::string added_comments;                   // word/comments.xml when the draft had none
  std::size_t comments = 0;
};

Parts annotate(unzFile zip, const Document& doc, const std::vector<Finding>& findings,
               const std::vector<Rule>* rules, const std::string& lang) {
  const std::string document = read_docx_part(zip, document_part, true);
  const std::string old_comments = read_docx_part(zip, comments_part, false);
  int id = first_free_id(document, old_comments);
  std::vector<std::pair<std::size_t, std::string>> anchors;  // offset → markup, stable-sorted below
  std::string comments;
  for (const auto& [finding, message] : grouped_for_reading(findings)) {  // as the text view: one per undecided check
    const Finding& f = *finding;
    const DocxPlace* place = place_of(doc.docx_places, f.location);
    if (!place) break;  // no paragraph at all: nothing to anchor on
    const auto rule = rules ? std::find_if(rules->begin(), rules->end(), [&](const Rule& r) { return r.id == f.rule; })
                            : std::vector<Rule>::const_iterator{};
    const std::string n = std::to_string(id);
    anchors.emplace_back(place->begin, "<w:commentRangeStart w:id=\"" + n + "\"/>");
    anchors.emplace_back(place->end, "<w:commentRangeEnd w:id=\"" + n + "\"/><w:r><w:commentReference w:id=\"" + n + "\"/></w:r>");
    comments += comment_xml(id++, f, message, rules && rule != rules->end() ? &*rule : nullptr, lang);
  }
  std::stable_sort(anchors.begin(), anchors.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::string annotated;
  std::size_t from = 0;
  for (const auto& [at, markup] : anchors) annotated.append(document, from, at - from).append(markup), from = at;
  annotated.append(document, from);

  ensure_well_formed(annotated);
  Parts parts;
  parts.comments = anchors.size() / 2;
  parts.replaced[document_part] = std::move(annotated);
  const std::string w = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";
  if (!old_comments.empty()) {
    parts.replaced[comments_part] = insert_before_close(old_comments, "w:comments>", comments);
    ensure_well_formed(parts.replaced[comments_part]);
    return parts;
  }
  parts.added_comments = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:comments " + w + ">" + comments + "</w:comments>";
  const std::string types = read_docx_part(zip, types_part, true);
  parts.replaced[types_part] = insert_before_close(types, "Types>",
      "<Override PartName=\"/word/comments.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml\"/>");
  const std::string rels = read_docx_part(zip, rels_part, true);
  parts.replaced[rels_part] = insert_before_close(rels, "Relationships>",
      "<Relationship Id=\"rIdOgicheckComments\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments\" Target=\"comments.xml\"/>");
  return parts;
}

void write_entry(zipFile out, const char* name, const zip_fileinfo& info, const std::string& content) {
  if (zipOpenNewFileInZip64(out, name, &info, nullptr, 0, nullptr, 0, nullptr, Z_DEFLATED, Z_DEFAULT_COMPRESSION, 0) != ZIP_OK ||
      zipWriteInFileInZip(out, content.data(), static_cast<unsigned>(content.size())) != ZIP_OK || zipCloseFileInZip(out) != ZIP_OK)
    throw InputError("write", "无法写入批注后的 DOCX", "cannot write the annotated DOCX");
}

// An entry as it is: its compressed bytes, CRC and sizes unchanged.
void copy_raw(unzFile in, zipFile out, const char* name, const unz_file_info64& from, const zip_fileinfo& info) {
  int method = 0, level = 0;
  if (unzOpenCurrentFile2(in, &method, &level, 1) != UNZ_OK) throw damaged;
  const bool opened = zipOpenNewFileInZip2_64(out, name, &info, nullptr, 0, nullptr, 0, nullptr, method, level, 1, 1) == ZIP_OK;
  char buf[65536];
  int n = 0;
  while (opened && (n = unzReadCurrentFile(in, buf, sizeof buf)) > 0)
    if (zipWriteInFileInZip(out, buf, static_cast<unsigned>(n)) != ZIP_OK) n = -1;
  unzCloseCurrentFile(in);
  if (!opened || n < 0 || zipCloseFileInZipRaw64(out, from.uncompressed_size, from.crc) != ZIP_OK) throw damaged;
}

// Returns how many comments were added.
std::size_t write_annotated(const std::string& source, const std::string& target, const Document& doc,
                            const std::vector<Finding>& findings, const std::vector<Rule>* rules, const std::string& lang) {
  Unzip in(unzOpen64(source.c_str()), unzClose);
  if (!in) throw damaged;
  const Parts parts = annotate(in.get(), doc, findings, rules, lang);
  std::unique_ptr<void, void (*)(zipFile)> out(zipOpen64(target.c_str(), APPEND_STATUS_CREATE), [](zipFile z) { zipClose(z, nullptr); });
  if (!out) throw InputError("write", "无法创建 " + printable(target), "cannot create " + printable(target));
  zip_fileinfo info{};
  for (int more = unzGoToFirstFile(in.get()); more == UNZ_OK; more = unzGoToNextFile(in.get())) {
    unz_file_info64 entry;
    char name[512];
    if (unzGetCurrentFileInfo64(in.get(), &entry, name, sizeof name, nullptr, 0, nullptr, 0) != UNZ_OK ||
        entry.size_filename >= sizeof name)
      throw damaged;
    info = zip_fileinfo{};
    info.dosDate = entry.dosDate;
    info.internal_fa = entry.internal_fa;
    info.external_fa = entry.external_fa;
    if (const auto it = parts.replaced.find(name); it != parts.replaced.end()) write_entry(out.get(), name, info, it->second);
    else copy_raw(in.get(), out.get(), name, entry, info);
  }
  if (!parts.added_comments.empty()) write_entry(out.get(), comments_part, info, parts.added_comments);
  if (zipClose(out.release(), nullptr) != ZIP_OK) throw InputError("write", "无法写入 " + printable(target), "cannot write " + printable(target));
  return parts.comments;
}

class DocxReporter : public Reporter {
 public:
  explicit DocxReporter(const ReporterOptions& o) : options_(o) {}

  void report(const Report& report, const std::vector<Finding>* findings) override {
    if (!findings) return;
    const bool en = options_.lang == "en";
    if (report.format != "docx") {
      std::cerr << "ogicheck: " << printable(report.source)
                << (en ? ": not a DOCX, no annotated copy written\n" : "：不是 DOCX，未生成批注稿\n");
      return;
    }
    const std::filesystem::path source(report.source);
    const std::string target = (std::filesystem::path(options_.output_dir) /
                                (source.stem().string() + ".批注.docx")).string();
    std::size_t added = 0;
    try {
      added = write_annotated(report.source, target, extract_docx(report.source), *findings, options_.rules, options_.lang);
    } catch (...) {  // no half-written copy left behind: the report is an error of the batch
      std::error_code ignored;
      std::filesystem::remove(target, ignored);
      throw;
    }
    // the clerk is told where the copy is (stdout stays empty, as for the other files written)
    std::cerr << "ogicheck: " << printable(target)
              << (en ? ": " + std::to_string(added) + " comment(s)\n" : "：" + std::to_string(added) + " 条批注\n");
  }
  void unreadable(const std::string&, const std::string&, const std::string&) override {}  // said on stderr

 private:
  ReporterOptions options_;
};

}  // namespace

std::unique_ptr<Reporter> make_docx_reporter(const ReporterOptions& options) {
  return std::make_unique<DocxReporter>(options);
}

}  // namespace ogi
