#include <catch2/catch.hpp>
#include <zip.h>

#include <chrono>
#include <cstdio>
#include <filesystem>

#include "doc/limits.h"
#include "extract/extract.h"

using namespace ogi;

namespace {

const std::string w_ns = R"(xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main")";

// A DOCX of these parts (document.xml's body, numbering.xml's content),
// written with minizip into the temp folder; removed when it goes.
struct TempDocx {
  std::string path;
  TempDocx(const std::string& name, const std::string& body, const std::string& numbering = {})
      : path((std::filesystem::temp_directory_path() / name).string()) {
    zipFile zip = zipOpen64(path.c_str(), APPEND_STATUS_CREATE);
    REQUIRE(zip);
    add(zip, "word/document.xml", "<w:document " + w_ns + "><w:body>" + body + "</w:body></w:document>");
    if (!numbering.empty()) add(zip, "word/numbering.xml", "<w:numbering " + w_ns + ">" + numbering + "</w:numbering>");
    zipClose(zip, nullptr);
  }
  ~TempDocx() { std::remove(path.c_str()); }
  static void add(zipFile zip, const char* name, const std::string& xml) {
    REQUIRE(zipOpenNewFileInZip64(zip, name, nullptr, nullptr, 0, nullptr, 0, nullptr, Z_DEFLATED, 6, 0) == ZIP_OK);
    zipWriteInFileInZip(zip, xml.data(), static_cast<unsigned>(xml.size()));
    zipCloseFileInZip(zip);
  }
};

std::string numbered(const std::string& ilvl, const std::string& text) {
  return "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"" + ilvl + "\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr><w:r><w:t>" + text +
         "</w:t></w:r></w:p>";
}

std::string list_level(const std::string& ilvl, const std::string& start = "1") {
  return R"(<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl=")" + ilvl + R"("><w:start w:val=")" + start +
         R"("/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl></w:abstractNum>)"
         R"(<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>)";
}

std::size_t cells_of(const Block& table) {
  std::size_t n = 0;
  for (const auto& row : table.rows) n += row.size();
  return n;
}

}  // namespace

TEST_CASE("decode: UTF-8, UTF-8 BOM, UTF-16 BOM and GB18030 give the same text") {
  const std::string utf8 = "一、总体情况\n";
  CHECK(decode_text(utf8).utf8 == utf8);
  CHECK(decode_text("\xEF\xBB\xBF" + utf8).utf8 == utf8);
  // "一、" in UTF-16LE with BOM, and in GB18030
  CHECK(decode_text(std::string("\xFF\xFE\x00\x4E\x01\x30", 6)).utf8 == "一、");
  CHECK(decode_text("\xD2\xBB\xA1\xA2\xD7\xDC\xCC\xE5\xC7\xE9\xBF\xF6\xA3\xAC\xB1\xBE\xC4\xEA\xB6\xC8\xB9\xA4\xD7\xF7\xC7\xE9\xBF\xF6").utf8 ==
        "一、总体情况，本年度工作情况");
}

TEST_CASE("decode: binary data is an input error") {
  CHECK_THROWS_AS(decode_text(std::string("ab\0cd", 5)), InputError);
  CHECK_THROWS_AS(decode_text("\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f"), InputError);
}

TEST_CASE("text extractor: paragraphs, tab and pipe tables with line:column spans") {
  const Document doc = extract_text("标题\n\n规章\t0\t1\n行政许可\t2\n\n  | 一、本年新收 | 5 |\n|---|---|\n| 二 | 6 |\n尾", "t.txt");
  REQUIRE(doc.blocks.size() == 4);
  CHECK(doc.blocks[0].kind == BlockKind::paragraph);
  CHECK(doc.blocks[0].span.line == 1);
  const Block& tsv = doc.blocks[1];
  REQUIRE(tsv.kind == BlockKind::table);
  REQUIRE(tsv.rows.size() == 2);
  CHECK(tsv.rows[0].size() == 3);
  CHECK(tsv.rows[0][2].text == "1");
  CHECK(tsv.rows[0][2].span.line == 3);
  CHECK(tsv.rows[1][0].text == "行政许可");
  CHECK(tsv.rows[0][2].span.column == 6);
  const Block& pipe = doc.blocks[2];
  REQUIRE(pipe.rows.size() == 2);  // the separator row is not a row
  CHECK(pipe.rows[0][0].text == "一、本年新收");
  CHECK(pipe.rows[1][1].text == "6");
  CHECK(doc.blocks[3].text == "尾");
}

