#include <catch2/catch.hpp>

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>

#include "extract/extract.h"
#include "ogicheck.h"
#include "rules/engine.h"
#include "segment/profile.h"
#include "segment/segmenter.h"

using namespace ogi;

namespace {

Profile small_profile();

std::string temp_path(const std::string& name) {
  static int counter = 0;
  return (std::filesystem::temp_directory_path() /
          ("ogicheck-rules-" + std::to_string(::getpid()) + "-" + std::to_string(++counter) + "-" + name)).string();
}

// Rule files read against the small profile below, or the bundled ones.
std::vector<Rule> rules_from(const std::string& xml, const std::vector<Profile>& profiles) {
  const std::string path = temp_path("rule.xml");
  std::ofstream(path) << xml;
  try {
    auto rules = load_rules(path, rule_context(OGICHECK_RULES_DIR, profiles));
    std::remove(path.c_str());
    return rules;
  } catch (...) {
    std::remove(path.c_str());
    throw;
  }
}

std::vector<Rule> rules_from(const std::string& xml) {
  static const std::vector<Profile> profiles = {small_profile()};
  return rules_from(xml, profiles);
}

const std::vector<Profile>& bundled_profiles() {
  static const std::vector<Profile> profiles = load_profiles(std::string(OGICHECK_RULES_DIR) + "/profiles");
  return profiles;
}

// A rule file of one check, for the load errors below.
std::string rule_file(const std::string& check) {
  return "<rule id=\"T-10\" severity=\"info\">\n<summary lang=\"zh\">a</summary><summary lang=\"en\">a</summary>\n" + check + "\n</rule>";
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
  t.columns = {{"a", "甲", false, ""}, {"b", "乙", false, ""}};
  t.rows = {{"r", "行", "", "行", "", {}, {}, U"行", U"行", {}, {}, "", ""}};
  p.tables.push_back(t);
  p.parts.push_back({"other_matters", "六", "其他需要报告的事项", "其他", {}, {}, {}, {}, {}});
  return p;
}

const char* const sum_rule = R"(<rule id="T-01" severity="error">
    <summary lang="zh">和</summary><summary lang="en">sum</summary>
    <xpath context="table/r/*[@col='a']">
      <let name="other" value="../*[@col='b']/@num"/>
      <let name="s" value="@num + $other"/>
      <assert test="$s = 4" expected="4" actual="$s"/>
      <message lang="zh">和为 {$s}</message><message lang="en">sum is {$s}</message>
      <undecided lang="zh">无法判定</undecided><undecided lang="en">undecided</undecided>
    </xpath></rule>)";
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
  auto engine = rules_from(R"(<rule id="EXT-03" severity="info">
      <summary lang="zh">a</summary><summary lang="en">a</summary>
      <engine><message lang="zh">a</message><message lang="en">a</message></engine></rule>)");
  rules.insert(rules.end(), engine.begin(), engine.end());
  const auto findings = run_rules(rules, small_report(false), small_profile(), "zh");
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].rule == undecided_rule_id);
  CHECK(findings[0].severity == Severity::info);  // the engine rule's severity, which users may change
  CHECK(findings[0].message == "无法判定");
}

TEST_CASE("engine: expect decides a stated number against equals") {
  const auto rules = rules_from(R"(<rule id="T-03" severity="warning">
      <summary lang="zh">a</summary><summary lang="en">a</summary>
      <stated-number part="other_matters" pattern="(\d+)件" equals="table/r/*[@col='a']/@num"
          expect="$stated = $expected or $stated = $expected + 1">
      <message lang="zh">{match}：{number}/{expected}</message><message lang="en">a</message>
    </stated-number></rule>)");
  Report report = small_report(true);
  report.parts[0].text = "2件，3件，4件";
  const auto findings = run_rules(rules, report, small_profile(), "zh");
  REQUIRE(findings.size() == 1);  // cell a is 2: 2 and 3 are allowed
  CHECK(findings[0].message == "4件：4/2");
}

