// What the engine compiles a rule into once: XPath expressions and message
// templates. Shared by the rule-file reader and the engine; nothing else.
#pragma once

#include <libxml/xpath.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace ogi {

using Expr = std::shared_ptr<xmlXPathCompExpr>;

// A message template: literal text and {XPath} parts in turn.
struct Template {
  std::vector<std::pair<std::string, Expr>> parts;
};

struct CompiledChoice {
  Expr test;
  Template zh, en;  // may quote the report: {XPath} parts as in messages
};

struct CompiledLet {
  std::string name;
  Expr value;
  std::vector<CompiledChoice> choices;
};

struct CompiledRule {
  Expr context, test, undecided_when, expected, actual, equals, expect;
  std::vector<CompiledLet> lets;
  Template message_zh, message_en, undecided_zh, undecided_en;
};

}  // namespace ogi
