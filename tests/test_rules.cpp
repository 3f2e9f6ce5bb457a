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
  t.rows = {{"r", "行", "", "行", "", {}, {}}};
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
  const auto findings = run_rules(rules_from(sum_rule), small_report(false), small_profile(), "zh");
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].rule == undecided_rule_id);
  CHECK(findings[0].severity == Severity::warning);
  CHECK(findings[0].message == "无法判定");
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
