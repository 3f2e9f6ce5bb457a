// Reading rule files (rules/checks/<PREFIX>/<ID>.xml): one rule ID per
// file, validated against rules/schema/rule.rng, each check read by its
// kind (src/rules/kinds) and compiled once, every name it uses checked
// against the report model and the profiles.
#include "rules/engine.h"

#include <libxml/parser.h>
#include <re2/re2.h>

#include <algorithm>
#include <atomic>
#include <exception>
#include <filesystem>
#include <future>
#include <iterator>
#include <map>
#include <set>
#include <stdexcept>
#include <unordered_map>

#include "doc/limits.h"
#include "doc/memo.h"
#include "doc/valid_cache.h"
#include "doc/xml.h"
#include "rules/compiled.h"
#include "rules/kinds/kinds.h"
#include "rules/names.h"

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

bool Rule::applies_to(const Report& report) const {
  auto allows = [](const std::vector<std::string>& list, const std::string& v) {
    return list.empty() || std::find(list.begin(), list.end(), v) != list.end();
  };
  return allows(profiles, report.profile) && allows(formats, report.format) && !(skips_conversions && report.converted);
}

namespace {

// What every load check reads besides the rule file itself: the schemas and
// the profiles (the names a rule may use), in a stable order.
std::vector<std::string> check_inputs(const std::string& rules_dir) {
  std::vector<std::string> files = {rules_dir + "/schema/rule.rng", rules_dir + "/schema/report.rng"};
  std::error_code ec;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(rules_dir + "/profiles", ec))
    if (entry.path().extension() == ".xml") files.push_back(entry.path().string());
  std::sort(files.begin() + 2, files.end());
  return files;
}

}  // namespace

RuleContext rule_context(const std::string& rules_dir, const std::vector<Profile>& profiles, bool with_examples) {
  RuleContext context{profiles, rules_dir + "/schema", {}, nullptr, nullptr, with_examples, nullptr};
  const XmlDoc defaults = read_data_file(rules_dir + "/defaults.xml", limits::rule_file_bytes, 0);
  context.default_profiles = words_of(xml_attr(xmlDocGetRootElement(defaults.get()), "profiles"));
  context.names = std::make_shared<LazyNames>([schema = context.schema_dir + "/report.rng", &profiles] { return model_names(schema, profiles); });
  context.rule_words = std::make_shared<LazyNames>([schema = context.schema_dir + "/rule.rng"] { return schema_names(schema); });
  context.validated = std::make_shared<ValidCache>("rules", check_inputs(rules_dir));
  return context;
}

namespace {

// Compiled once per text and loader thread: the same few expressions
// ({@num}, {@col-label}, a table's path) stand in most checks, and in each
// check once per profile. A compiled expression is only read when evaluated.
constexpr std::size_t max_memoised_expressions = 4096;

Expr compile(const std::string& expr, const std::string& where) {
  if (expr.empty()) return nullptr;
  thread_local std::unordered_map<std::string, Expr> compiled;
  return memoised(compiled, expr, max_memoised_expressions, [&] {
    xmlXPathCompExpr* c = xmlXPathCompile(reinterpret_cast<const xmlChar*>(expr.c_str()));
    if (c == nullptr) throw std::runtime_error(where + ": bad XPath: " + expr);
    return Expr(c, xmlXPathFreeCompExpr);
  });
}

// The {…} parts of a message, in turn with the literal text between them.
std::vector<std::pair<std::string, std::string>> split_template(const std::string& text) {
  std::vector<std::pair<std::string, std::string>> parts;  // literal, then the placeholder after it
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t open = text.find('{', i);
    const std::size_t close = open == std::string::npos ? open : text.find('}', open);
    if (close == std::string::npos) break;
    parts.push_back({text.substr(i, open - i), text.substr(open + 1, close - open - 1)});
    i = close + 1;
  }
  parts.push_back({text.substr(std::min(i, text.size())), {}});
  return parts;
}

