// The whole check of one input, as `ogicheck check` does it: the format
// sniffed from the bytes, extracted, segmented with the bundled profiles,
// checked with the bundled rules, and written by every reporter.
#include <sstream>
#include <vector>

#include "extract/extract.h"
#include "fuzz_common.h"
#include "report/reporters.h"
#include "rules/engine.h"
#include "segment/profile.h"
#include "segment/segmenter.h"

namespace {
const std::vector<ogi::Profile>* profiles;
const std::vector<ogi::Rule>* rules;
}  // namespace

void fuzz::init() {
  profiles = new std::vector<ogi::Profile>(ogi::load_profiles(OGICHECK_FUZZ_RULES_DIR "/profiles"));
  const ogi::RuleContext context = ogi::rule_context(OGICHECK_FUZZ_RULES_DIR, *profiles);
  auto* loaded = new std::vector<ogi::Rule>(ogi::load_rule_dir(OGICHECK_FUZZ_RULES_DIR "/checks", context));
  ogi::link_rules(*loaded);
  rules = loaded;
}

void fuzz::one(const Input& in) {
  const ogi::Report report = ogi::segment(ogi::extract_file(in.path()), *profiles);
  const ogi::Profile* profile = &profiles->front();  // as Checker::profile_of
  for (const auto& p : *profiles)
    if (p.id == report.profile) profile = &p;
  const std::vector<ogi::Finding> findings = ogi::run_rules(*rules, report, *profile, "zh");

  // `check` in every format (CSV also as the summary), and `extract` in the two it has.
  static const struct {
    const char* format;
    bool extract, summary;
  } outputs[] = {{"text", false, false}, {"json", false, false}, {"csv", false, false}, {"csv", false, true},
                 {"sarif", false, false}, {"html", false, false}, {"json", true, false}, {"csv", true, false}};
  std::ostringstream out;
  for (const auto& [format, extract, summary] : outputs) {
    const auto reporter = ogi::make_reporter({format, extract, "zh", "", rules, summary}, out);
    if (!reporter) std::abort();
    reporter->start();
    reporter->report(report, extract ? nullptr : &findings);
    reporter->finish();
  }
}
