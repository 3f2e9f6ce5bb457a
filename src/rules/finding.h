// One thing a rule says about a report.
#pragma once

#include <string>
#include <vector>

#include "doc/document.h"

namespace ogi {

// A table cell in canonical ids.
struct CellRef {
  std::string table, row, col;
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
  // The table cells a stated number was compared with (TXT-01: the sentence
  // is the place; these are the cells the page marks beside it).
  std::vector<CellRef> cells;
  // Stable across runs and languages: the rule, what it is about and the
  // values involved (not the wording, not the line), for baselines.
  std::string fingerprint;
  // For an undecided check (EXT-03): the rule that could not decide it. One
  // finding per undecided place; the text and HTML views group them.
  std::string undecided_of;
  // An arithmetic finding: every cell its identity involves, as printed;
  // `suspect` marks the one most likely wrong (it breaks both its row's and
  // its column's identity).
  struct Cell {
    std::string row, col, text;
    bool suspect = false;
  };
  std::vector<Cell> cells;
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
