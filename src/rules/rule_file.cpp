// Reading rule files (rules/checks/*.xml): each <rule> element checked and
// compiled once, its patterns and XPath expressions ready for the engine.
#include "rules/engine.h"

#include <libxml/parser.h>
#include <re2/re2.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <sstream>
#include <stdexcept>

#include "doc/limits.h"
#include "doc/xml.h"
#include "rules/compiled.h"

namespace ogi {

const char* severity_name(Severity s) {
  switch (s) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::info: return "info";
  }
  return "info";
}

bool parse_severity(const std::string& name, Severity& out) {
  if (name == "error") out = Severity::error;
  else if (name == "warning") out = Severity::warning;
  else if (name == "info") out = Severity::info;
  else return false;
  return true;
}

bool Rule::applies_to(const std::string& profile, const std::string& format) const {
  auto allows = [](const std::vector<std::string>& list, const std::string& v) {
    return list.empty() || std::find(list.begin(), list.end(), v) != list.end();
  };
  return allows(profiles, profile) && allows(formats, format);
}

namespace {

Expr compile(const std::string& expr, const std::string& where) {
  if (expr.empty()) return nullptr;
  xmlXPathCompExpr* c = xmlXPathCompile(reinterpret_cast<const xmlChar*>(expr.c_str()));
  if (c == nullptr) throw std::runtime_error(where + ": bad XPath: " + expr);
  return Expr(c, xmlXPathFreeCompExpr);
}

Template compile_template(const std::string& text, const std::string& where) {
  Template t;
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t open = text.find('{', i);
    const std::size_t close = open == std::string::npos ? open : text.find('}', open);
    if (close == std::string::npos) break;
    t.parts.push_back({text.substr(i, open - i), compile(text.substr(open + 1, close - open - 1), where)});
    i = close + 1;
  }
  t.parts.push_back({text.substr(std::min(i, text.size())), nullptr});
  return t;
}

// A bad pattern is said once, in the load error, not also logged by RE2.
re2::RE2::Options quiet() {
  re2::RE2::Options options;
  options.set_log_errors(false);
  return options;
}

// Patterns compiled while loading, by their text: entries of one rule often
// share one (TXT-01's hedge words).
using PatternCache = std::map<std::string, std::shared_ptr<re2::RE2>>;

std::shared_ptr<re2::RE2> compile_pattern(const std::string& pattern, const std::string& where, PatternCache& cache) {
  auto& re = cache[pattern];
  if (!re) {
    re = std::make_shared<re2::RE2>(pattern, quiet());
    if (!re->ok()) throw std::runtime_error(where + ": bad pattern " + pattern + ": " + re->error());
  }
  return re;
}

// `requires` is compiled per match, with each {name} replaced by the
// match's group (quoted): it must compile with any text there, and name
// only groups the pattern has. Checked here so a bad one fails the load,
// not some report later.
void check_requires(const Rule& r, const std::string& where) {
  if (!r.pattern) throw std::runtime_error(where + ": requires needs a pattern");
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
      throw std::runtime_error(where + ": requires names {" + name + "}, which the pattern has no group (?P<" + name + ">…) for");
    sample += text.substr(pos, open - pos) + (placeholder ? "x" : text.substr(open, close - open + 1));  // else a repetition {4,}
    pos = close + 1;
  }
  sample += text.substr(pos);
  if (const re2::RE2 re(sample, quiet()); !re.ok()) throw std::runtime_error(where + ": bad requires " + r.requires_pattern + ": " + re.error());
}

