#include "segment/digit_split.h"

#include <algorithm>

namespace ogi {
namespace {

// Bounds of the search, so a long run of digits costs a bounded time; past
// a bound the run is left unsplit (reported as a run), never guessed.

// Splits of one run enumerated at most: reaching it means the run has too
// many readings to decide between.
constexpr std::size_t max_splits_per_row = 20000;
// Combinations of the runs' balanced splits searched together at most
// (the product of their counts): the search visits each one.
constexpr std::size_t max_combinations = 200000;
// Digits one cell takes at most: a count of a year's requests stays far
// below 10^9, and nine digits always fit a long long.
constexpr std::size_t max_digits_per_cell = 9;

std::optional<long long> sum_of(const CellValues& values, const std::vector<CellKey>& cells) {
  long long total = 0;
  for (const auto& k : cells) {
    auto it = values.find(k);
    if (it == values.end()) return std::nullopt;
    total += it->second;
  }
  return total;
}

bool row_has(const TableSpec& table, const RowSpec& row, const std::string& col) {
  for (const auto& c : table.columns_of(row))
    if (c == col) return true;
  return false;
}

// All splits of the tokens into exactly `cells` numbers without leading zeros.
void enumerate(const std::vector<std::string>& tokens, std::size_t token, std::size_t offset,
               std::size_t cells, std::vector<long long>& current,
               std::vector<std::vector<long long>>& out) {
  if (out.size() >= max_splits_per_row) return;
  if (token == tokens.size()) {
    if (current.size() == cells) out.push_back(current);
    return;
  }
  const std::string& t = tokens[token];
  const std::size_t left = t.size() - offset;
  for (std::size_t len = 1; len <= left && len <= max_digits_per_cell; ++len) {
    if (len > 1 && t[offset] == '0') break;
    if (current.size() + 1 > cells) break;
    current.push_back(std::stoll(t.substr(offset, len)));
    if (len == left) enumerate(tokens, token + 1, 0, cells, current, out);
    else enumerate(tokens, token, offset + len, cells, current, out);
    current.pop_back();
  }
}

// The part rows of a column-sum in one column: a superseded row stands in
// for the rows that replace it when it has a figure and they have none.
std::vector<std::string> part_rows(const TableSpec& table, const IdentitySpec& id, const std::string& col,
                                   const CellValues& values) {
  std::vector<std::string> parts = id.parts;
  auto has = [&](const std::string& row) { return values.count({row, col}) > 0; };
  for (const auto& row : table.rows) {
    if (row.replaced_by.empty() || !has(row.id) || std::any_of(row.replaced_by.begin(), row.replaced_by.end(), has))
      continue;
    std::erase_if(parts, [&](const std::string& p) {
      return std::find(row.replaced_by.begin(), row.replaced_by.end(), p) != row.replaced_by.end();
    });
    parts.push_back(row.id);
  }
  return parts;
}

void assign(const RunRow& run, const std::vector<long long>& split, CellValues& values) {
  for (std::size_t i = 0; i < run.slots.size(); ++i) values[run.slots[i]] = split[i];
}

void erase(const RunRow& run, CellValues& values) {
  for (const auto& s : run.slots) values.erase(s);
}

}  // namespace

// Each instance of each identity of the table, as its two sides: a row's
// total and parts, a column's total and parts, a column's left and right.
template <typename Visit>
void for_each_identity(const TableSpec& table, const CellValues& values, Visit visit) {
  for (const auto& id : table.identities) {
    if (id.kind == "row-sum") {
      for (const auto& row : table.rows) {
        if (!row_has(table, row, id.total)) continue;
        std::vector<CellKey> parts;
        for (const auto& p : id.parts) parts.push_back({row.id, p});
        visit(std::vector<CellKey>{{row.id, id.total}}, parts);
      }
    } else {
      for (const auto& col : table.columns) {
        std::vector<CellKey> left, right;
        if (id.kind == "column-sum") {
          left.push_back({id.total, col.id});
          for (const auto& r : part_rows(table, id, col.id, values)) right.push_back({r, col.id});
        } else {
          for (const auto& r : id.left) left.push_back({r, col.id});
          for (const auto& r : id.right) right.push_back({r, col.id});
        }
        visit(left, right);
      }
    }
  }
}

bool identities_hold(const TableSpec& table, const CellValues& values) {
  bool hold = true;
  for_each_identity(table, values, [&](const std::vector<CellKey>& left, const std::vector<CellKey>& right) {
    auto l = sum_of(values, left);
    auto r = sum_of(values, right);
    if (l && r && *l != *r) hold = false;
  });
  return hold;
}

std::vector<long long> implied_values(const TableSpec& table, const CellValues& known, const CellKey& cell) {
  std::vector<long long> out;
  for_each_identity(table, known, [&](std::vector<CellKey> left, std::vector<CellKey> right) {
    const bool in_left = std::find(left.begin(), left.end(), cell) != left.end();
    const bool in_right = std::find(right.begin(), right.end(), cell) != right.end();
    if (in_left == in_right) return;  // not in it (or on both sides: no equation for it)
    auto& own = in_left ? left : right;
    own.erase(std::find(own.begin(), own.end(), cell));
    const auto rest = sum_of(known, own), other = sum_of(known, in_left ? right : left);
    if (rest && other) out.push_back(*other - *rest);
  });
  return out;
}

namespace {

using Splits = std::vector<std::vector<long long>>;

// The splits of one run that satisfy the identities among its own cells;
// none when there are too many readings to decide between.
Splits balanced_alone(const TableSpec& table, const RunRow& run) {
  Splits all, balanced;
  std::vector<long long> current;
  enumerate(run.tokens, 0, 0, run.slots.size(), current, all);
  if (all.size() >= max_splits_per_row) return {};
  for (auto& split : all) {
    CellValues alone;
    assign(run, split, alone);
    if (identities_hold(table, alone)) balanced.push_back(std::move(split));
  }
  return balanced;
}

// Over every combination of the runs' balanced splits that satisfies all
// identities with the known cells: for each run, its split when all these
// combinations give it the same one. A run without candidates takes no
// part (its cells stay unknown, so identities over them are not tested).
std::vector<std::optional<std::size_t>> agreed_by_all_solutions(const TableSpec& table,
                                                                const std::vector<RunRow>& runs,
                                                                const std::vector<Splits>& candidates,
                                                                const CellValues& known) {
  const std::size_t n = runs.size();
  std::vector<std::optional<std::size_t>> agreed(n);
  std::size_t combinations = 1;
  for (const auto& c : candidates) {
    combinations *= std::max<std::size_t>(c.size(), 1);
    if (combinations > max_combinations) return agreed;
  }
  CellValues values = known;
  std::vector<std::size_t> choice(n, 0), first;
  std::vector<bool> differs(n, false);
  bool any = false;
  // runs that may still be settled: once every run with a choice has two
  // readings among the solutions, searching on changes nothing
  std::size_t open = 0;
  for (const auto& c : candidates) open += c.size() > 1;
  auto search = [&](auto&& self, std::size_t i) -> void {
    if (any && open == 0) return;
    if (i == n) {
      if (!identities_hold(table, values)) return;
      if (!any) first = choice;
      any = true;
      for (std::size_t k = 0; k < n; ++k)
        if (!differs[k] && choice[k] != first[k]) differs[k] = true, --open;
      return;
    }
    if (candidates[i].empty()) return self(self, i + 1);
    for (std::size_t k = 0; k < candidates[i].size(); ++k) {
      choice[i] = k;
      assign(runs[i], candidates[i][k], values);
      self(self, i + 1);
      erase(runs[i], values);
    }
  };
  search(search, 0);
  if (!any) return agreed;  // the identities fail under every split: only runs sure on their own are kept
  for (std::size_t k = 0; k < n; ++k)
    if (!candidates[k].empty() && !differs[k]) agreed[k] = first[k];
  return agreed;
}

}  // namespace

std::vector<std::optional<std::vector<long long>>> split_runs(const TableSpec& table,
                                                              const std::vector<RunRow>& runs,
                                                              const CellValues& known) {
  std::vector<Splits> candidates;
  for (const auto& run : runs) candidates.push_back(balanced_alone(table, run));
  const auto agreed = agreed_by_all_solutions(table, runs, candidates, known);
  std::vector<std::optional<std::vector<long long>>> result(runs.size());
  // A run with one balanced split of its own is settled whatever the other
  // rows hold, even where a column identity then fails (that failure is
  // the table's, and is reported); otherwise all solutions must agree.
  for (std::size_t i = 0; i < runs.size(); ++i) {
    if (candidates[i].size() == 1) result[i] = candidates[i].front();
    else if (agreed[i]) result[i] = candidates[i][*agreed[i]];
  }
  return result;
}

}  // namespace ogi