TEST_CASE("decode: a BOM does not let invalid UTF-8 through") {
  const std::string text = "一、总体情况。本机关认真贯彻落实条例。";
  const Decoded d = decode_text("\xEF\xBB\xBF" "一、\xC3" + text);
  CHECK(d.utf8 == "一、\xEF\xBF\xBD" + text);
  CHECK(d.replaced_bytes == 1);
}

TEST_CASE("decode: UTF-8 with one stray byte stays UTF-8 and counts it") {
  std::string report;
  for (int i = 0; i < 400; ++i) report += "本机关认真贯彻落实条例。\n";
  const std::size_t at = report.size() / 2;
  const Decoded d = decode_text(report.substr(0, at) + "\xFF" + report.substr(at));
  CHECK(d.replaced_bytes == 1);
  CHECK(d.utf8 == report.substr(0, at) + "\xEF\xBF\xBD" + report.substr(at));
  CHECK(decode_text(report).replaced_bytes == 0);
}

TEST_CASE("decode: mostly-ASCII GBK is not taken for UTF-8 with stray bytes") {
  // 4 KB of markup and one GBK word (一、): 2 invalid bytes, no UTF-8 characters
  const std::string page = std::string(4000, 'a') + "\xD2\xBB\xA1\xA2" + std::string(100, 'b');
  CHECK(decode_text(page, "gbk").utf8.find("一、") != std::string::npos);
}

TEST_CASE("html extractor: stray bytes become U+FFFD and are counted") {
  std::string body;
  for (int i = 0; i < 300; ++i) body += "<p>本机关认真贯彻落实条例。</p>";
  const Document doc = extract_html("<html><body>" + body + "<p>一\xFF二</p></body></html>", "t.html");
  CHECK(doc.replaced_bytes == 1);
  REQUIRE(!doc.blocks.empty());
  CHECK(doc.blocks.back().text == "一\xEF\xBF\xBD二");
}

TEST_CASE("text extractor: a line of 200000 tab cells is read in linear time and clamped") {
  std::string line;
  for (int i = 0; i < 200000; ++i) line += "一\t";
  const auto t0 = std::chrono::steady_clock::now();
  const Document doc = extract_text("标题\n" + line + "\n" + line + "\n", "t.txt");
  CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(2));
  REQUIRE(doc.blocks.size() == 2);
  const Block& table = doc.blocks[1];
  REQUIRE(table.rows.size() == 1);  // the second row is past the budget
  CHECK(table.rows[0].size() + 1 == limits::table_cells);  // the row counts as one
  CHECK(table.clamped);
  CHECK(table.rows[0][1000].span.column == 2001);  // columns in code points: 一 and a tab per cell
}

TEST_CASE("html extractor: spans are clamped to the table budget") {
  std::string rows;
  for (int i = 0; i < 100; ++i) rows += R"(<tr><td rowspan="1000" colspan="99999999999">1</td></tr>)";
  const auto t0 = std::chrono::steady_clock::now();
  const Document doc = extract_html("<html><body><table>" + rows + "</table></body></html>", "t.html");
  CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(2));
  REQUIRE(doc.blocks.size() == 1);
  CHECK(doc.blocks[0].clamped);
  CHECK(cells_of(doc.blocks[0]) + doc.blocks[0].rows.size() <= limits::table_cells);
  CHECK(doc.blocks[0].rows[0].size() == static_cast<std::size_t>(limits::cell_span));
  CHECK(doc.blocks[0].rows[0][0].col_span == limits::cell_span);
}

TEST_CASE("html extractor: a table of plain spans expands as before") {
  const Document doc = extract_html(
      R"(<html><body><table><tr><td rowspan="2">a</td><td colspan="2">b</td></tr><tr><td>c</td><td>d</td></tr></table></body></html>)",
      "t.html");
  REQUIRE(doc.blocks.size() == 1);
  const auto& rows = doc.blocks[0].rows;
  REQUIRE(rows.size() == 2);
  REQUIRE(rows[0].size() == 3);
  REQUIRE(rows[1].size() == 3);
  CHECK(rows[1][0].text.empty());
  CHECK(rows[1][1].text == "c");
  CHECK(rows[1][2].text == "d");
  CHECK_FALSE(doc.blocks[0].clamped);
}

TEST_CASE("html extractor: content nested past 256 elements is kept") {
  std::string open, close;
  for (int i = 0; i < 1000; ++i) open += "<div>", close += "</div>";
  const Document doc = extract_html("<html><body>" + open + "<p>一、总体情况</p>" + close + "<p>尾</p></body></html>", "t.html");
  REQUIRE(doc.blocks.size() == 2);
  CHECK(doc.blocks[0].text == "一、总体情况");
  CHECK(doc.blocks[1].text == "尾");
}

