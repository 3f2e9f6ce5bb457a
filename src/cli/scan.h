// `ogicheck scan URL…`: the crawl (src/scan) before the batch, and after it
// what belongs to a site rather than to one report: the years without a
// report (PUB-05), attachments ogicheck cannot read (PUB-06), the summary.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "cli/scan_command.h"
#include "ogicheck.h"
#include "report/reporters.h"
#include "scan/crawl.h"
#include "scan/store.h"

namespace ogi {

struct ScanSettings {
  scan::ScanOptions crawl;
  std::string urls_from;   // --urls-from FILE: one start URL a line
  std::string contact;     // --contact URL, in the User-Agent
  std::string today;       // --today YYYY-MM-DD (tests), else the clock
  int since = 0;           // --since YEAR: the first year a report is expected
};

class ScanRun {
 public:
  // `config`: its rules folder, language and --entity
  ScanRun(ScanSettings settings, std::vector<std::string> urls, const CheckerConfig& config);
  ~ScanRun();
  // Crawls; returns the reports to check (local files) and fills `meta`.
  std::vector<std::string> crawl(std::map<std::string, InputMeta>& meta);
  // After a report's check: not checked again while unchanged.
  void checked(const std::string& local_path, double cpu_ms);
  // The site-level findings, as reports of their own (the column's URL, the
  // attachment's URL), through `emit` (which applies baseline and counts).
  void site_findings(const Checker& checker, const std::function<void(const Report&, std::vector<Finding>&)>& emit);
  // Per site: fetched, reports per year, missing years, unreadable, robots-blocked, failed (stderr and
  // scan-summary.json in the state folder, and in --output when given);
  // then removes the temporary state folder, if one was made.
  void summarize(const std::string& output_dir, bool timings);
  // Every readable report found, checked this run or not.
  std::vector<std::string> found_reports() const;

 private:
  // A year past its deadline with no report on the site's column (PUB-05).
  struct MissingYear {
    int year;
    std::string deadline, entity;  // entity: government | department | empty (not known: the later deadline)
  };
  void judge_years(const Checker& checker);  // fills missing_
  void remove_temporary_state();
  ScanSettings settings_;
  std::string lang_, rules_dir_, entity_, temp_state_;
  std::vector<std::vector<MissingYear>> missing_;  // per site
  scan::ScanResult result_;
  std::optional<scan::Store> store_;
  std::map<std::string, const scan::FoundReport*> by_path_;
  // CPU: the crawl, the stages of the reports' checks, and the whole
  // phase after the crawl up to the summary (rule loading, checks, output)
  double startup_cpu_ms_ = 0, crawl_cpu_ms_ = 0, crawl_wall_s_ = 0, check_cpu_ms_ = 0, crawl_end_cpu_ms_ = 0;
  std::size_t unchanged_ = 0;
};

}  // namespace ogi
