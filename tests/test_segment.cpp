#include <catch2/catch.hpp>

#include "extract/extract.h"
#include "segment/digit_split.h"
#include "segment/normalize.h"
#include "segment/sentences.h"
#include "segment/segmenter.h"
#include "segment/values.h"

using namespace ogi;

namespace {
const std::vector<Profile>& profiles() {
  static const std::vector<Profile> p = load_profiles(std::string(OGICHECK_RULES_DIR) + "/profiles");
  return p;
}
const Profile& gb2021() {
  for (const auto& p : profiles())
    if (p.id == "gb-2021") return p;
  throw std::runtime_error("no gb-2021");
}
}  // namespace

TEST_CASE("normalize: keys ignore width, spaces and punctuation") {
  CHECK(key_of("（ 二 ）部分公开") == key_of("(二)部分公开"));
  CHECK(key_of("危及“三安全一稳定”") == key_of("危及\"三安全一稳定\""));
  CHECK(fold("２０２４ 年") == "2024年");
  CHECK(similarity(key_of("其他法律行政止公开"), key_of("其他法律行政法规禁止公开")) > 0.8);
}

TEST_CASE("values: numbers, notes, placeholders, blanks, text") {
  double v = 0;
  CHECK(classify_cell("1,234", v) == CellStatus::number);
  CHECK(v == 1234);
  CHECK(classify_cell("22（其中修订 16 件）", v) == CellStatus::number);
  CHECK(v == 22);
  CHECK(classify_cell("—", v) == CellStatus::placeholder);
  CHECK(classify_cell("／", v) == CellStatus::placeholder);
  CHECK(classify_cell("", v) == CellStatus::blank);
  CHECK(classify_cell("约5", v) == CellStatus::text);
}

TEST_CASE("parts: numbering variants, inline headings, missing number, split heading") {
  const Document doc = extract_text(
      "一 、总 体 情 况\n正文\n二．主动公开政府信息\n情况\n内容。三、收到和处理政府信息公开申请情况正文\n"
      "政府信息公开行政复议、行政诉讼情况\n五、存在的主要问题及整改措施\n六、其他需要报告的事项\n无\n",
      "t.txt");
  const auto parts = find_parts(doc, gb2021());
  REQUIRE(parts.size() == 6);
  for (const auto& p : parts) CHECK(p.found);
  CHECK(parts[0].heading == "一 、总 体 情 况");
  CHECK(parts[1].span.line == 3);
  CHECK(parts[2].span.column == 4);  // inside the line
  CHECK(parts[3].ordinal.empty());
  CHECK_FALSE(parts[4].canonical);
  CHECK(parts[5].text == "无");
}

TEST_CASE("digit split: the identities choose the one split") {
  TableSpec t;
  t.columns = {{"a", "", false, ""}, {"b", "", false, ""}, {"total", "", false, ""}};
  t.rows = {{"r", "", "", "r", "", {}, {}, U"r", U"r", {}, {}, "", ""}};
  t.identities = {{"row-sum", "total", {"a", "b"}, {}, {}}};
  const std::vector<CellKey> slots{{"r", "a"}, {"r", "b"}, {"r", "total"}};
  auto one = split_runs(t, {{slots, {"12012"}}}, {});  // 12+0=12
  REQUIRE(one[0]);
  CHECK(*one[0] == std::vector<long long>{12, 0, 12});
  auto none = split_runs(t, {{slots, {"1122"}}}, {});  // no split balances
  CHECK_FALSE(none[0]);
  auto ambiguous = split_runs(t, {{slots, {"11213"}}}, {});  // 1+12=13 and 11+2=13
  CHECK_FALSE(ambiguous[0]);
  auto spaced = split_runs(t, {{slots, {"11", "213"}}}, {});  // white space rules out 1+12
  REQUIRE(spaced[0]);
  CHECK(*spaced[0] == std::vector<long long>{11, 2, 13});
}

