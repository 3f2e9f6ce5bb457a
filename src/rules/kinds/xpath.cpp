// kind xpath: the escape hatch for genuinely relational checks. A context
// (XPath over the report model, `ogicheck extract --format xml`), variables
// (<let>, or <let> with <case>s for words that depend on the report), and
// an <assert> (a finding when false) or <report> (a finding when true).
#include "doc/xml.h"
#include "rules/kinds/kinds.h"

namespace ogi {

namespace {

Let read_let(xmlNode* n) {
  Let let{xml_attr(n, "name"), xml_attr(n, "value"), {}};
  for (xmlNode* c = n->children; c; c = c->next)
    if (xml_is(c, "case")) let.choices.push_back({xml_attr(c, "test"), xml_attr(c, "zh"), xml_attr(c, "en")});
  return let;
}

}  // namespace

std::vector<Rule> read_xpath(const CheckSource& s, Rule r) {
  r.context = s.attr("context");
  for (xmlNode* c = s.node->children; c; c = c->next) {
    if (xml_is(c, "let")) r.lets.push_back(read_let(c));
    if (xml_is(c, "assert") || xml_is(c, "report")) {
      r.test = xml_attr(c, "test");
      r.fire_when_true = xml_is(c, "report");
      r.expected = xml_attr(c, "expected");
      r.actual = xml_attr(c, "actual");
      r.undecided_when = xml_attr(c, "undecided-when");
    }
  }
  return {std::move(r)};
}

}  // namespace ogi