Rule read_rule(xmlNode* n, const std::string& file, PatternCache& patterns) {
  Rule r;
  r.id = xml_attr(n, "id");
  r.kind = xml_attr(n, "kind");
  r.source_file = file;
  const std::string where = file + ": rule " + r.id;
  if (r.id.empty()) throw std::runtime_error(file + ": a rule without id");
  if (!r.kind.empty() && r.kind != "exceptions" && r.kind != "engine") throw std::runtime_error(where + ": bad kind");
  if (r.kind == "exceptions") r.severity = Severity::info;  // never a finding of its own
  else if (!parse_severity(xml_attr(n, "severity"), r.severity)) throw std::runtime_error(where + ": bad severity");
  std::istringstream profiles(xml_attr(n, "profiles")), formats(xml_attr(n, "formats"));
  for (std::string p; profiles >> p;) r.profiles.push_back(p);
  for (std::string f; formats >> f;) r.formats.push_back(f);
  r.context = xml_attr(n, "context");
  r.part = xml_attr(n, "part");
  r.when_absent = xml_attr(n, "when") == "absent";
  r.equals = xml_attr(n, "equals");
  r.expect = xml_attr(n, "expect");
  r.requires_pattern = xml_attr(n, "requires");
  r.except = xml_attr(n, "except");
  if (!r.expect.empty() && r.equals.empty()) throw std::runtime_error(where + ": expect needs equals");
  if (const std::string hedge = xml_attr(n, "hedge"); !hedge.empty()) r.hedge = compile_pattern(hedge, where, patterns);
  if (r.when_absent && r.part.empty()) throw std::runtime_error(where + ": when=\"absent\" needs one part");
  if (const std::string pattern = xml_attr(n, "pattern"); !pattern.empty()) r.pattern = compile_pattern(pattern, where, patterns);
  if (!r.requires_pattern.empty()) check_requires(r, where);
  for (xmlNode* c = n->children; c; c = c->next) {
    const bool en = xml_attr(c, "lang") == "en";
    if (xml_is(c, "summary")) (en ? r.summary_en : r.summary_zh) = xml_text(c);
    else if (xml_is(c, "basis")) (en ? r.basis_en : r.basis_zh) = xml_text(c);
    else if (xml_is(c, "fix")) (en ? r.fix_en : r.fix_zh) = xml_text(c);
    else if (xml_is(c, "message")) (en ? r.message_en : r.message_zh) = xml_text(c);
    else if (xml_is(c, "undecided")) (en ? r.undecided_en : r.undecided_zh) = xml_text(c);
    else if (xml_is(c, "hedged")) (en ? r.hedged_en : r.hedged_zh) = xml_text(c);
    else if (xml_is(c, "let")) r.lets.push_back({xml_attr(c, "name"), xml_attr(c, "value")});
    else if (xml_is(c, "level")) r.levels.push_back(compile_pattern(xml_attr(c, "pattern"), where, patterns));
    else if (xml_is(c, "assert") || xml_is(c, "report")) {
      r.test = xml_attr(c, "test");
      r.fire_when_true = xml_is(c, "report");
      r.expected = xml_attr(c, "expected");
      r.actual = xml_attr(c, "actual");
      r.undecided_when = xml_attr(c, "undecided-when");
    }
  }
  if (r.kind == "engine") {
    if (r.pattern || !r.context.empty()) throw std::runtime_error(where + ": an engine rule has no context or pattern");
  } else if (!r.context.empty() + !!r.pattern + !r.levels.empty() != 1) {
    throw std::runtime_error(where + ": needs one of context, pattern or levels");
  }
  if (r.message_zh.empty() || r.message_en.empty() || r.summary_zh.empty() || r.summary_en.empty())
    throw std::runtime_error(where + ": needs zh and en summary and message");
  auto c = std::make_shared<CompiledRule>();
  c->equals = compile(r.equals, where);
  c->expect = compile(r.expect, where);
  if (!r.pattern && r.levels.empty() && r.kind.empty()) {
    c->context = compile(r.context, where);
    for (const auto& [name, expr] : r.lets) c->lets.push_back({name, compile(expr, where)});
    c->test = compile(r.test, where);
    c->undecided_when = compile(r.undecided_when, where);
    c->expected = compile(r.expected, where);
    c->actual = compile(r.actual, where);
    c->message_zh = compile_template(r.message_zh, where);
    c->message_en = compile_template(r.message_en, where);
    c->undecided_zh = compile_template(r.undecided_zh, where);
    c->undecided_en = compile_template(r.undecided_en, where);
  }
  r.compiled = std::move(c);
  return r;
}

}  // namespace

std::vector<Rule> load_rules(const std::string& path) {
  // NOENT: a rule file may name its repeated patterns and paths as entities
  // of its internal DTD (narrative.xml does); external ones are refused.
  const XmlDoc doc = read_data_file(path, limits::rule_file_bytes, XML_PARSE_NOENT);
  xmlNode* root = xmlDocGetRootElement(doc.get());
  if (root == nullptr || !xml_is(root, "rules")) throw std::runtime_error(path + ": root element must be <rules>");
  std::vector<Rule> rules;
  PatternCache patterns;
  for (xmlNode* c = root->children; c; c = c->next)
    if (xml_is(c, "rule")) rules.push_back(read_rule(c, path, patterns));
  return rules;
}

std::vector<Rule> load_rule_dir(const std::string& dir) {
  std::vector<std::filesystem::path> files;
  if (std::error_code ec; !std::filesystem::is_directory(dir, ec))
    throw std::runtime_error("no folder " + dir + " (the rule files)");
  for (const auto& e : std::filesystem::directory_iterator(dir))
    if (e.is_regular_file() && e.path().extension() == ".xml") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  std::vector<Rule> rules;
  for (const auto& f : files) {
    auto more = load_rules(f.string());
    rules.insert(rules.end(), more.begin(), more.end());
  }
  return rules;
}

void link_rules(std::vector<Rule>& rules) {
  for (auto& r : rules) {
    if (r.except.empty()) continue;
    const auto list = std::find_if(rules.begin(), rules.end(),
                                   [&](const Rule& e) { return e.id == r.except && e.kind == "exceptions"; });
    if (list == rules.end() || !list->pattern)
      throw std::runtime_error(r.source_file + ": rule " + r.id + ": except names no exceptions rule " + r.except);
    r.except_pattern = list->pattern;
  }
}

}  // namespace ogi
