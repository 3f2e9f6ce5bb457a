// `ogicheck scan` as the shared command line (main.cpp) sees it. Only
// ogicheck-scan links its implementation (src/cli/scan.cpp, with libcurl
// and libpsl), which registers itself in `scan_command` when the program
// starts; in ogicheck it stays null and `scan` is exec'd in ogicheck-scan.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "ogicheck.h"

namespace ogi {

class ScanCommand {
 public:
  virtual ~ScanCommand() = default;
  virtual const char* help(const std::string& lang) const = 0;
  // Reads a scan option at args[i] (moving i past its value). False when
  // args[i] is not one; sets `problem_zh/en` when its value is wrong.
  virtual bool parse_option(const std::vector<std::string>& args, std::size_t& i, std::string& problem_zh, std::string& problem_en) = 0;
  // Crawls from `urls`; returns the reports to check (local files) and
  // fills config.input_meta. Throws InputError when no site answers.
  virtual std::vector<std::string> crawl(const std::vector<std::string>& urls, CheckerConfig& config) = 0;
  // Every readable report the scan found (checked this run or not): last
  // year's reports for --previous DIR may be among them.
  virtual std::vector<std::string> found_reports() const = 0;
  virtual void checked(const std::string& local_path, double cpu_ms) = 0;
  // The site-level findings (PUB-05, PUB-06) as reports of their own.
  virtual void site_findings(const Checker& checker, const std::function<void(const Report&, std::vector<Finding>&)>& emit) = 0;
  virtual void summarize(const std::string& output_dir, bool timings) = 0;
};

extern ScanCommand* scan_command;  // null unless the program links src/cli/scan.cpp

}  // namespace ogi
