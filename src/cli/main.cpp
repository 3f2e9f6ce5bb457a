// ogicheck: parses arguments, runs the pipeline, picks a reporter.
#include <malloc.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <mutex>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <re2/re2.h>

#include "batch/inputs.h"
#include "extract/ocr_client.h"
#include "batch/review.h"
// The crawler is a program of its own (ogicheck-scan, this file linked with
// src/cli/scan.cpp, which registers the command): libcurl and libpsl bring
// 28 shared libraries whose loading would double every check's start-up.
// ogicheck execs it for `scan`.
#include "cli/scan_command.h"
#include "cli/workflow.h"
#include "doc/files.h"
#include "examples.h"
#include "doc/limits.h"
#include "extract/extract.h"
#include "ogicheck.h"
#include "report/escape.h"
#include "report/reporters.h"
#include "rules/baseline.h"
#include "rules/report_xml.h"

namespace {

constexpr int exit_clean = 0, exit_findings = 1, exit_usage = 2;
// Worker threads at most: more than any machine has cores, few enough that
// every one of them can be started.
constexpr long max_jobs = 1024;

const char* const main_help_en = R"(ogicheck — 政府信息公开工作年度报告检查工具 / checks government information disclosure annual reports

usage:
  ogicheck check [options] FILE|DIR...     check reports against the standard format and its arithmetic
  ogicheck scan [options] URL...           crawl a website's annual-report column and check every report found
  ogicheck extract [options] FILE|DIR...   print the parts and canonical table cells found
  ogicheck rules [options]                 list the rules with severity and a one-line description
  ogicheck explain RULE [--lang en]        what a rule checks, why, how it is written, examples, how to fix
  ogicheck merge [options] PART.jsonl...   the outputs of a sharded run from its JSON Lines parts
  ogicheck serve [--listen HOST:PORT] [--open]  a local page to check drafts (prints its URL with a token)
  ogicheck COMMAND --help                  options of a command
  ogicheck --version                       version of the program, the rules and the profiles

Folders are searched recursively for .pdf .html .htm .shtml .docx .txt .md files.
exit codes: 0 no finding at or above --fail-on, 1 findings, 2 usage or input error
)";

const char* const check_help_en = R"(usage: ogicheck check [options] FILE|DIR...

options:
  --format FORMAT      text: file:line:column: severity[RULE]: message (default)
                       json: one JSON object per report (JSON Lines; schema/report.schema.json)
                       csv: one row per finding (with --summary: one row per input)
                       sarif: SARIF 2.1.0, one document for all inputs
                       html: a page per report; with several inputs, pages and index.html in --output
                       xlsx: --output DIR/ogicheck.xlsx, sheets summary, findings and cells
                       docx: --output DIR/NAME.批注.docx, a copy of each DOCX draft with a Word comment
                       (message, how to fix, basis) on the paragraph, heading or table cell of each finding
  --output DIR         html: where to write the pages and index.html (needed for several inputs);
                       csv: writes findings.csv and summary.csv there (with the UTF-8 BOM); xlsx: ogicheck.xlsx
  --summary            csv: one row per input (clean and unreadable ones too): agency, year, status, counts, top rules
  --excel              csv: start with the UTF-8 BOM, so that Excel reads the Chinese text correctly
  --lang zh|en         language of messages (default zh)
  --fail-on LEVEL      error|warning|info|none: exit 1 when a finding is at or above LEVEL (default error)
  -j, --jobs N         check N reports at a time (default: the number of cores); output stays in input order
  --baseline FILE      accept the findings recorded in FILE: show only new ones
  --write-baseline FILE  record the findings of this run in FILE
  --review FILE        a review file (JSON, see README): findings marked accepted / not-a-defect / fixed
                       are shown with their state; closed ones (accepted, not-a-defect) are hidden
                       (SARIF: suppressions; JSON: kept, marked)
  --show-closed        show the closed findings of --review too
  --write-review FILE  write a review file of this run's findings to fill in (their verdicts from --review kept)
  --files-from FILE    more inputs, one path per line (- for standard input)
  --shard K/N          check only the inputs of shard K (0 … N-1), by a stable hash of each input's
                       path relative to its folder: N processes split a batch; see merge
  --enable RULE,...    run only these rules
  --disable RULE,...   do not run these rules
  --severity RULE=LEVEL,...  report RULE at LEVEL (error, warning, info)
  --config FILE        defaults for the options above, lang and fail-on (default: ./.ogicheck if present)
  --rules FILE         add a rule file (repeatable)
  --profile ID         use this format profile instead of detecting it (gb-2021, gb-2019, pre-2019)
  --previous FILE|DIR  last year's report: carried-over figures (ARI-05) and copied text or tables (DUP-01).
                       FILE: refused (exit 2) for a report of another agency or year; DIR: each report
                       is paired with the same agency's report of the year before, found in DIR or
                       among the inputs (several years in one batch), by the agency and year the
                       reports state; a report without one gets YR-04
  --published DATE     publication date YYYY-MM-DD (else the page's 发布日期, or a PDF's creation date)
  --entity KIND        government (本级人民政府 report, due 3月31日), department (due 1月31日) or other;
                       default: from the agency's name
  --rules-dir DIR      use DIR/profiles and DIR/checks instead of the bundled rules
  --timeout SECONDS    time one report may take (default 60); past it the report is an error, the batch goes on
  --no-ocr             do not read pages without text (scans, PNG/JPEG/TIFF) by OCR; by default they are
                       read (at most 30 pages and 45 s per report), and every OCR figure Tesseract is
                       unsure of is undecided, never a figure
  --timings            print the CPU time of each stage per file to stderr
)";

const char* const extract_help_en = R"(usage: ogicheck extract [options] FILE|DIR...

options:
  --format json|csv|xlsx|xml  json: one JSON object per report: source, format, profile, year, agency, sections,
                       tables with canonical cells (default; schema/report.schema.json); csv: one row per cell
                       (source,agency,year,table,row,col,value); xlsx: the same as a sheet (needs --output);
                       xml: the report model the rules' XPath runs against (rules/schema/report.rng, rules/README.md)
  --output DIR         csv: writes cells.csv there (with the UTF-8 BOM); xlsx: ogicheck.xlsx
  -j, --jobs N         read N reports at a time (default: the number of cores)
  --profile ID         use this format profile instead of detecting it
  --lang zh|en         language of error messages (default zh)
  --rules-dir DIR      use DIR/profiles instead of the bundled profiles
)";

