// kind xpath: the escape hatch for genuinely relational checks. A context
// (XPath over the report model, `ogicheck extract --format xml`), and an
// <assert> (a finding when false) or <report> (a finding when true). Its
// <let>s, as every XPath kind's, are read with the messages (rule_file.cpp).
#include "doc/xml.h"
#include "rules/kinds/kinds.h"

namespace ogi {

std::vector<Rule> read_xpath(const CheckSource& s, Rule r) {
  r.context = s.attr("context");
  for (xmlNode* c = s.node->children; c; c = c->next) {
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
