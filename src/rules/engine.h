// Rules are data (rules/checks/*.xml): Schematron-like XPath assertions over
// the report model, or RE2 patterns over a part's text. The engine evaluates
// them; it never formats output.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "rules/finding.h"
#include "segment/profile.h"
#include "segment/report.h"

namespace re2 { class RE2; }

namespace ogi {

struct CompiledRule;  // the XPath expressions and message templates, compiled once

struct Rule {
  std::string id;
  // "" a check; "exceptions": a pattern other rules name in `except`, never
  // run itself; "engine": findings the engine makes (documentation only).
  std::string kind;
  Severity severity = Severity::warning;
  std::vector<std::string> profiles;  // empty: every profile
  std::vector<std::string> formats;   // empty: every input format (text, html, docx, pdf)
  std::string summary_zh, summary_en;
  std::string basis_zh, basis_en, fix_zh, fix_en;  // for `ogicheck explain`
  std::string source_file;
  // XPath form
  std::string context;
  std::vector<std::pair<std::string, std::string>> lets;  // name, expression
  std::string test;            // empty: every context node is a finding
  bool fire_when_true = false;  // <report test> instead of <assert test>
  std::string expected, actual;
  std::string undecided_when;  // XPath: the check cannot be decided (besides NaN lets)
  // RE2 form: over the text of parts ("overview", or several ids with
  // spaces), "preamble", "title", or
  // (empty) every part. when_absent: the finding is that nothing matches.
  std::string part;
  std::shared_ptr<re2::RE2> pattern;
  bool when_absent = false;
  // With `equals` (XPath over the report model): each match states a number
  // (its first group, "3119", "1.2万", "二十六"; no group: zero), and the
  // finding is that the tables say otherwise.
  std::string equals;
  // expect: XPath deciding each match, with $stated (the number the match
  // states) and $expected (the value of `equals`); default $stated = $expected.
  std::string expect;
  // requires: a pattern the rule's texts must also match for a match to
  // count; {name} stands for the match's named group (?P<name>…), quoted.
  std::string requires_pattern;
  // except: the id of an "exceptions" rule; a match overlapping one of its
  // matches (looked for within 32 characters around it) is not a finding.
  std::string except;
  std::shared_ptr<re2::RE2> except_pattern;
  // hedge: words that, in the sentence of a match (ICU sentence breaks), say
  // the count may be about one office of the body: the finding is then one
  // severity lower, and <hedged> ({hedge}: the word) is added to its message.
  std::shared_ptr<re2::RE2> hedge;
  std::string hedged_zh, hedged_en;
  // Outline form: the heading ordinal of each level (1 = 一、…), each a
  // pattern a line starts with. The finding is a line whose level skips one
  // below the previous heading, or rises above the level its part began at.
  std::vector<std::shared_ptr<re2::RE2>> levels;
  std::string message_zh, message_en, undecided_zh, undecided_en;
  std::shared_ptr<const CompiledRule> compiled;

  bool applies_to(const std::string& profile, const std::string& format) const;
  const std::string& summary(const std::string& lang) const { return lang == "en" ? summary_en : summary_zh; }
  const std::string& basis(const std::string& lang) const { return lang == "en" ? basis_en : basis_zh; }
  const std::string& fix(const std::string& lang) const { return lang == "en" ? fix_en : fix_zh; }
};

// Throws std::runtime_error naming the file and rule on a malformed rule.
std::vector<Rule> load_rules(const std::string& path);
std::vector<Rule> load_rule_dir(const std::string& dir);
// Resolves `except` references once every rule file is loaded; throws on an
// unknown id.
void link_rules(std::vector<Rule>& rules);

// The rule id used when an arithmetic rule cannot be decided.
inline constexpr const char* undecided_rule_id = "EXT-03";

// previous: last year's report for the year-over-year rules, or null.
std::vector<Finding> run_rules(const std::vector<Rule>& rules, const Report& report, const Profile& profile,
                               const std::string& lang, const Report* previous = nullptr);

}  // namespace ogi
