// kind pattern: an RE2 pattern over the text of parts. A match is a
// finding ({match} in the message), or with when="absent" the finding is
// that nothing matches. except: an exceptions rule whose matches are not
// findings (N-02); requires: a pattern the texts must also match, {name}
// standing for the match's group (?P<name>…); hedge: words that, in the
// match's sentence, lower the severity by one and add <hedged>.
// kind exceptions: a pattern only, named by other rules' `except`.
#include <re2/re2.h>

#include <algorithm>
#include <cctype>

#include "doc/xml.h"
#include "rules/kinds/kinds.h"

namespace ogi {

namespace {

// `requires` is compiled per match, with each {name} replaced by the
// match's group (quoted): it must compile with any text there, and name
// only groups the pattern has. Checked here so a bad one fails the load,
// not some report later.
void check_requires(const CheckSource& s, const Rule& r) {
  const std::string& text = r.requires_pattern;
  std::string sample;  // the pattern with every placeholder as "x"
  std::size_t pos = 0;
  for (std::size_t open; (open = text.find('{', pos)) != std::string::npos;) {
    const std::size_t close = text.find('}', open);
    if (close == std::string::npos) break;
    const std::string name = text.substr(open + 1, close - open - 1);
    const bool placeholder = !name.empty() && !std::isdigit(static_cast<unsigned char>(name[0])) &&
                             std::all_of(name.begin(), name.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
    if (placeholder && !r.pattern->NamedCapturingGroups().contains(name))
      s.fail("requires names {" + name + "}, which the pattern has no group (?P<" + name + ">…) for");
    sample += text.substr(pos, open - pos) + (placeholder ? "x" : text.substr(open, close - open + 1));  // else a repetition {4,}
    pos = close + 1;
  }
  compile_pattern(s, "requires", sample + text.substr(pos));
}

}  // namespace

std::vector<Rule> read_pattern(const CheckSource& s, Rule r) {
  r.part = s.attr("part");
  check_part_ids(s, r.part);
  r.pattern = compile_pattern(s, "pattern", s.attr("pattern"));
  r.when_absent = s.attr("when") == "absent";
  if (r.when_absent && words_of(r.part).size() != 1) s.fail("when=\"absent\" needs one part");
  r.except = s.attr("except");
  r.requires_pattern = s.attr("requires");
  if (!r.requires_pattern.empty()) check_requires(s, r);
  if (const std::string hedge = s.attr("hedge"); !hedge.empty()) r.hedge = compile_pattern(s, "hedge", hedge);
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
