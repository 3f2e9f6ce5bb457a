// A format version of the standard, loaded from rules/profiles/*.xml.
#pragma once

#include <string>
#include <vector>

namespace ogi {

struct PartSpec {
  std::string id, ordinal, label, anchor;
  std::vector<std::string> variants;
  // Matching keys (segment/normalize key_of), made once when the profile loads.
  std::u32string label_key;
  std::vector<std::u32string> variant_keys;
  std::vector<std::u32string> anchor_keys;   // any of them names the part under its ordinal
  std::vector<std::u32string> content_keys;  // words of the part's first subheading when its heading is absent
};

struct ColumnSpec {
  std::string id, label;
  bool decimal = false;  // the only non-integer cell kind (万元 amounts)
  std::string group;     // printed layout: the header cell over this column's group
};

struct RowSpec {
  std::string id, label, group, core;  // core: label without its ordinal
  std::string ordinal;                 // Arabic sub-item ordinal ("1") if any
  std::vector<std::string> variants;
  std::vector<std::string> columns;  // empty: all the table's columns
  // Matching keys, made once when the profile loads; sorted_key has the
  // core key's characters in order, for a cheap similarity bound.
  std::u32string core_key, sorted_key;
  std::vector<std::u32string> variant_keys;
  // A row of an earlier format that this one splits into these rows (the
  // 2019 trial's single （六）其他处理): never expected, but read when a
  // report prints it, and counted in place of them.
  std::vector<std::string> replaced_by;
  // Printed layout only (not matched): the group's own group, and the
  // sub-table or header band the row is printed in.
  std::string within, block;
};

// A linear identity the published figures must satisfy. The segmenter uses
// them to separate digits that extraction ran together; the ARI rules in
// rules/checks check the same identities on the figures.
struct IdentitySpec {
  std::string kind;  // row-sum | column-sum | column-balance
  std::string total;
  std::vector<std::string> parts, left, right;
};

struct TableSpec {
  std::string id, part, caption, anchor;
  bool one_line = false;  // all rows printed as one line of numbers
  std::string header, corner;  // printed layout: band over the number columns; top-left cell
  std::vector<ColumnSpec> columns;
  std::vector<RowSpec> rows;
  std::vector<IdentitySpec> identities;

  const ColumnSpec* column(const std::string& id) const;
  std::vector<std::string> columns_of(const RowSpec& row) const;
};

struct Profile {
  std::string id, name;
  std::string title_zh, title_en;  // the format as messages name it: 2021年格式（国办公开办函〔2021〕30号）
  int first_year = 0, last_year = 9999;
  std::vector<std::string> markers;
  std::vector<PartSpec> parts;
  std::vector<TableSpec> tables;
};

// Validated against schema/profile.rng beside the profiles' folder.
class ValidCache;
// validated: profiles found valid before are not validated again (doc/valid_cache.h).
Profile load_profile(const std::string& path, ValidCache* validated = nullptr);
// Every *.xml in dir, sorted by id.
std::vector<Profile> load_profiles(const std::string& dir);

}  // namespace ogi