const char* const merge_help_en = R"(usage: ogicheck merge [options] PART.jsonl...

Builds one output from the JSON Lines parts of a sharded run (check --format json --shard K/N),
as one unsharded run would write it: reports in the order of their source paths.

options:
  --format FORMAT      csv, sarif, text, json, html or xlsx (html and xlsx need --output DIR)
  --output DIR         html: where to write the pages and index.html; csv: findings.csv and summary.csv
                       (with the UTF-8 BOM); xlsx: ogicheck.xlsx
  --summary            csv: one row per input (clean and unreadable ones too), as check --summary
  --excel              csv: begin with the UTF-8 BOM (Excel on Chinese Windows)
  --show-closed        show the findings a review file closed (they are in the parts, marked)
  --fail-on LEVEL      error|warning|info|none: exit 1 when a finding is at or above LEVEL (default error)
  --lang zh|en         language of the SARIF rule descriptions and of messages of the run (default zh)
  --rules FILE         the extra rule files the parts were checked with (SARIF rule list)
  --rules-dir DIR      use DIR/profiles and DIR/checks instead of the bundled rules
)";

const char* const explain_help_en = R"(usage: ogicheck explain [options] RULE

Prints what the rule checks, its basis, how it is defined (the rule file and
its XPath or pattern), the message it gives, how to fix it, and corpus
specimens that fail and pass it.

options:
  --lang zh|en         language (default zh)
  --rules FILE         include an extra rule file (repeatable)
)";

const char* const rules_help_en = R"(usage: ogicheck rules [options]

options:
  --lang zh|en         language of descriptions (default zh)
  --rules FILE         include an extra rule file (repeatable)
  --rules-dir DIR      use DIR/checks instead of the bundled rules
  --test               run every rule's examples (<example> in its file): exit 1 if one fails
)";

// The same help in Chinese, the default language (--lang en: the English above).
const char* const main_help_zh = R"(ogicheck — 政府信息公开工作年度报告检查工具

用法：
  ogicheck check [选项] 文件|文件夹...     按标准格式和勾稽关系检查报告
  ogicheck extract [选项] 文件|文件夹...   输出识别出的各部分和标准化的表格单元格
  ogicheck rules [选项]                    列出规则及其级别和简要说明
  ogicheck explain 规则编号 [--lang en]    规则检查什么、依据、如何定义、示例、如何修改
  ogicheck merge [选项] 分片.jsonl...      由分片运行的 JSON Lines 结果合成一份输出
  ogicheck serve [--listen 主机:端口] [--open]  本地检查网页（输出带令牌的网址）
  ogicheck 命令 --help                     该命令的选项
  ogicheck --version                       程序、规则的版本和格式配置列表
  --lang en                                英文界面

文件夹中的 .pdf .html .htm .shtml .docx .txt .md 文件都会被（递归）检查。
退出码：0 没有达到 --fail-on 级别的问题，1 有问题，2 用法或输入错误
)";

const char* const check_help_zh = R"(用法：ogicheck check [选项] 文件|文件夹...

选项：
  --format 格式        text：文件:行:列: 级别[规则]: 说明（默认；PDF 为 第 N 页，DOCX 为 第 N 段）
                       json：每份报告一个 JSON 对象（JSON Lines；见 schema/report.schema.json）
                       csv：每个问题一行（加 --summary：每个输入一行）
                       sarif：SARIF 2.1.0，所有输入一个文档
                       html：每份报告一页；多个输入时页面和 index.html 写入 --output
                       xlsx：--output 文件夹/ogicheck.xlsx，工作表 summary、findings、cells
                       docx：--output 文件夹/原文件名.批注.docx，每份 DOCX 文稿的副本，在每个问题所在的
                       段落、标题或表格单元格上加 Word 批注（问题、修改方法、依据）
  --output 文件夹      html：页面和 index.html 的位置（多个输入时必需）；
                       csv：在其中写 findings.csv 和 summary.csv（带 UTF-8 BOM）；xlsx：ogicheck.xlsx
  --summary            csv：每个输入一行（无问题的和无法读取的也在内）：机关、年度、状态、问题数、主要规则
  --excel              csv：以 UTF-8 BOM 开头，Excel 可正确显示中文
  --lang zh|en         说明文字的语言（默认 zh）
  --fail-on 级别       error|warning|info|none：有达到该级别的问题时退出码为 1（默认 error）
  -j, --jobs N         同时检查 N 份报告（默认：CPU 核数）；输出仍按输入顺序
  --baseline 文件      接受文件中记录的问题：只显示新问题
  --write-baseline 文件  把本次的问题记录到文件
  --review 文件        复核文件（JSON，见 README）：标为 accepted / not-a-defect / fixed 的问题
                       显示其状态；已关闭的（accepted、not-a-defect）不显示
                       （SARIF：suppressions；JSON：保留并标注）
  --show-closed        也显示 --review 已关闭的问题
  --write-review 文件  写出本次问题的复核文件待填写（保留 --review 中的结论）
  --files-from 文件    更多输入，每行一个路径（- 为标准输入）
  --shard K/N          只检查第 K 片（0 … N-1）的输入，按各输入相对其文件夹路径的稳定哈希划分：
                       N 个进程分担一批；见 merge
  --enable 规则,...    只运行这些规则
  --disable 规则,...   不运行这些规则
  --severity 规则=级别,...  把规则按该级别报告（error、warning、info）
  --config 文件        以上选项、lang 和 fail-on 的默认值（默认：当前目录下的 .ogicheck）
  --rules 文件         增加一个规则文件（可重复）
  --profile ID         使用此格式配置，不自动判断（gb-2021、gb-2019、pre-2019）
  --previous 文件|文件夹  上一年度报告：结转数字（ARI-05）和照搬的文字或表格（DUP-01）。
                       文件：不是同一机关上一年度的报告时拒绝（退出码 2）；文件夹：按报告写明的
                       机关和年度，为每份报告在该文件夹或本次输入中找同一机关上一年度的报告
                       （一批可含多个年度）；找不到的给出 YR-04
  --published 日期     发布日期 YYYY-MM-DD（否则取网页的发布日期或 PDF 的创建日期）
  --entity 类别        government（本级人民政府报告，3月31日前）、department（1月31日前）或 other；
                       默认按机关名称判断
  --rules-dir 文件夹   使用该文件夹下的 profiles 和 checks，不用自带规则
  --timeout 秒         一份报告最多用时（默认 60）；超时的报告记为错误，整批继续
  --no-ocr             不用 OCR 识读没有文字层的页面（扫描件、PNG/JPEG/TIFF 图片）；默认识读（每份报告
                       最多 30 页、45 秒），Tesseract 没有把握的数字一律记为无法判断，不当作数字
  --timings            在标准错误上输出每个文件各阶段的 CPU 时间
)";

