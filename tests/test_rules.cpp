#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "rules/engine.h"

using namespace ogi;

namespace {
std::vector<Rule> rules_from(const std::string& xml) {
  static int counter = 0;
  const std::string path = (std::filesystem::temp_directory_path() /
                            ("ogicheck-rules-" + std::to_string(::getpid()) + "-" + std::to_string(++counter) + ".xml")).string();
  std::ofstream(path) << xml;
  auto rules = load_rules(path);
  std::remove(path.c_str());
  return rules;
}

Report small_report(bool with_cell) {
  Report r;
  r.profile = "gb-2021";
  PartResult part;
  part.id = "other_matters";
  part.found = true;
  part.text = "第一段\n本年度未收取信息处理费。";
  part.text_spans = {{0, Span{0, 10, 1}}, {10, Span{0, 11, 1}}};
  r.parts.push_back(part);
  TableResult t;
  t.id = "x";
  t.found = true;
  RowResult row;
  row.id = "r";
  row.label = "行";
  t.rows.push_back(row);
  CellResult a{"r", "a", CellStatus::number, 2, "2", Span{0, 5, 3}};
  CellResult b{"r", "b", with_cell ? CellStatus::number : CellStatus::missing, 3, "3", Span{0, 5, 5}};
  t.cells = {a, b};
  r.tables.push_back(t);
  return r;
}

Profile small_profile() {
  Profile p;
  p.id = "gb-2021";
  TableSpec t;
  t.id = "x";
  t.columns = {{"a", "甲", false}, {"b", "乙", false}};
  t.rows = {{"r", "行", "", "行", "", {}, {}, U"行", U"行", {}}};
  p.tables.push_back(t);
  return p;
}

const char* const sum_rule = R"(<rules>
  <rule id="T-01" severity="error" context="table/r/*[@col='a']">
    <summary lang="zh">和</summary><summary lang="en">sum</summary>
    <let name="other" value="../*[@col='b']/@num"/>
    <let name="s" value="@num + $other"/>
    <assert test="$s = 4" expected="4" actual="$s"/>
    <message lang="zh">和为 {$s}</message><message lang="en">sum is {$s}</message>
    <undecided lang="zh">无法判定</undecided><undecided lang="en">undecided</undecided>
  </rule></rules>)";
}  // namespace

TEST_CASE("engine: an XPath assertion reports its values and location") {
  const auto findings = run_rules(rules_from(sum_rule), small_report(true), small_profile(), "en");
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].rule == "T-01");
  CHECK(findings[0].severity == Severity::error);
  CHECK(findings[0].message == "sum is 5");
  CHECK(findings[0].expected == "4");
  CHECK(findings[0].actual == "5");
  CHECK(findings[0].location.line == 5);
  CHECK(findings[0].location.column == 3);
}

TEST_CASE("engine: a missing cell makes the check undecided, not failed") {
  auto rules = rules_from(sum_rule);
  CHECK(run_rules(rules, small_report(false), small_profile(), "zh").empty());  // EXT-03 not enabled: silent
  auto engine = rules_from(R"(<rules><rule id="EXT-03" kind="engine" severity="info">
      <summary lang="zh">a</summary><summary lang="en">a</summary>
      <message lang="zh">a</message><message lang="en">a</message></rule></rules>)");
  rules.insert(rules.end(), engine.begin(), engine.end());
  const auto findings = run_rules(rules, small_report(false), small_profile(), "zh");
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].rule == undecided_rule_id);
  CHECK(findings[0].severity == Severity::info);  // the engine rule's severity, which users may change
  CHECK(findings[0].message == "无法判定");
}

TEST_CASE("engine: expect decides a stated number against equals") {
  const auto rules = rules_from(R"(<rules>
    <rule id="T-03" severity="warning" part="other_matters" pattern="(\d+)件" equals="table/r/*[@col='a']/@num"
          expect="$stated = $expected or $stated = $expected + 1">
      <summary lang="zh">a</summary><summary lang="en">a</summary>
      <message lang="zh">{match}：{number}/{expected}</message><message lang="en">a</message>
    </rule></rules>)");
  Report report = small_report(true);
  report.parts[0].text = "2件，3件，4件";
  const auto findings = run_rules(rules, report, small_profile(), "zh");
  REQUIRE(findings.size() == 1);  // cell a is 2: 2 and 3 are allowed
  CHECK(findings[0].message == "4件：4/2");
}

