// kind pattern: an RE2 pattern over the text of parts. A match is a
// finding ({match} in the message), or with when="absent" the finding is
// that nothing matches. except: an exceptions rule whose matches are not
// findings (N-02); requires: a pattern the texts must also match, {name}
// standing for the match's group (?P<name>…); hedge: words that, in the
// match's sentence, lower the severity by one and add <hedged>; subject-not:
// words that, in the match's clause before its number, make it about
// another figure (no finding).
// kind exceptions: a pattern only, named by other rules' `except`.
#include <re2/re2.h>


#include "doc/xml.h"
#include "rules/kinds/kinds.h"

namespace ogi {

namespace {

// `requires` is compiled per match, with each {name} replaced by the
// match's group (quoted): it must compile with any text there, and name
// only groups the pattern has. Checked here so a bad one fails the load,
// not some report later.
void check_requires(const CheckSource& s, const Rule& r) {
  const std::string sample = fill_requires(r.requires_pattern, [&](const std::string& name) {
    if (!r.pattern->NamedCapturingGroups().contains(name))
      s.fail("requires names {" + name + "}, which the pattern has no group (?P<" + name + ">…) for");
    return std::string("x");
  });
  compile_pattern(s, "requires", sample);
}

}  // namespace

std::vector<Rule> read_pattern(const CheckSource& s, Rule r) {
  r.part = s.attr("part");
  check_part_ids(s, r.part);
  r.pattern = compile_pattern(s, "pattern", s.attr("pattern"));
  r.when_absent = s.attr("when") == "absent";
  if (r.when_absent && words_of(r.part).size() != 1) s.fail("when=\"absent\" needs one part");
  r.except = s.attr("except");
  r.skip_ocr = s.attr("ocr") == "skip";
  r.requires_pattern = s.attr("requires");
  if (!r.requires_pattern.empty() && !s.checked_before) check_requires(s, r);
  if (const std::string hedge = s.attr("hedge"); !hedge.empty()) r.hedge = compile_pattern(s, "hedge", hedge);
  if (const std::string others = s.attr("subject-not"); !others.empty()) r.subject_not = compile_pattern(s, "subject-not", others);
  for (xmlNode* c = s.node->children; c; c = c->next)
    if (xml_is(c, "hedged")) (xml_attr(c, "lang") == "en" ? r.hedged_en : r.hedged_zh) = xml_text(c);
  return {std::move(r)};
}

std::vector<Rule> read_exceptions(const CheckSource& s, Rule r) {
  r.pattern = compile_pattern(s, "pattern", s.attr("pattern"));
  r.severity = Severity::info;  // never a finding of its own
  return {std::move(r)};
}

}  // namespace ogi