const char* const extract_help_zh = R"(用法：ogicheck extract [选项] 文件|文件夹...

选项：
  --format json|csv|xlsx|xml  json：每份报告一个 JSON 对象：来源、格式、格式配置、年度、机关、各部分、
                       带标准化单元格的表格（默认；schema/report.schema.json）；csv：每个单元格一行
                       （source,agency,year,table,row,col,value）；xlsx：同样内容的工作表（需要 --output）；
                       xml：规则的 XPath 所作用的报告模型（rules/schema/report.rng，rules/README.md）
  --output 文件夹      csv：在其中写 cells.csv（带 UTF-8 BOM）；xlsx：ogicheck.xlsx
  -j, --jobs N         同时读取 N 份报告（默认：CPU 核数）
  --profile ID         使用此格式配置，不自动判断
  --lang zh|en         错误信息的语言（默认 zh）
  --rules-dir 文件夹   使用该文件夹下的 profiles，不用自带的格式配置
)";

const char* const merge_help_zh = R"(用法：ogicheck merge [选项] 分片.jsonl...

由分片运行（check --format json --shard K/N）的 JSON Lines 结果合成一份输出，
与不分片运行的输出相同：报告按来源路径排序。

选项：
  --format 格式        csv、sarif、text、json 或 html（html 需要 --output 文件夹）
  --output 文件夹      html：页面和 index.html 的位置
  --show-closed        也显示复核文件已关闭的问题（它们在分片中，已标注）
  --fail-on 级别       error|warning|info|none：有达到该级别的问题时退出码为 1（默认 error）
  --lang zh|en         SARIF 规则说明和运行信息的语言（默认 zh）
  --rules 文件         分片检查时用过的附加规则文件（SARIF 规则列表）
  --rules-dir 文件夹   使用该文件夹下的 profiles 和 checks，不用自带规则
)";

const char* const explain_help_zh = R"(用法：ogicheck explain [选项] 规则编号

输出规则检查什么、依据、如何定义（规则文件及其 XPath 或模式）、给出的说明、
如何修改，以及不通过和通过该规则的语料示例。

选项：
  --lang zh|en         语言（默认 zh）
  --rules 文件         包含一个附加规则文件（可重复）
)";

const char* const rules_help_zh = R"(用法：ogicheck rules [选项]

选项：
  --lang zh|en         说明的语言（默认 zh）
  --rules 文件         包含一个附加规则文件（可重复）
  --rules-dir 文件夹   使用该文件夹下的 checks，不用自带规则
  --test               运行每条规则的示例（规则文件中的 <example>）：有不通过的退出码为 1
)";

const char* help_text(const char* zh, const char* en, const std::string& lang) { return lang == "en" ? en : zh; }

}  // namespace

ogi::ScanCommand* ogi::scan_command = nullptr;

namespace {

struct Options {
  std::string command, format, lang = "zh", fail_on = "error", output, baseline, write_baseline, config_file, review, write_review,
      files_from;
  ogi::CheckerConfig config;
  std::vector<std::string> files;
  std::size_t shard = 0, shards = 1;
  bool show_closed = false;
  int jobs = 0;
  bool help = false, timings = false, test = false, summary = false, excel = false;
};

// What is wrong with the command line or a file it names, in both languages.
struct Problem {
  std::string zh, en;
  explicit operator bool() const { return !en.empty(); }
};

Problem needs_value(const std::string& option) { return {option + " 缺少取值", option + " needs a value"}; }

int usage_error(const std::string& lang, const Problem& problem) {
  if (lang == "en") std::cerr << "ogicheck: " << problem.en << "\n(see ogicheck --help)\n";
  else std::cerr << "ogicheck: " << problem.zh << "\n（用法见 ogicheck --help）\n";
  return exit_usage;
}

std::vector<std::string> split_list(const std::string& s) {
  std::vector<std::string> out;
  std::string item;
  for (char c : s + ",") {
    if (c == ',' || c == ' ' || c == '\t') {
      if (!item.empty()) out.push_back(item);
      item.clear();
    } else {
      item += c;
    }
  }
  return out;
}

// "RULE=level,…" into overrides (rule IDs are checked when the rules load).
Problem add_severities(const std::string& list, ogi::CheckerConfig& config) {
  for (const auto& item : split_list(list)) {
    const auto eq = item.find('=');
    ogi::Severity level;
    if (eq == std::string::npos || !ogi::parse_severity(item.substr(eq + 1), level))
      return {"--severity 的格式为 规则=error|warning|info，而不是 " + item, "--severity takes RULE=error|warning|info, not " + item};
    config.severity.push_back({item.substr(0, eq), level});
  }
  return {};
}

// A whole number in [low, high], or nothing.
std::optional<long> bounded_number(const std::string& text, long low, long high) {
  long n = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || n < low || n > high) return std::nullopt;
  return n;
}

// YYYY-MM-DD naming a real day.
bool is_date(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  const auto y = bounded_number(s.substr(0, 4), 1990, 2200), m = bounded_number(s.substr(5, 2), 1, 12),
             d = bounded_number(s.substr(8, 2), 1, 31);
  if (!y || !m || !d) return false;
  const std::chrono::year_month_day day{std::chrono::year(static_cast<int>(*y)), std::chrono::month(static_cast<unsigned>(*m)),
                                        std::chrono::day(static_cast<unsigned>(*d))};
  return day.ok();
}