struct Checked {
  const ModelNames* names;  // null: the file passed these checks before
  std::set<std::string> variables;
  std::string where;
  Expr xpath(const std::string& expr) const {
    if (names && !expr.empty()) check_names(expr, *names, variables, where);
    return compile(expr, where);
  }
  Template message(const std::string& text) const {
    Template t;
    for (const auto& [literal, expr] : split_template(text)) t.parts.push_back({literal, xpath(expr)});
    return t;
  }
};

// The pattern kinds fill their messages with fixed placeholders.
void check_placeholders(const std::string& text, const std::set<std::string>& allowed, const std::string& where) {
  for (const auto& [literal, name] : split_template(text)) {
    if (name.empty() || allowed.contains(name)) continue;
    std::string list;
    for (const auto& a : allowed) list += " {" + a + "}";
    throw std::runtime_error(where + ": unknown placeholder {" + name + "} in “" + text + "” (this kind has" + list + ")");
  }
}

void compile_xpath_form(Rule& r, const Checked& checked, CompiledRule& c) {
  Checked scope = checked;
  for (const Let& let : r.lets) {
    CompiledLet compiled{let.name, scope.xpath(let.value), {}};
    for (const Choice& choice : let.choices)
      compiled.choices.push_back({scope.xpath(choice.test), scope.message(choice.zh), scope.message(choice.en)});
    c.lets.push_back(std::move(compiled));
    scope.variables.insert(let.name);  // a let sees the ones before it
  }
  c.context = scope.xpath(r.context);
  c.test = scope.xpath(r.test);
  c.undecided_when = scope.xpath(r.undecided_when);
  c.expected = scope.xpath(r.expected);
  c.actual = scope.xpath(r.actual);
  c.message_zh = scope.message(r.message_zh);
  c.message_en = scope.message(r.message_en);
  c.undecided_zh = scope.message(r.undecided_zh);
  c.undecided_en = scope.message(r.undecided_en);
}

void compile_pattern_form(Rule& r, const Checked& checked, CompiledRule& c) {
  if (!r.lets.empty()) throw std::runtime_error(checked.where + ": <let> is for the XPath kinds; a pattern's message has {match}-style placeholders");
  std::set<std::string> placeholders = {"match"};
  if (!r.levels.empty()) placeholders.insert("previous");
  if (!r.series.empty()) placeholders.insert({"previous", "expected"});
  if (!r.equals.empty()) placeholders.insert({"number", "expected"});
  for (const std::string* m : {&r.message_zh, &r.message_en}) check_placeholders(*m, placeholders, checked.where);
  for (const std::string* m : {&r.hedged_zh, &r.hedged_en}) check_placeholders(*m, {"hedge"}, checked.where);
  c.equals = checked.xpath(r.equals);
  Checked expect = checked;
  expect.variables = {"stated", "expected"};
  c.expect = expect.xpath(r.expect);
}

void compile_rule(Rule& r, const CheckSource& s) {
  if (r.message_zh.empty() || r.message_en.empty()) s.fail("needs a message in zh and in en");
  if (r.summary_zh.empty() || r.summary_en.empty()) s.fail("needs a summary in zh and in en");
  auto c = std::make_shared<CompiledRule>();
  const Checked checked{s.checked_before ? nullptr : &s.context.names->get(), {}, s.where};
  if (r.kind == "engine" || r.kind == "exceptions") {}
  else if (!r.context.empty()) compile_xpath_form(r, checked, *c);
  else compile_pattern_form(r, checked, *c);
  r.compiled = std::move(c);
}

// Severity, profiles, formats and conversions: the check's own, else the file's.
void read_applies(xmlNode* n, Rule& r, const std::string& where) {
  if (const std::string severity = xml_attr(n, "severity"); !severity.empty() && !parse_severity(severity, r.severity))
    throw std::runtime_error(where + ": bad severity " + severity);
  if (xmlHasProp(n, reinterpret_cast<const xmlChar*>("profiles"))) {
    r.profiles = words_of(xml_attr(n, "profiles"));
    if (r.profiles == std::vector<std::string>{"*"}) r.profiles.clear();
  }
  if (xmlHasProp(n, reinterpret_cast<const xmlChar*>("formats"))) r.formats = words_of(xml_attr(n, "formats"));
  if (xmlHasProp(n, reinterpret_cast<const xmlChar*>("conversions"))) r.skips_conversions = xml_attr(n, "conversions") == "skip";
}

