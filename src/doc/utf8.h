// Small UTF-8 helpers shared by every stage.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace ogi {

std::string to_utf8(const std::u32string& s);
// Code points in [0, byte_offset) of utf8: the column a finding points at.
int code_points_before(std::string_view utf8, std::size_t byte_offset);

}  // namespace ogi