TEST_CASE("engine: requires fills a named group and except drops what an exceptions rule matches") {
  auto rules = rules_from(R"xml(<rule id="T-04" severity="info">
      <summary lang="zh">a</summary><summary lang="en">a</summary>
      <pattern part="other_matters" except="T-09" pattern="[二三四五](?P&lt;unit&gt;次|个)" requires="\d{unit}">
      <message lang="zh">{match}</message><message lang="en">a</message>
    </pattern></rule>)xml");
  const auto exceptions = rules_from(R"xml(<rule id="T-09">
      <summary lang="zh">a</summary><summary lang="en">a</summary>
      <exceptions pattern="“[^”]*”"><message lang="zh">a</message><message lang="en">a</message></exceptions>
    </rule>)xml");
  rules.insert(rules.end(), exceptions.begin(), exceptions.end());
  link_rules(rules);
  Report report = small_report(true);
  report.parts[0].text = "三次，2次，四个，“五个”";
  const auto findings = run_rules(rules, report, small_profile(), "zh");
  REQUIRE(findings.size() == 1);  // 四个: no Arabic 个 elsewhere; 五个: quoted
  CHECK(findings[0].message == "三次");
  auto unknown = rules_from(rule_file(R"(<pattern except="NO-01" pattern="x"><message lang="zh">a</message><message lang="en">a</message></pattern>)"));
  CHECK_THROWS_WITH(link_rules(unknown), Catch::Contains("NO-01"));
}

TEST_CASE("engine: an outline rule flags a skipped level and a rise above the start") {
  const auto rules = rules_from(R"(<rule id="T-06" severity="info">
      <summary lang="zh">a</summary><summary lang="en">a</summary>
      <outline part="other_matters">
      <level pattern="[一二三]、"/><level pattern="（[一二三]）"/><level pattern="(\d[.])\D"/>
      <message lang="zh">{previous}→{match}</message><message lang="en">a</message>
    </outline></rule>)");
  Report report = small_report(true);
  report.parts[0].text = "（一）甲\n1.乙\n2.丙\n（二）丁\n　　一、戊\n二、己\n1.庚";
  report.parts[0].text_spans = {{0, Span{0, 1, 1}}};
  const auto findings = run_rules(rules, report, small_profile(), "zh");
  REQUIRE(findings.size() == 2);
  CHECK(findings[0].message == "（二）→一、");  // above （一）, where the part began
  CHECK(findings[1].message == "二、→1.");      // skips （一）
}

TEST_CASE("engine: an RE2 pattern rule fires per match in its part, at the paragraph") {
  const auto rules = rules_from(R"(<rule id="T-02" severity="info">
      <summary lang="zh">费</summary><summary lang="en">fee</summary>
      <pattern part="other_matters" pattern="未收取\p{Han}+">
      <message lang="zh">找到“{match}”</message><message lang="en">found “{match}”</message>
    </pattern></rule>)");
  const auto findings = run_rules(rules, small_report(true), small_profile(), "zh");
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].message == "找到“未收取信息处理费”");
  CHECK(findings[0].location.line == 11);
  CHECK(findings[0].location.column == 4);  // 本年度 are characters 1-3 of the paragraph
}

