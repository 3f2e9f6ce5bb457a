// Separates figures that extraction ran together ("640020470" for
// 64·0·0·2·0·4·70) using the table's own identities: a split is accepted only
// when the identities leave the row no other.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "segment/profile.h"

namespace ogi {

using CellKey = std::pair<std::string, std::string>;  // row id, column id
using CellValues = std::map<CellKey, long long>;

struct RunRow {
  std::vector<CellKey> slots;       // the cells the digits fill, in order
  std::vector<std::string> tokens;  // digit groups; white space between them is a sure boundary
};

// For each run row: its values when they are sure, nullopt otherwise. Sure
// is the one split of the row that satisfies the identities among its own
// cells (a one-cell row's single figure, a row total that admits one split),
// or, when several do, the split the row has in every combination of all
// rows' splits that satisfies every identity of the table.
std::vector<std::optional<std::vector<long long>>> split_runs(const TableSpec& table,
                                                              const std::vector<RunRow>& runs,
                                                              const CellValues& known);

// False when some identity of the table whose cells are all known fails.
bool identities_hold(const TableSpec& table, const CellValues& values);

// The value of an unknown cell that each identity of the table containing
// it gives, when all its other cells are known: one value per identity.
std::vector<long long> implied_values(const TableSpec& table, const CellValues& known, const CellKey& cell);

}  // namespace ogi
