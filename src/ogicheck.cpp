#include "ogicheck.h"

#include <ctime>
#include <filesystem>

#include "extract/extract.h"
#include "segment/segmenter.h"

namespace ogi {

Checker::Checker(CheckerConfig config) : config_(std::move(config)) {
  profiles_ = load_profiles(config_.rules_dir + "/profiles");
  rules_ = load_rule_dir(config_.rules_dir + "/checks");
  for (const auto& file : config_.extra_rules) {
    auto more = load_rules(file);
    rules_.insert(rules_.end(), more.begin(), more.end());
  }
}

namespace {

double cpu_ms() { return 1000.0 * static_cast<double>(std::clock()) / CLOCKS_PER_SEC; }

}  // namespace

Report Checker::extract(const std::string& path) const {
  return segment(extract_file(path), profiles_, config_.profile);
}

const Profile& Checker::profile_of(const Report& report) const {
  for (const auto& p : profiles_)
    if (p.id == report.profile) return p;
  return profiles_.front();
}

CheckResult Checker::check(const std::string& path) const {
  CheckResult result;
  double t0 = cpu_ms();
  const Document doc = extract_file(path);
  double t1 = cpu_ms();
  result.report = segment(doc, profiles_, config_.profile);
  double t2 = cpu_ms();
  result.findings = run_rules(rules_, result.report, profile_of(result.report), config_.lang);
  result.times = {t1 - t0, t2 - t1, cpu_ms() - t2};
  return result;
}

std::string default_rules_dir(const char* argv0) {
  namespace fs = std::filesystem;
  if (const char* env = std::getenv("OGICHECK_RULES_DIR")) return env;
  std::error_code ec;
  fs::path exe = fs::canonical("/proc/self/exe", ec);
  if (ec) exe = fs::absolute(argv0, ec);
  for (const fs::path& candidate : {exe.parent_path() / ".." / "rules", exe.parent_path() / ".." / "share" / "ogicheck" / "rules"})
    if (fs::is_directory(candidate / "profiles", ec)) return fs::weakly_canonical(candidate, ec).string();
  return OGICHECK_SOURCE_RULES_DIR;
}

}  // namespace ogi