// Each mistake would make a rule fire never or always, or print nothing:
// each is a load error naming file, line and rule.
TEST_CASE("rule files: mistakes are load errors with file, line and rule") {
  const auto& profiles = bundled_profiles();
  const std::string message = R"(<message lang="zh">a</message><message lang="en">a</message>)";
  auto rejected = [&](const std::string& check, const std::string& why) {
    CHECK_THROWS_WITH(rules_from(rule_file(check), profiles),
                      Catch::Matches(".*rule\\.xml:[0-9]+: .*T-10.*") && Catch::Contains(why));
  };
  rejected("<xpath context=\"part\"><asert test=\"false()\"/>" + message + "</xpath>", "asert");
  rejected("<pattern part=\"overveiw\" pattern=\"x\">" + message + "</pattern>", "overveiw");
  rejected("<xpath context=\"tabel[@found='true']\">" + message + "</xpath>", "tabel");
  rejected("<stated-number pattern=\"(\\d+)件\" table=\"applications\" rows=\"new carried_ovr\">" + message + "</stated-number>",
           "carried_ovr");
  rejected("<xpath context=\"table/*[@id='carried_ovr']\">" + message + "</xpath>", "carried_ovr");
  rejected(R"(<xpath context="table/*/number"><message lang="zh">{@nmu}</message><message lang="en">a</message></xpath>)", "@nmu");
  rejected(R"(<xpath context="table/*/number"><message lang="zh">{$total}</message><message lang="en">a</message></xpath>)", "$total");
  rejected("<pattern pattern=\"(\">" + message + "</pattern>", "does not compile");
  rejected(R"(<pattern pattern="x" requires="(\d{unit}"><message lang="zh">a</message><message lang="en">a</message></pattern>)", "unit");
  rejected(R"(<pattern pattern="x"><message lang="zh">{nmuber}</message><message lang="en">a</message></pattern>)", "{nmuber}");
  rejected("<cell is=\"blank\" severity=\"fatal\">" + message + "</cell>", "severity");
}

// A file that passed is recorded by its path, size and time of change and not
// validated again; the same path written anew is validated as ever, and a
// file changed a moment ago is not recorded (its next edit could keep the
// time).
TEST_CASE("rule files: a file found valid is known again, an edited one validated again") {
  namespace fs = std::filesystem;
  const fs::path record = temp_path("cache");
  ::setenv("OGICHECK_CACHE_DIR", record.c_str(), 1);
  const std::string path = temp_path("known.xml");
  const std::string message = R"(<message lang="zh">a</message><message lang="en">a</message>)";
  const auto recorded = [&] {
    std::size_t lines = 0;
    for (const auto& f : fs::directory_iterator(record)) {
      std::ifstream in(f.path());
      for (std::string line; std::getline(in, line);) lines += line.find(path) != std::string::npos;
    }
    return lines;
  };
  std::ofstream(path) << rule_file("<xpath context=\"part\"><assert test=\"true()\"/>" + message + "</xpath>");
  const RuleContext fresh = rule_context(OGICHECK_RULES_DIR, bundled_profiles());
  CHECK(load_rules(path, fresh).size() == 1);
  fresh.validated->save();
  CHECK((fs::exists(record) ? recorded() : 0) == 0);  // written just now
  fs::last_write_time(path, fs::file_time_type::clock::now() - std::chrono::hours(1));
  const RuleContext first = rule_context(OGICHECK_RULES_DIR, bundled_profiles());
  CHECK(load_rules(path, first).size() == 1);
  first.validated->save();
  CHECK(recorded() == 1);
  const RuleContext again = rule_context(OGICHECK_RULES_DIR, bundled_profiles());
  CHECK(again.validated->known(path, "checks"));
  CHECK(load_rules(path, again).size() == 1);
  std::ofstream(path) << rule_file("<xpath context=\"part\"><asert test=\"true()\"/>" + message + "</xpath>");
  CHECK_FALSE(again.validated->known(path, "checks"));
  CHECK_THROWS_WITH(load_rules(path, again), Catch::Contains("asert"));
  ::unsetenv("OGICHECK_CACHE_DIR");
  fs::remove_all(record);
  std::remove(path.c_str());
}

TEST_CASE("rule files: every bundled rule loads, one file per ID") {
  const auto rules = load_rule_dir(std::string(OGICHECK_RULES_DIR) + "/checks", rule_context(OGICHECK_RULES_DIR, bundled_profiles()));
  CHECK(rules.size() >= 66);
  for (const auto& r : rules) CHECK(std::filesystem::path(r.source_file).stem() == r.id);
}

// ARI-01..04 are built from the profile's identities: change one in a copy
// of the rules and the check changes, with no rule file edited.
TEST_CASE("identity rules follow the profile's identities") {
  namespace fs = std::filesystem;
  const fs::path copy = temp_path("rules");
  fs::copy(OGICHECK_RULES_DIR, copy, fs::copy_options::recursive);
  const fs::path report = copy / "examples" / "base.txt";
  auto ari02 = [&] {
    CheckerConfig config;
    config.rules_dir = copy.string();
    config.enable = {"ARI-02"};
    return Checker(config).check(report.string()).findings.size();
  };
  CHECK(ari02() == 0);
  const fs::path profile = copy / "profiles" / "gb-2021.xml";
  std::ifstream in(profile);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::string last_part = " other_other\"/>";
  REQUIRE(text.find(last_part) != std::string::npos);
  text.replace(text.find(last_part), last_part.size(), "\"/>");  // （六）3 no longer counts into （七）总计
  std::ofstream(profile) << text;
  CHECK(ari02() == 2);  // the base report has one 3.其他 application: its column and the total
  fs::remove_all(copy);
}

TEST_CASE("engine: a hedge word in the match's sentence lowers the severity") {
  const auto rules = rules_from(R"xml(<rule id="T-07" severity="error">
      <summary lang="zh">a</summary><summary lang="en">a</summary>
      <stated-number part="other_matters" pattern="(\d+)件" equals="table/r/*[@col='a']/@num" hedge="其中|本级">
      <message lang="zh">{match}</message><message lang="en">a</message>
      <hedged lang="zh">（{hedge}）</hedged><hedged lang="en">a</hedged>
    </stated-number></rule>)xml");
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
  const auto rules = rules_from(R"xml(<rule id="T-08" severity="info">
      <summary lang="zh">a</summary><summary lang="en">a</summary>
      <pattern part="other_matters" pattern="（[^）]*$">
      <message lang="zh">“{match}”</message><message lang="en">a</message>
    </pattern></rule>)xml");
  Report report = small_report(true);
  report.parts[0].text = "（一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十";
  const auto findings = run_rules(rules, report, small_profile(), "zh");
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].message == "“（一二三四五六七八九十一二三四五……五六七八九十一二三四五六七八九十”");  // 16 characters each end
}


