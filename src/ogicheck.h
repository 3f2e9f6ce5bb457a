// The library entry point: extract -> segment -> rules, for one input.
// The CLI, and later the website scanner and the local page, use this.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <future>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "batch/pairing.h"
#include "doc/input_error.h"
#include "doc/limits.h"
#include "rules/engine.h"
#include "rules/finding.h"
#include "segment/profile.h"
#include "segment/report.h"

namespace ogi {

// A problem of the run itself, not of one report: a rule file or profile
// that does not load, an option naming a rule that does not exist. It stops
// the run (exit 2); a report's own problems are InputErrors of that report.
struct SetupError : InputError {
  SetupError(const std::string& zh_message, const std::string& en_message) : InputError("setup", zh_message, en_message) {}
};

// What is known of an input besides its bytes: for a scanned report, the
// URL it came from and what its article page says (ogicheck scan).
struct InputMeta {
  std::string url;        // the report's `source` in every output
  std::string published;  // YYYY-MM-DD from the page's PubDate / 发布日期 (PUB-01)
  std::string agency;     // ContentSource, used when the report names none
};

struct CheckerConfig {
  std::string rules_dir;                 // holds profiles/ and checks/
  std::vector<std::string> extra_rules;  // more rule files (--rules)
  std::string profile;                   // force a profile; empty: detect
  std::string published;                 // YYYY-MM-DD, else what the input says
  // Last year's report for the year-over-year rules: a file (refused for a
  // report that is not the same body's year before), or a folder whose
  // reports are paired by agency and year (Checker::pair).
  std::string previous;
  std::string entity;                    // government | department | other; empty: from the agency
  std::string lang = "zh";
  // Rule selection: only `enable` when given, never `disable`, and
  // severities overridden per rule id. IDs match case-insensitively; one
  // that names no rule is a SetupError (with the closest IDs).
  std::vector<std::string> enable, disable;
  std::vector<std::pair<std::string, Severity>> severity;
  // Read the rules' <example>s too (explain, rules --test).
  bool with_examples = false;
  // Time one report may take, from reading to findings (--timeout).
  std::chrono::seconds time_limit = limits::report_time;
  // By local path: the inputs' metadata (scan); an input without is a file.
  std::map<std::string, InputMeta> input_meta;
};

// CPU time spent in each stage for one input, in milliseconds.
struct StageTimes {
  double extract = 0, segment = 0, rules = 0;
  // Scans: the OCR program's CPU (a process of its own, not in `extract`) and pages.
  double ocr = 0;
  int ocr_pages = 0;
};

struct CheckResult {
  Report report;
  std::vector<Finding> findings;
  StageTimes times;
};

class Checker {
 public:
  // The profiles and rule files load on a thread of their own while the
  // first input is read: compiling ~70 patterns and ~300 XPath expressions
  // costs about as much as extracting a small PDF. A bad profile or rule
  // file throws SetupError from rules(), profiles(), extract() and check().
  explicit Checker(CheckerConfig config);
  // Throw InputError when the input cannot be read as a report.
  Report extract(const std::string& path) const;
  CheckResult check(const std::string& path) const;
  const std::vector<Rule>& rules() const { return rules_.get(); }
  const std::vector<Profile>& profiles() const { return profiles_.get(); }
  std::chrono::seconds time_limit() const { return config_.time_limit; }
  // The loaded profile a report was segmented with.
  const Profile& profile_of(const Report& report) const;
  // Year-over-year pairs for the inputs (--previous DIR): each input is
  // checked against its own predecessor; an unpaired one gets YR-04.
  void pair(Pairing pairing) { pairing_ = std::move(pairing); }
  bool pairs_by_folder() const;

 private:
  void apply_overrides(Report& report) const;  // --published, --entity
  // The year-over-year counterpart of `report`, read from `path` (null:
  // none), read into `holder` when paired; throws InputError "previous"
  // when --previous FILE is not its year before. Pairs are keyed by the
  // input's path: a scanned report's source is its URL.
  const Report* previous_for(const std::string& path, const Report& report, std::optional<Report>& holder) const;
  void note_unpaired(const std::string& path, const Report& report, std::vector<Finding>& findings) const;
  CheckerConfig config_;
  std::shared_future<std::vector<Profile>> profiles_;
  std::shared_future<std::vector<Rule>> rules_;
  std::optional<Report> previous_;  // last year's report (--previous FILE), read once for every input
  std::optional<Pairing> pairing_;  // --previous DIR
};

// One input of a batch: its result, or why it could not be checked.
struct BatchItem {
  std::string path;
  std::optional<CheckResult> result;
  std::string error_code, error_zh, error_en;  // set when it could not be checked (doc/input_error.h)
  std::string output;              // what `prepare` rendered on the worker, if anything
  std::vector<Finding> unfiltered;  // the findings before a baseline hid some, when recorded
  std::size_t counts[3] = {0, 0, 0};  // findings shown, by severity (info, warning, error)
  std::size_t counts_closed = 0;      // findings a review file closed (not in counts)
};

// A rule's ID as the rule files spell it, for an ID as a user typed it
// (any case). Throws SetupError, naming the closest IDs, when none matches.
std::string canonical_id(const std::string& typed, const std::vector<Rule>& rules);

// Arguments to input files: folders are searched recursively for reports
// (.pdf .html .htm .shtml .docx .txt .md, and .doc .wps .ofd, which are then
// reported as not readable instead of passed over), in sorted order.
std::vector<std::string> expand_inputs(const std::vector<std::string>& args);

// Checks files on `jobs` threads (extract_only: segments without rules).
// `prepare`, if given, runs on the worker right after (to format output in
// parallel); `emit` is called on the calling thread in input order. Only a
// bounded number of results wait for their turn, so memory stays flat
// however many files there are. Each input is its own error boundary:
// whatever is thrown while reading, checking or preparing it (past its time
// limit too) becomes that item's error, and the batch goes on.
void run_batch(const Checker& checker, const std::vector<std::string>& files, bool extract_only, int jobs,
               const std::function<void(BatchItem&)>& prepare, const std::function<void(BatchItem&)>& emit);

// Where the bundled rules are, seen from the running executable.
std::string default_rules_dir(const char* argv0);

}  // namespace ogi
