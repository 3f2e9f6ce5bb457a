#include "examples.h"

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>

#include "doc/files.h"
#include "doc/limits.h"
#include "extract/extract.h"
#include "segment/segmenter.h"

namespace ogi {

namespace {

std::string base64_decoded(const std::string& text) {
  static const std::string digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  unsigned value = 0;
  int bits = 0;
  for (char c : text) {
    const std::size_t d = digits.find(c);
    if (d == std::string::npos) continue;  // white space, padding
    value = (value << 6) | static_cast<unsigned>(d);
    if ((bits += 6) >= 8) out += static_cast<char>((value >> (bits -= 8)) & 0xFF);
  }
  return out;
}

std::string trimmed_start(const std::string& line) { return line.substr(std::min(line.find_first_not_of(" \t"), line.size())); }

// The base report with one edit: the first line starting with the edit's
// prefix replaced (or followed) by its text.
void apply(const ExampleEdit& edit, std::vector<std::string>& lines) {
  const std::string prefix = trimmed_start(edit.line.empty() ? edit.after : edit.line);
  const auto at = std::find_if(lines.begin(), lines.end(), [&](const std::string& l) { return trimmed_start(l).starts_with(prefix); });
  if (at == lines.end()) throw std::runtime_error("no line of the base report starts with “" + prefix + "”");
  std::vector<std::string> added;
  for (std::size_t from = 0; !edit.text.empty();) {
    const std::size_t end = edit.text.find('\n', from);
    added.push_back(trimmed_start(edit.text.substr(from, end - from)) == "" ? "" : edit.text.substr(from, end - from));
    if (end == std::string::npos) break;
    from = end + 1;
  }
  const auto insert_at = edit.line.empty() ? at + 1 : lines.erase(at);
  lines.insert(insert_at, added.begin(), added.end());
}

std::string source_of(const ExampleOutcome& o) { return o.rule->source_file + ":" + std::to_string(o.example->line); }

Report example_report(const Checker& checker, const ExampleInput& input, const std::string& base, const std::string& source) {
  return segment(extract_bytes(example_text(input, base), source), checker.profiles(), "");
}

void run_one(const Checker& checker, const std::string& base, ExampleOutcome& o) {
  const Example& e = *o.example;
  try {
    limits::start_report_clock(checker.time_limit());
    Report report = example_report(checker, e.input, base, source_of(o));
    if (!e.published.empty()) report.published = e.published, report.published_source = "option";
    if (!e.entity.empty()) report.entity = e.entity;
    std::optional<Report> previous;
    if (e.previous) previous = example_report(checker, *e.previous, base, source_of(o) + " (previous)");
    const auto findings = run_rules(checker.rules(), report, checker.profile_of(report), "zh", previous ? &*previous : nullptr);
    o.says = e.says.empty();
    for (const auto& f : findings) {
      if (f.rule != e.rule) continue;
      ++o.found;
      o.says = o.says || f.message.find(e.says) != std::string::npos;
    }
  } catch (const InputError& error) {
    o.error = error.zh;
  } catch (const std::exception& error) {
    o.error = error.what();
  }
}

}  // namespace

std::string example_text(const ExampleInput& input, const std::string& base) {
  if (!input.text.empty()) return input.base64 ? base64_decoded(input.text) : input.text;
  std::vector<std::string> lines;
  for (std::size_t from = 0; from <= base.size();) {
    const std::size_t end = std::min(base.find('\n', from), base.size());
    lines.push_back(base.substr(from, end - from));
    from = end + 1;
  }
  for (const auto& edit : input.edits) apply(edit, lines);
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

std::vector<ExampleOutcome> run_examples(const Checker& checker, const std::string& rules_dir) {
  const std::string base = read_regular_file(rules_dir + "/examples/base.txt", limits::config_bytes, "示例基础报告", "the examples' base report");
  std::vector<ExampleOutcome> outcomes;
  std::set<const std::vector<Example>*> seen;  // the checks of one file share its examples
  for (const Rule& r : checker.rules()) {
    if (!r.examples || !seen.insert(r.examples.get()).second) continue;
    for (const Example& e : *r.examples) {
      outcomes.push_back({&r, &e, 0, true, {}});
      run_one(checker, base, outcomes.back());
    }
  }
  return outcomes;
}

std::vector<std::string> rules_lacking_examples(const std::vector<Rule>& rules) {
  std::map<std::string, std::pair<bool, bool>> has;  // must fire, must not fire
  for (const Rule& r : rules) {
    // a note the batch makes (YR-04): no single report can show it; its test is the workflow test's
    if (r.kind == "engine" && (!r.examples || r.examples->empty())) continue;
    auto& [fires, silent] = has[r.id];
    for (const Example& e : r.examples ? *r.examples : std::vector<Example>{}) (e.fires > 0 ? fires : silent) = true;
  }
  std::vector<std::string> out;
  for (const auto& [id, both] : has)
    if (!both.first || !both.second) out.push_back(id);
  return out;
}

}  // namespace ogi
