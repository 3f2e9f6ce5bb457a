// The closed set of rule kinds (rules/README.md). Each reads the attributes
// of its check element into the fields the engine evaluates: the
// declarative kinds (identity, cell, structure, year, stated-number) build
// them from the profiles, so a rule names an identity or a row and never
// re-types what the profile says. A new kind is a new reader here.
#pragma once

#include <libxml/tree.h>

#include <memory>
#include <string>
#include <vector>

#include "rules/engine.h"

namespace ogi {

// One check element of a rule file: its node, the file's context, and
// "file:line: rule ID" for errors.
struct CheckSource {
  xmlNode* node;
  const RuleContext& context;
  std::string where;
  bool checked_before = false;  // the file passed every load check unchanged (doc/valid_cache.h)
  [[noreturn]] void fail(const std::string& problem) const;
  std::string attr(const char* name) const;
};

// Each returns the check's entries: `base` (the file's header, the check's
// messages and overrides) filled in, once, or once per profile for the
// kinds drawn from a profile's data.
using KindReader = std::vector<Rule> (*)(const CheckSource&, Rule base);

// The reader of a kind by its element name, or null for an unknown one.
KindReader kind_reader(const std::string& kind);

std::vector<Rule> read_xpath(const CheckSource&, Rule base);
std::vector<Rule> read_identity(const CheckSource&, Rule base);
std::vector<Rule> read_cell(const CheckSource&, Rule base);
std::vector<Rule> read_structure(const CheckSource&, Rule base);
std::vector<Rule> read_year(const CheckSource&, Rule base);
std::vector<Rule> read_pattern(const CheckSource&, Rule base);
std::vector<Rule> read_stated_number(const CheckSource&, Rule base);
std::vector<Rule> read_outline(const CheckSource&, Rule base);
std::vector<Rule> read_enumeration(const CheckSource&, Rule base);
std::vector<Rule> read_exceptions(const CheckSource&, Rule base);
std::vector<Rule> read_engine(const CheckSource&, Rule base);

// Shared by the readers.
std::vector<std::string> words_of(const std::string& list);
// The profiles a check applies to (its own list, else all loaded), each
// with the named table; a profile without it is skipped.
std::vector<std::pair<const Profile*, const TableSpec*>> tables_named(const CheckSource& s, const Rule& base,
                                                                      const std::string& table);
// An RE2 pattern of the check, compiled once per text; one that does not
// compile fails the load naming the attribute.
std::shared_ptr<re2::RE2> compile_pattern(const CheckSource& s, const char* attribute, const std::string& pattern);
// Part IDs (of any profile), title or preamble: the texts a pattern reads.
void check_part_ids(const CheckSource& s, const std::string& parts);
// "table[@id='x'][@found='true']", the path every table check starts with.
std::string found_table(const std::string& id);
// An XPath test for rows by id: "self::a", or one test of local-name() for several.
std::string any_row(const std::vector<std::string>& ids);
// The same for columns by id, a test of @col.
std::string any_column(const std::vector<std::string>& ids);

}  // namespace ogi
