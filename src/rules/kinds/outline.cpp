// kind outline: heading ordinals by level (<level pattern>, 1 = 一、…), each
// a pattern a line starts with (its first group, if any, is the ordinal
// quoted). The finding is a line whose level skips one below the previous
// heading, or rises above the level its part began at. Messages: {match}
// (the ordinal), {previous}.
#include <re2/re2.h>

#include "doc/xml.h"
#include "rules/kinds/kinds.h"

namespace ogi {

std::vector<Rule> read_outline(const CheckSource& s, Rule r) {
  r.part = s.attr("part");
  check_part_ids(s, r.part);
  for (xmlNode* c = s.node->children; c; c = c->next)
    if (xml_is(c, "level")) r.levels.push_back(compile_pattern(s, "level pattern", xml_attr(c, "pattern")));
  return {std::move(r)};
}

}  // namespace ogi