// A variable for the messages: an XPath value, or the words of the first
// <case> whose test holds (conditions as data, not string arithmetic).
Let read_let(xmlNode* n) {
  Let let{xml_attr(n, "name"), xml_attr(n, "value"), {}};
  for (xmlNode* c = n->children; c; c = c->next)
    if (xml_is(c, "case")) let.choices.push_back({xml_attr(c, "test"), xml_attr(c, "zh"), xml_attr(c, "en")});
  return let;
}

void read_words(xmlNode* n, Rule& r) {
  for (xmlNode* c = n->children; c; c = c->next) {
    const bool en = xml_attr(c, "lang") == "en";
    if (xml_is(c, "summary")) (en ? r.summary_en : r.summary_zh) = xml_text(c);
    else if (xml_is(c, "basis")) (en ? r.basis_en : r.basis_zh) = xml_text(c);
    else if (xml_is(c, "fix")) (en ? r.fix_en : r.fix_zh) = xml_text(c);
    else if (xml_is(c, "message")) (en ? r.message_en : r.message_zh) = xml_text(c);
    else if (xml_is(c, "undecided")) (en ? r.undecided_en : r.undecided_zh) = xml_text(c);
    else if (xml_is(c, "let")) r.lets.push_back(read_let(c));
  }
}

// Example text as written inside an element: the newlines and spaces that
// indent it in the file are not the report's (tabs are: they make cells).
std::string snippet(xmlNode* n) {
  std::string text = xml_text(n);
  const std::size_t begin = text.find_first_not_of("\n ");
  const std::size_t end = text.find_last_not_of("\n ");
  return begin == std::string::npos ? std::string() : text.substr(begin, end - begin + 1);
}

ExampleInput read_input(xmlNode* n) {
  ExampleInput in;
  for (xmlNode* c = n->children; c; c = c->next) {
    if (xml_is(c, "input")) {
      in.format = xml_attr(c, "format").empty() ? "text" : xml_attr(c, "format");
      in.base64 = xml_attr(c, "encoding") == "base64";
      in.text = snippet(c);
    } else if (xml_is(c, "edit")) {
      in.edits.push_back({xml_attr(c, "line"), xml_attr(c, "after"), snippet(c)});
    }
  }
  return in;
}

Example read_example(xmlNode* n, const std::string& id) {
  Example e;
  e.rule = xml_attr(n, "rule").empty() ? id : xml_attr(n, "rule");
  e.fires = std::stoi(xml_attr(n, "fires"));  // the schema says it is a number
  e.line = static_cast<int>(xmlGetLineNo(n));
  e.says = xml_attr(n, "says");
  e.note = xml_attr(n, "note");
  e.published = xml_attr(n, "published");
  e.entity = xml_attr(n, "entity");
  e.input = read_input(n);
  if (xmlNode* previous = xml_child(n, "previous")) e.previous = std::make_shared<ExampleInput>(read_input(previous));
  return e;
}

// A check with <each> children stands for one copy per <each>, its
// attributes substituted for {$name} in the copy's attributes and texts.
class Expanded {
 public:
  explicit Expanded(xmlNode* check) {
    for (xmlNode* each = check->children; each; each = each->next) {
      if (!xml_is(each, "each")) continue;
      xmlNode* copy = xmlDocCopyNode(check, check->doc, 1);
      copies_.emplace_back(copy, xmlFreeNode);
      copy->line = each->line;  // errors point at the <each> that made it
      substitute(copy, each);
    }
    if (copies_.empty()) nodes_.push_back(check);
    for (const auto& c : copies_) nodes_.push_back(c.get());
  }
  const std::vector<xmlNode*>& nodes() const { return nodes_; }

