// What the kind readers share: the registry of kinds, and how a check names
// the tables, rows and columns of the profiles.
#include <re2/re2.h>

#include <algorithm>
#include <map>
#include <sstream>
#include <stdexcept>
#include <unordered_map>

#include "doc/memo.h"
#include "doc/xml.h"
#include "rules/kinds/kinds.h"

namespace ogi {

void CheckSource::fail(const std::string& problem) const { throw std::runtime_error(where + ": " + problem); }

std::string CheckSource::attr(const char* name) const { return xml_attr(node, name); }

KindReader kind_reader(const std::string& kind) {
  static const std::map<std::string, KindReader> readers = {
      {"xpath", read_xpath},       {"identity", read_identity},       {"cell", read_cell},
      {"structure", read_structure}, {"year", read_year},             {"pattern", read_pattern},
      {"stated-number", read_stated_number}, {"outline", read_outline}, {"enumeration", read_enumeration}, {"exceptions", read_exceptions},
      {"engine", read_engine},
  };
  const auto it = readers.find(kind);
  return it == readers.end() ? nullptr : it->second;
}

std::vector<std::string> words_of(const std::string& list) {
  std::istringstream in(list);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

std::vector<std::pair<const Profile*, const TableSpec*>> tables_named(const CheckSource& s, const Rule& base,
                                                                      const std::string& table) {
  std::vector<const Profile*> profiles;  // in the rule's order
  for (const Profile& p : s.context.profiles) profiles.push_back(&p);
  if (!base.profiles.empty()) {
    profiles.clear();
    for (const auto& id : base.profiles)
      for (const Profile& p : s.context.profiles)
        if (p.id == id) profiles.push_back(&p);
  }
  auto table_of = [&](const Profile& p) {
    const auto t = std::find_if(p.tables.begin(), p.tables.end(), [&](const TableSpec& spec) { return spec.id == table; });
    return t == p.tables.end() ? nullptr : &*t;
  };
  if (std::none_of(s.context.profiles.begin(), s.context.profiles.end(), [&](const Profile& p) { return table_of(p); }))
    s.fail("table=\"" + table + "\" is no table of any profile (the IDs of rules/profiles)");
  std::vector<std::pair<const Profile*, const TableSpec*>> out;
  for (const Profile* p : profiles)
    if (const TableSpec* t = table_of(*p)) out.push_back({p, t});
  return out;
}

// The texts a pattern reads: parts by id, the title, the preamble.
void check_part_ids(const CheckSource& s, const std::string& parts) {
  for (const auto& id : words_of(parts)) {
    bool known = id == "title" || id == "preamble";
    for (const Profile& p : s.context.profiles)
      known = known || std::any_of(p.parts.begin(), p.parts.end(), [&](const PartSpec& part) { return part.id == id; });
    if (!known) s.fail("part=\"" + id + "\" is no part of any profile, nor title or preamble (the IDs of rules/profiles)");
  }
}

// A bad pattern is said once, in the load error, not also logged by RE2.
// Compiled once per text: the entries of one rule share patterns (TXT-01's
// hedge words, its checks made once per profile).
constexpr std::size_t max_memoised_patterns = 4096;

std::shared_ptr<re2::RE2> compile_pattern(const CheckSource& s, const char* attribute, const std::string& pattern) {
  thread_local std::unordered_map<std::string, std::shared_ptr<re2::RE2>> compiled;
  const auto re = memoised(compiled, pattern, max_memoised_patterns, [&] {
    re2::RE2::Options options;
    options.set_log_errors(false);
    return std::make_shared<re2::RE2>(pattern, options);
  });
  if (!re->ok()) s.fail(std::string(attribute) + "=\"" + pattern + "\" does not compile: " + re->error());
  return re;
}

std::string found_table(const std::string& id) { return "table[@id='" + id + "'][@found='true']"; }

namespace {
// One test of a name against a list: contains(' a b ', concat(' ', NAME, ' ')).
// A chain of "self::a or self::b …" is a step per name, for every node it
// tests: the column sums of table 三 name 22 rows. IDs hold no spaces.
std::string one_of(const std::vector<std::string>& ids, const std::string& name) {
  std::string list = " ";
  for (const auto& id : ids) list += id + " ";
  return "contains('" + list + "', concat(' ', " + name + ", ' '))";
}
}  // namespace

std::string any_row(const std::vector<std::string>& ids) {
  return ids.size() == 1 ? "self::" + ids.front() : one_of(ids, "local-name()");
}
std::string any_column(const std::vector<std::string>& ids) { return one_of(ids, "@col"); }

std::vector<Rule> read_engine(const CheckSource&, Rule base) { return {std::move(base)}; }

}  // namespace ogi
