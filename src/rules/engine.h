// Rules are data: one file per rule ID (rules/checks/<PREFIX>/<ID>.xml,
// schema rules/schema/rule.rng), each holding checks of a closed set of
// kinds (rules/README.md). The declarative kinds (identity, cell,
// structure, year, stated-number) are read in src/rules/kinds/ into the
// three forms the engine evaluates: XPath assertions over the report model,
// RE2 patterns over a part's text, and outline checks of heading levels.
// The engine never formats output.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "doc/valid_cache.h"
#include "rules/finding.h"
#include "segment/profile.h"
#include "segment/report.h"

namespace re2 { class RE2; }

namespace ogi {

struct CompiledRule;  // the XPath expressions and message templates, compiled once

// A case of a choice let: the first whose test holds gives the value, in
// the report's language.
struct Choice {
  std::string test, zh, en;
};

// An XPath variable for the messages: `value`, or the first choice whose
// test holds (conditions as data, not string arithmetic in the message).
struct Let {
  std::string name, value;
  std::vector<Choice> choices;
};

// A snippet beside the rule (<example>): a report the rule must flag
// `fires` times (0: must not flag), run by `ogicheck rules --test` and
// shown by `ogicheck explain`.
struct ExampleEdit {
  std::string line, after;  // replace the first line starting with `line`, or insert after `after`
  std::string text;
};
struct ExampleInput {
  std::string format = "text";  // text | html
  std::string text;             // the whole input; empty: the bundled base report, edited
  bool base64 = false;          // text holds bytes that XML cannot (invalid UTF-8)
  std::vector<ExampleEdit> edits;
};
struct Example {
  std::string rule;  // the rule whose findings are counted (default: the file's)
  int fires = 0;
  int line = 0;  // in the rule file
  std::string says;  // a finding's message (zh) must contain this
  std::string note;
  std::string published, entity;
  ExampleInput input;
  std::shared_ptr<ExampleInput> previous;  // last year's report, for the year-over-year rules
};

struct Rule {
  std::string id;
  // The check's kind, as its element in the rule file names it: xpath,
  // identity, cell, structure, year, pattern, stated-number, outline,
  // exceptions (a pattern other rules name in `except`, never run itself)
  // or engine (findings the engine makes; documentation only).
  std::string kind;
  IdentitySpec identity;  // kind identity: the profile's identity it checks
  Severity severity = Severity::warning;
  std::vector<std::string> profiles;  // empty: every profile
  std::vector<std::string> formats;   // empty: every input format (text, html, docx, pdf)
  bool skips_conversions = false;     // conversions="skip": not where spaces are layout (Report::converted)
  std::string summary_zh, summary_en;
  std::string basis_zh, basis_en, fix_zh, fix_en;  // for `ogicheck explain`
  std::string source_file;
  int source_line = 0;  // of the check in its file
  // The file's examples, shared by its checks.
  std::shared_ptr<const std::vector<Example>> examples;
  // XPath form
  std::string context;
  std::vector<Let> lets;
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
  std::vector<FindingCell> cells;  // the cells `equals` sums (stated-number with table=)
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
  // ocr="skip": what the pattern tells apart, OCR cannot (half- and
  // full-width punctuation look alike in a scan): matches in text read by
  // OCR are no findings. Rules with `equals` always skip OCR text: a figure
  // of running text has no identity to vouch for it.
  bool skip_ocr = false;
  // subject-not: words that, in the match's clause up to its number, name
  // another figure than the one compared (同意公开答复 9 件 is no total of
  // 答复): that match is not about this figure and is no finding.
  std::shared_ptr<re2::RE2> subject_not;
  // Outline form: the heading ordinal of each level (1 = 一、…), each a
  // pattern a line starts with. The finding is a line whose level skips one
  // below the previous heading, or rises above the level its part began at.
  std::vector<std::shared_ptr<re2::RE2>> levels;
  // Enumeration form: item patterns (first group: the item's number), each
  // a list of its own, begun again per paragraph (true) or per part.
  struct Series {
    std::shared_ptr<re2::RE2> pattern;
    bool per_paragraph = false;
    std::shared_ptr<re2::RE2> restart;  // a subheading between two items begins a new list
  };
  std::vector<Series> series;
  std::string message_zh, message_en, undecided_zh, undecided_en;
  std::shared_ptr<const CompiledRule> compiled;

  bool applies_to(const Report& report) const;
  const std::string& summary(const std::string& lang) const { return lang == "en" ? summary_en : summary_zh; }
  const std::string& basis(const std::string& lang) const { return lang == "en" ? basis_en : basis_zh; }
  const std::string& fix(const std::string& lang) const { return lang == "en" ? fix_en : fix_zh; }
};

// What rule files are read against: the profiles (for the kinds drawn from
// them, and the IDs a rule may name), the schemas, the default profiles.
class LazyNames;
struct RuleContext {
  const std::vector<Profile>& profiles;
  std::string schema_dir;  // rule.rng, report.rng
  std::vector<std::string> default_profiles;  // rules/defaults.xml
  std::shared_ptr<const LazyNames> names;       // what a rule may name
  std::shared_ptr<const LazyNames> rule_words;  // what a rule file may hold (rule.rng)
  // The <example>s are read (and validated) only for the commands that
  // show or run them: they are nearly half a rule file's bytes, and
  // loading is on the way of the first report's check.
  bool with_examples = false;
  // Files that passed before are not validated again (doc/valid_cache.h);
  // null: every file is.
  std::shared_ptr<ValidCache> validated;
};
// A `requires` pattern with each {name} placeholder (a letter or _, then
// letters, digits, _) replaced by value(name); other braces, such as a
// repetition {4,}, are left as they are. The one reading of placeholders: the
// load checks names and compiles with stand-ins, the engine fills matches.
std::string fill_requires(const std::string& requires_pattern, const std::function<std::string(const std::string&)>& value);

RuleContext rule_context(const std::string& rules_dir, const std::vector<Profile>& profiles, bool with_examples = false);

// Throws std::runtime_error "file:line: rule ID: problem" on a malformed
// rule: schema errors, unknown IDs or names, patterns that do not compile.
std::vector<Rule> load_rules(const std::string& path, const RuleContext& context);
// Every *.xml under dir and its folders, in path order.
std::vector<Rule> load_rule_dir(const std::string& dir, const RuleContext& context);
// Resolves `except` references once every rule file is loaded; throws on an
// unknown id.
void link_rules(std::vector<Rule>& rules);

// The rule id used when an arithmetic rule cannot be decided.
inline constexpr const char* undecided_rule_id = "EXT-03";
// An OCR cell's likely reading, from the identities (the engine makes it).
inline constexpr const char* likely_reading_rule_id = "OCR-01";

// The arithmetic findings (kind identity) get the cells their identity
// involves; where one row and one column of a table fail, the cell they
// share is marked suspect and named in the message.
void outline_identity_cells(const std::vector<Rule>& rules, const Report& report, const std::string& lang,
                            std::vector<Finding>& findings);

// The fingerprint of a finding the program makes outside the rules (scan's
// PUB-05, PUB-06): the same hash as the rules' findings, `extra` naming it.
std::string finding_fingerprint(const Finding& f, const std::string& extra);

// previous: last year's report for the year-over-year rules, or null.
std::vector<Finding> run_rules(const std::vector<Rule>& rules, const Report& report, const Profile& profile,
                               const std::string& lang, const Report* previous = nullptr);

}  // namespace ogi
