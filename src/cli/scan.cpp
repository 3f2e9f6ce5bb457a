#include "cli/scan.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>

#include <unistd.h>

#include <nlohmann/json.hpp>

#include "batch/inputs.h"
#include "doc/utc.h"
#include "report/escape.h"
#include "segment/segmenter.h"
#include "scan/store.h"

namespace ogi {

const char* const scan_help_en = R"(usage: ogicheck scan [options] URL...

Starts from each column page (a site's 政府信息公开年报 list), follows its pagination (rules/sites/*.xml:
TRS index_N.html, Hanweb dataproxy.jsp records, year folders), opens every article, and checks every
report: the article page itself, or its attached .pdf/.docx (.doc .wps .ofd .xls are PUB-06). Other
articles are skipped and counted. The crawl stays on the start URL's registrable domain, obeys robots.txt
and waits between requests. Every option of check that concerns findings applies (--format, --output,
--lang, --fail-on, --baseline, --write-baseline, --enable, --disable, --severity, --rules, -j, --timings).

options:
  --urls-from FILE     more start URLs, one a line (# comments)
  --state DIR          keep fetched files and manifest.jsonl here: the next run sends conditional requests
                       and checks only reports whose content changed (default: a temporary folder)
  --recheck            check unchanged reports too
  --delay SECONDS      between two requests to one host (default 1, jittered up to +25%; a larger
                       robots.txt Crawl-delay wins)
  --retries N          retries on 429, 5xx and network errors, with Retry-After or back-off 1 s, 2 s, 4 s… (default 3)
  --max-pages N        requests per site (default 2000)
  --max-site-bytes N   bytes fetched per site (default 2 GiB)
  --max-site-time S    seconds per site (default 14400)
  --max-file-size N    bytes per file (default 67108864)
  --contact URL        a contact address for the site's administrators, sent in the User-Agent
  --connect-to H:P:H2:P2  connect to H2:P2 for H:P (curl's --connect-to; for mirrors and tests)
  --insecure           do not verify TLS certificates
  --since YEAR         the first year a report is expected (default: the earliest report found)
  --today YYYY-MM-DD   the date the deadlines are judged on (default: today)
  --entity KIND        government, department or other: whose deadline PUB-05 judges (default: from the
                       agency the article pages name; other or not known: the later deadline, 31 March)
  --previous DIR       last year's reports, paired with each scanned report by agency and year (the site's
                       own reports of the year before count too); a single file is refused

A --state folder is locked while a scan uses it: a second scan of it exits 2, naming the first one's pid.
On a terminal stderr shows one status line, redrawn in place.

exit codes: 0 no finding at or above --fail-on, 1 findings (a report found but not readable counts as an
error), 2 usage error, or no start page could be fetched
)";

const char* const scan_help_zh = R"(用法：ogicheck scan [选项] 网址...

从每个栏目页（网站的“政府信息公开年报”列表）开始，按 rules/sites/*.xml 描述的站点结构翻页（TRS 的
index_N.html、大汉 dataproxy.jsp 记录、按年份的文件夹），打开每篇文章，检查其中的每份年报：年报就在文章页
中的，检查该页；以附件发布的，检查附件 .pdf/.docx（.doc .wps .ofd .xls 记为 PUB-06）。其他文章跳过并计数。
只抓取起始网址所在的可注册域名，遵守 robots.txt，每两次请求之间等待。check 中与检查结果有关的选项都适用
（--format、--output、--lang、--fail-on、--baseline、--write-baseline、--enable、--disable、--severity、
--rules、-j、--timings）。

选项：
  --urls-from 文件     更多起始网址，每行一个（# 开头为注释）
  --state 文件夹       抓取的文件和 manifest.jsonl 保存在这里：下次运行发送条件请求，只检查内容有变化的
                       年报（默认：临时文件夹）
  --recheck            未变化的年报也重新检查
  --delay 秒           对同一主机两次请求的间隔（默认 1，随机加长至多 25%；robots.txt 的 Crawl-delay 更大时从之）
  --retries N          遇 429、5xx 和网络错误时重试的次数，按 Retry-After 或 1 秒、2 秒、4 秒…递增等待（默认 3）
  --max-pages N        每个网站的请求数上限（默认 2000）
  --max-site-bytes N   每个网站抓取的字节数上限（默认 2 GiB）
  --max-site-time 秒   每个网站的时间上限（默认 14400）
  --max-file-size N    单个文件的字节数上限（默认 67108864）
  --contact 网址       网站管理员可联系的地址，写入 User-Agent
  --connect-to H:P:H2:P2  访问 H:P 时改连 H2:P2（同 curl 的 --connect-to；用于镜像和测试）
  --insecure           不验证 TLS 证书
  --since 年份         应有年报的第一年（默认：找到的最早一份年报的年份）
  --today YYYY-MM-DD   判断是否逾期所用的日期（默认：今天）
  --entity 类别        government、department 或 other：PUB-05 按哪类主体的期限判断（默认：据文章页所署
                       机关；other 或不明时按较晚的期限，3月31日）
  --previous 文件夹    上一年度报告，按机关和年度与每份扫描到的年报配对（网站上上一年度的年报也算）；不接受单个文件

--state 文件夹在使用期间加锁：另一个 scan 使用同一文件夹时以退出码 2 结束，并给出占用者的进程号。
标准错误为终端时显示一行进度，原地刷新。

退出码：0 没有达到 --fail-on 级别的问题；1 有问题（找到但无法读取的年报按错误计）；2 用法错误，或所有起始
页都无法抓取
)";

namespace {

std::optional<double> number(const std::string& text, double low, double high) {
  char* end = nullptr;
  const double n = std::strtod(text.c_str(), &end);
  if (text.empty() || *end != '\0' || !(n >= low && n <= high)) return std::nullopt;
  return n;
}

// Reads a scan option at args[i] (moving i past its value). False when
// args[i] is not one; sets `zh`/`en` when its value is wrong.
bool parse_scan_option(const std::vector<std::string>& args, std::size_t& i, ScanSettings& s, std::string& zh, std::string& en) {
  const std::string& a = args[i];
  static const std::vector<std::pair<std::string, std::pair<double, double>>> numeric = {
      {"--delay", {0, 3600}},          {"--retries", {0, 10}},        {"--max-pages", {1, 1e7}},
      {"--max-site-bytes", {1, 1e13}}, {"--max-site-time", {1, 1e6}}, {"--max-file-size", {1, 1e11}},
      {"--since", {2008, 2200}}};
  const bool flag = a == "--recheck" || a == "--insecure";
  const bool text = a == "--urls-from" || a == "--state" || a == "--contact" || a == "--connect-to" || a == "--today";
  const auto range = std::find_if(numeric.begin(), numeric.end(), [&](const auto& n) { return n.first == a; });
  if (!flag && !text && range == numeric.end()) return false;
  if (a == "--recheck") s.crawl.recheck = true;
  if (a == "--insecure") s.crawl.http.insecure = true;
  if (flag) return true;
  if (i + 1 >= args.size()) {
    zh = a + " 缺少取值", en = a + " needs a value";
    return true;
  }
  const std::string& v = args[++i];
  if (a == "--urls-from") s.urls_from = v;
  else if (a == "--state") s.crawl.state_dir = v;
  else if (a == "--contact") s.contact = v;
  else if (a == "--connect-to") s.crawl.http.connect_to.push_back(v);
  else if (a == "--today") s.today = v;
  if (text) return true;
  const auto n = number(v, range->second.first, range->second.second);
  if (!n) {
    zh = a + " 的取值应在 " + std::to_string(static_cast<long long>(range->second.first)) + " 到 " +
         std::to_string(static_cast<long long>(range->second.second)) + " 之间";
    en = a + " takes a number from " + std::to_string(static_cast<long long>(range->second.first)) + " to " +
         std::to_string(static_cast<long long>(range->second.second));
    return true;
  }
  if (a == "--delay") s.crawl.http.delay_seconds = *n;
  else if (a == "--retries") s.crawl.http.retries = static_cast<int>(*n);
  else if (a == "--max-pages") s.crawl.max_pages = static_cast<std::size_t>(*n);
  else if (a == "--max-site-bytes") s.crawl.max_site_bytes = static_cast<std::uint64_t>(*n);
  else if (a == "--max-site-time") s.crawl.max_site_seconds = *n;
  else if (a == "--max-file-size") s.crawl.http.max_file_bytes = static_cast<std::uint64_t>(*n);
  else if (a == "--since") s.since = static_cast<int>(*n);
  return true;
}

}  // namespace

ScanRun::ScanRun(ScanSettings settings, std::vector<std::string> urls, const CheckerConfig& config)
    : settings_(std::move(settings)), lang_(config.lang), rules_dir_(config.rules_dir), entity_(config.entity) {
  // before this: loading the program and its shared libraries, the same for every run
  startup_cpu_ms_ = 1000.0 * static_cast<double>(std::clock()) / CLOCKS_PER_SEC;
  auto& c = settings_.crawl;
  c.start_urls = std::move(urls);
  if (!settings_.urls_from.empty())
    for (auto& line : read_file_list(settings_.urls_from))
      if (!line.starts_with("#")) c.start_urls.push_back(line);
  for (const auto& u : c.start_urls)
    if (!u.starts_with("http://") && !u.starts_with("https://"))
      throw InputError("open", "scan 的起始地址应以 http:// 或 https:// 开头：" + u, "scan takes http:// or https:// URLs: " + u);
  if (c.start_urls.empty()) throw InputError("open", "scan 需要起始网址", "scan needs a start URL");
  c.sites_dir = rules_dir_ + "/sites";
  c.site_schema = rules_dir_ + "/schema/site.rng";
  c.http.user_agent = "ogicheck/" OGICHECK_VERSION " (+" + (settings_.contact.empty() ? "https://github.com/ogicheck/ogicheck" : settings_.contact) + ")";
  if (settings_.today.empty()) settings_.today = utc_text(std::time(nullptr), "%Y-%m-%d");
  c.progress = isatty(STDERR_FILENO) != 0;
  c.lang = lang_;
  if (c.state_dir.empty()) {
    std::string pattern = (std::filesystem::temp_directory_path() / "ogicheck-scan-XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw InputError("open", "无法创建临时文件夹", "cannot create a temporary folder");
    c.state_dir = temp_state_ = pattern;
  }
  store_.emplace(c.state_dir);
}

ScanRun::~ScanRun() { remove_temporary_state(); }

void ScanRun::remove_temporary_state() {
  std::error_code ec;
  store_.reset();
  if (!temp_state_.empty()) std::filesystem::remove_all(temp_state_, ec);
  temp_state_.clear();
}

std::vector<std::string> ScanRun::crawl(std::map<std::string, InputMeta>& meta) {
  const std::clock_t cpu = std::clock();
  const auto wall = std::chrono::steady_clock::now();
  result_ = scan::crawl(settings_.crawl, *store_);
  crawl_cpu_ms_ = 1000.0 * static_cast<double>(std::clock() - cpu) / CLOCKS_PER_SEC;
  crawl_end_cpu_ms_ = 1000.0 * static_cast<double>(std::clock()) / CLOCKS_PER_SEC;
  crawl_wall_s_ = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall).count();
  // one site that cannot be reached is said in the summary; none at all is a failed run
  const bool none_reached = std::all_of(result_.sites.begin(), result_.sites.end(),
                                        [](const scan::SiteScan& site) { return site.list_pages == 0; });
  if (none_reached) {
    const auto& first = result_.sites.front();
    const std::string why = !first.failed.empty() ? first.failed.front() : first.robots_blocked.empty() ? first.start_url
                                                                                                          : first.robots_blocked.front() + ": robots.txt";
    throw InputError("open", "无法获取起始页 " + why, "cannot fetch the start page " + why);
  }
  std::vector<std::string> files;
  for (const auto& site : result_.sites) {
    for (const auto& r : site.reports) {
      if (!r.readable) continue;
      if (!r.changed) {  // not checked again, but its page's details still serve pairing (--previous)
        ++unchanged_;
        meta.try_emplace(r.local_path, InputMeta{r.url, r.published, r.agency});
        continue;
      }
      // one local file may hold the content of several URLs: each checked under its own
      std::string path = r.local_path;
      if (meta.contains(path)) {
        path = r.local_path + "." + std::to_string(files.size()) + std::filesystem::path(r.local_path).extension().string();
        std::filesystem::copy_file(r.local_path, path, std::filesystem::copy_options::overwrite_existing);
      }
      meta[path] = {r.url, r.published, r.agency};
      by_path_[path] = &r;
      files.push_back(path);
    }
  }
  return files;
}

void ScanRun::checked(const std::string& local_path, double cpu_ms) {
  check_cpu_ms_ += cpu_ms;
  if (const auto it = by_path_.find(local_path); it != by_path_.end()) store_->mark_checked(it->second->url, it->second->sha256);
}

namespace {

std::string iso_day(std::chrono::sys_days day) {
  const std::chrono::year_month_day d(day);
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(d.year()), static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
  return text;
}

// The last day a `year` report of a body of `entity` may be published,
// as PUB-01 decides it (its rule file is the one place that says): the day
// before the first one on which a report published is late. Empty when it
// sets none for the kind (街道, 乡镇, or not known).
std::string last_day(const std::vector<Rule>& pub01, const Profile& profile, int year, const std::string& entity) {
  using namespace std::chrono;
  auto late = [&](sys_days day) {
    Report report;
    report.year = year, report.entity = entity, report.published = iso_day(day), report.published_source = "option";
    return !run_rules(pub01, report, profile, "en").empty();
  };
  sys_days early = sys_days(std::chrono::year(year + 1) / January / 1), last = sys_days(std::chrono::year(year + 2) / December / 31);
  if (late(early) || !late(last)) return {};
  while (last - early > days(1)) {  // late(last), not late(early)
    const sys_days middle = early + (last - early) / 2;
    (late(middle) ? last : early) = middle;
  }
  return iso_day(early);
}

// The body a site's reports say: the agency most of them name.
std::string site_agency(const scan::SiteScan& site) {
  std::map<std::string, int> count;
  for (const auto& r : site.reports)
    if (!r.agency.empty()) ++count[r.agency];
  const auto most = std::max_element(count.begin(), count.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
  return most == count.end() ? std::string() : most->first;
}

}  // namespace

// Expected are the years from --since (else the earliest report found, else
// last year) to last year; one is missing once its deadline has passed on
// `today`. The body's kind (--entity, else its agency's name) decides the
// deadline; when it is not known the later one is taken.
void ScanRun::judge_years(const Checker& checker) {
  std::vector<Rule> pub01;
  try {
    pub01 = load_rules(rules_dir_ + "/checks/PUB/PUB-01.xml", rule_context(rules_dir_, checker.profiles()));
  } catch (const std::runtime_error& e) {
    throw SetupError(std::string("PUB-05 的期限取自 PUB-01，其规则文件无法加载：") + e.what(),
                     std::string("PUB-05 takes its deadlines from PUB-01, whose rule file cannot be loaded: ") + e.what());
  }
  const auto gb = std::find_if(checker.profiles().begin(), checker.profiles().end(), [](const Profile& p) { return p.id == "gb-2021"; });
  const Profile& profile = gb != checker.profiles().end() ? *gb : checker.profiles().front();
  const int this_year = std::atoi(settings_.today.substr(0, 4).c_str());
  missing_.assign(result_.sites.size(), {});
  for (std::size_t i = 0; i < result_.sites.size(); ++i) {
    const auto& site = result_.sites[i];
    if (site.list_pages == 0 || site.empty_records > 0) continue;  // a column not read says nothing of its reports
    const std::string entity = !entity_.empty() ? entity_ : entity_of(site_agency(site));
    const bool known = entity == "government" || entity == "department";
    int first = settings_.since;
    for (const auto& [y, count] : site.reports_per_year)
      if (y > 0 && (first == 0 || y < first) && settings_.since == 0) first = y;
    if (first == 0) first = this_year - 1;
    for (int y = first; y < this_year; ++y) {
      if (site.reports_per_year.contains(y)) continue;
      std::string deadline = known ? last_day(pub01, profile, y, entity) : std::string();
      if (deadline.empty()) deadline = std::max(last_day(pub01, profile, y, "government"), last_day(pub01, profile, y, "department"));
      if (!deadline.empty() && settings_.today > deadline) missing_[i].push_back({y, deadline, known || entity == "other" ? entity : ""});
    }
  }
}

namespace {

// A finding of a rule the program makes (kind engine): its message with
// the {name} placeholders filled in. Nothing when the rule is not run.
std::optional<Finding> engine_finding(const Checker& checker, const std::string& id, const std::string& lang,
                                      const std::vector<std::pair<std::string, std::string>>& values) {
  const auto rule = std::find_if(checker.rules().begin(), checker.rules().end(), [&](const Rule& r) { return r.id == id; });
  if (rule == checker.rules().end()) return std::nullopt;
  Finding f;
  f.rule = id, f.severity = rule->severity;
  f.message = lang == "en" ? rule->message_en : rule->message_zh;
  std::string named;
  for (const auto& [name, value] : values) {
    for (std::size_t at; (at = f.message.find("{" + name + "}")) != std::string::npos;) f.message.replace(at, name.size() + 2, value);
    named += value + '\x1f';
  }
  f.fingerprint = finding_fingerprint(f, named);
  return f;
}

}  // namespace

void ScanRun::site_findings(const Checker& checker, const std::function<void(const Report&, std::vector<Finding>&)>& emit) {
  judge_years(checker);
  for (std::size_t i = 0; i < result_.sites.size(); ++i) {
    const auto& site = result_.sites[i];
    for (const auto& r : site.reports) {
      if (r.readable) continue;
      const std::string ext = std::filesystem::path(r.local_path).extension().string();
      Report report;
      report.source = r.url, report.title = r.title, report.year = r.year, report.agency = r.agency, report.format = ext.substr(1);
      std::vector<Finding> findings;
      if (auto f = engine_finding(checker, "PUB-06", lang_, {{"format", ext}, {"page", r.page_url}})) {
        f->expected = ".pdf / .docx / HTML", f->actual = ext;
        findings.push_back(*f);
      }
      emit(report, findings);
    }
    std::vector<Finding> findings;
    const bool en = lang_ == "en";
    for (const auto& m : missing_[i]) {
      const std::string whose = m.entity == "government" ? (en ? "a government's report" : "本级人民政府报告")
                                : m.entity == "department" ? (en ? "a department's report" : "部门报告")
                                : m.entity == "other"      ? (en ? "another kind of body (--entity other): the later deadline"
                                                                 : "其他主体（--entity other），按较晚的期限")
                                                           : (en ? "the body's kind is not known (--entity gives it): the later deadline"
                                                                 : "主体类型不明（可用 --entity 给出），按较晚的期限");
      if (auto f = engine_finding(checker, "PUB-05", lang_, {{"year", std::to_string(m.year)}, {"deadline", m.deadline}, {"whose", whose}})) {
        f->expected = en ? "a " + std::to_string(m.year) + " report by " + m.deadline : std::to_string(m.year) + "年度报告，" + m.deadline + " 前发布";
        f->actual = lang_ == "en" ? "none on the column" : "栏目中没有";
        findings.push_back(*f);
      }
    }
    if (findings.empty()) continue;
    Report report;
    report.source = site.start_url, report.format = "html";
    emit(report, findings);
  }
}

void ScanRun::summarize(const std::string& output_dir, bool timings) {
  const bool en = lang_ == "en";
  nlohmann::json sites = nlohmann::json::array();
  for (std::size_t i = 0; i < result_.sites.size(); ++i) {
    const auto& site = result_.sites[i];
    nlohmann::json per_year = nlohmann::json::object(), unreadable = nlohmann::json::array();
    std::size_t reports = 0;
    for (const auto& [y, n] : site.reports_per_year) per_year[y ? std::to_string(y) : "unknown"] = n, reports += static_cast<std::size_t>(n);
    for (const auto& r : site.reports)
      if (!r.readable) unreadable.push_back(r.url);
    nlohmann::json missing = nlohmann::json::array();  // year, its deadline, the kind of body it is judged for
    if (i < missing_.size())
      for (const auto& m : missing_[i]) missing.push_back({{"year", m.year}, {"deadline", m.deadline}, {"entity", m.entity.empty() ? "unknown" : m.entity}});
    sites.push_back({{"start_url", site.start_url}, {"domain", site.domain}, {"fetched", site.fetched}, {"not_modified", site.not_modified},
                     {"list_pages", site.list_pages}, {"articles", site.articles}, {"skipped_articles", site.skipped},
                     {"stubs", site.stubs}, {"reports", reports}, {"reports_per_year", per_year}, {"missing_years", missing},
                     {"unreadable", unreadable}, {"robots_blocked", site.robots_blocked}, {"failed", site.failed}});
    std::string years;
    for (const auto& [y, n] : site.reports_per_year) years += (years.empty() ? "" : ", ") + (y ? std::to_string(y) : "?") + ": " + std::to_string(n);
    std::string missed;
    for (const auto& m : missing) missed += (missed.empty() ? "" : ", ") + std::to_string(m["year"].get<int>());
    if (en)
      std::cerr << "scan: " << printable(site.start_url) << ": " << site.fetched << " fetched (" << site.not_modified << " not modified), "
                << site.list_pages << " list pages, " << site.articles << " articles (" << site.skipped << " not reports, " << site.stubs
                << " stubs), " << reports << " reports [" << years << "], missing years [" << missed << "], " << unreadable.size()
                << " unreadable, " << site.robots_blocked.size() << " blocked by robots.txt, " << site.failed.size() << " failed\n";
    else
      std::cerr << "scan: " << printable(site.start_url) << "：抓取 " << site.fetched << " 次（未变 " << site.not_modified << "），列表页 "
                << site.list_pages << "，文章 " << site.articles << "（非年报 " << site.skipped << "，跳转/拦截页 " << site.stubs << "），年报 "
                << reports << " 份 [" << years << "]，缺少年度 [" << missed << "]，无法读取格式 " << unreadable.size() << "，robots.txt 禁止 "
                << site.robots_blocked.size() << "，失败 " << site.failed.size() << "\n";
    for (const auto& f : site.failed) std::cerr << "scan:   " << (en ? "failed: " : "失败：") << printable(f) << '\n';
    for (const auto& b : site.robots_blocked) std::cerr << "scan:   " << (en ? "robots.txt: " : "robots.txt 禁止：") << printable(b) << '\n';
  }
  const nlohmann::json summary = {{"sites", sites}, {"requests", result_.requests}, {"bytes", result_.bytes}, {"unchanged_not_checked", unchanged_}};
  for (const auto& dir : {settings_.crawl.state_dir, output_dir}) {
    if (dir.empty() || (!temp_state_.empty() && dir == temp_state_)) continue;
    std::ofstream(dir + "/scan-summary.json") << summary.dump(2) << '\n';
  }
  remove_temporary_state();  // the checks are done; main ends without destructors
  if (unchanged_ > 0)
    std::cerr << "scan: " << unchanged_ << (en ? " unchanged reports not checked again (--recheck checks them)\n" : " 份年报未变化，未重新检查（--recheck 可重新检查）\n");
  if (!timings) return;
  const double total = 1000.0 * static_cast<double>(std::clock()) / CLOCKS_PER_SEC;
  const double checking = total - crawl_end_cpu_ms_;  // loading the rules, the checks and their output
  const double other = std::max(0.0, total - startup_cpu_ms_ - crawl_cpu_ms_ - checking);
  std::fprintf(stderr,
               "timing: scan: fetching %.1f ms CPU (%.1f s wall, %.1f s of it waiting), checking %.1f ms CPU (%.1f ms in the reports' "
               "stages, the rest loading rules and writing output), other %.1f ms CPU (%.1f %% of %.1f ms; program start-up "
               "%.1f ms before it)\n",
               crawl_cpu_ms_, crawl_wall_s_, result_.waited_seconds, checking, check_cpu_ms_, other, total > startup_cpu_ms_ ? 100 * other / (total - startup_cpu_ms_) : 0.0, total - startup_cpu_ms_, startup_cpu_ms_);
}

std::vector<std::string> ScanRun::found_reports() const {
  std::vector<std::string> paths;
  for (const auto& site : result_.sites)
    for (const auto& r : site.reports)
      if (r.readable && std::find(paths.begin(), paths.end(), r.local_path) == paths.end()) paths.push_back(r.local_path);
  return paths;
}

namespace {

// The scan command of ogicheck-scan: its options, then one run.
class Command final : public ScanCommand {
 public:
  const char* help(const std::string& lang) const override { return lang == "en" ? scan_help_en : scan_help_zh; }
  bool parse_option(const std::vector<std::string>& args, std::size_t& i, std::string& zh, std::string& en) override {
    return parse_scan_option(args, i, settings_, zh, en);
  }
  std::vector<std::string> crawl(const std::vector<std::string>& urls, CheckerConfig& config) override {
    std::error_code ec;
    // one file cannot be last year's report of every body a scan finds; a folder is paired report by report
    if (!config.previous.empty() && !std::filesystem::is_directory(config.previous, ec))
      throw InputError("open", "scan 的 --previous 应为文件夹（上一年度报告按机关和年度逐份配对），不能是单个文件：" + config.previous,
                       "scan --previous takes a folder (last year's reports, paired by agency and year), not one file: " + config.previous);
    run_.emplace(settings_, urls, config);
    return run_->crawl(config.input_meta);
  }
  std::vector<std::string> found_reports() const override { return run_->found_reports(); }
  void checked(const std::string& local_path, double cpu_ms) override { run_->checked(local_path, cpu_ms); }
  void site_findings(const Checker& checker, const std::function<void(const Report&, std::vector<Finding>&)>& emit) override {
    run_->site_findings(checker, emit);
  }
  void summarize(const std::string& output_dir, bool timings) override { run_->summarize(output_dir, timings); }

 private:
  ScanSettings settings_;
  std::optional<ScanRun> run_;
};

Command command;
// when the program starts: main.cpp then runs `scan` itself
const struct Registration {
  Registration() { scan_command = &command; }
} registration;

}  // namespace

}  // namespace ogi
