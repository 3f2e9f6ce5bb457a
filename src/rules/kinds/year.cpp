// kind year: the report's years against each other and the profiles.
//   is="format": the tables' format is not the one the report year must use,
//     by the year ranges of the profiles (first-year…last-year; years before
//     the earliest are its). $format: the format due, in the profile's
//     <title> words.
//   is="period": the statistical period is of another year than the title.
#include <algorithm>

#include "rules/kinds/kinds.h"

namespace ogi {

namespace {

// "@year >= 2019 and @year <= 2020": the report years a profile is for.
std::string years_of(const Profile& p, bool earliest) {
  std::string out = earliest ? "@year > 0" : "@year >= " + std::to_string(p.first_year);
  if (p.last_year < 9999) out += " and @year <= " + std::to_string(p.last_year);
  return out;
}

void format_check(const CheckSource& s, Rule& r) {
  std::vector<const Profile*> profiles;
  for (const Profile& p : s.context.profiles) profiles.push_back(&p);
  std::sort(profiles.begin(), profiles.end(), [](const Profile* a, const Profile* b) { return a->first_year > b->first_year; });
  std::string wrong;
  Let format{"format", "", {}};
  for (const Profile* p : profiles) {
    const std::string years = years_of(*p, p == profiles.back());
    wrong += (wrong.empty() ? "(" : " or (") + years + " and @profile != '" + p->id + "')";
    if (p->title_zh.empty() || p->title_en.empty()) s.fail("profile " + p->id + " has no <title> in zh and en for $format");
    format.choices.push_back({years, p->title_zh, p->title_en});
  }
  r.context = "self::report[" + wrong + "]";
  r.lets.push_back(std::move(format));
}

}  // namespace

std::vector<Rule> read_year(const CheckSource& s, Rule r) {
  const std::string is = s.attr("is");
  if (is == "format") {
    format_check(s, r);
  } else if (is == "period") {
    r.context = "self::report[@period-year and @year > 0 and @period-year != @year]";
    r.test = "false()", r.expected = "@year", r.actual = "@period-year";
  } else {
    s.fail("is=\"" + is + "\" is no year check (format, period)");
  }
  return {std::move(r)};
}

}  // namespace ogi
