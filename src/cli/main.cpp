// ogicheck: parses arguments, runs the pipeline, picks a reporter.
#include <iostream>
#include <set>
#include <string>
#include <vector>

#include "extract/extract.h"
#include "ogicheck.h"
#include "report/reporters.h"

namespace {

constexpr int exit_clean = 0, exit_findings = 1, exit_usage = 2;

const char* const main_help = R"(ogicheck — 政府信息公开工作年度报告检查工具 / checks government information disclosure annual reports

usage:
  ogicheck check [options] FILE...     check reports against the standard format and its arithmetic
  ogicheck extract [options] FILE...   print the parts and canonical table cells found
  ogicheck rules [options]             list the rules with severity and a one-line description
  ogicheck COMMAND --help              options of a command

exit codes: 0 no finding at or above --fail-on, 1 findings, 2 usage or input error
)";

const char* const check_help = R"(usage: ogicheck check [options] FILE...

options:
  --format text|json   text: file:line:column: severity[RULE]: message (default)
                       json: one JSON object per file (JSON Lines for several files)
  --lang zh|en         language of messages (default zh)
  --fail-on LEVEL      error|warning|info|none: exit 1 when a finding is at or above LEVEL (default error)
  --rules FILE         add a rule file (repeatable)
  --profile ID         use this format profile instead of detecting it (gb-2021, gb-2019, pre-2019)
  --rules-dir DIR      use DIR/profiles and DIR/checks instead of the bundled rules
  --timings            print the CPU time of each stage per file to stderr
)";

const char* const extract_help = R"(usage: ogicheck extract [options] FILE...

options:
  --format json        one JSON object per file: source, format, profile, year, sections, tables
                       with canonical cells (see README); the only format for now
  --profile ID         use this format profile instead of detecting it
  --lang zh|en         language of error messages (default zh)
  --rules-dir DIR      use DIR/profiles instead of the bundled profiles
)";

const char* const rules_help = R"(usage: ogicheck rules [options]

options:
  --lang zh|en         language of descriptions (default zh)
  --rules FILE         include an extra rule file (repeatable)
  --rules-dir DIR      use DIR/checks instead of the bundled rules
)";

struct Options {
  std::string command, format = "text", lang = "zh", fail_on = "error";
  ogi::CheckerConfig config;
  std::vector<std::string> files;
  bool help = false, timings = false;
};

int usage_error(const std::string& message) {
  std::cerr << "ogicheck: " << message << "\n(see ogicheck --help)\n";
  return exit_usage;
}

// Returns an empty string on success, else the problem.
std::string parse(int argc, char** argv, Options& o) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) return "no command";
  o.command = args[0];
  for (std::size_t i = 1; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&](std::string& into) {
      if (i + 1 >= args.size()) return false;
      into = args[++i];
      return true;
    };
    std::string v;
    if (a == "--help" || a == "-h") o.help = true;
    else if (a == "--timings") o.timings = true;
    else if (a == "--format") { if (!value(o.format)) return a + " needs a value"; }
    else if (a == "--lang") { if (!value(o.lang)) return a + " needs a value"; }
    else if (a == "--fail-on") { if (!value(o.fail_on)) return a + " needs a value"; }
    else if (a == "--profile") { if (!value(o.config.profile)) return a + " needs a value"; }
    else if (a == "--rules-dir") { if (!value(o.config.rules_dir)) return a + " needs a value"; }
    else if (a == "--rules") {
      if (!value(v)) return a + " needs a value";
      o.config.extra_rules.push_back(v);
    } else if (a.starts_with("--")) return "unknown option " + a;
    else o.files.push_back(a);
  }
  if (o.lang != "zh" && o.lang != "en") return "--lang must be zh or en";
  o.config.lang = o.lang;
  return {};
}

int run_files(const Options& o, const ogi::Checker& checker) {
  ogi::Severity threshold = ogi::Severity::error;
  const bool never_fail = o.fail_on == "none";
  if (!never_fail && !ogi::parse_severity(o.fail_on, threshold)) return usage_error("--fail-on must be error, warning, info or none");
  if (o.command == "check" && o.format != "text" && o.format != "json") return usage_error("--format must be text or json");
  if (o.command == "extract" && o.format != "json" && o.format != "text") return usage_error("--format must be json");
  if (o.files.empty()) return usage_error("no input file");
  int code = exit_clean;
  for (const auto& file : o.files) {
    try {
      if (o.command == "extract") {
        ogi::write_json(std::cout, checker.extract(file), nullptr);
        continue;
      }
      const ogi::CheckResult result = checker.check(file);
      if (o.timings)
        std::cerr << "timing: " << file << ": extract " << result.times.extract << " ms, segment "
                  << result.times.segment << " ms, rules " << result.times.rules << " ms, total "
                  << result.times.extract + result.times.segment + result.times.rules << " ms CPU\n";
      if (o.format == "json") ogi::write_json(std::cout, result.report, &result.findings);
      else ogi::write_text(std::cout, result.report, result.findings);
      for (const auto& f : result.findings)
        if (!never_fail && f.severity >= threshold && code == exit_clean) code = exit_findings;
    } catch (const ogi::InputError& e) {
      std::cerr << "ogicheck: " << file << ": " << e.message(o.lang) << '\n';
      if (o.format == "json" || o.command == "extract") ogi::write_json_error(std::cout, file, e.message(o.lang));
      code = exit_usage;
    }
  }
  return code;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  if (argc == 2 && (std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h")) {
    std::cout << main_help;
    return exit_clean;
  }
  if (const std::string problem = parse(argc, argv, o); !problem.empty()) return usage_error(problem);
  const char* help = o.command == "check" ? check_help
                     : o.command == "extract" ? extract_help
                     : o.command == "rules"   ? rules_help
                                              : nullptr;
  if (help == nullptr) return usage_error("unknown command " + o.command);
  if (o.help) {
    std::cout << help;
    return exit_clean;
  }
  if (o.config.rules_dir.empty()) o.config.rules_dir = ogi::default_rules_dir(argv[0]);
  try {
    const ogi::Checker checker(o.config);
    if (o.command == "rules") {
      std::set<std::string> listed;  // a rule may have several entries (one per case)
      for (const auto& r : checker.rules()) {
        if (!listed.insert(r.id).second) continue;
        std::cout << r.id << '\t' << ogi::severity_name(r.severity) << '\t';
        std::string profiles;
        for (const auto& p : r.profiles) profiles += (profiles.empty() ? "" : ",") + p;
        std::cout << (profiles.empty() ? "*" : profiles) << '\t' << r.summary(o.lang) << '\n';
      }
      return exit_clean;
    }
    return run_files(o, checker);
  } catch (const std::exception& e) {
    std::cerr << "ogicheck: " << e.what() << '\n';
    return exit_usage;
  }
}