// A config file: "key = value" lines (enable, disable, severity, lang,
// fail-on), '#' comments. Command-line options are applied after it.
Problem read_config(const std::string& path, Options& o) {
  std::string text;
  try {
    text = ogi::read_regular_file(path, ogi::limits::config_bytes, "配置文件", "the config file");
  } catch (const ogi::InputError& e) {
    return {e.zh, e.en};
  }
  std::istringstream in(text);
  int n = 0;
  for (std::string line; std::getline(in, line);) {
    const std::string where = path + ":" + std::to_string(++n) + ": ";
    if (const auto hash = line.find('#'); hash != std::string::npos) line.erase(hash);
    const auto eq = line.find('=');
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    if (eq == std::string::npos) return {where + "应为 键 = 值", where + "expected key = value"};
    auto trim = [](std::string s) {
      s.erase(0, s.find_first_not_of(" \t\r"));
      s.erase(s.find_last_not_of(" \t\r") + 1);
      return s;
    };
    const std::string key = trim(line.substr(0, eq)), value = trim(line.substr(eq + 1));
    if (key == "enable") for (auto& id : split_list(value)) o.config.enable.push_back(id);
    else if (key == "disable") for (auto& id : split_list(value)) o.config.disable.push_back(id);
    else if (key == "severity") { if (auto p = add_severities(value, o.config)) return {where + p.zh, where + p.en}; }
    else if (key == "lang") o.lang = value;
    else if (key == "fail-on") o.fail_on = value;
    else return {where + "未知的配置项 " + key, where + "unknown key " + key};
  }
  return {};
}

// The language asked for, before the rest is parsed (for parse errors).
std::string language_of(const std::vector<std::string>& args) {
  for (std::size_t i = 0; i + 1 < args.size(); ++i)
    if (args[i] == "--lang") return args[i + 1];
  return "zh";
}

Problem parse(int argc, char** argv, Options& o) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) return {"缺少命令", "no command"};
  o.command = args[0];
  o.lang = language_of(args);
  // the config file first, so that command-line options win
  for (std::size_t i = 1; i + 1 < args.size(); ++i)
    if (args[i] == "--config") o.config_file = args[i + 1];
  if (o.config_file.empty() && std::filesystem::exists(".ogicheck")) o.config_file = ".ogicheck";
  if (!o.config_file.empty())
    if (Problem problem = read_config(o.config_file, o)) return problem;
  for (std::size_t i = 1; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&](std::string& into) {
      if (i + 1 >= args.size()) return false;
      into = args[++i];
      return true;
    };
    std::string v, a_en;
    if (a == "--help" || a == "-h") o.help = true;
    else if (a == "--timings") o.timings = true;
    else if (a == "--summary" && (o.command == "check" || o.command == "merge")) o.summary = true;
    else if (a == "--excel") o.excel = true;
    else if (a == "--test" && o.command == "rules") o.test = true;
    else if (a == "--format") { if (!value(o.format)) return needs_value(a); }
    else if (a == "--lang") { if (!value(o.lang)) return needs_value(a); }
    else if (a == "--fail-on") { if (!value(o.fail_on)) return needs_value(a); }
    else if (a == "--output") { if (!value(o.output)) return needs_value(a); }
    else if (a == "--baseline") { if (!value(o.baseline)) return needs_value(a); }
    else if (a == "--write-baseline") { if (!value(o.write_baseline)) return needs_value(a); }
    else if (a == "--review") { if (!value(o.review)) return needs_value(a); }
    else if (a == "--write-review") { if (!value(o.write_review)) return needs_value(a); }
    else if (a == "--show-closed") o.show_closed = true;
    else if (a == "--files-from") { if (!value(o.files_from)) return needs_value(a); }
    else if (a == "--shard") {
      if (!value(v) || !ogi::parse_shard(v, o.shard, o.shards))
        return {a + " 应为 K/N（0 ≤ K < N）", a + " takes K/N with 0 <= K < N"};
    }
    else if (a == "--profile") { if (!value(o.config.profile)) return needs_value(a); }
    else if (a == "--rules-dir") { if (!value(o.config.rules_dir)) return needs_value(a); }
    else if (a == "--config") { if (!value(v)) return needs_value(a); }
    else if (a == "--previous") { if (!value(o.config.previous)) return needs_value(a); }
    else if (a == "--published") {
      if (!value(o.config.published) || !is_date(o.config.published))
        return {a + " 应为实际存在的日期 YYYY-MM-DD", a + " takes a real date YYYY-MM-DD"};
    } else if (a == "--entity") {
      if (!value(o.config.entity) || (o.config.entity != "government" && o.config.entity != "department" && o.config.entity != "other"))
        return {a + " 应为 government、department 或 other", a + " takes government, department or other"};
    }
    else if (a == "--enable" || a == "--disable") {
      if (!value(v)) return needs_value(a);
      for (auto& id : split_list(v)) (a == "--enable" ? o.config.enable : o.config.disable).push_back(id);
    } else if (a == "--severity") {
      if (!value(v)) return needs_value(a);
      if (Problem problem = add_severities(v, o.config)) return problem;
    }
    else if (a == "--rules") {
      if (!value(v)) return needs_value(a);
      o.config.extra_rules.push_back(v);
    } else if (a == "-j" || a == "--jobs") {
      const auto jobs = value(v) ? bounded_number(v, 1, max_jobs) : std::nullopt;
      if (!jobs) return {a + " 应为 1 到 " + std::to_string(max_jobs) + " 之间的整数", a + " takes a whole number from 1 to " + std::to_string(max_jobs)};
      o.jobs = static_cast<int>(*jobs);
    } else if (a == "--no-ocr") {
      ogi::set_ocr_enabled(false);
    } else if (a == "--timeout") {
      const auto seconds = value(v) ? bounded_number(v, 1, 86400) : std::nullopt;
      if (!seconds) return {a + " 应为 1 到 86400 之间的秒数", a + " takes a number of seconds from 1 to 86400"};
      o.config.time_limit = std::chrono::seconds(*seconds);
    } else if (o.command == "scan" && ogi::scan_command && ogi::scan_command->parse_option(args, i, v, a_en)) {
      if (!a_en.empty()) return {v, a_en};
    } else if (a.starts_with("--")) return {"未知选项 " + a, "unknown option " + a};
    else o.files.push_back(a);
  }
  if (o.lang != "zh" && o.lang != "en") return {"--lang 应为 zh 或 en", "--lang must be zh or en"};
  if (o.format.empty()) o.format = o.command == "extract" ? "json" : "text";
  o.config.lang = o.lang;
  return {};
}

// One report in a streaming format, formatted by this worker thread's own
// reporter (reporters keep no state that spans reports when they stream).
std::string render(const ogi::ReporterOptions& options, const ogi::Report& report, const std::vector<ogi::Finding>* findings) {
  thread_local std::ostringstream buffer;
  thread_local const std::unique_ptr<ogi::Reporter> reporter = ogi::make_reporter(options, buffer);
  buffer.str({});
  reporter->report(report, findings);
  return buffer.str();
}