TEST_CASE("html extractor: nesting past the limit is an input error") {
  std::string open;
  for (int i = 0; i < limits::xml_depth + 10; ++i) open += "<div>";
  try {
    extract_html("<html><body>" + open + "<p>正文</p></body></html>", "t.html");
    FAIL("no error");
  } catch (const InputError& e) {
    CHECK(e.code == "limit");
  }
}

TEST_CASE("docx numbering: w:ilvl out of 0..8 is clamped") {
  for (const std::string ilvl : {"-1", "-2147483648", "100000000", "2147483647", "99999999999999999999", "x"}) {
    INFO(ilvl);
    TempDocx docx("ogicheck-ilvl.docx", numbered(ilvl, "总体情况") + numbered(ilvl, "主动公开"), list_level(ilvl));
    const Document doc = extract_docx(docx.path);
    REQUIRE(doc.blocks.size() == 2);
    CHECK(doc.blocks[1].text.ends_with("主动公开"));
  }
  TempDocx docx("ogicheck-ilvl.docx", numbered("-1", "总体情况") + numbered("-1", "主动公开"), list_level("-1"));
  const Document doc = extract_docx(docx.path);
  CHECK(doc.blocks[0].text == "一、总体情况");  // level -1 is level 0
  CHECK(doc.blocks[1].text == "二、主动公开");
}

TEST_CASE("docx numbering: w:start out of range does not overflow") {
  for (const std::string start : {"2147483647", "-2147483648", "99999999999999999999"}) {
    INFO(start);
    TempDocx docx("ogicheck-start.docx", numbered("0", "甲") + numbered("0", "乙"), list_level("0", start));
    const Document doc = extract_docx(docx.path);
    REQUIRE(doc.blocks.size() == 2);
    CHECK(doc.blocks[1].text.ends_with("乙"));
  }
}

TEST_CASE("docx tables: gridSpan is clamped to the span and grid limits") {
  std::string rows;
  for (int i = 0; i < 300; ++i) rows += R"(<w:tr><w:tc><w:tcPr><w:gridSpan w:val="2000000000"/></w:tcPr><w:p/></w:tc></w:tr>)";
  TempDocx docx("ogicheck-span.docx", "<w:tbl>" + rows + "</w:tbl>");
  const Document doc = extract_docx(docx.path);
  REQUIRE(doc.blocks.size() == 1);
  const Block& table = doc.blocks[0];
  CHECK(table.clamped);
  CHECK(table.rows[0].size() == static_cast<std::size_t>(limits::cell_span));
  CHECK(cells_of(table) + table.rows.size() <= limits::table_cells);
}

TEST_CASE("docx tables: gridSpan and vMerge of an ordinary table") {
  TempDocx docx("ogicheck-merge.docx",
                R"(<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>a</w:t></w:r></w:p></w:tc></w:tr>)"
                R"(<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t>b</w:t></w:r></w:p></w:tc></w:tr></w:tbl>)");
  const Document doc = extract_docx(docx.path);
  REQUIRE(doc.blocks.size() == 1);
  const auto& rows = doc.blocks[0].rows;
  REQUIRE(rows.size() == 2);
  REQUIRE(rows[0].size() == 2);
  CHECK(rows[0][0].text == "a");
  CHECK(rows[1][1].text == "b");
  CHECK_FALSE(doc.blocks[0].clamped);
}

TEST_CASE("docx: document.xml nested past the limit is an input error") {
  std::string open, close;
  for (int i = 0; i < limits::xml_depth + 10; ++i) open += "<w:sdt>", close += "</w:sdt>";
  TempDocx docx("ogicheck-deep.docx", open + "<w:p><w:r><w:t>x</w:t></w:r></w:p>" + close);
  try {
    extract_docx(docx.path);
    FAIL("no error");
  } catch (const InputError& e) {
    CHECK(e.code == "limit");
  }
}

TEST_CASE("docx: document.xml nested 1000 deep is read") {
  std::string open, close;
  for (int i = 0; i < 1000; ++i) open += "<w:sdt>", close += "</w:sdt>";
  TempDocx docx("ogicheck-nested.docx", open + "<w:p><w:r><w:t>正文</w:t></w:r></w:p>" + close);
  const Document doc = extract_docx(docx.path);
  REQUIRE(doc.blocks.size() == 1);
  CHECK(doc.blocks[0].text == "正文");
}

TEST_CASE("extract_file: only regular files are read") {
  try {
    extract_file("/dev/zero");
    FAIL("no error");
  } catch (const InputError& e) {
    CHECK(e.code == "open");
  }
  CHECK_THROWS_AS(extract_file(std::filesystem::temp_directory_path().string()), InputError);
}
