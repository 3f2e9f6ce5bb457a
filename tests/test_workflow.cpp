// The audit workflow's pieces: agency names as pairing compares them,
// pairing itself, shards and input keys.
#include <catch2/catch.hpp>

#include <filesystem>

#include "batch/inputs.h"
#include "batch/pairing.h"

using namespace ogi;

TEST_CASE("agency names: office and county variants, white space, a year prefix") {
  CHECK(agency_key("某市某县人民政府办公室") == agency_key("某市某区人民政府办公厅"));
  CHECK(agency_key("2024年 某市 教育局") == agency_key("某市教育局"));
  CHECK(agency_key("某市教育局") != agency_key("某市卫生健康委员会"));
}

TEST_CASE("pairing: the year before of the same body, never a guess") {
  const std::vector<ReportIdentity> reports = {
      {"a/2023.pdf", "某市教育局", 2023}, {"a/2024.pdf", "某市 教育局", 2024}, {"b/2024.pdf", "某区民政局", 2024},
      {"c/x.pdf", "某县民政局", 2022}, {"c/y.pdf", "某县民政局", 2022}, {"c/z.pdf", "某县民政局", 2023}, {"d.pdf", "", 0}};
  const Pairing p = pair_reports(reports, reports);
  CHECK(p.previous.at("a/2024.pdf") == "a/2023.pdf");
  CHECK(p.unpaired.count("a/2023.pdf") == 1);
  CHECK(p.previous.at("b/2024.pdf") == "c/z.pdf");  // 县 made 区: the same body
  CHECK(p.previous.count("c/z.pdf") == 0);     // two of 2022: which one cannot be told
  CHECK(p.unpaired.at("c/z.pdf").en.find("2 reports") != std::string::npos);
  CHECK(p.unpaired.count("d.pdf") == 1);
  CHECK(mismatch(reports[1], reports[0]).en.empty());
  CHECK_FALSE(mismatch(reports[0], reports[1]).en.empty());  // a later year
  CHECK_FALSE(mismatch(reports[2], reports[0]).en.empty());  // another body
}

TEST_CASE("shards: stable, in range, K/N parsed strictly") {
  CHECK(shard_of("区县/某区教育局.pdf", 4) == shard_of("区县/某区教育局.pdf", 4));
  for (const char* key : {"a", "b/c.pdf", "长的路径/报告.pdf"}) CHECK(shard_of(key, 7) < 7);
  std::size_t k = 9, n = 9;
  CHECK(parse_shard("0/4", k, n));
  CHECK((k == 0 && n == 4));
  for (const char* bad : {"4/4", "1/0", "-1/2", "1", "a/b", "1/2/3", ""}) CHECK_FALSE(parse_shard(bad, k, n));
}

TEST_CASE("input keys: relative to the folder argument, never the bare name") {
  const auto folder = std::filesystem::temp_directory_path() / "ogicheck-input-key-test";
  std::filesystem::create_directories(folder);
  CHECK(input_key((folder / "a/2024年报.pdf").string(), {folder.string()}) == "a/2024年报.pdf");
  std::filesystem::remove_all(folder);
  CHECK(input_key("in/./a.pdf", {"elsewhere.pdf"}) == "in/a.pdf");
  CHECK(input_key("https://www.example.gov.cn/a.html", {}) == "https://www.example.gov.cn/a.html");
}
