#include <catch2/catch.hpp>

#include "extract/extract.h"

using namespace ogi;

TEST_CASE("decode: UTF-8, UTF-8 BOM, UTF-16 BOM and GB18030 give the same text") {
  const std::string utf8 = "一、总体情况\n";
  CHECK(decode_text(utf8) == utf8);
  CHECK(decode_text("\xEF\xBB\xBF" + utf8) == utf8);
  // "一、" in UTF-16LE with BOM, and in GB18030
  CHECK(decode_text(std::string("\xFF\xFE\x00\x4E\x01\x30", 6)) == "一、");
  CHECK(decode_text("\xD2\xBB\xA1\xA2\xD7\xDC\xCC\xE5\xC7\xE9\xBF\xF6\xA3\xAC\xB1\xBE\xC4\xEA\xB6\xC8\xB9\xA4\xD7\xF7\xC7\xE9\xBF\xF6") ==
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