// count, rate and time left, redrawn in place on a terminal
class Progress {
 public:
  Progress(std::size_t total, bool shown) : total_(total), shown_(shown && total > 1) {}
  void step(std::size_t done) {
    if (!shown_) return;
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    const double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0;
    const int width = 30, filled = static_cast<int>(width * done / total_);
    std::fprintf(stderr, "\r[%s%s] %zu/%zu  %.1f/s  ETA %.0fs ", std::string(static_cast<std::size_t>(filled), '#').c_str(),
                 std::string(static_cast<std::size_t>(width - filled), '.').c_str(), done, total_, rate,
                 rate > 0 ? static_cast<double>(total_ - done) / rate : 0.0);
    if (done == total_) std::fprintf(stderr, "\r%*s\r", width + 40, "");
  }

 private:
  std::size_t total_;
  bool shown_;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

// The output options that do not fit together, or an output folder that
// cannot be made (it is made here), said before any work (a scan's crawl
// can take hours, and a run that stops after it would leave its temporary
// state): the problem, or none. `several`: more than one report may be written.
std::optional<Problem> output_problem(const Options& o, bool several) {
  ogi::Severity threshold = ogi::Severity::error;
  if (o.fail_on != "none" && !ogi::parse_severity(o.fail_on, threshold))
    return Problem{"--fail-on 应为 error、warning、info 或 none", "--fail-on must be error, warning, info or none"};
  if (o.command == "extract" && o.format != "json" && o.format != "csv" && o.format != "xml" && o.format != "xlsx")
    return Problem{"extract 的 --format 应为 json、csv、xlsx 或 xml", "extract --format must be json, csv, xlsx or xml"};
  if ((o.summary || o.excel) && o.format != "csv")
    return Problem{"--summary 和 --excel 需要 --format csv", "--summary and --excel need --format csv"};
  if (o.format == "xlsx" && o.output.empty()) return Problem{"--format xlsx 需要 --output 文件夹", "--format xlsx needs --output DIR"};
  if (o.format == "docx" && o.output.empty()) return Problem{"--format docx 需要 --output 文件夹", "--format docx needs --output DIR"};
  if (o.format == "html" && several && o.output.empty())
    return Problem{"多个输入的 --format html 需要 --output 文件夹", "--format html with several inputs needs --output DIR"};
  if (std::error_code ec; !o.output.empty() && !std::filesystem::create_directories(o.output, ec) && ec)
    return Problem{"无法创建输出文件夹 " + o.output, "cannot create the output folder " + o.output};
  return std::nullopt;
}

int run_files(const Options& o, ogi::Checker& checker, ogi::ScanCommand* scan = nullptr) {
  ogi::Severity threshold = ogi::Severity::error;
  const bool never_fail = o.fail_on == "none";
  const bool extract = o.command == "extract";
  if (const auto problem = output_problem(o, scan != nullptr)) return usage_error(o.lang, *problem);
  if (!never_fail) ogi::parse_severity(o.fail_on, threshold);
  const std::vector<std::string> files = ogi::select_inputs({o.files, o.files_from, o.shard, o.shards, o.output});
  if (files.empty() && o.shards == 1 && !scan) return usage_error(o.lang, {"没有输入文件", "no input file"});
  if (const auto problem = output_problem(o, files.size() > 1 || scan)) return usage_error(o.lang, *problem);  // now with the count

  std::optional<ogi::Baseline> accepted;
  if (!o.baseline.empty()) accepted = ogi::Baseline::load(o.baseline);
  std::optional<ogi::ReviewFile> reviewed;
  if (!o.review.empty()) reviewed = ogi::ReviewFile::load(o.review);
  ogi::ReviewFile to_review;
  std::mutex review_mutex;
  const int jobs = o.jobs > 0 ? o.jobs : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  if (!extract && checker.pairs_by_folder())
    checker.pair(ogi::pair_inputs(checker, files, o.config.previous, jobs, scan ? scan->found_reports() : std::vector<std::string>()));
  // The machine formats keep closed findings (marked; SARIF as suppressions) so that merge can rebuild any output.
  const bool keep_closed = o.show_closed || o.format == "json" || o.format == "sarif";
  std::size_t closed = 0;
  ogi::Baseline recorded;
  // Only SARIF lists the rules up front; the others let them load while the first input is read.
  const ogi::ReporterOptions reporting{o.format, extract, o.lang, o.output, o.format == "sarif" || o.format == "docx" ? &checker.rules() : nullptr,
                                       o.summary, o.excel};
  const std::unique_ptr<ogi::Reporter> reporter = ogi::make_reporter(reporting, std::cout);
  if (!reporter)
    return usage_error(o.lang, {"--format 应为 text、json、csv、sarif、html、xlsx 或 docx", "--format must be text, json, csv, sarif, html, xlsx or docx"});
  reporter->start();

  // On the worker: the baseline, then (streaming formats) the output text.
  auto prepare = [&](ogi::BatchItem& item) {
    if (!item.result) return;
    auto& findings = item.result->findings;
    if (!extract) {
      const std::string key = ogi::input_key(scan ? item.result->report.source : item.path, o.files);
      if (!o.write_baseline.empty()) item.unfiltered = findings;
      if (accepted) accepted->filter(key, findings);
      if (reviewed) reviewed->mark(key, item.result->report.agency, item.result->report.year, findings);
      if (!o.write_review.empty()) {  // on the worker, before closed ones are hidden: saved in source order
        std::lock_guard lock(review_mutex);
        to_review.add(key, item.result->report.agency, item.result->report.year, findings);
      }
      for (const auto& f : findings) ++(f.review.closed ? item.counts_closed : item.counts[static_cast<int>(f.severity)]);
      if (!keep_closed) std::erase_if(findings, [](const ogi::Finding& f) { return f.review.closed; });
    }
    if (!reporter->streams()) return;
    item.output = render(reporting, item.result->report, extract ? nullptr : &findings);
    // Freed here, by the thread that made it: a free from another thread
    // would take the allocator lock of this one.
    item.result->report = ogi::Report{};
    item.result->findings = {};
  };

  int code = exit_clean;
  std::size_t done = 0, unreadable = 0, counts[3] = {0, 0, 0};
  Progress progress(files.size(), isatty(STDERR_FILENO) != 0);
  // a scanned report is named by its URL
  auto shown = [&](const std::string& path) {
    const auto meta = o.config.input_meta.find(path);
    return meta == o.config.input_meta.end() ? path : meta->second.url;
  };
  ogi::run_batch(checker, files, extract, jobs, prepare, [&](ogi::BatchItem& item) {
    if (scan) scan->checked(item.path, item.result ? item.result->times.extract + item.result->times.segment + item.result->times.rules : 0);
    if (!item.result) {
      const std::string& message = o.lang == "en" ? item.error_en : item.error_zh;
      std::cerr << "ogicheck: " << ogi::printable(shown(item.path)) << ": " << ogi::printable(message) << '\n';
      reporter->unreadable(shown(item.path), item.error_code, message);
      ++unreadable;
      // a report found on a site that cannot be read is a finding of the scan, not a usage error
      if (!scan) code = exit_usage;
      else if (!never_fail && code == exit_clean) code = exit_findings;
    } else {
      if (reporter->streams()) std::cout << item.output;
      else reporter->report(item.result->report, extract ? nullptr : &item.result->findings);
      const auto& r = *item.result;
      if (o.timings && !extract) {
        const auto& t = r.times;
        std::cerr << "timing: " << ogi::printable(item.path) << ": extract " << t.extract << " ms, ";
        if (t.ocr_pages > 0)
          std::cerr << "ocr " << t.ocr << " ms (" << t.ocr_pages << " pages, " << t.ocr / t.ocr_pages << " ms a page), ";
        std::cerr << "segment " << t.segment << " ms, rules " << t.rules << " ms, total " << t.extract + t.ocr + t.segment + t.rules
                  << " ms CPU\n";
      }
      if (!o.write_baseline.empty()) recorded.add(ogi::input_key(scan ? r.report.source : item.path, o.files), item.unfiltered);
      closed += item.counts_closed;
      for (int level = 0; level < 3; ++level) {
        counts[level] += item.counts[level];
        if (!never_fail && item.counts[level] > 0 && level >= static_cast<int>(threshold) && code == exit_clean)
          code = exit_findings;
      }
    }
    ogi::ensure_written(std::cout, o.lang == "en" ? "the standard output" : "标准输出");
    progress.step(++done);
  });
  if (scan) scan->site_findings(checker, [&](const ogi::Report& report, std::vector<ogi::Finding>& findings) {
    if (!o.write_baseline.empty()) recorded.add(report.source, findings);
    if (accepted) accepted->filter(report.source, findings);
    for (const auto& f : findings) {
      ++counts[static_cast<int>(f.severity)];
      if (!never_fail && f.severity >= threshold && code == exit_clean) code = exit_findings;
    }
    reporter->report(report, &findings);
  });
  reporter->finish();
  ogi::ensure_written(std::cout, o.lang == "en" ? "the standard output" : "标准输出");
  if (!o.write_baseline.empty()) recorded.save(o.write_baseline);
  if (!o.write_review.empty()) to_review.save(o.write_review);
  if (scan) scan->summarize(o.output, o.timings);
  if (files.size() > 1 && !extract) {
    if (o.lang == "en")
      std::cerr << "ogicheck: " << files.size() << " reports: " << counts[2] << " errors, " << counts[1] << " warnings, "
                << counts[0] << " notes; " << unreadable << " unreadable\n";
    else
      std::cerr << "ogicheck: 共 " << files.size() << " 份报告：错误 " << counts[2] << " 项，警告 " << counts[1] << " 项，提示 "
                << counts[0] << " 项；无法读取 " << unreadable << " 份\n";
  }
  if (closed > 0 && o.lang == "en")
    std::cerr << "ogicheck: " << closed << " findings closed by review" << (keep_closed ? "" : " (hidden; --show-closed shows them)") << '\n';
  else if (closed > 0)
    std::cerr << "ogicheck: 已复核关闭 " << closed << " 项" << (keep_closed ? "" : "（未显示；--show-closed 可显示）") << '\n';
  return code;
}

// The profiles a rule runs on, over all its entries: "gb-2021,gb-2019", or
// "*" for every one.
std::string profiles_of(const std::vector<ogi::Rule>& rules, const std::string& id) {
  std::vector<std::string> profiles;
  for (const auto& r : rules) {
    if (r.id != id) continue;
    if (r.profiles.empty()) return "*";
    for (const auto& p : r.profiles)
      if (std::find(profiles.begin(), profiles.end(), p) == profiles.end()) profiles.push_back(p);
  }
  std::string out;
  for (const auto& p : profiles) out += (out.empty() ? "" : ",") + p;
  return out;
}

// The examples beside a rule, as `rules --test` runs them: what each
// report says where it differs from the base report, and how often the
// rule must fire on it.
void show_examples(const ogi::Rule& rule, bool en) {
  if (!rule.examples || rule.examples->empty()) return;
  std::cout << '\n' << (en ? "Examples (checked by ogicheck rules --test):\n" : "示例（由 ogicheck rules --test 验证）：\n");
  for (const ogi::Example& e : *rule.examples) {
    const std::string count = std::to_string(e.fires);
    const std::string what = e.fires == 0 ? (en ? "must not fire" : "不应提示") : (en ? "fires " + count + "×" : "应提示 " + count + " 次");
    std::cout << "  " << (en ? "- " : "· ") << what << (e.rule == rule.id ? "" : " (" + e.rule + ")")
              << (e.note.empty() ? "" : (en ? ": " : "：") + e.note) << '\n';
    for (const auto& edit : e.input.edits)
      std::cout << "      " << (edit.line.empty() ? (en ? "after: " : "在此行后：") + edit.after : (en ? "line: " : "改写行：") + edit.line)
                << "\n      → " << (edit.text.empty() ? (en ? "(deleted)" : "（删去）") : edit.text) << '\n';
    if (!e.input.text.empty() && !e.input.base64) {
      std::size_t cut = std::min<std::size_t>(e.input.text.size(), 400);
      while (cut < e.input.text.size() && (static_cast<unsigned char>(e.input.text[cut]) & 0xC0) == 0x80) --cut;  // a whole character
      const std::string shown = e.input.text.substr(0, cut);
      std::cout << "      " << (en ? "input: " : "输入：") << shown << (shown.size() < e.input.text.size() ? "……" : "") << '\n';
    }
  }
}

// `ogicheck rules --test`: every example of every rule, and the rules
// without a must-fire or must-not-fire one.
int test_rules(const Options& o, const ogi::Checker& checker) {
  const bool en = o.lang == "en";
  const auto outcomes = ogi::run_examples(checker, o.config.rules_dir);
  int failed = 0;
  for (const auto& r : outcomes) {
    if (r.passed()) continue;
    ++failed;
    std::cout << r.rule->source_file << ':' << r.example->line << ": " << r.example->rule << ": ";
    if (!r.error.empty()) std::cout << (en ? "the example cannot be read: " : "示例无法读取：") << r.error << '\n';
    else if (r.found != r.example->fires)
      std::cout << (en ? "expected " : "应提示 ") << r.example->fires << (en ? " finding(s), found " : " 次，实际 ") << r.found << '\n';
    else std::cout << (en ? "no finding says “" : "没有提示包含“") << r.example->says << (en ? "”\n" : "”\n");
  }
  const auto lacking = ogi::rules_lacking_examples(checker.rules());
  for (const auto& id : lacking)
    std::cout << id << (en ? ": needs an example that fires and one that does not\n" : "：需要至少一个应提示和一个不应提示的示例\n");
  std::cout << (en ? "rules --test: " : "规则示例：") << outcomes.size() - static_cast<std::size_t>(failed) << '/' << outcomes.size()
            << (en ? " examples passed" : " 个通过") << (lacking.empty() ? "" : en ? "; rules lacking examples: " : "；缺少示例的规则：")
            << (lacking.empty() ? "" : std::to_string(lacking.size())) << '\n';
  return failed > 0 || !lacking.empty() || outcomes.empty() ? exit_findings : exit_clean;
}

// `ogicheck extract --format xml`: the tree the XPath rules run against.
int extract_xml(const Options& o, const ogi::Checker& checker) {
  for (const auto& path : ogi::expand_inputs(o.files)) {
    std::optional<ogi::Report> previous;
    if (!o.config.previous.empty()) previous = checker.extract(o.config.previous);
    const ogi::Report report = checker.extract(path);
    const ogi::XmlDoc doc = ogi::report_to_xml(report, checker.profile_of(report), previous ? &*previous : nullptr);
    xmlChar* text = nullptr;
    int size = 0;
    xmlDocDumpFormatMemoryEnc(doc.get(), &text, &size, "UTF-8", 1);
    std::cout.write(reinterpret_cast<const char*>(text), size);
    xmlFree(text);
  }
  return exit_clean;
}

// A rule's documentation from its rule file, with the corpus specimens whose
// expected output shows it failing, and the clean one.
int explain(const Options& o, const ogi::Checker& checker) {
  if (o.files.size() != 1) return usage_error(o.lang, {"explain 需要一个规则编号", "explain takes one rule id"});
  const std::string id = ogi::canonical_id(o.files[0], checker.rules());
  const bool en = o.lang == "en";
  std::vector<const ogi::Rule*> entries;
  for (const auto& r : checker.rules())
    if (r.id == id) entries.push_back(&r);
  const ogi::Rule& first = *entries.front();
  // A check drawn from the profiles has one entry per profile: shown once.
  std::erase_if(entries, [&, seen = std::set<int>()](const ogi::Rule* r) mutable { return !seen.insert(r->source_line).second; });
  std::cout << id << "  " << (first.kind == "exceptions" ? "-" : ogi::severity_name(first.severity)) << "  "
            << profiles_of(checker.rules(), id) << "\n\n"
            << (en ? "What it checks: " : "检查内容：") << first.summary(o.lang) << '\n';
  if (!first.basis(o.lang).empty()) std::cout << (en ? "Basis: " : "依据：") << first.basis(o.lang) << '\n';
  namespace fs = std::filesystem;
  std::string file = fs::path(first.source_file).lexically_relative(fs::path(o.config.rules_dir).parent_path()).string();
  if (file.empty()) file = first.source_file;  // a --rules file given by a relative path
  std::cout << '\n' << (en ? "How it is written (" : "规则定义（") << file << (en ? "):\n" : "）：\n");
  auto one_line = [](const std::string& xpath) {  // rule files wrap long expressions
    std::string out;
    bool space = false;
    for (char c : xpath) {
      if (std::isspace(static_cast<unsigned char>(c))) {
        space = !out.empty();
        continue;
      }
      if (space) out += ' ';
      space = false;
      out += c;
    }
    return out;
  };
  for (const auto* r : entries) {
    std::cout << "  " << r->kind << " (" << (en ? "line " : "第 ") << r->source_line << (en ? ")\n" : " 行)\n");
    if (r->kind == "engine")
      std::cout << (en ? "  made by the program, not by an expression: by the engine for checks it cannot decide, or by the batch\n"
                       : "  由程序给出，而非规则表达式：规则引擎在核对无法判定时，或批量检查时\n");
    else if (!r->levels.empty())
      for (std::size_t i = 0; i < r->levels.size(); ++i)
        std::cout << "  level " << i + 1 << ' ' << r->levels[i]->pattern() << '\n';
    else if (r->pattern)
      std::cout << "  pattern " << r->pattern->pattern() << (r->part.empty() ? "" : " in " + r->part)
                << (r->when_absent ? " (absent)" : "") << (r->equals.empty() ? "" : " equals " + r->equals)
                << (r->expect.empty() ? "" : " expect " + r->expect)
                << (r->requires_pattern.empty() ? "" : " requires " + r->requires_pattern)
                << (r->except.empty() ? "" : " except " + r->except) << '\n';
    else
      std::cout << "  context " << one_line(r->context) << (r->test.empty() ? "" : "\n  test " + one_line(r->test)) << '\n';
    std::cout << "  " << (en ? "message: " : "提示：") << (en ? r->message_en : r->message_zh) << '\n';
  }
  if (!first.fix(o.lang).empty()) std::cout << '\n' << (en ? "How to fix: " : "修改方法：") << first.fix(o.lang) << '\n';
  if (first.kind == "exceptions") {  // a list others use: say which
    std::set<std::string> users;
    for (const auto& r : checker.rules())
      if (r.except == id) users.insert(r.id);
    std::cout << '\n' << (en ? "Used by: " : "用于：");
    for (const auto& user : users) std::cout << (user == *users.begin() ? "" : ", ") << user;
    std::cout << '\n';
  }
  show_examples(first, en);
  return exit_clean;
}

// The program's version, the rules' (rules/VERSION) and the profiles the
// rules folder holds: what a bug report or an audit needs to cite.
int print_version(const std::string& rules_dir) {
  std::string rules_version = "?";
  try {
    rules_version = ogi::read_regular_file(rules_dir + "/VERSION", 256, "规则版本文件", "the rules' VERSION file");
    while (!rules_version.empty() && std::isspace(static_cast<unsigned char>(rules_version.back()))) rules_version.pop_back();
  } catch (const ogi::InputError&) {
  }
  std::cout << "ogicheck " << OGICHECK_VERSION << "\nrules " << rules_version << " (" << rules_dir << ")\nprofiles";
  try {
    for (const auto& p : ogi::load_profiles(rules_dir + "/profiles")) std::cout << ' ' << p.id;
  } catch (const std::exception& e) {
    std::cout << " (" << e.what() << ')';
  }
  std::cout << '\n';
  return exit_clean;
}

}  // namespace

