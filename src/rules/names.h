// What a rule may name: the elements and attributes of the report model
// (rules/schema/report.rng), its variables, and the canonical IDs of the
// profiles. A misspelt name would make a rule fire never or always, or a
// message print nothing, all silently: here it is a load error.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "segment/profile.h"

namespace ogi {

struct ModelNames {
  std::set<std::string> elements, attributes;
  std::set<std::string> ids;  // of parts, tables, rows and columns, in every profile
};

ModelNames model_names(const std::string& report_schema, const std::vector<Profile>& profiles);

// Throws std::runtime_error "where: …" for an element, attribute, variable
// or @id/@col value in the XPath `expr` that the model or the rule does
// not have.
void check_names(const std::string& expr, const ModelNames& names, const std::set<std::string>& variables,
                 const std::string& where);

}  // namespace ogi
