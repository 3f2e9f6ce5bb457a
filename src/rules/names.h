// What a rule may name: the elements and attributes of the report model
// (rules/schema/report.rng), its variables, and the canonical IDs of the
// profiles. A misspelt name would make a rule fire never or always, or a
// message print nothing, all silently: here it is a load error.
#pragma once

#include <functional>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include <libxml/tree.h>

#include "segment/profile.h"

namespace ogi {

struct ModelNames {
  std::set<std::string> elements, attributes;
  std::set<std::string> ids;  // of parts, tables, rows and columns, in every profile
};

// Names built on first use, once, from either loader thread: a run whose
// rule files are all known valid (doc/valid_cache.h) never needs them.
class LazyNames {
 public:
  explicit LazyNames(std::function<ModelNames()> make) : make_(std::move(make)) {}
  const ModelNames& get() const {
    std::call_once(once_, [this] { value_ = make_(); });
    return value_;
  }

 private:
  std::function<ModelNames()> make_;
  mutable std::once_flag once_;
  mutable ModelNames value_;
};

// The element and attribute names a RELAX NG schema declares.
ModelNames schema_names(const std::string& schema);
ModelNames model_names(const std::string& report_schema, const std::vector<Profile>& profiles);

// Throws "file:line: rule ID: unknown element <asert>" (or attribute, or
// severity) for a rule file's words the schema has not: said plainly,
// before the schema's structural check, whose messages are obscure.
void check_vocabulary(xmlNode* root, const ModelNames& rule_schema, const std::string& file, const std::string& id);

// Throws std::runtime_error "where: …" for an element, attribute, variable
// or @id/@col value in the XPath `expr` that the model or the rule does
// not have.
void check_names(const std::string& expr, const ModelNames& names, const std::set<std::string>& variables,
                 const std::string& where);

}  // namespace ogi
