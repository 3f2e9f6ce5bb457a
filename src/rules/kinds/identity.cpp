// kind identity: an arithmetic identity of a table, named as the profile
// names it (<identity kind=…> in rules/profiles). The check is built from
// the profile's rows and columns, so an identity is written once, in the
// profile, for the segmenter (which splits run-together digits by it) and
// for the rule alike. Per cell it gives the messages:
//   column-balance: $left (sum of the left rows), $right; per column
//   column-sum:     @num (the total row), $sum (the part rows); per column
//                   (a superseded row the report printed counts for the rows replacing it)
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

// The part cells of a column-sum in column $c. A superseded row of the
// table whose replacing rows are all parts (2019's single （六）其他处理 for
// the three 2021 rows) stands in for them when the report printed it: the
// segmenter never finds both.
std::string column_parts(const TableSpec& table, const IdentitySpec& identity) {
  std::vector<std::string> plain = identity.parts;
  std::string alternatives;  // one row test, not a union of paths: no node-set sort per column
  for (const auto& row : table.rows) {
    const auto is_part = [&](const std::string& id) {
      return std::find(identity.parts.begin(), identity.parts.end(), id) != identity.parts.end();
    };
    if (row.replaced_by.empty() || !std::all_of(row.replaced_by.begin(), row.replaced_by.end(), is_part)) continue;
    std::erase_if(plain, [&](const std::string& id) {
      return std::find(row.replaced_by.begin(), row.replaced_by.end(), id) != row.replaced_by.end();
    });
    const std::string printed = row.id + "[@found='true']";
    alternatives += " or self::" + printed + " or ((" + any_row(row.replaced_by) + ") and not(../" + printed + "))";
  }
  return "../../*[" + any_row(plain) + alternatives + "]/*[@col=$c]";
}

// A line of the table that is no standard row may hold figures the total
// counts (a row added, or one of another format): the column sum is then
// undecided rather than failed over the rows the profile knows.
constexpr const char* extra_rows = " or ../../extra";

void build(Rule& r, const TableSpec& table, const IdentitySpec& identity) {
  const std::string path = found_table(table.id);
  const std::vector<Let> own = std::move(r.lets);  // the check's, which may use the identity's
  r.identity = identity;
  if (identity.kind == "column-balance") {
    r.context = path + "/" + identity.left.front() + "/*";
    r.lets = {{"c", "string(@col)", {}}, {"left", row_terms(identity.left, true), {}}, {"right", row_terms(identity.right, false), {}}};
    r.test = "$left = $right", r.expected = "$left", r.actual = "$right";
  } else if (identity.kind == "column-sum") {
    r.context = path + "/" + identity.total + "/*";
    r.lets = {{"c", "string(@col)", {}}, {"parts", column_parts(table, identity), {}}, {"sum", "sum($parts/@num)", {}}};
  } else {  // row-sum
    r.context = path + "/*[@found='true']/*[@col='" + identity.total + "']";
    r.lets = {{"parts", "../*[" + any_column(identity.parts) + "]", {}}, {"sum", "sum($parts/@num)", {}}};
  }
  if (identity.kind != "column-balance")
    r.test = "@num = $sum", r.expected = "$sum", r.actual = "@num", r.undecided_when = "not(@num) or $parts[not(@num)]" + std::string(identity.kind == "column-sum" ? extra_rows : "");
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
