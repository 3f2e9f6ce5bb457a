// Reporters format; they never decide anything.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "rules/finding.h"
#include "segment/report.h"

namespace ogi {

// file:line:column: severity[RULE]: message
void write_text(std::ostream& out, const Report& report, const std::vector<Finding>& findings);

// One JSON object on one line: the canonical extract shape (canonical-ids.md),
// plus "findings" when with_findings.
void write_json(std::ostream& out, const Report& report, const std::vector<Finding>* findings);

// An input that could not be read, as a JSON line.
void write_json_error(std::ostream& out, const std::string& source, const std::string& message);

}  // namespace ogi