TEST_CASE("engine: requires fills a named group and except drops what an exceptions rule matches") {
  auto rules = rules_from(R"xml(<rules>
    <rule id="T-04" severity="info" part="other_matters" except="T-EX"
          pattern="[二三四五](?P&lt;unit&gt;次|个)" requires="\d{unit}">
      <summary lang="zh">a</summary><summary lang="en">a</summary>
      <message lang="zh">{match}</message><message lang="en">a</message>
    </rule>
    <rule id="T-EX" kind="exceptions" pattern="“[^”]*”">
      <summary lang="zh">a</summary><summary lang="en">a</summary>
      <message lang="zh">a</message><message lang="en">a</message>
    </rule></rules>)xml");
  link_rules(rules);
  Report report = small_report(true);
  report.parts[0].text = "三次，2次，四个，“五个”";
  const auto findings = run_rules(rules, report, small_profile(), "zh");
  REQUIRE(findings.size() == 1);  // 四个: no Arabic 个 elsewhere; 五个: quoted
  CHECK(findings[0].message == "三次");
  auto unknown = rules_from(R"(<rules><rule id="T-05" severity="info" except="NONE" pattern="x">
      <summary lang="zh">a</summary><summary lang="en">a</summary>
      <message lang="zh">a</message><message lang="en">a</message></rule></rules>)");
  CHECK_THROWS_WITH(link_rules(unknown), Catch::Contains("NONE"));
}

TEST_CASE("engine: an outline rule flags a skipped level and a rise above the start") {
  const auto rules = rules_from(R"(<rules>
    <rule id="T-06" severity="info" part="other_matters">
      <level pattern="[一二三]、"/><level pattern="（[一二三]）"/><level pattern="(\d[.])\D"/>
      <summary lang="zh">a</summary><summary lang="en">a</summary>
      <message lang="zh">{previous}→{match}</message><message lang="en">a</message>
    </rule></rules>)");
  Report report = small_report(true);
  report.parts[0].text = "（一）甲\n1.乙\n2.丙\n（二）丁\n　　一、戊\n二、己\n1.庚";
  report.parts[0].text_spans = {{0, Span{0, 1, 1}}};
  const auto findings = run_rules(rules, report, small_profile(), "zh");
  REQUIRE(findings.size() == 2);
  CHECK(findings[0].message == "（二）→一、");  // above （一）, where the part began
  CHECK(findings[1].message == "二、→1.");      // skips （一）
}

TEST_CASE("engine: an RE2 pattern rule fires per match in its part, at the paragraph") {
  const auto rules = rules_from(R"(<rules>
    <rule id="T-02" severity="info" part="other_matters" pattern="未收取\p{Han}+">
      <summary lang="zh">费</summary><summary lang="en">fee</summary>
      <message lang="zh">找到“{match}”</message><message lang="en">found “{match}”</message>
    </rule></rules>)");
  const auto findings = run_rules(rules, small_report(true), small_profile(), "zh");
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].message == "找到“未收取信息处理费”");
  CHECK(findings[0].location.line == 11);
  CHECK(findings[0].location.column == 4);  // 本年度 are characters 1-3 of the paragraph
}

TEST_CASE("engine: malformed rules are rejected with the rule named") {
  CHECK_THROWS_WITH(rules_from(R"(<rules><rule id="B-1" severity="fatal" context="x"/></rules>)"),
                    Catch::Contains("B-1"));
  CHECK_THROWS(rules_from(R"(<rules><rule id="B-2" severity="info" pattern="(">
      <summary lang="zh">a</summary><summary lang="en">a</summary>
      <message lang="zh">a</message><message lang="en">a</message></rule></rules>)"));
}

TEST_CASE("engine: every bundled rule loads and has both languages") {
  const auto rules = load_rule_dir(std::string(OGICHECK_RULES_DIR) + "/checks");
  CHECK(rules.size() >= 17);
}

TEST_CASE("engine: a hedge word in the match's sentence lowers the severity") {
  const auto rules = rules_from(R"xml(<rules>
    <rule id="T-07" severity="error" part="other_matters" pattern="(\d+)件" equals="table/r/*[@col='a']/@num"
          hedge="其中|本级">
      <summary lang="zh">a</summary><summary lang="en">a</summary>
      <message lang="zh">{match}</message><message lang="en">a</message>
      <hedged lang="zh">（{hedge}）</hedged><hedged lang="en">a</hedged>
    </rule></rules>)xml");
  Report report = small_report(true);
  report.parts[0].text = "共收到5件。其中，本级\n收到3件。";
  const auto findings = run_rules(rules, report, small_profile(), "zh");
  REQUIRE(findings.size() == 2);
  CHECK(findings[0].severity == Severity::error);
  CHECK(findings[0].message == "5件");
  CHECK(findings[1].severity == Severity::warning);
  CHECK(findings[1].message == "3件（其中）");
}

TEST_CASE("engine: a long match is quoted by its ends") {
  const auto rules = rules_from(R"xml(<rules>
    <rule id="T-08" severity="info" part="other_matters" pattern="（[^）]*$">
      <summary lang="zh">a</summary><summary lang="en">a</summary>
      <message lang="zh">“{match}”</message><message lang="en">a</message>
    </rule></rules>)xml");
  Report report = small_report(true);
  report.parts[0].text = "（一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十";
  const auto findings = run_rules(rules, report, small_profile(), "zh");
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].message == "“（一二三四五六七八九十一二三四五……五六七八九十一二三四五六七八九十”");  // 16 characters each end
}

