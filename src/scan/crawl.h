// `ogicheck scan`: from a column page, its list pages, their articles and
// the articles' attachments, politely (robots.txt, delays), incrementally
// (the Store), within the start URL's registrable domain.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "scan/http.h"

namespace ogi::scan {

struct ScanOptions {
  std::vector<std::string> start_urls;
  std::string state_dir;       // the Store
  std::string sites_dir, site_schema;
  HttpOptions http;
  std::size_t max_pages = 2000;                   // per site: requests
  std::uint64_t max_site_bytes = 2ull << 30;      // per site: bytes fetched
  double max_site_seconds = 4 * 3600;             // per site: wall time
  bool progress = false;                          // a status line on stderr (a terminal)
  std::string lang = "zh";                        // of the status line
  bool recheck = false;                           // check unchanged reports too
};

// A report found: the article page itself or an attached file.
struct FoundReport {
  std::string url, page_url, local_path, sha256, published, title, agency;
  int year = 0;            // from the title, 0 if none
  bool readable = true;    // false: an attachment in a format ogicheck cannot read (.doc .wps .ofd .xls)
  bool changed = true;     // not checked before in this content
};

struct SiteScan {
  std::string start_url, domain;
  std::size_t fetched = 0, not_modified = 0, list_pages = 0, articles = 0, skipped = 0, stubs = 0;
  // records answers that held no record: a form the site did not take
  // looks the same as an empty column, so the column counts as not read
  std::size_t empty_records = 0;
  std::map<int, int> reports_per_year;
  std::vector<std::string> robots_blocked, failed;  // "URL: why"
  std::vector<FoundReport> reports;
};

struct ScanResult {
  std::vector<SiteScan> sites;
  std::size_t requests = 0;
  std::uint64_t bytes = 0;
  double waited_seconds = 0;
};

class Store;
ScanResult crawl(const ScanOptions& options, Store& store);

// The registrable domain of a host (www.pingtan.gov.cn → pingtan.gov.cn;
// gov.cn is a public suffix), the host itself for an IP address or a name
// the Public Suffix List does not cover.
std::string registrable_domain(const std::string& host);
bool in_scope(const std::string& host, const std::string& domain);

// Date YYYY-MM-DD from a page: <meta name="PubDate">, else 发布日期/发布时间.
std::string page_published(const std::string& html);
// <meta name="NAME" content="…">, empty when absent.
std::string meta_content(const std::string& html, const std::string& name);

}  // namespace ogi::scan
