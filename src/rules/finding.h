// One thing a rule says about a report.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "doc/document.h"

namespace ogi {

// A table cell a finding involves, in canonical ids: the cells of an
// arithmetic identity (`text` as printed; `suspect` the one most likely
// wrong: it breaks both its row's and its column's identity), or those a
// number stated in the text was compared with (TXT-01).
struct FindingCell {
  std::string table, row, col;
  std::optional<std::string> text;  // an identity's cell, as printed ("" when blank)
  bool suspect = false;
};

enum class Severity { info = 0, warning = 1, error = 2 };

struct Finding {
  std::string rule;
  Severity severity = Severity::warning;
  std::string message;
  Span location;  // line 0: the report as a whole
  std::string expected, actual;  // where numbers are involved
  // What it is about, in canonical ids (any may be empty): a part, or a
  // table, its row and column. Reporters use it to mark the cell.
  std::string part, table, row, col;
  // The cells it involves: an identity's (ARI), or those a stated number
  // was compared with (TXT-01: the sentence is the place; the page marks them).
  std::vector<FindingCell> cells;
  // Stable across runs and languages: the rule, what it is about and the
  // values involved (not the wording, not the line), for baselines.
  std::string fingerprint;
  // For an undecided check (EXT-03): the rule that could not decide it. One
  // finding per undecided place; the text and HTML views group them.
  std::string undecided_of;
  // A person's verdict on it, from a review file (check --review): state
  // accepted | not-a-defect | fixed, why and who. Closed (accepted,
  // not-a-defect) findings are hidden unless asked and are SARIF
  // suppressions; a finding marked fixed that is still found stays open.
  struct Review {
    std::string state, reason, reviewer, date;
    bool closed = false;
  } review;
};

const char* severity_name(Severity s);
bool parse_severity(const std::string& name, Severity& out);

}  // namespace ogi
