// Site families (rules/sites/*.xml, rules/schema/site.rng): how the lists
// of a CMS paginate and which links are articles, reports, attachments.
// A scan uses all families at once: a page matches whichever fits.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <re2/re2.h>

namespace ogi::scan {

struct SiteFamilies {
  struct Records {
    std::unique_ptr<RE2> when;
    std::string url;  // {1}: the match's group 1
  };
  struct PageUrl {
    std::string tmpl;  // {n}: the page number
    int from = 1;
  };
  std::vector<std::string> ids;
  std::vector<std::unique_ptr<RE2>> page_count, list, article;
  std::vector<PageUrl> page_url;
  std::vector<Records> records;
  std::vector<std::string> report_markers, body_markers;
  std::vector<std::pair<std::string, bool>> attachments;  // extension, readable
};

// Every *.xml of `dir`, validated by `schema`. Throws std::runtime_error
// naming the file and line.
SiteFamilies load_site_families(const std::string& dir, const std::string& schema);

}  // namespace ogi::scan
