#include "scan/crawl.h"

#include <libpsl.h>

#include <algorithm>
#include <chrono>
#include <deque>
#include <filesystem>
#include <optional>

#include <re2/re2.h>

#include "doc/files.h"
#include "doc/input_error.h"
#include "doc/utc.h"
#include "extract/extract.h"
#include "scan/robots.h"
#include "scan/sites.h"
#include "scan/status_line.h"
#include "scan/store.h"

namespace ogi::scan {

namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// "&amp;" in an href as written in HTML
std::string unescape_href(std::string s) {
  for (std::size_t at; (at = s.find("&amp;")) != std::string::npos;) s.replace(at, 5, "&");
  return s;
}

std::string without_tags(const std::string& html) {
  std::string out;
  bool in_tag = false;
  for (char c : html) {
    if (c == '<') in_tag = true;
    else if (c == '>') in_tag = false;
    else if (!in_tag && c != '\n' && c != '\r' && c != '\t') out += c;
  }
  return out;
}

// "2024-1-20", "2024年1月20日", "2024/01/20 10:00" → 2024-01-20
std::string normalized_date(const std::string& text) {
  static const RE2 date(R"(((?:19|20)\d\d)\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2}))");
  std::string y, m, d;
  if (!RE2::PartialMatch(text, date, &y, &m, &d)) return {};
  if (m.size() == 1) m.insert(0, "0");
  if (d.size() == 1) d.insert(0, "0");
  if (m < "01" || m > "12" || d < "01" || d > "31") return {};
  return y + "-" + m + "-" + d;
}

struct Anchor {
  std::string href, text;
};

std::vector<Anchor> anchors(const std::string& html) {
  static const RE2 anchor(R"re((?is)<a\s[^>]*?href\s*=\s*["']?([^"'\s>]+)[^>]*>(.*?)</a>)re");
  std::vector<Anchor> out;
  re2::StringPiece input(html);
  std::string href, text;
  while (RE2::FindAndConsume(&input, anchor, &href, &text)) out.push_back({unescape_href(href), without_tags(text)});
  return out;
}

bool matches_any(const std::vector<std::unique_ptr<RE2>>& patterns, const std::string& text) {
  return std::any_of(patterns.begin(), patterns.end(), [&](const auto& re) { return RE2::PartialMatch(text, *re); });
}

bool contains_any(const std::vector<std::string>& markers, const std::string& text) {
  return std::any_of(markers.begin(), markers.end(), [&](const std::string& m) { return text.find(m) != std::string::npos; });
}

int year_of(const std::string& title) {
  static const RE2 year(R"(((?:19|20)\d\d)\s*年)");
  int y = 0;
  return RE2::PartialMatch(title, year, &y) ? y : 0;
}

