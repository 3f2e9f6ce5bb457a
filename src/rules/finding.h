// One thing a rule says about a report.
#pragma once

#include <string>

#include "doc/document.h"

namespace ogi {

enum class Severity { info = 0, warning = 1, error = 2 };

struct Finding {
  std::string rule;
  Severity severity = Severity::warning;
  std::string message;
  Span location;  // line 0: the report as a whole
  std::string expected, actual;  // where numbers are involved
};

const char* severity_name(Severity s);
bool parse_severity(const std::string& name, Severity& out);

}  // namespace ogi
