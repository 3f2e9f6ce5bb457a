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
  // A form field of a records request: group 1 of `pattern` in the list
  // page (or its URL), else `value`.
  struct Field {
    std::string name, value;
    std::unique_ptr<RE2> pattern;  // null: always `value`
    bool in_url = false, required = false;
  };
  struct Records {
    std::unique_ptr<RE2> when;
    std::string url;  // with {start} and {end} when `range` > 0
    bool post = false;
    int range = 0;                 // records per request; 0: one request
    std::unique_ptr<RE2> total;    // group 1: the number of records, in an answer
    std::vector<Field> fields;     // entries of one name are tried in turn
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