 private:
  // Whether text named a variable of the <each> (then replaced in it).
  static bool replace_all(std::string& text, xmlNode* each) {
    if (text.find("{$") == std::string::npos) return false;  // most text names none
    for (xmlAttr* a = each->properties; a; a = a->next) {
      const std::string key = "{$" + std::string(reinterpret_cast<const char*>(a->name)) + "}";
      const std::string value = xml_attr(each, reinterpret_cast<const char*>(a->name));
      for (std::size_t at = text.find(key); at != std::string::npos; at = text.find(key, at + value.size()))
        text.replace(at, key.size(), value);
    }
    return true;
  }
  static void substitute(xmlNode* n, xmlNode* each) {
    for (xmlAttr* a = n->properties; a; a = a->next) {
      std::string value = xml_attr(n, reinterpret_cast<const char*>(a->name));
      if (replace_all(value, each)) xmlSetProp(n, a->name, reinterpret_cast<const xmlChar*>(value.c_str()));
    }
    for (xmlNode* c = n->children; c;) {
      xmlNode* next = c->next;
      if (xml_is(c, "each")) {
        xmlUnlinkNode(c);
        xmlFreeNode(c);
      } else if (c->type == XML_TEXT_NODE) {
        std::string text = reinterpret_cast<const char*>(c->content);
        if (replace_all(text, each)) xmlNodeSetContent(c, reinterpret_cast<const xmlChar*>(text.c_str()));
      } else {
        substitute(c, each);
      }
      c = next;
    }
  }
  std::vector<std::unique_ptr<xmlNode, decltype(&xmlFreeNode)>> copies_;
  std::vector<xmlNode*> nodes_;
};

bool is_documentation(xmlNode* c) {
  return xml_is(c, "summary") || xml_is(c, "basis") || xml_is(c, "fix") || xml_is(c, "example");
}

// Where a rule file's examples begin (they come last, rule.rng): the first
// <example> tag outside comments and CDATA; npos when there is none.
std::size_t examples_start(std::string_view text) {
  for (std::size_t i = text.find('<'); i != std::string_view::npos; i = text.find('<', i + 1)) {
    const std::string_view rest = text.substr(i);
    const auto skip_to = [&](std::string_view end) { return text.find(end, i); };
    if (rest.starts_with("<!--")) i = skip_to("-->");
    else if (rest.starts_with("<![CDATA[")) i = skip_to("]]>");
    else if (rest.starts_with("<example") && rest.size() > 8 && (rest[8] == ' ' || rest[8] == '>' || rest[8] == '/' || rest[8] == '\n'))
      return i;
    if (i == std::string_view::npos) return i;
  }
  return std::string_view::npos;
}

// A rule file as loaded: without its examples unless they are wanted (the
// file cut before them and closed); the whole file when the cut one does
// not parse, so that its errors are the file's own.
XmlDoc read_rule_file(const std::string& path, const std::string& bytes, const RuleContext& context) {
  // NOENT: a rule file may name repeated words as entities of its internal
  // DTD; external ones are refused (doc/xml.h).
  constexpr int options = XML_PARSE_NOENT;
  if (const std::size_t cut = context.with_examples ? std::string::npos : examples_start(bytes); cut != std::string::npos) {
    try {
      return parse_data(bytes.substr(0, cut) + "</rule>\n", path, options);
    } catch (const std::runtime_error&) {
    }
  }
  return parse_data(bytes, path, options);
}

std::string where_in(const std::string& file, xmlNode* n, const std::string& id) {
  return file + ":" + std::to_string(xmlGetLineNo(n)) + ": rule " + id;
}

}  // namespace