TEST_CASE("digit split: a row sure on its own is kept beside undecided rows and failing columns") {
  TableSpec t;
  t.columns = {{"a", "", false, ""}, {"b", "", false, ""}, {"total", "", false, ""}};
  t.rows = {{"r", "", "", "r", "", {}, {}, U"r", U"r", {}, {}, "", ""},
            {"s", "", "", "s", "", {}, {}, U"s", U"s", {}, {}, "", ""},
            {"sum", "", "", "sum", "", {}, {}, U"sum", U"sum", {}, {}, "", ""}};
  t.identities = {{"row-sum", "total", {"a", "b"}, {}, {}}, {"column-sum", "sum", {"r", "s"}, {}, {}}};
  const auto slots = [](const std::string& row) {
    return std::vector<CellKey>{{row, "a"}, {row, "b"}, {row, "total"}};
  };
  // r: only 20+1=21; s: 1+12=13 or 11+2=13; the sums row known as 0 0 0.
  // No split makes the columns add up: r is still sure by its own total, s is not.
  const CellValues zeros{{{"sum", "a"}, 0}, {{"sum", "b"}, 0}, {{"sum", "total"}, 0}};
  auto failing = split_runs(t, {{slots("r"), {"20", "121"}}, {slots("s"), {"11213"}}}, zeros);
  REQUIRE(failing[0]);
  CHECK(*failing[0] == std::vector<long long>{20, 1, 21});
  CHECK_FALSE(failing[1]);
  // s ambiguous on its own but settled by the column sums; r settled even
  // though s has two readings of its own
  const CellValues sums{{{"sum", "a"}, 31}, {{"sum", "b"}, 3}, {{"sum", "total"}, 34}};
  auto settled = split_runs(t, {{slots("r"), {"20", "121"}}, {slots("s"), {"11213"}}}, sums);
  REQUIRE(settled[0]);
  REQUIRE(settled[1]);
  CHECK(*settled[1] == std::vector<long long>{11, 2, 13});
  // no identity among its cells: every split stands, nothing is chosen
  TableSpec plain = t;
  plain.identities.clear();
  auto none = split_runs(plain, {{slots("r"), {"5125"}}}, {});
  CHECK_FALSE(none[0]);
}

TEST_CASE("segmenter: rows are mapped by label, not by position") {
  const std::string text =
      "某局2024年政府信息公开工作年度报告\n一、总体情况\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n"
      "一、本年新收政府信息公开申请数量\t5\t0\t0\t0\t0\t0\t5\n"
      "（二）部分公开（区分处理的，只计这一情形，不计其他情形）\t1\t0\t0\t0\t0\t0\t1\n"
      "（七）总计\t1\t0\t0\t0\t0\t0\t1\n"
      "四、政府信息公开行政复议、行政诉讼情况\n五、存在的主要问题及改进情况\n六、其他需要报告的事项\n";
  const Report r = segment(extract_text(text, "t.txt"), profiles());
  CHECK(r.year == 2024);
  const TableResult& t3 = r.tables[1];
  auto value = [&](const std::string& row) {
    for (const auto& c : t3.cells)
      if (c.row == row && c.col == "total") return c.status == CellStatus::number ? c.value : -1;
    return -2.0;
  };
  CHECK(value("new") == 5);
  CHECK(value("carried_over") == -1);  // missing, not shifted
  CHECK(value("partial") == 1);
  CHECK(value("results_total") == 1);
}

TEST_CASE("segmenter: a text that is not a report is an input error") {
  CHECK_THROWS_AS(segment(extract_text("今天天气很好。\n我们去公园。\n", "t.txt"), profiles()), InputError);
}

TEST_CASE("sentences: the sentence around a byte, line wraps inside it") {
  const std::string text = "第一句。区政府办受理\n申请17件，均已答复。第三句";
  const std::size_t at = text.find("17");
  const auto [begin, end] = sentence_around(text, at);
  CHECK(text.substr(begin, end - begin) == "区政府办受理\n申请17件，均已答复。");
  const auto [b2, e2] = sentence_around(text, text.rfind("第三句"));
  CHECK(text.substr(b2, e2 - b2) == "第三句");
}