// ogicheck serve: the page's server is ogicheck-serve beside this binary
// (cpp-httplib kept out of the checker); it runs checks with this binary.
std::filesystem::path self_path() {
  std::error_code error;
  return std::filesystem::read_symlink("/proc/self/exe", error);
}

// Runs `program`, installed beside this one, in this process's place with
// the arguments `rest`; args: this run's, for the language of the message
// when it cannot be run.
int exec_beside(const std::string& program, std::vector<std::string> rest, const std::vector<std::string>& args) {
  const std::filesystem::path self = self_path();
  const std::string path = (self.parent_path() / program).string();
  rest.insert(rest.begin(), path);
  std::vector<char*> argv;
  for (auto& a : rest) argv.push_back(a.data());
  argv.push_back(nullptr);
  if (!self.empty()) execv(path.c_str(), argv.data());
  return usage_error(language_of(args), {"找不到 " + path, "cannot run " + path});
}

int exec_serve(const std::vector<std::string>& args, const std::string& rules_dir) {
  std::vector<std::string> rest{"--ogicheck", self_path().string(), "--rules-dir", rules_dir};
  rest.insert(rest.end(), args.begin() + 1, args.end());
  return exec_beside("ogicheck-serve", rest, args);
}

int main(int argc, char** argv) {
  // poppler allocates and frees large buffers on every page, and the rule
  // loader grows its own heap beside the reader: grow the heap in large
  // steps and keep big blocks in it, instead of a system call and fresh
  // page faults for each (a tenth of the time on a small PDF).
  mallopt(M_MMAP_THRESHOLD, 64 << 20);
  mallopt(M_TOP_PAD, 64 << 20);
  mallopt(M_TRIM_THRESHOLD, 128 << 20);
  Options o;
  // ogicheck --help [--lang en]
  const std::vector<std::string> args(argv + 1, argv + argc);
  if (!args.empty() && (args[0] == "--help" || args[0] == "-h") &&
      (args.size() == 1 || (args.size() == 3 && args[1] == "--lang"))) {
    std::cout << help_text(main_help_zh, main_help_en, language_of(args));
    return exit_clean;
  }
  if (argc == 2 && std::string(argv[1]) == "--version") return print_version(ogi::default_rules_dir(argv[0]));
  if (!args.empty() && args[0] == "serve") return exec_serve(args, ogi::default_rules_dir(argv[0]));
  if (!args.empty() && args[0] == "scan" && !ogi::scan_command) return exec_beside("ogicheck-scan", args, args);
  if (const Problem problem = parse(argc, argv, o)) return usage_error(o.lang, problem);
  const char* help = o.command == "check" ? help_text(check_help_zh, check_help_en, o.lang)
                     : o.command == "scan"    ? ogi::scan_command->help(o.lang)
                     : o.command == "extract" ? help_text(extract_help_zh, extract_help_en, o.lang)
                     : o.command == "rules"   ? help_text(rules_help_zh, rules_help_en, o.lang)
                     : o.command == "explain" ? help_text(explain_help_zh, explain_help_en, o.lang)
                     : o.command == "merge"   ? help_text(merge_help_zh, merge_help_en, o.lang)
                                              : nullptr;
  if (help == nullptr) return usage_error(o.lang, {"未知命令 " + o.command, "unknown command " + o.command});
  if (o.help) {
    std::cout << help;
    return exit_clean;
  }
  if (o.config.rules_dir.empty()) o.config.rules_dir = ogi::default_rules_dir(argv[0]);
  try {
    o.config.with_examples = o.command == "explain" || (o.command == "rules" && o.test);
    ogi::ScanCommand* const scan = o.command == "scan" ? ogi::scan_command : nullptr;
    if (scan) {
      if (const auto problem = output_problem(o, true)) return usage_error(o.lang, *problem);  // not after the crawl
      o.files = scan->crawl(o.files, o.config);  // first: the checker is given the reports' metadata
    }
    ogi::Checker checker(o.config);
    if (o.command == "rules" && o.test) return test_rules(o, checker);
    if (o.command == "rules") {
      std::set<std::string> listed;  // a rule may have several entries (one per case)
      for (const auto& r : checker.rules()) {
        if (!listed.insert(r.id).second) continue;
        std::cout << r.id << '\t' << (r.kind == "exceptions" ? "-" : ogi::severity_name(r.severity)) << '\t'
                  << profiles_of(checker.rules(), r.id) << '\t' << r.summary(o.lang) << '\n';
      }
      return exit_clean;
    }
    if (o.command == "explain") return explain(o, checker);
    if (o.command == "extract" && o.format == "xml") return extract_xml(o, checker);
    if (o.command == "merge") {
      if (o.files.empty()) return usage_error(o.lang, {"merge 需要 JSON Lines 文件", "merge takes JSON Lines files"});
      return ogi::merge_parts(checker, o.files, {o.format, o.output, o.lang, o.fail_on, o.show_closed, o.summary, o.excel});
    }
    const int code = run_files(o, checker, scan);
#ifndef OGICHECK_SANITIZE
    // Every output is written and closed. The OS reclaims the rule set, the
    // heap and poppler's caches at once; tearing them down first costs 2 ms,
    // as much as reading a page. Sanitizer builds return, so that
    // LeakSanitizer still looks.
    std::cout.flush();
    std::fflush(nullptr);
    std::_Exit(code);
#endif
    return code;
  } catch (const ogi::InputError& e) {  // a SetupError, or --previous or --baseline could not be read
    std::cerr << "ogicheck: " << e.message(o.lang) << '\n';
    return exit_usage;
  } catch (const std::exception& e) {
    std::cerr << "ogicheck: " << (o.lang == "en" ? "internal error: " : "内部错误：") << e.what() << '\n';
    return exit_usage;
  }
}