std::vector<Rule> load_rules(const std::string& path, const RuleContext& context) {
  const std::string bytes = read_data_bytes(path, limits::rule_file_bytes);
  // The examples are validated only when read: a file known without them is
  // not yet known with them.
  const std::string variant = context.with_examples ? "with-examples" : "checks";
  const bool known = context.validated && context.validated->known(path, variant);
  const XmlDoc doc = read_rule_file(path, bytes, context);
  xmlNode* root = xmlDocGetRootElement(doc.get());
  const std::string id = root ? xml_attr(root, "id") : "";
  if (root == nullptr) throw std::runtime_error(path + ": empty");
  if (!known) {
    check_vocabulary(root, context.rule_words->get(), path, id);
    validate(doc, path, context.schema_dir + "/rule.rng", id.empty() ? "" : "rule " + id);
  }
  Rule header;
  header.id = id;
  header.source_file = path;
  header.profiles = context.default_profiles;
  read_applies(root, header, where_in(path, root, id));
  read_words(root, header);
  auto examples = std::make_shared<std::vector<Example>>();
  for (xmlNode* c = root->children; c; c = c->next)
    if (xml_is(c, "example")) examples->push_back(read_example(c, id));
  header.examples = examples;
  std::vector<Rule> rules;
  for (xmlNode* c = root->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE || is_documentation(c)) continue;
    const std::string kind = reinterpret_cast<const char*>(c->name);
    const Expanded expanded(c);
    for (xmlNode* check : expanded.nodes()) {
      const CheckSource source{check, context, where_in(path, check, id), known};
      Rule base = header;
      base.kind = kind;
      base.source_line = static_cast<int>(xmlGetLineNo(check));
      read_applies(check, base, source.where);
      read_words(check, base);
      for (Rule& r : kind_reader(kind)(source, std::move(base))) {  // the schema admits only known kinds
        compile_rule(r, source);
        rules.push_back(std::move(r));
      }
    }
  }
  if (context.validated && !known) context.validated->add(path, variant);  // loaded whole: every check passed
  return rules;
}

namespace {

// A bundled file, loaded and checked to hold the rule its name says.
std::vector<Rule> load_named_file(const std::filesystem::path& f, const RuleContext& context) {
  auto rules = load_rules(f.string(), context);
  if (!rules.empty() && rules.front().id != f.stem().string())
    throw std::runtime_error(f.string() + ": holds rule " + rules.front().id + ": a bundled rule file is named by its ID");
  return rules;
}

// Loading runs beside the reading of the first input, and outlasts a small
// PDF's: two loaders take the files in turn, so the core the reader frees
// is not left idle while it waits for the rules.
constexpr unsigned rule_loaders = 2;

}  // namespace

std::vector<Rule> load_rule_dir(const std::string& dir, const RuleContext& context) {
  namespace fs = std::filesystem;
  std::vector<fs::path> files;
  if (std::error_code ec; !fs::is_directory(dir, ec)) throw std::runtime_error("no folder " + dir + " (the rule files)");
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file() && e.path().extension() == ".xml") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  std::vector<std::vector<Rule>> loaded(files.size());
  std::vector<std::exception_ptr> failed(files.size());
  std::atomic<std::size_t> next = 0;
  auto load = [&] {
    for (std::size_t i; (i = next++) < files.size();) {
      try {
        loaded[i] = load_named_file(files[i], context);
      } catch (...) {
        failed[i] = std::current_exception();
      }
    }
  };
  std::vector<std::future<void>> loaders;
  for (unsigned k = 1; k < rule_loaders; ++k) loaders.push_back(std::async(std::launch::async, load));
  load();
  for (auto& l : loaders) l.get();
  std::vector<Rule> rules;
  for (std::size_t i = 0; i < files.size(); ++i) {  // in path order, the first error first
    if (failed[i]) std::rethrow_exception(failed[i]);
    std::move(loaded[i].begin(), loaded[i].end(), std::back_inserter(rules));
  }
  return rules;
}

void link_rules(std::vector<Rule>& rules) {
  std::map<std::string, std::string> file_of;
  for (const auto& r : rules)
    if (const auto [at, added] = file_of.emplace(r.id, r.source_file); !added && at->second != r.source_file)
      throw std::runtime_error(r.source_file + ": rule " + r.id + " is already defined in " + at->second + " (one file per rule ID)");
  for (auto& r : rules) {
    if (r.except.empty()) continue;
    const auto list = std::find_if(rules.begin(), rules.end(),
                                   [&](const Rule& e) { return e.id == r.except && e.kind == "exceptions"; });
    if (list == rules.end() || !list->pattern)
      throw std::runtime_error(r.source_file + ":" + std::to_string(r.source_line) + ": rule " + r.id + ": except names no exceptions rule " + r.except);
    r.except_pattern = list->pattern;
  }
}

}  // namespace ogi
