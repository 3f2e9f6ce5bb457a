// kind enumeration: numbered items of a list (<series pattern within>):
// with two groups the item (一是, （二）) and its number, with one group the
// number (the match is the item). A list
// begins at 1; an item whose number is not the one after the previous
// item's (三是 after 三是, （四） after （二）) is a finding. within="paragraph"
// begins a new list at each paragraph, "part" (the default) at each part;
// `restart`: a pattern (a subheading) that, between two items, begins one too.
// Messages: {match} (the item), {previous}, {expected} (the item due).
#include <re2/re2.h>

#include "doc/xml.h"
#include "rules/kinds/kinds.h"

namespace ogi {

std::vector<Rule> read_enumeration(const CheckSource& s, Rule r) {
  r.part = s.attr("part");
  check_part_ids(s, r.part);
  for (xmlNode* c = s.node->children; c; c = c->next) {
    if (!xml_is(c, "series")) continue;
    auto pattern = compile_pattern(s, "series pattern", xml_attr(c, "pattern"));
    if (pattern->NumberOfCapturingGroups() < 1) s.fail("a series pattern needs a group: the item's number");
    const std::string restart = xml_attr(c, "restart");
    r.series.push_back({std::move(pattern), xml_attr(c, "within") == "paragraph",
                        restart.empty() ? nullptr : compile_pattern(s, "restart", restart)});
  }
  return {std::move(r)};
}

}  // namespace ogi