namespace {
// The base report as if OCR had read it: every table cell with confidence
// 95, the (五) 2.重复申请 total (1) read as `printed` with confidence 30.
Report scanned_base(const std::string& printed) {
  std::ifstream in(std::string(OGICHECK_RULES_DIR) + "/examples/base.txt");
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  Document doc = extract_text(text, "scan.txt");
  for (auto& block : doc.blocks)
    for (auto& row : block.rows) {
      for (auto& cell : row) cell.span.ocr_confidence = 95;
      if (std::any_of(row.begin(), row.end(), [](const Cell& c) { return c.text == "2.重复申请"; }))
        row.back().text = printed, row.back().span.ocr_confidence = 30;
    }
  return segment(doc, bundled_profiles());
}

const CellResult& repeat_total(const Report& r) {
  for (const auto& t : r.tables)
    for (const auto& c : t.cells)
      if (c.row == "ignored_repeat" && c.col == "total") return c;
  throw std::runtime_error("no cell");
}
}  // namespace

TEST_CASE("OCR: an unsure cell is undecided, and its identities vouch for it or give its likely reading (OCR-01)") {
  const auto rules = load_rule_dir(std::string(OGICHECK_RULES_DIR) + "/checks", rule_context(OGICHECK_RULES_DIR, bundled_profiles()));
  auto count = [&](const Report& r, const std::string& id, Severity at_least) {
    const auto profile = std::find_if(bundled_profiles().begin(), bundled_profiles().end(), [&](const Profile& p) { return p.id == r.profile; });
    const auto findings = run_rules(rules, r, *profile, "zh");
    return std::count_if(findings.begin(), findings.end(), [&](const Finding& f) {
      return (id.empty() || f.rule == id) && f.severity >= at_least;
    });
  };
  // Read right but unsure: row and column identities both give 1.
  const Report right = scanned_base("1");
  CHECK(repeat_total(right).status == CellStatus::number);
  CHECK(repeat_total(right).implied == 1);
  CHECK(count(right, "OCR-01", Severity::info) == 0);
  // Misread: never a figure, never an ARI error; the likely reading is given.
  const Report wrong = scanned_base("7");
  CHECK(repeat_total(wrong).status == CellStatus::uncertain);
  CHECK(repeat_total(wrong).implied == 1);
  CHECK(count(wrong, "OCR-01", Severity::warning) == 1);
  CHECK(count(wrong, "", Severity::error) == 0);
  // Not digits: undecided, no TBL-05.
  const Report text = scanned_base("l");
  CHECK(repeat_total(text).status == CellStatus::uncertain);
  CHECK(count(text, "TBL-05", Severity::info) == 0);
  CHECK(count(text, "", Severity::error) == 0);
}
