// kind identity: an arithmetic identity of a table, named as the profile
// names it (<identity kind=…> in rules/profiles). The check is built from
// the profile's rows and columns, so an identity is written once, in the
// profile, for the segmenter (which splits run-together digits by it) and
// for the rule alike. Per cell it gives the messages:
//   column-balance: $left (sum of the left rows), $right; per column
//   column-sum:     @num (the total row), $sum (the part rows); per column
//   row-sum:        @num (the total column), $sum (the part columns); per row
// A cell that is missing or unreadable makes the check undecided (EXT-03).
#include <algorithm>

#include "rules/kinds/kinds.h"

namespace ogi {

namespace {

// "@num + ../../b/*[@col=$c]/@num": a NaN when a cell has no @num, so the
// check is undecided rather than counted with a 0.
std::string row_terms(const std::vector<std::string>& rows, bool first_is_context) {
  std::string out;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const std::string term = i == 0 && first_is_context ? "@num" : "../../" + rows[i] + "/*[@col=$c]/@num";
    out += (out.empty() ? "" : " + ") + term;
  }
  return out;
}

void build(Rule& r, const TableSpec& table, const IdentitySpec& identity) {
  const std::string path = found_table(table.id);
  const std::vector<Let> own = std::move(r.lets);  // the check's, which may use the identity's
  if (identity.kind == "column-balance") {
    r.context = path + "/" + identity.left.front() + "/*";
    r.lets = {{"c", "string(@col)", {}}, {"left", row_terms(identity.left, true), {}}, {"right", row_terms(identity.right, false), {}}};
    r.test = "$left = $right", r.expected = "$left", r.actual = "$right";
  } else if (identity.kind == "column-sum") {
    r.context = path + "/" + identity.total + "/*";
    r.lets = {{"c", "string(@col)", {}}, {"parts", "../../*[" + any_row(identity.parts) + "]/*[@col=$c]", {}}, {"sum", "sum($parts/@num)", {}}};
  } else {  // row-sum
    r.context = path + "/*[@found='true']/*[@col='" + identity.total + "']";
    r.lets = {{"parts", "../*[" + any_column(identity.parts) + "]", {}}, {"sum", "sum($parts/@num)", {}}};
  }
  if (identity.kind != "column-balance")
    r.test = "@num = $sum", r.expected = "$sum", r.actual = "@num", r.undecided_when = "not(@num) or $parts[not(@num)]";
  r.lets.insert(r.lets.end(), own.begin(), own.end());
}

}  // namespace

std::vector<Rule> read_identity(const CheckSource& s, Rule base) {
  const std::string table = s.attr("table"), kind = s.attr("identity");
  std::vector<Rule> out;
  for (const auto& [profile, spec] : tables_named(s, base, table)) {
    const auto identity = std::find_if(spec->identities.begin(), spec->identities.end(),
                                       [&](const IdentitySpec& i) { return i.kind == kind; });
    if (identity == spec->identities.end()) continue;
    Rule r = base;
    r.profiles = {profile->id};
    build(r, *spec, *identity);
    out.push_back(std::move(r));
  }
  if (out.empty()) s.fail("no profile it applies to has a " + kind + " identity in table " + table);
  return out;
}

}  // namespace ogi
