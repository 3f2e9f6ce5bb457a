#include "segment/values.h"

#include <re2/re2.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "segment/normalize.h"

namespace ogi {

CellStatus classify_cell(std::string_view printed, double& value) {
  static thread_local const RE2 number_re(R"(([+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(?:\(.*\))?)");
  static thread_local const RE2 placeholder_re(R"(/|\\|-+|—+|–|无|N/?A|NA|不适用|空)");
  const std::string folded = fold(printed);
  if (folded.empty()) return CellStatus::blank;
  std::string digits;
  if (RE2::FullMatch(folded, number_re, &digits)) {
    digits.erase(std::remove(digits.begin(), digits.end(), ','), digits.end());
    value = std::stod(digits);
    return CellStatus::number;
  }
  if (RE2::FullMatch(folded, placeholder_re)) return CellStatus::placeholder;
  return CellStatus::text;
}

std::string number_text(double value) {
  if (value == std::floor(value) && std::fabs(value) < 1e15) return std::to_string(static_cast<long long>(value));
  std::string s = std::to_string(value);
  s.erase(s.find_last_not_of('0') + 1);
  return s;
}

}  // namespace ogi
