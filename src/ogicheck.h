// The library entry point: extract -> segment -> rules, for one input.
// The CLI, and later the website scanner and the local page, use this.
#pragma once

#include <string>
#include <vector>

#include "rules/engine.h"
#include "rules/finding.h"
#include "segment/profile.h"
#include "segment/report.h"

namespace ogi {

struct CheckerConfig {
  std::string rules_dir;                 // holds profiles/ and checks/
  std::vector<std::string> extra_rules;  // more rule files (--rules)
  std::string profile;                   // force a profile; empty: detect
  std::string lang = "zh";
};

// CPU time spent in each stage for one input, in milliseconds.
struct StageTimes {
  double extract = 0, segment = 0, rules = 0;
};

struct CheckResult {
  Report report;
  std::vector<Finding> findings;
  StageTimes times;
};

class Checker {
 public:
  explicit Checker(CheckerConfig config);  // throws std::runtime_error on bad rules
  // Throw InputError when the input cannot be read as a report.
  Report extract(const std::string& path) const;
  CheckResult check(const std::string& path) const;
  const std::vector<Rule>& rules() const { return rules_; }

 private:
  const Profile& profile_of(const Report& report) const;
  CheckerConfig config_;
  std::vector<Profile> profiles_;
  std::vector<Rule> rules_;
};

// Where the bundled rules are, seen from the running executable.
std::string default_rules_dir(const char* argv0);

}  // namespace ogi
