#include <catch2/catch.hpp>

#include <cstdlib>

#include "report/summary.h"
#include "report/tables.h"

using namespace ogi;

namespace {

Finding finding(const std::string& rule, Severity severity) {
  Finding f;
  f.rule = rule;
  f.severity = severity;
  return f;
}

Report report_with_tables() {
  Report r;
  r.source = "a.txt", r.agency = "某市某局", r.year = 2024, r.format = "text", r.profile = "gb-2021";
  r.tables.emplace_back();
  return r;
}

}  // namespace

TEST_CASE("summary: counts by severity and by rule, most first, the worst severity of each") {
  const auto s = summarize(report_with_tables(), {finding("TBL-04", Severity::warning), finding("ARI-01", Severity::error),
                                                  finding("TBL-04", Severity::warning), finding("TXT-01", Severity::warning),
                                                  finding("TXT-01", Severity::error)});
  CHECK(s.status == ReportStatus::checked);
  CHECK(s.counts[2] == 2);
  CHECK(s.counts[1] == 3);
  CHECK(top_rules(s) == "TBL-04×2 TXT-01×2 ARI-01");
  CHECK(top_rules(s, 1) == "TBL-04×2");
  CHECK(s.rules[1].severity == Severity::error);
  CHECK(s.problem());
}

TEST_CASE("summary: a report without the standard tables is unchecked, an unreadable one worst of all") {
  Report old = report_with_tables();
  old.tables.clear();  // pre-2019, or no text
  const auto unchecked = summarize(old, {finding("FMT-03", Severity::info)});
  CHECK(unchecked.status == ReportStatus::unchecked);
  CHECK(unchecked.problem());
  const auto clean = summarize(report_with_tables(), {finding("N-05", Severity::info)});
  CHECK_FALSE(clean.problem());
  const auto errors = summarize(report_with_tables(), {finding("ARI-01", Severity::error)});
  const auto unreadable = summarize_unreadable("x.pdf", "encrypted", "PDF 已加密");
  CHECK(worse(unreadable, unchecked));
  CHECK(worse(unchecked, errors));
  CHECK(worse(errors, clean));
  CHECK_FALSE(worse(clean, clean));
}

TEST_CASE("summary: the summary row of an unreadable input has no counts, and says why") {
  const TableRow row = summary_row(summarize_unreadable("x.pdf", "encrypted", "PDF 已加密"));
  REQUIRE(row.size() == summary_columns.size());
  CHECK(row[6].text == "unreadable");
  CHECK(row[7].text.empty());
  CHECK(row[11].text == "encrypted: PDF 已加密");
  const TableRow clean = summary_row(summarize(report_with_tables(), {}));
  CHECK(clean[7].text == "0");
  CHECK(clean[7].number == 0);
  CHECK(clean[2].number == 2024);
}

TEST_CASE("summary: the run time from SOURCE_DATE_EPOCH when set") {
  setenv("SOURCE_DATE_EPOCH", "1767225600", 1);
  CHECK(run_time() == "2026-01-01 00:00 UTC");
  setenv("SOURCE_DATE_EPOCH", "soon", 1);  // not a number: the clock
  CHECK(run_time() != "2026-01-01 00:00 UTC");
  unsetenv("SOURCE_DATE_EPOCH");
}
