#include "segment/values.h"

#include <re2/re2.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>

#include "doc/utf8.h"
#include "segment/normalize.h"

namespace ogi {
namespace {

// Units a count may carry after its figure ("30件"): read with a warning.
constexpr std::string_view count_units[] = {"件", "项", "个", "条", "次"};

// Units an amount may carry ("35000元"), with how many 元 one of them is:
// the figure is converted to 万元, the unit of the standard's fee column.
// Longer units first: "万元" before "元".
struct AmountUnit {
  std::string_view unit;
  double yuan;
};
constexpr AmountUnit amount_units[] = {{"万元", 1e4}, {"千元", 1e3}, {"亿元", 1e8}, {"万", 1e4}, {"元", 1}};
constexpr double yuan_per_10k = 1e4;

// A Chinese numeral as a count is written ("十二", "一百零五", "两千"):
// digits each followed by a power below 万, sections of 万. None for
// anything else, two digits in a row included ("一二" is no number).
std::optional<long long> chinese_numeral(std::string_view folded) {
  static const std::u32string digits = U"零一二三四五六七八九", powers = U"十百千";
  long long total = 0, section = 0, digit = -1;
  bool any = false, bad = false;
  each_code_point(folded, [&](UChar32 c, std::string_view) {
    const char32_t ch = c == U'〇' ? U'零' : c == U'两' ? U'二' : static_cast<char32_t>(c);
    any = true;
    if (const auto d = digits.find(ch); d != std::u32string::npos) {
      bad = bad || digit > 0 || (digit == 0 && d == 0);
      digit = static_cast<long long>(d);
    } else if (const auto p = powers.find(ch); p != std::u32string::npos) {
      bad = bad || digit == 0;
      section += (digit < 0 ? 1 : digit) * (p == 0 ? 10 : p == 1 ? 100 : 1000);  // "十二": a leading 十 is one ten
      digit = -1;
    } else if (ch == U'万' && total == 0 && (section > 0 || digit > 0)) {
      total = (section + std::max(digit, 0LL)) * 10000;
      section = 0;
      digit = -1;
    } else {
      bad = true;
    }
  });
  if (!any || bad) return std::nullopt;
  return total + section + std::max(digit, 0LL);
}

// The figure before a unit of the column's kind at the end of the cell, and
// the unit; for an amount also how many 元 the unit is (else 0).
std::string_view without_unit(std::string_view folded, ColumnKind kind, std::string& unit, double& yuan) {
  yuan = 0;
  if (kind != ColumnKind::amount)
    for (std::string_view u : count_units)
      if (folded.size() > u.size() && folded.ends_with(u)) {
        unit = u;
        return folded.substr(0, folded.size() - u.size());
      }
  if (kind != ColumnKind::count)
    for (const auto& u : amount_units)
      if (folded.size() > u.unit.size() && folded.ends_with(u.unit)) {
        unit = u.unit;
        yuan = u.yuan;
        return folded.substr(0, folded.size() - u.unit.size());
      }
  return folded;
}

}  // namespace

CellStatus read_cell(std::string_view printed, ColumnKind kind, double& value, CellReading& reading) {
  static thread_local const RE2 number_re(R"(([+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(?:\(.*\))?)");
  static thread_local const RE2 placeholder_re(R"(/|\\|-+|—+|–|无|N/?A|NA|不适用|空)");
  reading = {};
  const std::string folded = fold(printed);
  if (folded.empty()) return CellStatus::blank;
  if (RE2::FullMatch(folded, placeholder_re)) return CellStatus::placeholder;
  std::string unit;
  double yuan = 0;
  const std::string_view figure = without_unit(folded, kind, unit, yuan);
  std::string digits;
  if (RE2::FullMatch(figure, number_re, &digits)) {
    digits.erase(std::remove(digits.begin(), digits.end(), ','), digits.end());
    value = std::stod(digits);
    if (yuan > 0) value = value * yuan / yuan_per_10k;  // in this order 35000元 is exactly 3.5
    reading.unit = unit;
    return CellStatus::number;
  }
  if (kind != ColumnKind::amount)
    if (const auto n = chinese_numeral(figure)) {
      value = static_cast<double>(*n);
      reading = {unit, true};
      return CellStatus::number;
    }
  return CellStatus::text;
}

CellStatus classify_cell(std::string_view printed, double& value) {
  CellReading reading;
  return read_cell(printed, ColumnKind::any, value, reading);
}

std::string number_text(double value) {
  if (value == std::floor(value) && std::fabs(value) < 1e15) return std::to_string(static_cast<long long>(value));
  std::string s = std::to_string(value);
  s.erase(s.find_last_not_of('0') + 1);
  return s;
}

}  // namespace ogi
