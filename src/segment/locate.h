// Internal to segment/: positions in a Document and the functions that
// share them.
#pragma once

#include <cstddef>
#include <tuple>
#include <vector>

#include "doc/document.h"
#include "segment/profile.h"
#include "segment/report.h"

namespace ogi {

// A byte position inside block `block` (paragraph text).
struct TextPos {
  std::size_t block = 0;
  std::size_t offset = 0;
  auto operator<=>(const TextPos&) const = default;
};

// From the start of a part's heading to the start of the next heading.
struct PartRegion {
  bool found = false;
  TextPos heading, body, end;
};

std::vector<PartRegion> locate_parts(const Document& doc, const Profile& profile,
                                     std::vector<PartResult>& parts);

Span span_at(const Document& doc, TextPos pos);

TableResult locate_table(const Document& doc, const TableSpec& table, const PartRegion& region);

}  // namespace ogi