std::string charset_of(const std::string& content_type, const std::string& head) {
  static const RE2 charset(R"((?i)charset\s*=\s*["']?([A-Za-z0-9_-]+))");
  std::string name;
  if (RE2::PartialMatch(content_type, charset, &name)) return name;
  if (RE2::PartialMatch(head.substr(0, 4096), charset, &name)) return name;
  return {};
}

std::string page_title(const std::string& html) {
  if (auto t = meta_content(html, "ArticleTitle"); !t.empty()) return t;
  static const RE2 title(R"((?is)<title[^>]*>(.*?)</title>)"), h1(R"((?is)<h1[^>]*>(.*?)</h1>)");
  std::string text;
  if (RE2::PartialMatch(html, title, &text) || RE2::PartialMatch(html, h1, &text)) return without_tags(text);
  return {};
}

class Crawler {
 public:
  Crawler(const ScanOptions& options, Store& store, const SiteFamilies& families, HttpClient& http, StatusLine& status)
      : options_(options), store_(store), families_(families), http_(http), status_(status) {}
  SiteScan site(const std::string& start, std::size_t number);

 private:
  struct Fetched {
    std::string bytes, path, sha256, final_url, content_type;
  };
  // `form` non-empty: a POST of it
  std::optional<Fetched> fetch(const std::string& url, const std::string& kind, const std::string& ext, SiteScan& site,
                               const std::string& form = {});
  const Robots& robots_for(const std::string& origin);
  std::string attachment_ext(const std::string& url) const;
  void list_page(const std::string& url, const std::string& base_dir, SiteScan& site, std::deque<std::string>& lists);
  // another list page of the column, once
  void queue_list(const std::string& link, const std::string& base_dir, std::deque<std::string>& lists) {
    if (!link.empty() && link.starts_with(base_dir) && seen_.insert(link).second) lists.push_back(link);
  }
  void follow_links(const std::string& html, const std::string& page_url, const std::string& final_url, const std::string& base_dir,
                    SiteScan& site, std::deque<std::string>& lists);
  void records(const SiteFamilies::Records& records, const std::string& list_url, const std::string& html, const std::string& base_dir,
               SiteScan& site, std::deque<std::string>& lists);
  void article(const std::string& url, SiteScan& site);
  void attachment(const std::string& url, const FoundReport& page, SiteScan& site);
  bool over_caps(SiteScan& site);

  const ScanOptions& options_;
  Store& store_;
  const SiteFamilies& families_;
  HttpClient& http_;
  StatusLine& status_;
  std::size_t site_number_ = 0;
  std::map<std::string, Robots> robots_;
  std::set<std::string> seen_;
  std::chrono::steady_clock::time_point started_;
  std::uint64_t site_bytes_ = 0;
  bool capped_ = false;
};

const Robots& Crawler::robots_for(const std::string& origin) {
  if (const auto it = robots_.find(origin); it != robots_.end()) return it->second;
  const Response r = http_.get(origin + "/robots.txt");
  return robots_.emplace(origin, Robots::from_response(r.status, r.body, "ogicheck")).first->second;
}

bool Crawler::over_caps(SiteScan& site) {
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  if (site.fetched < options_.max_pages && site_bytes_ < options_.max_site_bytes && seconds < options_.max_site_seconds) return false;
  if (!capped_) site.failed.push_back(site.start_url + ": site limit reached (--max-pages, --max-site-bytes or --max-site-time)");
  capped_ = true;
  return true;
}

std::optional<Crawler::Fetched> Crawler::fetch(const std::string& url, const std::string& kind, const std::string& ext, SiteScan& site,
                                               const std::string& form) {
  if (over_caps(site)) return std::nullopt;
  const UrlParts parts = split_url(url);
  const Robots& robots = robots_for(parts.origin);
  StoredEntry entry;
  entry.url = url, entry.kind = kind, entry.form = form, entry.fetched_at = utc_text(std::time(nullptr), utc_timestamp);
  if (!robots.allowed(parts.path)) {
    if (robots.unavailable()) site.failed.push_back(url + ": robots.txt of " + parts.origin + " unavailable (5xx or no answer): nothing there is fetched");
    else site.robots_blocked.push_back(url);
    entry.status = "robots-disallowed", entry.robots = "disallowed";
    store_.record(entry);
    return std::nullopt;
  }
  entry.robots = "allowed";
  const StoredEntry* before = store_.find(url, form);
  Validators validators;  // a POST's answer is not cached (RFC 9110 §9.3.3): asked for again every run
  std::error_code ec;
  if (form.empty() && before && !before->path.empty() && std::filesystem::exists(before->path, ec))
    validators = {before->etag, before->last_modified};
  // a redirect is followed only where a link could have led
  const auto refuse = [&](const std::string& target) -> std::string {
    const UrlParts to = split_url(target);
    if (!in_scope(to.host, site.domain)) return "redirect off the site";
    if (!robots_for(to.origin).allowed(to.path)) return "redirect to a path robots.txt disallows";
    return {};
  };
  status_.draw(site_number_, options_.start_urls.size(), site.domain, site.fetched, site.reports.size(), url);
  const Response r = form.empty() ? http_.get(url, validators, robots.crawl_delay(), refuse) : http_.post(url, form, robots.crawl_delay(), refuse);
  ++site.fetched;
  site_bytes_ += r.body.size();
  Fetched f{r.body, {}, {}, r.final_url, r.content_type};
  if (r.status == 304 && (!validators.etag.empty() || !validators.last_modified.empty())) {
    ++site.not_modified;
    entry = *before;
    entry.status = "304", entry.fetched_at = utc_text(std::time(nullptr), utc_timestamp);
    f.bytes = read_regular_file(before->path, options_.http.max_file_bytes, "已保存的文件", "the stored file");
    f.path = before->path, f.sha256 = before->sha256;
  } else if (r.status >= 200 && r.status < 300) {
    entry.status = std::to_string(r.status), entry.etag = r.etag, entry.last_modified = r.last_modified;
    f.path = entry.path = store_.put(r.body, ext, f.sha256);
    entry.sha256 = f.sha256;
  } else {
    site.failed.push_back(url + ": " + (r.status ? "HTTP " + std::to_string(r.status) : r.error) +
                          (r.attempts > 1 ? " (" + std::to_string(r.attempts) + " attempts)" : ""));
    entry.status = r.status ? std::to_string(r.status) : "error: " + r.error;
    store_.record(entry);
    return std::nullopt;
  }
  store_.record(entry);
  return f;
}

std::string Crawler::attachment_ext(const std::string& url) const {
  std::string path = lower(split_url(url).path);
  // a download script names the file in its query: downfile.jsp?filename=x.pdf
  for (const auto& [ext, readable] : families_.attachments) {
    const auto query = path.find('?');
    const std::string file = query == std::string::npos ? path : path.substr(0, query);
    if (file.ends_with(ext) || path.ends_with(ext)) return ext;
  }
  return {};
}

std::string decoded_html(const std::string& bytes, const std::string& content_type) {
  try {
    return decode_text(bytes, charset_of(content_type, bytes)).utf8;
  } catch (const InputError&) {
    return {};
  }
}

void Crawler::list_page(const std::string& url, const std::string& base_dir, SiteScan& site, std::deque<std::string>& lists) {
  const auto fetched = fetch(url, "list", ".html", site);
  if (!fetched) return;
  ++site.list_pages;
  const std::string html = decoded_html(fetched->bytes, fetched->content_type);
  for (const auto& count : families_.page_count) {
    int pages = 0;
    if (!RE2::PartialMatch(html, *count, &pages)) continue;
    pages = std::min(pages, 1000);
    for (const auto& p : families_.page_url)
      for (int n = p.from; n < pages; ++n) {
        std::string link = p.tmpl;
        link.replace(link.find("{n}"), 3, std::to_string(n));
        queue_list(resolve_url(url, link), base_dir, lists);
      }
  }
  for (const auto& r : families_.records)
    if (RE2::PartialMatch(html, *r.when)) records(r, url, html, base_dir, site, lists);
  follow_links(html, url, fetched->final_url, base_dir, site, lists);
}

void Crawler::follow_links(const std::string& html, const std::string& url, const std::string& final_url, const std::string& base_dir,
                           SiteScan& site, std::deque<std::string>& lists) {
  for (const auto& a : anchors(html)) {
    const std::string link = resolve_url(final_url, a.href);
    if (link.empty() || !in_scope(split_url(link).host, site.domain)) continue;
    const std::string path = split_url(link).path;
    if (!attachment_ext(link).empty()) {  // a file linked from the list itself: a report if its link says so
      if (!contains_any(families_.report_markers, a.text) || !seen_.insert(link).second) continue;
      FoundReport page;
      page.page_url = url, page.title = a.text, page.year = year_of(a.text);
      attachment(link, page, site);
    } else if (matches_any(families_.article, path)) {
      if (seen_.insert(link).second) article(link, site);
    } else if (matches_any(families_.list, path)) {
      queue_list(link, base_dir, lists);
    }
  }
}

// The form of a records request: per field name, the first of its entries
// that gives a value. Empty `missing` unless a required field has none.
std::vector<std::pair<std::string, std::string>> records_form(const SiteFamilies::Records& records, const std::string& list_url,
                                                              const std::string& html, std::string& missing) {
  std::vector<std::pair<std::string, std::string>> form;
  std::set<std::string> required;
  for (const auto& field : records.fields) {
    if (field.required) required.insert(field.name);
    if (std::any_of(form.begin(), form.end(), [&](const auto& f) { return f.first == field.name; })) continue;
    std::string value;
    if (field.pattern && RE2::PartialMatch(field.in_url ? list_url : html, *field.pattern, &value) && !value.empty())
      form.emplace_back(field.name, url_decoded(value));  // as written in a link: encoded once, by form_encoded
    else if (!field.value.empty()) form.emplace_back(field.name, field.value);
  }
  for (const auto& name : required)
    if (std::none_of(form.begin(), form.end(), [&](const auto& f) { return f.first == name; })) missing = name;
  return form;
}

std::string filled(std::string url, int start, int end) {
  for (const auto& [name, n] : {std::pair<std::string, int>{"{start}", start}, {"{end}", end}})
    if (const auto at = url.find(name); at != std::string::npos) url.replace(at, name.size(), std::to_string(n));
  return url;
}

// The records of a list served apart from it (Hanweb's dataproxy.jsp):
// range after range up to the answer's total, within the site's caps.
void Crawler::records(const SiteFamilies::Records& records, const std::string& list_url, const std::string& html, const std::string& base_dir,
                      SiteScan& site, std::deque<std::string>& lists) {
  std::string missing;
  const std::string form = form_encoded(records_form(records, list_url, html, missing));
  if (!missing.empty() || (records.post && form.empty())) {  // an empty form would be sent as a GET
    site.failed.push_back(list_url + ": the list's records (" + records.url + ") need " + (missing.empty() ? "a form" : missing) +
                          ", not found on the page");
    return;
  }
  const int range = std::max(records.range, 1);
  for (long long start = 1, total = 1; start <= total; start += range) {
    std::string url = resolve_url(list_url, filled(records.url, static_cast<int>(start), static_cast<int>(start + range - 1)));
    if (!records.post && !form.empty()) url += (url.find('?') == std::string::npos ? "?" : "&") + form;
    const std::string body = records.post ? form : std::string();
    if (url.empty() || !seen_.insert(url + '\n' + body).second) return;
    const auto fetched = fetch(url, "list", ".xml", site, body);
    if (!fetched) return;
    ++site.list_pages;
    follow_links(decoded_html(fetched->bytes, fetched->content_type), url, fetched->final_url, base_dir, site, lists);
    if (records.range == 0 || !RE2::PartialMatch(fetched->bytes, *records.total, &total)) return;
    if (total <= 0) {
      ++site.empty_records;
      site.failed.push_back(url + ": the list's records answer holds no record (a form the site did not take?): the column is not read");
      return;
    }
    total = std::min<long long>(total, 10'000'000);  // a site's nonsense: the page cap ends it sooner
  }
}

void Crawler::article(const std::string& url, SiteScan& site) {
  const auto fetched = fetch(url, "article", ".html", site);
  if (!fetched) return;
  ++site.articles;
  const std::string html = decoded_html(fetched->bytes, fetched->content_type);
  const std::string text = without_tags(html);
  static const RE2 refresh(R"re((?i)<meta[^>]+http-equiv\s*=\s*["']?refresh)re");
  FoundReport page;
  page.page_url = url, page.title = page_title(html);
  if (RE2::PartialMatch(html, refresh) && text.size() < 2048) {
    ++site.stubs;  // a deleted page's forwarding stub
    site.failed.push_back(url + ": meta-refresh stub (page moved or deleted)");
    return;
  }
  if (!contains_any(families_.report_markers, page.title)) {
    if (text.size() < 256 && page.title.empty()) {
      ++site.stubs;  // a firewall's or a WAF's tiny body
      site.failed.push_back(url + ": " + std::to_string(fetched->bytes.size()) + "-byte body, not a page (firewall?)");
    } else {
      ++site.skipped;
    }
    return;
  }
  page.published = page_published(html);
  page.agency = meta_content(html, "ContentSource");
  static const RE2 before_year(R"(^\s*(.+?)\s*(?:19|20)\d\d\s*年)");
  // 某县人民政府2024年…, but not 关于印发2024年…: only a name that ends as a body's does
  static const RE2 body_name(R"((?:政府|办公厅|办公室|委员会|局|厅|委|办|院|中心|署|部|处|所|站|队|会|街道|镇|乡|区|县|市|州|盟|旗)$)");
  if (page.agency.empty() && RE2::PartialMatch(page.title, before_year, &page.agency) && !RE2::PartialMatch(page.agency, body_name))
    page.agency.clear();
  page.year = year_of(page.title);
  bool attached = false;
  for (const auto& a : anchors(html)) {
    const std::string link = resolve_url(fetched->final_url, a.href);
    if (link.empty() || attachment_ext(link).empty() || !in_scope(split_url(link).host, site.domain)) continue;
    attached = true;
    if (seen_.insert(link).second) attachment(link, page, site);
  }
  // The report is the page itself when its text has the parts, or when nothing is attached.
  if (!contains_any(families_.body_markers, text) && attached) return;
  page.url = url, page.local_path = fetched->path, page.sha256 = fetched->sha256;
  const StoredEntry* before = store_.find(url);
  page.changed = options_.recheck || !before || before->checked_sha256 != page.sha256;
  ++site.reports_per_year[page.year];
  site.reports.push_back(page);
}

void Crawler::attachment(const std::string& url, const FoundReport& page, SiteScan& site) {
  const std::string ext = attachment_ext(url);
  const auto fetched = fetch(url, "file", ext, site);
  if (!fetched) return;
  FoundReport report = page;
  report.url = url, report.local_path = fetched->path, report.sha256 = fetched->sha256;
  report.readable = std::any_of(families_.attachments.begin(), families_.attachments.end(),
                                [&](const auto& a) { return a.first == ext && a.second; });
  const StoredEntry* before = store_.find(url);
  report.changed = options_.recheck || !before || before->checked_sha256 != report.sha256;
  ++site.reports_per_year[report.year];
  site.reports.push_back(report);
}

SiteScan Crawler::site(const std::string& start, std::size_t number) {
  site_number_ = number;
  SiteScan site;
  site.start_url = start;
  site.domain = registrable_domain(split_url(start).host);
  started_ = std::chrono::steady_clock::now();
  site_bytes_ = 0, capped_ = false;
  std::string base_dir = start.substr(0, start.rfind('/') + 1);
  if (base_dir.size() <= split_url(start).origin.size()) base_dir = start + "/";
  std::deque<std::string> lists = {start};
  seen_.insert(start);
  while (!lists.empty()) {
    const std::string url = lists.front();
    lists.pop_front();
    list_page(url, base_dir, site, lists);
  }
  return site;
}

}  // namespace

std::string registrable_domain(const std::string& host) {
  const bool ip = host.find(':') != std::string::npos || host.find_first_not_of("0123456789.") == std::string::npos;
  const char* domain = ip ? nullptr : psl_registrable_domain(psl_builtin(), host.c_str());
  return domain ? domain : host;
}

bool in_scope(const std::string& host, const std::string& domain) {
  if (host == domain) return true;
  // a start host that is itself a public suffix (gov.cn) or an address: that host only
  if (registrable_domain(domain) != domain || psl_is_public_suffix(psl_builtin(), domain.c_str())) return false;
  return host.size() > domain.size() && host.ends_with("." + domain);
}

std::string meta_content(const std::string& html, const std::string& name) {
  const RE2 name_first("(?is)<meta\\s[^>]*?name\\s*=\\s*[\"']?" + RE2::QuoteMeta(name) + "[\"']?[^>]*?content\\s*=\\s*[\"']([^\"']*)[\"']");
  const RE2 content_first("(?is)<meta\\s[^>]*?content\\s*=\\s*[\"']([^\"']*)[\"'][^>]*?name\\s*=\\s*[\"']?" + RE2::QuoteMeta(name) + "[\"'\\s/>]");
  std::string value;
  if (RE2::PartialMatch(html, name_first, &value) || RE2::PartialMatch(html, content_first, &value)) return value;
  return {};
}

std::string page_published(const std::string& html) {
  for (const char* name : {"PubDate", "pubdate", "PublishDate", "publishdate"})
    if (auto date = normalized_date(meta_content(html, name)); !date.empty()) return date;
  static const RE2 stated(R"(发布(?:日期|时间)\s*[：:]\s*([^<]{6,24}))");
  std::string text;
  if (RE2::PartialMatch(without_tags(html), stated, &text)) return normalized_date(text);
  return {};
}

ScanResult crawl(const ScanOptions& options, Store& store) {
  const SiteFamilies families = load_site_families(options.sites_dir, options.site_schema);
  HttpClient http(options.http);
  StatusLine status(options.progress, options.lang == "en");
  Crawler crawler(options, store, families, http, status);
  ScanResult result;
  for (const auto& start : options.start_urls) result.sites.push_back(crawler.site(start, result.sites.size() + 1));
  status.clear();
  result.requests = http.requests(), result.bytes = http.bytes(), result.waited_seconds = http.wait_seconds();
  return result;
}

}  // namespace ogi::scan
