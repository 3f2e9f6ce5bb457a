// Where a finding is, in the words a clerk finds it by in a Word file,
// which has no lines: the table, its row and column (表三“（三）不予公开 3.…”行),
// or the heading of the part the paragraph belongs to.
#pragma once

#include <string>

#include "rules/finding.h"
#include "segment/report.h"

namespace ogi {

// Empty when the finding names neither a row nor a part.
std::string place_text(const Report& report, const Finding& f, const std::string& lang);

}  // namespace ogi
