// Running the examples beside each rule (<example> in its rule file):
// `ogicheck rules --test`, the generic test, and what `explain` shows.
#pragma once

#include <string>
#include <vector>

#include "ogicheck.h"

namespace ogi {

struct ExampleOutcome {
  const Rule* rule;  // the rule file's first entry
  const Example* example;
  int found = 0;       // findings of example->rule
  bool says = true;    // a finding's message holds example->says
  std::string error;   // the example could not be built or read
  bool passed() const { return error.empty() && found == example->fires && says; }
};

// Every example of every rule file, run through the whole pipeline
// (extract, segment, every rule) with the bundled base report
// (rules_dir/examples/base.txt) for the examples that edit it.
std::vector<ExampleOutcome> run_examples(const Checker& checker, const std::string& rules_dir);

// The report text an example runs on (after its edits), for explain.
std::string example_text(const ExampleInput& input, const std::string& base);

// Rule IDs without a must-fire or without a must-not-fire example.
std::vector<std::string> rules_lacking_examples(const std::vector<Rule>& rules);

}  // namespace ogi
