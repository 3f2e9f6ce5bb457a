// What the report pages (html_reporter.cpp) and the batch's index page
// (html_index.cpp) share.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "report/summary.h"

namespace ogi {

// <head> up to the title: nothing loads from anywhere, no script runs
// unless its hash is given, no <base> or form can redirect.
std::string html_head(const std::string& lang, const std::string& script_hash = {});
// The pages' style sheet, a <style> element.
extern const char* const html_style;

// One input of the batch on the index: what it came to, and its page's
// file name in the output folder (none for an unreadable input).
struct IndexRow {
  ReportSummary summary;
  std::string page;
};
void write_index(std::ostream& out, std::vector<IndexRow> rows, const std::string& lang);
// The index page's script and its Content-Security-Policy hash ('sha256-…').
extern const char* const index_script;
extern const char* const index_script_sha256;

}  // namespace ogi
